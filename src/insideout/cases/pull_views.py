"""A pull's pages, for its partner and its provider alike, and the provider's queue.

The provider sees the least the service needs: the kind of need, the partner's note for it,
the place, the age band and how many people, and the partner to contact. Nothing else of the
case: not its reference, what matters, goals or other needs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.catalogue.places import place_name
from insideout.web.decorators import refuse_unless
from insideout.web.pagination import paginate

from . import services
from .forms import PullActionForm
from .lifecycle import ACTIONS, TransitionRefused, available_actions, perform
from .models import PullStatus
from .views import refusals_into


def _pull_page(request: AuthenticatedHttpRequest, pull, forms=None) -> HttpResponse:
    user = request.user
    sees_case = user.sees_case(pull.case)
    actions = available_actions(user, pull)
    forms = forms or {}
    return render(
        request,
        "cases/pull.html",
        {
            "pull": pull,
            "sees_case": sees_case,
            "place": place_name(pull.case.local_authority),
            "partner": pull.requested_by,
            "forms": [forms.get(a) or PullActionForm(a) for a in actions],
            "trail": pull.events.select_related("actor"),
        },
    )


@login_required
def pull_detail(request: AuthenticatedHttpRequest, pull_id: int) -> HttpResponse:
    pull = services.read_pull(request.user, pull_id)
    if pull.status == PullStatus.REQUESTED and request.user.answers_pulls_for(pull.provider_id):
        # The provider opening a new pull has received it (FHIR "received"), as a read receipt.
        pull = perform(pull, "receive", request.user)
    return _pull_page(request, pull)


@login_required
def pull_act(request: AuthenticatedHttpRequest, pull_id: int, action: str) -> HttpResponse:
    pull = services.read_pull(request.user, pull_id)
    refuse_unless(
        action in ACTIONS and action in available_actions(request.user, pull),
        "You cannot make that change to this pull now.",
    )
    form = PullActionForm(action, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pull = perform(
                pull,
                action,
                request.user,
                note=form.cleaned_data.get("note", ""),
                verdict=form.cleaned_data.get("verdict", ""),
            )
        except TransitionRefused as refused:
            refusals_into(form, refused)
        except ValidationError as refused:
            refusals_into(form, refused)
        else:
            messages.success(request, f"{pull.reference}: {ACTIONS[action].label.lower()}.")
            return redirect(pull)
    return render(request, "cases/pull_act.html", {"pull": pull, "form": form})


@login_required
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The pulls to a provider's services: new and open ones first, oldest first."""
    user = request.user
    refuse_unless(user.is_provider, "Only service providers have a queue of pulls.")
    pulls = services.provider_queue(user)
    return render(
        request,
        "cases/queue.html",
        {
            **paginate(request, pulls),
            "waiting": pulls.filter(status=PullStatus.REQUESTED).count(),
        },
    )
