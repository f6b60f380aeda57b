"""What the cases API reads and writes."""

import datetime
from enum import Enum
from uuid import UUID

from ninja import Field, ModelSchema, Schema

from insideout.catalogue.taxonomies import Eligibility
from insideout.vocabulary import SocialNeed

from .lifecycle import ACTIONS
from .models import Case, CaseEvent, CaseRead, Goal, Need, Pull, PullStatus, Verdict
from .services import TEXT_LIMIT

# mypy reads an Enum's members only from literals; these are made from ACTIONS.
ActionName = Enum("ActionName", {name: name for name in ACTIONS}, type=str)  # type: ignore[misc]


def words(description: str = "", required: bool = True):
    return Field(... if required else "", max_length=TEXT_LIMIT, description=description)


class CaseIn(Schema):
    reference: str = Field(
        min_length=1, max_length=60, description="Your reference for them: never their name."
    )
    local_authority: str = Field(
        min_length=9, max_length=9, description="Where they live: a local authority's GSS code."
    )
    kind: Case.Kind = Case.Kind.PERSON
    people: int = Field(1, ge=1, le=500)
    age_band: Case.AgeBand | None = None
    circumstances: list[Eligibility] = Field(default_factory=list)
    what_matters: str = words("What matters to them, in their own words.", required=False)
    consent: bool = Field(
        False, description="They agree to share with the services pulled for them."
    )


class GoalOut(ModelSchema):
    class Meta:
        model = Goal
        fields = ["id", "text", "status", "set_at"]


class NeedOut(ModelSchema):
    case_id: int
    url: str = Field(alias="get_absolute_url")

    class Meta:
        model = Need
        fields = ["id", "category", "text", "status", "raised_at"]


class CaseOut(ModelSchema):
    label: str
    organisation_id: int
    consent_given: bool = False
    url: str = Field(alias="get_absolute_url")

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "kind",
            "people",
            "local_authority",
            "age_band",
            "opened_at",
            "closed_at",
            "erased_at",
        ]

    @staticmethod
    def resolve_consent_given(case) -> bool:
        return case.consent() is not None


class CaseDetailOut(CaseOut):
    circumstances: list[str]
    what_matters: str
    goals: list[GoalOut] = Field(default_factory=list)
    needs: list[NeedOut] = Field(default_factory=list)

    @staticmethod
    def resolve_goals(case) -> list:
        return list(case.goals.all())

    @staticmethod
    def resolve_needs(case) -> list:
        return list(case.needs.all())


class ConsentIn(Schema):
    given: bool = Field(description="True to record consent, false to withdraw it.")
    how: str = Field("spoken", pattern="^(spoken|written)$", max_length=7)


class WhatMattersIn(Schema):
    what_matters: str = words("In their own words.")


class GoalIn(Schema):
    text: str = words("A goal, in their words.")


class NeedIn(Schema):
    category: SocialNeed
    text: str = words("What they need.")


class UnmetIn(Schema):
    note: str = words("What was missing (stays in the case).", required=False)


class SuggestionOut(Schema):
    service_id: UUID
    name: str
    score: float
    reasons: list[str]


class PullIn(Schema):
    need_id: int = Field(ge=1, le=2**63 - 1)
    service_id: UUID
    note_for_provider: str = words("Only what the service needs to know to help.")


class PullOut(ModelSchema):
    """A pull as both its partner and its provider see it: nothing of the case but what the
    service needs."""

    reference: str
    need_id: int = Field(ge=1, le=2**63 - 1)
    need_category: str = Field(alias="need.category")
    service_id: UUID
    service_name: str = Field(alias="service.name")
    provider_id: int
    status: PullStatus = Field(description="A FHIR Task status, as the SDOH Clinical Care guide.")
    place: str = Field(alias="case.local_authority")
    people: int = Field(alias="case.people")
    age_band: str = Field(alias="case.age_band")
    partner_name: str = Field(alias="requested_by.full_name")
    partner_email: str = Field(alias="requested_by.email")
    url: str = Field(alias="get_absolute_url")
    available_actions: list[str] = Field(default_factory=list)

    class Meta:
        model = Pull
        fields = [
            "id",
            "note_for_provider",
            "reason",
            "reason_note",
            "outcome_note",
            "helped",
            "helped_words",
            "requested_at",
            "received_at",
            "decided_at",
            "completed_at",
            "outcome_at",
        ]


class PullQuery(Schema):
    status: PullStatus | None = None
    case_id: int | None = Field(None, ge=1, le=2**63 - 1)


class TransitionIn(Schema):
    action: ActionName
    note: str = words("Why, or what was done: needed to decline, complete or withdraw.", False)
    verdict: Verdict | None = Field(None, description="For record_outcome: did it help?")


class EventOut(ModelSchema):
    actor_name: str | None = Field(None, alias="actor.full_name")
    kind_label: str = Field(alias="get_kind_display")
    pull_id: int | None

    class Meta:
        model = CaseEvent
        fields = ["id", "kind", "from_status", "to_status", "note", "at"]


class ReadOut(ModelSchema):
    reader_name: str = Field(alias="reader.full_name")

    class Meta:
        model = CaseRead
        fields = ["what", "via", "at"]


class FigureOut(Schema):
    cases: int | None = Field(description="Null where it may not be shown (anonymity).")
    people: int | None


class UnmetCellOut(FigureOut):
    category: str
    region: str | None = Field(description="Null for the total of every region.")


class UnmetOut(Schema):
    quarter: str
    threshold: int
    cells: list[UnmetCellOut]
    total: FigureOut


class AnswerIn(Schema):
    service_id: UUID
    category: SocialNeed
    region: str = Field("", max_length=9)
    quarter: str = Field("", pattern=r"^(|\d{4}-Q[1-4])$", max_length=7)


class AnswerOut(Schema):
    answered: int | None = Field(description="How many, or null for fewer than the threshold.")
    detail: str


class ExportOut(Schema):
    """Everything held about the case's person, family or group."""

    case: dict
    partners: list[str]
    consents: list[dict]
    goals: list[dict]
    needs: list[dict]
    pulls: list[dict]
    history: list[dict]
    reads: list[dict]


class ErasedOut(Schema):
    id: int
    erased_at: datetime.datetime
