"""The burden ledger over the API: requirements, scrutiny, doers' reports, proposals to cut,
the ledger's figures and the budget, under the same rules as the pages."""

from datetime import timedelta
from typing import Annotated

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Status
from ninja.pagination import paginate

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import CentreUnit, Organisation
from insideout.directory.services import listed_organisations
from insideout.web.decorators import refuse_unless
from insideout.web.limits import Id, Pagination

from . import doer_calendar, ledger, scrutiny, services
from .models import ChangeProposal, Report, Requirement
from .schemas import (
    AssessmentIn,
    AssessmentOut,
    BudgetOut,
    BudgetRuleIn,
    BudgetRuleOut,
    ConsultationIn,
    ConsultationOut,
    DecisionIn,
    DueOut,
    EventOut,
    LedgerOut,
    LedgerQuery,
    ProposalDecisionIn,
    ProposalIn,
    ProposalOut,
    QuarterOut,
    ReportIn,
    ReportOut,
    RequirementDetailOut,
    RequirementIn,
    RequirementOut,
    RequirementQuery,
)
from .views import requirements_visible_to

router = Router(tags=["burdens"])


def visible(request: HttpRequest, requirement_id: int) -> Requirement:
    """The requirement, or 404 for one the caller may not see (a proposal, to a doer)."""
    return get_object_or_404(
        requirements_visible_to(request.user).select_related("owner_unit"), pk=requirement_id
    )


def figures(row: ledger.Row) -> dict:
    return {
        "estimated": round(row.estimated, 1),
        "reported": None if row.reported is None else round(row.reported, 1),
        "gap": None if row.gap is None else round(row.gap, 1),
        "usefulness": None if row.usefulness is None else round(row.usefulness, 2),
        "reports": row.tally.reports if row.tally else None,
    }


def detail(requirement: Requirement) -> dict:
    row = ledger.by_requirement([requirement]).rows[0]
    return {
        "requirement": requirement,
        "doers": row.doers,
        "hours_a_year": figures(row),
        "next_due": requirement.next_due(timezone.localdate()),
    }


@router.get("/requirements", response=list[RequirementOut], summary="List requirements")
@paginate(Pagination)
def list_requirements(request: HttpRequest, filters: Query[RequirementQuery]):
    """What the centre imposes on doers. Doers see what is or was in force; centre staff also
    proposals and rejected ones."""
    found = requirements_visible_to(request.user).select_related("owner_unit")
    if filters.state:
        found = found.filter(state=filters.state)
    if filters.unit_id is not None:
        found = found.filter(owner_unit_id=filters.unit_id)
    if filters.kind:
        found = found.filter(kind=filters.kind)
    return found.order_by("title", "pk")


@router.post("/requirements", response={201: RequirementOut}, summary="Propose a requirement")
def propose(request: AuthenticatedHttpRequest, payload: RequirementIn):
    """The owning unit's staff propose; it then needs a burden assessment and scrutiny."""
    unit = CentreUnit.objects.filter(pk=payload.owner_unit_id).first()
    if unit is None:
        raise ValidationError({"owner_unit_id": "No centre unit has that id."})
    try:
        listed = listed_organisations("\n".join(payload.audience_organisations))
    except ValidationError as missing:
        raise ValidationError({"audience_organisations": " ".join(missing.messages)}) from None
    data = payload.model_dump(exclude={"owner_unit_id", "audience_organisations"})
    requirement = Requirement(owner_unit=unit, **data)
    services.propose(request.user, requirement, listed)
    return Status(201, requirement)


@router.get(
    "/requirements/{requirement_id}",
    response=RequirementDetailOut,
    summary="Get a requirement, with its hours a year",
)
def get_requirement(request: HttpRequest, requirement_id: Id):
    return detail(visible(request, requirement_id))


@router.get(
    "/requirements/{requirement_id}/events",
    response=list[EventOut],
    summary="A requirement's trail: every change, who made it, and the hours it added or took",
)
def requirement_events(request: HttpRequest, requirement_id: Id):
    return visible(request, requirement_id).events.select_related("actor")


def assessment_out(requirement: Requirement) -> AssessmentOut:
    assessment = requirement.assessment
    check = scrutiny.check_of(requirement, assessment)
    return AssessmentOut(
        hours_per_year=assessment.hours_per_year,
        doers=assessment.doers,
        doers_by_type=assessment.doers_by_type,
        for_whom=assessment.for_whom,
        # ninja reads each Offset as an OffsetOut (from its attributes); mypy cannot see that.
        offsets=list(requirement.offsets.all()),  # type: ignore[arg-type]
        budget_needed=round(check.needed, 1),
        budget_pledged=round(check.pledged, 1),
        net_change=round(check.net_change, 1),
    )


@router.post(
    "/requirements/{requirement_id}/assessment",
    response={201: AssessmentOut},
    summary="Assess a proposal's burden, say what pays for it, and send it to scrutiny",
)
def assess(request: AuthenticatedHttpRequest, requirement_id: Id, payload: AssessmentIn):
    requirement = visible(request, requirement_id)
    pledges = []
    for offset in payload.offsets:
        target = Requirement.objects.filter(pk=offset.requirement_id).first()
        if target is None:
            raise ValidationError({"offsets": f"No requirement has the id {offset.requirement_id}"})
        pledges.append(scrutiny.Pledge(target, offset.action, offset.new_hours))
    scrutiny.assess(request.user, requirement, pledges, payload.for_whom)
    requirement.refresh_from_db()
    return Status(201, assessment_out(requirement))


@router.post(
    "/requirements/{requirement_id}/decision",
    response=RequirementOut,
    summary="Decide at scrutiny: approve, send back or reject, with a reason",
)
def decide(request: AuthenticatedHttpRequest, requirement_id: Id, payload: DecisionIn):
    """Reviewers are centre leads outside the owning unit. Approving puts it in force and
    carries out the retirements and simplifications that pay for it."""
    requirement = visible(request, requirement_id)
    return scrutiny.decide(request.user, requirement, payload.decision, payload.reason)


@router.post(
    "/requirements/{requirement_id}/consultation",
    response={201: ConsultationOut},
    summary="Consult the doers a proposal would land on, by a one-question pulse",
)
def consult(request: AuthenticatedHttpRequest, requirement_id: Id, payload: ConsultationIn):
    requirement = visible(request, requirement_id)
    consultation = scrutiny.consult(request.user, requirement, payload.closes_on)
    return Status(
        201,
        ConsultationOut(
            id=consultation.pk,
            pulse_id=consultation.pulse_id,
            closes_on=consultation.pulse.closes_on,
            statement=consultation.pulse.ordered_questions()[0].text,
        ),
    )


@router.get(
    "/requirements/{requirement_id}/reports",
    response=list[ReportOut],
    summary="Doers' reports on a requirement: all of them for the centre, your own for a doer",
)
@paginate(Pagination)
def list_reports(request: AuthenticatedHttpRequest, requirement_id: Id):
    requirement = visible(request, requirement_id)
    reports = Report.objects.filter(requirement=requirement).select_related("organisation")
    if not request.user.is_centre_staff:
        reports = reports.filter(organisation_id__in=request.user.organisation_ids)
    return reports.order_by("-due_on", "pk")


@router.post(
    "/requirements/{requirement_id}/reports",
    response={201: ReportOut},
    summary="Report what one occurrence really took, and how useful it is",
)
def add_report(request: AuthenticatedHttpRequest, requirement_id: Id, payload: ReportIn):
    requirement = visible(request, requirement_id)
    refuse_unless(
        bool(request.user.doer_organisation_ids), "Only doers report what a requirement costs."
    )
    organisations = services.reporting_organisations(request.user, requirement)
    if payload.organisation:
        organisations = [o for o in organisations if o.external_id == payload.organisation]
    if not organisations:
        raise ValidationError({"organisation": "It does not land on your organisation."})
    if len(organisations) > 1:
        raise ValidationError({"organisation": "Say which of your organisations this is for."})
    report = services.report(
        request.user,
        requirement,
        organisations[0],
        payload.due_on,
        payload.hours,
        payload.usefulness,
        payload.comment,
    )
    return Status(201, report)


@router.post(
    "/requirements/{requirement_id}/proposals",
    response={201: ProposalOut},
    summary="Propose to retire or simplify a requirement (anyone may)",
)
def propose_change(request: AuthenticatedHttpRequest, requirement_id: Id, payload: ProposalIn):
    requirement = visible(request, requirement_id)
    proposal = services.propose_change(
        request.user, requirement, payload.action, payload.reason, payload.suggested_hours
    )
    return Status(201, proposal)


@router.get(
    "/burden-proposals",
    response=list[ProposalOut],
    summary="Proposals to retire or simplify: every one for the centre, your own for a doer",
)
@paginate(Pagination)
def list_proposals(request: AuthenticatedHttpRequest):
    found = ChangeProposal.objects.select_related("requirement")
    if not request.user.is_centre_staff:
        found = found.filter(proposed_by=request.user)
    return found.order_by("-proposed_at", "-pk")


@router.post(
    "/burden-proposals/{proposal_id}/decision",
    response=ProposalOut,
    summary="Accept (retiring or simplifying it) or decline a proposal, with a public reason",
)
def decide_proposal(
    request: AuthenticatedHttpRequest, proposal_id: Id, payload: ProposalDecisionIn
):
    proposal = get_object_or_404(ChangeProposal, pk=proposal_id)
    return services.decide_change(
        request.user, proposal, payload.accept, payload.reason, payload.new_hours
    )


@router.get(
    "/burden-ledger",
    response=LedgerOut,
    summary="Hours a year imposed, as estimated and as doers report, by requirement, unit or "
    "kind of organisation",
)
def get_ledger(request: AuthenticatedHttpRequest, filters: Query[LedgerQuery]):
    """Doers' figures are sums of published cells only: none where fewer than the anonymity
    threshold of organisations reported."""
    unit = CentreUnit.objects.filter(pk=filters.unit_id).first() if filters.unit_id else None
    requirements = ledger.requirements_in(
        [filters.state] if filters.state else None, unit, filters.kind or ""
    )
    if not request.user.is_centre_staff:
        requirements = requirements.filter(pk__in=requirements_visible_to(request.user))
    build = {
        "requirement": ledger.by_requirement,
        "unit": ledger.by_unit,
        "doer_type": ledger.by_doer_type,
    }[filters.by]
    data = build(requirements)

    def out(row: ledger.Row) -> dict:
        return {
            **figures(row),
            "label": row.label,
            "requirement_id": row.requirement.pk if row.requirement else None,
            "requirements": row.requirements,
        }

    return {
        "by": filters.by,
        "reports_from": data.reports_from,
        "reports_to": data.reports_to,
        "rows": [out(row) for row in data.rows],
        "total": out(data.total),
    }


@router.get(
    "/burden-ledger/trend",
    response=list[QuarterOut],
    summary="Hours imposed on doers, quarter by quarter",
)
def get_trend(request: HttpRequest, unit_id: Id | None = None):
    unit = CentreUnit.objects.filter(pk=unit_id).first() if unit_id else None
    return [
        {
            "quarter": p.quarter.label,
            "starts_on": p.quarter.start,
            "estimated": round(p.estimated, 1),
            "reported": None if p.reported is None else round(p.reported, 1),
            "reports": p.reports,
        }
        for p in ledger.trend(unit=unit)
    ]


@router.get(
    "/burden-budget",
    response=BudgetOut,
    summary="The burden budget rule, and the hours a year added and taken away over 12 months",
)
def get_budget(request: AuthenticatedHttpRequest):
    refuse_unless(request.user.is_centre_staff, "Only centre staff see the burden budget.")
    since = ledger.year_ago()
    change = ledger.net_change(since)
    return {
        "rule": scrutiny.current_rule(),
        "since": since,
        "added": round(change.added, 1),
        "removed": round(change.removed, 1),
        "net": round(change.net, 1),
    }


@router.post("/burden-budget", response={201: BudgetRuleOut}, summary="Set the budget rule")
def set_budget(request: AuthenticatedHttpRequest, payload: BudgetRuleIn):
    rule = scrutiny.set_rule(
        request.user,
        payload.ratio,
        payload.exempts_statutory,
        payload.applies_from,
        payload.note,
    )
    return Status(201, rule)


@router.get(
    "/burden-calendar",
    response=list[DueOut],
    summary="Your burden calendar: what falls due for your organisations, and what to report",
)
def get_calendar(request: AuthenticatedHttpRequest, months: Annotated[int, Field(ge=1, le=12)] = 3):
    today = timezone.localdate()
    found = []
    for organisation in Organisation.objects.filter(pk__in=request.user.doer_organisation_ids):
        start = today - timedelta(days=services.REPORTING_DAYS)
        end = doer_calendar.schedule.add_months(today, months)
        for due in doer_calendar.occurrences(organisation, start, end):
            found.append(
                {
                    "requirement_id": due.requirement.pk,
                    "title": due.requirement.title,
                    "organisation_id": organisation.pk,
                    "due_on": due.due_on,
                    "estimated_hours": due.hours,
                    "reported": due.report is not None,
                    "can_report": due.report is None and due.due_on <= today,
                }
            )
    return found
