"""The rules of the ledger: who may do what to a requirement, proposing and changing one,
putting it under review, retiring or simplifying it, and doers' reports of what it costs."""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.models import Organisation
from insideout.web.decorators import refuse_unless

from . import audience, budget, schedule
from .models import IMPOSING, ChangeProposal, Report, Requirement, RequirementEvent, State

# Doers may report on an occurrence from its due date until this many days after it. The
# ledger counts a quarter's reports only once this window has closed on all of them.
REPORTING_DAYS = 60


def can_edit(user: User, requirement: Requirement) -> bool:
    """The owning unit's staff (and admins) propose, change and assess its requirements."""
    return user.serves_unit(requirement.owner_unit_id)


def can_decide_change(user: User, requirement: Requirement) -> bool:
    """The owning unit's lead (and admins) answer proposals to retire or simplify."""
    return user.leads_unit(requirement.owner_unit_id)


def doers_of(requirement: Requirement) -> int:
    return sum(audience.doers_by_type([requirement])[requirement.pk].values())


def record(requirement: Requirement, kind: str, actor: User | None, **fields) -> RequirementEvent:
    return RequirementEvent.objects.create(
        requirement=requirement, kind=kind, actor=actor, **fields
    )


def move(
    requirement: Requirement, to: str, kind: str, actor: User | None, **fields
) -> RequirementEvent:
    """Change the state and record it in the trail, in one step."""
    event = record(requirement, kind, actor, from_state=requirement.state, to_state=to, **fields)
    requirement.state = to
    return event


@transaction.atomic
def propose(by: User, requirement: Requirement, organisations=()) -> Requirement:
    """A unit proposes a new requirement; it goes nowhere until its burden is assessed."""
    refuse_unless(
        by.serves_unit(requirement.owner_unit_id),
        "Only the owning unit's staff can propose its requirements.",
    )
    requirement.state = State.PROPOSED
    requirement.created_by = by
    requirement.full_clean()
    requirement.save()
    requirement.audience_organisations.set(organisations)
    record(requirement, RequirementEvent.Kind.PROPOSED, by, to_state=State.PROPOSED)
    return requirement


@transaction.atomic
def change(by: User, requirement: Requirement, organisations=None) -> Requirement:
    """Save changes to a proposal; its assessment no longer holds, so it leaves the queue."""
    refuse_unless(can_edit(by, requirement), "Only the owning unit's staff can change it.")
    if requirement.state != State.PROPOSED:
        raise ValidationError(
            "Only a proposal can be changed. To change one in force, propose to simplify it."
        )
    requirement.full_clean()
    requirement.in_scrutiny_since = None
    requirement.save()
    if organisations is not None:
        requirement.audience_organisations.set(organisations)
    if hasattr(requirement, "assessment"):
        requirement.assessment.delete()
    requirement.offsets.all().delete()
    record(requirement, RequirementEvent.Kind.EDITED, by, note="Needs assessing again.")
    return requirement


@transaction.atomic
def put_under_review(by: User, requirement: Requirement, note: str) -> Requirement:
    """The owning unit's lead opens a review: is it still worth the doers' time?"""
    refuse_unless(can_decide_change(by, requirement), "Only the owning unit's lead can do this.")
    if requirement.state not in (State.ACTIVE, State.SIMPLIFIED):
        raise ValidationError("Only a requirement in force can be put under review.")
    if not note.strip():
        raise ValidationError({"note": "Say why it is being reviewed"})
    move(requirement, State.UNDER_REVIEW, RequirementEvent.Kind.REVIEW, by, note=note.strip())
    requirement.save(update_fields=["state", "updated_at"])
    return requirement


Estimates = tuple[float, tuple[tuple[date, float], ...]]


def estimate_history(requirement: Requirement) -> Estimates:
    """The first estimate, and each later one with the day it took effect."""
    return estimate_histories([requirement])[requirement.pk]


def estimate_histories(requirements) -> dict[int, Estimates]:
    """estimate_history for many requirements, in one query."""
    requirements = list(requirements)
    simplified: dict[int, list[RequirementEvent]] = {r.pk: [] for r in requirements}
    for event in RequirementEvent.objects.filter(
        requirement__in=requirements, kind=RequirementEvent.Kind.SIMPLIFIED
    ).order_by("at", "pk"):
        simplified[event.requirement_id].append(event)
    found: dict[int, tuple[float, tuple[tuple[date, float], ...]]] = {}
    for requirement in requirements:
        events = simplified[requirement.pk]
        if not events:
            found[requirement.pk] = (float(requirement.estimated_hours), ())
            continue
        changes = tuple((timezone.localdate(e.at), _recorded(e.hours_to)) for e in events)
        found[requirement.pk] = (_recorded(events[0].hours_from), changes)
    return found


def _recorded(hours: Decimal | None) -> float:
    """Hours a simplification recorded: it records them before and after."""
    if hours is None:
        raise ValueError("A simplification without its hours before and after")
    return float(hours)


def retire(by: User | None, requirement: Requirement, reason: str, on: date | None = None):
    """End a requirement: nothing more falls due after today; records the hours it saves."""
    on = on or timezone.localdate()
    saved = budget.hours_saved(
        requirement.frequency, doers_of(requirement), float(requirement.estimated_hours), None
    )
    move(
        requirement,
        State.RETIRED,
        RequirementEvent.Kind.RETIRED,
        by,
        note=reason,
        hours_per_year_change=-Decimal(str(round(saved, 1))),
    )
    requirement.ends_on = min(on, requirement.ends_on) if requirement.ends_on else on
    requirement.state_reason = reason
    requirement.hours_saved_per_year = (requirement.hours_saved_per_year or 0) + Decimal(
        str(round(saved, 1))
    )
    requirement.in_scrutiny_since = None
    requirement.save()
    return saved


def simplify(by: User | None, requirement: Requirement, reason: str, new_hours: Decimal) -> float:
    """Cut the hours each occurrence takes from now on; records the hours a year it saves."""
    if new_hours >= requirement.estimated_hours:
        raise ValidationError(
            {"new_hours": "A simplification must take less time than it does now"}
        )
    saved = budget.hours_saved(
        requirement.frequency,
        doers_of(requirement),
        float(requirement.estimated_hours),
        float(new_hours),
    )
    move(
        requirement,
        State.SIMPLIFIED,
        RequirementEvent.Kind.SIMPLIFIED,
        by,
        note=reason,
        hours_from=requirement.estimated_hours,
        hours_to=new_hours,
        hours_per_year_change=-Decimal(str(round(saved, 1))),
    )
    requirement.estimated_hours = new_hours
    requirement.state_reason = reason
    requirement.hours_saved_per_year = (requirement.hours_saved_per_year or 0) + Decimal(
        str(round(saved, 1))
    )
    requirement.save()
    return saved


@transaction.atomic
def propose_change(
    by: User, requirement: Requirement, action: str, reason: str, suggested_hours=None
) -> ChangeProposal:
    """Anyone signed in, a doer too, may propose to retire or simplify a requirement in force."""
    if not requirement.is_imposing:
        raise ValidationError("Only a requirement in force can be retired or simplified.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why: what it costs you, and what would be lost"})
    simplifying = action == ChangeProposal.Action.SIMPLIFY and suggested_hours is not None
    if simplifying and suggested_hours >= requirement.estimated_hours:
        raise ValidationError(
            {"suggested_hours": "Suggest fewer hours than the centre's estimate now"}
        )
    return ChangeProposal.objects.create(
        requirement=requirement,
        action=action,
        reason=reason.strip(),
        suggested_hours=suggested_hours if action == ChangeProposal.Action.SIMPLIFY else None,
        proposed_by=by,
    )


@transaction.atomic
def decide_change(
    by: User, proposal: ChangeProposal, accept: bool, reason: str, new_hours=None
) -> ChangeProposal:
    """The owning unit's lead accepts (retiring or simplifying it) or declines, with a reason
    that is published on "You said, we did"."""
    proposal = ChangeProposal.objects.select_for_update().get(pk=proposal.pk)
    requirement = Requirement.objects.select_for_update().get(pk=proposal.requirement_id)
    refuse_unless(can_decide_change(by, requirement), "Only the owning unit's lead can decide.")
    if proposal.status != ChangeProposal.Status.OPEN:
        raise ValidationError("This proposal has already been decided.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason: it is published"})
    saved = None
    if accept:
        if not requirement.is_imposing:
            raise ValidationError("The requirement is no longer in force.")
        if proposal.action == ChangeProposal.Action.RETIRE:
            saved = retire(by, requirement, reason.strip())
        else:
            hours = new_hours if new_hours is not None else proposal.suggested_hours
            if hours is None:
                raise ValidationError({"new_hours": "Say how many hours it will take now"})
            saved = simplify(by, requirement, reason.strip(), hours)
    proposal.status = ChangeProposal.Status.ACCEPTED if accept else ChangeProposal.Status.DECLINED
    proposal.decision_reason = reason.strip()
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.hours_saved_per_year = None if saved is None else Decimal(str(round(saved, 1)))
    proposal.save()
    return proposal


@transaction.atomic
def keep(by: User, requirement: Requirement, note: str) -> Requirement:
    """Close a review with the requirement kept as it is."""
    refuse_unless(can_decide_change(by, requirement), "Only the owning unit's lead can do this.")
    if requirement.state != State.UNDER_REVIEW:
        raise ValidationError("Only a requirement under review can be kept.")
    if not note.strip():
        raise ValidationError({"note": "Say why it is worth the doers' time"})
    simplified = requirement.events.filter(kind=RequirementEvent.Kind.SIMPLIFIED).exists()
    to = State.SIMPLIFIED if simplified else State.ACTIVE
    move(requirement, to, RequirementEvent.Kind.REINSTATED, by, note=note.strip())
    requirement.save(update_fields=["state", "updated_at"])
    return requirement


def occurrence_is_due(requirement: Requirement, due_on: date, today: date | None = None) -> str:
    """Why a doer may not report on this date, or "" if they may."""
    today = today or timezone.localdate()
    if not requirement.due_dates(due_on, due_on):
        return "The requirement was not due on that date"
    if due_on > today:
        return "You can report once it is due"
    if today - due_on > timedelta(days=REPORTING_DAYS):
        return f"Reports close {REPORTING_DAYS} days after the due date"
    return ""


def reporting_organisations(user: User, requirement: Requirement) -> list[Organisation]:
    """The person's own organisations that the requirement lands on."""
    own = Organisation.objects.filter(pk__in=user.doer_organisation_ids)
    return [o for o in own if requirement in audience.requirements_landing_on(o, _one(requirement))]


def _one(requirement: Requirement) -> QuerySet[Requirement]:
    return Requirement.objects.filter(pk=requirement.pk)


@transaction.atomic
def report(
    by: User,
    requirement: Requirement,
    organisation: Organisation,
    due_on: date,
    hours: Decimal,
    usefulness: int,
    comment: str = "",
) -> Report:
    """A doer says what one occurrence really took and how useful it is; once per occurrence."""
    refuse_unless(
        organisation.pk in by.doer_organisation_ids,
        "Only the organisation's own doers can report for it.",
    )
    if requirement.state not in IMPOSING and requirement.state != State.RETIRED:
        raise ValidationError("This requirement was never in force.")
    if not audience.requirements_landing_on(organisation, _one(requirement)):
        raise ValidationError({"organisation": "This requirement does not land on it"})
    why = occurrence_is_due(requirement, due_on)
    if why:
        raise ValidationError({"due_on": why})
    if Report.objects.filter(
        requirement=requirement, organisation=organisation, due_on=due_on
    ).exists():
        raise ValidationError({"due_on": "Your organisation has already reported on this date"})
    first, changes = estimate_history(requirement)
    return Report.objects.create(
        requirement=requirement,
        organisation=organisation,
        organisation_type=organisation.type,
        due_on=due_on,
        hours=hours,
        estimated_hours=Decimal(str(schedule.estimate_on(due_on, first, changes))),
        usefulness=usefulness,
        comment=comment.strip(),
        reported_by=by,
    )
