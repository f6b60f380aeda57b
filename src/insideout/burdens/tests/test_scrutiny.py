"""A new requirement on its way to the doers: assessed, paid for, consulted on, decided."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from insideout.burdens import ledger, scrutiny, services
from insideout.burdens.models import BurdenAssessment, RequirementEvent, State
from insideout.pulses.models import Invitation
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, person_with_role


@pytest.fixture
def reviewer(other_unit):
    """A centre lead outside the unit that owns the requirements."""
    return person_with_role(Role.CENTRE_LEAD, centre_unit=other_unit, full_name="Rita Reviewer")


@pytest.fixture
def schools(db):
    return [OrganisationFactory(type="school") for _ in range(10)]


@pytest.fixture
def proposal(make_requirement, schools, centre_officer):
    requirement = make_requirement(
        title="Termly attendance snapshot",
        state=State.PROPOSED,
        frequency="termly",
        estimated_hours=Decimal("3"),
        first_due_on=timezone.localdate() + datetime.timedelta(days=30),
        starts_on=timezone.localdate(),
    )
    return requirement


def rule(ratio, admin_user, **fields):
    return scrutiny.set_rule(
        admin_user, Decimal(ratio), fields.get("exempt", True), timezone.localdate()
    )


def test_a_proposal_cannot_go_into_force_without_a_burden_assessment(proposal, reviewer):
    with pytest.raises(ValidationError, match="not waiting for scrutiny"):
        scrutiny.decide(reviewer, proposal, scrutiny.APPROVE, "Looks fine")
    proposal.refresh_from_db()
    assert proposal.state == State.PROPOSED


def test_assessing_counts_the_hours_it_adds_and_for_whom_and_queues_it(
    proposal, centre_officer, schools
):
    assessment = scrutiny.assess(centre_officer, proposal, [])
    assert assessment.doers == 10
    assert assessment.hours_per_year == Decimal("90.0")  # 3 terms x 3 hours x 10 schools
    assert assessment.for_whom == "10 schools"
    assert list(scrutiny.queue()) == [proposal]


def test_one_in_two_out_refuses_a_proposal_that_does_not_pay_for_itself(
    proposal, centre_officer, admin_user, make_requirement
):
    rule("2", admin_user)
    small = make_requirement(title="Annual staffing survey", frequency="annual")  # 20 h/yr
    with pytest.raises(ValidationError) as refused:
        scrutiny.assess(centre_officer, proposal, [scrutiny.Pledge(small, "retire")])
    assert "needs 180 hours a year taken out; these take out 20" in str(refused.value)
    proposal.refresh_from_db()
    assert proposal.in_scrutiny_since is None


def test_approval_puts_it_in_force_and_carries_out_the_offsets_that_pay_for_it(
    proposal, centre_officer, reviewer, admin_user, make_requirement
):
    rule("2", admin_user)
    old = make_requirement(title="Monthly finance return")  # 12 x 2 x 10 = 240 h/yr
    heavy = make_requirement(title="Weekly safeguarding log", frequency="weekly")  # 1,040 h/yr
    scrutiny.assess(
        centre_officer,
        proposal,
        [scrutiny.Pledge(old, "retire"), scrutiny.Pledge(heavy, "simplify", Decimal("1.5"))],
    )
    scrutiny.decide(reviewer, proposal, scrutiny.APPROVE, "Paid for twice over")
    proposal.refresh_from_db()
    old.refresh_from_db()
    heavy.refresh_from_db()
    assert proposal.state == State.ACTIVE
    assert old.state == State.RETIRED and old.ends_on == timezone.localdate()
    assert heavy.state == State.SIMPLIFIED and heavy.estimated_hours == Decimal("1.5")
    change = ledger.net_change(timezone.localdate())
    assert (change.added, change.removed) == (90.0, 240.0 + 260.0)
    assert "To pay for" in old.state_reason


def test_a_reviewer_cannot_decide_on_their_own_units_proposal(
    proposal, centre_officer, centre_lead
):
    scrutiny.assess(centre_officer, proposal, [])
    with pytest.raises(PermissionDenied):
        scrutiny.decide(centre_lead, proposal, scrutiny.APPROVE, "Our own: fine")


def test_sending_back_takes_it_out_of_the_queue_and_tells_the_unit_why(
    proposal, centre_officer, reviewer, django_capture_on_commit_callbacks
):
    scrutiny.assess(centre_officer, proposal, [])
    with django_capture_on_commit_callbacks(execute=True):
        scrutiny.decide(reviewer, proposal, scrutiny.SEND_BACK, "Use the census data instead")
    proposal.refresh_from_db()
    assert proposal.state == State.PROPOSED and proposal.in_scrutiny_since is None
    event = proposal.events.get(kind=RequirementEvent.Kind.SENT_BACK)
    assert event.note == "Use the census data instead" and event.actor == reviewer
    assert any("Use the census data instead" in m.body for m in mail.outbox)


def test_a_rejected_proposal_never_lands_on_anyone(proposal, centre_officer, reviewer):
    scrutiny.assess(centre_officer, proposal, [])
    scrutiny.decide(reviewer, proposal, scrutiny.REJECT, "Duplicates the census")
    proposal.refresh_from_db()
    assert proposal.state == State.REJECTED
    assert ledger.imposed_per_year(proposal, 10) == 0


def test_a_requirement_cannot_pay_for_two_proposals(
    proposal, centre_officer, make_requirement, admin_user
):
    rule("1", admin_user)
    old = make_requirement(title="Monthly finance return")
    scrutiny.assess(centre_officer, proposal, [scrutiny.Pledge(old, "retire")])
    second = make_requirement(title="Another new return", state=State.PROPOSED, frequency="one_off")
    with pytest.raises(ValidationError, match="already pays for"):
        scrutiny.assess(centre_officer, second, [scrutiny.Pledge(old, "retire")])


def test_what_the_law_requires_needs_no_offsets_where_the_rule_exempts_it(
    proposal, centre_officer, admin_user
):
    rule("2", admin_user)
    proposal.is_statutory, proposal.legal_basis = True, "Education Act 1996, s.537A"
    proposal.save()
    scrutiny.assess(centre_officer, proposal, [])
    assert scrutiny.check_for(proposal).balanced


def test_only_leadership_sets_the_budget_rule(centre_lead):
    with pytest.raises(PermissionDenied):
        scrutiny.set_rule(centre_lead, Decimal("2"), True, timezone.localdate())


def test_consulting_sends_a_one_question_pulse_to_the_doers_it_would_land_on(
    proposal, centre_officer, schools
):
    doers = [person_with_role(Role.DOER_LEAD, organisation=school) for school in schools[:3]]
    consultation = scrutiny.consult(
        centre_officer, proposal, timezone.localdate() + datetime.timedelta(days=14)
    )
    pulse = consultation.pulse
    assert pulse.status == "open" and pulse.is_anonymous
    assert [q.kind for q in pulse.ordered_questions()] == ["agreement"]
    assert "Termly attendance snapshot would take about 3 hours each term" in (
        pulse.ordered_questions()[0].text
    )
    invited = set(Invitation.objects.filter(pulse=pulse).values_list("person", flat=True))
    assert {d.pk for d in doers} <= invited
    assert proposal.events.filter(kind=RequirementEvent.Kind.CONSULTED).exists()


def test_changing_a_proposal_means_assessing_it_again(proposal, centre_officer):
    scrutiny.assess(centre_officer, proposal, [])
    proposal.estimated_hours = Decimal("5")
    services.change(centre_officer, proposal)
    proposal.refresh_from_db()
    assert proposal.in_scrutiny_since is None
    assert not BurdenAssessment.objects.filter(requirement=proposal).exists()
