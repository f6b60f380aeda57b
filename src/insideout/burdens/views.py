"""The ledger's pages for everyone signed in: every hour the centre takes from doers, each
requirement with its trail, a doer's own calendar and reports, and proposals to cut them."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.asks.services import asks_visible_to
from insideout.directory.models import Organisation
from insideout.scorecard.scores import agreement
from insideout.vocabulary import NeedCategory
from insideout.web.forms import add_refusal
from insideout.web.pagination import paginate
from insideout.web.tables import FORMATS

from . import (
    audience,
    charts,
    disclosure,
    doer_calendar,
    exports,
    flags,
    ledger,
    outcomes,
    scrutiny,
    services,
)
from .forms import ChangeProposalForm, FlagAskForm, LedgerFilterForm, ReportForm
from .models import IMPOSING, ChangeProposal, Requirement, State

PUBLIC_STATES = [*IMPOSING, State.RETIRED]


def requirements_visible_to(user):
    """Everyone signed in sees what is or was in force; proposals only centre staff see."""
    if user.is_centre_staff:
        return Requirement.objects.all()
    return Requirement.objects.filter(state__in=PUBLIC_STATES)


def visible_requirement(request: HttpRequest, requirement_id: int) -> Requirement:
    return get_object_or_404(
        requirements_visible_to(request.user).select_related("owner_unit"), pk=requirement_id
    )


def filtered(request: AuthenticatedHttpRequest):
    """The requirements the ledger's filters choose, with the form that chose them."""
    form = LedgerFilterForm(request.GET or None)
    unit = kind = state = None
    if form.is_bound and form.is_valid():
        unit, kind, state = (form.cleaned_data[k] for k in ("unit", "kind", "state"))
    if state and state not in PUBLIC_STATES and not request.user.is_centre_staff:
        state = None
    states = [state] if state else None
    return form, unit, ledger.requirements_in(states, unit, kind or "")


@login_required
def ledger_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every requirement in force, biggest burden first, with the trend of hours imposed."""
    form, unit, requirements = filtered(request)
    data = ledger.by_requirement(requirements)
    trend = ledger.trend(unit=unit)
    return render(
        request,
        "burdens/ledger.html",
        {
            "form": form,
            "unit": unit,
            "ledger": data,
            **paginate(request, data.rows, per_page=50),
            "trend": trend,
            "chart": charts.hours_chart(
                trend, "Hours imposed on doers each quarter", "hours-imposed"
            ),
            "net": ledger.net_change(ledger.year_ago(), unit=unit),
            "k": disclosure.K,
            "query": request.GET.urlencode(),
            "view": "requirements",
        },
    )


@login_required
def ledger_units(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, _, requirements = filtered(request)
    return render(
        request,
        "burdens/ledger_groups.html",
        {
            "form": form,
            "ledger": ledger.by_unit(requirements),
            "group_label": "Owning unit",
            "heading": "Hours imposed, by owning unit",
            "k": disclosure.K,
            "view": "units",
        },
    )


@login_required
def ledger_doer_types(request: AuthenticatedHttpRequest) -> HttpResponse:
    form, _, requirements = filtered(request)
    return render(
        request,
        "burdens/ledger_groups.html",
        {
            "form": form,
            "ledger": ledger.by_doer_type(requirements),
            "group_label": "Kind of organisation",
            "heading": "Hours imposed, by kind of organisation",
            "k": disclosure.K,
            "view": "doer_types",
        },
    )


@login_required
def ledger_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Choose csv or xlsx.")
    _, _, requirements = filtered(request)
    return exports.ledger_download(ledger.by_requirement(requirements), fmt)


@login_required
def requirement_page(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    requirement = visible_requirement(request, requirement_id)
    user = request.user
    data = ledger.by_requirement([requirement])
    sizes = audience.doers_by_type([requirement])[requirement.pk]
    consultations = [
        (c, agreement([c.pulse])) for c in requirement.consultations.select_related("pulse")
    ]
    own = services.reporting_organisations(user, requirement) if requirement.is_imposing else []
    own_asks = (
        asks_visible_to(user)
        .filter(category=NeedCategory.FEWER_BURDENS, organisation_id__in=user.organisation_ids)
        .exclude(burden_flags__requirement=requirement)
    )
    return render(
        request,
        "burdens/requirement.html",
        {
            "requirement": requirement,
            "row": data.rows[0],
            "quarters": data.quarters,
            "breakdown": ledger.breakdown_for(requirement),
            "for_whom": audience.describe(requirement, sizes),
            "doers": sum(sizes.values()),
            "cost": scrutiny.cost_in_words(requirement),
            "next_due": requirement.next_due(timezone.localdate())
            if requirement.is_imposing
            else [],
            "comments": disclosure.comments(requirement.pk, data.quarters),
            "k": disclosure.K,
            "k_text": disclosure.K_TEXT,
            "trail": requirement.events.select_related("actor"),
            "proposals": requirement.change_proposals.select_related("proposed_by"),
            "consultations": consultations,
            "flags": flags.flags_on(requirement, user),
            "budget": scrutiny.check_for(requirement),
            "offsets": requirement.offsets.select_related("target"),
            "pledged_as": requirement.pledged_as.filter(proposal__state=State.PROPOSED),
            "can_edit": services.can_edit(user, requirement),
            "can_decide_change": services.can_decide_change(user, requirement),
            "can_scrutinise": user.may_scrutinise(requirement.owner_unit_id),
            "report_for": own,
            "flag_form": FlagAskForm(asks=own_asks) if own_asks.exists() else None,
        },
    )


@login_required
def propose_change(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    """Anyone, a doer too, proposes to retire or simplify a requirement in force."""
    requirement = visible_requirement(request, requirement_id)
    form = ChangeProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_change(
                request.user,
                requirement,
                form.cleaned_data["action"],
                form.cleaned_data["reason"],
                form.cleaned_data["suggested_hours"],
            )
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(
                request,
                "Thank you: the owning unit will decide, and publish its answer and reason.",
            )
            return redirect(requirement)
    return render(
        request, "burdens/propose_change.html", {"requirement": requirement, "form": form}
    )


@login_required
def report(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    """A doer says what one occurrence took and how useful it is: under a minute."""
    requirement = visible_requirement(request, requirement_id)
    organisations = services.reporting_organisations(request.user, requirement)
    if not organisations:
        raise PermissionDenied("Only doers it lands on can report what it costs them.")
    due_on = due_date(request, requirement)
    if due_on is None:
        return render(
            request,
            "burdens/report.html",
            {"requirement": requirement, "due_on": None, "days": services.REPORTING_DAYS},
        )
    why = services.occurrence_is_due(requirement, due_on)
    form = ReportForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid() and not why:
        organisation = form.cleaned_data.get("organisation") or organisations[0]
        try:
            services.report(
                request.user,
                requirement,
                organisation,
                due_on,
                form.cleaned_data["hours"],
                form.cleaned_data["usefulness"],
                form.cleaned_data["comment"],
            )
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, f"Thank you: your report on {requirement.title} is in.")
            return redirect("burdens:calendar")
    first, changes = services.estimate_history(requirement)
    return render(
        request,
        "burdens/report.html",
        {
            "requirement": requirement,
            "form": form,
            "due_on": due_on,
            "why_not": why,
            "estimate": doer_calendar.schedule.estimate_on(due_on, first, changes),
        },
    )


def due_date(request: HttpRequest, requirement: Requirement) -> date | None:
    """The occurrence asked about, or else the latest one that can still be reported on."""
    given = request.GET.get("due") or request.POST.get("due", "")
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise Http404("Choose a due date from your burden calendar.") from None
    today = timezone.localdate()
    recent = requirement.due_dates(today - timedelta(days=services.REPORTING_DAYS), today)
    return recent[-1] if recent else None


@login_required
@require_POST
def flag_ask(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    """A doer points one of their own "fewer burdens" asks at the requirement it is about."""
    requirement = visible_requirement(request, requirement_id)
    form = FlagAskForm(request.POST, asks=asks_visible_to(request.user))
    if form.is_valid():
        try:
            flags.flag_ask(request.user, requirement, form.cleaned_data["ask"])
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, "Your ask now points at this requirement.")
    else:
        messages.error(request, "Choose one of your asks.")
    return redirect(requirement)


@login_required
def calendar(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A doer's burden calendar: reports they can still make, and what falls due next."""
    organisations = list(Organisation.objects.filter(pk__in=request.user.doer_organisation_ids))
    months = 12 if request.GET.get("months") == "12" else 3
    sections = [
        {
            "organisation": organisation,
            "due": doer_calendar.reports_due(organisation),
            "months": doer_calendar.by_month(doer_calendar.upcoming(organisation, months)),
        }
        for organisation in organisations
    ]
    return render(
        request,
        "burdens/calendar.html",
        {"sections": sections, "months": months, "days": services.REPORTING_DAYS},
    )


@login_required
def doer(request: AuthenticatedHttpRequest, organisation_id: int) -> HttpResponse:
    """One organisation's own burden: shown only to its people and to the centre."""
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    user = request.user
    if not (user.is_centre_staff or organisation.pk in user.organisation_ids):
        raise Http404("No such organisation's burden to show.")
    rows = doer_calendar.own_burden(organisation)
    reported = [r.reported for r in rows if r.reported is not None]
    return render(
        request,
        "burdens/doer.html",
        {
            "organisation": organisation,
            "rows": rows,
            "estimated": sum(r.estimated for r in rows),
            "reported": sum(r.reported if r.reported is not None else r.estimated for r in rows)
            if reported
            else None,
            "due": doer_calendar.reports_due(organisation),
        },
    )


def decisions(request: HttpRequest) -> HttpResponse:
    """Public: every decided proposal to retire or simplify, with its reason."""
    decided = (
        ChangeProposal.objects.exclude(status=ChangeProposal.Status.OPEN)
        .select_related("requirement", "requirement__owner_unit")
        .order_by("-decided_at", "-pk")
    )
    context = paginate(request, decided, per_page=20)
    context["decisions"] = [(p, outcomes.outcome(p)) for p in context["page_obj"]]
    return render(request, "burdens/decisions.html", context)
