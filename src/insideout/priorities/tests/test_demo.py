"""The demo department's burden ledger and priorities tell their story: sixty requirements with a
year of reports, some costing far more than the centre thinks, a retirement that visibly
lowered the hours, proposals at scrutiny, five priorities with measures, and something in each
quadrant of mandate and demand."""

import pytest
from django.test import Client
from django.urls import reverse

from insideout.burdens import ledger, outcomes, scrutiny
from insideout.burdens.models import ChangeProposal, Requirement, State
from insideout.demo import build_demo, wipe
from insideout.priorities import bottom_up
from insideout.priorities.balance import QUADRANTS
from insideout.priorities.models import Priority


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """One demo department, built once for the read-only checks of the class."""
    with django_db_blocker.unblock():
        result = build_demo()
    yield result
    with django_db_blocker.unblock():
        wipe()


@pytest.mark.usefixtures("demo")
@pytest.mark.django_db
class TestTheDemoLedgerAndBalance:
    def test_some_sixty_requirements_across_the_units_with_a_year_of_reports(self):
        assert 55 <= Requirement.objects.count() <= 65
        data = ledger.by_requirement(ledger.requirements_in())
        assert len({row.requirement.owner_unit_id for row in data.rows}) >= 10
        reported = [row for row in data.rows if row.reported is not None]
        assert len(reported) >= 40
        assert sum(row.tally.reports for row in reported) > 5000

    def test_some_cost_far_more_than_the_centre_thinks(self):
        data = ledger.by_requirement(ledger.requirements_in())
        far_more = [row for row in data.rows if row.times and row.times >= 2.5]
        assert len(far_more) >= 5
        assert data.total.reported > 1.5 * data.total.estimated

    def test_a_retirement_on_a_doers_proposal_visibly_lowered_the_hours(self):
        retired = ChangeProposal.objects.get(status="accepted", action="retire")
        assert retired.requirement.state == State.RETIRED
        result = outcomes.outcome(retired)
        assert result.fell and result.after < 0.75 * result.before
        simplified = ChangeProposal.objects.get(status="accepted", action="simplify")
        assert outcomes.outcome(simplified).fell

    def test_scrutiny_and_the_budget_have_work_on_them(self):
        assert scrutiny.current_rule().ratio == 2
        waiting = list(scrutiny.queue())
        assert len(waiting) == 2
        assert all(scrutiny.check_for(r).balanced for r in waiting)
        assert ledger.net_change(ledger.year_ago()).net < 0
        assert ChangeProposal.objects.filter(status="open").count() >= 3

    def test_five_priorities_with_measures_and_something_in_every_quadrant(self):
        assert Priority.objects.count() == 5
        assert all(p.measures.get().points.count() >= 8 for p in Priority.objects.all())
        found = bottom_up.standings()
        for key in QUADRANTS:
            assert found.in_quadrant(key)["priorities"] or found.in_quadrant(key)["needs"], key

    def test_the_pages_that_tell_it_answer_for_the_people_who_use_them(self, demo):
        from insideout.accounts.models import User

        admin = User.objects.get(email=demo["sign_ins"][0]["email"])
        client = Client()
        client.force_login(admin)
        for name in (
            "burdens:ledger",
            "burdens:scrutiny",
            "priorities:balance",
            "priorities:overview",
        ):
            assert client.get(reverse(name)).status_code == 200
        public = Client().get(reverse("you_said_we_did")).content.decode()
        assert "doers’ reports confirm it" in public
