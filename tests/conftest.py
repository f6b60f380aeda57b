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
from tests.factories import case_for, person_with_role, service_for
from tests.pages import World


@pytest.fixture
def world(unit, school, other_school, admin_user, frontline_partner, provider) -> World:
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
        **case_work(frontline_partner, provider),
        **themes_world(admin_user),
        **burdens_world(unit, admin_user, colleague),
        **priorities_world(unit, admin_user, ask),
    )


def burdens_world(unit, admin, doer) -> dict:
    """A monthly return on schools, in force, with a doer's proposal to retire it; and a
    proposal of the unit's, assessed and waiting at scrutiny."""
    from insideout.burdens import scrutiny, services
    from insideout.burdens.models import Requirement, State

    today = timezone.localdate()
    common = {"kind": "return", "owner_unit": unit, "audience_types": ["school"]}
    requirement = Requirement.objects.create(
        title="School census return",
        frequency="monthly",
        first_due_on=today - datetime.timedelta(days=10),
        starts_on=today - datetime.timedelta(days=40),
        estimated_hours=2,
        state=State.ACTIVE,
        **common,
    )
    proposal = Requirement.objects.create(
        title="Termly attendance snapshot",
        frequency="termly",
        first_due_on=today + datetime.timedelta(days=30),
        starts_on=today,
        estimated_hours=3,
        state=State.PROPOSED,
        **common,
    )
    scrutiny.assess(admin, proposal, [])
    change = services.propose_change(doer, requirement, "retire", "The census has it already")
    return {"requirement": requirement, "proposed_requirement": proposal, "change_proposal": change}


def priorities_world(unit, admin, ask) -> dict:
    """A priority owned by the unit, with a measure of two values, linked to the school's ask."""
    from insideout.priorities import services
    from insideout.priorities.kinds import kinds
    from insideout.priorities.models import OutcomeMeasure, Priority

    priority = services.save_priority(
        admin,
        Priority(
            title="Every school's boiler works",
            statement="Warm classrooms in every school, all winter.",
            owner_unit=unit,
            categories=["money"],
        ),
    )
    measure = OutcomeMeasure.objects.create(
        priority=priority, name="Schools with a working boiler", direction="higher"
    )
    for month, value in ((9, 91), (10, 94)):
        services.record_point(admin, measure, datetime.date(2026, month, 1), value)
    link = services.link(admin, priority, kinds()["ask"], ask)[0]
    return {"priority": priority, "measure": measure, "priority_link": link}


def themes_world(analyst) -> dict:
    """A themed set of twelve comments from twelve people in one theme, and a framework:
    made directly, as theming them would only slow every page test."""
    from insideout.themes.models import Framework, FrameworkTheme, TextSet, Theme, ThemedText

    framework = Framework.objects.create(name="Comments framework", created_by=analyst)
    FrameworkTheme.objects.create(framework=framework, name="Parking", examples=["No spaces"])
    text_set = TextSet.objects.create(
        name="Spring comments", source=TextSet.Source.UPLOAD, status=TextSet.Status.READY
    )
    theme = Theme.objects.create(text_set=text_set, label="Parking", key_phrases=["car park"])
    texts = [
        ThemedText.objects.create(
            text_set=text_set,
            theme=theme,
            text=f"The car park was full on visit {n}",
            respondent=f"person:{n}",
            segment="school",
            sentiment="negative",
            confidence=0.9,
        )
        for n in range(12)
    ]
    return {"text_set": text_set, "theme": theme, "themed_text": texts[0], "framework": framework}


def case_work(partner, provider) -> dict:
    """The frontline partner's case, with consent and a housing need pulled to a service that
    the provider's charity runs; and a second service of theirs, not yet pulled."""
    from insideout.cases.lifecycle import make_pull
    from insideout.cases.services import record_need

    organisation = provider.memberships.get().organisation
    service = service_for(organisation)
    other_service = service_for(organisation, name="Housing advice line")
    case = case_for(partner)
    need = record_need(case, partner, category="housing", text="Rent arrears; notice served")
    pull = make_pull(need, service, partner, "Two months behind on rent; notice served.")
    return {
        "service": service,
        "other_service": other_service,
        "case": case,
        "need": need,
        "pull": pull,
    }


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
