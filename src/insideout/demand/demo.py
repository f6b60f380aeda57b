"""The demo's citizens: two years of contacts with four services, a realistic failure share, a
service change that SPC flags as a shift, labels the classifier learns from, and citizens who
say whether it was put right. Built in memory and inserted in bulk, so it takes seconds."""

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max
from django.utils import timezone

from . import classifier, snapshot
from . import demo_data as data
from .models import (
    ClassificationRule,
    ClassifierModel,
    Contact,
    DemandImport,
    Feedback,
    Open311Key,
    Requester,
    Service,
    ServiceChange,
    digest,
)
from .rules import Rule, RuleBook, Verdict
from .scrubbing import scrub

WEEKS = 104
LABELLED = 1_500
OPEN311_DEMO_KEY = "demo"


@dataclass
class DemoDemand:
    services: list[Service]
    contacts: int
    labelled: int
    model: ClassifierModel


def _weekly_count(rng: random.Random, mean: float) -> int:
    """A Poisson-like weekly count: noise around the mean, never negative."""
    return max(0, round(rng.gauss(mean, mean**0.5)))


def _text(rng: random.Random, code: str, kind: str, n: int) -> str:
    if rng.random() < data.MISLEADING:  # people do not always say what kind of demand it is
        kind = rng.choice(list(data.TEXTS[code]))
    text = rng.choice(data.TEXTS[code][kind]).format(when=rng.choice(data.WHEN))
    if rng.random() < 0.04:  # personal data left in, scrubbed as an import would
        text = scrub(text + rng.choice(data.PERSONAL).format(n=n % 10_000))
    return text


def _contacts(rng: random.Random, services: dict[str, Service], last_monday) -> list[dict]:
    """Two years of contacts as plain rows (a model instance each would take seconds)."""
    channels, channel_weights = zip(*data.CHANNELS, strict=True)
    causes, cause_weights = zip(*data.CAUSE_WEIGHTS, strict=True)
    change_code, change_weeks, _, change_factor = data.CHANGE
    now, zone = timezone.now(), timezone.get_current_timezone()
    found, n = [], 0
    for code, _, _, _, _, _, per_week, failure_share, median_days in data.SERVICES:
        for week in range(WEEKS):
            monday = last_monday - timedelta(weeks=WEEKS - 1 - week)
            share = failure_share
            if code == change_code and week >= WEEKS - change_weeks:
                share = min(0.85, failure_share * change_factor)
            winter = code == "ENERGY-HELP" and monday.month in (11, 12, 1, 2)
            for _ in range(_weekly_count(rng, per_week * (1.15 if winter else 1))):
                n += 1
                failed = rng.random() < share
                cause = rng.choices(causes, cause_weights)[0] if failed else ""
                received = datetime.combine(
                    monday + timedelta(days=rng.randrange(5)),
                    time(8 + rng.randrange(10), rng.randrange(60)),
                    tzinfo=zone,
                )
                resolved = received + timedelta(
                    days=rng.lognormvariate(0, 0.6) * median_days * (0.5 if failed else 1)
                )
                channel = rng.choices(channels, channel_weights)[0]
                if not services[code].open311 and channel == "open311":
                    channel = "web"
                found.append(
                    {
                        "service_id": services[code].pk,
                        "channel": channel,
                        "received_at": received,
                        "text": _text(rng, code, cause or "value", n),
                        "what_matters": rng.choice(data.MATTERS[code])
                        if rng.random() < 0.3
                        else "",
                        "place": rng.choice(data.PLACES),
                        "resolved_at": resolved if resolved < now else None,
                        "demand_type": "failure" if failed else "value",
                        "failure_cause": cause,
                    }
                )
    return found


def _classify(rng: random.Random, contacts: list[dict]) -> ClassifierModel:
    """As the analysts would have: some labelled by hand, rules for the obvious, the model for
    the rest. The true kinds made above are kept only where an analyst labelled."""
    labelled = sorted(rng.sample(range(len(contacts)), LABELLED))
    rulebook = RuleBook(
        [Rule(None, words, Verdict(kind, cause)) for words, kind, cause, _ in data.RULES]
    )
    texts = [contacts[i]["text"] for i in labelled]
    labels = [
        classifier.label_of(contacts[i]["demand_type"], contacts[i]["failure_cause"])
        for i in labelled
    ]
    fitted, evaluation = classifier.train(texts, labels)
    model = ClassifierModel.objects.create(
        trained_on=len(texts),
        classes=sorted(set(labels)),
        evaluation=evaluation,
        pipeline=classifier.dumps(fitted),
    )
    chosen, guess = set(labelled), []
    for i, contact in enumerate(contacts):
        if i in chosen:
            contact.update(classified_by="analyst", confidence=1.0)
            continue
        verdict = rulebook.classify(None, contact["text"])
        if verdict:
            contact.update(
                demand_type=verdict.demand_type,
                failure_cause=verdict.failure_cause,
                classified_by="rule",
                confidence=1.0,
                drivers=list(verdict.drivers),
            )
        else:
            guess.append(contact)
    predictions = classifier.predict(fitted, [c["text"] for c in guess])
    for contact, prediction in zip(guess, predictions, strict=True):
        kind, cause = classifier.split_label(prediction.label)
        contact.update(
            demand_type=kind,
            failure_cause=cause,
            classified_by="model",
            confidence=prediction.confidence,
            drivers=list(prediction.drivers),
        )
    return model


def _feedback(rng: random.Random, contacts: list[dict]) -> None:
    """Citizens who reported online follow their link and say whether it was put right; each
    ‘no’ is a failure demand contact of its own."""
    asked = [c for c in contacts if c["channel"] in ("open311", "web") and c["resolved_at"]]
    chosen = rng.sample(asked, min(len(asked), 1_200))
    requesters: list[Requester] = []
    verdicts: list[tuple[dict, bool, str]] = []  # contact, put right?, what mattered met?
    failures: list[dict] = []
    for contact in chosen:
        requesters.append(
            Requester(
                contact_id=contact["id"], link_digest=digest(f"demo-{contact['id']}-{rng.random()}")
            )
        )
        put_right = rng.random() < (0.55 if contact["demand_type"] == "failure" else 0.8)
        verdicts.append((contact, put_right, "yes" if put_right else rng.choice(["no", "partly"])))
        if not put_right:
            failures.append(
                {
                    "service_id": contact["service_id"],
                    "channel": "web",
                    "received_at": contact["resolved_at"] + timedelta(days=1),
                    "text": "Not put right, the citizen says.",
                    "place": contact["place"],
                    "demand_type": "failure",
                    "failure_cause": "not_right_first_time",
                    "classified_by": "citizen",
                    "confidence": 1.0,
                    "repeat_of_id": contact["id"],
                }
            )
    Requester.objects.bulk_create(requesters, batch_size=2_000)
    insert(failures)
    by_original = {f["repeat_of_id"]: f["id"] for f in failures}
    Feedback.objects.bulk_create(
        [
            Feedback(
                contact_id=c["id"],
                put_right=yes,
                what_mattered_met=met,
                failure_contact_id=by_original.get(c["id"]),
            )
            for c, yes, met in verdicts
        ],
        batch_size=2_000,
    )


def insert(contacts: list[dict]) -> None:
    """Contacts (plain rows) in one executemany (SQLite) or COPY (PostgreSQL), ids given here:
    tens of thousands in a second, where the ORM's bulk_create takes many."""
    fields = list(Contact._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(Contact._meta.db_table)
    start = (Contact.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    postgres = connection.vendor == "postgresql"
    now = timezone.now()
    defaults = {f.attname: f.get_default() for f in fields}
    defaults.update(created_at=now, updated_at=now, drivers=[])
    rows = []
    for number, contact in enumerate(contacts, start=start):
        contact["id"] = number
        row = []
        for field in fields:
            value = contact.get(field.attname, defaults[field.attname])
            if isinstance(value, datetime) and not postgres:
                value = value.astimezone(UTC).replace(tzinfo=None).isoformat(" ")
            elif isinstance(field, models.JSONField):
                value = json.dumps(value)
            row.append(value)
        rows.append(row)
    with connection.cursor() as cursor:
        if postgres:
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            for sql in connection.ops.sequence_reset_sql(no_style(), [Contact]):
                cursor.execute(sql)
        else:
            marks = ", ".join(["%s"] * len(fields))
            # Only the model's own names are formatted into the SQL; values are parameters.
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


def clear() -> None:
    """A rebuild starts with no demand data."""
    with connection.cursor() as cursor:
        for model in (
            Feedback,
            Requester,
            Contact,
            ClassificationRule,
            ServiceChange,
            Service,
            ClassifierModel,
            Open311Key,
            DemandImport,
        ):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608


def populate(rng: random.Random, built: dict) -> DemoDemand:
    """Replace the demand data with the demo's."""
    clear()
    units = {unit.name: unit for unit in built["directory"].units}
    services = {}
    for code, name, description, group, unit, open311, *_ in data.SERVICES:
        services[code] = Service.objects.create(
            code=code,
            name=name,
            description=description,
            group=group,
            unit=units.get(unit),
            open311=open311,
            expected_days=28,
            service_notice="We aim to put it right within four weeks and will tell you if not.",
        )
    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    code, weeks_before, description, _ = data.CHANGE
    ServiceChange.objects.create(
        service=services[code],
        description=description,
        changed_on=last_monday - timedelta(weeks=weeks_before - 1),
    )
    for words, kind, cause, position in data.RULES:
        ClassificationRule.objects.create(
            keywords=words, demand_type=kind, failure_cause=cause, position=position
        )
    contacts = _contacts(rng, services, last_monday)
    model = _classify(rng, contacts)
    insert(contacts)
    _feedback(rng, contacts)
    Open311Key.issue("The demo's Open311 client", raw=OPEN311_DEMO_KEY)
    snapshot.refresh()
    return DemoDemand(list(services.values()), len(contacts), LABELLED, model)
