import csv
import io
import json
from datetime import date, datetime
from pathlib import Path

from django.core.management.base import CommandError

from insideout import spc
from insideout.web.charts import spc_chart
from insideout.web.commands import TeachingCommand


class Command(TeachingCommand):
    help = """Draw an XmR chart of any series in a CSV file, as NHS "Making Data Count" does.

Reads one value per date (dates as 2025-03-14, or with a time), in any order, and prints each
point with the mean, the process limits (mean ± 2.66 average moving ranges), the special-cause
rule it breaks (outside_limits, trend, two_in_three or shift, in that order of precedence) and
its variation (improvement, concern, neutral_high, neutral_low or common_cause); then each group
between rebase dates, with a warning where it has under 12 points and, given a target, whether
the process will consistently pass, consistently fail or be inconsistent."""
    examples = """
        insideout spc attendances.csv --date period --value attendances
        insideout spc calls.csv --date week --value calls --improvement decrease --target 400
        insideout spc calls.csv --date week --value calls --rebase 2025-04-07 --format svg > c.svg
        insideout spc calls.csv --date week --value calls --fix-after 12 --no-screen-outliers
    """

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="a CSV file with a header row")
        parser.add_argument("--date", required=True, metavar="COLUMN", help="the dates' column")
        parser.add_argument("--value", required=True, metavar="COLUMN", help="the values' column")
        parser.add_argument(
            "--rebase",
            nargs="+",
            action="extend",
            default=[],
            metavar="DATE",
            help="recalculate the limits from each of these dates",
        )
        parser.add_argument(
            "--fix-after", type=int, metavar="N", help="base the limits on the first N points"
        )
        parser.add_argument(
            "--no-screen-outliers",
            action="store_true",
            help="keep outlying moving ranges, as the Making Data Count Excel tools do",
        )
        parser.add_argument(
            "--improvement",
            choices=spc.IMPROVEMENTS,
            default="neutral",
            help="which way is better (neutral)",
        )
        parser.add_argument("--target", type=float, help="the target, for assurance")
        parser.add_argument(
            "--format", choices=("json", "csv", "svg"), default="json", help="output (json)"
        )

    def handle(self, *args, file: str, date: str, value: str, rebase: list[str], **options):
        dates, values = read_series(Path(file), date, value)
        try:
            rebase_dates = tuple(parse_date(text) for text in rebase)
        except ValueError:
            raise CommandError(
                f"--rebase takes dates such as 2025-04-07, not {', '.join(rebase)}."
            ) from None
        try:
            result = spc.xmr(
                dates,
                values,
                spc.Settings(
                    improvement=options["improvement"],
                    target=options["target"],
                    fix_after=options["fix_after"],
                    screen_outliers=not options["no_screen_outliers"],
                    rebase=rebase_dates,
                ),
            )
        except spc.SpcError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(render(result, options["format"], value), ending="\n")


def parse_date(text: str) -> date | datetime:
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.fromisoformat(text)


def read_series(path: Path, date_column: str, value_column: str) -> tuple[list, list[float]]:
    """The dates and values of a CSV file; a clear error naming the row for anything wrong."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"Cannot read {path}: {error}.") from None
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    for column in (date_column, value_column):
        if column not in columns:
            raise CommandError(
                f"{path.name} has no column ‘{column}’. Its columns are: "
                f"{', '.join(columns) or 'none (is the file empty?)'}."
            )
    dates: list[date | datetime] = []
    values: list[float] = []
    seen: dict[date | datetime, int] = {}
    for number, row in enumerate(reader, start=2):
        raw_date, raw_value = (row.get(date_column) or "").strip(), (row.get(value_column) or "")
        try:
            when = parse_date(raw_date)
        except ValueError:
            raise CommandError(
                f"Row {number}, column ‘{date_column}’: ‘{raw_date}’ is not a date. "
                "Write dates as 2025-03-14."
            ) from None
        try:
            number_value = float(raw_value.strip().replace(",", ""))
        except ValueError:
            raise CommandError(
                f"Row {number}, column ‘{value_column}’: ‘{raw_value.strip()}’ is not a number."
            ) from None
        if number_value != number_value or number_value in (float("inf"), float("-inf")):
            raise CommandError(f"Row {number}, column ‘{value_column}’: give a finite number.")
        if when in seen:
            raise CommandError(
                f"Row {number}, column ‘{date_column}’: {raw_date} is also on row {seen[when]}. "
                "Give one value per date (sum or filter the rows first)."
            )
        seen[when] = number
        dates.append(when)
        values.append(number_value)
    if not dates:
        raise CommandError(f"{path.name} has a header row but no values under it.")
    return dates, values


def render(result: spc.Chart, fmt: str, value_name: str) -> str:
    if fmt == "json":
        return json.dumps(result.as_dict(), indent=2)
    if fmt == "svg":
        return str(spc_chart(result, title=f"{value_name}: XmR chart", y_label=value_name).svg)
    out = io.StringIO()
    points = result.as_dict()["points"]
    writer = csv.DictWriter(out, fieldnames=list(points[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(points)
    return out.getvalue().rstrip("\n")
