"""Where services are and whom they serve: ONS GSS codes, and rough centres for distances.

A service area names its place by the ONS linked-data URI of its GSS code, as the UK's HSDS
publishers do (http://statistics.data.gov.uk/id/statistical-geography/E08000035). Distances are
measured from a local authority's rough centre, which is all a case records of where someone
lives (a place, never an address).
"""

import math
import re

from insideout.directory.places import LOCAL_AUTHORITIES, REGIONS

from .models import Address

GSS_URI = "http://statistics.data.gov.uk/id/statistical-geography/"
ENGLAND = "E92000001"
NEARBY_KM = 25.0
_GSS_IN_URI = re.compile(r"statistical-geography/([EWSNK]\d{8})\b")

# Rough centres (latitude, longitude) of the authorities the demo uses and of the regions:
# good to a few kilometres, enough to say which services are near.
CENTRES: dict[str, tuple[float, float]] = {
    "E06000047": (54.70, -1.75),
    "E08000021": (54.978, -1.618),
    "E08000024": (54.906, -1.381),
    "E06000002": (54.574, -1.235),
    "E08000003": (53.480, -2.242),
    "E08000012": (53.408, -2.991),
    "E06000008": (53.748, -2.482),
    "E10000017": (53.80, -2.60),
    "E06000063": (54.75, -3.15),
    "E08000035": (53.800, -1.549),
    "E08000019": (53.381, -1.470),
    "E08000032": (53.795, -1.759),
    "E06000010": (53.744, -0.333),
    "E06000065": (54.15, -1.45),
    "E06000018": (52.954, -1.158),
    "E06000016": (52.637, -1.132),
    "E06000015": (52.922, -1.476),
    "E10000019": (53.10, -0.25),
    "E08000025": (52.486, -1.890),
    "E08000026": (52.406, -1.512),
    "E08000031": (52.586, -2.129),
    "E06000021": (53.003, -2.179),
    "E06000051": (52.65, -2.75),
    "E10000015": (51.81, -0.24),
    "E06000031": (52.573, -0.241),
    "E10000020": (52.65, 1.00),
    "E10000029": (52.19, 1.00),
    "E06000032": (51.879, -0.417),
    "E09000030": (51.515, -0.032),
    "E09000022": (51.457, -0.123),
    "E09000025": (51.525, 0.035),
    "E09000005": (51.558, -0.282),
    "E09000008": (51.372, -0.099),
    "E09000012": (51.545, -0.055),
    "E10000030": (51.27, -0.42),
    "E10000016": (51.20, 0.70),
    "E06000045": (50.909, -1.404),
    "E06000043": (50.843, -0.137),
    "E10000025": (51.75, -1.30),
    "E06000023": (51.455, -2.587),
    "E06000026": (50.375, -4.143),
    "E06000052": (50.40, -4.90),
    "E10000008": (50.75, -3.75),
    "E06000054": (51.30, -1.95),
    "E12000001": (55.0, -1.9),
    "E12000002": (54.0, -2.6),
    "E12000003": (53.95, -1.3),
    "E12000004": (52.9, -0.9),
    "E12000005": (52.5, -2.3),
    "E12000006": (52.25, 0.4),
    "E12000007": (51.51, -0.12),
    "E12000008": (51.3, -0.6),
    "E12000009": (50.95, -3.2),
}


def gss_uri(code: str) -> str:
    return GSS_URI + code


def gss_from_uri(uri: str) -> str:
    """The GSS code a service area's uri names, or "" if it names none."""
    found = _GSS_IN_URI.search(uri or "")
    return found.group(1) if found else ""


def region_of(local_authority: str) -> str:
    return LOCAL_AUTHORITIES.get(local_authority, ("", ""))[1]


def place_name(code: str) -> str:
    if code == ENGLAND:
        return "England"
    if code in REGIONS:
        return REGIONS[code]
    return LOCAL_AUTHORITIES.get(code, (code, ""))[0]


def codes_covering(local_authority: str) -> set[str]:
    """The place codes a service may name to serve someone in this local authority."""
    return {code for code in (local_authority, region_of(local_authority), ENGLAND) if code}


_BY_NAME = {
    re.sub(r"[^a-z]", "", name.lower().split(",")[0]): code
    for code, (name, _) in LOCAL_AUTHORITIES.items()
}


def local_authority_named(*names: str) -> str:
    """The code of the demo's authority a city or county name means, or "" if none."""
    for name in names:
        code = _BY_NAME.get(re.sub(r"[^a-z]", "", (name or "").lower()))
        if code:
            return code
    return ""


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _postcode(text: str) -> str:
    return re.sub(r"\s+", "", (text or "").upper())


def outward_code(postcode: str) -> str:
    """The part of a UK postcode before the space ("LS1" of "LS1 4AB")."""
    compact = _postcode(postcode)
    return compact[:-3] if len(compact) > 4 else compact


def postcode_centre(postcode: str) -> tuple[float, float] | None:
    """The middle of the catalogue's own locations at a postcode, or in its outward code: no
    postcode register is bundled, so a postcode is only as well placed as the catalogue knows."""
    wanted, outward = _postcode(postcode), outward_code(postcode)
    points, nearby = [], []
    addresses = Address.objects.filter(
        location__latitude__isnull=False, postal_code__istartswith=outward[:2]
    ).values_list("postal_code", "location__latitude", "location__longitude")
    for code, latitude, longitude in addresses:
        if _postcode(code) == wanted:
            points.append((latitude, longitude))
        elif outward_code(code) == outward:
            nearby.append((latitude, longitude))
    chosen = points or nearby
    if not chosen:
        return None
    return (
        sum(p[0] for p in chosen) / len(chosen),
        sum(p[1] for p in chosen) / len(chosen),
    )


def same_outward_code(postcode: str) -> list:
    """The ids of locations whose address shares the postcode's outward code."""
    outward = outward_code(postcode)
    addresses = Address.objects.filter(postal_code__istartswith=outward[:2]).values_list(
        "location_id", "postal_code"
    )
    return [location for location, code in addresses if outward_code(code) == outward]
