"""Scorecards over the API: aggregates only, with the same anonymity rules as the pages."""

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from insideout.accounts.requests import AuthenticatedHttpRequest
from insideout.directory.models import CentreUnit, Organisation
from insideout.web.decorators import refuse_unless
from insideout.web.limits import Code, Id

from . import scores

router = Router(tags=["scorecards"])


class SegmentQuery(Schema):
    type: Organisation.Type | None = None
    region: Code = ""


class Score(Schema):
    """A figure is null where too few doers answered to show it without identifying them (or
    where it would let such a group be worked out from other figures), and for an anonymous
    pulse until it closes."""

    nps: float | None
    low_95: float | None
    high_95: float | None
    respondents: int | None


class LeagueOut(Score):
    unit_id: int
    unit: str
    position: int | None


class TrendOut(Score):
    pulse_id: int
    pulse: str


def score_of(result) -> dict:
    if result is None:
        return {"nps": None, "low_95": None, "high_95": None, "respondents": None}
    return {
        "nps": round(result.nps, 1),
        "low_95": round(result.low, 1),
        "high_95": round(result.high, 1),
        "respondents": result.n,
    }


@router.get(
    "/scorecards/units",
    response=list[LeagueOut],
    summary="The league table of units over the recent pulses",
)
def league(request: AuthenticatedHttpRequest, segment: Query[SegmentQuery]):
    refuse_unless(request.user.is_centre_staff, "Only centre staff can see scorecards.")
    recent = scores.window(scores.scored_pulses())
    table = scores.league_table(recent, scores.Segment(segment.type or "", segment.region))
    return [
        LeagueOut(
            unit_id=e.unit.pk,
            unit=e.unit.name,
            position=e.row.position,
            **score_of(e.row.result if e.row.ranked else None),
        )
        for e in table
    ]


@router.get(
    "/scorecards/units/{unit_id}", response=list[TrendOut], summary="A unit's score in each pulse"
)
def unit_trend(request: AuthenticatedHttpRequest, unit_id: Id, segment: Query[SegmentQuery]):
    refuse_unless(request.user.is_centre_staff, "Only centre staff can see scorecards.")
    unit = get_object_or_404(CentreUnit, pk=unit_id)
    trend = scores.unit_trend(
        unit, scores.scored_pulses(), scores.Segment(segment.type or "", segment.region)
    )
    return [TrendOut(pulse_id=p.pulse.pk, pulse=p.pulse.title, **score_of(p.result)) for p in trend]
