"""No generated request gets a server error from the catalogue, cases and HSDS operations, sent
by the roles that use them: Schemathesis, valid and invalid requests, bounded in time."""

import pytest
import schemathesis
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from insideout.accounts.models import ApiToken
from insideout.api.hsds import hsds_api
from insideout.api.urls import api
from tests.test_api_fuzz import server_errors

OURS = ("/api/v1/catalogue", "/api/v1/cases", "/api/v1/pulls", "/api/v1/unmet-needs")


def errors_in(schema: dict, token: str, prefixes=("/",)) -> list[str]:
    found = []
    for result in schemathesis.openapi.from_dict(schema).get_all_operations():
        if not result.ok().path.startswith(prefixes):
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                found += server_errors(result.ok(), mode, token)
            except Unsatisfiable:  # nothing invalid to send to `/`, which takes no input
                continue
    return found


@pytest.mark.parametrize("role", ["frontline_partner", "provider", "analyst"])
def test_no_generated_request_to_cases_or_the_catalogue_gets_a_server_error(role, request, world):
    token = ApiToken.issue(request.getfixturevalue(role), "schemathesis")[1]
    errors = errors_in(api.get_openapi_schema(), token, OURS)
    assert errors == [], "\n".join(errors)


def test_no_generated_request_to_the_hsds_api_gets_a_server_error(db, world):
    errors = errors_in(hsds_api.get_openapi_schema(), "none")
    assert errors == [], "\n".join(errors)
