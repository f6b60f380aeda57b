"""The Content-Security-Policy header built once gives exactly what django-csp gives."""

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse, JsonResponse
from django.test import RequestFactory

from insideout.web.csp import ContentSecurityPolicyMiddleware

HEADER = "Content-Security-Policy"


def both(make_response, use_nonce: bool, path: str = "/"):
    """The headers from django-csp's middleware and from ours, for the same request."""
    request = RequestFactory().get(path)
    ours, theirs = (
        ContentSecurityPolicyMiddleware(lambda r: make_response()),
        CSPMiddleware(lambda r: make_response()),
    )
    ours.process_request(request)
    nonce = str(request.csp_nonce) if use_nonce else None
    responses = [m.process_response(request, make_response()) for m in (ours, theirs)]
    return responses, nonce


@pytest.mark.parametrize("use_nonce", [True, False])
def test_the_header_is_django_csps_with_or_without_a_nonce(use_nonce):
    (ours, theirs), nonce = both(lambda: HttpResponse("<p>page</p>"), use_nonce)
    assert ours[HEADER] == theirs[HEADER]
    assert (f"'nonce-{nonce}'" in ours[HEADER]) is use_nonce
    assert "Content-Security-Policy-Report-Only" not in ours


def test_a_view_that_changes_its_policy_or_is_exempt_gets_what_django_csp_gives():
    def updated():
        response = JsonResponse({})
        response._csp_update = {"img-src": ["https://maps.example.org"]}
        return response

    def exempt():
        response = JsonResponse({})
        response._csp_exempt = True
        return response

    (ours, theirs), _ = both(updated, use_nonce=False)
    assert "https://maps.example.org" in ours[HEADER] and ours[HEADER] == theirs[HEADER]
    (ours, theirs), _ = both(exempt, use_nonce=False)
    assert HEADER not in ours and HEADER not in theirs


def test_a_changed_setting_is_read_again(settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    (ours, theirs), _ = both(lambda: HttpResponse(""), use_nonce=False)
    assert ours[HEADER] == theirs[HEADER] == "default-src 'none'"
