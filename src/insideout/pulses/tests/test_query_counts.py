"""Lists of pulses cost the same few queries however many pulses there are."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from insideout.accounts.models import ApiToken
from insideout.pulses import services


def queries(send) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = send()
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries)


@pytest.fixture
def launched(make_pulse, doers):
    """Launches `n` more pulses to the twelve doers."""

    def launch(n: int) -> None:
        for i in range(n):
            services.launch(make_pulse(title=f"Pulse {i}"))

    return launch


def test_the_pulse_list_counts_every_rate_at_once_and_pages(client, centre_officer, launched):
    client.force_login(centre_officer)
    launched(1)
    one = queries(lambda: client.get("/pulses/"))
    launched(5)
    assert queries(lambda: client.get("/pulses/")) == one
    page = client.get("/pulses/").content.decode()
    assert "6 pulses" in page and "0 of 12 (0%)" in page
    launched(24)
    first, second = client.get("/pulses/"), client.get("/pulses/?page=2")
    assert first.content.decode().count("0 of 12 (0%)") == 25
    assert second.content.decode().count("0 of 12 (0%)") == 5
    assert 'aria-label="Page 2"' in first.content.decode()


def test_pulses_over_the_api_cost_the_same_queries_for_one_or_many(
    client, centre_officer, doers, launched
):
    _, raw = ApiToken.issue(centre_officer, "test")
    headers = {"Authorization": f"Bearer {raw}"}
    launched(1)
    client.get("/api/v1/pulses", headers=headers)  # the token's first use is noted once
    one = queries(lambda: client.get("/api/v1/pulses", headers=headers))
    launched(4)
    assert queries(lambda: client.get("/api/v1/pulses", headers=headers)) == one
    listed = client.get("/api/v1/pulses", headers=headers).json()["items"]
    assert len(listed) == 5
    assert all(p["question_codes"][0] == "recommend" and len(p["unit_ids"]) == 3 for p in listed)

    doer = doers[0]
    _, raw = ApiToken.issue(doer, "test")
    mine = {"Authorization": f"Bearer {raw}"}
    client.get("/api/v1/invitations", headers=mine)
    many = queries(lambda: client.get("/api/v1/invitations", headers=mine))
    invitations = json.loads(client.get("/api/v1/invitations", headers=mine).content)
    assert len(invitations) == 5 and invitations[0]["pulse"]["question_codes"]
    assert many <= one + 2
