"""Pages for classifying demand: the review queue, a contact, the classifier and the rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.web.decorators import refuse_unless
from insideout.web.pagination import paginate

from . import services
from .forms import LabelForm, ResolveForm, RuleForm
from .models import ClassificationRule, Contact, Service
from .tasks import retrain
from .views import DEMAND_PAGES, analysts_only


def _nav(**context) -> dict:
    return {"demand_pages": DEMAND_PAGES, **context}


@analysts_only
def review(request: HttpRequest) -> HttpResponse:
    """The classifier's least certain guesses first, each with a form to label it."""
    service_id = request.GET.get("service")
    service = (
        Service.objects.filter(pk=service_id).first()
        if service_id and service_id.isdigit()
        else None
    )
    queue = services.review_queue(service.pk if service else None)
    return render(
        request,
        "demand/review.html",
        _nav(
            **paginate(request, queue, 20),
            service=service,
            all_services=Service.objects.all(),
            model=services.current_model(),
            new_labels=services.labels_since_model(),
            form=LabelForm(),
        ),
    )


def _contact_for(request: AuthenticatedHttpRequest, contact_id: int) -> Contact:
    contact = get_object_or_404(
        Contact.objects.select_related("service", "organisation"), pk=contact_id
    )
    if not request.user.hears_from_citizens(contact.service.unit_id):
        raise PermissionDenied("Only analysts and the service's team can see its contacts.")
    return contact


@login_required
def contact(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    """One contact: what the citizen said (scrubbed), its classification and why."""
    found = _contact_for(request, contact_id)
    initial = {
        "demand_type": found.demand_type,
        "failure_cause": found.failure_cause,
        "need": found.need,
    }
    return render(
        request,
        "demand/contact.html",
        _nav(
            contact=found,
            label_form=LabelForm(initial=initial),
            resolve_form=ResolveForm(),
            can_label=request.user.analyses_demand,
            feedback=getattr(found, "feedback", None),
        ),
    )


@require_POST
@login_required
def label(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    refuse_unless(request.user.analyses_demand, "Only analysts label contacts.")
    found = _contact_for(request, contact_id)
    form = LabelForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "demand/contact.html",
            _nav(
                contact=found,
                label_form=form,
                resolve_form=ResolveForm(),
                can_label=True,
                feedback=getattr(found, "feedback", None),
            ),
            status=400,
        )
    services.label(found, request.user, **form.cleaned_data)
    messages.success(request, f"Labelled as {found.label.lower()}. The next model learns from it.")
    if request.POST.get("next") == "review":
        return redirect("demand:review")
    return redirect("demand:contact", contact_id=found.pk)


@require_POST
@login_required
def resolve(request: AuthenticatedHttpRequest, contact_id: int) -> HttpResponse:
    found = _contact_for(request, contact_id)
    form = ResolveForm(request.POST)
    if form.is_valid():
        services.resolve(found, form.cleaned_data["status_notes"])
        messages.success(request, "Marked as put right. The citizen can now say whether it was.")
    return redirect("demand:contact", contact_id=found.pk)


@analysts_only
def classifier(request: HttpRequest) -> HttpResponse:
    """The current model's cross-validated precision and recall per class, and retraining."""
    if request.method == "POST":
        retrain.enqueue()
        messages.success(request, "A new model is being trained on every label so far.")
        return redirect("demand:classifier")
    model = services.current_model()
    counts = (
        services.labelled()
        .values("demand_type", "failure_cause")
        .annotate(n=Count("pk"))
        .order_by("-n")
    )
    return render(
        request,
        "demand/classifier.html",
        _nav(
            model=model,
            counts=counts,
            new_labels=services.labels_since_model(),
            labelled=services.labelled().count(),
        ),
    )


@analysts_only
def rules(request: HttpRequest) -> HttpResponse:
    """The analysts' rules, first match wins, and a form to add one."""
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rule = form.save(commit=False)
        rule.created_by = request.user
        rule.save()
        messages.success(
            request,
            "Rule added. It classifies contacts from the next import, and "
            "new contacts as they arrive.",
        )
        return redirect("demand:rules")
    return render(
        request,
        "demand/rules.html",
        _nav(
            form=form,
            rules=ClassificationRule.objects.select_related("service"),
        ),
        status=400 if form.errors else 200,
    )


@require_POST
@analysts_only
def delete_rule(request: HttpRequest, rule_id: int) -> HttpResponse:
    get_object_or_404(ClassificationRule, pk=rule_id).delete()
    messages.success(request, "Rule deleted.")
    return redirect("demand:rules")
