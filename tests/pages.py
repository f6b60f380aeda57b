"""Every page of the site and who may see it: the permission matrix, and the list axe checks.

A new URL that is not listed here fails `test_every_page_is_in_the_matrix`, so no page can
forget its permissions or its accessibility check.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from insideout.vocabulary import Role

ANONYMOUS = "anonymous"
EVERYONE = frozenset({ANONYMOUS, *Role.values})
SIGNED_IN = frozenset(Role.values)
CENTRE_STAFF = frozenset({Role.ADMIN, Role.CENTRE_LEAD, Role.CENTRE_OFFICER, Role.ANALYST})
ADMINS = frozenset({Role.ADMIN})
PULSE_RUNNERS = frozenset({Role.ADMIN, Role.CENTRE_LEAD})
# The staff of the world's unit, and admins, who act for every unit.
UNIT_STAFF = frozenset({Role.ADMIN, Role.CENTRE_LEAD, Role.CENTRE_OFFICER})
THEME_SHAPERS = frozenset({Role.ADMIN, Role.CENTRE_LEAD, Role.ANALYST})
DEMAND_ANALYSTS = frozenset({Role.ADMIN, Role.ANALYST})
# Analysts, and the team of the unit that runs the demand service (the world's unit).
SERVICE_TEAM = DEMAND_ANALYSTS | {Role.CENTRE_LEAD, Role.CENTRE_OFFICER}


@dataclass(frozen=True)
class World:
    """The objects pages are shown for: built by the `world` fixture in tests/conftest.py."""

    unit: object
    school: object
    other_school: object
    colleague: object  # a doer member at `school`, where the doer roles work
    stranger: object  # a doer at `other_school`
    import_batch: object
    outbox_message: object
    sign_in_token: str
    draft_pulse: object
    open_pulse: object  # attributed, launched; `colleague` is invited
    invitation: object  # the colleague's invitation to `open_pulse`
    ask: object = None  # raised by `colleague` at `school`, routed to `unit`
    need_answer: object = None  # a "what one thing would help" answer to `open_pulse`
    token: object = None  # the stranger's API token
    # Case work: the frontline partner's case, with consent, a housing need and a pull to a
    # service the provider's charity runs; and another service of theirs, not pulled.
    service: object = None
    other_service: object = None
    case: object = None
    need: object = None
    pull: object = None
    # Themes: a themed set of pulse comments with one theme, one of its texts, and a framework.
    text_set: object = None
    theme: object = None
    themed_text: object = None
    framework: object = None
    # Burdens: a monthly return on schools owned by the unit, in force, with a doer's proposal
    # to retire it; and a proposal of the unit's, assessed and waiting at scrutiny.
    requirement: object = None
    proposed_requirement: object = None
    change_proposal: object = None
    # Priorities: one owned by the unit, with a measure, linked to the school's ask.
    priority: object = None
    measure: object = None
    priority_link: object = None


@dataclass(frozen=True)
class Page:
    url_name: str
    allowed: frozenset[str]
    args: Callable[[World], list] = field(default=lambda w: [])
    # What a signed-in person who may not see it gets: 403, or 404 where even its existence
    # is private. Anonymous people are sent to sign in (302).
    refused_status: int = 403
    # Pages only for people who are not signed in send signed-in people onwards.
    signed_in_redirects: bool = False
    label: str = ""
    # Where some refused roles get another status: 404 for those who may not even see the
    # object, 403 for those who see it but may not act on it.
    refused_for: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.label or self.url_name


PAGES: list[Page] = [
    Page("home:start", EVERYONE),
    Page("web:healthz", EVERYONE),
    Page("web:accessibility", EVERYONE),
    Page("api_docs", EVERYONE),
    Page("accounts:sign_in", EVERYONE, signed_in_redirects=True),
    Page("accounts:password_sign_in", EVERYONE, signed_in_redirects=True),
    Page("accounts:check_email", EVERYONE),
    Page("accounts:sign_in_link", EVERYONE, args=lambda w: [w.sign_in_token]),
    Page("accounts:account", SIGNED_IN),
    Page("accounts:lockouts", ADMINS),
    # With no identity provider set (as here), both say department accounts are not used.
    Page("accounts:department_sign_in", EVERYONE, signed_in_redirects=True),
    Page("accounts:department_callback", EVERYONE, signed_in_redirects=True),
    Page("accounts:department_refusals", ADMINS),
    Page("directory:units", SIGNED_IN),
    Page("directory:unit", SIGNED_IN, args=lambda w: [w.unit.pk]),
    Page("directory:organisations", SIGNED_IN),
    Page("directory:organisation", SIGNED_IN, args=lambda w: [w.school.pk]),
    Page("directory:people", SIGNED_IN),
    Page(
        "directory:person",
        CENTRE_STAFF | {Role.DOER_LEAD, Role.DOER_MEMBER},
        args=lambda w: [w.colleague.pk],
        refused_status=404,
        label="directory:person (a colleague)",
    ),
    Page(
        "directory:person",
        CENTRE_STAFF,
        args=lambda w: [w.stranger.pk],
        refused_status=404,
        label="directory:person (another organisation's)",
    ),
    Page("directory:give_role", {Role.ADMIN, Role.DOER_LEAD}),
    Page(
        "directory:person_roles",
        {Role.ADMIN, Role.DOER_LEAD},
        args=lambda w: [w.colleague.pk],
        label="directory:person_roles (a colleague)",
    ),
    Page("directory:import_upload", ADMINS),
    Page("directory:import_batch", ADMINS, args=lambda w: [w.import_batch.pk]),
    Page("outbox:list", ADMINS),
    Page("outbox:detail", ADMINS, args=lambda w: [w.outbox_message.pk]),
    Page("outbox:failed", ADMINS),
    Page("pulses:list", CENTRE_STAFF),
    Page("pulses:new", PULSE_RUNNERS),
    Page("pulses:questions", CENTRE_STAFF),
    Page("pulses:mine", SIGNED_IN),
    Page("pulses:detail", CENTRE_STAFF, args=lambda w: [w.draft_pulse.pk]),
    Page("pulses:edit", PULSE_RUNNERS, args=lambda w: [w.draft_pulse.pk]),
    Page("pulses:launch", PULSE_RUNNERS, args=lambda w: [w.draft_pulse.pk]),
    Page("pulses:close", PULSE_RUNNERS, args=lambda w: [w.open_pulse.pk]),
    Page("pulses:responses_export", CENTRE_STAFF, args=lambda w: [w.open_pulse.pk, "csv"]),
    # The personal link is the permission: anyone holding it may answer, signed in or not.
    Page("pulses:answer", EVERYONE, args=lambda w: [w.invitation.token]),
    Page("pulses:answer_questions", EVERYONE, args=lambda w: [w.invitation.token]),
    Page("scorecard:league", CENTRE_STAFF),
    Page("scorecard:unit", CENTRE_STAFF, args=lambda w: [w.unit.pk]),
    Page("scorecard:pulse", CENTRE_STAFF, args=lambda w: [w.open_pulse.pk]),
    Page(
        "scorecard:pulse_comments",
        CENTRE_STAFF,
        args=lambda w: [w.open_pulse.pk, question_id("one_thing")],
    ),
    Page("scorecard:export", CENTRE_STAFF, args=lambda w: ["csv"]),
    Page("asks:mine", SIGNED_IN),
    Page("asks:new", SIGNED_IN),
    # The school's ask, routed to the unit: to those who may not see it, it does not exist.
    Page(
        "asks:detail",
        SIGNED_IN - {Role.FRONTLINE_PARTNER, Role.PROVIDER},
        args=lambda w: [w.ask.pk],
        refused_status=404,
    ),
    Page(
        "asks:act",
        {Role.ADMIN, Role.CENTRE_LEAD, Role.CENTRE_OFFICER},
        args=lambda w: [w.ask.pk, "acknowledge"],
        refused_for={Role.FRONTLINE_PARTNER: 404, Role.PROVIDER: 404},
    ),
    Page("asks:queue", CENTRE_STAFF, args=lambda w: [w.unit.pk]),
    Page("asks:triage", PULSE_RUNNERS),
    Page("asks:rules", PULSE_RUNNERS),
    Page("asks:from_answer", CENTRE_STAFF, args=lambda w: [comment_handle(w.need_answer)]),
    Page("you_said_we_did", EVERYONE),
    Page("themes:list", CENTRE_STAFF),
    Page("themes:new", THEME_SHAPERS),
    Page("themes:evaluation", CENTRE_STAFF),
    Page("themes:text_set", CENTRE_STAFF, args=lambda w: [w.text_set.pk]),
    Page("themes:theme", CENTRE_STAFF, args=lambda w: [w.theme.pk]),
    Page("themes:edit", THEME_SHAPERS, args=lambda w: [w.theme.pk]),
    Page("themes:move", THEME_SHAPERS, args=lambda w: [w.themed_text.pk]),
    Page("themes:framework", CENTRE_STAFF, args=lambda w: [w.framework.pk]),
    Page("demand:volume", DEMAND_ANALYSTS),
    Page("demand:failure", DEMAND_ANALYSTS),
    Page("demand:capability", DEMAND_ANALYSTS),
    Page("demand:what_matters", DEMAND_ANALYSTS),
    Page("demand:review", DEMAND_ANALYSTS),
    Page("demand:classifier", DEMAND_ANALYSTS),
    Page("demand:rules", DEMAND_ANALYSTS),
    Page("demand:import_upload", DEMAND_ANALYSTS),
    Page("demand:import_batch", DEMAND_ANALYSTS, args=lambda w: [demand(w).batch.pk]),
    Page("demand:services", CENTRE_STAFF),
    Page("demand:service", SERVICE_TEAM, args=lambda w: [demand(w).service.pk]),
    Page("demand:contact", SERVICE_TEAM, args=lambda w: [demand(w).contact.pk]),
    Page("demand:open311_keys", ADMINS),
    # The citizens' side needs no account; the private link is the permission.
    Page("citizens:report", EVERYONE),
    Page("citizens:status", EVERYONE, args=lambda w: [demand(w).status_link]),
    Page("open311:discovery", EVERYONE, args=lambda w: ["json"]),
    Page("open311:services", EVERYONE, args=lambda w: ["json"]),
    Page("open311:service", EVERYONE, args=lambda w: [demand(w).service.code, "json"]),
    Page("open311:requests", EVERYONE, args=lambda w: ["json"]),
    Page("open311:request", EVERYONE, args=lambda w: [demand(w).contact.pk, "json"]),
    # The capability catalogue: everyone signed in finds services; providers keep theirs.
    Page("catalogue:browse", SIGNED_IN),
    Page("catalogue:service", SIGNED_IN, args=lambda w: [w.service.pk]),
    Page("catalogue:yours", {Role.PROVIDER}),
    Page("catalogue:new", {Role.PROVIDER}),
    Page("catalogue:capacity", {Role.PROVIDER, Role.ADMIN}, args=lambda w: [w.service.pk]),
    Page("catalogue:edit", {Role.PROVIDER, Role.ADMIN}, args=lambda w: [w.service.pk]),
    # Cases are their partners' (and their organisation's leads'): to anyone else they do not
    # exist, admins included. A pull is also its provider's.
    Page("cases:mine", {Role.FRONTLINE_PARTNER, Role.DOER_LEAD}),
    Page("cases:new", {Role.FRONTLINE_PARTNER}),
    Page("cases:queue", {Role.PROVIDER}),
    Page("cases:unmet_needs", CENTRE_STAFF),
    Page("cases:answer_unmet", CENTRE_STAFF),
    *(
        Page(name, {Role.FRONTLINE_PARTNER}, args=lambda w: [w.case.pk], refused_status=404)
        for name in (
            "cases:detail",
            "cases:consent",
            "cases:what_matters",
            "cases:add_goal",
            "cases:add_need",
            "cases:export",
            "cases:erase",
        )
    ),
    Page(
        "cases:need",
        {Role.FRONTLINE_PARTNER},
        args=lambda w: [w.case.pk, w.need.pk],
        refused_status=404,
    ),
    Page(
        "cases:unmet",
        {Role.FRONTLINE_PARTNER},
        args=lambda w: [w.case.pk, w.need.pk],
        refused_status=404,
    ),
    Page(
        "cases:pull_service",
        {Role.FRONTLINE_PARTNER},
        args=lambda w: [w.case.pk, w.need.pk, w.other_service.pk],
        refused_status=404,
    ),
    Page(
        "cases:pull",
        {Role.FRONTLINE_PARTNER, Role.PROVIDER},
        args=lambda w: [w.pull.pk],
        refused_status=404,
    ),
    Page(
        "cases:pull_act",
        {Role.FRONTLINE_PARTNER},
        args=lambda w: [w.pull.pk, "cancel"],
        refused_status=404,
        refused_for={Role.PROVIDER: 403},
        label="cases:pull_act (the partner withdraws)",
    ),
    Page(
        "cases:pull_act",
        {Role.PROVIDER},
        args=lambda w: [w.pull.pk, "accept"],
        refused_status=404,
        refused_for={Role.FRONTLINE_PARTNER: 403},
        label="cases:pull_act (the provider accepts)",
    ),
    # The burden ledger: everyone signed in sees what is imposed; proposals only the centre.
    Page("burdens:ledger", SIGNED_IN),
    Page("burdens:ledger_units", SIGNED_IN),
    Page("burdens:ledger_doer_types", SIGNED_IN),
    Page("burdens:ledger_export", SIGNED_IN, args=lambda w: ["csv"]),
    Page("burdens:calendar", SIGNED_IN),
    Page("burdens:decisions", EVERYONE),
    Page(
        "burdens:doer",
        CENTRE_STAFF | {Role.DOER_LEAD, Role.DOER_MEMBER},
        args=lambda w: [w.school.pk],
        refused_status=404,
    ),
    Page("burdens:requirement", SIGNED_IN, args=lambda w: [w.requirement.pk]),
    Page(
        "burdens:requirement",
        CENTRE_STAFF,
        args=lambda w: [w.proposed_requirement.pk],
        refused_status=404,
        label="burdens:requirement (a proposal)",
    ),
    Page("burdens:new", UNIT_STAFF),
    Page("burdens:edit", UNIT_STAFF, args=lambda w: [w.proposed_requirement.pk]),
    Page("burdens:assess", UNIT_STAFF, args=lambda w: [w.proposed_requirement.pk]),
    Page("burdens:consult", UNIT_STAFF, args=lambda w: [w.proposed_requirement.pk]),
    # Reviewers are centre leads outside the owning unit: here, only the admin.
    Page("burdens:decide", ADMINS, args=lambda w: [w.proposed_requirement.pk]),
    Page("burdens:review", PULSE_RUNNERS, args=lambda w: [w.requirement.pk]),
    Page("burdens:keep", PULSE_RUNNERS, args=lambda w: [w.requirement.pk]),
    Page("burdens:propose_change", SIGNED_IN, args=lambda w: [w.requirement.pk]),
    Page("burdens:report", {Role.DOER_LEAD, Role.DOER_MEMBER}, args=lambda w: [w.requirement.pk]),
    Page("burdens:scrutiny", CENTRE_STAFF),
    Page("burdens:proposals", CENTRE_STAFF),
    Page("burdens:decide_change", PULSE_RUNNERS, args=lambda w: [w.change_proposal.pk]),
    Page("burdens:budget", CENTRE_STAFF),
    Page("burdens:signals", CENTRE_STAFF),
    # Priorities: everyone signed in sees the mandate; leadership (here the admin) sets it.
    Page("priorities:list", SIGNED_IN),
    Page("priorities:detail", SIGNED_IN, args=lambda w: [w.priority.pk]),
    Page("priorities:measure", SIGNED_IN, args=lambda w: [w.measure.pk]),
    Page("priorities:new", ADMINS),
    Page("priorities:edit", ADMINS, args=lambda w: [w.priority.pk]),
    Page("priorities:weights", ADMINS),
    Page("priorities:measure_new", UNIT_STAFF, args=lambda w: [w.priority.pk]),
    Page("priorities:balance", CENTRE_STAFF),
    Page("priorities:overview", CENTRE_STAFF),
    Page(
        "priorities:link_item",
        CENTRE_STAFF,
        args=lambda w: ["requirement", w.requirement.pk],
    ),
]

# Pages that only accept POST: GET is refused for everyone, and their rules are tested
# with the forms that post to them.
POST_ONLY = {
    "themes:pin",
    "accounts:sign_out",
    "accounts:revoke_token",
    "accounts:lift_lockout",
    "pulses:repeat",
    "asks:join",
    "burdens:flag_ask",
    "priorities:link",
    "priorities:unlink",
    "cases:goal_status",
    "demand:label",
    "demand:resolve",
    "demand:delete_rule",
    "demand:revoke_key",
}


def demand(world: World):
    """The demand objects pages are about, made on first use in a test: a service the world's
    unit runs, a contact raised through the citizens' form, its private link, an upload."""
    from types import SimpleNamespace

    from django.utils import timezone

    from insideout.demand.models import Contact, DemandImport, Requester, Service, digest

    service, _ = Service.objects.get_or_create(
        code="ENERGY-HELP", defaults={"name": "Help with energy bills", "unit": world.unit}
    )
    contact = Contact.objects.filter(service=service).first() or Contact.objects.create(
        service=service, channel="web", received_at=timezone.now(), text="Where is my grant?"
    )
    link = "matrix-status-link"
    Requester.objects.get_or_create(contact=contact, defaults={"link_digest": digest(link)})
    batch = DemandImport.objects.first() or DemandImport.objects.create(
        filename="contacts.csv", content=b"received_at,channel,service\n", row_count=0
    )
    return SimpleNamespace(service=service, contact=contact, status_link=link, batch=batch)


def comment_handle(answer) -> str:
    from insideout.pulses.disclosure import comment_handle as sealed

    return sealed(answer)


def question_id(code: str) -> int:
    from insideout.pulses.models import Question

    return Question.objects.get(code=code).pk


def expected_status(page: Page, role: str) -> int:
    if role in page.allowed:
        if page.signed_in_redirects and role != ANONYMOUS:
            return 302
        return 200
    if role == ANONYMOUS:
        return 302
    return page.refused_for.get(role, page.refused_status)
