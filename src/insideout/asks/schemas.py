"""What the asks API reads and writes."""

import datetime
from enum import Enum
from typing import Annotated

from ninja import Field, ModelSchema, Schema
from pydantic import StringConstraints

from insideout.accounts.models import User
from insideout.directory.models import Organisation
from insideout.vocabulary import NeedCategory
from insideout.web.limits import LINE, Code, Id, NoNul, Paragraph

from . import disclosure
from .lifecycle import ACTIONS
from .models import Ask, AskEvent, Status, TriageRule, Urgency, Verdict

# The changes the life cycle knows, as a closed list the OpenAPI document shows.
# mypy reads an Enum's members only from literals; these are made from ACTIONS.
ActionName = Enum("ActionName", {name: name for name in ACTIONS}, type=str)  # type: ignore[misc]


class AskIn(Schema):
    title: Annotated[str, StringConstraints(min_length=3, max_length=LINE), NoNul] = Field(
        description="What you need, in a line."
    )
    detail: Paragraph = ""
    category: NeedCategory
    urgency: Urgency = Urgency.MEDIUM
    organisation: Code | None = Field(
        None,
        description="The organisation's external identifier (URN, ODS code, charity "
        "number). Doers in one organisation may leave it out; centre staff "
        "logging an ask on a doer's behalf must give it.",
    )
    suggested_unit_id: Id | None = Field(None, description="Skip triage: send it to this unit.")
    public: bool = Field(False, description="The doer agrees to be named on 'You said, we did'.")


class AskQuery(Schema):
    status: Status | None = None
    unit_id: Id | None = None
    category: NeedCategory | None = None
    organisation_id: Id | None = None


class AskOut(ModelSchema):
    """The raising organisation is null for those who may not know it (asks.disclosure)."""

    reference: str
    organisation_id: int | None = None
    organisation_name: str | None = None
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

    @staticmethod
    def resolve_organisation_id(ask: Ask, context) -> int | None:
        return disclosure.organisation_id(_reader(context), ask)

    @staticmethod
    def resolve_organisation_name(ask: Ask, context) -> str | None:
        return disclosure.organisation_name(_reader(context), ask) or None


def _reader(context) -> User | None:
    """Who the answer is for: the request's user (nobody, so the strictest answer, without one)."""
    request = (context or {}).get("request")
    return getattr(request, "user", None)


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


class EventOut(Schema):
    """One change; the actor is named (and their id given) only as far as you may know them:
    a doer who joined someone else's ask reads "Another doer"."""

    id: int
    kind: str
    kind_label: str
    from_status: str
    to_status: str
    note: str
    at: datetime.datetime
    actor_id: int | None
    actor_name: str | None
    from_unit_id: int | None
    to_unit_id: int | None

    @classmethod
    def of(cls, event: AskEvent, entry: disclosure.TrailEntry) -> "EventOut":
        return cls(
            id=event.pk,
            kind=event.kind,
            kind_label=event.get_kind_display(),
            from_status=event.from_status,
            to_status=event.to_status,
            note=event.note,
            at=event.at,
            actor_id=entry.actor_id,
            actor_name=entry.who,
            from_unit_id=event.from_unit_id,
            to_unit_id=event.to_unit_id,
        )


class TransitionIn(Schema):
    action: ActionName
    note: Paragraph = Field("", description="Why: needed to decline, deliver, reopen or pass on.")
    unit_id: Id | None = Field(None, description="For route: the unit that should own it.")
    commitment: Paragraph = Field("", description="For commit: what the centre will do.")
    due_on: datetime.date | None = Field(None, description="For commit: by when.")
    verdict: Verdict | None = Field(None, description="For confirm: did it help?")
    into_id: Id | None = Field(None, description="For merge: the ask to merge this one into.")


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
    unit_id: Id
    position: int = Field(0, ge=0, le=32767)
    category: NeedCategory | None = None
    organisation_type: Organisation.Type | None = None
    region: Annotated[str, StringConstraints(max_length=9), NoNul] = ""
    keywords: Annotated[str, StringConstraints(max_length=300), NoNul] = ""
    is_active: bool = True
