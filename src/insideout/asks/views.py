"""The doer's pages: raise an ask in two short steps, follow it, say whether it helped; an ask's
page and its changes for everyone who may see it; and the public 'You said, we did'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import CentreUnit, Organisation
from insideout.vocabulary import NeedCategory
from insideout.web.pagination import paginate

from . import disclosure, outcomes, service_levels, services
from . import similar as similar_asks
from .forms import AskDetailsForm, NeedForm, action_form
from .lifecycle import ACTIONS, TransitionRefused, available_actions, perform
from .models import AWAITING_ACKNOWLEDGEMENT, Ask, Status
from .queues import queue_summaries, triage_summary


def visible_ask(request: AuthenticatedHttpRequest, ask_id: int) -> Ask:
    """The ask, or 404 where the person may not see it: its existence is private too, as in
    the API."""
    return get_object_or_404(services.asks_visible_to(request.user), pk=ask_id)


@login_required
def my_asks(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Doers: their organisation's asks and those they joined. Staff: their units' queues."""
    user = request.user
    if user.is_centre_staff:
        if user.is_admin or user.centre_unit_ids == frozenset():
            units = list(
                CentreUnit.objects.filter(pk__in=Ask.objects.values("unit_id")).order_by("name")
            )
        else:
            units = list(CentreUnit.objects.filter(pk__in=user.centre_unit_ids))
        return render(
            request,
            "asks/staff_home.html",
            {
                "queues": queue_summaries(units),
                "triage": triage_summary() if user.is_centre_lead else None,
            },
        )
    asks = services.with_supporter_count(services.asks_visible_to(user)).order_by(
        "-raised_at", "-pk"
    )
    return render(
        request,
        "asks/mine.html",
        {
            **paginate(request, asks),
            "can_raise": bool(user.organisation_ids),
        },
    )


@login_required
def raise_ask(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step 1, what is needed; then similar open asks to join instead; step 2, the details."""
    user = request.user
    if not user.is_centre_staff and not user.organisation_ids:
        raise PermissionDenied("Only doers and centre staff can raise asks.")
    organisations = list(Organisation.objects.filter(pk__in=user.organisation_ids))
    for_staff = user.is_centre_staff
    step = request.POST.get("step") if request.method == "POST" else None
    if step == "details":
        form = AskDetailsForm(request.POST, for_staff=for_staff, organisations=organisations)
        if form.is_valid():
            ask = raise_from(request, form, organisations)
            if ask is not None:
                request.session["raised_ask"] = ask.pk
                return redirect(ask)
        return details_page(
            request, form, request.POST.get("title", ""), request.POST.get("category", "")
        )
    if step in ("need", "continue"):
        need = NeedForm(request.POST)
        if need.is_valid():
            title, category = need.cleaned_data["title"], need.cleaned_data["category"]
            similar = similar_asks.similar_open_asks(
                title, category, exclude_organisations=user.organisation_ids
            )
            initial = {"title": title, "category": category}
            if step == "need" and similar:
                return render(
                    request,
                    "asks/new_similar.html",
                    {
                        "similar": similar,
                        "need": need,
                        "can_join": bool(user.organisation_ids),
                    },
                )
            return details_page(
                request,
                AskDetailsForm(initial=initial, for_staff=for_staff, organisations=organisations),
                title,
                category,
            )
        return render(request, "asks/new_need.html", {"form": need})
    need = NeedForm(initial={k: request.GET.get(k, "") for k in ("title", "category")})
    return render(request, "asks/new_need.html", {"form": need})


def details_page(
    request: HttpRequest, form: AskDetailsForm, title: str, category: str
) -> HttpResponse:
    return render(
        request,
        "asks/new_details.html",
        {
            "form": form,
            "need_title": title,
            "need_category": category,
            "need_category_label": dict(NeedCategory.choices).get(category, ""),
        },
    )


def raise_from(
    request: AuthenticatedHttpRequest, form: AskDetailsForm, organisations
) -> Ask | None:
    data = form.cleaned_data
    organisation = data.get("organisation") or (organisations[0] if organisations else None)
    try:
        return services.raise_ask(
            by=request.user,
            organisation=organisation,
            title=data["title"],
            category=data["category"],
            detail=data["detail"],
            urgency=data["urgency"],
            suggested_unit=data["suggested_unit"],
            public=data["public"],
        )
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    return None


# The next step in the life cycle first, then the sideways moves.
PAGE_ORDER = [
    "acknowledge",
    "commit",
    "deliver",
    "confirm",
    "decline",
    "reopen",
    "route",
    "merge",
    "withdraw",
]


@login_required
def ask_detail(request: AuthenticatedHttpRequest, ask_id: int) -> HttpResponse:
    ask = visible_ask(request, ask_id)
    user = request.user
    undecided = ask.is_open and ask.status != Status.COMMITTED
    late = service_levels.late_targets(ask)
    supporters = ask.supporters.count()
    return render(
        request,
        "asks/detail.html",
        {
            "ask": ask,
            "just_raised": request.session.pop("raised_ask", None) == ask.pk,
            "organisation_name": disclosure.organisation_name(user, ask),
            "knows_who": disclosure.knows_who(user, ask),
            "supporter_count": supporters,
            "supporter_organisations": disclosure.supporter_organisations(user, ask),
            "acknowledge_by": (
                ask.acknowledge_due_at if ask.status in AWAITING_ACKNOWLEDGEMENT else None
            ),
            "decide_by": ask.decide_due_at if undecided else None,
            "late": late,
            "helped": outcomes.helped_tally(ask),
            "own_answer": outcomes.own_answer(ask, user.organisation_ids),
            "trail": disclosure.trail(user, ask),
            "forms": [
                action_form(name, ask)
                for name in sorted(available_actions(user, ask), key=PAGE_ORDER.index)
            ],
            "can_join": (
                ask.is_open
                and bool(user.organisation_ids)
                and not ask.supporters.filter(person=user).exists()
            ),
            "merged_into_visible": (
                ask.merged_into is not None and services.can_see_detail(user, ask.merged_into)
            ),
        },
    )


DONE = {
    "route": "{ref} is now with {unit}.",
    "acknowledge": "{ref} acknowledged.",
    "commit": "{ref} committed.",
    "decline": "{ref} declined.",
    "deliver": "{ref} marked as delivered.",
    "confirm": "Thank you: your answer on {ref} is recorded.",
    "reopen": "{ref} reopened.",
    "withdraw": "{ref} withdrawn.",
    "merge": "{ref} merged into {into}.",
}


@login_required
def act(request: AuthenticatedHttpRequest, ask_id: int, action: str) -> HttpResponse:
    """One change to an ask. Its form is on the ask's page; this page shows it alone, with
    the error summary when the change was refused."""
    if action not in ACTIONS:
        raise Http404("There is no such change.")
    ask = visible_ask(request, ask_id)
    if not ACTIONS[action].may(request.user, ask):
        raise PermissionDenied(f"You cannot {ACTIONS[action].label.lower()} on this ask.")
    form = action_form(action, ask, request.POST if request.method == "POST" else None)
    preview = None
    if request.method == "POST" and form.is_valid() and needs_preview(request, action):
        # What was done goes on the public page: it is shown as published before it is.
        note = form.cleaned_data["note"]
        ask.delivery_note, ask.delivered_at = note, ask.delivered_at or timezone.now()
        preview = {"names": disclosure.names_given_away(ask, note)}
        if not note.strip():
            form.add_error("note", "Say what was done")
            preview = None
    elif request.method == "POST" and form.is_valid():
        try:
            ask = perform(ask, action, request.user, **form.cleaned_data)
        except TransitionRefused as refused:
            if hasattr(refused, "error_dict"):
                for field, problems in refused.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                form.add_error(None, refused.messages)
        else:
            messages.success(
                request,
                DONE[action].format(
                    ref=ask.reference, unit=ask.unit, into=getattr(ask.merged_into, "reference", "")
                ),
            )
            return redirect(after_change(request, ask))
    return render(
        request,
        "asks/act.html",
        {
            "ask": ask,
            "form": form,
            "preview": preview,
            "next": request.POST.get("next", ""),
            "possible_now": action in available_actions(request.user, ask),
        },
    )


def needs_preview(request: HttpRequest, action: str) -> bool:
    return action == "deliver" and "publish" not in request.POST


def after_change(request: AuthenticatedHttpRequest, ask: Ask) -> str:
    """Back where the change was made from; else the ask, unless passing it on took it out of
    the person's sight."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    if services.can_see_detail(request.user, ask):
        return ask.get_absolute_url()
    return reverse("asks:mine")


@login_required
@require_POST
def join(request: AuthenticatedHttpRequest, ask_id: int) -> HttpResponse:
    """'Me too' from any doer, for any open ask, seen or not: it then shows in their asks."""
    ask = get_object_or_404(Ask, pk=ask_id)
    try:
        joined = services.join(ask, request.user)
    except ValidationError as closed:
        messages.error(request, " ".join(closed.messages))
        return redirect("asks:mine")
    messages.success(
        request,
        f"You now share {ask.reference}: you will hear what becomes of it."
        if joined
        else f"You already share {ask.reference}.",
    )
    return redirect(ask)


def you_said_we_did(request: HttpRequest, sections=()) -> HttpResponse:
    """Public: what the centre delivered for the doers, naming only those who agreed. Other
    capabilities add their sections (e.g. burdens retired) through `sections`, each a
    `section(request)` returning a web.public_record.PublicSection or None."""
    context = paginate(request, services.delivered_publicly(), per_page=20)
    if context["page_obj"].number == 1:
        found = [section for make in sections if (section := make(request)) is not None]
        context["sections"] = sorted(found, key=lambda section: section.order)
    return render(request, "asks/you_said_we_did.html", context)
