"""Asks born from a pulse's "what one thing would help" answer, keeping only the link that the
pulse's anonymity allows."""

from insideout.accounts.models import User
from insideout.pulses.models import Answer, Invitation
from insideout.vocabulary import NeedCategory

from . import services
from .models import Ask, Supporter


def title_from(text: str, limit: int = 120) -> str:
    """The answer's first line, cut at a word near `limit` characters."""
    line = text.strip().splitlines()[0].strip() if text.strip() else ""
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def existing_ask(answer: Answer) -> Ask | None:
    """The ask the centre already made of this answer, if any."""
    pulse = answer.response.pulse
    if not pulse.is_anonymous:
        return Ask.objects.filter(source_answer=answer).first()
    # Asks from anonymous answers carry no link to the answer (see ask_from_answer): the same
    # words from the same pulse, raised by the centre, are taken to be the same ask.
    return Ask.objects.filter(
        source_pulse=pulse,
        source_answer__isnull=True,
        organisation__isnull=True,
        detail=answer.text.strip(),
    ).first()


def ask_from_answer(answer: Answer, by: User) -> Ask:
    """Centre staff turn a doer's answer into an ask, logged on the doer's behalf."""
    response = answer.response
    pulse = response.pulse
    if pulse.is_anonymous:
        # An anonymous pulse's answers are tied together by their response: linking the ask to
        # this answer would let anyone who knows who raised the ask read that doer's other
        # answers. So the ask keeps only the pulse it came from, and names no organisation.
        ask = services.raise_ask(
            by=by,
            organisation=None,
            title=title_from(answer.text),
            detail=answer.text,
            category=answer.category or NeedCategory.OTHER,
            source_pulse=pulse,
        )
        return ask
    ask = services.raise_ask(
        by=by,
        organisation=response.organisation,
        title=title_from(answer.text),
        detail=answer.text,
        category=answer.category or NeedCategory.OTHER,
        source_pulse=pulse,
        source_answer=answer,
    )
    if response.invitation is not None:
        # The doer who wrote it hears of what becomes of it.
        Supporter.objects.get_or_create(
            ask=ask,
            person=response.invitation.person,
            defaults={"organisation": response.organisation},
        )
    return ask


def ask_from_own_answer(invitation: Invitation, answer: Answer) -> Ask:
    """The doer's one click while answering: the ask is theirs, under their name; on an
    anonymous pulse it does not point at their answer (see ask_from_answer)."""
    pulse = invitation.pulse
    return services.raise_ask(
        by=invitation.person,
        organisation=invitation.organisation,
        title=title_from(answer.text),
        detail=answer.text,
        category=answer.category or NeedCategory.OTHER,
        source_pulse=pulse,
        source_answer=None if pulse.is_anonymous else answer,
    )
