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
    DEMAND_ANALYSTS,
    PAGES,
    POST_ONLY,
    PULSE_RUNNERS,
    THEME_SHAPERS,
    UNIT_STAFF,
    demand,
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
        # The HSDS API is an API too: public, tested in catalogue/tests/test_hsds_api.py.
        name
        for name in named_routes(get_resolver())
        if not name.startswith(("admin:", "api:", "hsds:"))
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
        .replace("{service_id}", str(world.service.pk))
        .replace("{case_id}", str(world.case.pk))
        .replace("{need_id}", str(world.need.pk))
        .replace("{pull_id}", str(world.pull.pk))
        .replace("{text_set_id}", str(world.text_set.pk))
        .replace("{theme_id}", str(world.theme.pk))
        .replace("{framework_id}", str(world.framework.pk))
        .replace("{requirement_id}", str(requirement_for(path, world).pk))
        .replace("{proposal_id}", str(world.change_proposal.pk))
        .replace("{priority_id}", str(world.priority.pk))
        .replace("{measure_id}", str(world.measure.pk))
        .replace("{link_id}", str(world.priority_link.pk))
        .replace("{contact_id}", str(demand(world).contact.pk) if "{contact_id}" in path else "")
    )


def requirement_for(path: str, world):
    """Scrutiny's operations are on the unit's proposal; the rest on the return in force."""
    at_scrutiny = path.startswith("/api/v1/requirements/") and path.endswith(
        ("/assessment", "/decision", "/consultation")
    )
    return world.proposed_requirement if at_scrutiny else world.requirement


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
        **demand_bodies(operation, world),
        **case_work_bodies(world),
        **burdens_bodies(world),
        ("POST", "/api/v1/text-sets"): {"name": "This term's asks", "source": "asks"},
        ("PATCH", "/api/v1/themes/{theme_id}"): {"label": "Car parking"},
        ("POST", "/api/v1/frameworks/{framework_id}/assignments"): {
            "texts": ["Nowhere to park again"]
        },
    }.get(operation)


def burdens_bodies(world) -> dict:
    """Bodies for the burdens and priorities operations."""
    today = timezone.localdate()
    path = "/api/v1/requirements/{requirement_id}"
    return {
        ("POST", "/api/v1/requirements"): {
            "title": "Termly attendance return",
            "kind": "return",
            "owner_unit_id": world.unit.pk,
            "frequency": "termly",
            "first_due_on": str(today + datetime.timedelta(days=30)),
            "estimated_hours": "2",
            "starts_on": str(today),
            "audience_types": ["school"],
        },
        ("POST", f"{path}/assessment"): {"offsets": []},
        ("POST", f"{path}/decision"): {"decision": "send_back", "reason": "Use the census"},
        ("POST", f"{path}/consultation"): {"closes_on": str(today + datetime.timedelta(days=14))},
        ("POST", f"{path}/reports"): {
            "due_on": str(today - datetime.timedelta(days=10)),
            "hours": "3",
            "usefulness": 2,
        },
        ("POST", f"{path}/proposals"): {
            "action": "simplify",
            "reason": "Pre-fill it from the census",
            "suggested_hours": "1",
        },
        ("POST", "/api/v1/burden-proposals/{proposal_id}/decision"): {
            "accept": False,
            "reason": "Inspectors still need it",
        },
        ("POST", "/api/v1/burden-budget"): {"ratio": "2", "applies_from": str(today)},
        ("POST", "/api/v1/priorities"): {
            "title": "Safer streets",
            "statement": "Fewer burglaries in every town.",
            "owner_unit_id": world.unit.pk,
        },
        ("PUT", "/api/v1/priorities/weights"): {"weights": {str(world.priority.pk): 40}},
        ("POST", "/api/v1/priorities/{priority_id}/measures"): {
            "name": "Burglaries a month",
            "direction": "lower",
        },
        ("POST", "/api/v1/measures/{measure_id}/points"): {
            "period_start": "2026-11-01",
            "value": "95",
        },
        ("POST", "/api/v1/priorities/{priority_id}/links"): {
            "kind": "requirement",
            "id": str(world.requirement.pk),
        },
    }


def case_work_bodies(world) -> dict:
    """Bodies for the catalogue and case operations."""
    service = {
        "name": "Tenancy rescue",
        "description": "Help to keep a home: arrears, notices, landlords.",
        "categories": ["housing"],
        "area_codes": ["E08000035"],
    }
    return {
        ("POST", "/api/v1/catalogue/services"): service,
        ("PUT", "/api/v1/catalogue/services/{service_id}"): service,
        ("PUT", "/api/v1/catalogue/services/{service_id}/capacity"): {"places": 3},
        ("POST", "/api/v1/cases"): {"reference": "KM-0412", "local_authority": "E08000035"},
        ("POST", "/api/v1/cases/{case_id}/consent"): {"given": True},
        ("PUT", "/api/v1/cases/{case_id}/what-matters"): {"what_matters": "Staying near my mum"},
        ("POST", "/api/v1/cases/{case_id}/goals"): {"text": "A home of our own by summer"},
        ("POST", "/api/v1/cases/{case_id}/needs"): {"category": "food", "text": "Food this week"},
        ("POST", "/api/v1/cases/{case_id}/needs/{need_id}/unmet"): {"note": "Nothing for us"},
        ("POST", "/api/v1/pulls"): {
            "need_id": world.need.pk,
            "service_id": str(world.other_service.pk),
            "note_for_provider": "Behind on rent since May.",
        },
        ("POST", "/api/v1/pulls/{pull_id}/transitions"): {"action": "accept"},
        ("POST", "/api/v1/unmet-needs/answers"): {
            "service_id": str(world.service.pk),
            "category": "housing",
        },
    }


def demand_bodies(operation: tuple[str, str], world) -> dict:
    """Bodies for the demand operations; the demand objects are made only for those."""
    if "/demand/" not in operation[1] or operation[0] == "GET":
        return {}
    contact = {
        "service": demand(world).service.code,
        "channel": "phone",
        "text": "Where is my grant?",
    }
    return {
        ("POST", "/api/v1/demand/contacts"): contact,
        ("POST", "/api/v1/demand/contacts/bulk"): {"contacts": [contact, contact]},
        ("PUT", "/api/v1/demand/contacts/{contact_id}/label"): {"demand_type": "value"},
        ("POST", "/api/v1/demand/rules"): {
            "keywords": "still waiting",
            "demand_type": "failure",
            "failure_cause": "progress_chasing",
        },
    }


# Every API operation and what each role gets. A new endpoint fails the next test until it is
# added here.
STAFF_ONLY = {role: 200 if role in CENTRE_STAFF else 403 for role in Role.values}
RUNNERS_ONLY = {role: 200 if role in PULSE_RUNNERS else 403 for role in Role.values}
# Frontline partners and service providers work outside the doers' asks.
OUTSIDE_ASKS = {Role.FRONTLINE_PARTNER, Role.PROVIDER}
ASK_SEERS = {role: 404 if role in OUTSIDE_ASKS else 200 for role in Role.values}
EVERY_ROLE = {role: 200 for role in Role.values}


def only(roles: set[str], status: int = 200, refused: int = 404) -> dict[str, int]:
    """`status` for the roles given, `refused` (404: it does not exist for them) for the rest."""
    return {role: status if role in roles else refused for role in Role.values}


PARTNER_ONLY = only({Role.FRONTLINE_PARTNER})
DEMAND_ONLY = {role: 200 if role in DEMAND_ANALYSTS else 403 for role in Role.values}
DEMAND_CREATED = {Role.ADMIN: 201, Role.ANALYST: 201}
API_MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/api/v1/me"): {role: 200 for role in Role.values},
    # Only GOV.UK Notify, with its callback token, may post receipts: no person's token will do.
    ("POST", "/api/v1/notify/receipts"): {role: 401 for role in Role.values},
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
        Role.PROVIDER: 404,
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
    ("POST", "/api/v1/asks"): {
        **{role: 201 for role in Role.values},
        **{role: 403 for role in OUTSIDE_ASKS},
    },
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
    # The catalogue: anyone signed in reads it; providers keep their own services (admins any).
    ("GET", "/api/v1/catalogue/services"): EVERY_ROLE,
    ("GET", "/api/v1/catalogue/services/{service_id}"): EVERY_ROLE,
    ("POST", "/api/v1/catalogue/services"): only({Role.PROVIDER}, 201, refused=403),
    ("PUT", "/api/v1/catalogue/services/{service_id}"): only(
        {Role.PROVIDER, Role.ADMIN}, refused=403
    ),
    ("PUT", "/api/v1/catalogue/services/{service_id}/capacity"): only(
        {Role.PROVIDER, Role.ADMIN}, refused=403
    ),
    # Cases: their partners' only; to anyone else a case does not exist, admins included.
    ("GET", "/api/v1/cases"): EVERY_ROLE,
    ("POST", "/api/v1/cases"): only({Role.FRONTLINE_PARTNER}, 201, refused=403),
    ("GET", "/api/v1/cases/{case_id}"): PARTNER_ONLY,
    ("POST", "/api/v1/cases/{case_id}/consent"): PARTNER_ONLY,
    ("PUT", "/api/v1/cases/{case_id}/what-matters"): PARTNER_ONLY,
    ("POST", "/api/v1/cases/{case_id}/goals"): only({Role.FRONTLINE_PARTNER}, 201),
    ("POST", "/api/v1/cases/{case_id}/needs"): only({Role.FRONTLINE_PARTNER}, 201),
    ("GET", "/api/v1/cases/{case_id}/needs/{need_id}/suggestions"): PARTNER_ONLY,
    ("POST", "/api/v1/cases/{case_id}/needs/{need_id}/unmet"): only({Role.FRONTLINE_PARTNER}, 201),
    ("GET", "/api/v1/cases/{case_id}/events"): PARTNER_ONLY,
    ("GET", "/api/v1/cases/{case_id}/reads"): PARTNER_ONLY,
    ("GET", "/api/v1/cases/{case_id}/export"): PARTNER_ONLY,
    ("POST", "/api/v1/cases/{case_id}/erasure"): PARTNER_ONLY,
    ("POST", "/api/v1/pulls"): only({Role.FRONTLINE_PARTNER}, 201),
    ("GET", "/api/v1/pulls"): EVERY_ROLE,
    ("GET", "/api/v1/pulls/{pull_id}"): only({Role.FRONTLINE_PARTNER, Role.PROVIDER}),
    ("GET", "/api/v1/pulls/{pull_id}/events"): only({Role.FRONTLINE_PARTNER, Role.PROVIDER}),
    # The provider accepts; the partner sees the pull but may not accept it.
    ("POST", "/api/v1/pulls/{pull_id}/transitions"): only({Role.PROVIDER})
    | {Role.FRONTLINE_PARTNER: 403},
    ("GET", "/api/v1/unmet-needs"): STAFF_ONLY,
    ("POST", "/api/v1/unmet-needs/answers"): STAFF_ONLY,
    ("GET", "/api/v1/demand/services"): DEMAND_ONLY,
    ("GET", "/api/v1/demand/contacts"): DEMAND_ONLY,
    ("POST", "/api/v1/demand/contacts"): DEMAND_ONLY | DEMAND_CREATED,
    ("POST", "/api/v1/demand/contacts/bulk"): DEMAND_ONLY | DEMAND_CREATED,
    ("GET", "/api/v1/demand/contacts/{contact_id}"): DEMAND_ONLY,
    ("PUT", "/api/v1/demand/contacts/{contact_id}/label"): DEMAND_ONLY,
    ("GET", "/api/v1/demand/rules"): DEMAND_ONLY,
    ("POST", "/api/v1/demand/rules"): DEMAND_ONLY | DEMAND_CREATED,
    # No classifier has been trained in the matrix's world.
    ("GET", "/api/v1/demand/classifier"): DEMAND_ONLY | {Role.ADMIN: 404, Role.ANALYST: 404},
    ("POST", "/api/v1/demand/classifier/train"): DEMAND_ONLY | {Role.ADMIN: 202, Role.ANALYST: 202},
    ("GET", "/api/v1/demand/analysis/weekly-volume"): DEMAND_ONLY,
    ("GET", "/api/v1/demand/analysis/failure-share"): DEMAND_ONLY,
    ("GET", "/api/v1/demand/analysis/failure-causes"): DEMAND_ONLY,
    ("GET", "/api/v1/demand/analysis/end-to-end"): DEMAND_ONLY,
    ("GET", "/api/v1/demand/analysis/what-matters"): DEMAND_ONLY,
    ("GET", "/api/v1/demand/analysis/put-right"): DEMAND_ONLY,
    # Themes: centre staff read them; analysts, centre leads and admins shape them.
    ("GET", "/api/v1/text-sets"): STAFF_ONLY,
    ("POST", "/api/v1/text-sets"): {
        role: 202 if role in THEME_SHAPERS else 403 for role in Role.values
    },
    ("GET", "/api/v1/text-sets/{text_set_id}"): STAFF_ONLY,
    ("GET", "/api/v1/themes/{theme_id}"): STAFF_ONLY,
    ("PATCH", "/api/v1/themes/{theme_id}"): {
        role: 200 if role in THEME_SHAPERS else 403 for role in Role.values
    },
    ("GET", "/api/v1/themes/{theme_id}/texts"): STAFF_ONLY,
    ("GET", "/api/v1/frameworks"): STAFF_ONLY,
    ("POST", "/api/v1/frameworks/{framework_id}/assignments"): STAFF_ONLY,
    # Burdens: everyone signed in sees what is imposed; the owning unit proposes, a centre lead
    # outside it (here the admin) decides; the doers it lands on report; anyone proposes a cut.
    ("GET", "/api/v1/requirements"): EVERY_ROLE,
    ("POST", "/api/v1/requirements"): only(UNIT_STAFF, 201, 403),
    ("GET", "/api/v1/requirements/{requirement_id}"): EVERY_ROLE,
    ("GET", "/api/v1/requirements/{requirement_id}/events"): EVERY_ROLE,
    ("POST", "/api/v1/requirements/{requirement_id}/assessment"): {
        **only(UNIT_STAFF, 201),
        Role.ANALYST: 403,
    },
    ("POST", "/api/v1/requirements/{requirement_id}/decision"): {
        **only({Role.ADMIN}),
        **dict.fromkeys(CENTRE_STAFF - {Role.ADMIN}, 403),
    },
    ("POST", "/api/v1/requirements/{requirement_id}/consultation"): {
        **only(UNIT_STAFF, 201),
        Role.ANALYST: 403,
    },
    ("GET", "/api/v1/requirements/{requirement_id}/reports"): EVERY_ROLE,
    ("POST", "/api/v1/requirements/{requirement_id}/reports"): only(
        {Role.DOER_LEAD, Role.DOER_MEMBER}, 201, 403
    ),
    ("POST", "/api/v1/requirements/{requirement_id}/proposals"): dict.fromkeys(Role.values, 201),
    ("GET", "/api/v1/burden-proposals"): EVERY_ROLE,
    ("POST", "/api/v1/burden-proposals/{proposal_id}/decision"): only(PULSE_RUNNERS, 200, 403),
    ("GET", "/api/v1/burden-ledger"): EVERY_ROLE,
    ("GET", "/api/v1/burden-ledger/trend"): EVERY_ROLE,
    ("GET", "/api/v1/burden-budget"): STAFF_ONLY,
    ("POST", "/api/v1/burden-budget"): only({Role.ADMIN}, 201, 403),
    ("GET", "/api/v1/burden-calendar"): EVERY_ROLE,
    # Priorities: everyone signed in sees the mandate; leadership (here the admin) sets it; the
    # owning unit keeps its measures; centre staff link things to it.
    ("GET", "/api/v1/priorities"): EVERY_ROLE,
    ("POST", "/api/v1/priorities"): only({Role.ADMIN}, 201, 403),
    ("PUT", "/api/v1/priorities/weights"): only({Role.ADMIN}, 200, 403),
    ("GET", "/api/v1/priorities/{priority_id}"): EVERY_ROLE,
    ("POST", "/api/v1/priorities/{priority_id}/measures"): only(UNIT_STAFF, 201, 403),
    ("POST", "/api/v1/measures/{measure_id}/points"): only(UNIT_STAFF, 201, 403),
    ("GET", "/api/v1/priorities/{priority_id}/links"): STAFF_ONLY,
    ("POST", "/api/v1/priorities/{priority_id}/links"): only(CENTRE_STAFF, 201, 403),
    ("DELETE", "/api/v1/priority-links/{link_id}"): only(CENTRE_STAFF, 204, 403),
    ("GET", "/api/v1/priorities/{priority_id}/suggestions"): STAFF_ONLY,
    ("GET", "/api/v1/balance"): STAFF_ONLY,
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
