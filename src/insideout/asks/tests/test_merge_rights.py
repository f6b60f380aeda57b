"""Merging needs the right to act on both asks, and a refusal never tells whether an ask the
person may not see exists."""

import pytest

from insideout.accounts.models import ApiToken
from insideout.asks import services
from insideout.asks.lifecycle import perform
from insideout.asks.models import Ask, Status


def bearer(user) -> dict[str, str]:
    _, raw = ApiToken.issue(user, "test")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def own_ask(doer_lead, school, unit):
    return services.raise_ask(
        by=doer_lead,
        organisation=school,
        title="Roof repairs",
        category="money",
        suggested_unit=unit,
    )


@pytest.fixture
def other_units_ask(doer_member, school, other_unit):
    return services.raise_ask(
        by=doer_member,
        organisation=school,
        title="Roof repairs money",
        category="money",
        suggested_unit=other_unit,
    )


def merge_by_api(client, officer, ask, into_id):
    return client.post(
        f"/api/v1/asks/{ask.pk}/transitions",
        {"action": "merge", "into_id": into_id},
        content_type="application/json",
        headers=bearer(officer),
    )


def refusal(response) -> tuple[int, list[dict]]:
    body = response.json()
    return response.status_code, body["errors"]


def test_an_officer_cannot_merge_into_another_units_ask_nor_learn_it_exists(
    client, centre_officer, own_ask, other_units_ask
):
    taken = merge_by_api(client, centre_officer, own_ask, other_units_ask.pk)
    missing_id = other_units_ask.pk + 1000
    missing = merge_by_api(client, centre_officer, own_ask, missing_id)

    status, errors = refusal(taken)
    assert status == 400
    assert errors == [
        {
            "field": "into_id",
            "message": f"{other_units_ask.reference} is not an open ask you can merge into: "
            "give another reference",
        }
    ]
    # The same words for an ask that does not exist, but for its reference.
    assert refusal(missing) == (
        400,
        [
            {
                "field": "into_id",
                "message": errors[0]["message"].replace(
                    other_units_ask.reference, Ask(pk=missing_id).reference
                ),
            }
        ],
    )
    own_ask.refresh_from_db(), other_units_ask.refresh_from_db()
    assert own_ask.status == Status.RAISED and other_units_ask.supporters.count() == 1


def test_the_merge_page_words_an_unseen_ask_as_one_that_does_not_exist(
    client, centre_officer, own_ask, other_units_ask
):
    client.force_login(centre_officer)

    def refused(reference: str) -> str:
        page = client.post(f"/asks/{own_ask.pk}/merge/", {"merge-into": reference})
        assert page.status_code == 200
        return page.content.decode()

    assert "is not an open ask you can merge into" in refused(other_units_ask.reference)
    assert "is not an open ask you can merge into" in refused("ASK-999999")
    assert Ask.objects.get(pk=own_ask.pk).status == Status.RAISED


def test_the_life_cycle_itself_refuses_a_merge_into_an_ask_the_person_cannot_act_on(
    centre_officer, own_ask, other_units_ask
):
    with pytest.raises(services.ValidationError, match="is not an open ask you can merge into"):
        perform(own_ask, "merge", centre_officer, into=other_units_ask)


def test_an_admin_may_merge_across_units_and_supporters_move_once(
    admin_user, own_ask, other_units_ask, doer_lead
):
    services.join(other_units_ask, doer_lead)  # already supports own_ask too
    perform(own_ask, "merge", admin_user, into=other_units_ask)
    assert other_units_ask.supporters.filter(person=doer_lead).count() == 1
    assert other_units_ask.supporters.count() == 2


def test_a_merge_into_a_merged_or_closed_ask_is_refused(
    centre_officer, own_ask, doer_lead, school, unit
):
    def another(title: str) -> Ask:
        return services.raise_ask(
            by=doer_lead, organisation=school, title=title, category="money", suggested_unit=unit
        )

    merged, target, closed = another("Gutters"), another("Drains"), another("Windows")
    perform(merged, "merge", centre_officer, into=target)
    perform(closed, "withdraw", doer_lead)

    with pytest.raises(services.ValidationError, match="was itself merged"):
        perform(own_ask, "merge", centre_officer, into=Ask.objects.get(pk=merged.pk))
    with pytest.raises(services.ValidationError, match="is closed"):
        perform(own_ask, "merge", centre_officer, into=closed)
