"""The catalogue as matching reads it: loaded from the database in a query per table and kept in
memory. A change to a few services (a provider updating capacity, say) is patched into it; it is
loaded again only when services are added or removed, or their words change."""

import threading
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Max, QuerySet

from .capacity import PLACES_A_WEEK
from .matching import NeedFacts, ServiceFacts, ServiceIndex, Suggestion, short_list
from .models import Attribute, Location, Service, ServiceArea, ServiceAtLocation, ServiceCapacity
from .taxonomies import ELIGIBILITY

PATCH_AT_MOST = 2000  # more changed services than this, and the index is built again
_lock = threading.Lock()
_cached: dict = {"key": None, "index": None}


def catalogue_version() -> tuple:
    """Changes whenever a service is added, removed or changed (capacity included)."""
    found = Service.objects.aggregate(n=Count("pk"), latest=Max("last_modified"))
    return (found["n"], found["latest"])


def _only(rows: QuerySet, field: str, ids: list | None) -> QuerySet:
    return rows if ids is None else rows.filter(**{f"{field}__in": ids})


def load_facts(ids: Iterable | None = None) -> list[ServiceFacts]:
    """What matching needs of every service (or of those given), in a query per table."""
    ids = None if ids is None else list(ids)
    categories: dict = defaultdict(set)
    only_for: dict = defaultdict(set)
    attributes = Attribute.objects.filter(owner_type="service", taxonomy_term__isnull=False)
    for owner, need, code, taxonomy in _only(attributes, "owner_id", ids).values_list(
        "owner_id",
        "taxonomy_term__need_category",
        "taxonomy_term__code",
        "taxonomy_term__taxonomy_detail_id",
    ):
        if need:
            categories[owner].add(need)
        elif taxonomy == ELIGIBILITY:
            only_for[owner].add(code)
    areas: dict = defaultdict(set)
    named = ServiceArea.objects.exclude(gss_code="")
    for service, code in _only(named, "service_id", ids).values_list("service_id", "gss_code"):
        areas[service].add(code)
    places: dict = defaultdict(set)
    points: dict = defaultdict(set)
    online: set = set()
    at = _only(ServiceAtLocation.objects.all(), "service_id", ids)
    located = Location.objects.filter(pk__in=at.values("location_id"))
    locations = {
        row["pk"]: row
        for row in located.values("pk", "latitude", "longitude", "local_authority", "location_type")
    }
    for service, location in at.values_list("service_id", "location_id"):
        where = locations.get(location)
        if where is None:
            continue
        if where["location_type"] == Location.Type.VIRTUAL:
            online.add(service)
        if where["local_authority"]:
            places[service].add(where["local_authority"])
        if where["latitude"] is not None and where["longitude"] is not None:
            points[service].add((where["latitude"], where["longitude"]))
    capacities = ServiceCapacity.objects.filter(unit_id=PLACES_A_WEEK)
    free = dict(_only(capacities, "service_id", ids).values_list("service_id", "available"))
    rows = _only(Service.objects.all(), "pk", ids).values(
        "pk",
        "name",
        "description",
        "eligibility_description",
        "status",
        "minimum_age",
        "maximum_age",
        "capacity_status",
        "wait_weeks",
    )
    return [
        ServiceFacts(
            id=row["pk"],
            name=row["name"],
            text=" ".join((row["name"], row["description"], row["eligibility_description"])),
            categories=frozenset(categories[row["pk"]]),
            area_codes=frozenset(areas[row["pk"]]),
            places=tuple(sorted(places[row["pk"]])),
            points=tuple(sorted(points[row["pk"]])),
            online=row["pk"] in online,
            minimum_age=row["minimum_age"],
            maximum_age=row["maximum_age"],
            only_for=frozenset(only_for[row["pk"]]),
            capacity_status=row["capacity_status"],
            wait_weeks=row["wait_weeks"],
            places_free=free.get(row["pk"]),
            active=row["status"] == Service.Status.ACTIVE,
        )
        for row in rows.order_by("pk")
    ]


def _patched(key: tuple) -> bool:
    """Patch the kept index with the services changed since it was built, if it can be."""
    index, kept = _cached["index"], _cached["key"]
    if index is None or kept is None or kept[1] is None or key[0] != kept[0]:
        return False
    latest = kept[1]
    changed = list(
        Service.objects.filter(last_modified__gt=latest).values_list("pk", flat=True)[
            : PATCH_AT_MOST + 1
        ]
    )
    if len(changed) > PATCH_AT_MOST:
        return False
    return index.update(load_facts(changed))


def service_index() -> ServiceIndex:
    """The index of the catalogue as it is now, patched or built again after a change."""
    key = catalogue_version()
    with _lock:
        if _cached["key"] != key:
            if not _patched(key):
                _cached["index"] = ServiceIndex(load_facts())
            _cached["key"] = key
        return _cached["index"]


def suggest(need: NeedFacts, limit: int = 5) -> list[Suggestion]:
    return short_list(service_index(), need, limit)
