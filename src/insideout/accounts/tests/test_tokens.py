from insideout.accounts.models import ApiToken


def test_a_person_makes_a_token_and_sees_it_once(client, centre_officer):
    client.force_login(centre_officer)
    response = client.post("/account/", {"name": "Weekly export"})
    raw = response.context["new_token"]
    assert raw.startswith("io_")
    assert raw in response.content.decode()
    assert raw not in client.get("/account/").content.decode()
    assert (
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).json()["email"]
        == centre_officer.email
    )


def test_a_revoked_token_stops_working(client, centre_officer):
    token, raw = ApiToken.issue(centre_officer, "Old script")
    client.force_login(centre_officer)
    client.post(f"/account/tokens/{token.pk}/revoke/")
    client.logout()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 401


def test_nobody_can_revoke_another_persons_token(client, centre_officer, doer_lead):
    token, raw = ApiToken.issue(centre_officer, "Mine")
    client.force_login(doer_lead)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_of_a_closed_account_stops_working(client, doer_lead):
    _, raw = ApiToken.issue(doer_lead, "Script")
    doer_lead.is_active = False
    doer_lead.save()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_a_person_lists_and_revokes_their_tokens_over_the_api(client, centre_officer):
    token, raw = ApiToken.issue(centre_officer, "nightly export")
    spare, _ = ApiToken.issue(centre_officer, "spare")
    auth = {"Authorization": f"Bearer {raw}"}
    listed = client.get("/api/v1/tokens", headers=auth).json()
    assert {t["name"] for t in listed} == {"nightly export", "spare"}
    assert all("digest" not in t for t in listed)
    assert client.delete(f"/api/v1/tokens/{spare.pk}", headers=auth).status_code == 204
    assert [t["name"] for t in client.get("/api/v1/tokens", headers=auth).json()] == [
        "nightly export"
    ]
