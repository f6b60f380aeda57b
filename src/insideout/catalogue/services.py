"""The catalogue's rules: who keeps which service, capacity updates, what a service is for and
where, and finding services by need, place, eligibility and availability.

Pages, the API, the HSDS import and the demo all change services through these functions, so a
change is always dated (HSDS last_modified) and recorded (HSDS metadata).
"""

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.places import GSS_CODE
from insideout.web.decorators import refuse_unless

from . import capacity as rules
from .models import (
    Attribute,
    CapacityStatus,
    CapacityUnit,
    ChangeRecord,
    Location,
    Provider,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceCapacity,
)
from .places import codes_covering, gss_uri, place_name
from .taxonomies import (
    ELIGIBILITY_LINK,
    NAMESPACE,
    NEED_LINK,
    eligibility_term_id,
    ensure_taxonomies,
    need_term_id,
)


def provider_organisation_id(service: Service) -> int | None:
    """The directory organisation whose provider staff keep this service."""
    provider = service.organization
    return provider.directory_organisation_id if provider else None


def may_keep(user: User, service: Service) -> bool:
    return user.keeps_services_of(provider_organisation_id(service))


def services_kept_by(user: User) -> QuerySet[Service]:
    """The services a provider keeps current: those of their own organisations."""
    return Service.objects.filter(
        organization__directory_organisation_id__in=user.provider_organisation_ids
    ).select_related("organization")


def places_unit() -> CapacityUnit:
    unit, _ = CapacityUnit.objects.get_or_create(
        id=rules.PLACES_A_WEEK,
        defaults={
            "name": rules.PLACES_A_WEEK_NAME,
            "scheme": "insideout",
            "identifier": "places-a-week",
        },
    )
    return unit


def places_free(service: Service) -> float | None:
    found = service.capacities.filter(unit_id=rules.PLACES_A_WEEK).first()
    return found.available if found else None


def _record(service: Service, by: User, field: str, before, after, now) -> None:
    """An HSDS metadata entry: who changed which field, from what to what."""
    if str(before or "") == str(after or ""):
        return
    ChangeRecord.objects.create(
        owner_type="service",
        owner_id=service.pk,
        resource_id=service.pk,
        resource_type="service",
        last_action_date=timezone.localdate(now).isoformat(),
        last_action_type="update",
        field_name=field,
        previous_value=str(before if before is not None else ""),
        replacement_value=str(after if after is not None else ""),
        updated_by=service.organization.name if service.organization else by.full_name,
    )


def update_capacity(
    service: Service,
    by: User,
    *,
    places: int,
    wait_weeks: int | None = None,
    needs_assessment: bool = False,
) -> Service:
    """A provider says how many people can start this week and how long the wait is."""
    refuse_unless(may_keep(by, service), "Only the service's own provider can change its capacity.")
    if places is None or places < 0:
        raise ValidationError({"places": "Say how many people can start this week: 0 or more"})
    if wait_weeks is not None and not 0 <= wait_weeks <= rules.MAX_WAIT_WEEKS:
        raise ValidationError(
            {"wait_weeks": f"The wait must be between 0 and {rules.MAX_WAIT_WEEKS} weeks"}
        )
    now = timezone.now()
    with transaction.atomic():
        service = (
            Service.objects.select_for_update(of=("self",))
            .select_related("organization")
            .get(pk=service.pk)
        )
        before = (places_free(service), service.wait_weeks, service.capacity_status)
        unit = places_unit()
        held = service.capacities.filter(unit=unit).first() or ServiceCapacity(
            service=service, unit=unit
        )
        held.available, held.updated = places, now
        held.description = "How many people can start this week."
        held.save()
        service.capacity_status = rules.status_for(places, wait_weeks, needs_assessment)
        service.wait_weeks = wait_weeks
        service.wait_time = rules.wait_text(wait_weeks)
        service.last_modified = now
        service.save(update_fields=["capacity_status", "wait_weeks", "wait_time", "last_modified"])
        _record(service, by, "capacities.available", before[0], places, now)
        _record(service, by, "wait_time", before[1], wait_weeks, now)
    return service


@dataclass(frozen=True)
class ServiceDetails:
    """What a provider says about a service, as forms and the API take it."""

    name: str
    description: str
    categories: tuple[str, ...]
    area_codes: tuple[str, ...] = ()
    eligibility: tuple[str, ...] = ()
    eligibility_description: str = ""
    minimum_age: int | None = None
    maximum_age: int | None = None
    application_process: str = ""
    email: str = ""
    url: str = ""
    status: str = Service.Status.ACTIVE


def keep_service(by: User, details: ServiceDetails, service: Service) -> Service:
    """Save what a provider says about one of its services, dated and recorded."""
    refuse_unless(may_keep(by, service), "Only the service's own provider can change it.")
    if not details.categories:
        raise ValidationError({"categories": "Choose at least one kind of need it helps with"})
    unknown = [code for code in details.area_codes if not GSS_CODE.match(code)]
    if unknown:
        raise ValidationError({"area_codes": f"These are not ONS GSS codes: {', '.join(unknown)}"})
    if (
        details.minimum_age is not None
        and details.maximum_age is not None
        and details.minimum_age > details.maximum_age
    ):
        raise ValidationError({"maximum_age": "The oldest age must not be under the youngest"})
    now = timezone.now()
    with transaction.atomic():
        for field in (
            "name",
            "description",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "application_process",
            "email",
            "url",
            "status",
        ):
            value = getattr(details, field)
            _record(service, by, field, getattr(service, field), value, now)
            setattr(service, field, value)
        service.last_modified = now
        service.full_clean(exclude=["organization", "program"])
        service.save()
        classify(service, details.categories, details.eligibility)
        serve_areas(service, details.area_codes)
    return service


def classify(service: Service, categories, eligibility=()) -> None:
    """Say what a service helps with and whom it is only for, as HSDS attributes."""
    ensure_taxonomies()
    Attribute.objects.filter(
        owner_type="service", owner_id=service.pk, link_type__in=[NEED_LINK, ELIGIBILITY_LINK]
    ).delete()
    terms = [(NEED_LINK, need_term_id(c)) for c in dict.fromkeys(categories)] + [
        (ELIGIBILITY_LINK, eligibility_term_id(e)) for e in dict.fromkeys(eligibility)
    ]  # each once, however often it was given
    Attribute.objects.bulk_create(
        Attribute(
            id=uuid.uuid5(NAMESPACE, f"{service.pk}:{term}"),
            owner_type="service",
            owner_id=service.pk,
            link_id=service.pk,
            link_entity="service",
            link_type=link_type,
            taxonomy_term_id=term,
        )
        for link_type, term in terms
    )


def serve_areas(service: Service, codes) -> None:
    """The places (GSS codes) a service serves, as HSDS service areas."""
    ServiceArea.objects.filter(service=service).exclude(gss_code="").delete()
    ServiceArea.objects.bulk_create(
        ServiceArea(
            id=uuid.uuid5(NAMESPACE, f"{service.pk}:area:{code}"),
            service=service,
            name=place_name(code),
            uri=gss_uri(code),
            gss_code=code,
        )
        for code in dict.fromkeys(codes)
    )


class Availability:
    NOW = "now"
    SOON = "soon"
    CHOICES = [(NOW, "Can take people on now"), (SOON, "Now, or with a waiting list")]


@dataclass(frozen=True)
class Search:
    """What someone looks for in the catalogue; every part is optional and they add up."""

    text: str = ""
    need: str = ""
    place: str = ""
    age: int | None = None
    for_whom: str = ""
    availability: str = ""


def text_search(services: QuerySet[Service], text: str) -> QuerySet[Service]:
    for word in text.split()[:8]:
        services = services.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(alternate_name__icontains=word)
            | Q(organization__name__icontains=word)
        )
    return services


def with_need(services: QuerySet[Service], need: str) -> QuerySet[Service]:
    helping = Attribute.objects.filter(
        owner_type="service", taxonomy_term__need_category=need
    ).values("owner_id")
    return services.filter(pk__in=helping)


def serving(services: QuerySet[Service], local_authority: str) -> QuerySet[Service]:
    """Services whose area covers the place, that are in it, or that work online or by phone."""
    areas = ServiceArea.objects.filter(gss_code__in=codes_covering(local_authority))
    there = ServiceAtLocation.objects.filter(
        Q(location__local_authority=local_authority)
        | Q(location__location_type=Location.Type.VIRTUAL)
    )
    return services.filter(
        Q(pk__in=areas.values("service_id")) | Q(pk__in=there.values("service_id"))
    )


def search_services(search: Search) -> QuerySet[Service]:
    services = Service.objects.filter(status=Service.Status.ACTIVE).select_related("organization")
    if search.text.strip():
        services = text_search(services, search.text)
    if search.need:
        services = with_need(services, search.need)
    if search.place:
        services = serving(services, search.place)
    if search.age is not None:
        services = services.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=search.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=search.age),
        )
    if search.for_whom:
        only_for = Attribute.objects.filter(owner_type="service", link_type=ELIGIBILITY_LINK)
        theirs = only_for.filter(taxonomy_term_id=eligibility_term_id(search.for_whom))
        services = services.filter(
            ~Q(pk__in=only_for.values("owner_id")) | Q(pk__in=theirs.values("owner_id"))
        )
    if search.availability == Availability.NOW:
        services = services.filter(capacity_status=CapacityStatus.CAPACITY)
    elif search.availability == Availability.SOON:
        services = services.filter(
            capacity_status__in=[CapacityStatus.CAPACITY, CapacityStatus.WAITLIST]
        )
    return services.order_by("name", "pk")


def provider_for(organisation) -> Provider:
    """The catalogue's record of a directory organisation that runs services (made if new)."""
    provider = Provider.objects.filter(directory_organisation=organisation).first()
    if provider is None:
        provider = Provider.objects.create(
            name=organisation.name,
            description=f"{organisation.name} runs services that can be pulled.",
            directory_organisation=organisation,
        )
    return provider


def add_service(by: User, details: ServiceDetails, organisation) -> Service:
    """A provider adds a service it runs."""
    refuse_unless(
        by.keeps_services_of(organisation.pk), "Only its own provider can add its services."
    )
    with transaction.atomic():
        service = Service(organization=provider_for(organisation), name=details.name)
        service.save()
        return keep_service(by, details, service)


@dataclass(frozen=True)
class Summary:
    """A service as the pages and the API describe it, read in a handful of queries."""

    categories: list[str]
    eligibility: list[str]
    areas: list[str]
    locations: list[dict]
    phones: list[str]
    places_free: float | None


def summary(service: Service) -> Summary:
    attributes = Attribute.objects.filter(owner_type="service", owner_id=service.pk).select_related(
        "taxonomy_term"
    )
    categories = sorted(
        a.taxonomy_term.need_category for a in attributes if a.taxonomy_term.need_category
    )
    eligibility = sorted(
        a.taxonomy_term.code for a in attributes if a.link_type == ELIGIBILITY_LINK
    )
    locations = [
        {
            "name": sal.location.name,
            "kind": sal.location.get_location_type_display(),
            "address": ", ".join(
                part
                for address in sal.location.addresses.all()
                for part in (address.address_1, address.city, address.postal_code)
                if part
            ),
        }
        for sal in service.service_at_locations.select_related("location").prefetch_related(
            "location__addresses"
        )
    ]
    return Summary(
        categories=categories,
        eligibility=eligibility,
        areas=[area.name or area.gss_code for area in service.service_areas.all()],
        locations=locations,
        phones=[phone.number for phone in service.phones.all()],
        places_free=places_free(service),
    )
