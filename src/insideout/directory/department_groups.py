"""Centre roles given by the department's identity provider: each group named in
OIDC_GROUP_ROLES gives a role (in a unit, for leads and officers) while the person is in it, and
the role ends when they leave the group. Roles the mapping does not name stay as admins set
them. Each change is audited and e-mailed like any other, with no person as its actor."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from insideout.accounts.models import User

from .models import CentreUnit, Membership, MembershipEvent
from .roles import record

logger = logging.getLogger(__name__)


def find_unit(name: str) -> CentreUnit | None:
    return CentreUnit.objects.filter(Q(name__iexact=name) | Q(short_name__iexact=name)).first()


def mapped_roles(groups: set[str]) -> tuple[set[tuple], set[tuple]]:
    """(every (role, unit id) the mapping names, those the person's groups give)."""
    named, given = set(), set()
    for group, role, unit_name in settings.OIDC_GROUP_ROLES:
        unit = find_unit(unit_name) if unit_name else None
        if unit_name and unit is None:
            logger.warning("OIDC_GROUP_ROLES names a unit that does not exist: %r", unit_name)
            continue
        key = (role, unit.pk if unit else None)
        named.add(key)
        if group in groups:
            given.add(key)
    return named, given


@transaction.atomic
def apply_group_roles(user: User, claims: dict) -> tuple[int, int]:
    """Give and end the mapped roles by the groups in the claims; (given, ended)."""
    if not settings.OIDC_GROUP_ROLES:
        return 0, 0
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    named, wanted = mapped_roles({str(group) for group in groups})
    held = {
        (m.role, m.centre_unit_id): m
        for m in Membership.objects.filter(person=user, organisation__isnull=True)
    }
    given = ended = 0
    for role, unit_id in sorted(wanted - held.keys(), key=str):
        membership = Membership.objects.create(person=user, role=role, centre_unit_id=unit_id)
        record(MembershipEvent.Kind.GIVEN, membership, None)
        given += 1
    for key in sorted((named & held.keys()) - wanted, key=str):
        record(MembershipEvent.Kind.ENDED, held[key], None)
        held[key].delete()
        ended += 1
    return given, ended


def on_department_sign_in(sender, user: User, claims: dict, **kwargs) -> None:
    apply_group_roles(user, claims)
