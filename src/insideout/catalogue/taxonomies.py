"""The catalogue's own two taxonomies, published as HSDS taxonomies and terms: what a service
helps with (the social needs) and whom it is for (circumstances that open a service).

A service carries them as HSDS attributes (link_type "service_type" and "eligibility"), so any
HSDS client reads them. Ids are derived from the codes, the same in every database.
"""

import uuid

from django.db import models

from insideout.vocabulary import SocialNeed

from .models import Taxonomy, TaxonomyTerm

NAMESPACE = uuid.UUID("6f0e1a52-3c8b-4d7e-9a41-2b5c8d0e7f13")
NEEDS = uuid.uuid5(NAMESPACE, "taxonomy:needs")
ELIGIBILITY = uuid.uuid5(NAMESPACE, "taxonomy:eligibility")
NEED_LINK = "service_type"
ELIGIBILITY_LINK = "eligibility"


class Eligibility(models.TextChoices):
    """Circumstances some services are only for; a case records one only if the work needs it."""

    CARERS = "carers", "Carers"
    PARENTS = "parents", "Parents and carers of children"
    VETERANS = "veterans", "Veterans and armed forces families"
    REFUGEES = "refugees", "Refugees and people seeking asylum"
    CARE_LEAVERS = "care_leavers", "Care leavers"
    DISABLED = "disabled", "Disabled people"
    LOW_INCOME = "low_income", "People on a low income"


def need_term_id(category: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"need:{category}")


def eligibility_term_id(code: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"eligibility:{code}")


def ensure_taxonomies() -> None:
    """Create the two taxonomies and their terms if they are missing (idempotent)."""
    for taxonomy_id, name, description in (
        (NEEDS, "Inside Out needs", "What a service helps people with."),
        (ELIGIBILITY, "Inside Out eligibility", "Whom a service is only for."),
    ):
        Taxonomy.objects.get_or_create(
            id=taxonomy_id,
            defaults={"name": name, "description": description, "version": "1"},
        )
    for category in SocialNeed:
        TaxonomyTerm.objects.get_or_create(
            id=need_term_id(category.value),
            defaults={
                "code": category.value,
                "name": category.label,
                "description": f"Services that help with {category.label.lower()}.",
                "taxonomy": "Inside Out needs",
                "taxonomy_detail_id": NEEDS,
                "taxonomy_id": NEEDS,
                "need_category": category.value,
            },
        )
    for group in Eligibility:
        TaxonomyTerm.objects.get_or_create(
            id=eligibility_term_id(group.value),
            defaults={
                "code": group.value,
                "name": group.label,
                "description": f"Services only for {group.label.lower()}.",
                "taxonomy": "Inside Out eligibility",
                "taxonomy_detail_id": ELIGIBILITY,
                "taxonomy_id": ELIGIBILITY,
            },
        )
