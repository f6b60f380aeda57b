"""The turned telescope: how useful the doers find each unit of the centre."""

from dataclasses import replace

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import urlencode

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.asks.services import ask_stats_by_unit, unit_ask_stats
from insideout.directory.models import CentreUnit
from insideout.pulses import disclosure
from insideout.pulses.models import Pulse, Question
from insideout.pulses.services import overall_rate
from insideout.web.charts import (
    CircleItem,
    LeagueBar,
    Series,
    circle_chart,
    league_chart,
    trend_chart,
)
from insideout.web.decorators import centre_staff_required
from insideout.web.tables import FORMATS

from . import exports, scores
from .forms import SegmentForm


def segment_query(segment: scores.Segment) -> str:
    """The segment as a query string, to carry it from one page to the next."""
    return urlencode(
        {k: v for k, v in (("type", segment.organisation_type), ("region", segment.region)) if v}
    )


def segment_from(request: HttpRequest) -> tuple[SegmentForm, scores.Segment]:
    form = SegmentForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, scores.Segment(form.cleaned_data["type"], form.cleaned_data["region"])
    return form, scores.Segment()


def league_bars(table: list[scores.LeagueEntry]) -> list[LeagueBar]:
    bars = []
    for e in table:
        result = e.row.result if e.row.ranked else None
        bars.append(
            LeagueBar(
                name=e.unit.name,
                value=result.nps if result is not None else None,
                low=result.low if result is not None else None,
                high=result.high if result is not None else None,
                respondents=result.n if result is not None else None,
            )
        )
    return bars


@centre_staff_required
def league(request: HttpRequest) -> HttpResponse:
    """The league table of units over the recent pulses, and the doers'-eye view."""
    form, segment = segment_from(request)
    pulses = scores.scored_pulses()
    recent = scores.window(pulses)
    table = scores.league_table(recent, segment)
    ask_stats = ask_stats_by_unit([e.unit.pk for e in table])
    table = [replace(e, asks=ask_stats[e.unit.pk]) for e in table]
    respondents = sum(disclosure.shown_rate(p, overall_rate(p)).responded or 0 for p in recent)
    context = {
        "form": form,
        "segment": segment,
        "pulses": recent,
        "table": table,
        "minimum": scores.LEAGUE_MINIMUM_RESPONDENTS,
    }
    if table:
        context["league_chart"] = league_chart(
            league_bars(table), chart_id="league", title="Net Promoter Score by unit"
        )
        context["circle_chart"] = circle_chart(
            f"Doers ({respondents:,} answers)",
            [
                CircleItem(
                    name=e.unit.name,
                    short_name=e.unit.short_name or e.unit.name,
                    respondents=e.row.result.n if e.row.result else 0,
                    value=e.row.result.nps if e.row.ranked and e.row.result else None,
                )
                for e in table
            ],
            chart_id="doers-eye",
        )
        context["agreement"] = scores.agreement(recent, segment=segment)
    return render(request, "scorecard/league.html", context)


@centre_staff_required
def unit(request: AuthenticatedHttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(CentreUnit, pk=unit_id)
    form, segment = segment_from(request)
    pulses = scores.scored_pulses()
    trend = scores.unit_trend(unit, pulses, segment)
    recent = scores.window(pulses)
    context = {
        "unit": unit,
        "form": form,
        "segment": segment,
        "trend": trend,
        "pulses": recent,
        "asks": unit_ask_stats(unit),
        "sees_queue": request.user.sees_unit_queue(unit.pk),
    }
    if pulses:
        context["trend_chart"] = trend_chart(
            [
                Series(
                    unit.name,
                    [
                        (p.result.nps, p.result.low, p.result.high)
                        if p.result
                        else (None, None, None)
                        for p in trend
                    ],
                )
            ],
            y_min=-100,
            y_max=100,
            y_label="Net Promoter Score",
            x_labels=[p.pulse.title for p in trend],
            chart_id="trend",
            title=f"{unit.name}: Net Promoter Score over time",
        )
        context["by_type"] = scores.unit_breakdown(unit, recent, "type")
        context["by_region"] = scores.unit_breakdown(unit, recent, "region")
    return render(request, "scorecard/unit.html", context)


@centre_staff_required
def pulse(request: HttpRequest, pulse_id: int) -> HttpResponse:
    """What the doers said in one pulse: scores, agreement and comments, thresholds applied."""
    pulse = get_object_or_404(Pulse.objects.exclude(status=Pulse.Status.DRAFT), pk=pulse_id)
    form, segment = segment_from(request)
    context = {
        "pulse": pulse,
        "form": form,
        "segment": segment,
        "segment_query": segment_query(segment),
    }
    if pulse.results_published:
        context |= {
            "table": scores.league_table([pulse], segment, minimum=pulse.min_group_size),
            "agreement": scores.agreement([pulse], segment=segment),
            "needs": scores.need_categories(pulse, segment),
            "comments": scores.comments(pulse, segment, scores.COMMENTS_SHOWN),
        }
    return render(request, "scorecard/pulse.html", context)


@centre_staff_required
def pulse_comments(request: HttpRequest, pulse_id: int, question_id: int) -> HttpResponse:
    """Every answer to one free-text question of a pulse, a page at a time."""
    pulse = get_object_or_404(Pulse.objects.exclude(status=Pulse.Status.DRAFT), pk=pulse_id)
    question = get_object_or_404(
        pulse.questions.filter(kind__in=[Question.Kind.NEED, Question.Kind.FREE_TEXT]),
        pk=question_id,
    )
    form, segment = segment_from(request)
    found = scores.comment_page(pulse, question, segment, request.GET.get("page"))
    query = segment_query(segment)
    context = {
        "pulse": pulse,
        "question": question,
        "form": form,
        "segment": segment,
        "segment_query": query,
        "query_without_page": query + "&" if query else "",
    }
    if found is not None:
        page, comments = found
        context |= {
            "page_obj": page,
            "comments": comments,
            "page_range": page.paginator.get_elided_page_range(page.number),
        }
    return render(request, "scorecard/pulse_comments.html", context)


@centre_staff_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Export as csv or xlsx.")
    return exports.scorecard_response(scores.scored_pulses(), fmt)
