"""The frontline partner's pages: open a case, record consent, what matters, goals and needs,
find services for a need and pull one; export or erase a person's data on request."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.catalogue import services as catalogue
from insideout.catalogue.models import Service
from insideout.catalogue.places import place_name
from insideout.web.decorators import refuse_unless
from insideout.web.pagination import paginate

from . import privacy, services
from .forms import (
    ConsentForm,
    EraseForm,
    GoalForm,
    NeedForm,
    OpenCaseForm,
    PullForm,
    UnmetForm,
    WhatMattersForm,
)
from .lifecycle import make_pull
from .models import Goal, Need
from .unmet import record_unmet


def refusals_into(form, refused: ValidationError) -> None:
    """A rule's refusal shown on the form, against the field it names."""
    if hasattr(refused, "error_dict"):
        for field, errors in refused.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, refused.messages)


@login_required
def my_cases(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    refuse_unless(
        user.opens_cases or bool(user.lead_organisation_ids),
        "Cases are for frontline partners and their organisations' leads.",
    )
    cases = services.cases_visible_to(user).prefetch_related("needs", "pulls")
    return render(
        request, "cases/mine.html", {**paginate(request, cases), "can_open": user.opens_cases}
    )


@login_required
def open_case(request: AuthenticatedHttpRequest) -> HttpResponse:
    refuse_unless(request.user.opens_cases, "Only frontline partners open cases.")
    form = OpenCaseForm(request.POST or None, initial={"kind": "person"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.open_case(
                request.user,
                reference=data["reference"],
                local_authority=data["local_authority"],
                kind=data["kind"],
                people=data["people"],
                age_band=data["age_band"],
                circumstances=data["circumstances"],
                what_matters=data["what_matters"],
            )
        except ValidationError as refused:
            refusals_into(form, refused)
        else:
            if data["consent"]:
                services.record_consent(case, request.user, given=True)
            messages.success(request, f"Case {case.label} opened.")
            return redirect(case)
    return render(request, "cases/open.html", {"form": form})


@login_required
def case_detail(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = services.read_case(request.user, case_id)
    needs = case.needs.prefetch_related("pulls__service", "signals")
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "place": place_name(case.local_authority),
            "consent": case.consent(),
            "goals": case.goals.all(),
            "needs": needs,
            "need_form": NeedForm(),
            "goal_form": GoalForm(),
            "reads": case.reads.select_related("reader")[:10],
            "trail": case.events.select_related("actor", "pull"),
            "may_change": not case.erased_at,
        },
    )


def _case_form(
    request: AuthenticatedHttpRequest,
    case_id: int,
    form_class,
    template: str,
    save,
    wording,
    initial=None,
):
    """A page with one form about a case: show it, or save it and go back to the case.
    `wording` is the page's heading and its button."""
    case = services.read_case(request.user, case_id)
    form = form_class(request.POST or None, initial=initial(case) if initial else None)
    if request.method == "POST" and form.is_valid():
        try:
            save(case, form.cleaned_data)
        except ValidationError as refused:
            refusals_into(form, refused)
        else:
            return redirect(case)
    heading, button = wording
    return render(
        request, template, {"form": form, "case": case, "heading": heading, "button": button}
    )


@login_required
def consent(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    def save(case, data) -> None:
        services.record_consent(case, request.user, given=data["given"], how=data["how"])
        messages.success(request, "Consent recorded." if data["given"] else "Consent withdrawn.")

    return _case_form(
        request, case_id, ConsentForm, "cases/consent.html", save, ("Consent", "Save consent")
    )


@login_required
def what_matters(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    def save(case, data) -> None:
        services.record_what_matters(case, request.user, data["what_matters"])

    return _case_form(
        request,
        case_id,
        WhatMattersForm,
        "cases/what_matters.html",
        save,
        ("What matters to them", "Save"),
        initial=lambda case: {"what_matters": case.what_matters},
    )


@login_required
def add_goal(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    def save(case, data) -> None:
        services.set_goal(case, request.user, data["text"])

    return _case_form(
        request, case_id, GoalForm, "cases/goal.html", save, ("Add a goal", "Add the goal")
    )


@login_required
@require_POST
def goal_status(request: AuthenticatedHttpRequest, goal_id: int) -> HttpResponse:
    mine = services.cases_visible_to(request.user).values("pk")
    goal = get_object_or_404(Goal.objects.select_related("case"), pk=goal_id, case__in=mine)
    case = goal.case
    try:
        services.change_goal(goal, request.user, request.POST.get("status", ""))
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    return redirect(case)


@login_required
def add_need(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    made: list[Need] = []

    def save(case, data) -> None:
        made.append(
            services.record_need(case, request.user, category=data["category"], text=data["text"])
        )

    response = _case_form(
        request,
        case_id,
        NeedForm,
        "cases/need_new.html",
        save,
        ("Add a need", "Add the need and find services"),
    )
    return redirect(made[0]) if made else response


def _need(request: AuthenticatedHttpRequest, case_id: int, need_id: int) -> Need:
    case = services.read_case(request.user, case_id)
    return get_object_or_404(Need.objects.select_related("case"), pk=need_id, case=case)


@login_required
def need_detail(request: AuthenticatedHttpRequest, case_id: int, need_id: int) -> HttpResponse:
    """A need and the short list of services for it, each saying why it is suggested."""
    need = _need(request, case_id, need_id)
    suggestions = services.short_list(need)
    found = Service.objects.in_bulk([s.service_id for s in suggestions])
    return render(
        request,
        "cases/need.html",
        {
            "case": need.case,
            "need": need,
            "suggestions": [(s, found[s.service_id]) for s in suggestions if s.service_id in found],
            "pulls": need.pulls.select_related("service"),
            "unmet_form": UnmetForm(),
            "consent": need.case.consent(),
        },
    )


@login_required
def pull_service(
    request: AuthenticatedHttpRequest, case_id: int, need_id: int, service_id
) -> HttpResponse:
    need = _need(request, case_id, need_id)
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_id)
    form = PullForm(request.POST or None, initial={"note_for_provider": need.text})
    if request.method == "POST" and form.is_valid():
        try:
            pull = make_pull(need, service, request.user, form.cleaned_data["note_for_provider"])
        except ValidationError as refused:
            refusals_into(form, refused)
        else:
            messages.success(request, f"{service.name} pulled: {pull.reference}.")
            return redirect(pull)
    return render(
        request,
        "cases/pull_new.html",
        {
            "form": form,
            "case": need.case,
            "need": need,
            "service": service,
            "about": catalogue.summary(service),
        },
    )


@login_required
def unmet(request: AuthenticatedHttpRequest, case_id: int, need_id: int) -> HttpResponse:
    need = _need(request, case_id, need_id)
    form = UnmetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record_unmet(need, request.user, form.cleaned_data["note"])
        except ValidationError as refused:
            refusals_into(form, refused)
        else:
            messages.success(request, "Recorded as an unmet need: the centre will count it.")
            return redirect(need.case)
    return render(
        request,
        "cases/unmet.html",
        {
            "form": form,
            "case": need.case,
            "need": need,
            "heading": "No service fits this need",
            "button": "Record it as an unmet need",
        },
    )


@login_required
def export(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """Subject access: everything held about them, as a JSON file to give them."""
    case = services.read_case(request.user, case_id, via="export")
    data = privacy.subject_access(case, request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{case.label}.json"'
    return response


@login_required
def erase(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    case = services.read_case(request.user, case_id)
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        privacy.erase(case, request.user)
        messages.success(request, f"Their personal data in {case.label} is erased.")
        return redirect(case)
    return render(
        request,
        "cases/erase.html",
        {
            "form": form,
            "case": case,
            "heading": "Erase their personal data",
            "button": "Erase their personal data",
        },
    )
