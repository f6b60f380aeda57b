"""Rebuilding a pulse's scorecard rollups from its answers, for bulk loads and repairs.

Counts exactly what `services.add_to_rollups` counts one response at a time: NPS answers by
unit and segment, and agreement answers by segment, once overall and once for each unit the
respondent rated.
"""

from django.db import transaction
from django.db.models import Count, Q

from .models import AgreementRollup, Answer, Pulse, UnitScoreRollup
from .nps import PASSIVE_MIN, PROMOTER_MIN

SEGMENT = ("response__organisation_type", "response__region")


@transaction.atomic
def rebuild_rollups(pulse: Pulse) -> tuple[int, int]:
    """Replace a pulse's rollup rows with counts from its answers; returns how many of each."""
    UnitScoreRollup.objects.filter(pulse=pulse).delete()
    AgreementRollup.objects.filter(pulse=pulse).delete()
    answers = Answer.objects.filter(response__pulse=pulse, score__isnull=False)

    unit_scores = (
        answers.filter(unit__isnull=False)
        .values("unit_id", *SEGMENT)
        .annotate(
            promoters=Count("pk", filter=Q(score__gte=PROMOTER_MIN)),
            passives=Count("pk", filter=Q(score__gte=PASSIVE_MIN, score__lt=PROMOTER_MIN)),
            detractors=Count("pk", filter=Q(score__lt=PASSIVE_MIN)),
        )
        .order_by()
    )
    unit_rows = [
        UnitScoreRollup(
            pulse=pulse,
            unit_id=row["unit_id"],
            organisation_type=row[SEGMENT[0]],
            region=row[SEGMENT[1]],
            promoters=row["promoters"],
            passives=row["passives"],
            detractors=row["detractors"],
        )
        for row in unit_scores
    ]

    agreements = answers.filter(unit__isnull=True)
    overall = agreements.values("question_id", "score", *SEGMENT).annotate(n=Count("pk")).order_by()
    # Both conditions in one filter() so they hold for the same sibling answer; the distinct
    # count takes a respondent once per unit even if two unit questions named it.
    by_unit = (
        agreements.filter(
            response__answers__unit__isnull=False, response__answers__score__isnull=False
        )
        .values("question_id", "score", "response__answers__unit_id", *SEGMENT)
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    agreement_rows = [
        AgreementRollup(
            pulse=pulse,
            question_id=row["question_id"],
            level=row["score"],
            unit_id=row.get("response__answers__unit_id"),
            organisation_type=row[SEGMENT[0]],
            region=row[SEGMENT[1]],
            count=row["n"],
        )
        for rows in (overall, by_unit)
        for row in rows
    ]
    UnitScoreRollup.objects.bulk_create(unit_rows, batch_size=2000)
    AgreementRollup.objects.bulk_create(agreement_rows, batch_size=2000)
    return len(unit_rows), len(agreement_rows)
