"""What the burdens API reads and writes."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from ninja import Field, ModelSchema, Schema
from pydantic import StringConstraints

from insideout.directory.models import Organisation
from insideout.directory.places import REGIONS
from insideout.web import limits
from insideout.web.limits import LINE, Code, Id, NoNul, Paragraph

from .models import (
    BudgetRule,
    ChangeProposal,
    Frequency,
    Kind,
    Offset,
    Report,
    Requirement,
    RequirementEvent,
    State,
)

if TYPE_CHECKING:  # made at run time from limits and places; mypy checks what they hold
    Hours = Decimal
    ReportedHours = Decimal
    Ratio = Decimal
    Region = str
else:
    Hours = limits.Amount("0.1", "2000")
    ReportedHours = limits.Amount("0", "2000")
    Ratio = limits.Amount("0.1", "10")
    Region = Literal[tuple(REGIONS)]


class RequirementIn(Schema):
    title: Annotated[str, StringConstraints(min_length=3, max_length=LINE), NoNul]
    description: Paragraph = ""
    kind: Kind
    owner_unit_id: Id
    is_statutory: bool = False
    legal_basis: Annotated[str, StringConstraints(max_length=300), NoNul] = ""
    audience_types: list[Organisation.Type] = Field(
        default_factory=list, description="Kinds of organisation it lands on; none: every kind."
    )
    audience_regions: list[Region] = Field(
        default_factory=list, description="ONS region codes; none: every region."
    )
    audience_organisations: list[Code] = Field(
        default_factory=list,
        description="External identifiers of the organisations it lands on; replaces kinds and "
        "regions.",
    )
    frequency: Frequency
    first_due_on: datetime.date
    estimated_hours: Hours = Field(description="Hours each doer spends on each occurrence.")
    starts_on: datetime.date
    ends_on: datetime.date | None = None


class RequirementQuery(Schema):
    state: State | None = None
    unit_id: Id | None = None
    kind: Kind | None = None


class RequirementOut(ModelSchema):
    reference: str
    owner_unit_id: int
    owner_unit_name: str = Field(alias="owner_unit.name")
    in_scrutiny: bool = False
    url: str = Field(alias="get_absolute_url")

    class Meta:
        model = Requirement
        fields = [
            "id",
            "title",
            "description",
            "kind",
            "is_statutory",
            "legal_basis",
            "audience_types",
            "audience_regions",
            "frequency",
            "first_due_on",
            "estimated_hours",
            "starts_on",
            "ends_on",
            "state",
            "state_reason",
            "hours_saved_per_year",
            "created_at",
        ]

    @staticmethod
    def resolve_in_scrutiny(obj: Requirement) -> bool:
        return obj.in_scrutiny_since is not None


class Figures(Schema):
    """Hours a year, as the centre estimates and as doers report (None: too few to show)."""

    estimated: float
    reported: float | None
    gap: float | None
    usefulness: float | None = Field(None, description="Doers' average, 1 to 5.")
    reports: int | None = Field(None, description="Published reports behind the figures.")


class RequirementDetailOut(Schema):
    requirement: RequirementOut
    doers: int = Field(description="Organisations it lands on.")
    hours_a_year: Figures
    next_due: list[datetime.date]


class OffsetIn(Schema):
    requirement_id: Id
    action: Offset.Action
    new_hours: Hours | None = Field(None, description="For a simplification: hours afterwards.")


class AssessmentIn(Schema):
    for_whom: Paragraph = ""
    offsets: list[OffsetIn] = Field(default_factory=list, max_length=50)


class OffsetOut(Schema):
    requirement_id: int = Field(alias="target_id")
    action: str
    new_hours: Decimal | None
    hours_saved_per_year: Decimal


class AssessmentOut(Schema):
    hours_per_year: Decimal
    doers: int
    doers_by_type: dict[str, int]
    for_whom: str
    offsets: list[OffsetOut]
    budget_needed: float
    budget_pledged: float
    net_change: float


class DecisionIn(Schema):
    decision: Literal["approve", "send_back", "reject"]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=2000), NoNul]


class ConsultationIn(Schema):
    closes_on: datetime.date


class ConsultationOut(Schema):
    id: int
    pulse_id: int
    closes_on: datetime.date
    statement: str


class EventOut(ModelSchema):
    actor_name: str | None = Field(None, alias="actor.full_name")

    class Meta:
        model = RequirementEvent
        fields = [
            "kind",
            "from_state",
            "to_state",
            "note",
            "hours_from",
            "hours_to",
            "hours_per_year_change",
            "at",
        ]


class ReportIn(Schema):
    due_on: datetime.date
    hours: ReportedHours
    usefulness: Annotated[int, Field(ge=1, le=5)]
    comment: Paragraph = ""
    organisation: Code | None = Field(
        None, description="Your organisation's external identifier, if you are in several."
    )


class ReportOut(ModelSchema):
    organisation_name: str = Field(alias="organisation.name")

    class Meta:
        model = Report
        fields = [
            "id",
            "requirement",
            "organisation",
            "due_on",
            "hours",
            "estimated_hours",
            "usefulness",
            "comment",
            "reported_at",
        ]


class ProposalIn(Schema):
    action: ChangeProposal.Action
    reason: Annotated[str, StringConstraints(min_length=1, max_length=2000), NoNul]
    suggested_hours: Hours | None = None


class ProposalDecisionIn(Schema):
    accept: bool
    reason: Annotated[str, StringConstraints(min_length=1, max_length=2000), NoNul]
    new_hours: Hours | None = None


class ProposalOut(ModelSchema):
    requirement_title: str = Field(alias="requirement.title")

    class Meta:
        model = ChangeProposal
        fields = [
            "id",
            "requirement",
            "action",
            "reason",
            "suggested_hours",
            "proposed_at",
            "status",
            "decision_reason",
            "decided_at",
            "hours_saved_per_year",
        ]


class LedgerRowOut(Figures):
    label: str
    requirement_id: int | None = None
    requirements: int


class LedgerOut(Schema):
    by: str
    reports_from: datetime.date | None
    reports_to: datetime.date | None
    rows: list[LedgerRowOut]
    total: LedgerRowOut


class LedgerQuery(RequirementQuery):
    by: Literal["requirement", "unit", "doer_type"] = "requirement"


class QuarterOut(Schema):
    quarter: str
    starts_on: datetime.date
    estimated: float
    reported: float | None
    reports: int


class BudgetRuleIn(Schema):
    ratio: Ratio | None
    exempts_statutory: bool = True
    applies_from: datetime.date
    note: Paragraph = ""


class BudgetRuleOut(ModelSchema):
    class Meta:
        model = BudgetRule
        fields = ["id", "ratio", "exempts_statutory", "applies_from", "note", "set_at"]


class BudgetOut(Schema):
    rule: BudgetRuleOut | None
    since: datetime.date
    added: float
    removed: float
    net: float


class DueOut(Schema):
    requirement_id: int
    title: str
    organisation_id: int
    due_on: datetime.date
    estimated_hours: float
    reported: bool
    can_report: bool
