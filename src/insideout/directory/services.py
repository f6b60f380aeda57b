"""Directory rules: searching and summarising, shared by pages, the API and the command line."""

from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from insideout.accounts.models import User
from insideout.vocabulary import Role

from .access import organisations_visible_to, people_visible_to, units_visible_to
from .models import CentreUnit, Membership, Organisation


def listed_organisations(raw: str) -> list[Organisation]:
    """The organisations a typed list of identifiers (URN, ODS code...) names, one a line or
    separated by commas; ValidationError naming the first five no organisation has."""
    ids = [part.strip() for part in raw.replace(",", "\n").splitlines() if part.strip()]
    found = {o.external_id: o for o in Organisation.objects.filter(external_id__in=ids)}
    missing = [i for i in ids if i not in found]
    if missing:
        shown = ", ".join(missing[:5]) + (" and others" if len(missing) > 5 else "")
        raise ValidationError(f"No organisation has the identifier {shown}")
    return list(found.values())


@dataclass(frozen=True)
class OrganisationFilters:
    q: str = ""
    type: str = ""
    sector: str = ""
    region: str = ""
    local_authority: str = ""


def search_organisations(user: User, filters: OrganisationFilters) -> QuerySet[Organisation]:
    organisations = organisations_visible_to(user)
    if filters.q:
        organisations = organisations.filter(
            Q(name__icontains=filters.q) | Q(external_id__icontains=filters.q.strip())
        )
    for field in ("type", "sector", "region", "local_authority"):
        value = getattr(filters, field)
        if value:
            organisations = organisations.filter(**{field: value})
    return organisations.order_by("name", "pk")


def search_people(user: User, q: str = "", role: str = "") -> QuerySet[User]:
    people = people_visible_to(user)
    if q:
        people = people.filter(Q(full_name__icontains=q) | Q(email__icontains=q))
    if role:
        people = people.filter(memberships__role=role).distinct()
    return people.order_by("full_name", "pk")


def unit_tree(user: User) -> list[dict]:
    """The centre's hierarchy as nested dicts, built from one query."""
    units = list(units_visible_to(user).annotate(people=Count("memberships")).order_by("name"))
    children: dict[int | None, list[CentreUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def branch(parent_id: int | None) -> list[dict]:
        return [{"unit": u, "children": branch(u.pk)} for u in children.get(parent_id, [])]

    return branch(None)


def directory_summary(user: User) -> dict[str, int]:
    units = units_visible_to(user)
    return {
        "units": units.filter(kind=CentreUnit.Kind.UNIT).count(),  # as the demo's summary counts
        "parts": units.count(),
        "organisations": organisations_visible_to(user).count(),
        "people": people_visible_to(user).count(),
    }


def organisation_breakdown() -> list[dict]:
    """How many organisations of each type the centre serves."""
    counts = dict(
        Organisation.objects.values_list("type").annotate(n=Count("pk")).values_list("type", "n")
    )
    return [
        {
            "type": value,
            "label": label,
            "count": counts.get(value, 0),
            "plural": PLURALS.get(value, label.lower() + "s"),
        }
        for value, label in Organisation.Type.choices
        if counts.get(value)
    ]


PLURALS = {
    "gp_practice": "GP practices",
    "police_force": "police forces",
    "local_authority": "local authorities",
    "charity": "charities",
    "business": "businesses",
    "other": "other organisations",
}


@transaction.atomic
def make_admin(email: str, full_name: str, password: str) -> tuple[User, bool]:
    """Create or update a person as an admin with a password; returns them and whether they are new.

    Raises ValidationError if the password is too weak, before anything is saved.
    """
    email = User.objects.normalize_email(email.strip()).lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if user is None:
        user = User(email=email)
    user.full_name = full_name.strip() or user.full_name
    validate_password(password, user)
    user.set_password(password)
    user.is_active = user.is_staff = user.is_superuser = True
    user.save()
    Membership.objects.get_or_create(
        person=user, role=Role.ADMIN, centre_unit=None, organisation=None
    )
    return user, created
