"""The citizen's side: report without an account, follow it at a private link, say whether it
was put right; a "no" is failure demand the service's team sees."""

from django.urls import reverse

from insideout.demand import services as rules
from insideout.demand.models import Contact, Feedback
from insideout.outbox.models import OutboxMessage


def report(client, services, **fields):
    data = {
        "service": services["bins"].pk,
        "description": "Bin missed again",
        "email": "jo@example.com",
        **fields,
    }
    return client.post(reverse("citizens:report"), data)


def test_a_citizen_reports_without_an_account_and_gets_a_private_link(client, services):
    answer = report(client, services, what_matters="Before the weekend")
    assert answer.status_code == 302
    status_page = answer["Location"]
    contact = Contact.objects.get()
    assert (contact.channel, contact.what_matters) == ("web", "Before the weekend")
    assert status_page in OutboxMessage.objects.get(to="jo@example.com").body
    page = client.get(status_page)
    assert page.status_code == 200 and b"Bin missed again" in page.content
    assert b"Was it put right?" not in page.content  # not until it is resolved


def test_a_missing_description_is_named(client, services):
    answer = report(client, services, description="")
    assert answer.status_code == 400
    assert b"Tell us what happened" in answer.content


def test_a_made_up_link_finds_nothing(client, db):
    assert client.get(reverse("citizens:status", args=["not-a-link"])).status_code == 404


def test_a_no_is_recorded_as_failure_demand_against_the_service(client, services, centre_lead):
    status_page = report(client, services)["Location"]
    contact = Contact.objects.get()
    rules.resolve(contact, "Collected on Tuesday")
    assert b"Was it put right?" in client.get(status_page).content
    answer = client.post(
        status_page,
        {
            "put_right": "no",
            "what_mattered_met": "no",
            "comment": "Still full, ring me on 07911 123456",
        },
    )
    assert answer.status_code == 302
    feedback = Feedback.objects.get()
    failure = feedback.failure_contact
    assert (failure.demand_type, failure.failure_cause, failure.classified_by) == (
        "failure",
        "not_right_first_time",
        "citizen",
    )
    assert failure.service == services["bins"] and failure.repeat_of == contact
    assert "07911" not in failure.text
    # The team that runs the service sees it.
    client.force_login(centre_lead)
    team_page = client.get(reverse("demand:service", args=[services["bins"].pk]))
    assert b"Still full" in team_page.content
    # And the citizen cannot answer twice.
    client.logout()
    client.post(status_page, {"put_right": "yes", "what_mattered_met": "yes"})
    assert Feedback.objects.count() == 1


def test_verdicts_for_fewer_than_five_citizens_are_never_shown(services, make_contacts):
    contacts = make_contacts(12, place="Leeds", resolved_at="2025-02-01T00:00Z")
    contacts[0].place = "York"
    Contact.objects.filter(pk=contacts[0].pk).update(place="York")
    for contact in Contact.objects.all():
        rules.give_feedback(contact, put_right=contact.place == "Leeds", what_mattered_met="yes")
    by_place = {v.key: v for v in rules.verdicts_by("place")}
    assert by_place["York"].suppressed and by_place["York"].answered is None
    # Leeds alone would give York away by subtraction from the total: it is hidden too.
    assert by_place["Leeds"].suppressed
    by_service = {v.key: v for v in rules.verdicts_by("service")}
    assert by_service["Missed bins"].answered == 12
