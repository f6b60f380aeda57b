"""Whom a requirement lands on: a list of organisations if one was given, else every organisation
of the chosen kinds in the chosen regions (none chosen: all), as for a pulse."""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, QuerySet

from insideout.directory.models import Organisation
from insideout.directory.places import REGIONS

from .models import IMPOSING, Requirement

Listed = Requirement.audience_organisations.through


def audience_organisations(requirement: Requirement) -> QuerySet[Organisation]:
    listed = requirement.audience_organisations.all()
    if requirement.pk and listed.exists():
        return listed
    organisations = Organisation.objects.all()
    if requirement.audience_types:
        organisations = organisations.filter(type__in=requirement.audience_types)
    if requirement.audience_regions:
        organisations = organisations.filter(region__in=requirement.audience_regions)
    return organisations


def matches(requirement: Requirement, organisation_type: str, region: str) -> bool:
    """Whether an organisation of this kind and region is in the kinds-and-regions audience."""
    return (not requirement.audience_types or organisation_type in requirement.audience_types) and (
        not requirement.audience_regions or region in requirement.audience_regions
    )


def doers_by_type(requirements: Iterable[Requirement]) -> dict[int, dict[str, int]]:
    """For each requirement, how many organisations of each kind it lands on: two queries
    however many requirements there are."""
    requirements = list(requirements)
    ids = [r.pk for r in requirements]
    listed: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Listed.objects.filter(requirement_id__in=ids)
        .values("requirement_id", "organisation__type")
        .annotate(n=Count("pk"))
    ):
        listed[row["requirement_id"]][row["organisation__type"]] = row["n"]
    segments = list(Organisation.objects.values_list("type", "region").annotate(n=Count("pk")))
    sizes = {}
    by_audience: dict[tuple, dict[str, int]] = {}  # requirements often share an audience
    for requirement in requirements:
        if requirement.pk in listed:
            sizes[requirement.pk] = dict(listed[requirement.pk])
            continue
        key = (tuple(requirement.audience_types), tuple(requirement.audience_regions))
        if key not in by_audience:
            by_type: dict[str, int] = defaultdict(int)
            for kind, region, n in segments:
                if matches(requirement, kind, region):
                    by_type[kind] += n
            by_audience[key] = dict(by_type)
        sizes[requirement.pk] = dict(by_audience[key])
    return sizes


def requirements_landing_on(
    organisation: Organisation, requirements: QuerySet[Requirement] | None = None
) -> list[Requirement]:
    """The requirements, of those given (by default every one in force), that land on it."""
    if requirements is None:
        requirements = Requirement.objects.filter(state__in=IMPOSING)
    candidates = list(requirements.select_related("owner_unit"))
    ids = [r.pk for r in candidates]
    listed_for: dict[int, set[int]] = defaultdict(set)
    for requirement_id, organisation_id in Listed.objects.filter(
        requirement_id__in=ids
    ).values_list("requirement_id", "organisation_id"):
        listed_for[requirement_id].add(organisation_id)

    def lands(requirement: Requirement) -> bool:
        if requirement.pk in listed_for:
            return organisation.pk in listed_for[requirement.pk]
        return matches(requirement, organisation.type, organisation.region)

    return [r for r in candidates if lands(r)]


def plural(label: str, n: int) -> str:
    """'1 school', '3 local authorities', '2 GP practices', '4 businesses'."""
    word = label if label[1:2].isupper() else label[:1].lower() + label[1:]
    if n != 1:
        if word.endswith("y") and word[-2:-1] not in "aeiou":
            word = word[:-1] + "ies"
        elif word.endswith(("s", "x", "ch", "sh")):
            word += "es"
        else:
            word += "s"
    return f"{n:,} {word}"


def describe(requirement: Requirement, sizes: dict[str, int]) -> str:
    """Who it lands on, in words: '310 schools and 150 GP practices in London'."""
    labels = dict(Organisation.Type.choices)
    parts = [
        plural(labels.get(kind, kind), n)
        for kind, n in sorted(sizes.items(), key=lambda item: (-item[1], item[0]))
        if n
    ]
    if not parts:
        return "no organisation yet"
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    if requirement.audience_regions and not requirement.audience_organisations.exists():
        text += " in " + ", ".join(REGIONS.get(r, r) for r in requirement.audience_regions)
    return text
