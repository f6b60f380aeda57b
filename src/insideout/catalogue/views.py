"""The catalogue's pages: find services by need, place, eligibility and availability; see one;
and, for a provider, keep its own services and their capacity current."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import Organisation
from insideout.vocabulary import SocialNeed
from insideout.web.decorators import refuse_unless
from insideout.web.pagination import paginate

from . import services
from .forms import CapacityForm, SearchForm, ServiceForm
from .models import Service
from .taxonomies import Eligibility


def _labels(codes, choices) -> list[str]:
    names = dict(choices)
    return [names.get(code, code) for code in codes]


@login_required
def browse(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    found = Service.objects.none()
    if form.is_valid():
        found = services.search_services(form.search())
    elif not request.GET:
        found = services.search_services(services.Search())
    return render(
        request,
        "catalogue/browse.html",
        {"form": form, **paginate(request, found, per_page=20), "searched": bool(request.GET)},
    )


@login_required
def service_detail(request: AuthenticatedHttpRequest, service_id) -> HttpResponse:
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    about = services.summary(service)
    return render(
        request,
        "catalogue/service.html",
        {
            "service": service,
            "about": about,
            "categories": _labels(about.categories, SocialNeed.choices),
            "only_for": _labels(about.eligibility, Eligibility.choices),
            "may_keep": services.may_keep(request.user, service),
        },
    )


@login_required
def yours(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A provider's services, with how current their capacity is."""
    user = request.user
    refuse_unless(user.is_provider, "Only service providers keep services in the catalogue.")
    kept = services.services_kept_by(user).order_by("name")
    return render(request, "catalogue/yours.html", {"services": kept})


def _kept(request: AuthenticatedHttpRequest, service_id) -> Service:
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    refuse_unless(
        services.may_keep(request.user, service), "Only the service's own provider can change it."
    )
    return service


def _apply(form, call) -> bool:
    try:
        call()
    except ValidationError as refused:
        for field, errors in refused.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


@login_required
def capacity(request: AuthenticatedHttpRequest, service_id) -> HttpResponse:
    service = _kept(request, service_id)
    initial = {
        "places": services.places_free(service),
        "wait_weeks": service.wait_weeks,
        "needs_assessment": service.capacity_status == "additional-assessment-required",
    }
    form = CapacityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _apply(
            form,
            lambda: services.update_capacity(
                service,
                request.user,
                places=data["places"],
                wait_weeks=data["wait_weeks"],
                needs_assessment=data["needs_assessment"],
            ),
        ):
            messages.success(request, f"Capacity of {service.name} updated.")
            return redirect("catalogue:yours")
    return render(request, "catalogue/capacity.html", {"form": form, "service": service})


def _service_initial(service: Service) -> dict:
    about = services.summary(service)
    return {
        "name": service.name,
        "description": service.description,
        "categories": about.categories,
        "area_codes": [a.gss_code for a in service.service_areas.exclude(gss_code="")],
        "eligibility": about.eligibility,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "eligibility_description": service.eligibility_description,
        "application_process": service.application_process,
        "email": service.email,
        "url": service.url,
        "status": service.status,
    }


@login_required
def edit(request: AuthenticatedHttpRequest, service_id) -> HttpResponse:
    service = _kept(request, service_id)
    form = ServiceForm(request.POST or None, initial=_service_initial(service))
    if request.method == "POST" and form.is_valid():
        details = form.details()
        if _apply(form, lambda: services.keep_service(request.user, details, service)):
            messages.success(request, f"{details.name} saved.")
            return redirect(service)
    return render(request, "catalogue/edit.html", {"form": form, "service": service})


@login_required
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(user.is_provider, "Only service providers add services to the catalogue.")
    organisation = Organisation.objects.get(pk=min(user.provider_organisation_ids))
    form = ServiceForm(request.POST or None, initial={"status": Service.Status.ACTIVE})
    if request.method == "POST" and form.is_valid():
        details = form.details()
        added: list[Service] = []
        if _apply(form, lambda: added.append(services.add_service(user, details, organisation))):
            messages.success(request, f"{details.name} added to the catalogue.")
            return redirect(reverse("catalogue:capacity", args=[added[0].pk]))
    return render(
        request,
        "catalogue/edit.html",
        {"form": form, "service": None, "organisation": organisation},
    )
