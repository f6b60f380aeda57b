"""Anonymous answers unlinkable at rest, step 2 of 3 (data), for answers given before:

- every answer records its pulse; every answered invitation the day it was answered;
- each anonymous pulse's responses lose their date, keep their kind of organisation and region
  only as the pulse's segment map allows (at least k invited organisations share what is
  kept), and take random ids, as do their answers (so neither order tells when they came);
- the rollups are counted again: respondents once each, on each pulse's headline question,
  by the coarser segments, and agreement for everyone (no longer per unit rated).

It cannot be undone: what it forgets is gone. The rules are copied here as they stand today, as
a migration must not change when the code does.
"""

import secrets
from collections import Counter

from django.db import migrations
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate


def random_id() -> int:
    return secrets.randbelow(2**63 - 1) + 1


def segment_map(invited, k):
    kept = {pair: pair if n >= k else (pair[0], "") for pair, n in invited.items()}

    def sizes():
        size = Counter()
        for pair, n in invited.items():
            size[kept[pair]] += n
        return size

    too_few = {kind for kind, n in sizes().items() if kind[1] == "" and 0 < n < k}
    kept = {pair: ("", "") if kind in too_few else kind for pair, kind in kept.items()}
    while 0 < sizes().get(("", ""), 0) < k:
        others = sorted((n, kind) for kind, n in sizes().items() if kind != ("", "") and n)
        if not others:
            break
        smallest = others[0][1]
        kept = {pair: ("", "") if kind == smallest else kind for pair, kind in kept.items()}
    return kept


def rekey(cursor, quote, table, column, pairs):
    cursor.executemany(
        f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE {quote(column)} = %s", pairs
    )


def unlink(apps, schema_editor):
    Pulse = apps.get_model("pulses", "Pulse")
    Invitation = apps.get_model("pulses", "Invitation")
    Response = apps.get_model("pulses", "Response")
    Answer = apps.get_model("pulses", "Answer")
    Ask = apps.get_model("asks", "Ask")
    quote = schema_editor.connection.ops.quote_name

    Answer.objects.update(
        pulse_id=Subquery(Response.objects.filter(pk=OuterRef("response_id")).values("pulse_id"))
    )
    Invitation.objects.filter(submitted_at__isnull=False).update(
        submitted_on=TruncDate("submitted_at")
    )
    for pulse in Pulse.objects.filter(anonymity="anonymous"):
        invited = Counter()
        for kind, region, n in (
            Invitation.objects.filter(pulse=pulse)
            .values_list("organisation__type", "organisation__region")
            .annotate(n=Count("organisation", distinct=True))
            .order_by()
        ):
            invited[kind, region or ""] += n
        mapping = segment_map(invited, pulse.min_group_size)
        pulse.kept_segments = [[*pair, *kept] for pair, kept in sorted(mapping.items())]
        pulse.save(update_fields=["kept_segments"])
        responses = list(
            Response.objects.filter(pulse=pulse).values_list("pk", "organisation_type", "region")
        )
        to = {}
        for pk, kind, region in responses:
            to.setdefault(mapping.get((kind, region), ("", "")), []).append(pk)
        for (kind, region), pks in to.items():
            for start in range(0, len(pks), 500):
                Response.objects.filter(pk__in=pks[start : start + 500]).update(
                    organisation_type=kind, region=region, submitted_on=None
                )
        answers = list(Answer.objects.filter(pulse=pulse).values_list("pk", flat=True))
        Ask.objects.filter(source_answer_id__in=answers).update(source_answer=None)
        with schema_editor.connection.cursor() as cursor:
            new_responses = [(random_id(), pk) for pk, _, _ in responses]
            rekey(cursor, quote, Answer._meta.db_table, "response_id", new_responses)
            rekey(cursor, quote, Response._meta.db_table, "id", new_responses)
            rekey(cursor, quote, Answer._meta.db_table, "id", [(random_id(), pk) for pk in answers])
    for pulse in Pulse.objects.all():
        recount(apps, pulse)


def recount(apps, pulse):
    PulseQuestion = apps.get_model("pulses", "PulseQuestion")
    Answer = apps.get_model("pulses", "Answer")
    UnitScoreRollup = apps.get_model("pulses", "UnitScoreRollup")
    AgreementRollup = apps.get_model("pulses", "AgreementRollup")
    UnitScoreRollup.objects.filter(pulse=pulse).delete()
    AgreementRollup.objects.filter(pulse=pulse).delete()
    segment = ("response__organisation_type", "response__region")
    headline = (
        PulseQuestion.objects.filter(pulse=pulse, question__kind="unit_nps")
        .order_by("position", "pk")
        .values_list("question_id", flat=True)
        .first()
    )
    scored = Answer.objects.filter(pulse=pulse, score__isnull=False)
    if headline is not None:
        UnitScoreRollup.objects.bulk_create(
            [
                UnitScoreRollup(
                    pulse=pulse,
                    unit_id=row["unit_id"],
                    organisation_type=row[segment[0]],
                    region=row[segment[1]],
                    promoters=row["p"],
                    passives=row["m"],
                    detractors=row["d"],
                )
                for row in scored.filter(question_id=headline, unit__isnull=False)
                .values("unit_id", *segment)
                .annotate(
                    p=Count("response", distinct=True, filter=Q(score__gte=9)),
                    m=Count("response", distinct=True, filter=Q(score__gte=7, score__lt=9)),
                    d=Count("response", distinct=True, filter=Q(score__lt=7)),
                )
                .order_by()
            ],
            batch_size=2000,
        )
    AgreementRollup.objects.bulk_create(
        [
            AgreementRollup(
                pulse=pulse,
                question_id=row["question_id"],
                level=row["score"],
                organisation_type=row[segment[0]],
                region=row[segment[1]],
                count=row["n"],
            )
            for row in scored.filter(unit__isnull=True, question__kind="agreement")
            .values("question_id", "score", *segment)
            .annotate(n=Count("response", distinct=True))
            .order_by()
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("asks", "0001_initial"),
        ("pulses", "0004_random_ids_and_answer_pulse"),
    ]

    operations = [migrations.RunPython(unlink, migrations.RunPython.noop)]
