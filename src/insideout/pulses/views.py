"""Pages for centre staff: the pulses, the question bank, launching and closing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.web.decorators import centre_staff_required
from insideout.web.pagination import paginate
from insideout.web.tables import FORMATS

from . import disclosure, services
from .audience import describe_audience
from .exports import responses_download
from .forms import ClosePulseForm, PulseForm, QuestionForm
from .models import Pulse, Question
from .playback import blocks, draft_playback


@centre_staff_required
def pulse_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every pulse, newest first, a page at a time, with its response rate counted alongside."""
    pulses = services.count_responses(Pulse.objects.order_by("-opens_on", "-pk"))
    context = paginate(request, pulses)
    return render(
        request,
        "pulses/list.html",
        {
            **context,
            "rows": [
                (pulse, disclosure.shown_rate(pulse, services.overall_rate(pulse)))
                for pulse in context["page_obj"]
            ],
            "can_run": request.user.is_centre_lead,
        },
    )


@centre_staff_required
def pulse_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.require_runner(request.user)
    form = PulseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        pulse = form.save()
        messages.success(request, "Pulse saved as a draft. Check it, then launch it.")
        return redirect(pulse)
    return render(request, "pulses/form.html", {"form": form, "pulse": None})


@centre_staff_required
def pulse_edit(request: AuthenticatedHttpRequest, pulse_id: int) -> HttpResponse:
    services.require_runner(request.user)
    pulse = get_object_or_404(Pulse, pk=pulse_id, status=Pulse.Status.DRAFT)
    form = PulseForm(request.POST or None, instance=pulse)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Changes saved.")
        return redirect(pulse)
    return render(request, "pulses/form.html", {"form": form, "pulse": pulse})


@centre_staff_required
def pulse_detail(request: AuthenticatedHttpRequest, pulse_id: int) -> HttpResponse:
    """Check a draft before launch; follow response rates live while it is open."""
    pulse = get_object_or_404(Pulse, pk=pulse_id)
    context = {
        "pulse": pulse,
        "playback_blocks": blocks(pulse.playback),
        "questions": pulse.ordered_questions(),
        "units": pulse.units.order_by("name"),
        "can_run": request.user.is_centre_lead,
    }
    if pulse.status == Pulse.Status.DRAFT:
        context["audience"] = describe_audience(pulse)
    else:
        context["overall"] = disclosure.shown_rate(pulse, services.overall_rate(pulse))
        for key, by in (("by_type", "organisation__type"), ("by_region", "organisation__region")):
            context[key] = disclosure.shown_rates(pulse, services.response_rates(pulse, by))
    return render(request, "pulses/detail.html", context)


@centre_staff_required
def pulse_launch(request: AuthenticatedHttpRequest, pulse_id: int) -> HttpResponse:
    """Check your answers: who will be asked, how many, and what; then launch."""
    services.require_runner(request.user)
    pulse = get_object_or_404(Pulse, pk=pulse_id)
    if request.method != "POST":
        if pulse.status != Pulse.Status.DRAFT:
            return redirect(pulse)
        return render(
            request,
            "pulses/launch.html",
            {
                "pulse": pulse,
                "audience": describe_audience(pulse),
                "questions": pulse.ordered_questions(),
                "units": pulse.units.order_by("name"),
            },
        )
    try:
        invited = services.launch(pulse)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Pulse launched: {invited} doers are being sent their link.")
    return redirect(pulse)


@centre_staff_required
def pulse_close(request: AuthenticatedHttpRequest, pulse_id: int) -> HttpResponse:
    services.require_runner(request.user)
    pulse = get_object_or_404(Pulse, pk=pulse_id, status=Pulse.Status.OPEN)
    form = ClosePulseForm(request.POST or None, initial={"playback": draft_playback(pulse)})
    preview = None
    if request.method == "POST" and form.is_valid():
        if "send" in request.POST:
            services.close(pulse, form.cleaned_data["playback"])
            messages.success(
                request, "Pulse closed. Everyone invited is being sent your play-back."
            )
            return redirect(pulse)
        preview = blocks(form.cleaned_data["playback"])
    return render(
        request,
        "pulses/close.html",
        {
            "pulse": pulse,
            "form": form,
            "playback_blocks": preview,
            "invited": services.overall_rate(pulse).invited,
        },
    )


@centre_staff_required
def question_bank(request: AuthenticatedHttpRequest) -> HttpResponse:
    can_add = request.user.is_centre_lead
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        services.require_runner(request.user)
        if form.is_valid():
            question = form.save(commit=False)
            question.created_by = request.user
            question.save()
            messages.success(request, "Question added to the bank.")
            return redirect("pulses:questions")
    return render(
        request,
        "pulses/questions.html",
        {
            "questions": Question.objects.all(),
            "form": form,
            "can_add": can_add,
        },
    )


@centre_staff_required
def responses_export(request: HttpRequest, pulse_id: int, fmt: str) -> HttpResponse:
    """Individual answers, for attributed pulses only."""
    if fmt not in FORMATS:
        raise Http404("Export as csv or xlsx.")
    return responses_download(get_object_or_404(Pulse, pk=pulse_id), fmt)


@centre_staff_required
@require_POST
def pulse_repeat(request: AuthenticatedHttpRequest, pulse_id: int) -> HttpResponse:
    """Set up the next pulse of a recurring series as a draft to check and launch."""
    services.require_runner(request.user)
    pulse = get_object_or_404(Pulse, pk=pulse_id)
    try:
        following = services.repeat(pulse, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(pulse)
    messages.success(request, "The next pulse is a draft: check its title and dates.")
    return redirect("pulses:edit", pulse_id=following.pk)
