import getpass
import sys

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email
from django.urls import reverse

from insideout.accounts.models import User
from insideout.directory.services import make_admin
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Make a centre admin who signs in with a password (or update one).

The admin manages the directory and imports, and can use the Django admin. Asks for anything
not given as an option; the password is asked twice and never echoed. Running it again for the
same e-mail sets a new password."""
    examples = """
        insideout createadmin
        insideout createadmin --email ada.lovelace@example.gov.uk --name "Ada Lovelace"
        printf '%s\\n' "$ADMIN_PASSWORD" | insideout createadmin --email ada@example.gov.uk \\
            --name "Ada Lovelace" --password-stdin
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument("--email", help="The admin's work e-mail address.")
        parser.add_argument("--name", help="The admin's full name.")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input.",
        )

    def handle(
        self, *args, email: str | None, name: str | None, password_stdin: bool, **options
    ) -> None:
        interactive = sys.stdin.isatty() and not password_stdin
        email = (email or self.ask("E-mail address", interactive, "--email")).strip()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(
                f"{email!r} is not an e-mail address, like ada.lovelace@example.gov.uk."
            ) from None
        existing = User.objects.filter(email__iexact=email).first()
        name = (
            name
            or (existing.full_name if existing else "")
            or self.ask("Full name", interactive, "--name")
        )
        password = self.read_password(password_stdin, interactive)
        try:
            user, created = make_admin(email, name, password)
        except ValidationError as error:
            raise CommandError(
                "That password will not do: "
                + " ".join(error.messages)
                + " Choose another and run the command again."
            ) from None
        done = "is now an admin" if created else "is an admin, with the new password"
        self.stdout.write(
            f"{user.full_name} <{user.email}> {done}. Sign in at "
            f"{settings.SITE_URL}{reverse('accounts:password_sign_in')}"
        )

    def ask(self, label: str, interactive: bool, option: str) -> str:
        if not interactive:
            raise CommandError(
                f"Give the admin's {label.lower()} with {option}, for example: "
                "insideout createadmin --email ada@example.gov.uk "
                '--name "Ada Lovelace"'
            )
        answer = input(f"{label}: ").strip()
        if not answer:
            raise CommandError(f"An admin needs {label.lower()}; run the command again.")
        return answer

    def read_password(self, from_stdin: bool, interactive: bool) -> str:
        if from_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError(
                    "No password came on standard input. Send it as one line, "
                    "for example: printf '%s\\n' \"$PASSWORD\" | insideout "
                    "createadmin ... --password-stdin"
                )
            return password
        if not interactive:
            raise CommandError(
                "No terminal to ask for a password in. Send it on standard input "
                "with --password-stdin."
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords were different. Run the command again.")
        return password
