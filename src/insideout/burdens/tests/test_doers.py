"""A doer's side of the ledger: its calendar, its reports, its proposals to cut, and the
centre's public answer."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from insideout.burdens import notices, outcomes, services
from insideout.burdens.models import ChangeProposal, Report, State
from insideout.burdens.tests.test_ledger import report_on
from insideout.outbox.models import OutboxMessage
from tests.factories import OrganisationFactory


@pytest.fixture
def census(make_requirement, school):
    today = timezone.localdate()
    return make_requirement(first_due_on=today - datetime.timedelta(days=10))


def test_a_doer_sees_what_to_report_and_what_falls_due_next(client, doer_lead, census):
    from insideout.burdens.start import sections

    found = {item.title: item for section in sections(doer_lead) for item in section.items}
    assert found["Reports to make"].count == 1
    assert found["Reports to make"].url == reverse("burdens:calendar")
    client.force_login(doer_lead)
    page = client.get(reverse("burdens:calendar")).content.decode()
    due = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    assert f"/burdens/requirements/{census.pk}/report/?due={due}" in page
    assert "Coming up in the next 3 months" in page and "School census return" in page


def test_a_doer_reports_what_an_occurrence_took_once(client, doer_lead, census, school):
    client.force_login(doer_lead)
    due = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    url = reverse("burdens:report", args=[census.pk])
    form = client.get(url, {"due": due})
    assert "The centre estimates it takes 2 hours each time" in form.content.decode()
    sent = client.post(url, {"due": due, "hours": "5.5", "usefulness": "2", "comment": "Slow"})
    assert sent.status_code == 302
    report = Report.objects.get()
    assert (report.organisation, report.hours, report.estimated_hours) == (
        school,
        Decimal("5.5"),
        Decimal("2"),
    )
    again = client.post(url, {"due": due, "hours": "1", "usefulness": "5"})
    assert "already reported on this date" in again.content.decode()
    assert Report.objects.count() == 1


def test_a_doer_cannot_report_before_it_is_due_nor_long_after(
    doer_lead, census, school, make_requirement
):
    today = timezone.localdate()
    next_due = census.next_due(today + datetime.timedelta(days=1), 1)[0]
    with pytest.raises(ValidationError, match="once it is due"):
        services.report(doer_lead, census, school, next_due, Decimal("1"), 3)
    with pytest.raises(ValidationError, match="not due on that date"):
        services.report(doer_lead, census, school, today - datetime.timedelta(days=11), 1, 3)
    older = make_requirement(title="Older return")
    long_ago = older.due_dates(today - datetime.timedelta(days=200), today)[0]
    with pytest.raises(ValidationError, match="Reports close 60 days after"):
        services.report(doer_lead, older, school, long_ago, Decimal("1"), 3)


def test_only_the_doers_it_lands_on_can_report(census, other_school, centre_officer):
    due_on = timezone.localdate() - datetime.timedelta(days=10)
    gp = OrganisationFactory(type="gp_practice")
    from insideout.vocabulary import Role
    from tests.factories import person_with_role

    gp_lead = person_with_role(Role.DOER_LEAD, organisation=gp)
    with pytest.raises(ValidationError, match="does not land on it"):
        services.report(gp_lead, census, gp, due_on, Decimal("1"), 3)
    with pytest.raises(PermissionDenied):
        services.report(centre_officer, census, other_school, due_on, Decimal("1"), 3)


def test_a_report_keeps_the_estimate_that_was_in_force_on_its_due_date(
    doer_lead, census, school, centre_lead
):
    due_on = timezone.localdate() - datetime.timedelta(days=10)
    services.simplify(centre_lead, census, "Pre-filled", Decimal("0.5"))
    report = services.report(doer_lead, census, school, due_on, Decimal("1"), 4)
    assert report.estimated_hours == Decimal("2")


def test_an_organisations_own_burden_is_shown_to_it_and_the_centre_only(
    client, doer_lead, census, school, other_school, centre_officer
):
    url = reverse("burdens:doer", args=[school.pk])
    client.force_login(doer_lead)
    assert client.get(url).status_code == 200
    assert client.get(reverse("burdens:doer", args=[other_school.pk])).status_code == 404
    client.force_login(centre_officer)
    assert "School census return" in client.get(url).content.decode()


def test_a_doers_proposal_to_retire_is_answered_in_public_with_its_reason(
    client, doer_lead, census, centre_lead
):
    proposal = services.propose_change(
        doer_lead, census, "retire", "The same figures are in the school census"
    )
    with pytest.raises(PermissionDenied):
        services.decide_change(doer_lead, proposal, True, "Agreed")
    services.decide_change(centre_lead, proposal, True, "We will read the census instead")
    census.refresh_from_db()
    proposal.refresh_from_db()
    assert census.state == State.RETIRED
    assert proposal.status == ChangeProposal.Status.ACCEPTED
    assert proposal.hours_saved_per_year > 0
    public = client.get(reverse("you_said_we_did")).content.decode()
    assert "Burdens you asked us to cut" in public
    assert "We will read the census instead" in public
    assert "Too early to tell" in public


def test_declining_needs_a_reason_and_leaves_the_requirement_in_force(
    doer_lead, census, centre_lead
):
    proposal = services.propose_change(doer_lead, census, "simplify", "Too long", Decimal("1"))
    with pytest.raises(ValidationError, match="Give the reason"):
        services.decide_change(centre_lead, proposal, False, " ")
    services.decide_change(centre_lead, proposal, False, "Inspectors need every field")
    census.refresh_from_db()
    assert census.state == State.ACTIVE


def test_after_a_simplification_doers_reports_say_whether_the_burden_fell(
    make_requirement, centre_lead, doer_lead
):
    schools = [OrganisationFactory(type="school") for _ in range(6)]
    census = make_requirement()
    proposal = services.propose_change(doer_lead, census, "simplify", "Pre-fill it", Decimal("1"))
    services.decide_change(centre_lead, proposal, True, "We pre-fill it now")
    decided = timezone.localdate() - datetime.timedelta(days=400)
    ChangeProposal.objects.filter(pk=proposal.pk).update(
        decided_at=timezone.make_aware(datetime.datetime.combine(decided, datetime.time(12)))
    )
    proposal.refresh_from_db()
    for due_on in census.due_dates(decided - datetime.timedelta(days=200), decided):
        for school in schools:
            report_on(census, school, due_on, 5)
    later = timezone.localdate() - datetime.timedelta(days=150)
    for due_on in census.due_dates(decided + datetime.timedelta(days=100), later):
        for school in schools:
            report_on(census, school, due_on, 1.5)
    result = outcomes.outcome(proposal)
    assert (result.before, result.after, result.fell) == (5, 1.5, True)


def test_doers_are_asked_once_to_report_after_a_due_date(make_requirement, doer_lead, doer_member):
    make_requirement(first_due_on=timezone.localdate() - datetime.timedelta(days=2))
    assert notices.ask_for_reports() == 2
    messages = OutboxMessage.objects.all()
    assert {m.to for m in messages} == {doer_lead.email, doer_member.email}
    assert "School census return" in messages[0].body
    assert notices.ask_for_reports() == 0
