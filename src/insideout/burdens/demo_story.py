"""The demo ledger's story, as its trails record it: the requirements' history, a year and
more of doers' reports near what each really costs, a retirement and a simplification on doers'
proposals, a new requirement paid for under the burden budget, proposals at scrutiny, and
doers' proposals to cut, some answered."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from insideout.directory.demo import DemoDirectory
from insideout.vocabulary import Role

from . import audience, schedule
from .models import BurdenAssessment, ChangeProposal, Offset, Requirement, RequirementEvent, State
from .services import REPORTING_DAYS

RETIRED = "attendance_weekly"  # retired after a doer's proposal: the hours visibly fall
SIMPLIFIED = "sen_claim"  # simplified from 6 hours to 2: the reports confirm it
REPORTERS_AT_MOST = 40  # organisations reporting on one occurrence, to keep the build fast
COMMENTS = {
    "slow": [
        "It takes far longer than the guidance says: the figures live in three systems.",
        "We re-key numbers we already sent you in another return.",
        "Our business manager loses most of a day to it.",
        "Nobody has ever told us what happens to these figures.",
    ],
    "useless": [
        "We never see anything come back from it.",
        "The same questions as last time, and no sign anyone read the answers.",
    ],
    "useful": [
        "Useful: we use the report that comes back in governors' meetings.",
        "Quick now that most of it is filled in for us.",
        "Worth it: it is how we get our funding right.",
    ],
}


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


class Build:
    """Collects the ledger's rows, then inserts them in bulk."""

    def __init__(self, rng: random.Random, directory: DemoDirectory) -> None:
        self.rng = rng
        self.directory = directory
        self.today = timezone.localdate()
        self.units = {unit.name: unit for unit in directory.units}
        self.leads = {unit.pk: staff[0] for unit, staff in self._staff()}
        self.secretary = directory.secretary()
        self.events: list[RequirementEvent] = []
        self.reports: list[tuple] = []
        sign_in = next(p for role, p, _ in directory.sign_ins() if role == Role.DOER_LEAD)
        self.sign_in_doer = sign_in
        self.sign_in_school = next(
            o for o in directory.organisations if sign_in in directory.organisation_people[o.pk]
        )

    def _staff(self):
        return [(u, self.directory.unit_staff[u.pk]) for u in self.directory.units]

    def event(self, requirement, kind, actor, day, **fields) -> None:
        self.events.append(
            RequirementEvent(requirement=requirement, kind=kind, actor=actor, at=at(day), **fields)
        )

    def requirement(self, row: dict) -> Requirement:
        unit = self.units[row["unit"]]
        rng = self.rng
        state = row["state"]
        if state == "active":
            starts = self.today - timedelta(days=rng.randint(800, 1400))
        else:
            starts = self.today + timedelta(days=rng.randint(60, 150))
        if row["frequency"] == "one_off":
            first_due = self.today - timedelta(days=200) if state == "active" else starts
        else:
            first_due = starts + timedelta(days=rng.randint(5, 25))
        return Requirement(
            title=row["title"],
            description=row["description"],
            kind=row["kind"],
            owner_unit=unit,
            is_statutory=row["statutory"] == "y",
            legal_basis=row["legal_basis"],
            audience_types=row["audience"].split("|"),
            frequency=row["frequency"],
            first_due_on=first_due,
            estimated_hours=Decimal(row["hours"]),
            starts_on=min(starts, first_due),
            state=State.PROPOSED if state in ("proposed", "sent_back") else state,
            created_by=self.leads[unit.pk],
            created_at=at(starts - timedelta(days=60)),
        )

    def history(self, requirement: Requirement, doers: int) -> None:
        """How a requirement in force got there: proposed, assessed, approved."""
        lead = self.leads[requirement.owner_unit_id]
        proposed = requirement.starts_on - timedelta(days=60)
        hours = schedule.annual_hours(
            requirement.frequency, float(requirement.estimated_hours), doers
        )
        self.event(requirement, "proposed", lead, proposed, to_state=State.PROPOSED)
        self.event(
            requirement,
            "approved",
            self.secretary,
            proposed + timedelta(days=30),
            from_state=State.PROPOSED,
            to_state=State.ACTIVE,
            note="Approved at scrutiny.",
            hours_per_year_change=Decimal(str(round(hours, 1))),
        )

    def report_on(self, requirement, doers, factor, usefulness, until, changes=()) -> None:
        """Doers' reports on each due date up to `until`, each near `factor` times the
        estimate in force then; the sign-in school leaves its recent ones for the demo."""
        rng = self.rng
        first = float(changes[0][2]) if changes else float(requirement.estimated_hours)
        history = tuple((day, float(after)) for day, after, _ in changes)
        start = max(requirement.starts_on, self.today - timedelta(days=560))
        for due_on in requirement.due_dates(start, min(until, self.today)):
            estimate = schedule.estimate_on(due_on, first, history)
            this_factor = factor(due_on) if callable(factor) else factor
            share = rng.uniform(0.25, 0.45)
            count = min(REPORTERS_AT_MOST, max(1, round(len(doers) * share)))
            for organisation in rng.sample(doers, min(count, len(doers))):
                recent = (self.today - due_on).days <= REPORTING_DAYS
                if organisation == self.sign_in_school and recent:
                    continue
                hours = estimate * this_factor * rng.lognormvariate(0, 0.3)
                hours = max(0.25, round(hours * 4) / 4)
                useful = min(5, max(1, round(rng.gauss(usefulness, 0.8))))
                comment = ""
                if rng.random() < 0.08:
                    mood = "slow" if this_factor > 2 else "useless" if useful <= 2 else "useful"
                    comment = rng.choice(COMMENTS[mood])
                reported = min(self.today, due_on + timedelta(days=rng.randint(1, 25)))
                person = self.directory.organisation_people[organisation.pk][0]
                self.reports.append(
                    (
                        requirement.pk,
                        organisation.pk,
                        organisation.type,
                        due_on,
                        Decimal(str(hours)),
                        Decimal(str(estimate)),
                        useful,
                        comment,
                        person.pk,
                        at(reported, 16),
                    )
                )


def tell(build: Build, made: dict, by_type: dict, rows: dict, sizes: dict) -> None:
    """The changes that tell the ledger's story, each in its trail."""
    today = build.today
    doers = {
        key: [o for kind in r.audience_types for o in by_type.get(kind, [])]
        for key, r in made.items()
    }

    def count(key: str) -> int:
        return sum(sizes[made[key].pk].values())

    def saved(key: str, before: float, after: float) -> Decimal:
        r = made[key]
        return Decimal(
            str(round(schedule.annual_hours(r.frequency, before - after, count(key)), 1))
        )

    def doer_of(kind: str):
        organisation = build.rng.choice(by_type[kind])
        return build.directory.organisation_people[organisation.pk][0]

    # The weekly attendance return, retired eight months ago on a head teacher's proposal.
    attendance = made[RETIRED]
    retired_on = today - timedelta(days=240)
    head = doer_of("school")
    retired_saving = saved(RETIRED, 1.5, 0)
    proposal = ChangeProposal(
        requirement=attendance,
        action="retire",
        reason="You already get daily attendance from our management information system, yet "
        "the weekly return asks for it again in your own template. It takes our office most of "
        "a Monday morning.",
        proposed_by=head,
        proposed_at=at(retired_on - timedelta(days=35)),
        status="accepted",
        decision_reason="Agreed. We now read attendance from the daily feed of schools' "
        "registers, so the weekly return stops. Thank you for pointing it out.",
        decided_by=build.leads[attendance.owner_unit_id],
        decided_at=at(retired_on),
        hours_saved_per_year=retired_saving,
    )
    build.report_on(attendance, doers[RETIRED], 2.2, 1.6, retired_on)
    attendance.state, attendance.ends_on = State.RETIRED, retired_on
    attendance.state_reason = proposal.decision_reason
    attendance.hours_saved_per_year = retired_saving
    build.event(
        attendance,
        "retired",
        proposal.decided_by,
        retired_on,
        from_state=State.ACTIVE,
        to_state=State.RETIRED,
        note=proposal.decision_reason,
        hours_per_year_change=-retired_saving,
    )

    # The high-needs claim, simplified five months ago from 6 hours to 2 on a council's proposal.
    claim = made[SIMPLIFIED]
    simplified_on = today - timedelta(days=300)
    council = doer_of("local_authority")
    simplified_saving = saved(SIMPLIFIED, 6, 2)
    simplify = ChangeProposal(
        requirement=claim,
        action="simplify",
        reason="The claim asks for evidence we already hold in each pupil's plan. Let us "
        "confirm the plan instead of copying it out.",
        suggested_hours=Decimal("2"),
        proposed_by=council,
        proposed_at=at(simplified_on - timedelta(days=40)),
        status="accepted",
        decision_reason="Agreed: the claim now takes the plan's reference and the top-up "
        "band, and we read the rest from the plan.",
        decided_by=build.leads[claim.owner_unit_id],
        decided_at=at(simplified_on),
        hours_saved_per_year=simplified_saving,
    )
    build.report_on(
        claim,
        doers[SIMPLIFIED],
        lambda day: 1.5 if day < simplified_on else 1.25,
        2.0,
        today,
        changes=[(simplified_on, Decimal("2"), Decimal("6"))],
    )
    claim.state, claim.estimated_hours = State.SIMPLIFIED, Decimal("2")
    claim.state_reason, claim.hours_saved_per_year = (
        simplify.decision_reason,
        simplified_saving,
    )
    build.event(
        claim,
        "simplified",
        simplify.decided_by,
        simplified_on,
        from_state=State.ACTIVE,
        to_state=State.SIMPLIFIED,
        note=simplify.decision_reason,
        hours_from=Decimal("6"),
        hours_to=Decimal("2"),
        hours_per_year_change=-simplified_saving,
    )

    # A new survey approved four months ago, paid for by retiring the recovery return.
    vacancies, recovery = made["teacher_vacancies"], made["recovery_return"]
    approved_on = today - timedelta(days=120)
    vacancies.starts_on = approved_on
    vacancies.first_due_on = approved_on + timedelta(days=20)
    build.events = [e for e in build.events if e.requirement is not vacancies]
    lead = build.leads[vacancies.owner_unit_id]
    added = Decimal(str(round(schedule.annual_hours("termly", 1, count("teacher_vacancies")), 1)))
    build.event(vacancies, "proposed", lead, approved_on - timedelta(days=50), to_state="proposed")
    build.event(
        vacancies,
        "assessed",
        lead,
        approved_on - timedelta(days=30),
        note=f"{added:,.0f} hours a year for {count('teacher_vacancies')} schools",
    )
    build.event(
        vacancies,
        "approved",
        build.secretary,
        approved_on,
        from_state="proposed",
        to_state="active",
        note="Approved: it pays for itself by retiring the recovery return.",
        hours_per_year_change=added,
    )
    build.report_on(vacancies, doers["teacher_vacancies"], 1.5, 3.1, today)
    build.report_on(recovery, doers["recovery_return"], 2.9, 1.8, approved_on)
    recovery.state, recovery.ends_on = State.RETIRED, approved_on
    recovery.state_reason = (
        "To pay for the teacher vacancy survey under the burden budget: recovery funding ends."
    )
    recovery.hours_saved_per_year = saved("recovery_return", 2.5, 0)
    build.event(
        recovery,
        "retired",
        build.secretary,
        approved_on,
        from_state="active",
        to_state="retired",
        note=recovery.state_reason,
        hours_per_year_change=-recovery.hours_saved_per_year,
    )

    # Two proposals waiting at scrutiny, one sent back, one rejected, one not yet assessed.
    for key, pays_with, note in [
        ("mh_referrals", "gp_templates", "one referrals return replaces the three templates"),
        ("grant_outcomes", "grant_application", "outcomes replace the yearly renewal bid"),
    ]:
        proposal_req, target = made[key], made[pays_with]
        lead = build.leads[proposal_req.owner_unit_id]
        hours = schedule.annual_hours(
            proposal_req.frequency, float(proposal_req.estimated_hours), count(key)
        )
        assessment = BurdenAssessment.objects.create(
            requirement=proposal_req,
            doers=count(key),
            doers_by_type=sizes[proposal_req.pk],
            hours_per_year=Decimal(str(round(hours, 1))),
            for_whom=audience.describe(proposal_req, sizes[proposal_req.pk]),
            assessed_by=lead,
            assessed_at=at(today - timedelta(days=12)),
        )
        Offset.objects.create(
            proposal=proposal_req,
            target=target,
            action="retire",
            hours_saved_per_year=saved(pays_with, float(target.estimated_hours), 0),
        )
        proposal_req.in_scrutiny_since = assessment.assessed_at
        build.event(proposal_req, "proposed", lead, today - timedelta(days=30), to_state="proposed")
        build.event(
            proposal_req,
            "assessed",
            lead,
            today - timedelta(days=12),
            note=f"{hours:,.0f} hours a year for {assessment.for_whom}; {note}.",
        )
    sent_back = made["police_wellbeing"]
    build.event(
        sent_back,
        "proposed",
        build.leads[sent_back.owner_unit_id],
        today - timedelta(days=60),
        to_state="proposed",
    )
    build.event(
        sent_back,
        "sent_back",
        build.secretary,
        today - timedelta(days=30),
        note="Forces already run the national wellbeing survey: use its results.",
    )
    wellbeing = made["school_wellbeing"]
    build.event(
        wellbeing,
        "proposed",
        build.leads[wellbeing.owner_unit_id],
        today - timedelta(days=90),
        to_state="proposed",
    )
    build.event(
        wellbeing,
        "rejected",
        build.secretary,
        today - timedelta(days=70),
        from_state="proposed",
        to_state="rejected",
        note="A weekly survey in every school is 16,000 hours a year for data the "
        "termly census already gives.",
    )
    wellbeing.state = State.REJECTED

    declined = ChangeProposal(
        requirement=made["use_of_force"],
        action="retire",
        reason="A monthly return on every use of force, when our own system already records it.",
        proposed_by=doer_of("police_force"),
        proposed_at=at(today - timedelta(days=110)),
        status="declined",
        decision_reason="The law requires the Home Office to publish these figures, so the "
        "return stays; from next month we pre-fill it from forces' own systems.",
        decided_by=build.leads[made["use_of_force"].owner_unit_id],
        decided_at=at(today - timedelta(days=90)),
    )
    waiting = [
        (
            "curriculum_audit",
            "retire",
            build.sign_in_doer,
            None,
            "It asks for what we already publish on our website for inspectors.",
        ),
        (
            "gp_access",
            "simplify",
            doer_of("gp_practice"),
            Decimal("0.5"),
            "Nothing changes between months: pre-fill it from the appointment system.",
        ),
        (
            "grant_monitoring",
            "simplify",
            doer_of("charity"),
            Decimal("1"),
            "Twelve pages for a £2,000 grant. One page would tell you what you need.",
        ),
        (
            "patrol_return",
            "retire",
            doer_of("police_force"),
            None,
            "My inspectors lose Monday mornings to a return nobody has ever asked us about.",
        ),
    ]
    ChangeProposal.objects.bulk_create(
        [proposal, simplify, declined]
        + [
            ChangeProposal(
                requirement=made[key],
                action=action,
                reason=reason,
                suggested_hours=hours,
                proposed_by=person,
                proposed_at=at(today - timedelta(days=build.rng.randint(3, 25))),
            )
            for key, action, person, hours, reason in waiting
        ]
    )
