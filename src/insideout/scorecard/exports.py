"""The scorecard as CSV or XLSX: aggregates only, with every figure under the threshold left out."""

from django.http import HttpResponse

from insideout.pulses.models import Pulse
from insideout.web.tables import table_download

from . import scores

HEADERS = [
    "pulse",
    "opens_on",
    "unit",
    "respondents",
    "nps",
    "low_95",
    "high_95",
    "promoters_pct",
    "passives_pct",
    "detractors_pct",
    "note",
]


def scorecard_rows(pulses: list[Pulse]) -> list[list]:
    rows: list[list[object]] = []
    for pulse in pulses:
        note = (
            f"fewer than {pulse.min_group_size} respondents"
            if pulse.results_published
            else "anonymous: results when the pulse closes"
        )
        for entry in scores.league_table([pulse], minimum=pulse.min_group_size):
            result = entry.row.result if entry.row.ranked else None
            if result is None:
                rows.append(
                    [
                        pulse.title,
                        pulse.opens_on.isoformat(),
                        entry.unit.name,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        note,
                    ]
                )
                continue
            rows.append(
                [
                    pulse.title,
                    pulse.opens_on.isoformat(),
                    entry.unit.name,
                    result.n,
                    round(result.nps, 1),
                    round(result.low, 1),
                    round(result.high, 1),
                    round(result.promoters, 1),
                    round(result.passives, 1),
                    round(result.detractors, 1),
                    "",
                ]
            )
    return rows


def scorecard_response(pulses: list[Pulse], fmt: str) -> HttpResponse:
    return table_download("usefulness-scorecard", HEADERS, scorecard_rows(pulses), fmt)
