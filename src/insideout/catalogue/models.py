"""The capability catalogue: what can be pulled, one table per Open Referral HSDS 3 object.

Each model is one HSDS object and each column the HSDS property of the same name, so that
import, export and the HSDS API map one to one (`hsds/spec.py` says which is which). Objects
that HSDS nests under several parents (a phone under a service, its location and a contact)
link to each, as HSDS's tabular form does. A few columns are the catalogue's own, for matching
and for providers; their help text begins "Ours".
"""

import uuid
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils import timezone

from insideout.directory.models import Organisation
from insideout.vocabulary import SocialNeed


def text(help_text: str = "") -> models.TextField:
    return models.TextField(blank=True, default="", help_text=help_text)


def numeric(help_text: str = "") -> models.FloatField:
    return models.FloatField(null=True, blank=True, help_text=help_text)


def parent(
    model: str, related_name: str, on_delete=models.SET_NULL
) -> "models.ForeignKey[Any, Any]":
    """A link to an object this one nests under; SET_NULL where it may nest under others too.
    (Named by a string made here, its model is unknown to mypy: what it holds is Any.)"""
    return models.ForeignKey(
        model, null=True, blank=True, on_delete=on_delete, related_name=related_name
    )


class HsdsObject(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    extra = models.JSONField(
        default=dict,
        blank=True,
        help_text="Properties HSDS allows as extensions that the catalogue does not model, "
        "kept as they came so that an export gives back what was imported.",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class CapacityStatus(models.TextChoices):
    """Whether a service can take someone on now: the HL7 SDOH Clinical Care guide's capacity
    status codes (SDOHCC ValueSet Capacity Status, STU 3), so a referral platform reads them."""

    CAPACITY = "capacity", "Can take people on now"
    WAITLIST = "waitlist", "Waiting list"
    ASSESSMENT = "additional-assessment-required", "Assessment needed first"
    NO_CAPACITY = "no-capacity", "No capacity now"


class Taxonomy(HsdsObject):
    name = models.TextField()
    description = text()
    uri = text()
    version = text()

    class Meta:
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(HsdsObject):
    code = text()
    name = models.TextField()
    description = text()
    parent_id = models.UUIDField(null=True, blank=True)
    taxonomy = text("The taxonomy's name, as HSDS allows it to be given in words.")
    taxonomy_detail = parent("Taxonomy", "terms")
    language = text()
    taxonomy_id = models.UUIDField(null=True, blank=True)
    term_uri = text()
    need_category = models.CharField(
        max_length=20,
        choices=SocialNeed.choices,
        blank=True,
        help_text="Ours: the kind of need a service under this term helps with.",
    )

    def __str__(self) -> str:
        return self.name


class Provider(HsdsObject):
    """An organisation that runs services: HSDS's organization."""

    name = models.TextField()
    alternate_name = text()
    description = models.TextField(default="")
    email = text()
    website = text()
    tax_status = text()
    tax_id = text()
    year_incorporated = numeric()
    legal_status = text()
    logo = text()
    uri = text()
    parent_organization_id = models.UUIDField(null=True, blank=True)
    directory_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="catalogue_providers",
        help_text="Ours: the organisation in the directory, whose provider staff keep its "
        "services and answer its pulls.",
    )

    class Meta:
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class Programme(HsdsObject):
    """A group of services under one name: HSDS's program."""

    organization = parent("Provider", "programs", models.CASCADE)
    name = models.TextField()
    alternate_name = text()
    description = models.TextField(default="")

    def __str__(self) -> str:
        return self.name


class OrganisationIdentifier(HsdsObject):
    organization = parent("Provider", "organization_identifiers", models.CASCADE)
    identifier_scheme = text()
    identifier_type = models.TextField()
    identifier = models.TextField()

    def __str__(self) -> str:
        return f"{self.identifier_type} {self.identifier}"


class Service(HsdsObject):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        INACTIVE = "inactive", "Inactive"
        DEFUNCT = "defunct", "Closed for good"
        TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"

    organization = parent("Provider", "services", models.CASCADE)
    program = parent("Programme", "services")
    name = models.TextField()
    alternate_name = text()
    description = text()
    url = text()
    email = text()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    interpretation_services = text()
    application_process = text()
    fees_description = text()
    wait_time = text()
    fees = text()
    accreditations = text()
    eligibility_description = text()
    minimum_age = numeric()
    maximum_age = numeric()
    assured_date = text()
    assurer_email = text()
    licenses = text()
    alert = text()
    last_modified = models.DateTimeField(null=True, blank=True, default=timezone.now, db_index=True)
    capacity_status = models.CharField(
        max_length=32,
        choices=CapacityStatus.choices,
        blank=True,
        help_text="Ours: whether it can take people on now, as its provider last said.",
    )
    wait_weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Ours: the current wait to start, in weeks."
    )

    class Meta:
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:service", args=[self.pk])


class Location(HsdsObject):
    class Type(models.TextChoices):
        PHYSICAL = "physical", "A place people visit"
        POSTAL = "postal", "A postal address"
        VIRTUAL = "virtual", "Online or by phone"

    location_type = models.CharField(max_length=10, choices=Type.choices, default=Type.PHYSICAL)
    url = text()
    organization = parent("Provider", "locations")
    name = text()
    alternate_name = text()
    description = text()
    transportation = text()
    latitude = numeric()
    longitude = numeric()
    external_identifier = text()
    external_identifier_type = text()
    local_authority = models.CharField(
        max_length=9, blank=True, help_text="Ours: the ONS GSS code of its local authority."
    )

    def __str__(self) -> str:
        return self.name or str(self.pk)


class Address(HsdsObject):
    location = parent("Location", "addresses", models.CASCADE)
    attention = text()
    address_1 = models.TextField()
    address_2 = text()
    city = models.TextField()
    region = text()
    state_province = models.TextField()
    postal_code = models.TextField()
    country = models.TextField()
    address_type = models.CharField(max_length=10, choices=Location.Type.choices)

    class Meta:
        verbose_name_plural = "addresses"


class Accessibility(HsdsObject):
    location = parent("Location", "accessibility", models.CASCADE)
    description = text()
    details = text()
    url = text()

    class Meta:
        verbose_name_plural = "accessibility"


class ServiceAtLocation(HsdsObject):
    service = parent("Service", "service_at_locations", models.CASCADE)
    location = parent("Location", "service_at_locations", models.CASCADE)
    description = text()


class Contact(HsdsObject):
    organization = parent("Provider", "contacts")
    service = parent("Service", "contacts")
    service_at_location = parent("ServiceAtLocation", "contacts")
    location = parent("Location", "contacts")
    name = text()
    title = text()
    department = text()
    email = text()


class Phone(HsdsObject):
    location = parent("Location", "phones")
    service = parent("Service", "phones")
    organization = parent("Provider", "phones")
    contact = parent("Contact", "phones")
    service_at_location = parent("ServiceAtLocation", "phones")
    number = models.TextField()
    extension = numeric()
    type = text()
    description = text()


class Language(HsdsObject):
    service = parent("Service", "languages")
    location = parent("Location", "languages")
    phone = parent("Phone", "languages")
    name = text()
    code = text()
    note = text()


class Schedule(HsdsObject):
    service = parent("Service", "schedules")
    location = parent("Location", "schedules")
    service_at_location = parent("ServiceAtLocation", "schedules")
    valid_from = text()
    valid_to = text()
    dtstart = text()
    timezone = numeric()
    until = text()
    count = numeric()
    wkst = text()
    freq = text()
    interval = numeric()
    byday = text()
    byweekno = text()
    bymonthday = text()
    byyearday = text()
    description = text()
    opens_at = text()
    closes_at = text()
    schedule_link = text()
    attending_type = text()
    notes = text()


class ServiceArea(HsdsObject):
    service = parent("Service", "service_areas", models.CASCADE)
    name = text()
    description = text()
    extent = text()
    extent_type = text()
    uri = text()
    gss_code = models.CharField(
        max_length=9,
        blank=True,
        db_index=True,
        help_text="Ours: the ONS GSS code of the area its uri names "
        "(http://statistics.data.gov.uk/id/statistical-geography/CODE).",
    )


class CostOption(HsdsObject):
    service = parent("Service", "cost_options", models.CASCADE)
    valid_from = text()
    valid_to = text()
    option = text()
    currency = text()
    amount = numeric()
    amount_description = text()


class RequiredDocument(HsdsObject):
    service = parent("Service", "required_documents", models.CASCADE)
    document = text()
    uri = text()


class Funding(HsdsObject):
    organization = parent("Provider", "funding")
    service = parent("Service", "funding")
    source = text()

    class Meta:
        verbose_name_plural = "funding"


class CapacityUnit(HsdsObject):
    """What capacity is counted in ("places a week"): HSDS 3.1's unit."""

    name = models.TextField()
    scheme = text()
    identifier = text()
    uri = text()

    def __str__(self) -> str:
        return self.name


class ServiceCapacity(HsdsObject):
    """How many a service can take: HSDS 3.1's service_capacity (3.0 has none)."""

    service = parent("Service", "capacities", models.CASCADE)
    unit = models.ForeignKey(CapacityUnit, on_delete=models.PROTECT, related_name="+")
    available = models.FloatField()
    maximum = numeric()
    description = text()
    updated = models.DateTimeField()

    class Meta:
        verbose_name_plural = "service capacities"


class Attribute(HsdsObject):
    """A taxonomy term applied to an object: what a service helps with, who it is for."""

    owner_type = models.CharField(
        max_length=30, help_text="Ours: the kind of object it is nested under."
    )
    owner_id = models.UUIDField(help_text="Ours: the object it is nested under.")
    link_id = models.UUIDField(null=True, blank=True)
    taxonomy_term = parent("TaxonomyTerm", "attributes", models.CASCADE)
    link_type = text()
    link_entity = text()
    value = text()

    class Meta:
        indexes = [models.Index(fields=["owner_type", "owner_id"])]


class ChangeRecord(HsdsObject):
    """Who changed which field of an object, and when: HSDS's metadata."""

    owner_type = models.CharField(
        max_length=30, help_text="Ours: the kind of object it is nested under."
    )
    owner_id = models.UUIDField(help_text="Ours: the object it is nested under.")
    resource_id = models.UUIDField(null=True, blank=True)
    resource_type = models.TextField(default="")
    last_action_date = models.TextField(default="")
    last_action_type = models.TextField(default="")
    field_name = models.TextField(default="")
    previous_value = models.TextField(default="")
    replacement_value = models.TextField(default="")
    updated_by = models.TextField(default="")

    class Meta:
        indexes = [models.Index(fields=["owner_type", "owner_id"])]
