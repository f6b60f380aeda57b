import argparse
import datetime
import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from insideout import serving
from insideout.demo import DEFAULT_SEED, DemoRefused, build_demo
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Build the demo department and serve it at http://127.0.0.1:8000.

Sets up the database that DATABASE_URL names (by default var/insideout.sqlite3), fills it
with a realistic department: a dozen units, over 700 doer organisations (schools, GP
practices, NHS trusts, police forces, councils, charities, firms) across England's nine
regions, and people in every role. It prints whom to sign in as, then serves it until you
press Ctrl-C. Every date in it counts back from --as-of (today unless given), so the same
--seed and --as-of build the same department, row for row, on any day. Building again
replaces the demo (to carry on with one you have changed, use `insideout serve`); a database
holding anything else is left alone unless you add --reset."""
    examples = """
        insideout demo                       build it and serve it on port 8000
        insideout demo --port 8123
        insideout demo --no-serve            only build it into the database
        insideout demo --as-of 2026-09-01    the department as it stood on that morning
        DATABASE_URL=sqlite:///var/demo.sqlite3 insideout demo
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Only build the demo into the database, then stop.",
        )
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (8000).")
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Which demo department to build ({DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--as-of",
            type=reference_date,
            default=None,
            metavar="YYYY-MM-DD",
            help="The day the demo stands at the start of (today).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Build even over data the demo did not make, deleting the "
            "directory and all that refers to it.",
        )

    def handle(
        self,
        *args,
        no_serve: bool,
        port: int,
        seed: int,
        reset: bool,
        as_of: datetime.date | None,
        **options,
    ) -> None:
        if not no_serve and serving.port_in_use("127.0.0.1", port):
            raise CommandError(
                f"Something is already using port {port}. Stop it, or choose another port: "
                f"insideout demo --port {port + 1}"
            )
        self.stdout.write(f"Setting up the database {settings.DATABASES['default']['NAME']}...")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Building the demo department (seed {seed})...")
        try:
            result = build_demo(seed=seed, reset=reset, as_of=as_of)
        except DemoRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(sign_in_guide(result, serving.site_address("127.0.0.1", port)))
        if no_serve:
            return
        call_command("collectstatic", interactive=False, verbosity=0)
        os.environ.setdefault("DEPARTMENT_NAME", result["department"])
        call_command("serve", port=port)


def sign_in_guide(result: dict, address: str) -> str:
    """The block people read first: what was built, where it is, and whom to sign in as."""
    counts = result["counts"]
    lines = [
        "",
        f"The demo department is ready: {result['department']}",
        f"  {counts['units']} units, {counts['organisations']:,} organisations, "
        f"{counts['people']:,} people; built in {result['seconds']} s (seed {result['seed']},",
        f"  as of the start of {result['as_of']:%-d %B %Y}).",
        "",
        f"Open {address} and sign in as any of these people:",
        "",
    ]
    for person in result["sign_ins"]:
        lines.append(
            f"  {person['role_label']}: {person['name']}, {person['job_title']}, {person['where']}"
        )
        how = f"password {person['password']}" if person["password"] else "an e-mailed link"
        lines.append(f"      {person['email']}  ({how})")
    password_line = (
        f"Centre staff sign in at {address}/sign-in/password/ with their e-mail and the password."
    )
    if settings.EMAIL_OUTBOX_PAGE:
        others = [
            f"Everyone else asks for a link at {address}/sign-in/ and reads it at "
            f"{address}/outbox/",
            "(signed in as the admin); this terminal counts the e-mails as they go.",
        ]
    else:
        others = [
            "Everyone else gets a link by e-mail, through the mail server EMAIL_HOST names; "
            "the demo's",
            "addresses are under example.org, so set EMAIL_HOST only to a server that catches "
            "mail.",
        ]
    lines += ["", password_line, *others, ""]
    return "\n".join(lines)


def reference_date(text: str) -> datetime.date:
    """--as-of's value: a date written YYYY-MM-DD."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: write it YYYY-MM-DD, for example 2026-09-01"
        ) from None
