"""The permission matrix: each role against each page and each API endpoint."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from insideout.api.urls import api
from insideout.directory.models import Role
from tests.pages import ANONYMOUS, PAGES, POST_ONLY, expected_status

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
        name for name in named_routes(get_resolver())
        if not name.startswith(("admin:", "api:"))
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
    args = [1] if url_name == "accounts:revoke_token" else []
    assert client.get(reverse(url_name, args=args)).status_code == 405


def api_operations() -> list[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return [(method.upper(), path) for path, methods in schema["paths"].items()
            for method in methods]


def fill_path(path: str, world) -> str:
    return (path.replace("{unit_id}", str(world.unit.pk))
            .replace("{organisation_id}", str(world.school.pk))
            .replace("{person_id}", str(world.colleague.pk)))


# Every API operation and what each role gets. A new endpoint fails the next test until it is
# added here.
API_MATRIX: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/api/v1/me"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/units"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/units/{unit_id}"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/organisations"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/organisations/{organisation_id}"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/people"): {role: 200 for role in Role.values},
    ("GET", "/api/v1/people/{person_id}"): {
        **{role: 200 for role in Role.values}, Role.FRONTLINE_PARTNER: 404,
    },
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
    response = client.generic(method, fill_path(path, world), headers=headers)
    expected = 401 if role == ANONYMOUS else API_MATRIX[operation][role]
    assert response.status_code == expected
    if expected >= 400:
        assert response["Content-Type"] == "application/problem+json"
