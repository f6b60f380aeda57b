"""Giving, changing and ending people's roles in the service: each change audited (a
MembershipEvent) and e-mailed to the person. Admins manage anyone's; doer leads their own
organisation's colleagues."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from insideout.accounts.models import User
from insideout.outbox.services import queue_email
from insideout.vocabulary import ORGANISATION_ROLES, UNIT_ROLES, Role

from .models import CentreUnit, Membership, MembershipEvent, Organisation

# What a doer lead may give a colleague of their own organisation.
DOER_LEAD_GIVES = (Role.DOER_MEMBER, Role.DOER_LEAD)


def roles_given_by(user: User) -> list[tuple[str, str]]:
    """The roles this person may give, as form choices."""
    if user.is_admin:
        return list(Role.choices)
    if user.led_organisation_ids:
        return [(role.value, role.label) for role in DOER_LEAD_GIVES]
    return []


def check_may_manage(by: User, role: str, organisation: Organisation | None) -> None:
    if by.is_admin:
        return
    organisation_id = organisation.pk if organisation is not None else None
    if role not in DOER_LEAD_GIVES or not by.manages_people_of(organisation_id):
        raise PermissionDenied("Doer leads give roles only to colleagues of their organisation.")


def tell(person: User, event: MembershipEvent) -> None:
    body = render_to_string(
        "directory/email/role_change.txt",
        {"person": person, "event": event, "site": settings.SITE_URL},
    )
    queue_email(person.email, f"{event.get_kind_display()}: {event.get_role_display()}", body)


def record(
    kind: str, membership: Membership, by: User | None, from_role: str = ""
) -> MembershipEvent:
    """Note a change of role, made by `by` (None when the system made it: department groups)."""
    event = MembershipEvent.objects.create(
        person=membership.person,
        kind=kind,
        role=membership.role,
        from_role=from_role,
        centre_unit=membership.centre_unit,
        organisation=membership.organisation,
        actor=by,
    )
    transaction.on_commit(lambda: tell(membership.person, event))
    return event


@transaction.atomic
def give_role(
    by: User,
    *,
    email: str,
    full_name: str,
    role: str,
    organisation: Organisation | None = None,
    centre_unit: CentreUnit | None = None,
) -> Membership:
    """Invite a person (new, or already in the directory) into a role; they are e-mailed."""
    check_may_manage(by, role, organisation)
    if role in UNIT_ROLES and centre_unit is None:
        raise ValidationError({"centre_unit": "Choose the unit they work in"})
    if role in ORGANISATION_ROLES and organisation is None:
        raise ValidationError({"organisation": "Choose the organisation they work for"})
    email = User.objects.normalize_email(email.strip()).lower()
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        person = User.objects.create_user(email=email, full_name=full_name.strip())
    membership = Membership(
        person=person,
        role=role,
        organisation=organisation if role in ORGANISATION_ROLES else None,
        centre_unit=centre_unit if role in UNIT_ROLES else None,
    )
    membership.full_clean()
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise ValidationError({"role": f"{person.full_name} already has that role there"}) from None
    record(MembershipEvent.Kind.GIVEN, membership, by)
    return membership


@transaction.atomic
def change_role(by: User, membership: Membership, role: str) -> Membership:
    """Change the role a person holds in the same organisation or unit."""
    check_may_manage(by, membership.role, membership.organisation)
    check_may_manage(by, role, membership.organisation)
    if (role in UNIT_ROLES) != (membership.role in UNIT_ROLES) or (role in ORGANISATION_ROLES) != (
        membership.role in ORGANISATION_ROLES
    ):
        raise ValidationError({"role": "Choose a role of the same kind, or end this one"})
    before = membership.role
    membership.role = role
    try:
        with transaction.atomic():
            membership.save(update_fields=["role"])
    except IntegrityError:
        raise ValidationError({"role": "They already have that role there"}) from None
    record(MembershipEvent.Kind.CHANGED, membership, by, from_role=before)
    return membership


@transaction.atomic
def end_role(by: User, membership: Membership) -> None:
    """End a role: the person keeps their history but can no longer act in it."""
    check_may_manage(by, membership.role, membership.organisation)
    record(MembershipEvent.Kind.ENDED, membership, by)
    membership.delete()


def manageable_memberships(by: User, person: User):
    """The person's roles that `by` may change or end."""
    memberships = person.memberships.select_related("centre_unit", "organisation")
    if by.is_admin:
        return memberships
    return memberships.filter(organisation_id__in=by.led_organisation_ids, role__in=DOER_LEAD_GIVES)


def visible_history(by: User, person: User):
    """The person's role changes that `by` may read: all for an admin; for a doer lead, those at
    the organisations they lead (a colleague whose role ended there included)."""
    events = person.role_events.all()
    if by.is_admin:
        return events
    return events.filter(organisation_id__in=by.led_organisation_ids)


def may_manage_roles_of(by: User, person: User) -> bool:
    return by.is_admin or manageable_memberships(by, person).exists()
