"""The turned telescope: how useful the doers find each unit of the centre."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from insideout.accounts.decorators import centre_staff_required
from insideout.directory.models import CentreUnit
from insideout.pulses.models import Pulse
from insideout.pulses.services import overall_rate
from insideout.web.charts import (
    CircleItem,
    LeagueBar,
    Series,
    circle_chart,
    league_chart,
    trend_chart,
)
from insideout.web.tables import FORMATS

from . import exports, scores
from .forms import SegmentForm


def segment_from(request: HttpRequest) -> tuple[SegmentForm, scores.Segment]:
    form = SegmentForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, scores.Segment(form.cleaned_data["type"], form.cleaned_data["region"])
    return form, scores.Segment()


def league_bars(table: list[scores.LeagueEntry]) -> list[LeagueBar]:
    return [LeagueBar(name=e.unit.name, value=e.row.result.nps if e.row.ranked else None,
                      low=e.row.result.low if e.row.ranked else None,
                      high=e.row.result.high if e.row.ranked else None,
                      respondents=e.row.result.n if e.row.ranked else None)
            for e in table]


@centre_staff_required
def league(request: HttpRequest) -> HttpResponse:
    """The league table of units over the recent pulses, and the doers'-eye view."""
    form, segment = segment_from(request)
    pulses = scores.scored_pulses()
    recent = scores.window(pulses)
    table = scores.league_table(recent, segment)
    respondents = sum(overall_rate(p).responded for p in recent)
    context = {"form": form, "segment": segment, "pulses": recent, "table": table,
               "minimum": scores.LEAGUE_MINIMUM_RESPONDENTS}
    if table:
        context["league_chart"] = league_chart(league_bars(table), chart_id="league",
                                               title="Net Promoter Score by unit")
        context["circle_chart"] = circle_chart(
            f"Doers ({respondents:,} answers)",
            [CircleItem(name=e.unit.name, short_name=e.unit.short_name or e.unit.name,
                        respondents=e.row.result.n if e.row.result else 0,
                        value=e.row.result.nps if e.row.ranked else None) for e in table],
            chart_id="doers-eye")
        context["agreement"] = scores.agreement(recent, segment=segment)
    return render(request, "scorecard/league.html", context)


@centre_staff_required
def unit(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(CentreUnit, pk=unit_id)
    form, segment = segment_from(request)
    pulses = scores.scored_pulses()
    trend = scores.unit_trend(unit, pulses, segment)
    recent = scores.window(pulses)
    context = {"unit": unit, "form": form, "segment": segment, "trend": trend,
               "pulses": recent}
    if pulses:
        context["trend_chart"] = trend_chart(
            [Series(unit.name, [(p.result.nps, p.result.low, p.result.high) if p.result
                                else (None, None, None) for p in trend])],
            y_min=-100, y_max=100, y_label="Net Promoter Score",
            x_labels=[p.pulse.title for p in trend], chart_id="trend",
            title=f"{unit.name}: Net Promoter Score over time")
        context["by_type"] = scores.unit_breakdown(unit, recent, "type")
        context["by_region"] = scores.unit_breakdown(unit, recent, "region")
        context["agreement"] = scores.agreement(recent, unit=unit, segment=segment)
    return render(request, "scorecard/unit.html", context)


@centre_staff_required
def pulse(request: HttpRequest, pulse_id: int) -> HttpResponse:
    """What the doers said in one pulse: scores, agreement and comments, thresholds applied."""
    pulse = get_object_or_404(Pulse.objects.exclude(status=Pulse.Status.DRAFT), pk=pulse_id)
    form, segment = segment_from(request)
    return render(request, "scorecard/pulse.html", {
        "pulse": pulse, "form": form, "segment": segment,
        "table": scores.league_table([pulse], segment, minimum=pulse.min_group_size),
        "agreement": scores.agreement([pulse], segment=segment),
        "needs": scores.need_categories(pulse, segment),
        "comments": scores.comments(pulse, segment),
    })


@centre_staff_required
def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Export as csv or xlsx.")
    return exports.scorecard_response(scores.scored_pulses(), fmt)
