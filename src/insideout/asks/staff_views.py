"""Centre staff's pages: a unit's queue, the triage queue and its rules, and asks made from
pulse answers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import CentreUnit
from insideout.directory.places import REGIONS
from insideout.pulses.disclosure import answer_for_handle
from insideout.web.pagination import paginate

from . import services
from .forms import QueueFilterForm, TriageRuleForm, action_form
from .from_pulses import ask_from_answer, existing_ask
from .models import OPEN_STATUSES, Ask, TriageRule
from .queues import late_asks, queue_asks, queue_rows, sorted_queue


@login_required
def unit_queue(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    """A unit's asks, a page at a time: filtered, sorted, each with its due date and late tag."""
    unit = get_object_or_404(CentreUnit, pk=unit_id)
    if not request.user.sees_unit_queue(unit.pk):
        raise PermissionDenied("Only the unit's staff, admins and analysts see its queue.")
    data = request.GET.copy()
    if "status" in data and "show" not in data:  # links made before the filter was renamed
        data["show"] = data.get("status", "")
    form = QueueFilterForm(data or None)
    chosen = form.cleaned_data if form.is_bound and form.is_valid() else {}
    everything = Ask.objects.filter(unit=unit)
    asks = queue_asks(everything, chosen.get("show", ""), chosen.get("category", ""))
    asks = sorted_queue(
        services.with_supporter_count(asks.select_related("organisation")), chosen.get("sort", "")
    )
    pages = paginate(request, asks, per_page=25)
    return render(
        request,
        "asks/queue.html",
        {
            **pages,
            "unit": unit,
            "form": form,
            "rows": queue_rows(list(pages["page_obj"])),
            "late_count": late_asks(everything).count(),
        },
    )


@login_required
def triage(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Asks no rule routed, oldest first, each with a form to route it."""
    if not request.user.is_centre_lead:
        raise PermissionDenied("Only centre leads and admins triage asks.")
    asks = services.with_supporter_count(
        Ask.objects.filter(unit__isnull=True, status__in=OPEN_STATUSES).select_related(
            "organisation", "suggested_unit"
        )
    ).order_by("raised_at", "pk")
    pages = paginate(request, asks, per_page=25)
    return render(
        request,
        "asks/triage.html",
        {
            **pages,
            "rows": [
                (ask, action_form("route", ask, id_prefix=f"{ask.pk}_"))
                for ask in pages["page_obj"]
            ],
        },
    )


def conditions(rule: TriageRule) -> str:
    """A rule's conditions in words, for its row in the list."""
    parts = [
        rule.get_category_display() if rule.category else "",
        rule.get_organisation_type_display() if rule.organisation_type else "",
        REGIONS.get(rule.region, rule.region),
        f"mentions {', '.join(rule.keyword_list)}" if rule.keyword_list else "",
    ]
    return "; ".join(p for p in parts if p) or "Any ask"


def number(value: str) -> int:
    if not value.isdigit():
        raise Http404("No such rule.")
    return int(value)


@login_required
def triage_rules(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The rules in the order they are tried; add one, change one, or switch one off."""
    if not request.user.is_centre_lead:
        raise PermissionDenied("Only centre leads and admins manage triage rules.")
    if request.method == "POST" and "toggle" in request.POST:
        rule = get_object_or_404(TriageRule, pk=number(request.POST["toggle"]))
        rule.is_active = not rule.is_active
        rule.save(update_fields=["is_active"])
        messages.success(
            request,
            f"Rule {rule.position} to {rule.unit} is now "
            f"{'active' if rule.is_active else 'switched off'}.",
        )
        return redirect("asks:rules")
    rule_id = request.POST.get("rule") or request.GET.get("rule")
    editing = get_object_or_404(TriageRule, pk=number(rule_id)) if rule_id else None
    form = TriageRuleForm(request.POST or None, instance=editing)
    if request.method == "POST" and form.is_valid():
        rule = form.save(commit=False)
        if editing is None:
            rule.created_by = request.user
        rule.save()
        messages.success(request, f"Rule {rule.position} to {rule.unit} saved.")
        return redirect("asks:rules")
    return render(
        request,
        "asks/rules.html",
        {
            "rules": [
                (rule, conditions(rule)) for rule in TriageRule.objects.select_related("unit")
            ],
            "form": form,
            "editing": editing,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def from_answer(request: AuthenticatedHttpRequest, handle: str) -> HttpResponse:
    """Centre staff turn a 'what one thing would help' answer into an ask in one click. The
    answer comes as the sealed handle its comment carried, never as its id."""
    if not request.user.is_centre_staff:
        raise PermissionDenied("Only centre staff can make asks from pulse answers.")
    answer = answer_for_handle(handle)
    if answer is None:
        # Forged, or from comments that may not be shown (any more): as good as not there.
        raise Http404("No such answer.")
    pulse = answer.pulse
    existing = existing_ask(answer)
    if request.method == "POST":
        if existing is not None:
            messages.info(request, f"This answer is already {existing.reference}.")
            ask = existing
        else:
            ask = ask_from_answer(answer, request.user)
            messages.success(
                request,
                f"{ask.reference} raised from the answer"
                f"{' and routed to ' + str(ask.unit) if ask.unit else ''}.",
            )
        if services.can_see_detail(request.user, ask):
            return redirect(ask)
        return redirect("scorecard:pulse", pulse_id=pulse.pk)
    return render(
        request,
        "asks/from_answer.html",
        {
            "answer": answer,
            "pulse": pulse,
            "existing": existing,
            "organisation": None if pulse.is_anonymous else answer.response.organisation,
        },
    )
