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
    Page("directory:import_upload", ADMINS),
    Page("directory:import_batch", ADMINS, args=lambda w: [w.import_batch.pk]),
    Page("outbox:list", ADMINS),
    Page("outbox:detail", ADMINS, args=lambda w: [w.outbox_message.pk]),
    Page("pulses:list", CENTRE_STAFF),
    Page("pulses:new", PULSE_RUNNERS),
    Page("pulses:questions", CENTRE_STAFF),
    Page("pulses:mine", SIGNED_IN),
    Page("pulses:detail", CENTRE_STAFF, args=lambda w: [w.draft_pulse.pk]),
    Page("pulses:edit", PULSE_RUNNERS, args=lambda w: [w.draft_pulse.pk]),
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
        SIGNED_IN - {Role.FRONTLINE_PARTNER},
        args=lambda w: [w.ask.pk],
        refused_status=404,
    ),
    Page(
        "asks:act",
        {Role.ADMIN, Role.CENTRE_LEAD, Role.CENTRE_OFFICER},
        args=lambda w: [w.ask.pk, "acknowledge"],
        refused_for={Role.FRONTLINE_PARTNER: 404},
    ),
    Page("asks:queue", CENTRE_STAFF, args=lambda w: [w.unit.pk]),
    Page("asks:triage", PULSE_RUNNERS),
    Page("asks:rules", PULSE_RUNNERS),
    Page("asks:from_answer", CENTRE_STAFF, args=lambda w: [w.need_answer.pk]),
    Page("you_said_we_did", EVERYONE),
]

# Pages that only accept POST: GET is refused for everyone, and their rules are tested
# with the forms that post to them.
POST_ONLY = {
    "accounts:sign_out",
    "accounts:revoke_token",
    "pulses:launch",
    "pulses:repeat",
    "asks:join",
}


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
