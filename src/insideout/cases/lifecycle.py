"""The life of a pull, as the FHIR Task statuses of the HL7 SDOH Clinical Care guide name it:

    requested ─▶ received ─▶ accepted ─▶ in-progress ─▶ completed (did it help? in their words)
        │            │           │  ▲            ▲
        │            │           ▼  │            │
        └────────────┴──▶ on-hold (waiting list) ┘
    requested, received or on-hold ─▶ rejected (declined with a reason, or no capacity)
    any open state ─▶ cancelled (the partner withdraws it)

The provider moves a pull on; the partner withdraws it and records the outcome. Every change goes
through `perform`, which locks the pull's row, checks the change fits its state and the person's
right to make it, records a CaseEvent and tells the people concerned. Pages, the API and tasks
all call it. A pull declined for lack of capacity becomes an unmet-need signal for the centre.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from insideout.accounts.models import User
from insideout.catalogue.models import Service
from insideout.catalogue.services import provider_organisation_id

from .models import OPEN_PULLS, CaseEvent, Need, Pull, PullStatus, UnmetNeed, Verdict
from .tasks import send_pull_notices
from .unmet import record_signal

S = PullStatus
K = CaseEvent.Kind


class TransitionRefused(ValidationError):
    """The change does not fit where the pull is in its life."""


def is_provider(user: User, pull: Pull) -> bool:
    return user.answers_pulls_for(pull.provider_id)


def is_partner(user: User, pull: Pull) -> bool:
    return user.sees_case(pull.case)


@dataclass(frozen=True)
class Action:
    label: str
    allowed_from: tuple[str, ...]
    may: Callable[[User, Pull], bool]
    event: str
    to: str | None  # the state it moves to; None keeps it


ACTIONS: dict[str, Action] = {
    "receive": Action("Mark as seen", (S.REQUESTED,), is_provider, K.RECEIVED, S.RECEIVED),
    "accept": Action(
        "Accept", (S.REQUESTED, S.RECEIVED, S.ON_HOLD), is_provider, K.ACCEPTED, S.ACCEPTED
    ),
    "decline": Action(
        "Decline with a reason",
        (S.REQUESTED, S.RECEIVED, S.ON_HOLD),
        is_provider,
        K.DECLINED,
        S.REJECTED,
    ),
    "no_capacity": Action(
        "No capacity to take them on",
        (S.REQUESTED, S.RECEIVED, S.ON_HOLD),
        is_provider,
        K.NO_CAPACITY,
        S.REJECTED,
    ),
    "waitlist": Action(
        "Put on the waiting list",
        (S.REQUESTED, S.RECEIVED, S.ACCEPTED),
        is_provider,
        K.WAITLISTED,
        S.ON_HOLD,
    ),
    "start": Action("Start", (S.ACCEPTED, S.ON_HOLD), is_provider, K.STARTED, S.IN_PROGRESS),
    "complete": Action(
        "Mark as done", (S.ACCEPTED, S.IN_PROGRESS), is_provider, K.COMPLETED, S.COMPLETED
    ),
    "cancel": Action("Withdraw the pull", tuple(OPEN_PULLS), is_partner, K.CANCELLED, S.CANCELLED),
    "record_outcome": Action(
        "Record whether it helped", (S.COMPLETED,), is_partner, K.OUTCOME, None
    ),
}


def available_actions(user: User, pull: Pull) -> list[str]:
    """The changes this person may make to this pull now, for buttons and the API."""
    return [
        name
        for name, action in ACTIONS.items()
        if pull.status in action.allowed_from and action.may(user, pull)
    ]


def _text(value: str, field: str, message: str) -> str:
    if not (value or "").strip():
        raise TransitionRefused({field: message})
    return value.strip()


def _event(pull: Pull, kind: str, actor: User | None, before: str, note: str, now) -> CaseEvent:
    return CaseEvent.objects.create(
        case_id=pull.case_id,
        pull=pull,
        kind=kind,
        actor=actor,
        from_status=before,
        to_status=pull.status,
        note=note,
        at=now,
    )


def make_pull(need: Need, service: Service, by: User, note_for_provider: str) -> Pull:
    """A partner pulls a service for a need: the provider sees it in its queue."""
    case = need.case
    if not by.sees_case(case):
        raise PermissionDenied("Only the case's partners can pull services for it.")
    if case.erased_at:
        raise TransitionRefused("This case's personal data was erased: it can pull nothing.")
    consent = case.consent()
    if consent is None or not consent.shares_with_services:
        raise TransitionRefused(
            {"consent": "Record their consent to share with the services pulled for them first"}
        )
    if service.status != Service.Status.ACTIVE:
        raise TransitionRefused({"service_id": f"{service.name} is not running now"})
    provider_id = provider_organisation_id(service)
    if provider_id is None:
        raise TransitionRefused(
            {"service_id": f"{service.name} has no provider in the directory to answer pulls yet"}
        )
    note = _text(note_for_provider, "note_for_provider", "Say what the service needs to know")
    if need.pulls.filter(service=service, status__in=OPEN_PULLS).exists():
        raise TransitionRefused(
            {"service_id": f"{service.name} already has an open pull for this need"}
        )
    now = timezone.now()
    with transaction.atomic():
        pull = Pull.objects.create(
            need=need,
            case=case,
            service=service,
            provider_id=provider_id,
            note_for_provider=note,
            requested_by=by,
            requested_at=now,
        )
        Need.objects.filter(pk=need.pk, status=Need.Status.OPEN).update(status=Need.Status.PULLED)
        event = _event(pull, K.PULLED, by, "", "", now)
    transaction.on_commit(lambda: send_pull_notices.enqueue(event.pk))
    return pull


def perform(
    pull: Pull,
    action: str,
    actor: User | None,
    *,
    note: str = "",
    verdict: str = "",
    system: bool = False,
) -> Pull:
    """Make one change to a pull, or refuse it with a reason; returns the pull as it now is."""
    if action not in ACTIONS:
        raise TransitionRefused(f"There is no such change as {action!r}.")
    rule = ACTIONS[action]
    with transaction.atomic():
        pull = Pull.objects.select_for_update().select_related("case", "need").get(pk=pull.pk)
        if pull.status not in rule.allowed_from:
            raise TransitionRefused(
                f"{pull.reference} is {pull.get_status_display().lower()}, so it cannot be "
                f"changed that way ({rule.label.lower()})."
            )
        if not system and (actor is None or not rule.may(actor, pull)):
            raise PermissionDenied(f"You cannot {rule.label.lower()} on {pull.reference}.")
        before, now = pull.status, timezone.now()
        note = APPLY[action](pull, now=now, note=note, verdict=verdict)
        if rule.to:
            pull.status = rule.to
        pull.save()
        event = _event(pull, rule.event, actor, before, note, now)
        if action == "no_capacity":
            record_signal(pull.need, UnmetNeed.Reason.NO_CAPACITY, service=pull.service, at=now)
        if action == "complete":
            Need.objects.filter(pk=pull.need_id).update(status=Need.Status.MET)
    transaction.on_commit(lambda: send_pull_notices.enqueue(event.pk))
    return pull


def _receive(pull: Pull, *, now, note, **_) -> str:
    pull.received_at = now
    return note.strip()


def _accept(pull: Pull, *, now, note, **_) -> str:
    pull.received_at = pull.received_at or now
    pull.decided_at = now
    return note.strip()


def _decline(pull: Pull, *, now, note, **_) -> str:
    pull.reason = Pull.Reason.NOT_SUITABLE
    pull.reason_note = _text(note, "note", "Give a reason the partner can read for declining")
    pull.received_at = pull.received_at or now
    pull.decided_at = now
    return pull.reason_note


def _no_capacity(pull: Pull, *, now, note, **_) -> str:
    pull.reason = Pull.Reason.NO_CAPACITY
    pull.reason_note = note.strip()
    pull.received_at = pull.received_at or now
    pull.decided_at = now
    return pull.reason_note


def _waitlist(pull: Pull, *, now, note, **_) -> str:
    pull.received_at = pull.received_at or now
    return note.strip()


def _start(pull: Pull, *, now, note, **_) -> str:
    pull.decided_at = pull.decided_at or now
    return note.strip()


def _complete(pull: Pull, *, now, note, **_) -> str:
    pull.outcome_note = _text(note, "note", "Say what the service did")
    pull.completed_at = now
    return pull.outcome_note


def _cancel(pull: Pull, *, now, note, **_) -> str:
    pull.reason = Pull.Reason.OTHER
    pull.reason_note = _text(note, "note", "Say why the pull is withdrawn")
    return pull.reason_note


def _record_outcome(pull: Pull, *, now, note, verdict, **_) -> str:
    if verdict not in Verdict.values:
        raise TransitionRefused({"verdict": "Choose yes, partly or no"})
    pull.helped = verdict
    pull.helped_words = note.strip()
    pull.outcome_at = now
    return pull.helped_words


APPLY: dict[str, Callable[..., str]] = {
    "receive": _receive,
    "accept": _accept,
    "decline": _decline,
    "no_capacity": _no_capacity,
    "waitlist": _waitlist,
    "start": _start,
    "complete": _complete,
    "cancel": _cancel,
    "record_outcome": _record_outcome,
}
