"""The ledger as a download: the same rows as the page, CSV or XLSX."""

from django.http import HttpResponse

from insideout.web.tables import table_download

from .ledger import Ledger

HEADERS = [
    "Reference",
    "Requirement",
    "Kind",
    "Owning unit",
    "State",
    "Statutory",
    "Frequency",
    "Hours each occurrence (estimate)",
    "Organisations it lands on",
    "Hours a year (estimate)",
    "Hours a year (as doers report)",
    "Gap (hours a year)",
    "Reports behind it",
    "Usefulness (1 to 5)",
]


def rows(ledger: Ledger) -> list[list]:
    """One row per requirement; doers' figures blank where too few reported to show them."""
    found = []
    for row in ledger.rows:
        requirement = row.requirement
        if requirement is None:  # (a ledger's totals are not among its rows)
            continue
        tally = row.tally
        found.append(
            [
                requirement.reference,
                requirement.title,
                requirement.get_kind_display(),
                requirement.owner_unit.name,
                requirement.get_state_display(),
                "Yes" if requirement.is_statutory else "No",
                requirement.get_frequency_display(),
                float(requirement.estimated_hours),
                row.doers,
                round(row.estimated, 1),
                None if row.reported is None else round(row.reported, 1),
                None if row.gap is None else round(row.gap, 1),
                tally.reports if tally else None,
                None if row.usefulness is None else round(row.usefulness, 2),
            ]
        )
    return found


def ledger_download(ledger: Ledger, fmt: str) -> HttpResponse:
    return table_download("burden-ledger", HEADERS, rows(ledger), fmt)
