def test_signed_in_doer_can_browse_organisations(client, doer_lead, other_school):
    client.force_login(doer_lead)
    response = client.get("/directory/organisations/")
    assert response.status_code == 200
    assert "Riverside Academy" in response.content.decode()
