"""The HSDS API at /hsds/, as the HSDS 3.0 API reference defines it, so that any HSDS client
reads this catalogue as it reads any other: `/` (about the API), `/services` and
`/services/{id}`, `/organizations`, `/service_at_locations`, `/taxonomies`, `/taxonomy_terms`.

Lists are pages (`page`, `per_page`) with the reference's Page fields and `contents`; filters add
up (AND); `format=ndjson` streams every result without paging. The API is public, as service
directories are: it publishes only what providers publish about their services.
"""

import json
import math
from collections.abc import Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import NinjaAPI, Router
from ninja.errors import HttpError

from ..models import (
    Attribute,
    Location,
    Provider,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from ..places import distance_km, postcode_centre, same_outward_code
from ..services import text_search
from .graph import Graph
from .shapes import Shapes, published
from .spec import TABLES, VERSION, schema

router = Router(tags=["HSDS"])
PROFILE = "https://github.com/openreferral/specification/tree/3.0/schema"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 1000


def official(kind: str) -> dict:
    return {"$ref": f"#/components/schemas/{kind}"}


def page_of(kind: str) -> dict:
    return {
        "allOf": [{"$ref": "#/components/schemas/Page"}],
        "properties": {"contents": {"type": "array", "items": official(kind)}},
    }


def answers(described: str, body: dict) -> dict:
    return {
        "responses": {
            200: {"description": described, "content": {"application/json": {"schema": body}}}
        }
    }


class HsdsApi(NinjaAPI):
    """A NinjaAPI whose OpenAPI document carries the official HSDS schemas as its components."""

    def get_openapi_schema(self, **kwargs):
        document = super().get_openapi_schema(**kwargs)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for kind in TABLES:
            text = json.dumps(schema(kind))
            for target in TABLES:
                text = text.replace(f'"{target}.json"', f'"#/components/schemas/{target}"')
            schemas[kind] = json.loads(text)
        schemas["Page"] = PAGE_SCHEMA
        return document


PAGE_SCHEMA = {
    "type": "object",
    "properties": {
        "total_items": {"type": "integer", "description": "The number of results in all."},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer", "description": "The number of results on this page."},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean", "description": "Whether there are no results at all."},
    },
}


def paged(items: QuerySet, shape: "Shape", page: int, per_page: int | None, fmt: str):
    """A page of results in the reference's Page shape, or every result as NDJSON."""
    if fmt == "ndjson":
        return StreamingHttpResponse(
            (json.dumps(item) + "\n" for item in _each(items, shape)),
            content_type="application/x-ndjson",
        )
    if fmt not in ("", "json"):
        raise HttpError(400, "format must be json or ndjson.")
    total = items.count()
    per_page = DEFAULT_PER_PAGE if per_page is None else per_page
    if not 1 <= per_page <= max(MAX_PER_PAGE, total):
        raise HttpError(400, f"per_page must be between 1 and {MAX_PER_PAGE}.")
    if page < 1:
        raise HttpError(400, "page must be 1 or more.")
    pages = max(1, math.ceil(total / per_page))
    start = (page - 1) * per_page
    ids = (
        list(items.values_list("pk", flat=True)[start : start + per_page]) if start < total else []
    )
    contents = shape.many(ids)
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= pages,
        "empty": total == 0,
        "contents": contents,
    }


def _each(items: QuerySet, shape):
    ids = list(items.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        yield from shape.many(ids[start : start + 500])


class Shape:
    """How a list endpoint shows each result: listed (one-to-one), full, or minimal."""

    def __init__(self, kind: str, how: str = "listed", drop: tuple[str, ...] = ()) -> None:
        self.kind, self.how, self.drop = kind, how, drop

    def many(self, ids: list[UUID]) -> list[dict]:
        if self.how == "minimal":
            rows = Service.objects.filter(pk__in=ids).values("id", "last_modified")
            found = {row["id"]: row for row in rows}
            return [_minimal(found[i]) for i in ids if i in found]
        graph = (
            Graph.around(self.kind, ids) if self.how == "full" else _listed_graph(self.kind, ids)
        )
        shapes = Shapes(graph)
        made = [
            shapes.full(self.kind, i) if self.how == "full" else shapes.listed(self.kind, i)
            for i in map(str, ids)
            if i in graph.rows[self.kind]
        ]
        return [{k: v for k, v in item.items() if k not in self.drop} for item in made]


def _minimal(row: Mapping[str, Any]) -> dict:
    modified = row["last_modified"]
    return {"id": str(row["id"]), "last_modified": published(modified)}


def _listed_graph(kind: str, ids: list[UUID]) -> Graph:
    """Only the objects and their one-to-one embedded objects, in a query per table."""
    graph = Graph()
    graph.load_embedded(kind, ids)
    return graph


def uuid_or_404(value: str, what: str) -> UUID:
    try:
        return UUID(value)
    except ValueError:
        raise Http404(f"No {what} has the id {value!r}.") from None


def uuid_or_none(value: str | None) -> UUID | None:
    """A filter's id; an id that is not a UUID matches nothing, so the filter finds nothing."""
    if not value:
        return None
    try:
        return UUID(value)
    except ValueError:
        return UUID(int=0)


def modified_since(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = parse_datetime(value)
    if moment is None:
        raise HttpError(
            400, "modified_after must be a date and time, such as 2026-03-15T10:30:00Z."
        )
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@router.get(
    "/",
    summary="About this API and its relationship with HSDS",
    openapi_extra=answers(
        "The HSDS version, profile and OpenAPI document of this API.",
        {
            "type": "object",
            "properties": {
                "version": {"type": "string"},
                "profile": {"type": "string", "format": "uri"},
                "openapi_url": {"type": "string", "format": "uri"},
            },
        },
    ),
)
def about(request: HttpRequest):
    return {
        "version": VERSION,
        "profile": PROFILE,
        "openapi_url": settings.SITE_URL + reverse("hsds:openapi-json"),
    }


def _services(
    search: str,
    taxonomy_term_id: str | None,
    taxonomy_id: str | None,
    organization_id: str | None,
    modified_after: str | None,
) -> QuerySet[Service]:
    services = Service.objects.all()
    if search.strip():
        services = text_search(services, search)
    term = uuid_or_none(taxonomy_term_id)
    if term:
        attributes = Attribute.objects.filter(owner_type="service", taxonomy_term_id=term)
        services = services.filter(pk__in=attributes.values("owner_id"))
    taxonomy = uuid_or_none(taxonomy_id)
    if taxonomy:
        attributes = Attribute.objects.filter(owner_type="service").filter(
            Q(taxonomy_term__taxonomy_detail_id=taxonomy) | Q(taxonomy_term__taxonomy_id=taxonomy)
        )
        services = services.filter(pk__in=attributes.values("owner_id"))
    organisation = uuid_or_none(organization_id)
    if organisation:
        services = services.filter(organization_id=organisation)
    since = modified_since(modified_after)
    if since:
        services = services.filter(last_modified__gte=since)
    return services.order_by("name", "pk")


@router.get(
    "/services",
    summary="A page of services, with their one-to-one fields",
    openapi_extra=answers("A page of services.", page_of("service")),
)
def list_services(
    request: HttpRequest,
    search: str = "",
    page: int = 1,
    per_page: int | None = None,
    format: str = "",
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    minimal: bool = False,
    full: bool = False,
):
    services = _services(search, taxonomy_term_id, taxonomy_id, organization_id, modified_after)
    how = "minimal" if minimal else "full" if full else "listed"
    if minimal and per_page is None:
        per_page = max(1, services.count())  # the reference asks for all of them in one call
    return paged(services, Shape("service", how), page, per_page, format)


@router.get(
    "/services/{id}",
    summary="A fully nested service, with everything about it",
    openapi_extra=answers("The service.", official("service")),
)
def get_service(request: HttpRequest, id: str):
    service_id = uuid_or_404(id, "service")
    graph = Graph.around("service", [service_id])
    if str(service_id) not in graph.rows["service"]:
        raise Http404(f"No service has the id {id!r}.")
    return Shapes(graph).full("service", service_id)


@router.get(
    "/organizations",
    summary="A page of organisations that provide services",
    openapi_extra=answers("A page of organisations.", page_of("organization")),
)
def list_organizations(
    request: HttpRequest,
    search: str = "",
    full_service: bool = False,
    full: bool = False,
    page: int = 1,
    per_page: int | None = None,
    format: str = "",
):
    providers = Provider.objects.order_by("name", "pk")
    for word in search.split()[:8]:
        providers = providers.filter(Q(name__icontains=word) | Q(description__icontains=word))
    shape = OrganisationShape(full=full, full_service=full_service)
    return paged(providers, shape, page, per_page, format)


class OrganisationShape(Shape):
    """Organisations with their services: by id and name only, unless `full_service`."""

    def __init__(self, full: bool, full_service: bool) -> None:
        super().__init__("organization", "full" if full or full_service else "listed")
        self.full_service = full_service

    def many(self, ids: list[UUID]) -> list[dict]:
        made = super().many(ids)
        if self.how == "full" and not self.full_service:
            for item in made:
                if "services" in item:
                    item["services"] = [
                        {k: v for k, v in s.items() if not isinstance(v, list | dict)}
                        for s in item["services"]
                    ]
        return made


@router.get(
    "/organizations/{id}",
    summary="A fully nested organisation; its services in brief unless full_service",
    openapi_extra=answers("The organisation.", official("organization")),
)
def get_organization(request: HttpRequest, id: str, full_service: bool = False):
    organisation_id = uuid_or_404(id, "organisation")
    found = OrganisationShape(full=True, full_service=full_service).many([organisation_id])
    if not found:
        raise Http404(f"No organisation has the id {id!r}.")
    return found[0]


@router.get(
    "/service_at_locations",
    summary="A page of services at locations, with their one-to-one fields",
    openapi_extra=answers("A page of services at locations.", page_of("service_at_location")),
)
def list_service_at_locations(
    request: HttpRequest,
    search: str = "",
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: str | None = None,
    full: bool = False,
    page: int = 1,
    per_page: int | None = None,
    format: str = "",
    postcode: str = "",
    proximity: str = "",
):
    services = _services(search, taxonomy_term_id, taxonomy_id, organization_id, modified_after)
    places = ServiceAtLocation.objects.filter(service__in=services.values("pk"))
    if postcode.strip():
        places = places.filter(location__in=_near(postcode, proximity))
    places = places.order_by("service__name", "pk")
    return paged(
        places, Shape("service_at_location", "full" if full else "listed"), page, per_page, format
    )


def _near(postcode: str, proximity: str) -> list[UUID]:
    """Locations near a postcode: within `proximity` metres of its centre where given, else
    those sharing its outward code (the part before the space). The centre is worked out from
    the catalogue's own addresses, as no postcode register is bundled."""
    if proximity.strip():
        try:
            metres = float(proximity)
        except ValueError:
            raise HttpError(400, "proximity must be a distance in metres, such as 5000.") from None
        centre = postcode_centre(postcode)
        if centre is None:
            return []
        located = Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
        return [
            location.pk
            for location in located.only("pk", "latitude", "longitude")
            if distance_km(centre, (location.latitude, location.longitude)) * 1000 <= metres
        ]
    return same_outward_code(postcode)


@router.get(
    "/service_at_locations/{id}",
    summary="A fully nested service at a location",
    openapi_extra=answers("The service at a location.", official("service_at_location")),
)
def get_service_at_location(request: HttpRequest, id: str):
    object_id = uuid_or_404(id, "service at location")
    graph = Graph.around("service_at_location", [object_id])
    if str(object_id) not in graph.rows["service_at_location"]:
        raise Http404(f"No service at a location has the id {id!r}.")
    return Shapes(graph).full("service_at_location", object_id)


@router.get(
    "/taxonomies",
    summary="A page of taxonomies",
    openapi_extra=answers("A page of taxonomies.", page_of("taxonomy")),
)
def list_taxonomies(
    request: HttpRequest,
    search: str = "",
    page: int = 1,
    per_page: int | None = None,
    format: str = "",
):
    taxonomies = Taxonomy.objects.order_by("name", "pk")
    for word in search.split()[:8]:
        taxonomies = taxonomies.filter(Q(name__icontains=word) | Q(description__icontains=word))
    return paged(taxonomies, Shape("taxonomy"), page, per_page, format)


@router.get(
    "/taxonomies/{id}",
    summary="A taxonomy",
    openapi_extra=answers("The taxonomy.", official("taxonomy")),
)
def get_taxonomy(request: HttpRequest, id: str):
    found = Shape("taxonomy").many([uuid_or_404(id, "taxonomy")])
    if not found:
        raise Http404(f"No taxonomy has the id {id!r}.")
    return found[0]


@router.get(
    "/taxonomy_terms",
    summary="A page of taxonomy terms",
    openapi_extra=answers("A page of taxonomy terms.", page_of("taxonomy_term")),
)
def list_taxonomy_terms(
    request: HttpRequest,
    search: str = "",
    page: int = 1,
    per_page: int | None = None,
    format: str = "",
    taxonomy_id: str | None = None,
    top_only: bool = False,
    parent_id: str | None = None,
):
    terms = TaxonomyTerm.objects.order_by("name", "pk")
    for word in search.split()[:8]:
        terms = terms.filter(Q(name__icontains=word) | Q(description__icontains=word))
    taxonomy = uuid_or_none(taxonomy_id)
    if taxonomy:
        terms = terms.filter(Q(taxonomy_detail_id=taxonomy) | Q(taxonomy_id=taxonomy))
    if top_only:
        terms = terms.filter(parent_id__isnull=True)
    parent = uuid_or_none(parent_id)
    if parent:
        terms = terms.filter(parent_id=parent)
    return paged(terms, Shape("taxonomy_term"), page, per_page, format)


@router.get(
    "/taxonomy_terms/{id}",
    summary="A taxonomy term",
    openapi_extra=answers("The taxonomy term.", official("taxonomy_term")),
)
def get_taxonomy_term(request: HttpRequest, id: str):
    found = Shape("taxonomy_term").many([uuid_or_404(id, "taxonomy term")])
    if not found:
        raise Http404(f"No taxonomy term has the id {id!r}.")
    return found[0]
