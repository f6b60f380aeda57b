"""The catalogue over the REST API: find services and read one (anyone signed in), and for a
provider, add and change its services and say how much room they have. The same rules as the
pages; the public, standard view of the catalogue is the HSDS API at /hsds/."""

from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import Organisation
from insideout.vocabulary import SocialNeed
from insideout.web import limits
from insideout.web.decorators import refuse_unless

from . import services
from .models import CapacityStatus, Service
from .taxonomies import Eligibility

router = Router(tags=["catalogue"])


class ServiceOut(Schema):
    id: UUID
    name: str
    description: str
    provider: str | None = Field(None, alias="organization.name")
    status: str
    capacity_status: CapacityStatus | None = Field(
        None, description="As the HL7 SDOH Clinical Care guide's capacity status codes say it."
    )
    wait_weeks: int | None
    last_modified: str | None = None
    url: str = Field(alias="get_absolute_url")
    hsds_url: str = ""

    @staticmethod
    def resolve_capacity_status(service) -> str | None:
        return service.capacity_status or None

    @staticmethod
    def resolve_last_modified(service) -> str | None:
        return service.last_modified.isoformat() if service.last_modified else None

    @staticmethod
    def resolve_hsds_url(service) -> str:
        return f"/hsds/services/{service.pk}"


class ServiceDetailOut(ServiceOut):
    categories: list[SocialNeed] = Field(default_factory=list)
    only_for: list[Eligibility] = Field(default_factory=list)
    areas: list[str] = Field(default_factory=list)
    minimum_age: float | None
    maximum_age: float | None
    eligibility_description: str
    application_process: str
    places_free: float | None = Field(None, description="Places free this week.")


class SearchQuery(Schema):
    text: str = Field("", max_length=200)
    need: SocialNeed | None = None
    place: str = Field("", max_length=9, description="A local authority's ONS GSS code.")
    age: int | None = Field(None, ge=0, le=120)
    for_whom: Eligibility | None = None
    availability: str = Field("", pattern="^(|now|soon)$", max_length=4)


class CapacityIn(Schema):
    places: int = Field(ge=0, le=100000, description="How many people can start this week.")
    wait_weeks: int | None = Field(None, ge=0, le=104, description="The wait to start.")
    needs_assessment: bool = False


class ServiceIn(Schema):
    name: str = Field(min_length=2, max_length=200)
    description: str = Field(min_length=2, max_length=2000)
    categories: list[SocialNeed] = Field(min_length=1)
    area_codes: list[limits.Code] = Field(default_factory=list, max_length=100)
    eligibility: list[Eligibility] = Field(default_factory=list)
    eligibility_description: str = Field("", max_length=2000)
    minimum_age: int | None = Field(None, ge=0, le=120)
    maximum_age: int | None = Field(None, ge=0, le=120)
    application_process: str = Field("", max_length=2000)
    email: str = Field("", max_length=254)
    url: str = Field("", max_length=500)
    status: Service.Status = Service.Status.ACTIVE

    def details(self) -> services.ServiceDetails:
        return services.ServiceDetails(
            **self.dict(exclude={"categories", "area_codes", "eligibility", "status"}),
            categories=tuple(c.value for c in self.categories),
            area_codes=tuple(self.area_codes),
            eligibility=tuple(e.value for e in self.eligibility),
            status=self.status.value,
        )


def detail(service: Service) -> ServiceDetailOut:
    about = services.summary(service)
    out = ServiceDetailOut.from_orm(service)
    out.categories = [SocialNeed(c) for c in about.categories if c in SocialNeed.values]
    out.only_for = [Eligibility(e) for e in about.eligibility if e in Eligibility.values]
    out.areas, out.places_free = about.areas, about.places_free
    return out


@router.get(
    "/catalogue/services",
    response=list[ServiceOut],
    summary="Find services by need, place, eligibility and availability",
)
@paginate(limits.Pagination)
def find_services(request: HttpRequest, filters: Query[SearchQuery]):
    return services.search_services(
        services.Search(
            text=filters.text,
            need=filters.need.value if filters.need else "",
            place=filters.place.upper(),
            age=filters.age,
            for_whom=filters.for_whom.value if filters.for_whom else "",
            availability=filters.availability,
        )
    )


@router.get("/catalogue/services/{service_id}", response=ServiceDetailOut, summary="Get a service")
def get_service(request: HttpRequest, service_id: UUID):
    return detail(get_object_or_404(Service.objects.select_related("organization"), pk=service_id))


@router.post(
    "/catalogue/services",
    response={201: ServiceDetailOut},
    summary="A provider adds a service it runs",
)
def add_service(request: AuthenticatedHttpRequest, payload: ServiceIn):
    user = request.user
    refuse_unless(user.is_provider, "Only service providers add services to the catalogue.")
    organisation = Organisation.objects.get(pk=min(user.provider_organisation_ids))
    return Status(201, detail(services.add_service(user, payload.details(), organisation)))


def _kept(request: AuthenticatedHttpRequest, service_id: UUID) -> Service:
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    refuse_unless(
        services.may_keep(request.user, service), "Only the service's own provider can change it."
    )
    return service


@router.put(
    "/catalogue/services/{service_id}",
    response=ServiceDetailOut,
    summary="A provider changes what it says about a service",
)
def change_service(request: AuthenticatedHttpRequest, service_id: UUID, payload: ServiceIn):
    service = _kept(request, service_id)
    return detail(services.keep_service(request.user, payload.details(), service))


@router.put(
    "/catalogue/services/{service_id}/capacity",
    response=ServiceDetailOut,
    summary="A provider says how many can start this week and how long the wait is",
)
def set_capacity(request: AuthenticatedHttpRequest, service_id: UUID, payload: CapacityIn):
    service = _kept(request, service_id)
    services.update_capacity(
        service,
        request.user,
        places=payload.places,
        wait_weeks=payload.wait_weeks,
        needs_assessment=payload.needs_assessment,
    )
    return detail(Service.objects.select_related("organization").get(pk=service.pk))
