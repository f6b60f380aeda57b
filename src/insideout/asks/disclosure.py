"""Who may know who is behind an ask: the raising organisation's name, the people in its trail.

Centre staff and the raising organisation see everyone. Other doers who joined an ask see what
was done and how many share it, but never who raised it (unless the doer agreed to be named,
`ask.public`) nor who else joined.
"""

from dataclasses import dataclass
from datetime import datetime

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit, Membership
from insideout.vocabulary import CENTRE_ROLES

from .lifecycle import is_raising_doer
from .models import Ask, AskEvent


def knows_who(user: User, ask: Ask) -> bool:
    """Whether this person may see who raised the ask and which organisations joined it."""
    return user.is_centre_staff or is_raising_doer(user, ask)


def organisation_name(user: User | None, ask: Ask) -> str:
    """The raising organisation as this person may see it: blank when it must stay unnamed."""
    if ask.organisation is None:
        return ""
    if ask.public or (user is not None and user.is_authenticated and knows_who(user, ask)):
        return ask.organisation.name
    return ""


def supporter_organisations(user: User, ask: Ask) -> list[str]:
    """The names of the organisations sharing an ask, for those who may know them."""
    if not knows_who(user, ask):
        return []
    return sorted(
        set(
            ask.supporters.filter(organisation__isnull=False).values_list(
                "organisation__name", flat=True
            )
        )
    )


@dataclass(frozen=True)
class TrailEntry:
    what: str
    who: str
    at: datetime
    note: str
    from_unit: CentreUnit | None
    to_unit: CentreUnit | None
    to_status: str
    kind: str


def trail(user: User, ask: Ask) -> list[TrailEntry]:
    """Every change to the ask, oldest first, with each actor named as far as `user` may know."""
    events = list(ask.events.select_related("actor", "from_unit", "to_unit"))
    actor_ids = {e.actor_id for e in events if e.actor_id}
    staff, organisations = set(), {}
    for person_id, role, organisation_id in Membership.objects.filter(
        person_id__in=actor_ids
    ).values_list("person_id", "role", "organisation_id"):
        if role in CENTRE_ROLES:
            staff.add(person_id)
        if organisation_id:
            organisations.setdefault(person_id, set()).add(organisation_id)
    sees_all = knows_who(user, ask)
    own = user.organisation_ids

    def who(event: AskEvent) -> str:
        actor = event.actor
        if actor is None:
            return "Inside Out"
        if actor.pk == user.pk:
            return f"You ({actor.full_name})"
        if sees_all or actor.pk in staff or actor.is_superuser:
            return actor.full_name
        if organisations.get(actor.pk, set()) & own:
            return actor.full_name
        if ask.public and ask.organisation_id in organisations.get(actor.pk, set()):
            return f"A doer at {ask.organisation.name}"
        return "Another doer"

    return [
        TrailEntry(
            what=(
                "Passed on"
                if e.kind == AskEvent.Kind.ROUTED and e.from_unit_id
                else e.get_kind_display()
            ),
            who=who(e),
            at=e.at,
            note=e.note,
            from_unit=e.from_unit,
            to_unit=e.to_unit,
            to_status=e.to_status,
            kind=e.kind,
        )
        for e in events
    ]
