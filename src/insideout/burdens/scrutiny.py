"""Before a new requirement lands on doers: its burden assessed, paid for under the budget rule,
the doers consulted if need be, and a reviewer outside the owning unit approves, sends it back
or rejects it (as England's schools data-collection scrutiny does)."""

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from insideout.accounts.models import User
from insideout.pulses.services import launch_one_question
from insideout.web.decorators import refuse_unless

from . import audience, budget, notices, services
from .models import (
    IMPOSING,
    BudgetRule,
    BurdenAssessment,
    Consultation,
    Offset,
    Requirement,
    RequirementEvent,
    State,
)

PERIOD_WORDS = {
    "one_off": "once",
    "weekly": "each week",
    "monthly": "each month",
    "termly": "each term",
    "annual": "each year",
}


def cost_in_words(requirement: Requirement) -> str:
    """'about 3 hours each month', 'about 1.5 hours once'."""
    hours = f"{requirement.estimated_hours.normalize():f}"
    return f"about {hours} hours {PERIOD_WORDS[requirement.frequency]}"


def current_rule(on: date | None = None) -> BudgetRule | None:
    """The budget rule in force on a day (the latest set to apply by then), or None."""
    on = on or timezone.localdate()
    rules = BudgetRule.objects.filter(applies_from__lte=on).order_by("-applies_from", "-set_at")
    rule = rules.first()
    return rule if rule is not None and rule.ratio is not None else None


def set_rule(by: User, ratio, exempts_statutory: bool, applies_from: date, note: str = ""):
    """Leadership sets the burden budget (ratio None: no rule from that day)."""
    refuse_unless(by.is_leadership, "Only leadership sets the burden budget.")
    return BudgetRule.objects.create(
        ratio=ratio,
        exempts_statutory=exempts_statutory,
        applies_from=applies_from,
        note=note.strip(),
        set_by=by,
    )


@dataclass(frozen=True)
class Pledge:
    """An offset as asked for: retire the target, or simplify it to new_hours."""

    target: Requirement
    action: str
    new_hours: Decimal | None = None


def pledge_saving(proposal: Requirement, pledge: Pledge) -> float:
    """Hours a year a pledge saves; refuses one that cannot pay for the proposal."""
    target = pledge.target
    if target.pk == proposal.pk:
        raise ValidationError({"offsets": "A proposal cannot pay for itself"})
    if target.state not in IMPOSING:
        raise ValidationError({"offsets": f"{target.reference} is not in force"})
    taken = (
        Offset.objects.filter(target=target, proposal__state=State.PROPOSED)
        .exclude(proposal=proposal)
        .first()
    )
    if taken is not None:
        raise ValidationError(
            {"offsets": f"{target.reference} already pays for {taken.proposal.reference}"}
        )
    if pledge.action == Offset.Action.SIMPLIFY:
        if pledge.new_hours is None or pledge.new_hours >= target.estimated_hours:
            raise ValidationError(
                {
                    "offsets": f"Simplifying {target.reference} must cut its hours below "
                    f"{target.estimated_hours.normalize():f}"
                }
            )
        new_hours = float(pledge.new_hours)
    else:
        new_hours = None
    return budget.hours_saved(
        target.frequency, services.doers_of(target), float(target.estimated_hours), new_hours
    )


def under_rule(
    requirement: Requirement, hours: float, savings: list[float], rule: BudgetRule | None
) -> budget.BudgetCheck:
    """The budget check of a proposal adding `hours` a year and pledging `savings`."""
    return budget.check(
        hours,
        savings,
        float(rule.ratio) if rule is not None and rule.ratio is not None else None,
        statutory=requirement.is_statutory,
        exempts_statutory=rule.exempts_statutory if rule else True,
    )


def check_of(requirement: Requirement, assessment: BurdenAssessment) -> budget.BudgetCheck:
    """The budget check of a proposal as assessed, under today's rule."""
    savings = [float(o.hours_saved_per_year) for o in requirement.offsets.all()]
    return under_rule(requirement, float(assessment.hours_per_year), savings, current_rule())


def check_for(requirement: Requirement) -> budget.BudgetCheck | None:
    """The budget check of a proposal as assessed, under today's rule; None if not assessed."""
    assessment = getattr(requirement, "assessment", None)
    if assessment is None:
        return None
    return check_of(requirement, assessment)


@transaction.atomic
def assess(
    by: User, requirement: Requirement, pledges: list[Pledge], for_whom: str = ""
) -> BurdenAssessment:
    """Count the hours a proposal adds and for whom, take the pledges that pay for it, and send
    it to the scrutiny queue; refused while the budget rule is not met."""
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    refuse_unless(services.can_edit(by, requirement), "Only the owning unit's staff can assess.")
    if requirement.state != State.PROPOSED:
        raise ValidationError("Only a proposal is assessed.")
    sizes = audience.doers_by_type([requirement])[requirement.pk]
    doers = sum(sizes.values())
    if not doers:
        raise ValidationError({"audience": "It lands on no organisation: say whom it is for"})
    hours = budget.hours_per_year(requirement.frequency, float(requirement.estimated_hours), doers)
    if len({p.target.pk for p in pledges}) != len(pledges):
        raise ValidationError({"offsets": "Name each requirement once"})
    savings = [pledge_saving(requirement, p) for p in pledges]
    rule = current_rule()
    result = under_rule(requirement, hours, savings, rule)
    if not result.balanced:
        raise ValidationError(
            {
                "offsets": f"The budget rule ({rule}) needs {result.needed:,.0f} hours a year "
                f"taken out; these take out {result.pledged:,.0f}. Choose requirements to "
                f"retire or simplify worth {result.shortfall:,.0f} hours a year more."
            }
        )
    BurdenAssessment.objects.filter(requirement=requirement).delete()
    requirement.offsets.all().delete()
    assessment = BurdenAssessment.objects.create(
        requirement=requirement,
        doers=doers,
        doers_by_type=sizes,
        hours_per_year=Decimal(str(round(hours, 1))),
        for_whom=for_whom.strip() or audience.describe(requirement, sizes),
        assessed_by=by,
    )
    Offset.objects.bulk_create(
        Offset(
            proposal=requirement,
            target=p.target,
            action=p.action,
            new_hours=p.new_hours if p.action == Offset.Action.SIMPLIFY else None,
            hours_saved_per_year=Decimal(str(round(saved, 1))),
        )
        for p, saved in zip(pledges, savings, strict=True)
    )
    requirement.in_scrutiny_since = timezone.now()
    requirement.save(update_fields=["in_scrutiny_since", "updated_at"])
    services.record(
        requirement,
        RequirementEvent.Kind.ASSESSED,
        by,
        note=f"{hours:,.0f} hours a year for {assessment.for_whom}",
    )
    return assessment


def queue() -> QuerySet[Requirement]:
    """Proposals waiting for a reviewer, oldest first."""
    return (
        Requirement.objects.filter(state=State.PROPOSED, in_scrutiny_since__isnull=False)
        .select_related("owner_unit", "assessment")
        .order_by("in_scrutiny_since", "pk")
    )


APPROVE, SEND_BACK, REJECT = "approve", "send_back", "reject"
DECISIONS = {
    APPROVE: "Approve: it goes into force",
    SEND_BACK: "Send it back to the unit to rethink",
    REJECT: "Reject it",
}


@transaction.atomic
def decide(by: User, requirement: Requirement, decision: str, reason: str) -> Requirement:
    """A reviewer's decision on a proposal in the queue, with the reason the unit will read.

    Approving puts it in force and carries out the offsets that pay for it, in one step."""
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    refuse_unless(
        by.may_scrutinise(requirement.owner_unit_id),
        "Scrutiny reviewers are centre leads outside the unit that owns the requirement.",
    )
    if requirement.state != State.PROPOSED or requirement.in_scrutiny_since is None:
        raise ValidationError("It is not waiting for scrutiny.")
    if decision not in DECISIONS:
        raise ValidationError({"decision": "Choose approve, send back or reject"})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason: the unit will read it"})
    reason = reason.strip()
    requirement.in_scrutiny_since = None
    if decision == SEND_BACK:
        services.record(requirement, RequirementEvent.Kind.SENT_BACK, by, note=reason)
    elif decision == REJECT:
        services.move(requirement, State.REJECTED, RequirementEvent.Kind.REJECTED, by, note=reason)
    else:
        approve(by, requirement, reason)
    requirement.save()
    notices.tell_owner_unit(requirement, decision, reason)
    return requirement


def approve(by: User, requirement: Requirement, reason: str) -> None:
    assessment = getattr(requirement, "assessment", None)
    if assessment is None:
        raise ValidationError("It needs a burden assessment before it can go into force.")
    offsets = list(requirement.offsets.select_related("target"))
    for offset in offsets:  # still as pledged: in force, and no other proposal took it
        pledge_saving(requirement, Pledge(offset.target, offset.action, offset.new_hours))
    result = check_of(requirement, assessment)
    if not result.balanced:
        raise ValidationError(
            f"The budget rule now needs {result.shortfall:,.0f} more hours a year taken out: "
            "send it back to the unit."
        )
    services.move(
        requirement,
        State.ACTIVE,
        RequirementEvent.Kind.APPROVED,
        by,
        note=reason,
        hours_per_year_change=assessment.hours_per_year,
    )
    why = f"To pay for {requirement.reference}, {requirement.title}, under the burden budget."
    for offset in offsets:
        target = Requirement.objects.select_for_update().get(pk=offset.target_id)
        if offset.action == Offset.Action.RETIRE:
            services.retire(by, target, why)
        else:
            assert offset.new_hours is not None  # a simplification pledges its new hours
            services.simplify(by, target, why, offset.new_hours)


@transaction.atomic
def consult(by: User, requirement: Requirement, closes_on: date) -> Consultation:
    """Ask the doers a proposal would land on, in a one-question pulse, before the decision."""
    refuse_unless(
        services.can_edit(by, requirement) or by.may_scrutinise(requirement.owner_unit_id),
        "Only the owning unit's staff or a scrutiny reviewer can consult on it.",
    )
    if requirement.state != State.PROPOSED:
        raise ValidationError("Only a proposal is consulted on.")
    if closes_on <= timezone.localdate():
        raise ValidationError({"closes_on": "The closing date must be in the future"})
    pulse = launch_one_question(
        code=f"burden-{requirement.pk}-{uuid.uuid4().hex[:8]}",
        title=f"Consultation: {requirement.title}",
        statement=f"{requirement.title} would take {cost_in_words(requirement)} of your "
        "time. It would be worth that time.",
        hint=requirement.description[:300],
        unit=requirement.owner_unit,
        closes_on=closes_on,
        by=by,
        audience_types=requirement.audience_types,
        audience_regions=requirement.audience_regions,
        organisations=requirement.audience_organisations.all(),
    )
    consultation = Consultation.objects.create(requirement=requirement, pulse=pulse, started_by=by)
    services.record(
        requirement,
        RequirementEvent.Kind.CONSULTED,
        by,
        note=f"One-question pulse to the doers, closing {closes_on:%d %B %Y}.",
    )
    return consultation
