"""The `insideout` command: Inside Out's own commands first, then every Django management command.

insideout demo               build the demo department and serve it
insideout import-orgs FILE   import organisations from a CSV or XLSX register
insideout tick               queue the periodic work (from cron, or --every 10)
insideout migrate            any Django management command works too
"""

import os
import sys

# Inside Out's own commands, in the order `insideout --help` lists them: name -> management command.
COMMANDS = {
    "demo": "demo",
    "serve": "serve",
    "import-orgs": "import_orgs",
    "createadmin": "createadmin",
    "create-token": "create_token",
    "worker": "db_worker",
    "tick": "tick",
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
