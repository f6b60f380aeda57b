"""The centre's pages: proposing a requirement and assessing its burden, the scrutiny queue and
its decisions, consulting the doers, reviews, answering proposals to retire or simplify, the
burden budget, and pointing doers' words at the requirement they are about."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from insideout.accounts.models import User
from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.asks.models import Ask
from insideout.directory.models import CentreUnit
from insideout.web.decorators import centre_staff_required
from insideout.web.forms import add_refusal

from . import flags, ledger, scrutiny, services
from .forms import (
    AssessmentForm,
    BudgetRuleForm,
    ConsultForm,
    DecideChangeForm,
    DecisionForm,
    FlagSignalForm,
    ReasonForm,
    RequirementForm,
)
from .models import ChangeProposal, Requirement, State


def units_for(user: User) -> QuerySet[CentreUnit]:
    """The units a person may propose requirements for: their own (admins: all)."""
    if user.is_admin:
        return CentreUnit.objects.exclude(kind=CentreUnit.Kind.DEPARTMENT).order_by("name")
    return CentreUnit.objects.filter(pk__in=user.centre_unit_ids).order_by("name")


@centre_staff_required
def new(request: AuthenticatedHttpRequest) -> HttpResponse:
    units = units_for(request.user)
    if not units.exists():
        raise PermissionDenied("Only the staff of a unit can propose its requirements.")
    form = RequirementForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        requirement, listed = form.apply()
        try:
            services.propose(request.user, requirement, listed)
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, f"{requirement.reference} proposed. Next, assess its burden.")
            return redirect("burdens:assess", requirement.pk)
    return render(request, "burdens/requirement_form.html", {"form": form, "requirement": None})


def editable(request: AuthenticatedHttpRequest, requirement_id: int) -> Requirement:
    requirement = get_object_or_404(Requirement, pk=requirement_id)
    if not services.can_edit(request.user, requirement):
        raise PermissionDenied("Only the owning unit's staff can change it.")
    return requirement


@centre_staff_required
def edit(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    requirement = editable(request, requirement_id)
    if requirement.state != State.PROPOSED:
        messages.error(request, "Only a proposal can be changed: propose to simplify it instead.")
        return redirect(requirement)
    form = RequirementForm(
        request.POST or None, instance=requirement, units=units_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        changed, listed = form.apply()
        try:
            services.change(request.user, changed, listed)
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, "Saved. Assess its burden again to send it to scrutiny.")
            return redirect("burdens:assess", requirement.pk)
    return render(
        request, "burdens/requirement_form.html", {"form": form, "requirement": requirement}
    )


@centre_staff_required
def assess(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    """The burden assessment: hours added and for whom, and the offsets that pay for it."""
    requirement = editable(request, requirement_id)
    if requirement.state != State.PROPOSED:
        messages.error(request, "Only a proposal is assessed.")
        return redirect(requirement)
    form = AssessmentForm(request.POST or None, proposal=requirement)
    if request.method == "POST" and form.is_valid():
        pledges = [scrutiny.Pledge(*pledge) for pledge in form.pledges()]
        try:
            scrutiny.assess(request.user, requirement, pledges, form.cleaned_data["for_whom"])
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, f"{requirement.reference} is in the scrutiny queue.")
            return redirect(requirement)
    sizes = services.audience.doers_by_type([requirement])[requirement.pk]
    doers = sum(sizes.values())
    rule = scrutiny.current_rule()
    hours = ledger.schedule.annual_hours(
        requirement.frequency, float(requirement.estimated_hours), doers
    )
    return render(
        request,
        "burdens/assess.html",
        {
            "requirement": requirement,
            "form": form,
            "doers": doers,
            "for_whom": services.audience.describe(requirement, sizes),
            "hours": hours,
            "rule": rule,
            "needed": scrutiny.under_rule(requirement, hours, [], rule).needed,
        },
    )


@centre_staff_required
def scrutiny_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    waiting = list(scrutiny.queue())
    for requirement in waiting:
        requirement.budget = scrutiny.check_for(requirement)
        requirement.reviewable = request.user.may_scrutinise(requirement.owner_unit_id)
    return render(
        request,
        "burdens/scrutiny.html",
        {"waiting": waiting, "rule": scrutiny.current_rule()},
    )


@centre_staff_required
def decide(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    requirement = get_object_or_404(Requirement, pk=requirement_id)
    if not request.user.may_scrutinise(requirement.owner_unit_id):
        raise PermissionDenied(
            "Scrutiny reviewers are centre leads outside the unit that owns the requirement."
        )
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scrutiny.decide(
                request.user,
                requirement,
                form.cleaned_data["decision"],
                form.cleaned_data["reason"],
            )
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, f"Your decision on {requirement.reference} is recorded.")
            return redirect("burdens:scrutiny")
    return render(
        request,
        "burdens/decide.html",
        {
            "requirement": requirement,
            "form": form,
            "budget": scrutiny.check_for(requirement),
            "offsets": requirement.offsets.select_related("target"),
            "waiting": requirement.state == State.PROPOSED and requirement.in_scrutiny_since,
        },
    )


@centre_staff_required
def consult(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    requirement = get_object_or_404(Requirement, pk=requirement_id)
    user = request.user
    if not (services.can_edit(user, requirement) or user.may_scrutinise(requirement.owner_unit_id)):
        raise PermissionDenied("Only the owning unit's staff or a scrutiny reviewer can consult.")
    form = ConsultForm(
        request.POST or None, initial={"closes_on": timezone.localdate() + timedelta(days=14)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            scrutiny.consult(user, requirement, form.cleaned_data["closes_on"])
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, "The consultation is open: the doers have their link.")
            return redirect(requirement)
    return render(
        request,
        "burdens/consult.html",
        {
            "requirement": requirement,
            "form": form,
            "statement": f"{requirement.title} would take {scrutiny.cost_in_words(requirement)} "
            "of your time. It would be worth that time.",
        },
    )


REVIEW_STEPS = {
    "review": (
        services.put_under_review,
        "Put it under review",
        "Is it still worth the doers' time? While under review it stays in force; close the "
        "review by keeping it, or by accepting a proposal to retire or simplify it.",
        "Why review it now?",
        "It is under review.",
    ),
    "keep": (
        services.keep,
        "Keep it as it is",
        "Close the review with the requirement unchanged. Say why it is worth the doers' "
        "time: the reason stays in its trail.",
        "Why keep it?",
        "The review is closed.",
    ),
}


def review_step(request: AuthenticatedHttpRequest, requirement_id: int, name: str) -> HttpResponse:
    step, heading, intro, label, done = REVIEW_STEPS[name]
    requirement = get_object_or_404(Requirement, pk=requirement_id)
    if not services.can_decide_change(request.user, requirement):
        raise PermissionDenied("Only the owning unit's lead can do this.")
    form = ReasonForm(request.POST or None)
    form.fields["note"].label = label
    if request.method == "POST" and form.is_valid():
        try:
            step(request.user, requirement, form.cleaned_data["note"])
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, done)
            return redirect(requirement)
    return render(
        request,
        "burdens/reason.html",
        {"requirement": requirement, "form": form, "heading": heading, "intro": intro},
    )


@centre_staff_required
def review(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    """The owning unit's lead opens a review: is it still worth the doers' time?"""
    return review_step(request, requirement_id, "review")


@centre_staff_required
def keep(request: AuthenticatedHttpRequest, requirement_id: int) -> HttpResponse:
    """The owning unit's lead closes a review, keeping the requirement as it is."""
    return review_step(request, requirement_id, "keep")


@centre_staff_required
def proposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Proposals to retire or simplify, open ones first; each unit's lead answers its own."""
    found = ChangeProposal.objects.select_related(
        "requirement", "requirement__owner_unit", "proposed_by"
    ).order_by("status", "-proposed_at")
    user = request.user
    if not (user.is_admin or user.sees_everything) and user.centre_unit_ids:
        found = found.filter(requirement__owner_unit_id__in=user.centre_unit_ids)
    open_ones = [p for p in found if p.status == ChangeProposal.Status.OPEN]
    decided = [p for p in found if p.status != ChangeProposal.Status.OPEN][:50]
    return render(request, "burdens/proposals.html", {"open": open_ones, "decided": decided})


@centre_staff_required
def decide_change(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    proposal = get_object_or_404(
        ChangeProposal.objects.select_related("requirement", "proposed_by"), pk=proposal_id
    )
    requirement = proposal.requirement
    if not services.can_decide_change(request.user, requirement):
        raise PermissionDenied("Only the owning unit's lead can decide.")
    form = DecideChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_change(
                request.user,
                proposal,
                form.cleaned_data["accept"],
                form.cleaned_data["reason"],
                form.cleaned_data["new_hours"],
            )
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, "Decided: the decision and its reason are now public.")
            return redirect("burdens:proposals")
    row = ledger.by_requirement([requirement]).rows[0]
    return render(
        request,
        "burdens/decide_change.html",
        {"proposal": proposal, "requirement": requirement, "form": form, "row": row},
    )


@centre_staff_required
def budget(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The burden budget: the rule, and the net change in hours a year, by unit."""
    user = request.user
    form = BudgetRuleForm(
        request.POST or None, initial={"applies_from": timezone.localdate(), "ratio": 2}
    )
    if request.method == "POST":
        if not user.is_leadership:
            raise PermissionDenied("Only leadership sets the burden budget.")
        if form.is_valid():
            data = form.cleaned_data
            scrutiny.set_rule(
                user, data["ratio"], data["exempts_statutory"], data["applies_from"], data["note"]
            )
            messages.success(request, "The burden budget is set.")
            return redirect("burdens:budget")
    since = ledger.year_ago()
    change = ledger.net_change(since)
    units: dict[int, dict] = {}
    for event in change.events:
        if event.hours_per_year_change is None:  # (net_change asked for events that change it)
            continue
        unit = event.requirement.owner_unit
        row = units.setdefault(unit.pk, {"unit": unit, "added": 0.0, "removed": 0.0})
        hours = float(event.hours_per_year_change)
        row["added" if hours > 0 else "removed"] += abs(hours)
    return render(
        request,
        "burdens/budget.html",
        {
            "rule": scrutiny.current_rule(),
            "rules": scrutiny.BudgetRule.objects.select_related("set_by")[:10],
            "change": change,
            "units": sorted(units.values(), key=lambda r: r["unit"].name),
            "since": since,
            "form": form if user.is_leadership else None,
        },
    )


@centre_staff_required
def signals(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Doers' words about burdens that point at no requirement yet, to point them."""
    if request.method == "POST":
        form = FlagSignalForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data["ask"]:
                    ask = get_object_or_404(Ask, pk=data["ask"])
                    flags.flag_ask(request.user, data["requirement"], ask)
                else:
                    flags.flag_answer(request.user, data["requirement"], data["answer"])
            except ValidationError as refused:
                messages.error(request, " ".join(refused.messages))
            else:
                messages.success(request, f"It now points at {data['requirement'].title}.")
        else:
            messages.error(request, "Choose the requirement it is about.")
        return redirect("burdens:signals")
    found = flags.unflagged_signals()
    return render(
        request,
        "burdens/signals.html",
        {
            "signals": [
                (s, FlagSignalForm(initial=initial_for(s), auto_id=f"id_signal{i}_%s"))
                for i, s in enumerate(found)
            ]
        },
    )


def initial_for(signal: flags.Signal) -> dict:
    return {
        "requirement": signal.suggestion.pk if signal.suggestion else None,
        "ask": signal.ask.pk if signal.ask else None,
        "answer": signal.handle,
    }
