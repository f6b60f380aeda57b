"""The life cycle of an ask: which change may happen from which state, and who may make it.

    raised ─▶ acknowledged ─▶ committed ─▶ delivered ─▶ confirmed (every doer said "it helped")
       │            │                         │
       └────────────┴──▶ declined             └──▶ a doer said "partly" or "no" ─▶ reopened
    reopened behaves as raised, its service-level clock started again; open asks can be passed
    on, withdrawn or merged. "Did it help?" is asked of every organisation that shares the ask.

Every change goes through `perform`, which locks the ask's row (on PostgreSQL) so that two
people acting at once cannot corrupt it, records an AskEvent and tells the people concerned.
Pages, the API and background tasks all call it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit

from .models import (
    AWAITING_ACKNOWLEDGEMENT,
    OPEN_STATUSES,
    Ask,
    AskEvent,
    HelpedAnswer,
    Status,
    Supporter,
    Verdict,
)
from .service_levels import start_clock
from .tasks import send_change_notices


class TransitionRefused(ValidationError):
    """The change does not fit where the ask is in its life cycle."""


def is_unit_staff(user: User, ask: Ask) -> bool:
    return user.serves_unit(ask.unit_id)


def is_raising_doer(user: User, ask: Ask) -> bool:
    return ask.organisation_id is not None and ask.organisation_id in user.organisation_ids


def answering_organisation(user: User, ask: Ask) -> int | None:
    """The organisation this doer answers "Did it help?" for: the raising one if theirs, else
    one of theirs that shares the ask."""
    if is_raising_doer(user, ask):
        return ask.organisation_id
    shared = ask.supporters.filter(
        organisation_id__in=user.organisation_ids, organisation__isnull=False
    ).values_list("organisation_id", flat=True)
    return min(shared, default=None)


def is_supporting_doer(user: User, ask: Ask) -> bool:
    return bool(user.organisation_ids) and answering_organisation(user, ask) is not None


@dataclass(frozen=True)
class Action:
    label: str
    allowed_from: tuple[str, ...]
    may: Callable[[User, Ask], bool]
    event: str


ACTIONS: dict[str, Action] = {
    "route": Action(
        "Route to a unit",
        tuple(OPEN_STATUSES),
        lambda u, a: u.is_centre_lead or is_unit_staff(u, a),
        AskEvent.Kind.ROUTED,
    ),
    "acknowledge": Action(
        "Acknowledge", tuple(AWAITING_ACKNOWLEDGEMENT), is_unit_staff, AskEvent.Kind.ACKNOWLEDGED
    ),
    "commit": Action(
        "Commit to do something",
        (*AWAITING_ACKNOWLEDGEMENT, Status.ACKNOWLEDGED),
        is_unit_staff,
        AskEvent.Kind.COMMITTED,
    ),
    "decline": Action(
        "Decline with a reason",
        (*AWAITING_ACKNOWLEDGEMENT, Status.ACKNOWLEDGED),
        is_unit_staff,
        AskEvent.Kind.DECLINED,
    ),
    "deliver": Action(
        "Mark as delivered", (Status.COMMITTED,), is_unit_staff, AskEvent.Kind.DELIVERED
    ),
    "confirm": Action(
        "Did it help?",
        (Status.DELIVERED, Status.CONFIRMED),
        is_supporting_doer,
        AskEvent.Kind.CONFIRMED,
    ),
    "reopen": Action(
        "Reopen",
        (Status.DECLINED, Status.DELIVERED, Status.CONFIRMED),
        lambda u, a: is_raising_doer(u, a) or is_unit_staff(u, a),
        AskEvent.Kind.REOPENED,
    ),
    "withdraw": Action(
        "Withdraw",
        tuple(OPEN_STATUSES),
        lambda u, a: is_raising_doer(u, a) or u.is_admin,
        AskEvent.Kind.WITHDRAWN,
    ),
    "merge": Action(
        "Merge into another ask", tuple(OPEN_STATUSES), is_unit_staff, AskEvent.Kind.MERGED
    ),
}


def available_actions(user: User, ask: Ask) -> list[str]:
    """The changes this person may make to this ask now, for buttons and the API."""
    return [
        name
        for name, action in ACTIONS.items()
        if ask.status in action.allowed_from
        and action.may(user, ask)
        and not (name == "route" and ask.unit_id is not None and not is_unit_staff(user, ask))
    ]


def require_text(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise TransitionRefused({field: message})
    return value.strip()


def perform(
    ask: Ask,
    action: str,
    actor: User | None,
    *,
    note: str = "",
    unit: CentreUnit | None = None,
    commitment: str = "",
    due_on: date | None = None,
    verdict: str = "",
    into: Ask | None = None,
    system: bool = False,
) -> Ask:
    """Make one change to an ask, or refuse it with a reason; returns the ask as it now is."""
    if action not in ACTIONS:
        raise TransitionRefused(f"There is no such change as {action!r}.")
    rule = ACTIONS[action]
    with transaction.atomic():
        ask, into = lock_asks(ask, into if action == "merge" else None)
        if ask.status not in rule.allowed_from:
            raise TransitionRefused(
                f"{ask.reference} is {ask.get_status_display().lower()}, so it cannot be "
                f"changed that way ({rule.label.lower()})."
            )
        if not system and (actor is None or not rule.may(actor, ask)):
            raise PermissionDenied(f"You cannot {rule.label.lower()} on {ask.reference}.")
        before_status, before_unit = ask.status, ask.unit
        now = timezone.now()
        APPLY[action](
            ask,
            now=now,
            note=note,
            unit=unit,
            commitment=commitment,
            due_on=due_on,
            verdict=verdict,
            into=into,
            actor=actor,
        )
        ask.save()
        event = AskEvent.objects.create(
            ask=ask,
            kind=rule.event,
            actor=actor,
            from_status=before_status,
            to_status=ask.status,
            from_unit=before_unit,
            to_unit=ask.unit,
            note=note.strip(),
            at=now,
        )
    transaction.on_commit(lambda: send_change_notices.enqueue(event.pk))
    return ask


def _route(ask: Ask, *, unit, note, **_) -> None:
    if unit is None:
        raise TransitionRefused({"unit": "Choose the unit that should own this ask"})
    if unit.pk == ask.unit_id:
        raise TransitionRefused({"unit": "The ask is already with that unit"})
    if ask.unit_id is not None:
        require_text(note, "note", "Say why you are passing the ask on")
    ask.unit = unit
    if ask.status == Status.ACKNOWLEDGED:
        ask.status = Status.RAISED  # the new unit acknowledges it afresh
        ask.acknowledged_at = None


def _acknowledge(ask: Ask, *, now, **_) -> None:
    if ask.unit_id is None:
        raise TransitionRefused("Route the ask to a unit before acknowledging it.")
    ask.status = Status.ACKNOWLEDGED
    ask.acknowledged_at = ask.acknowledged_at or now


def _commit(ask: Ask, *, now, commitment, due_on, **_) -> None:
    ask.commitment = require_text(commitment, "commitment", "Say what the centre will do")
    if due_on is None:
        raise TransitionRefused({"due_on": "Say by when it will be done"})
    if due_on < timezone.localdate(now):
        raise TransitionRefused({"due_on": "The date it will be done by must be in the future"})
    ask.due_on = due_on
    ask.status = Status.COMMITTED
    ask.acknowledged_at = ask.acknowledged_at or now
    ask.decided_at = now


def _decline(ask: Ask, *, now, note, **_) -> None:
    ask.decline_reason = require_text(note, "note", "Give a reason the doer can read for declining")
    ask.status = Status.DECLINED
    ask.acknowledged_at = ask.acknowledged_at or now
    ask.decided_at = now


def _deliver(ask: Ask, *, now, note, **_) -> None:
    ask.delivery_note = require_text(note, "note", "Say what was done")
    ask.status = Status.DELIVERED
    ask.delivered_at = now


def _verdict(verdict: str) -> str:
    if verdict not in Verdict.values:
        raise TransitionRefused({"verdict": "Choose yes, partly or no"})
    return verdict


# One answer, one outcome: "yes" counts it as helpful; "partly" and "no" send it back.
OUTCOMES = {
    Verdict.YES: "We tell the unit it helped.",
    Verdict.PARTLY: "It goes back to the unit, with what is still missing.",
    Verdict.NO: "It goes back to the unit to look at again.",
}
WORST_FIRST = [Verdict.NO, Verdict.PARTLY, Verdict.YES]


def _confirm(ask: Ask, *, now, verdict, note, actor, **_) -> None:
    verdict = _verdict(verdict)
    if verdict == Verdict.PARTLY:
        require_text(note, "note", "Say what is still missing")
    organisation_id = answering_organisation(actor, ask) if actor else ask.organisation_id
    if organisation_id is None:
        raise TransitionRefused("Only doers whose organisation shares the ask can answer.")
    HelpedAnswer.objects.update_or_create(
        ask=ask,
        organisation_id=organisation_id,
        delivered_at=ask.delivered_at or now,
        defaults={"verdict": verdict, "comment": note.strip(), "person": actor, "at": now},
    )
    verdicts = set(
        ask.helped_answers.filter(delivered_at=ask.delivered_at or now).values_list(
            "verdict", flat=True
        )
    )
    ask.helped = next(v for v in WORST_FIRST if v in verdicts)
    ask.helped_comment = note.strip()
    ask.confirmed_at = now
    if verdict == Verdict.YES:
        ask.status = Status.CONFIRMED if ask.helped == Verdict.YES else ask.status
    else:
        _back_to_the_unit(ask, now)


def _back_to_the_unit(ask: Ask, now) -> None:
    """Reopened: the unit has its service level again, counted from now."""
    ask.status = Status.REOPENED
    ask.acknowledged_at = None
    start_clock(ask, now)


def _reopen(ask: Ask, *, note, now, **_) -> None:
    require_text(note, "note", "Say why the ask needs another look")
    _back_to_the_unit(ask, now)


def _withdraw(ask: Ask, **_) -> None:
    ask.status = Status.WITHDRAWN


def lock_asks(ask: Ask, into: Ask | None) -> tuple[Ask, Ask | None]:
    """Lock the ask, and the one it merges into, as they now are: always the lower id first,
    so that A-into-B and B-into-A wait for each other instead of deadlocking."""
    wanted = sorted({ask.pk} | ({into.pk} if into is not None else set()))
    locked = {a.pk: a for a in Ask.objects.select_for_update().filter(pk__in=wanted).order_by("pk")}
    return locked[ask.pk], (locked.get(into.pk) if into is not None else None)


def cannot_merge_into(reference: str) -> str:
    """One refusal for an ask that does not exist and one the person may not act on, so the
    answer never tells which."""
    return f"{reference} is not an open ask you can merge into: give another reference"


def _merge(ask: Ask, *, into, actor, **_) -> None:
    if into is None or into.pk == ask.pk:
        raise TransitionRefused({"into": "Choose another ask to merge this one into"})
    if actor is None or not ACTIONS["merge"].may(actor, into):
        raise TransitionRefused({"into": cannot_merge_into(into.reference)})
    if into.merged_into_id is not None:
        raise TransitionRefused(
            {"into": f"{into.reference} was itself merged into another ask: merge into that"}
        )
    if into.status not in OPEN_STATUSES:
        raise TransitionRefused({"into": f"{into.reference} is closed: choose an open ask"})
    ask.status = Status.MERGED
    ask.merged_into = into
    # Both rows are locked, so every supporter moves across exactly once.
    already = set(into.supporters.values_list("person_id", flat=True))
    Supporter.objects.bulk_create(
        Supporter(ask=into, person_id=s.person_id, organisation_id=s.organisation_id)
        for s in ask.supporters.all()
        if s.person_id not in already
    )
    AskEvent.objects.create(
        ask=into,
        kind=AskEvent.Kind.MERGED,
        actor=actor,
        from_status=into.status,
        to_status=into.status,
        note=f"{ask.reference} merged in, with its supporters.",
    )


APPLY: dict[str, Callable[..., None]] = {
    "route": _route,
    "acknowledge": _acknowledge,
    "commit": _commit,
    "decline": _decline,
    "deliver": _deliver,
    "confirm": _confirm,
    "reopen": _reopen,
    "withdraw": _withdraw,
    "merge": _merge,
}
