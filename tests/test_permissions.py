"""The permission matrix: each role against each page and each API endpoint."""

import datetime
import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from insideout.api.urls import api
from insideout.vocabulary import Role
from tests.pages import (
    ANONYMOUS,
    CENTRE_STAFF,
    PAGES,
    POST_ONLY,
    PULSE_RUNNERS,
    expected_status,
)

ROLES = [ANONYMOUS, *Role.values]


def named_routes(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_page_is_in_the_matrix():
    site_pages = {
        name for name in named_routes(get_resolver()) if not name.startswith(("admin:", "api:"))
    }
    listed = {page.url_name for page in PAGES} | POST_ONLY
    assert site_pages - listed == set(), "add these pages to tests/pages.py"
    assert listed - site_pages == set(), "tests/pages.py lists pages that no longer exist"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.id)
def test_page_permissions(client, world, page, role, person_in_role):
    if person_in_role is not None:
        client.force_login(person_in_role)
    response = client.get(reverse(page.url_name, args=page.args(world)))
    assert response.status_code == expected_status(page, role)
    if response.status_code == 302 and role == ANONYMOUS:
        assert response["Location"].startswith(reverse("accounts:sign_in"))


@pytest.mark.parametrize("url_name", sorted(POST_ONLY))
def test_post_only_pages_refuse_get(client, admin_user, url_name):
    client.force_login(admin_user)
    args = [] if url_name == "accounts:sign_out" else [1]
    assert client.get(reverse(url_name, args=args)).status_code == 405


def api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [
        (method.upper(), path) for path, methods in schema["paths"].items() for method in methods
    ]


def fill_path(path: str, world, method: str) -> str:
    pulse = world.open_pulse if path.endswith("/close") or method == "GET" else world.draft_pulse
    return (
        path.replace("{unit_id}", str(world.unit.pk))
        .replace("{organisation_id}", str(world.school.pk))
        .replace("{person_id}", str(world.colleague.pk))
        .replace("{pulse_id}", str(pulse.pk))
        .replace("{invitation_id}", str(world.invitation.pk))
        .replace("{ask_id}", str(world.ask.pk))
        .replace("{token_id}", str(world.token.pk))
    )


def request_body(operation: tuple[str, str], world) -> dict | None:
    """A valid body for each operation that takes one, so the matrix tests permission alone."""
    today = timezone.localdate()
    return {
        ("POST", "/api/v1/questions"): {
            "code": "ofsted-ready",
            "kind": "free_text",
            "text": "Are you ready for inspection?",
        },
        ("POST", "/api/v1/pulses"): {
            "title": "Summer pulse",
            "opens_on": str(today),
            "closes_on": str(today + datetime.timedelta(days=7)),
            "unit_ids": [world.unit.pk],
            "question_codes": ["recommend"],
        },
        ("POST", "/api/v1/pulses/{pulse_id}/close"): {"playback": "We heard you."},
        ("POST", "/api/v1/invitations/{invitation_id}/response"): {},
        ("POST", "/api/v1/asks"): {
            "title": "Training on the new phonics scheme",
            "category": "training",
            "organisation": world.school.external_id,
        },
        ("POST", "/api/v1/asks/{ask_id}/transitions"): {"action": "acknowledge"},
        ("POST", "/api/v1/triage-rules"): {"unit_id": world.unit.pk, "keywords": "boiler"},
    }.get(operation)


# Every API operation and what each role gets. A new endpoint fails the next test until it is
# added here.
STAFF_ONLY = {role: 200 if role in CENTRE_STAFF else 403 for role in Role.values}
RUNNERS_ONLY = {role: 200 if role in PULSE_RUNNERS else 403 for role in Role.values}
ASK_SEERS = {role: 404 if role == Role.FRONTLINE_PARTNER else 200 for role in Role.values}
API_MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/api/v1/me"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/tokens"): {role: 200 for role in Role.values},
    # Another person's token: to everyone else it does not exist.
    ("DELETE", "/api/v1/tokens/{token_id}"): {role: 404 for role in Role.values},
    ("GET", "/api/v1/units"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/units/{unit_id}"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/organisations"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/organisations/{organisation_id}"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/people"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/people/{person_id}"): {
        **{role: 200 for role in Role.values},
        Role.FRONTLINE_PARTNER: 404,
    },
    ("GET", "/api/v1/questions"): STAFF_ONLY,
    ("POST", "/api/v1/questions"): RUNNERS_ONLY | {Role.ADMIN: 201, Role.CENTRE_LEAD: 201},
    ("GET", "/api/v1/pulses"): STAFF_ONLY,
    ("POST", "/api/v1/pulses"): RUNNERS_ONLY | {Role.ADMIN: 201, Role.CENTRE_LEAD: 201},
    ("GET", "/api/v1/pulses/{pulse_id}"): STAFF_ONLY,
    ("POST", "/api/v1/pulses/{pulse_id}/launch"): RUNNERS_ONLY,
    ("POST", "/api/v1/pulses/{pulse_id}/close"): RUNNERS_ONLY,
    ("GET", "/api/v1/pulses/{pulse_id}/response-rates"): STAFF_ONLY,
    ("GET", "/api/v1/invitations"): {role: 200 for role in Role.values},
    # Only the person invited may answer; to everyone else the invitation does not exist.
    ("POST", "/api/v1/invitations/{invitation_id}/response"): {role: 404 for role in Role.values},
    ("GET", "/api/v1/invitations/{invitation_id}/response"): {role: 404 for role in Role.values},
    ("GET", "/api/v1/scorecards/units"): STAFF_ONLY,
    ("GET", "/api/v1/scorecards/units/{unit_id}"): STAFF_ONLY,
    # Doers raise for their own organisation (the school); centre staff log asks for doers.
    ("POST", "/api/v1/asks"): {**{role: 201 for role in Role.values}, Role.FRONTLINE_PARTNER: 403},
    ("GET", "/api/v1/asks"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/asks/similar"): {role: 200 for role in Role.values},
    # The school's ask, with the unit: to those who may not see it, it does not exist.
    ("GET", "/api/v1/asks/{ask_id}"): ASK_SEERS,
    ("GET", "/api/v1/asks/{ask_id}/events"): ASK_SEERS,
    ("POST", "/api/v1/asks/{ask_id}/transitions"): {
        **ASK_SEERS,
        Role.ANALYST: 403,
        Role.DOER_LEAD: 403,
        Role.DOER_MEMBER: 403,
    },
    ("POST", "/api/v1/asks/{ask_id}/supporters"): {
        role: 403 if role in CENTRE_STAFF else 201 for role in Role.values
    },
    ("GET", "/api/v1/triage-rules"): RUNNERS_ONLY,
    ("POST", "/api/v1/triage-rules"): RUNNERS_ONLY | {Role.ADMIN: 201, Role.CENTRE_LEAD: 201},
}


def test_every_api_operation_is_in_the_matrix():
    assert set(api_operations()) == set(API_MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(API_MATRIX), ids=lambda op: " ".join(op))
def test_api_permissions(client, world, operation, role, person_in_role):
    from insideout.accounts.models import ApiToken

    method, path = operation
    headers = {}
    if person_in_role is not None:
        _, raw = ApiToken.issue(person_in_role, "matrix")
        headers["Authorization"] = f"Bearer {raw}"
    body = request_body(operation, world)
    response = client.generic(
        method,
        fill_path(path, world, method),
        json.dumps(body) if body is not None else "",
        content_type="application/json",
        headers=headers,
    )
    expected = 401 if role == ANONYMOUS else API_MATRIX[operation][role]
    assert response.status_code == expected
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"
