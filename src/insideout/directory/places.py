"""Place codes: the nine English regions and local authorities, by their ONS GSS codes.

Regions are a closed list. Local authorities are checked by the shape of a GSS code
(a letter for the nation, two digits for the entity type, six for the instance) so that a
national register with any authority imports; the names below are those the demo uses.
"""

import re

REGIONS: dict[str, str] = {
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}
REGION_CHOICES = list(REGIONS.items())
_REGION_BY_NAME = {name.lower(): code for code, name in REGIONS.items()}
_REGION_BY_NAME.update(
    {
        "yorkshire and the humber": "E12000003",
        "east": "E12000006",
        "yorkshire & the humber": "E12000003",
        "east of england": "E12000006",
    }
)

GSS_CODE = re.compile(r"^[EWSN]\d{8}$")
# The ONS entity codes (a code's first three characters) that are local authorities: unitary
# authorities, districts, metropolitan districts, London boroughs and counties in England,
# principal areas in Wales, council areas in Scotland, districts in Northern Ireland.
LOCAL_AUTHORITY_ENTITIES = frozenset({"E06", "E07", "E08", "E09", "E10", "W06", "S12", "N09"})

# (code, name, region code) for the authorities the demo department places organisations in.
LOCAL_AUTHORITIES: dict[str, tuple[str, str]] = {
    "E06000047": ("County Durham", "E12000001"),
    "E08000021": ("Newcastle upon Tyne", "E12000001"),
    "E08000024": ("Sunderland", "E12000001"),
    "E06000002": ("Middlesbrough", "E12000001"),
    "E08000003": ("Manchester", "E12000002"),
    "E08000012": ("Liverpool", "E12000002"),
    "E06000008": ("Blackburn with Darwen", "E12000002"),
    "E10000017": ("Lancashire", "E12000002"),
    "E06000063": ("Cumberland", "E12000002"),
    "E08000035": ("Leeds", "E12000003"),
    "E08000019": ("Sheffield", "E12000003"),
    "E08000032": ("Bradford", "E12000003"),
    "E06000010": ("Kingston upon Hull, City of", "E12000003"),
    "E06000065": ("North Yorkshire", "E12000003"),
    "E06000018": ("Nottingham", "E12000004"),
    "E06000016": ("Leicester", "E12000004"),
    "E06000015": ("Derby", "E12000004"),
    "E10000019": ("Lincolnshire", "E12000004"),
    "E08000025": ("Birmingham", "E12000005"),
    "E08000026": ("Coventry", "E12000005"),
    "E08000031": ("Wolverhampton", "E12000005"),
    "E06000021": ("Stoke-on-Trent", "E12000005"),
    "E06000051": ("Shropshire", "E12000005"),
    "E10000015": ("Hertfordshire", "E12000006"),
    "E06000031": ("Peterborough", "E12000006"),
    "E10000020": ("Norfolk", "E12000006"),
    "E10000029": ("Suffolk", "E12000006"),
    "E06000032": ("Luton", "E12000006"),
    "E09000030": ("Tower Hamlets", "E12000007"),
    "E09000022": ("Lambeth", "E12000007"),
    "E09000025": ("Newham", "E12000007"),
    "E09000005": ("Brent", "E12000007"),
    "E09000008": ("Croydon", "E12000007"),
    "E09000012": ("Hackney", "E12000007"),
    "E10000030": ("Surrey", "E12000008"),
    "E10000016": ("Kent", "E12000008"),
    "E06000045": ("Southampton", "E12000008"),
    "E06000043": ("Brighton and Hove", "E12000008"),
    "E10000025": ("Oxfordshire", "E12000008"),
    "E06000023": ("Bristol, City of", "E12000009"),
    "E06000026": ("Plymouth", "E12000009"),
    "E06000052": ("Cornwall", "E12000009"),
    "E10000008": ("Devon", "E12000009"),
    "E06000054": ("Wiltshire", "E12000009"),
}


def region_code(value: str) -> str | None:
    """The region's code from its code or its name (any case), or None if it is not a region."""
    cleaned = value.strip()
    if cleaned.upper() in REGIONS:
        return cleaned.upper()
    return _REGION_BY_NAME.get(cleaned.lower())


def region_name(code: str) -> str:
    return REGIONS.get(code, code)


def local_authority_name(code: str) -> str:
    known = LOCAL_AUTHORITIES.get(code)
    return known[0] if known else code
