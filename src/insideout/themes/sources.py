"""Where texts to theme come from: each source reads its texts with who said them (only as a key
to count distinct respondents), their segment and their date."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceText:
    text: str
    origin: str = ""
    respondent: str = ""
    segment: str = ""
    said_on: datetime.date | None = None


def pulse_answers(scope: dict) -> list[SourceText]:
    """Free-text answers to one question, in one pulse or every pulse; respondent: the response;
    date: the pulse's opening day (a response's own day could help identify it)."""
    from insideout.pulses.models import Answer

    answers = Answer.objects.filter(question_id=scope["question"]).exclude(text="")
    if scope.get("pulse"):
        answers = answers.filter(response__pulse_id=scope["pulse"])
    rows = answers.order_by("pk").values_list(
        "pk", "text", "response_id", "response__organisation_type", "response__pulse__opens_on"
    )
    return [
        SourceText(text, f"answer:{pk}", f"response:{response}", segment or "", said_on)
        for pk, text, response, segment, said_on in rows
    ]


def asks(scope: dict) -> list[SourceText]:
    """Asks (title and detail), all or one unit's; respondent: the organisation that raised it."""
    from insideout.asks.models import Ask

    found = Ask.objects.all()
    if scope.get("unit"):
        found = found.filter(unit_id=scope["unit"])
    rows = found.order_by("pk").values_list(
        "pk",
        "title",
        "detail",
        "organisation_id",
        "organisation__type",
        "raised_at",
    )
    return [
        SourceText(
            f"{title}. {detail}".strip(" .") if detail else title,
            f"ask:{pk}",
            f"organisation:{organisation}" if organisation else f"ask:{pk}",
            segment or "",
            _date(when),
        )
        for pk, title, detail, organisation, segment, when in rows
    ]


def contacts(scope: dict) -> list[SourceText]:
    """Citizens' contacts (their words, scrubbed of personal data), all or one service's;
    each contact its own respondent; segment: the channel."""
    from insideout.demand.models import Contact

    found = Contact.objects.exclude(text="")
    if scope.get("service"):
        found = found.filter(service_id=scope["service"])
    if since := _since(scope):  # a quarter of millions of contacts is read, not all of them
        # From midnight UTC: the day `_date` gives a time read from the database.
        found = found.filter(
            received_at__gte=datetime.datetime.combine(since, datetime.time.min, datetime.UTC)
        )
    rows = found.order_by("pk").values_list("pk", "text", "channel", "received_at")
    return [
        SourceText(text, f"contact:{pk}", f"contact:{pk}", channel, _date(when))
        for pk, text, channel, when in rows
    ]


def unmet_needs(scope: dict) -> list[SourceText]:
    """Needs partners recorded that found no service or no capacity, in the partner's words;
    respondent: the case (a person or family); segment: the kind of need."""
    from insideout.cases.models import UnmetNeed

    found = UnmetNeed.objects.all()
    if since := _since(scope):
        found = found.filter(raised_on__gte=since)
    rows = found.order_by("pk").values_list("pk", "need__text", "case_id", "category", "raised_on")
    return [
        SourceText(text, f"unmet_need:{pk}", f"case:{case}", category, raised_on)
        for pk, text, case, category, raised_on in rows
        if text
    ]


def _since(scope: dict) -> datetime.date | None:
    return datetime.date.fromisoformat(scope["since"]) if scope.get("since") else None


def _date(value) -> datetime.date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime.datetime) else value


READERS: dict[str, Callable[[dict], Iterable[SourceText]]] = {
    "pulse_question": pulse_answers,
    "asks": asks,
    "contacts": contacts,
    "unmet_needs": unmet_needs,
}


def read(source: str, scope: dict) -> list[SourceText]:
    """The texts a source and its scope pick out, in a stable order; with "since" (a date),
    only texts from that day on: a period's unmet needs, a quarter's contacts."""
    since = _since(scope)
    return [
        text
        for text in READERS[source](scope)
        if text.text.strip() and (since is None or (text.said_on and text.said_on >= since))
    ]
