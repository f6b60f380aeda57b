from django.conf import settings
from django.core.management.base import CommandError

from insideout.accounts.models import ApiToken, User
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Make an API token for a person and print it, once.

The token acts with the person's roles, as if they were signed in. Send it as
`Authorization: Bearer <token>`. Only a digest is stored, so a lost token cannot be shown
again: revoke it on the person's 'Your account' page and make another."""
    examples = """
        insideout create-token ada@example.gov.uk --name "weekly export"
        TOKEN=$(insideout create-token ada@example.gov.uk --name "dashboard" -v 0)
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="The e-mail address of the person the token acts for.")
        parser.add_argument(
            "--name", required=True, help="What the token is for, to recognise it by later."
        )

    def handle(self, *args, email: str, name: str, verbosity: int, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(
                f"No one in the directory has the e-mail address {email}. Check it; an admin "
                f"can be added with: insideout createadmin --email {email}"
            )
        if not user.is_active:
            raise CommandError(
                f"{user.email}'s account is closed; reopen it before making a token for it."
            )
        if not name.strip():
            raise CommandError('Say what the token is for with --name, e.g. --name "export".')
        _, raw = ApiToken.issue(user, name.strip()[:100])
        if verbosity == 0:
            self.stdout.write(raw)
            return
        self.stdout.write(
            f"Made the token “{name.strip()}” for {user.full_name} <{user.email}>.\n"
            "Copy it now: it is shown only this once.\n\n"
            f"{raw}\n\n"
            f'Try it: curl -H "Authorization: Bearer {raw}" {settings.SITE_URL}/api/v1/me'
        )
