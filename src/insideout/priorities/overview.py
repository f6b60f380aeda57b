"""The turned telescope on one page for a permanent secretary: how useful the doers find the
centre, what it delivered, the hours it takes from them, and mandate beside demand."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from insideout.asks.models import Ask, Status
from insideout.burdens import ledger
from insideout.pulses.models import Pulse
from insideout.pulses.nps import NpsResult
from insideout.scorecard import scores

from . import bottom_up

TREND_PULSES = 8


@dataclass(frozen=True)
class AskFigures:
    raised: int
    delivered: int
    confirmed: int  # delivered asks whose doers said whether it helped
    helped: int  # ... and said yes

    @property
    def helped_share(self) -> float | None:
        return 100 * self.helped / self.confirmed if self.confirmed else None


@dataclass
class Overview:
    since: date
    nps: list[tuple[Pulse, NpsResult | None]]
    best: scores.LeagueEntry | None
    worst: scores.LeagueEntry | None
    asks: AskFigures
    hours: ledger.Row
    trend: list[ledger.QuarterPoint]
    net: ledger.NetChange
    balance: bottom_up.Balance


def centre_nps(pulses: list[Pulse]) -> list[tuple[Pulse, NpsResult | None]]:
    """The NPS of every unit together, pulse by pulse, where enough doers answered."""
    return scores.centre_nps(pulses)


def ask_figures(since: date) -> AskFigures:
    found = (
        Ask.objects.exclude(status=Status.MERGED)
        .filter(raised_at__date__gte=since)
        .aggregate(
            raised=Count("pk"),
            delivered=Count("pk", filter=Q(delivered_at__isnull=False)),
            confirmed=Count("pk", filter=~Q(helped="")),
            helped=Count("pk", filter=Q(helped="yes")),
        )
    )
    return AskFigures(**found)


def overview(today: date | None = None) -> Overview:
    today = today or timezone.localdate()
    since = today - timedelta(days=365)
    pulses = scores.scored_pulses()
    ranked = [e for e in scores.league_table(scores.window(pulses)) if e.row.ranked]
    requirements = ledger.by_requirement(ledger.requirements_in())
    return Overview(
        since=since,
        nps=centre_nps(pulses[-TREND_PULSES:]),
        best=ranked[0] if ranked else None,
        worst=ranked[-1] if len(ranked) > 1 else None,
        asks=ask_figures(since),
        hours=requirements.total,
        trend=ledger.trend(today=today),
        net=ledger.net_change(ledger.year_ago(today)),
        balance=bottom_up.standings(),
    )
