"""Who may see what in the directory. Every view, API endpoint and export asks these functions.

Organisations and centre units are shared knowledge among people who are signed in. People and
memberships are private: centre staff see everyone, a doer sees only the people of their own
organisations (and the centre staff who serve them, through the units).
"""

from django.db.models import Q, QuerySet

from insideout.accounts.models import User

from .models import CentreUnit, Membership, Organisation


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    return Organisation.objects.all()


def units_visible_to(user: User) -> QuerySet[CentreUnit]:
    return CentreUnit.objects.all()


def people_visible_to(user: User) -> QuerySet[User]:
    people = User.objects.filter(is_active=True)
    if user.is_centre_staff:
        return people
    return people.filter(
        Q(pk=user.pk)
        | Q(memberships__organisation_id__in=user.organisation_ids)
        | Q(memberships__centre_unit__isnull=False)
    ).distinct()


def can_see_people_of(user: User, organisation: Organisation) -> bool:
    return user.is_centre_staff or organisation.pk in user.organisation_ids


def memberships_visible_to(user: User) -> QuerySet[Membership]:
    memberships = Membership.objects.select_related("person", "centre_unit", "organisation")
    if user.is_centre_staff:
        return memberships
    return memberships.filter(
        Q(organisation_id__in=user.organisation_ids) | Q(centre_unit__isnull=False)
    )
