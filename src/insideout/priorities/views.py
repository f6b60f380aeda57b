"""Priorities' pages: the mandate and its measures for everyone signed in; weights for
leadership; links and suggestions, the balance view and the leadership overview for the
centre."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from insideout import spc
from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.asks.services import asks_visible_to
from insideout.burdens import charts as burden_charts
from insideout.disclosure.suppression import DEFAULT_K, DEFAULT_K_TEXT, can_show
from insideout.pulses.models import Answer
from insideout.vocabulary import SocialNeed
from insideout.web.charts import Series, spc_chart, trend_chart
from insideout.web.decorators import centre_staff_required
from insideout.web.forms import add_refusal

from . import balance, bottom_up, overview, services
from .forms import (
    ChoosePriorityForm,
    LinkByHandForm,
    MeasureForm,
    PointForm,
    PriorityForm,
    WeightsForm,
)
from .kinds import kinds
from .models import Link, OutcomeMeasure, Priority


def measure_chart(measure: OutcomeMeasure, points: list):
    """The measure on an XmR chart, its improvement direction and target marked."""
    if len(points) < 2:
        return None
    result = spc.xmr(
        [p.period_start for p in points],
        [float(p.value) for p in points],
        spc.Settings(
            improvement="increase" if measure.direction == "higher" else "decrease",
            target=float(measure.target) if measure.target is not None else None,
        ),
    )
    return spc_chart(
        result,
        title=measure.name,
        y_label=measure.unit_label.capitalize() or "Value",
        chart_id=f"measure-{measure.pk}",
        decimals=1,
        x_text=lambda day: day.strftime("%b %Y"),
        x_name="Period",
    )


@login_required
def priority_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    priorities = list(
        Priority.objects.filter(is_active=True)
        .select_related("owner_unit", "owner")
        .prefetch_related("measures__points")
    )
    total = sum(p.weight for p in priorities) or 1
    for priority in priorities:
        priority.share = 100 * priority.weight / total
        priority.latest = []
        for measure in priority.measures.all():
            points = list(measure.points.all())
            priority.latest.append((measure, points[-1] if points else None))
    return render(
        request,
        "priorities/list.html",
        {
            "priorities": priorities,
            "retired": Priority.objects.filter(is_active=False),
            "is_leadership": request.user.is_leadership,
        },
    )


@login_required
def priority_detail(request: AuthenticatedHttpRequest, priority_id: int) -> HttpResponse:
    priority = get_object_or_404(
        Priority.objects.select_related("owner_unit", "owner"), pk=priority_id
    )
    user = request.user
    measures = [
        (measure, list(measure.points.all()), measure_chart(measure, list(measure.points.all())))
        for measure in priority.measures.all()
    ]
    context = {
        "priority": priority,
        "measures": measures,
        "can_record": services.can_record(user, priority),
        "is_leadership": user.is_leadership,
        "k": DEFAULT_K,
    }
    if user.is_centre_staff:
        context |= {
            "groups": linked(priority, user),
            "suggestions": services.suggestions(priority),
            "link_form": LinkByHandForm(),
        }
    return render(request, "priorities/detail.html", context)


def linked(priority: Priority, user) -> list[dict]:
    """What is linked to a priority, kind by kind, as this person may see it: asks they can see,
    a count of pulse answers (their words only above the comment threshold)."""
    groups = []
    for kind in kinds().values():
        links = list(priority.links.filter(target_type=kind.content_type))
        if not links:
            continue
        ids = [link.target_id for link in links]
        if kind.grouped:
            groups.append({"kind": kind, "items": [], "texts": [], **grouped(kind, ids)})
            continue
        if kind.anonymous:
            answers = Answer.objects.filter(pk__in=ids)
            respondents = answers.values("response_id").distinct().count()
            groups.append(
                {
                    "kind": kind,
                    "count": respondents if can_show(respondents, DEFAULT_K) else None,
                    "texts": sorted(answers.values_list("text", flat=True))
                    if can_show(respondents, DEFAULT_K_TEXT)
                    else [],
                    "items": [],
                }
            )
            continue
        objects = kind.model.objects.filter(pk__in=ids)
        if kind.key == "ask":
            objects = asks_visible_to(user).filter(pk__in=ids)
        by_id = {str(obj.pk): obj for obj in objects}
        groups.append(
            {
                "kind": kind,
                "count": len(links),
                "items": [
                    (link, by_id[link.target_id]) for link in links if link.target_id in by_id
                ],
                "texts": [],
            }
        )
    return groups


def grouped(kind, ids: list[str]) -> dict:
    """Unmet needs linked to a priority, by kind of need, each count only above the threshold."""
    labels = dict(SocialNeed.choices)
    counts = dict(
        kind.model.objects.filter(pk__in=ids)
        .values_list("category")
        .annotate(n=Count("pk"))
        .order_by()
    )
    total = sum(counts.values())
    return {
        "count": total if can_show(total, DEFAULT_K) else None,
        "categories": [
            (labels.get(c, c), n if can_show(n, DEFAULT_K) else None)
            for c, n in sorted(counts.items())
        ],
    }


@login_required
def priority_form(
    request: AuthenticatedHttpRequest, priority_id: int | None = None
) -> HttpResponse:
    if not request.user.is_leadership:
        raise PermissionDenied("Only leadership sets the priorities.")
    priority = get_object_or_404(Priority, pk=priority_id) if priority_id else None
    form = PriorityForm(request.POST or None, instance=priority)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        changed.categories = form.cleaned_data["categories"]
        try:
            services.save_priority(request.user, changed)
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, "The priority is saved.")
            return redirect(changed)
    return render(request, "priorities/form.html", {"form": form, "priority": priority})


@login_required
def weights(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_leadership:
        raise PermissionDenied("Only leadership weighs the priorities.")
    priorities = list(Priority.objects.filter(is_active=True))
    form = WeightsForm(request.POST or None, priorities=priorities)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_weights(request.user, form.weights())
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, "The weights are set.")
            return redirect("priorities:list")
    return render(request, "priorities/weights.html", {"form": form})


@login_required
def measure_form(request: AuthenticatedHttpRequest, priority_id: int) -> HttpResponse:
    priority = get_object_or_404(Priority, pk=priority_id)
    if not services.can_record(request.user, priority):
        raise PermissionDenied("Only leadership or the owning unit keeps its measures.")
    form = MeasureForm(request.POST or None, instance=OutcomeMeasure(priority=priority))
    if request.method == "POST" and form.is_valid():
        measure = services.save_measure(request.user, form.save(commit=False))
        messages.success(request, "The measure is added: now record its values.")
        return redirect(measure)
    return render(request, "priorities/measure_form.html", {"form": form, "priority": priority})


@login_required
def measure_detail(request: AuthenticatedHttpRequest, measure_id: int) -> HttpResponse:
    measure = get_object_or_404(OutcomeMeasure.objects.select_related("priority"), pk=measure_id)
    can_record = services.can_record(request.user, measure.priority)
    form = PointForm(request.POST or None)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied("Only leadership or the owning unit keeps its measures.")
        if form.is_valid():
            services.record_point(
                request.user, measure, form.cleaned_data["period_start"], form.cleaned_data["value"]
            )
            messages.success(request, "The value is recorded.")
            return redirect(measure)
    points = list(measure.points.all())
    return render(
        request,
        "priorities/measure.html",
        {
            "measure": measure,
            "points": points,
            "chart": measure_chart(measure, points),
            "form": form if can_record else None,
        },
    )


@centre_staff_required
@require_POST
def link(request: AuthenticatedHttpRequest, priority_id: int) -> HttpResponse:
    """Link something to a priority: from a suggestion (its handle) or by its reference."""
    priority = get_object_or_404(Priority, pk=priority_id)
    try:
        if request.POST.get("handle"):
            kind, target = services.target_from(request.POST["handle"])
            how = Link.How.SUGGESTED
        else:
            form = LinkByHandForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    " ".join(str(e) for errs in form.errors.values() for e in errs)
                )
            kind = kinds()[form.cleaned_data["kind"]]
            target = services.find(kind, form.cleaned_data["reference"])
            how = Link.How.BY_HAND
        services.link(request.user, priority, kind, target, how)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, f"Linked to {priority.title}.")
    return redirect(priority)


@centre_staff_required
@require_POST
def unlink(request: AuthenticatedHttpRequest, link_id: int) -> HttpResponse:
    found = get_object_or_404(Link.objects.select_related("priority"), pk=link_id)
    services.unlink(request.user, found)
    messages.success(request, "The link is removed.")
    return redirect(found.priority)


@centre_staff_required
def link_item(request: AuthenticatedHttpRequest, kind_key: str, object_id: int) -> HttpResponse:
    """Link one thing to the priority it belongs to, the likeliest suggested first."""
    kind = kinds().get(kind_key)
    if kind is None or kind.anonymous:
        raise Http404("Nothing of that kind can be linked here.")
    try:
        obj = services.find(kind, object_id)
    except ValidationError:
        raise Http404("There is nothing to link with that number.") from None
    if kind.key == "ask" and not asks_visible_to(request.user).filter(pk=obj.pk).exists():
        raise Http404("There is nothing to link with that number.")
    ranked = services.priorities_for(kind, obj)
    form = ChoosePriorityForm(
        request.POST or None, initial={"priority": ranked[0][0].pk if ranked else None}
    )
    if request.method == "POST" and form.is_valid():
        priority = form.cleaned_data["priority"]
        try:
            services.link(request.user, priority, kind, obj)
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, f"Linked to {priority.title}.")
            return redirect(priority)
    linked_to = Priority.objects.filter(
        links__target_type=kind.content_type, links__target_id=str(obj.pk)
    )
    return render(
        request,
        "priorities/link_item.html",
        {
            "kind": kind,
            "obj": obj,
            "title": kind.title(obj),
            "url": kind.url(obj),
            "form": form,
            "ranked": ranked[:3],
            "linked_to": linked_to,
        },
    )


@centre_staff_required
def balance_page(request: HttpRequest) -> HttpResponse:
    found = bottom_up.standings()
    return render(
        request,
        "priorities/balance.html",
        {
            "balance": found,
            "quadrants": [
                (key, label, text, found.in_quadrant(key))
                for key, (label, text) in balance.QUADRANTS.items()
            ],
            "k": DEFAULT_K,
        },
    )


@centre_staff_required
def overview_page(request: HttpRequest) -> HttpResponse:
    data = overview.overview()
    nps_chart = None
    if data.nps:
        nps_chart = trend_chart(
            [
                Series(
                    "All units",
                    [(r.nps, r.low, r.high) if r else (None, None, None) for _, r in data.nps],
                )
            ],
            -100,
            100,
            "Net Promoter Score",
            [pulse.title for pulse, _ in data.nps],
            title="How likely doers are to recommend the centre's units, pulse by pulse",
            chart_id="centre-nps",
        )
    return render(
        request,
        "priorities/overview.html",
        {
            "o": data,
            "nps_chart": nps_chart,
            "hours_chart": burden_charts.hours_chart(
                data.trend, "Hours imposed on doers each quarter", "overview-hours"
            ),
            "quadrants": [
                (key, label, data.balance.in_quadrant(key))
                for key, (label, _) in balance.QUADRANTS.items()
            ],
            "k": DEFAULT_K,
        },
    )
