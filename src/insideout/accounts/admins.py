"""Centre admins: the people who manage the directory, imports and the service itself."""

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from insideout.directory.models import Membership, Role

from .models import User


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
