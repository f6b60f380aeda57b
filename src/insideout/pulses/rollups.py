"""The scorecard's rollups: counted as each response comes in (`count_response`, one upsert
statement per table), or rebuilt from a pulse's answers for bulk loads and repairs
(`rebuild_rollups`). Both count the same thing: respondents, each once, by their recorded kind
of organisation and region; for units, on the pulse's headline (first 0 to 10) question only,
so that a second 0 to 10 question never counts a doer twice.
"""

from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, Model, Q

from insideout.web.columns import column

from .models import AgreementRollup, Answer, Pulse, Question, Response, UnitScoreRollup
from .nps import PASSIVE_MIN, PROMOTER_MIN, score_group

SEGMENT = ("response__organisation_type", "response__region")
NPS_GROUPS = ("promoters", "passives", "detractors")


def count_response(response: Response, answers: list[Answer], headline_id: int | None) -> None:
    """Add one response to its pulse's rollups, in the transaction that records it."""
    segment = (response.pulse_id, response.organisation_type, response.region)
    scores: dict[int, Counter] = {}
    levels: Counter = Counter()
    for answer in answers:
        if answer.score is None:
            continue
        if answer.unit_id is not None and answer.question_id == headline_id:
            scores[answer.unit_id] = Counter({score_group(answer.score) + "s": 1})
        elif answer.unit_id is None:
            levels[answer.question_id, answer.score] += 1
    _add(
        UnitScoreRollup,
        ["pulse", "organisation_type", "region", "unit"],
        NPS_GROUPS,
        [(*segment, unit, *(c[g] for g in NPS_GROUPS)) for unit, c in sorted(scores.items())],
    )
    _add(
        AgreementRollup,
        ["pulse", "organisation_type", "region", "question", "level"],
        ("count",),
        [(*segment, question, level, n) for (question, level), n in sorted(levels.items())],
    )


def _add(model: type[Model], keys: list[str], counts: tuple[str, ...], rows: list[tuple]) -> None:
    """INSERT ... ON CONFLICT DO UPDATE SET n = n + excluded.n: one statement for every row, on
    SQLite and PostgreSQL alike."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    key_columns = [quote(column(model, name)) for name in keys]
    count_columns = [quote(name) for name in counts]
    values = ", ".join(["(" + ", ".join(["%s"] * (len(keys) + len(counts))) + ")"] * len(rows))
    add = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in count_columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(key_columns + count_columns)}) "  # noqa: S608
            f"VALUES {values} ON CONFLICT ({', '.join(key_columns)}) DO UPDATE SET {add}",
            [value for row in rows for value in row],
        )


@transaction.atomic
def rebuild_rollups(pulse: Pulse) -> tuple[int, int]:
    """Replace a pulse's rollup rows with counts from its answers; returns how many of each."""
    UnitScoreRollup.objects.filter(pulse=pulse).delete()
    AgreementRollup.objects.filter(pulse=pulse).delete()
    answers = Answer.objects.filter(pulse=pulse, score__isnull=False)
    headline = pulse.headline_question()
    respondents = "response"  # counted distinct: people, never answers

    unit_scores = (
        answers.filter(question=headline, unit__isnull=False)
        .values("unit_id", *SEGMENT)
        .annotate(
            promoters=Count(respondents, distinct=True, filter=Q(score__gte=PROMOTER_MIN)),
            passives=Count(
                respondents,
                distinct=True,
                filter=Q(score__gte=PASSIVE_MIN, score__lt=PROMOTER_MIN),
            ),
            detractors=Count(respondents, distinct=True, filter=Q(score__lt=PASSIVE_MIN)),
        )
        .order_by()
    )
    unit_rows = [
        UnitScoreRollup(
            pulse=pulse,
            unit_id=row["unit_id"],
            organisation_type=row[SEGMENT[0]],
            region=row[SEGMENT[1]],
            **{group: row[group] for group in NPS_GROUPS},
        )
        for row in (unit_scores if headline else [])
    ]
    agreements = (
        answers.filter(unit__isnull=True, question__kind=Question.Kind.AGREEMENT)
        .values("question_id", "score", *SEGMENT)
        .annotate(n=Count(respondents, distinct=True))
        .order_by()
    )
    agreement_rows = [
        AgreementRollup(
            pulse=pulse,
            question_id=row["question_id"],
            level=row["score"],
            organisation_type=row[SEGMENT[0]],
            region=row[SEGMENT[1]],
            count=row["n"],
        )
        for row in agreements
    ]
    UnitScoreRollup.objects.bulk_create(unit_rows, batch_size=2000)
    AgreementRollup.objects.bulk_create(agreement_rows, batch_size=2000)
    return len(unit_rows), len(agreement_rows)
