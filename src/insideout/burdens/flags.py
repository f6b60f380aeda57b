"""Doers' words about burdens pointed at the requirement they are about: "fewer burdens" asks and
the pulses' "what should we stop doing?" and "fewer burdens" answers.

Pulse answers are listed only from pulses whose respondents reach the comment threshold, and
are carried in forms by an opaque handle made afresh on every page, never by their id, so that
no two lists can be joined on it (the anonymity issue's rule for comments)."""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from insideout.accounts.models import User
from insideout.asks.models import Ask, Status
from insideout.asks.services import asks_visible_to
from insideout.disclosure.suppression import can_show
from insideout.language import embeddings
from insideout.language.similarity import TextIndex
from insideout.pulses.models import Answer, Pulse, Response
from insideout.vocabulary import NeedCategory
from insideout.web.decorators import refuse_unless

from .models import IMPOSING, Flag, Requirement

HANDLE_SALT = "insideout.burdens.answer"
SUGGEST_AT = 0.12  # below this a suggested requirement is more often wrong than right


def handle_for(answer_id: int) -> str:
    """An opaque, one-use-looking handle for an answer: different on every page."""
    return signing.dumps({"a": answer_id, "n": secrets.token_hex(4)}, salt=HANDLE_SALT)


def answer_from(handle: str) -> Answer:
    try:
        answer_id = signing.loads(handle, salt=HANDLE_SALT, max_age=60 * 60 * 24)["a"]
    except (signing.BadSignature, KeyError, TypeError):
        raise ValidationError(
            {"answer": "That answer is no longer on offer: reload the page"}
        ) from None
    answer = Answer.objects.filter(pk=answer_id).select_related("response__pulse").first()
    if answer is None:
        raise ValidationError({"answer": "That answer is no longer on offer: reload the page"})
    return answer


def burden_answers() -> QuerySet[Answer]:
    """Pulse answers about burdens, from pulses with enough respondents to show comments."""
    pulses = [
        pulse
        for pulse in Pulse.objects.annotate(n=Count("responses"))
        if can_show(pulse.n, pulse.min_text_group_size)
    ]
    return (
        Answer.objects.filter(response__pulse__in=pulses)
        .filter(Q(question__code="stop") | Q(category=NeedCategory.FEWER_BURDENS))
        .exclude(text="")
    )


def burden_asks() -> QuerySet[Ask]:
    return Ask.objects.filter(category=NeedCategory.FEWER_BURDENS).exclude(
        status__in=[Status.WITHDRAWN, Status.MERGED]
    )


@transaction.atomic
def flag_ask(by: User, requirement: Requirement, ask: Ask) -> Flag:
    """Centre staff, or a doer who can see the ask (theirs, or one they joined), point it at
    the requirement it is about."""
    refuse_unless(
        asks_visible_to(by).filter(pk=ask.pk).exists(),
        "You can point only asks you can see at a requirement.",
    )
    return _flag(by, requirement, ask=ask)


@transaction.atomic
def flag_answer(by: User, requirement: Requirement, handle: str) -> Flag:
    """Centre staff point a pulse answer at the requirement it is about."""
    refuse_unless(by.is_centre_staff, "Only centre staff can point pulse answers at requirements.")
    answer = answer_from(handle)
    if not burden_answers().filter(pk=answer.pk).exists():
        raise ValidationError({"answer": "That answer is not about burdens, or is not shown"})
    return _flag(by, requirement, answer=answer)


def _flag(by: User, requirement: Requirement, **target) -> Flag:
    if requirement.state not in IMPOSING and requirement.state != "retired":
        raise ValidationError({"requirement": "Point it at a requirement that is or was in force"})
    try:
        with transaction.atomic():
            return Flag.objects.create(requirement=requirement, flagged_by=by, **target)
    except IntegrityError:
        raise ValidationError({"requirement": "It already points at this requirement"}) from None


@dataclass(frozen=True)
class Signal:
    """A doer's words about a burden not yet pointed at a requirement, with a suggestion."""

    text: str
    source: str  # "ask" or "pulse answer"
    ask: Ask | None
    handle: str  # for a pulse answer
    suggestion: Requirement | None
    pulse_title: str = ""


def suggest_all(texts: list[str], requirements: list[Requirement]) -> list[Requirement | None]:
    """For each text, the requirement it is most likely about, if any is close enough: the
    requirements are indexed once and the texts compared in one batch."""
    if not requirements or not texts:
        return [None] * len(texts)
    index = TextIndex([f"{r.title}. {r.description}" for r in requirements])
    distinct = list(dict.fromkeys(texts))  # doers often use the same words: each once
    if embeddings.engine() == embeddings.EMBEDDINGS:
        embeddings.embed_cached(distinct)  # one batch, so each look-up below is a hit
    best_for = {}
    for text in distinct:
        scores = index.similarities(text)
        best = int(scores.argmax())
        best_for[text] = requirements[best] if scores[best] >= SUGGEST_AT else None
    return [best_for[text] for text in texts]


def unflagged_signals(limit: int = 40) -> list[Signal]:
    """Burden asks and answers pointing at no requirement yet, newest first, each with the
    requirement it seems to be about."""
    requirements = list(Requirement.objects.filter(state__in=IMPOSING))
    flagged_ask = Flag.objects.filter(ask=OuterRef("pk"))
    flagged_answer = Flag.objects.filter(answer=OuterRef("pk"))
    asks = list(burden_asks().exclude(Exists(flagged_ask)).order_by("-raised_at")[:limit])
    answers = list(
        burden_answers()
        .exclude(Exists(flagged_answer))
        .select_related("response__pulse")
        .order_by("-response__pulse__closes_on", "text")[:limit]
    )
    suggestions = suggest_all(
        [f"{a.title} {a.detail}" for a in asks] + [a.text for a in answers], requirements
    )
    found = [
        Signal(ask.title, "ask", ask, "", suggestion)
        for ask, suggestion in zip(asks, suggestions, strict=False)
    ]
    found += [
        Signal(
            answer.text,
            "pulse answer",
            None,
            handle_for(answer.pk),
            suggestion,
            answer.response.pulse.title,
        )
        for answer, suggestion in zip(answers, suggestions[len(asks) :], strict=True)
    ]
    return found


def flags_on(requirement: Requirement, user: User) -> dict:
    """What points at a requirement: the asks this person may see, how many others, and how many
    pulse answers (a count published only above the anonymity threshold)."""
    flagged = Ask.objects.filter(burden_flags__requirement=requirement)
    visible = list(asks_visible_to(user).filter(pk__in=flagged.values("pk")))
    responses = Response.objects.filter(
        pk__in=requirement.flags.filter(answer__isnull=False).values("answer__response_id")
    ).count()
    return {
        "asks": visible,
        "other_asks": flagged.count() - len(visible),
        "answers": responses if can_show(responses) else None,
        "answers_hidden": responses > 0 and not can_show(responses),
    }
