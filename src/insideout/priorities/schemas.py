"""What the priorities API reads and writes."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from ninja import Field, ModelSchema, Schema
from pydantic import StringConstraints

from insideout.vocabulary import NeedCategory
from insideout.web import limits
from insideout.web.limits import LINE, Id, NoNul

from .models import Link, MeasurePoint, OutcomeMeasure, Priority

Weight = Annotated[int, Field(ge=1, le=100)]
if TYPE_CHECKING:  # made at run time from limits; mypy checks the Decimal it holds
    Value = Decimal
else:
    Value = limits.Amount("-999999999999", "999999999999")


class PriorityIn(Schema):
    title: Annotated[str, StringConstraints(min_length=3, max_length=LINE), NoNul]
    statement: Annotated[str, StringConstraints(min_length=1, max_length=2000), NoNul]
    owner_unit_id: Id
    owner_id: Id | None = None
    weight: Weight = 10
    categories: list[NeedCategory] = Field(default_factory=list)


class PointOut(ModelSchema):
    class Meta:
        model = MeasurePoint
        fields = ["period_start", "value"]


class MeasureIn(Schema):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200), NoNul]
    unit_label: Annotated[str, StringConstraints(max_length=40), NoNul] = ""
    direction: OutcomeMeasure.Direction
    target: Value | None = None
    target_date: datetime.date | None = None
    source: Annotated[str, StringConstraints(max_length=300), NoNul] = ""


class MeasureOut(ModelSchema):
    points: list[PointOut]

    class Meta:
        model = OutcomeMeasure
        fields = ["id", "name", "unit_label", "direction", "target", "target_date", "source"]


class PriorityOut(ModelSchema):
    owner_unit_id: int
    owner_unit_name: str = Field(alias="owner_unit.name")
    measures: list[MeasureOut]

    class Meta:
        model = Priority
        fields = ["id", "title", "statement", "weight", "categories", "is_active", "created_at"]


class WeightsIn(Schema):
    weights: dict[int, Weight] = Field(description="Priority id -> weight, 1 to 100.")


class PointIn(Schema):
    period_start: datetime.date
    value: Value


class LinkIn(Schema):
    kind: Literal["ask", "requirement", "service"] | None = Field(
        None,
        description="With id: what to link. Pulse answers and unmet needs are linked by a "
        "suggestion's handle only.",
    )
    id: Annotated[str, StringConstraints(min_length=1, max_length=64), NoNul] | None = Field(
        None, description="Its key: a number, or a UUID for a service."
    )
    handle: Annotated[str, StringConstraints(max_length=500), NoNul] | None = Field(
        None, description="A suggestion's handle, from the suggestions endpoint."
    )


class LinkOut(Schema):
    id: int
    kind: str
    target_id: str | None = Field(
        description="Its key (a number or a UUID); none for what is never shown one by one."
    )
    title: str
    how: Link.How
    linked_at: datetime.datetime


class SuggestionOut(Schema):
    kind: str
    title: str
    score: float
    handle: str = Field(description="Post it to the links endpoint to link the suggestion.")


class StandingOut(Schema):
    priority_id: int
    title: str
    weight: int
    share: float
    doers: int | None = Field(description="None where fewer than the threshold ask.")
    asks: int
    hours_a_year: float
    owner_unit_nps: float | None
    quadrant: str


class NeedOut(Schema):
    ask_id: int
    title: str
    doers: int
    quadrant: str


class BalanceOut(Schema):
    mandate_cut: float
    demand_cut: int
    priorities: list[StandingOut]
    unowned: list[NeedOut]
