import pytest

from insideout.accounts.models import SignInToken
from insideout.directory.models import ImportBatch, Role
from insideout.outbox.models import OutboxMessage
from tests.factories import person_with_role
from tests.pages import World


@pytest.fixture
def world(unit, school, other_school, admin_user) -> World:
    """One of everything a page can be about."""
    colleague = person_with_role(Role.DOER_MEMBER, organisation=school, full_name="Cara Colleague",
                                 email="cara@moorside.example.org")
    stranger = person_with_role(Role.DOER_LEAD, organisation=other_school,
                                full_name="Sam Stranger", email="sam@riverside.example.org")
    batch = ImportBatch.objects.create(
        uploaded_by=admin_user, filename="schools.csv",
        content=b"external_id,name\nURN1,Oak School\n", row_count=1,
    )
    message = OutboxMessage.objects.create(to=colleague.email, subject="Your link to sign in",
                                           body="Hello")
    _, raw = SignInToken.issue(colleague)
    return World(unit=unit, school=school, other_school=other_school, colleague=colleague,
                 stranger=stranger, import_batch=batch, outbox_message=message,
                 sign_in_token=raw)
