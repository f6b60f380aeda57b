"""The analysts' views of demand: each a chart with its table, from the snapshot, with filters."""

from collections.abc import Callable
from datetime import date, timedelta
from functools import wraps
from math import sqrt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from insideout import spc
from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.disclosure.suppression import DEFAULT_K_TEXT
from insideout.web.charts import LeagueBar, league_chart, pareto_chart, spc_chart
from insideout.web.decorators import refuse_unless

from . import analysis, snapshot
from .forms import FilterForm, VolumeForm
from .models import Contact, Service, ServiceChange
from .services import verdicts_by
from .tasks import ensure_fresh

# The pages under the demand menu, in its order: (url name, label).
DEMAND_PAGES = [
    ("volume", "Weekly volume"),
    ("failure", "Failure demand"),
    ("capability", "End to end"),
    ("what_matters", "What matters"),
    ("review", "Review queue"),
    ("classifier", "Classifier"),
    ("rules", "Rules"),
    ("services", "Services"),
    ("import_upload", "Import"),
]
CAUSES = dict(Contact.FailureCause.choices)
CHANNELS = dict(Contact.Channel.choices)
PLACES_SHOWN = 15


def analysts_only(view: Callable) -> Callable:
    @login_required
    @wraps(view)
    def guarded(request: AuthenticatedHttpRequest, *args, **kwargs) -> HttpResponse:
        refuse_unless(request.user.analyses_demand, "Only analysts can see demand analysis.")
        return view(request, *args, **kwargs)

    return guarded


def _context(request: HttpRequest, form_class=FilterForm) -> tuple[dict, analysis.Filters]:
    """The filter form, the snapshot's freshness and the filters, for every analysis page."""
    fresh = ensure_fresh()
    form = form_class(request.GET or None, places=analysis.places())
    return {
        "form": form,
        "fresh": fresh,
        "written_at": snapshot.written_at(),
        "demand_pages": DEMAND_PAGES,
        "text_threshold": DEFAULT_K_TEXT,
        "services": {s.pk: s for s in Service.objects.all()},
    }, form.filters()


def week_text(week: date) -> str:
    return f"{week:%-d %b %Y}"


def complete_weeks(rows: list) -> list:
    """Weeks up to the last complete one: this week's count is still growing."""
    this_week = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    return [row for row in rows if row[0] < this_week]


def rebase_dates(filters: analysis.Filters, weeks: list[date]) -> tuple[date, ...]:
    """The changes to the chosen service that fall inside the chart, as rebase points."""
    if len(filters.service_ids) != 1 or len(weeks) < 2:
        return ()
    changes = ServiceChange.objects.filter(service_id=filters.service_ids[0])
    return tuple(sorted({c.changed_on for c in changes if weeks[0] < c.changed_on <= weeks[-1]}))


def volume_charts(filters: analysis.Filters, rebase: bool) -> dict:
    """The weekly value and failure demand XmR charts; shared by the page and the API."""
    rows = complete_weeks(analysis.weekly_volume(filters))
    weeks = [row[0] for row in rows]
    rebased = rebase_dates(filters, weeks) if rebase else ()
    failure = spc.xmr(
        weeks, [row[2] for row in rows], spc.Settings(improvement="decrease", rebase=rebased)
    )
    value = spc.xmr(weeks, [row[1] for row in rows], spc.Settings(rebase=rebased))
    return {"rows": rows, "failure": failure, "value": value, "rebased": rebased}


@analysts_only
def volume(request: HttpRequest) -> HttpResponse:
    """Weekly volume, value and failure demand on XmR charts."""
    context, filters = _context(request, VolumeForm)
    rebase = bool(
        context["form"].is_bound
        and context["form"].is_valid()
        and context["form"].cleaned_data["rebase"]
    )
    found = volume_charts(filters, rebase)
    context["changes"] = ServiceChange.objects.filter(service_id__in=filters.service_ids)
    if found["rows"]:
        context["failure_chart"] = spc_chart(
            found["failure"],
            title="Failure demand a week",
            y_label="Failure demand contacts",
            chart_id="failure-xmr",
            x_text=week_text,
        )
        context["value_chart"] = spc_chart(
            found["value"],
            title="Value demand a week",
            y_label="Value demand contacts",
            chart_id="value-xmr",
            x_text=week_text,
        )
        context["unclassified"] = sum(row[3] for row in found["rows"])
        context["rebased"] = found["rebased"]
    context["by_service"] = share_rows(
        analysis.failure_share(filters, "service_id"), context["services"]
    )
    return render(request, "demand/volume.html", context)


def share_interval(failures: int, total: int) -> tuple[float, float, float]:
    """The failure share in per cent, with its 95% Wilson interval."""
    if not total:
        return 0.0, 0.0, 0.0
    z, p = 1.96, failures / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return 100 * p, 100 * max(0.0, centre - half), 100 * min(1.0, centre + half)


def share_rows(rows: list, names: dict | None = None) -> list[dict]:
    shown = []
    for key, classified, failures in rows:
        share, low, high = share_interval(failures, classified)
        name = names[key].name if names and key in names else CHANNELS.get(key, key) or "Not given"
        shown.append(
            {
                "key": key,
                "name": str(name),
                "classified": classified,
                "failures": failures,
                "share": share,
                "low": low,
                "high": high,
            }
        )
    return shown


def share_chart(rows: list[dict], what: str) -> object:
    bars = [LeagueBar(r["name"], r["share"], r["low"], r["high"], r["classified"]) for r in rows]
    return league_chart(
        bars,
        0,
        100,
        title=f"Failure demand share by {what}",
        chart_id=f"share-{what}",
        value_label="Failure demand (%)",
        interval_label="95% interval",
    )


@analysts_only
def failure(request: HttpRequest) -> HttpResponse:
    """Failure share by service, channel and place, and the Pareto of its causes."""
    context, filters = _context(request)
    names = context["services"]
    breakdowns = {
        "service": share_rows(analysis.failure_share(filters, "service_id"), names),
        "channel": share_rows(analysis.failure_share(filters, "channel")),
        "place": share_rows(analysis.failure_share(filters, "place"))[:PLACES_SHOWN],
    }
    context["charts"] = [share_chart(rows, what) for what, rows in breakdowns.items() if rows]
    causes = [
        (CAUSES.get(cause, "Not recorded"), n) for cause, n in analysis.failure_causes(filters)
    ]
    if causes:
        context["pareto"] = pareto_chart(
            causes,
            title="Causes of failure demand",
            y_label="Failure demand contacts",
            chart_id="pareto",
        )
    return render(request, "demand/failure.html", context)


@analysts_only
def capability(request: HttpRequest) -> HttpResponse:
    """End-to-end time as the citizen sees it: percentiles, and an XmR chart of the latest."""
    context, filters = _context(request)
    found = analysis.end_to_end(filters)
    context["capability"] = found
    if found.latest:
        order = list(range(1, len(found.latest) + 1))
        resolved = {i: when for i, (when, _) in zip(order, found.latest, strict=True)}
        result = spc.xmr(
            order, [days for _, days in found.latest], spc.Settings(improvement="decrease")
        )
        context["chart"] = spc_chart(
            result,
            title="Days from contact to resolution, latest resolved",
            y_label="Days end to end",
            chart_id="capability",
            decimals=1,
            x_text=lambda i: f"{timezone.localtime(resolved[i]):%-d %b}",
            x_name="Resolved",
        )
    return render(request, "demand/capability.html", context)


@analysts_only
def what_matters(request: HttpRequest) -> HttpResponse:
    """What matters most to citizens, by service, and whether they say it was put right."""
    context, filters = _context(request)
    context["matters"] = [
        (context["services"][service_id], phrases)
        for service_id, phrases in analysis.what_matters(filters).items()
        if service_id in context["services"]
    ]
    context["by_service"] = verdicts_by("service")
    context["by_place"] = verdicts_by("place")
    return render(request, "demand/what_matters.html", context)
