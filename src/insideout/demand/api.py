"""Demand over the API: contacts in and out, labels and rules, the classifier's evaluation, and
each analysis view's data, under the same rules as the pages. For analysts and admins."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.pagination import paginate

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.web.decorators import refuse_unless
from insideout.web.limits import Code, Id, Pagination
from insideout.web.problems import Problem

from . import analysis, services
from .models import ClassificationRule, Contact, Service
from .rules import RuleProblem, pattern
from .schemas import (
    AnalysisQuery,
    BulkIn,
    BulkOut,
    CapabilityOut,
    CauseOut,
    ClassifierOut,
    ContactIn,
    ContactOut,
    ContactQuery,
    LabelIn,
    PhraseOut,
    Queued,
    RuleIn,
    RuleOut,
    ServiceOut,
    ShareOut,
    VerdictOut,
    VolumeOut,
)
from .tasks import ensure_fresh, retrain
from .views import share_rows, volume_charts

router = Router(tags=["demand"])
ERRORS = {400: Problem, 403: Problem, 404: Problem, 422: Problem}


def analysts(request: AuthenticatedHttpRequest) -> None:
    refuse_unless(request.user.analyses_demand, "Only analysts and admins work with demand.")


def _service(code: str | None) -> Service | None:
    if not code:
        return None
    found = Service.objects.filter(code=code).first()
    if found is None:
        raise ValidationError({"service": f"No service has the code {code!r}."})
    return found


@router.get(
    "/demand/services",
    response={200: list[ServiceOut], **ERRORS},
    summary="List the services citizens contact",
)
def list_services(request: AuthenticatedHttpRequest):
    analysts(request)
    return Service.objects.all()


@router.get("/demand/contacts", response={200: list[ContactOut], **ERRORS}, summary="List contacts")
@paginate(Pagination)
def list_contacts(request: AuthenticatedHttpRequest, filters: Query[ContactQuery]):
    analysts(request)
    found = Contact.objects.select_related("service").order_by("-received_at", "-pk")
    if filters.service:
        found = found.filter(service=_service(filters.service))
    for name in ("channel", "place", "demand_type", "classified_by"):
        if getattr(filters, name) is not None:
            found = found.filter(**{name: getattr(filters, name)})
    if filters.received_from:
        found = found.filter(received_at__date__gte=filters.received_from)
    if filters.received_to:
        found = found.filter(received_at__date__lte=filters.received_to)
    return found


def _take(payload: ContactIn) -> Contact:
    service = _service(payload.service)
    if service is None:
        raise ValidationError({"service": "Say which service the contact was about: its code."})
    if payload.resolved_at and payload.received_at and payload.resolved_at < payload.received_at:
        raise ValidationError({"resolved_at": "It cannot be resolved before it was received."})
    contact, _ = services.take_contact(
        service,
        payload.channel,
        payload.text,
        received_at=payload.received_at,
        what_matters=payload.what_matters,
        place=payload.place,
        resolved_at=payload.resolved_at,
        external_id=payload.external_id or None,
    )
    return contact


@router.post(
    "/demand/contacts",
    response={201: ContactOut, 409: Problem, **ERRORS},
    summary="Record a contact",
)
def create_contact(request: AuthenticatedHttpRequest, payload: ContactIn):
    """Scrubbed of personal data and classified (rules, then the classifier) as it is taken."""
    analysts(request)
    if payload.external_id and Contact.objects.filter(external_id=payload.external_id).exists():
        raise ValidationError({"external_id": "A contact with this identifier is already here."})
    return Status(201, _take(payload))


@router.post(
    "/demand/contacts/bulk",
    response={201: BulkOut, **ERRORS},
    summary="Record up to 1,000 contacts at once",
)
def create_contacts(request: AuthenticatedHttpRequest, payload: BulkIn):
    """All or nothing; a contact whose identifier is already here is left as it is."""
    analysts(request)
    given = [c.external_id for c in payload.contacts if c.external_id]
    if len(given) != len(set(given)):
        raise ValidationError({"contacts": "Two contacts have the same external_id."})
    here = set(Contact.objects.filter(external_id__in=given).values_list("external_id", flat=True))
    with transaction.atomic():
        made = [
            _take(c) for c in payload.contacts if not c.external_id or c.external_id not in here
        ]
    return Status(201, BulkOut(created=len(made), already_here=len(here), ids=[c.pk for c in made]))


@router.get(
    "/demand/contacts/{contact_id}", response={200: ContactOut, **ERRORS}, summary="Get a contact"
)
def get_contact(request: AuthenticatedHttpRequest, contact_id: Id):
    analysts(request)
    return get_object_or_404(Contact.objects.select_related("service"), pk=contact_id)


@router.put(
    "/demand/contacts/{contact_id}/label",
    response={200: ContactOut, **ERRORS},
    summary="Label a contact (value or failure demand, and the cause)",
)
def label_contact(request: AuthenticatedHttpRequest, contact_id: Id, payload: LabelIn):
    """A person's label stands above rules and models, and teaches the next model."""
    analysts(request)
    contact = get_object_or_404(Contact.objects.select_related("service"), pk=contact_id)
    try:
        services.label(
            contact, request.user, payload.demand_type, payload.failure_cause or "", payload.need
        )
    except ValueError as problem:
        raise ValidationError({"failure_cause": str(problem)}) from None
    return contact


@router.get(
    "/demand/rules", response={200: list[RuleOut], **ERRORS}, summary="List classification rules"
)
def list_rules(request: AuthenticatedHttpRequest):
    analysts(request)
    return ClassificationRule.objects.all()


@router.post("/demand/rules", response={201: RuleOut, **ERRORS}, summary="Add a rule")
def create_rule(request: AuthenticatedHttpRequest, payload: RuleIn):
    analysts(request)
    try:
        pattern(payload.keywords)
    except RuleProblem as problem:
        raise ValidationError({"keywords": str(problem)}) from None
    if payload.demand_type == Contact.DemandType.FAILURE and not payload.failure_cause:
        raise ValidationError({"failure_cause": "Say what causes this failure demand."})
    if payload.service_id is not None:
        get_object_or_404(Service, pk=payload.service_id)
    rule = ClassificationRule.objects.create(
        service_id=payload.service_id,
        keywords=payload.keywords,
        demand_type=payload.demand_type,
        failure_cause=(payload.failure_cause or "") if payload.demand_type == "failure" else "",
        need=payload.need,
        position=payload.position,
        created_by=request.user,
    )
    return Status(201, rule)


@router.get(
    "/demand/classifier",
    response={200: ClassifierOut, **ERRORS},
    summary="The current classifier and its cross-validated evaluation",
)
def get_classifier(request: AuthenticatedHttpRequest):
    analysts(request)
    model = services.current_model()
    if model is None:
        raise Http404("No classifier has been trained yet.")
    evaluation = model.evaluation
    return ClassifierOut(
        created_at=model.created_at,
        trained_on=model.trained_on,
        classes=model.classes,
        folds=evaluation.get("folds", 0),
        accuracy=evaluation.get("accuracy"),
        evaluation=evaluation.get("classes", []),
    )


@router.post(
    "/demand/classifier/train",
    response={202: Queued, **ERRORS},
    summary="Train a new classifier on every label so far",
)
def train_classifier(request: AuthenticatedHttpRequest):
    analysts(request)
    retrain.enqueue()
    return Status(202, Queued(detail="A new model is being trained in the background."))


def _filters(query: AnalysisQuery) -> analysis.Filters:
    service = _service(query.service)
    if query.start and query.end and query.end < query.start:
        raise ValidationError({"end": "The end date must be on or after the start date."})
    ensure_fresh()
    return analysis.Filters(
        start=query.start,
        end=query.end,
        service_ids=(service.pk,) if service else (),
        channels=(query.channel,) if query.channel else (),
        places=(query.place,) if query.place else (),
    )


@router.get(
    "/demand/analysis/weekly-volume",
    response={200: VolumeOut, **ERRORS},
    summary="Weekly value and failure demand, as XmR charts",
)
def weekly_volume(
    request: AuthenticatedHttpRequest, query: Query[AnalysisQuery], rebase: bool = False
):
    analysts(request)
    found = volume_charts(_filters(query), rebase)
    return VolumeOut(
        value=found["value"].as_dict(),
        failure=found["failure"].as_dict(),
        unclassified=[row[3] for row in found["rows"]],
    )


@router.get(
    "/demand/analysis/failure-share",
    response={200: list[ShareOut], **ERRORS},
    summary="Failure demand's share by service, channel or place",
)
def failure_share(
    request: AuthenticatedHttpRequest, query: Query[AnalysisQuery], by: Code = "service"
):
    analysts(request)
    columns = {"service": "service_id", "channel": "channel", "place": "place"}
    if by not in columns:
        raise ValidationError({"by": "Break it down by service, channel or place."})
    names = {s.pk: s for s in Service.objects.all()} if by == "service" else None
    rows = share_rows(analysis.failure_share(_filters(query), columns[by]), names)
    if names is not None:
        for row in rows:
            row["key"] = names[row["key"]].code if row["key"] in names else str(row["key"])
    return [{**row, "key": str(row["key"])} for row in rows]


@router.get(
    "/demand/analysis/failure-causes",
    response={200: list[CauseOut], **ERRORS},
    summary="The causes of failure demand, largest first (Pareto)",
)
def failure_causes(request: AuthenticatedHttpRequest, query: Query[AnalysisQuery]):
    analysts(request)
    return [
        CauseOut(cause=cause or "not_recorded", contacts=n)
        for cause, n in analysis.failure_causes(_filters(query))
    ]


@router.get(
    "/demand/analysis/end-to-end",
    response={200: CapabilityOut, **ERRORS},
    summary="End-to-end time: percentiles and the latest resolved contacts",
)
def end_to_end(request: AuthenticatedHttpRequest, query: Query[AnalysisQuery]):
    analysts(request)
    found = analysis.end_to_end(_filters(query))
    return CapabilityOut(
        resolved=found.resolved,
        p50=found.percentiles.get(50),
        p85=found.percentiles.get(85),
        p95=found.percentiles.get(95),
        latest=found.latest,
    )


@router.get(
    "/demand/analysis/what-matters",
    response={200: list[PhraseOut], **ERRORS},
    summary="What matters most to citizens, by service (only phrases many said)",
)
def what_matters(request: AuthenticatedHttpRequest, query: Query[AnalysisQuery]):
    analysts(request)
    codes = dict(Service.objects.values_list("pk", "code"))
    return [
        PhraseOut(service_code=codes.get(service_id, ""), phrase=phrase, citizens=n)
        for service_id, phrases in analysis.what_matters(_filters(query)).items()
        for phrase, n in phrases
    ]


@router.get(
    "/demand/analysis/put-right",
    response={200: list[VerdictOut], **ERRORS},
    summary="Was it put right? Citizens' verdicts by service or place",
)
def put_right(request: AuthenticatedHttpRequest, by: Code = "service"):
    analysts(request)
    if by not in ("service", "place"):
        raise ValidationError({"by": "Break it down by service or place."})
    return [
        VerdictOut(key=v.key, answered=v.answered, put_right=v.put_right, suppressed=v.suppressed)
        for v in services.verdicts_by(by)
    ]
