"""From a person's words to a pulled service and its outcome, through the one `perform`."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from insideout.cases import lifecycle, services
from insideout.cases.lifecycle import TransitionRefused, available_actions, make_pull, perform
from insideout.cases.models import CaseEvent, Need, PullStatus, UnmetNeed
from insideout.vocabulary import Role
from tests.factories import OrganisationFactory, case_for, person_with_role, service_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(provider_organisation):
    return service_for(provider_organisation)


@pytest.fixture
def need(frontline_partner):
    case = case_for(frontline_partner, what_matters="Keeping my flat so my son can stay at school")
    return services.record_need(
        case, frontline_partner, category="housing", text="Rent arrears, eviction notice"
    )


def test_a_partner_pulls_a_service_and_follows_it_to_an_outcome(
    frontline_partner, provider, need, service
):
    pull = make_pull(need, service, frontline_partner, "Two months' rent arrears; notice served.")
    assert pull.status == PullStatus.REQUESTED
    assert list(services.provider_queue(provider)) == [pull]
    for action in ("receive", "accept", "start"):
        pull = perform(pull, action, provider)
    pull = perform(pull, "complete", provider, note="Payment plan agreed with the landlord")
    pull = perform(pull, "record_outcome", frontline_partner, verdict="yes", note="I can stay")
    assert (pull.status, pull.helped, pull.helped_words) == ("completed", "yes", "I can stay")
    kinds = list(pull.events.values_list("kind", flat=True))
    assert kinds == ["pulled", "received", "accepted", "started", "completed", "outcome"]
    assert Need.objects.get(pk=need.pk).status == Need.Status.MET


def test_the_provider_hears_of_a_new_pull_and_the_partner_of_its_answer(
    frontline_partner, provider, need, service, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        pull = make_pull(need, service, frontline_partner, "Rent arrears")
    assert [m.to for m in mail.outbox] == [[provider.email]]
    assert "Rent arrears" not in mail.outbox[0].body  # the person's words stay behind sign-in
    with django_capture_on_commit_callbacks(execute=True):
        perform(pull, "accept", provider)
    assert mail.outbox[-1].to == [frontline_partner.email]


def test_no_pull_without_the_persons_consent(frontline_partner, service):
    case = case_for(frontline_partner, consent=False)
    need = services.record_need(case, frontline_partner, category="housing", text="Damp flat")
    with pytest.raises(TransitionRefused) as refused:
        make_pull(need, service, frontline_partner, "Damp")
    assert "consent" in refused.value.message_dict


def test_only_the_services_own_provider_answers_a_pull(frontline_partner, need, service):
    pull = make_pull(need, service, frontline_partner, "Rent arrears")
    other = person_with_role(Role.PROVIDER, organisation=OrganisationFactory(type="charity"))
    with pytest.raises(PermissionDenied):
        perform(pull, "accept", other)
    with pytest.raises(PermissionDenied):
        perform(pull, "accept", frontline_partner)
    assert available_actions(frontline_partner, pull) == ["cancel"]


def test_a_change_that_does_not_fit_the_pulls_state_is_refused(
    frontline_partner, provider, need, service
):
    pull = make_pull(need, service, frontline_partner, "Rent arrears")
    with pytest.raises(TransitionRefused, match="cannot be changed that way"):
        perform(pull, "complete", provider, note="Done")
    with pytest.raises(TransitionRefused) as refused:
        perform(pull, "decline", provider, note="  ")
    assert "note" in refused.value.message_dict


def test_a_pull_declined_for_lack_of_capacity_becomes_an_unmet_need(
    frontline_partner, provider, need, service
):
    pull = make_pull(need, service, frontline_partner, "Rent arrears")
    perform(pull, "no_capacity", provider)
    signal = UnmetNeed.objects.get(need=need)
    assert (signal.reason, signal.category, signal.local_authority) == (
        "no_capacity",
        "housing",
        "E08000035",
    )
    assert list(signal.services_full.all()) == [service]


def test_a_need_no_service_fits_reaches_the_centre(frontline_partner, need):
    from insideout.cases.unmet import record_unmet

    record_unmet(need, frontline_partner, note="Nothing for families in Leeds")
    assert UnmetNeed.objects.get(need=need).reason == "no_service"
    assert Need.objects.get(pk=need.pk).status == Need.Status.UNMET


def test_a_withdrawn_pull_tells_the_provider_and_not_the_partner_who_withdrew_it(
    frontline_partner, provider, need, service, django_capture_on_commit_callbacks
):
    pull = make_pull(need, service, frontline_partner, "Rent arrears")
    with django_capture_on_commit_callbacks(execute=True):
        pull = perform(pull, "cancel", frontline_partner, note="Moved to Bradford")
    assert pull.status == PullStatus.CANCELLED
    assert [m.to for m in mail.outbox] == [[provider.email]]


def test_every_status_is_a_fhir_task_status_of_the_sdoh_clinical_care_guide():
    assert set(PullStatus.values) == {
        "requested",
        "received",
        "accepted",
        "rejected",
        "cancelled",
        "on-hold",
        "in-progress",
        "completed",
    }
    reached = {a.to for a in lifecycle.ACTIONS.values() if a.to} | {PullStatus.REQUESTED}
    assert reached == set(PullStatus.values)


def test_the_audit_trail_names_who_did_each_step(frontline_partner, provider, need, service):
    pull = make_pull(need, service, frontline_partner, "Rent arrears")
    perform(pull, "waitlist", provider, note="About three weeks")
    event = CaseEvent.objects.get(pull=pull, kind="waitlisted")
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        provider,
        "requested",
        "on-hold",
        "About three weeks",
    )
