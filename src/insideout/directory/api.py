from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router
from ninja.pagination import paginate

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.vocabulary import Role
from insideout.web.limits import Id, Pagination, Search

from .access import people_visible_to, units_visible_to
from .schemas import OrganisationOut, OrganisationQuery, PersonOut, UnitOut
from .services import OrganisationFilters, search_organisations, search_people

router = Router(tags=["directory"])


@router.get("/units", response=list[UnitOut], summary="List centre units")
@paginate(Pagination)
def list_units(request: AuthenticatedHttpRequest, parent: Id | None = None, q: Search = ""):
    """The department's units; `parent` narrows to one unit's direct children."""
    units = units_visible_to(request.user).order_by("name", "pk")
    if parent is not None:
        units = units.filter(parent_id=parent)
    if q:
        units = units.filter(name__icontains=q)
    return units


@router.get("/units/{unit_id}", response=UnitOut, summary="Get a centre unit")
def get_unit(request: AuthenticatedHttpRequest, unit_id: Id):
    return get_object_or_404(units_visible_to(request.user), pk=unit_id)


@router.get("/organisations", response=list[OrganisationOut], summary="List doer organisations")
@paginate(Pagination)
def list_organisations(request: AuthenticatedHttpRequest, filters: Query[OrganisationQuery]):
    return search_organisations(
        request.user,
        OrganisationFilters(
            q=filters.q,
            type=filters.type or "",
            sector=filters.sector or "",
            region=filters.region,
            local_authority=filters.local_authority,
        ),
    )


@router.get(
    "/organisations/{organisation_id}", response=OrganisationOut, summary="Get a doer organisation"
)
def get_organisation(request: AuthenticatedHttpRequest, organisation_id: Id):
    return get_object_or_404(
        search_organisations(request.user, OrganisationFilters()), pk=organisation_id
    )


@router.get("/people", response=list[PersonOut], summary="List people you may see")
@paginate(Pagination)
def list_people(request: AuthenticatedHttpRequest, q: Search = "", role: Role | None = None):
    """Centre staff see everyone; a doer sees their own organisation's people and centre staff."""
    return search_people(request.user, q=q, role=role or "").prefetch_related("memberships")


@router.get("/people/{person_id}", response=PersonOut, summary="Get a person")
def get_person(request: AuthenticatedHttpRequest, person_id: Id):
    people = people_visible_to(request.user).prefetch_related("memberships")
    return get_object_or_404(people, pk=person_id)


@router.get("/me", response=PersonOut, summary="Who the token or session belongs to")
def me(request: HttpRequest):
    return request.user
