"""The proof that no input gives a server error: Schemathesis generates requests, valid and
invalid, for every operation in the OpenAPI document, sent as each role. Bounded in time:
SCHEMATHESIS_EXAMPLES examples per operation, mode and role (3 unless set), all in one
department per role."""

import json
import os
from urllib.parse import urlencode

import pytest
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.core import NOT_SET

from insideout.accounts.models import ApiToken
from insideout.api.urls import api

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "3"))


def send(case, token: str):
    """The generated request, through Django's test client (so inside the test's transaction)."""
    query = urlencode(case.query or {}, doseq=True)
    body = "" if case.body is NOT_SET else case.body
    if not isinstance(body, str | bytes):
        body = json.dumps(body)
    return Client(raise_request_exception=False).generic(
        case.method,
        case.formatted_path + (f"?{query}" if query else ""),
        body,
        content_type=case.media_type or "application/json",
        headers={**(case.headers or {}), "Authorization": f"Bearer {token}"},
    )


def server_errors(operation, mode: GenerationMode, token: str) -> list[str]:
    found: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case) -> None:
        response = send(case, token)
        if response.status_code >= 500 and len(found) < 3:
            found.append(
                f"{case.method} {case.formatted_path} ({mode.value}): query {case.query!r} "
                f"body {case.body!r}"[:500]
            )

    check()
    return found


ROLES = [
    "admin_user",
    "centre_lead",
    "centre_officer",
    "analyst",
    "doer_lead",
    "doer_member",
    "frontline_partner",
    "provider",
]


@pytest.mark.parametrize("role", ROLES)
def test_no_generated_request_gets_a_server_error(role, request, world):
    token = ApiToken.issue(request.getfixturevalue(role), "schemathesis")[1]
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
    errors = [
        error
        for result in schema.get_all_operations()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        for error in server_errors(result.ok(), mode, token)
    ]
    assert errors == [], "\n".join(errors)
