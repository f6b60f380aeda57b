"""The Content-Security-Policy header, built from the settings once rather than for every response.

django-csp builds the policy twice for every response (the policy and the report-only one),
which cost more than anything else a small response does. The policy from the settings is the
same for every response but for its nonce, so it is built once, with a mark where the nonce goes.
"""

from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponseBase

NONCE_MARK = "insideout-nonce-mark"
# Where a view changes its own policy (django-csp's decorators), django-csp builds it.
CHANGES = [f"_csp_{what}{ro}" for what in ("config", "update", "replace") for ro in ("", "_ro")]
HEADERS = [
    (HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt", False),
    (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro", True),
]


@cache
def settings_policy(report_only: bool, with_nonce: bool) -> str:
    """The policy the settings give, with NONCE_MARK for the nonce if there is one."""
    return build_policy(nonce=NONCE_MARK if with_nonce else None, report_only=report_only)


@receiver(setting_changed)
def forget_policy(setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        settings_policy.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, giving the same headers, with the settings' policy built once."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if any(getattr(response, change, None) is not None for change in CHANGES):
            return super().process_response(request, response)
        if response.status_code in (404, 500) and settings.DEBUG:
            return response  # Django's debug pages, as django-csp leaves them
        nonce = getattr(request, "_csp_nonce", None)
        for header, setting, exempt, report_only in HEADERS:
            policy = settings_policy(report_only, nonce is not None)
            excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if (
                policy
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(tuple(excluded))
            ):
                response[header] = policy.replace(NONCE_MARK, nonce) if nonce else policy
        if nonce is None:  # a nonce asked for now could no longer be in the header
            # django-csp's attribute (templates read it); django-stubs cannot declare it.
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
