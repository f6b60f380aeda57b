"""Who may know who is behind an ask: the raising organisation's name, the people in its trail.

Centre staff and the raising organisation see everyone. Other doers who joined an ask see what
was done and how many share it, but never who raised it (unless the doer agreed to be named,
`ask.public`) nor who else joined. Pages and the API both ask this module, so neither can
show what the other hides: not a name, nor an id that leads to one, nor a filter that answers
"was it raised by this organisation?".
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

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


def organisation_id(user: User | None, ask: Ask) -> int | None:
    """The raising organisation's id, for those who may see its name."""
    return ask.organisation_id if organisation_name(user, ask) else None


def raised_by_organisation(user: User, asks: QuerySet[Ask], organisation: int) -> QuerySet[Ask]:
    """The asks an organisation raised, among those the person may know it raised."""
    asks = asks.filter(organisation_id=organisation)
    if user.is_centre_staff:
        return asks
    return asks.filter(Q(organisation_id__in=user.organisation_ids) | Q(public=True))


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
    event_id: int = 0
    actor_id: int | None = None  # only where the actor is named


def trail(user: User, ask: Ask) -> list[TrailEntry]:
    """Every change to the ask, oldest first, with each actor named as far as `user` may know."""
    events = list(ask.events.select_related("actor", "from_unit", "to_unit"))
    actor_ids = {e.actor_id for e in events if e.actor_id}
    staff: set[int] = set()
    organisations: dict[int, set[int]] = {}
    for person_id, role, organisation_id in Membership.objects.filter(
        person_id__in=actor_ids
    ).values_list("person_id", "role", "organisation_id"):
        if role in CENTRE_ROLES:
            staff.add(person_id)
        if organisation_id:
            organisations.setdefault(person_id, set()).add(organisation_id)
    sees_all = knows_who(user, ask)
    own = user.organisation_ids

    def who(event: AskEvent) -> tuple[str, int | None]:
        actor = event.actor
        if actor is None:
            return "Inside Out", None
        if actor.pk == user.pk:
            return f"You ({actor.full_name})", actor.pk
        if sees_all or actor.pk in staff or actor.is_superuser:
            return actor.full_name, actor.pk
        if organisations.get(actor.pk, set()) & own:
            return actor.full_name, actor.pk
        theirs = organisations.get(actor.pk, set())
        if ask.public and ask.organisation_id in theirs and ask.organisation is not None:
            return f"A doer at {ask.organisation.name}", None
        return "Another doer", None

    return [
        TrailEntry(
            what=(
                "Passed on"
                if e.kind == AskEvent.Kind.ROUTED and e.from_unit_id
                else e.get_kind_display()
            ),
            who=who(e)[0],
            at=e.at,
            note=e.note,
            from_unit=e.from_unit,
            to_unit=e.to_unit,
            to_status=e.to_status,
            kind=e.kind,
            event_id=e.pk,
            actor_id=who(e)[1],
        )
        for e in events
    ]


# Words in organisations' names that name no one in particular.
GENERIC_WORDS = {
    "school",
    "primary",
    "secondary",
    "academy",
    "infant",
    "infants",
    "junior",
    "nursery",
    "college",
    "church",
    "england",
    "trust",
    "foundation",
    "federation",
    "council",
    "city",
    "county",
    "borough",
    "district",
    "practice",
    "surgery",
    "medical",
    "centre",
    "health",
    "hospital",
    "hospitals",
    "police",
    "service",
    "services",
    "community",
    "group",
    "limited",
    "charity",
    "partnership",
    "saint",
    "with",
    "upon",
    "north",
    "south",
    "east",
    "west",
}


def names_given_away(ask: Ask, note: str) -> list[str]:
    """Words of the organisation's name or place in a note bound for the public page, when the
    doer did not agree to be named: a warning before it is published."""
    if ask.public or ask.organisation is None:
        return []
    organisation = ask.organisation
    names = f"{organisation.name} {organisation.local_authority_name}"
    words = {
        w for w in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", names) if w.lower() not in GENERIC_WORDS
    }
    said = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", note)}
    return sorted(w for w in words if w.lower() in said)
