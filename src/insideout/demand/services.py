"""The rules of demand: taking in a contact, classifying it (rules, then the classifier, and the
analysts' labels above both), putting it right, hearing whether it was, and forgetting."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from insideout.disclosure.suppression import DEFAULT_K, Cell, suppress_breakdown

from . import classifier
from .models import ClassifierModel, Contact, Feedback, Requester, Service
from .rules import load_rulebook
from .scrubbing import scrub

MODEL_BATCH = 5_000
# Classifications made by people, which rules and models never change and models learn from.
LABELS = (Contact.ClassifiedBy.ANALYST, Contact.ClassifiedBy.IMPORTED, Contact.ClassifiedBy.CITIZEN)


def current_model() -> ClassifierModel | None:
    return ClassifierModel.objects.order_by("-created_at", "-pk").first()


@transaction.atomic
def take_contact(
    service: Service,
    channel: str,
    text: str = "",
    *,
    received_at=None,
    what_matters: str = "",
    place: str = "",
    requester: dict | None = None,
    **where,
) -> tuple[Contact, str | None]:
    """Record a contact as it arrives (Open311, the citizens' form, the API): scrubbed, classified
    by rule or model. With a requester, returns the raw secret of their private status link."""
    known = [requester.get("first_name", ""), requester.get("last_name", "")] if requester else []
    cleaned = scrub(text, known)
    contact = Contact(
        service=service,
        channel=channel,
        received_at=received_at or timezone.now(),
        text=cleaned,
        raw_text=text if settings.DEMAND_KEEP_RAW_TEXT and cleaned != text else "",
        what_matters=scrub(what_matters, known),
        place=place,
        **where,
    )
    classify([contact])
    contact.save()
    raw = None
    if requester is not None:
        _, raw = Requester.issue(contact, **requester)
    return contact, raw


def classify(contacts: list[Contact]) -> None:
    """Classify unsaved or unlabelled contacts in place: by the analysts' rules first, then by
    the current model. An analyst's label is never changed."""
    rulebook = load_rulebook()
    left = []
    for contact in contacts:
        if contact.classified_by in LABELS:
            continue
        verdict = rulebook.classify(contact.service_id, contact.text)
        if verdict:
            contact.demand_type, contact.failure_cause = verdict.demand_type, verdict.failure_cause
            contact.need, contact.drivers = verdict.need, list(verdict.drivers)
            contact.classified_by, contact.confidence = Contact.ClassifiedBy.RULE, 1.0
        else:
            left.append(contact)
    model = current_model()
    if model is None or not left:
        return
    fitted = classifier.loads(model.pipeline)
    for contact, guess in zip(
        left, classifier.predict(fitted, [c.text for c in left]), strict=True
    ):
        contact.demand_type, contact.failure_cause = classifier.split_label(guess.label)
        contact.drivers, contact.confidence = list(guess.drivers), guess.confidence
        contact.classified_by = Contact.ClassifiedBy.MODEL


def label(contact: Contact, by, demand_type: str, failure_cause: str = "", need: str = "") -> None:
    """An analyst's label: it stands above rules and models, and teaches the next model."""
    if demand_type not in Contact.DemandType.values:
        raise ValueError("Choose value or failure demand.")
    if demand_type == Contact.DemandType.VALUE:
        failure_cause = ""
    elif failure_cause not in Contact.FailureCause.values:
        raise ValueError("Choose what caused the failure demand.")
    contact.demand_type, contact.failure_cause = demand_type, failure_cause
    contact.need = need.strip()[:80] or contact.need
    contact.classified_by, contact.confidence = Contact.ClassifiedBy.ANALYST, 1.0
    contact.labelled_by, contact.updated_at = by, timezone.now()
    contact.save(
        update_fields=[
            "demand_type",
            "failure_cause",
            "need",
            "classified_by",
            "confidence",
            "labelled_by",
            "updated_at",
        ]
    )


def labelled() -> QuerySet[Contact]:
    """What the classifier learns from: analysts' labels and labels imported with contacts."""
    return Contact.objects.filter(classified_by__in=LABELS).exclude(text="")


def labels_since_model() -> int:
    model = current_model()
    found = labelled().filter(classified_by=Contact.ClassifiedBy.ANALYST)
    return found.filter(updated_at__gt=model.created_at).count() if model else found.count()


def train_model() -> ClassifierModel:
    """Train a new classifier on every label so far, evaluate it, and keep it as the current one."""
    rows = list(labelled().values_list("text", "demand_type", "failure_cause"))
    texts = [text for text, _, _ in rows]
    labels = [classifier.label_of(kind, cause) for _, kind, cause in rows]
    fitted, evaluation = classifier.train(texts, labels)
    return ClassifierModel.objects.create(
        trained_on=len(texts),
        classes=sorted(set(labels)),
        evaluation=evaluation,
        pipeline=classifier.dumps(fitted),
    )


def classify_with_model(model: ClassifierModel | None = None) -> int:
    """Run the current model over every contact not classified by an analyst, import or rule."""
    model = model or current_model()
    if model is None:
        return 0
    fitted = classifier.loads(model.pipeline)
    todo = Contact.objects.filter(classified_by__in=["", Contact.ClassifiedBy.MODEL])
    done, last = 0, 0
    now = timezone.now()
    while True:
        batch = list(todo.filter(pk__gt=last).order_by("pk").only("pk", "text")[:MODEL_BATCH])
        if not batch:
            return done
        for contact, guess in zip(
            batch, classifier.predict(fitted, [c.text for c in batch]), strict=True
        ):
            contact.demand_type, contact.failure_cause = classifier.split_label(guess.label)
            contact.drivers, contact.confidence = list(guess.drivers), guess.confidence
            contact.classified_by, contact.updated_at = Contact.ClassifiedBy.MODEL, now
        Contact.objects.bulk_update(
            batch,
            [
                "demand_type",
                "failure_cause",
                "drivers",
                "confidence",
                "classified_by",
                "updated_at",
            ],
        )
        done, last = done + len(batch), batch[-1].pk


def review_queue(service_id: int | None = None) -> QuerySet[Contact]:
    """The classifier's least certain guesses first: where a label teaches it most."""
    queue = Contact.objects.filter(classified_by=Contact.ClassifiedBy.MODEL).exclude(text="")
    if service_id:
        queue = queue.filter(service_id=service_id)
    return queue.select_related("service").order_by("confidence", "-received_at", "pk")


def resolve(contact: Contact, notes: str = "") -> None:
    """Mark a contact put right (closed in Open311's words)."""
    now = timezone.now()
    contact.resolved_at, contact.updated_at = contact.resolved_at or now, now
    contact.status_notes = notes.strip()[:500] or contact.status_notes
    contact.save(update_fields=["resolved_at", "updated_at", "status_notes"])


@transaction.atomic
def give_feedback(
    contact: Contact,
    put_right: bool,
    what_mattered_met: str,
    comment: str = "",
) -> Feedback:
    """The citizen's verdict on a resolved contact. A ‘no’ is failure demand (not done right
    first time) against the same service, so the team sees it among its own contacts."""
    if contact.is_open:
        raise ValueError("A request can be judged only once it is resolved.")
    if Feedback.objects.filter(contact=contact).exists():
        raise ValueError("This request has already been judged.")
    failure = None
    cleaned = scrub(comment)
    if not put_right:
        failure = Contact.objects.create(
            service=contact.service,
            channel=Contact.Channel.WEB,
            received_at=timezone.now(),
            text=cleaned or "Not put right, the citizen says.",
            place=contact.place,
            demand_type=Contact.DemandType.FAILURE,
            failure_cause=Contact.FailureCause.NOT_RIGHT_FIRST_TIME,
            classified_by=Contact.ClassifiedBy.CITIZEN,
            confidence=1.0,
            need=contact.need,
            repeat_of=contact,
        )
    return Feedback.objects.create(
        contact=contact,
        put_right=put_right,
        what_mattered_met=what_mattered_met,
        comment=cleaned,
        failure_contact=failure,
    )


@dataclass(frozen=True)
class Verdicts:
    """ "Was it put right?" for one group, as it may be shown: None where suppressed."""

    key: str
    answered: int | None
    put_right: int | None
    suppressed: bool

    @property
    def not_put_right(self) -> int | None:
        if self.suppressed or self.answered is None or self.put_right is None:
            return None
        return self.answered - self.put_right


def verdicts_by(
    by: str, services: QuerySet[Service] | None = None, k: int = DEFAULT_K
) -> list[Verdicts]:
    """Citizens' verdicts by service or place, through the disclosure rules: no group under k
    is shown, nor any that could be worked out from the total."""
    field = {"service": "contact__service__name", "place": "contact__place"}[by]
    found = Feedback.objects.all()
    if services is not None:
        found = found.filter(contact__service__in=services)
    rows = (
        found.values(field)
        .annotate(n=Count("pk"), yes=Count("pk", filter=Q(put_right=True)))
        .order_by(field)
    )
    cells = [Cell(row[field] or "Not given", row["n"], row["yes"]) for row in rows]
    return [
        Verdicts(str(shown.key), shown.n, shown.value, shown.suppressed)
        for shown in suppress_breakdown(cells, k)
    ]


def forget_raw_text(days: int | None = None) -> int:
    """Delete citizens' original words older than the retention period; returns how many."""
    days = settings.DEMAND_RAW_TEXT_DAYS if days is None else days
    cutoff = timezone.now() - timedelta(days=days)
    return (
        Contact.objects.filter(created_at__lt=cutoff)
        .exclude(raw_text="")
        .update(raw_text="", updated_at=timezone.now())
    )
