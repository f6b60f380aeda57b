"""The citizen's side, as FixMyStreet does it: report without an account, follow the request at a
private link, and once it is resolved say whether it was put right and whether what mattered to
them was met. A ‘no’ is failure demand against the service, shown to its team."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from insideout.outbox.services import queue_email

from . import services
from .forms import FeedbackForm, ReportForm
from .models import Contact, Requester, digest


def status_url(request: HttpRequest, raw: str) -> str:
    return request.build_absolute_uri(reverse("citizens:status", args=[raw]))


def send_status_link(request: HttpRequest, contact: Contact, email: str, raw: str) -> None:
    queue_email(
        email,
        f"Your report about {contact.service.name.lower()}",
        f"Thank you for your report. Follow it, and tell us whether it was put right, at:\n\n"
        f"{status_url(request, raw)}\n\nKeep this link to yourself: anyone with it can see "
        "your report.",
    )


def report(request: HttpRequest) -> HttpResponse:
    """Report something to a service: a few questions, no account."""
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact, raw = services.take_contact(
            data["service"],
            Contact.Channel.WEB,
            data["description"],
            what_matters=data["what_matters"],
            address=data["address"],
            requester={"email": data["email"]},
        )
        if data["email"] and raw is not None:
            send_status_link(request, contact, data["email"], raw)
        messages.success(
            request,
            "Your report is in. Keep the address of this page to follow "
            "it: it is yours alone."
            + (" We have e-mailed it to you too." if data["email"] else ""),
        )
        return redirect("citizens:status", token=raw)
    return render(request, "demand/report.html", {"form": form}, status=400 if form.errors else 200)


def status(request: HttpRequest, token: str) -> HttpResponse:
    """A request at its private link: where it stands, and once resolved, the citizen's say."""
    requester = (
        Requester.objects.select_related("contact__service")
        .filter(link_digest=digest(token))
        .first()
    )
    if requester is None:
        raise Http404("No report has this link.")
    contact = requester.contact
    feedback = getattr(contact, "feedback", None)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and not contact.is_open and feedback is None and form.is_valid():
        services.give_feedback(contact, **form.cleaned_data)
        messages.success(request, "Thank you. Your answer goes to the team that runs the service.")
        return redirect("citizens:status", token=token)
    return render(
        request,
        "demand/status.html",
        {
            "contact": contact,
            "feedback": feedback,
            "form": form,
            "asks": not contact.is_open and feedback is None,
        },
        status=400 if form.errors else 200,
    )
