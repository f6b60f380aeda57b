"""The doer's side: a personal link, two short steps, save and come back, submit once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.vocabulary import NeedCategory

from . import services
from .forms import UnitsDealtWithForm, answer_form_class
from .models import Invitation, Question
from .playback import blocks
from .signals import need_sent_as_ask


def submission_from(form, pulse, unit_ids: list[int]) -> services.Submission:
    data = form.cleaned_data
    submission = services.Submission(
        units_dealt_with=unit_ids, unit_scores={}, agreements={}, needs={}, texts={}
    )
    for question in pulse.ordered_questions():
        key = f"q{question.pk}"
        if question.kind == Question.Kind.UNIT_NPS:
            for unit_id in unit_ids:
                score = data.get(f"{key}_u{unit_id}")
                if score not in (None, ""):
                    submission.unit_scores[(question.pk, unit_id)] = int(score)
        elif question.kind == Question.Kind.AGREEMENT:
            if data.get(key) not in (None, ""):
                submission.agreements[question.pk] = int(data[key])
        elif question.kind == Question.Kind.NEED:
            submission.needs[question.pk] = (data.get(f"{key}_category") or "", data.get(key) or "")
        else:
            submission.texts[question.pk] = data.get(key) or ""
    return submission


def send_needs_as_asks(request: HttpRequest, invitation: Invitation, response, data: dict) -> None:
    """The doer's one click: each need they ticked also becomes an ask, under their name."""
    for answer in response.answers.filter(question__kind=Question.Kind.NEED):
        if not data.get(f"q{answer.question_id}_ask"):
            continue
        try:
            asks = [
                ask
                for _, ask in need_sent_as_ask.send(
                    Invitation, invitation=invitation, answer=answer
                )
            ]
        except (PermissionDenied, ValidationError):
            messages.error(
                request,
                "Your answers are in, but we could not send your need as "
                "an ask. Raise it from ‘Asks’ once you have signed in.",
            )
            continue
        for ask in asks:
            # django-stubs types what a signal's receivers return as str | None; asks' is an Ask.
            reference = ask.reference  # type: ignore[union-attr]
            messages.success(
                request,
                f"Your ask {reference} is with the centre. We will e-mail you as it moves on.",
            )


def closed_or_done(request: HttpRequest, invitation: Invitation | None) -> HttpResponse | None:
    if invitation is None:
        return render(request, "pulses/answer_invalid.html", status=404)
    if invitation.submitted_at is not None:
        return render(request, "pulses/answer_thanks.html", {"invitation": invitation})
    if not invitation.pulse.accepts_answers:
        return render(request, "pulses/answer_closed.html", {"pulse": invitation.pulse}, status=410)
    return None


def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Step 1: which units the doer dealt with. No sign-in: the link is personal."""
    invitation = Invitation.from_token(token)
    if (stop := closed_or_done(request, invitation)) is not None:
        return stop
    assert invitation is not None  # closed_or_done answered for a link that names none
    pulse = invitation.pulse
    has_unit_questions = any(q.kind == Question.Kind.UNIT_NPS for q in pulse.ordered_questions())
    if not has_unit_questions:
        return redirect("pulses:answer_questions", token=token)
    draft = invitation.draft or {}
    form = UnitsDealtWithForm(
        request.POST or None, pulse=pulse, initial={"units": draft.get("units", [])}
    )
    if request.method == "POST" and form.is_valid():
        draft["units"] = [unit.pk for unit in form.cleaned_data["units"]]
        services.save_draft(invitation, draft)
        return redirect("pulses:answer_questions", token=token)
    return render(
        request,
        "pulses/answer_units.html",
        {
            "invitation": invitation,
            "pulse": pulse,
            "form": form,
        },
    )


def answer_questions(request: HttpRequest, token: str) -> HttpResponse:
    """Step 2: a score for each unit chosen, then the questions about the centre."""
    invitation = Invitation.from_token(token)
    if (stop := closed_or_done(request, invitation)) is not None:
        return stop
    assert invitation is not None  # closed_or_done answered for a link that names none
    pulse = invitation.pulse
    draft = invitation.draft or {}
    unit_ids = [int(pk) for pk in draft.get("units", [])]
    units = list(pulse.units.filter(pk__in=unit_ids).order_by("name"))
    form_class = answer_form_class(pulse, units)
    form = form_class(
        request.POST if request.method == "POST" else None, initial=draft.get("answers", {})
    )
    if request.method == "POST" and form.is_valid():
        if "save" in request.POST or "back" in request.POST:
            # Going back to change the units keeps what was typed here, as saving does.
            draft["answers"] = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
            services.save_draft(invitation, draft)
            if "back" in request.POST:
                return redirect("pulses:answer", token=token)
            return render(request, "pulses/answer_saved.html", {"invitation": invitation})
        try:
            response = services.submit(
                invitation, submission_from(form, pulse, [u.pk for u in units])
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            if response is not None:
                send_needs_as_asks(request, invitation, response, form.cleaned_data)
            return redirect("pulses:answer", token=token)
    return render(
        request,
        "pulses/answer_questions.html",
        {
            "invitation": invitation,
            "pulse": pulse,
            "form": form,
            "units": units,
            "has_unit_questions": any(
                q.kind == Question.Kind.UNIT_NPS for q in pulse.ordered_questions()
            ),
            "need_categories": NeedCategory.choices,
        },
    )


@login_required
def my_pulses(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A signed-in doer's pulses: what is open for them and what they have answered."""
    invitations = list(services.invitations_for(request.user))
    for invitation in invitations:
        invitation.playback_blocks = blocks(invitation.pulse.playback)
    return render(request, "pulses/mine.html", {"invitations": invitations})
