import datetime

import pytest
from django.utils import timezone

from insideout.accounts.models import ApiToken, SignInToken
from insideout.asks.services import raise_ask
from insideout.directory.models import ImportBatch
from insideout.outbox.models import OutboxMessage
from insideout.pulses import services as pulse_services
from insideout.pulses.bank import ensure_standard_questions
from insideout.pulses.models import Answer, Invitation, Pulse, Question, Response
from insideout.vocabulary import Role
from tests.factories import person_with_role
from tests.pages import World


@pytest.fixture
def world(unit, school, other_school, admin_user) -> World:
    """One of everything a page can be about."""
    colleague = person_with_role(
        Role.DOER_MEMBER,
        organisation=school,
        full_name="Cara Colleague",
        email="cara@moorside.example.org",
    )
    stranger = person_with_role(
        Role.DOER_LEAD,
        organisation=other_school,
        full_name="Sam Stranger",
        email="sam@riverside.example.org",
    )
    batch = ImportBatch.objects.create(
        uploaded_by=admin_user,
        filename="schools.csv",
        content=b"external_id,name\nURN1,Oak School\n",
        row_count=1,
    )
    message = OutboxMessage.objects.create(
        to=colleague.email, subject="Your link to sign in", body="Hello"
    )
    _, raw = SignInToken.issue(colleague)
    draft, opened = (
        make_pulse(admin_user, unit, "Spring pulse"),
        make_pulse(admin_user, unit, "Winter pulse", anonymity=Pulse.Anonymity.ATTRIBUTED),
    )
    opened.audience_organisations.set([school])
    pulse_services.launch(opened)
    ask = raise_ask(
        by=colleague,
        organisation=school,
        title="Money to replace the boiler",
        category="money",
        suggested_unit=unit,
    )
    response = Response.objects.create(
        pulse=opened,
        organisation=school,
        organisation_type=school.type,
        region=school.region,
        submitted_on=timezone.localdate(),
    )
    need_answer = Answer.objects.create(
        response=response,
        category="training",
        question=Question.objects.get(code="one_thing"),
        text="Training on the new phonics scheme",
    )
    return World(
        unit=unit,
        school=school,
        other_school=other_school,
        colleague=colleague,
        stranger=stranger,
        import_batch=batch,
        outbox_message=message,
        sign_in_token=raw,
        draft_pulse=draft,
        open_pulse=opened,
        invitation=Invitation.objects.get(pulse=opened, person=colleague),
        ask=ask,
        need_answer=need_answer,
        token=ApiToken.issue(stranger, "stranger's script")[0],
    )


def make_pulse(created_by, unit, title, **fields) -> Pulse:
    ensure_standard_questions(Question)  # browser tests flush the data migration's rows
    today = timezone.localdate()
    pulse = Pulse.objects.create(
        title=title,
        opens_on=today,
        created_by=created_by,
        closes_on=today + datetime.timedelta(days=14),
        **fields,
    )
    pulse.units.set([unit])
    for position, question in enumerate(Question.objects.filter(is_standard=True)):
        pulse.pulse_questions.create(question=question, position=position)
    return pulse
