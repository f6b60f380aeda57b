"""The `insideout` command: Inside Out's own commands first, then every Django management command.

insideout demo               build the demo department and serve it
insideout serve              serve the database: web server, task worker and ticker
insideout import-orgs FILE   import organisations from a CSV or XLSX register
insideout import-demand FILE import citizens' contacts from CSV, XLSX or Open311 JSON
insideout spc FILE.csv       draw an XmR chart of any series (NHS Making Data Count)
insideout hsds-import FILE   import services from Open Referral HSDS 3 JSON
insideout hsds-export DIR    export the capability catalogue as HSDS 3 JSON files
insideout upgrade            after installing a release: check settings, migrate, static files
insideout backup DIR         back the database up into DIR, with a manifest
insideout restore DIR        restore a backup made by `insideout backup`
insideout createadmin        make an admin who signs in with a password
insideout create-token EMAIL make an API token for someone
insideout worker             run the task queue's worker (e-mails, imports)
insideout tick               queue the periodic work (from cron, or --every 10)
insideout themes FILE.csv    group free text into themes, with labels and key phrases
insideout themes-eval        measure themes and sentiment against human labels
insideout migrate            any Django management command works too

A test (src/insideout/tests/test_commands.py) keeps this list, COMMANDS and `--help` in step.
"""

import os
import sys

# Inside Out's own commands, in the order `insideout --help` lists them: name -> management command.
COMMANDS = {
    "demo": "demo",
    "serve": "serve",
    "import-orgs": "import_orgs",
    "import-demand": "import_demand",
    "spc": "spc",
    "hsds-import": "hsds_import",
    "hsds-export": "hsds_export",
    "upgrade": "upgrade",
    "backup": "backup",
    "restore": "restore",
    "createadmin": "createadmin",
    "create-token": "create_token",
    "worker": "db_worker",
    "tick": "tick",
    "themes": "themes",
    "themes-eval": "themes_eval",
}


def print_help() -> None:
    from django.core.management import get_commands, load_command_class

    commands = get_commands()
    print("Usage: insideout COMMAND [OPTIONS]\n")
    print("Inside Out: the centre serves the doers and is judged by how useful they find it.\n")
    print("Commands:")
    for name, django_name in COMMANDS.items():
        command = load_command_class(commands[django_name], django_name)
        summary = command.help.strip().splitlines()[0]
        print(f"  {name:<14}{summary}")
    print("\nEvery Django management command works too, for example:")
    print("  migrate, createsuperuser, changepassword, dbshell, shell, check, collectstatic")
    print("\nRun `insideout COMMAND --help` for a command's options and an example.")
    print("Settings come from environment variables; see .env.example. With no DATABASE_URL,")
    print("Inside Out uses the SQLite file var/insideout.sqlite3.")


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "insideout.settings")
    import django

    django.setup()
    from django.core.management import execute_from_command_line

    if len(argv) < 2 or argv[1] in {"-h", "--help", "help"}:
        print_help()
        return
    argv[1] = COMMANDS.get(argv[1], argv[1])
    argv[0] = "insideout"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
