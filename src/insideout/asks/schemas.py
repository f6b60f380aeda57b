"""What the asks API reads and writes."""

import datetime
from enum import Enum

from ninja import Field, ModelSchema, Schema

from insideout.directory.models import Organisation
from insideout.vocabulary import NeedCategory

from .lifecycle import ACTIONS
from .models import Ask, AskEvent, Status, TriageRule, Urgency, Verdict

# The changes the life cycle knows, as a closed list the OpenAPI document shows.
ActionName = Enum("ActionName", {name: name for name in ACTIONS}, type=str)


class AskIn(Schema):
    title: str = Field(min_length=3, max_length=200, description="What you need, in a line.")
    detail: str = ""
    category: NeedCategory
    urgency: Urgency = Urgency.MEDIUM
    organisation: str | None = Field(
        None,
        description="The organisation's external identifier (URN, ODS code, charity "
        "number). Doers in one organisation may leave it out; centre staff "
        "logging an ask on a doer's behalf must give it.",
    )
    suggested_unit_id: int | None = Field(None, description="Skip triage: send it to this unit.")
    public: bool = Field(False, description="The doer agrees to be named on 'You said, we did'.")


class AskQuery(Schema):
    status: Status | None = None
    unit_id: int | None = None
    category: NeedCategory | None = None
    organisation_id: int | None = None


class AskOut(ModelSchema):
    reference: str
    organisation_id: int | None
    organisation_name: str | None = Field(None, alias="organisation.name")
    unit_id: int | None
    unit_name: str | None = Field(None, alias="unit.name")
    merged_into_id: int | None
    supporter_count: int = 0
    url: str = Field(alias="get_absolute_url")

    class Meta:
        model = Ask
        fields = [
            "id",
            "title",
            "detail",
            "category",
            "urgency",
            "status",
            "on_behalf",
            "commitment",
            "due_on",
            "decline_reason",
            "delivery_note",
            "helped",
            "helped_comment",
            "fixed",
            "public",
            "raised_at",
            "acknowledged_at",
            "decided_at",
            "delivered_at",
            "confirmed_at",
        ]


class AskDetailOut(AskOut):
    available_actions: list[str] = Field(
        default_factory=list, description="The transitions you may make now."
    )
    acknowledge_by: datetime.datetime | None = None
    decide_by: datetime.datetime | None = None


class SimilarAskOut(Schema):
    """An open ask another doer might join; it does not say who raised it."""

    id: int
    reference: str
    title: str
    category: str
    status: str
    unit_name: str | None = Field(None, alias="unit.name")
    supporter_count: int


class EventOut(ModelSchema):
    actor_id: int | None
    actor_name: str | None = Field(None, alias="actor.full_name")
    kind_label: str = Field(alias="get_kind_display")
    from_unit_id: int | None
    to_unit_id: int | None

    class Meta:
        model = AskEvent
        fields = ["id", "kind", "from_status", "to_status", "note", "at"]


class TransitionIn(Schema):
    action: ActionName
    note: str = Field("", description="Why: needed to decline, deliver, reopen or pass on.")
    unit_id: int | None = Field(None, description="For route: the unit that should own it.")
    commitment: str = Field("", description="For commit: what the centre will do.")
    due_on: datetime.date | None = Field(None, description="For commit: by when.")
    verdict: Verdict | None = Field(None, description="For confirm and follow_up.")
    into_id: int | None = Field(None, description="For merge: the ask to merge this one into.")


class SupportOut(Schema):
    joined: bool
    supporter_count: int
    detail: str


class TriageRuleOut(ModelSchema):
    unit_id: int

    class Meta:
        model = TriageRule
        fields = [
            "id",
            "position",
            "category",
            "organisation_type",
            "region",
            "keywords",
            "is_active",
            "created_at",
        ]


class TriageRuleIn(Schema):
    unit_id: int
    position: int = Field(0, ge=0, le=32767)
    category: NeedCategory | None = None
    organisation_type: Organisation.Type | None = None
    region: str = Field("", max_length=9)
    keywords: str = Field("", max_length=300)
    is_active: bool = True
