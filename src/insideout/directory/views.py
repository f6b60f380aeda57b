from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.web.pagination import paginate

from . import roles
from .access import can_see_people_of, memberships_visible_to, people_visible_to, units_visible_to
from .forms import OrganisationSearchForm, PeopleSearchForm
from .models import Organisation
from .services import (
    OrganisationFilters,
    organisation_breakdown,
    search_organisations,
    search_people,
    unit_tree,
)


@login_required
def units(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The centre as a tree: department, directorates, units, teams."""
    return render(request, "directory/units.html", {"tree": unit_tree(request.user)})


@login_required
def unit(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(units_visible_to(request.user), pk=unit_id)
    return render(
        request,
        "directory/unit.html",
        {
            "unit": unit,
            "children": unit.children.order_by("name"),
            "memberships": memberships_visible_to(request.user)
            .filter(centre_unit=unit)
            .order_by("role", "person__full_name"),
        },
    )


@login_required
def organisations(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Browse and search the organisations the centre serves."""
    form = OrganisationSearchForm(request.GET or None)
    filters = OrganisationFilters(**form.cleaned_data) if form.is_valid() else OrganisationFilters()
    results = search_organisations(request.user, filters)
    return render(
        request,
        "directory/organisations.html",
        {
            "form": form,
            "breakdown": organisation_breakdown(),
            **paginate(request, results),
        },
    )


@login_required
def organisation(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    show_people = can_see_people_of(request.user, organisation)
    memberships = (
        memberships_visible_to(request.user)
        .filter(organisation=organisation)
        .order_by("role", "person__full_name")
        if show_people
        else None
    )
    return render(
        request,
        "directory/organisation.html",
        {
            "organisation": organisation,
            "show_people": show_people,
            "memberships": memberships,
        },
    )


@login_required
def people(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = PeopleSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    results = search_people(request.user, q=data.get("q", ""), role=data.get("role", ""))
    return render(
        request,
        "directory/people.html",
        {
            "form": form,
            **paginate(
                request,
                results.prefetch_related("memberships__centre_unit", "memberships__organisation"),
            ),
        },
    )


@login_required
def person(request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
    person = get_object_or_404(people_visible_to(request.user), pk=person_id)
    memberships = memberships_visible_to(request.user).filter(person=person)
    return render(
        request,
        "directory/person.html",
        {
            "person": person,
            "memberships": memberships,
            "may_manage_roles": roles.may_manage_roles_of(request.user, person),
        },
    )
