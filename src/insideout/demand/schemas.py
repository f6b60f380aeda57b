"""What the demand API reads and writes."""

import datetime
from typing import Annotated

from ninja import Field, ModelSchema, Schema
from pydantic import StringConstraints

from insideout.web.limits import Code, Id, Line, NoNul

from .models import ClassificationRule, Contact, Service

Text = Annotated[str, StringConstraints(max_length=10_000), NoNul]
Short = Annotated[str, StringConstraints(max_length=100), NoNul]


class ServiceOut(ModelSchema):
    class Meta:
        model = Service
        fields = ["id", "code", "name", "description", "group", "unit", "open311"]


class ContactIn(Schema):
    service: Code = Field(description="The service's code, as on the services page.")
    channel: Contact.Channel
    text: Text = Field("", description="What the citizen said; personal data is scrubbed.")
    received_at: datetime.datetime | None = Field(None, description="Now if left out.")
    what_matters: Annotated[str, StringConstraints(max_length=500), NoNul] = ""
    place: Short = ""
    resolved_at: datetime.datetime | None = None
    external_id: Short | None = Field(
        None, description="Its identifier in your system; a contact is taken once per identifier."
    )


class ContactOut(ModelSchema):
    service_code: str = Field(alias="service.code")
    label: str

    class Meta:
        model = Contact
        fields = [
            "id",
            "external_id",
            "received_at",
            "channel",
            "text",
            "what_matters",
            "place",
            "resolved_at",
            "status_notes",
            "demand_type",
            "failure_cause",
            "need",
            "classified_by",
            "confidence",
            "drivers",
        ]


class BulkIn(Schema):
    contacts: list[ContactIn] = Field(max_length=1000)


class BulkOut(Schema):
    created: int
    already_here: int
    ids: list[int]


class ContactQuery(Schema):
    service: Code | None = None
    channel: Contact.Channel | None = None
    place: Short | None = None
    demand_type: Contact.DemandType | None = None
    classified_by: Contact.ClassifiedBy | None = None
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None


class LabelIn(Schema):
    demand_type: Contact.DemandType
    failure_cause: Contact.FailureCause | None = None
    need: Annotated[str, StringConstraints(max_length=80), NoNul] = ""


class RuleIn(Schema):
    keywords: Annotated[str, StringConstraints(min_length=1, max_length=500), NoNul]
    demand_type: Contact.DemandType
    failure_cause: Contact.FailureCause | None = None
    need: Annotated[str, StringConstraints(max_length=80), NoNul] = ""
    service_id: Id | None = None
    position: int = Field(100, ge=0, le=100_000)


class RuleOut(ModelSchema):
    class Meta:
        model = ClassificationRule
        fields = ["id", "service", "keywords", "demand_type", "failure_cause", "need", "position"]


class ClassEvaluation(Schema):
    label: str
    precision: float
    recall: float
    f1: float
    support: int


class ClassifierOut(Schema):
    created_at: datetime.datetime
    trained_on: int
    classes: list[str]
    folds: int
    accuracy: float | None
    evaluation: list[ClassEvaluation]


class Queued(Schema):
    detail: str


class AnalysisQuery(Schema):
    start: datetime.date | None = None
    end: datetime.date | None = None
    service: Code | None = None
    channel: Contact.Channel | None = None
    place: Short | None = None


class SpcPointOut(Schema):
    date: str
    value: float
    mean: float
    lpl: float | None
    upl: float | None
    rule: str | None
    variation: str


class SpcGroupOut(Schema):
    start: str
    end: str
    mean: float
    lpl: float | None
    upl: float | None
    short_group_warning: bool
    assurance: str | None


class SpcOut(Schema):
    points: list[SpcPointOut]
    groups: list[SpcGroupOut]


class VolumeOut(Schema):
    value: SpcOut
    failure: SpcOut
    unclassified: list[int]


class ShareOut(Schema):
    key: str
    classified: int
    failures: int
    share: float
    low: float
    high: float


class CauseOut(Schema):
    cause: str
    contacts: int


class CapabilityOut(Schema):
    resolved: int
    p50: float | None
    p85: float | None
    p95: float | None
    latest: list[tuple[datetime.datetime, float]]


class PhraseOut(Schema):
    service_code: str
    phrase: str
    citizens: int


class VerdictOut(Schema):
    key: Line
    answered: int | None
    put_right: int | None
    suppressed: bool
