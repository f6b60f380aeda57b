"""`import_hsds`: check a file against the official schemas, read it, and write it, all or
nothing. Then the catalogue's own columns are worked out from what came in: the places a
service serves, its capacity status and wait, its provider in the directory, and what kind of
need a taxonomy term stands for."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from insideout.directory.models import Organisation
from insideout.vocabulary import SocialNeed

from .. import capacity as rules
from ..models import (
    Address,
    Location,
    OrganisationIdentifier,
    Provider,
    Service,
    ServiceArea,
    ServiceCapacity,
    TaxonomyTerm,
)
from ..places import gss_from_uri, local_authority_named
from .reading import Reading, documents
from .validation import Problem, problems
from .writing import apply

MAX_PROBLEMS = 200


@dataclass
class ImportOutcome:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    roots: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def import_hsds(data, kind_name: str | None = None) -> ImportOutcome:
    """Import HSDS JSON (an object, a list, or a page of them) or refuse it with every problem."""
    found, refusal = documents(data, kind_name)
    if refusal:
        return ImportOutcome(problems=[Problem("$", refusal)])
    outcome = ImportOutcome(roots=len(found))
    for name, document, path in found:
        outcome.problems += problems(name, document, path)
        if len(outcome.problems) >= MAX_PROBLEMS:
            break
    if outcome.problems:
        outcome.problems = outcome.problems[:MAX_PROBLEMS]
        return outcome
    reading = Reading()
    for name, document, path in found:
        if isinstance(document, dict):  # anything else was refused above
            reading.read(name, document, path)
    outcome.problems = reading.problems or reading.missing_links()
    if outcome.problems:
        outcome.problems = outcome.problems[:MAX_PROBLEMS]
        return outcome
    with transaction.atomic():
        outcome.counts = apply(reading)
        derive(reading)
    return outcome


def derive(reading: Reading) -> None:
    """Work out the catalogue's own columns for what was just imported."""
    service_ids = list(reading.rows.get("service", {}))
    _dates(service_ids)
    _capacity(service_ids)
    for area in ServiceArea.objects.filter(pk__in=list(reading.rows.get("service_area", {}))):
        ServiceArea.objects.filter(pk=area.pk).update(gss_code=gss_from_uri(area.uri))
    _local_authorities(list(reading.rows.get("location", {})))
    _directory_links(list(reading.rows.get("organization", {})))
    for code in SocialNeed.values:
        TaxonomyTerm.objects.filter(
            pk__in=list(reading.rows.get("taxonomy_term", {})), code=code, need_category=""
        ).update(need_category=code)


def _dates(service_ids: list) -> None:
    Service.objects.filter(pk__in=service_ids, last_modified__isnull=True).update(
        last_modified=timezone.now()
    )


def _capacity(service_ids: list) -> None:
    held = {
        c.service_id: c.available
        for c in ServiceCapacity.objects.filter(
            service_id__in=service_ids, unit_id=rules.PLACES_A_WEEK
        )
    }
    for service in Service.objects.filter(pk__in=service_ids).only("pk", "wait_time"):
        weeks = rules.weeks_in(service.wait_time)
        Service.objects.filter(pk=service.pk).update(
            wait_weeks=weeks, capacity_status=rules.status_for(held.get(service.pk), weeks)
        )


def _local_authorities(location_ids: list) -> None:
    for address in Address.objects.filter(location_id__in=location_ids).select_related("location"):
        if address.location.local_authority:
            continue
        code = local_authority_named(address.city, address.region, address.state_province)
        if code and address.location_id is not None:
            Location.objects.filter(pk=address.location_id).update(local_authority=code)


def _directory_links(provider_ids: list) -> None:
    """Link an organisation to the directory's by an identifier both share (a charity
    number, a company number, an ODS code)."""
    for identifier in OrganisationIdentifier.objects.filter(organization_id__in=provider_ids):
        match = Organisation.objects.filter(
            Q(external_id=identifier.identifier)
            | Q(external_id=f"{identifier.identifier_type}{identifier.identifier}")
        ).first()
        if match and identifier.organization_id is not None:
            Provider.objects.filter(
                pk=identifier.organization_id, directory_organisation__isnull=True
            ).update(directory_organisation=match)
