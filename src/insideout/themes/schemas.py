"""What the themes API reads and writes."""

import datetime
from enum import Enum
from typing import Annotated

from ninja import Field, Schema
from pydantic import StringConstraints

from insideout.web.limits import LINE, Id, NoNul, Paragraph

from .disclosure import ThemeSummary
from .sources import READERS

# mypy reads an Enum's members only from literals; these are made from READERS.
SourceName = Enum("SourceName", {name: name for name in READERS}, type=str)  # type: ignore[misc]
Label = Annotated[str, StringConstraints(min_length=1, max_length=120), NoNul]


class TextSetIn(Schema):
    name: Annotated[str, StringConstraints(min_length=1, max_length=LINE), NoNul]
    source: SourceName = Field(description="Where the texts come from.")
    pulse_id: Id | None = Field(None, description="For pulse_question: the pulse (or all).")
    question_id: Id | None = Field(None, description="For pulse_question: the question.")
    unit_id: Id | None = Field(None, description="For asks: one unit's asks (or all).")
    framework_id: Id | None = Field(None, description="Assign to this framework's themes.")

    def scope(self) -> dict:
        from django.core.exceptions import ValidationError

        if self.source.value == "pulse_question":
            if self.question_id is None:
                raise ValidationError({"question_id": "Give the question whose answers to theme"})
            return {"question": self.question_id, "pulse": self.pulse_id}
        if self.source.value == "asks" and self.unit_id:
            return {"unit": self.unit_id}
        return {}


class TextSetOut(Schema):
    id: int
    name: str
    source: str
    scope: dict
    status: str
    engine: str
    threshold: int
    framework_id: int | None
    created_at: datetime.datetime
    themed_at: datetime.datetime | None


class CountOut(Schema):
    key: str
    count: int | None = Field(description="Distinct respondents; null where withheld.")


class ThemeOut(Schema):
    id: int
    shown: bool = Field(description="False where too few people wrote in it to show it.")
    label: str | None
    key_phrases: list[str]
    is_candidate: bool
    respondents: int | None
    texts: int | None
    segments: list[CountOut]
    sentiments: list[CountOut]


class TextSetDetailOut(TextSetOut):
    themes: list[ThemeOut] = []


class TextOut(Schema):
    id: int
    text: str
    confidence: float
    sentiment: str
    said_on: datetime.date | None
    moved_by_analyst: bool


class ThemeRenameIn(Schema):
    label: Label


class FrameworkThemeOut(Schema):
    name: str
    description: str
    examples: list[str]


class FrameworkOut(Schema):
    id: int
    name: str
    description: str
    themes: list[FrameworkThemeOut]

    @staticmethod
    def resolve_themes(framework) -> list:
        return list(framework.themes.all())


class AssignmentIn(Schema):
    texts: list[Paragraph] = Field(min_length=1, max_length=500)


class AssignmentOut(Schema):
    text: str
    theme: str | None = Field(description="The framework theme's name; null where none fits.")
    confidence: float


def theme_out(summary: ThemeSummary) -> ThemeOut:
    """A theme as the API may publish it."""
    shown = summary.shown
    theme = summary.theme
    return ThemeOut(
        id=theme.pk,
        shown=shown,
        label=theme.label if shown else None,
        key_phrases=theme.key_phrases if shown else [],
        is_candidate=theme.is_candidate,
        respondents=summary.respondents,
        texts=summary.texts,
        segments=[CountOut(key=str(c.key), count=c.n) for c in summary.segments],
        sentiments=[CountOut(key=str(c.key), count=c.n) for c in summary.sentiments],
    )
