"""One demo ask's life, told step by step and recorded as `lifecycle.perform` records it.

A story follows the life cycle from raising to the doer's follow-up, drawing each delay from
its unit's profile, and stops at the present: whatever would happen later has not happened
yet. It then adds what the periodic tasks would have recorded (service levels missed) and
the doers who said "me too" while the ask was open.
"""

import bisect
import math
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit, Organisation

from . import demo_data as data
from .models import AWAITING_ACKNOWLEDGEMENT, OPEN_STATUSES, Ask, AskEvent, Status
from .notifications import FOLLOW_UP_AFTER
from .service_levels import Breach, add_working_days, breach_note, end_of

Kind = AskEvent.Kind
NEVER = math.inf
_KEEP = object()


@dataclass(slots=True)
class Step:
    """One row of the audit trail, kept plain until it is inserted with the rest."""

    kind: str
    at: datetime
    actor: User | None
    from_status: str
    to_status: str
    from_unit: CentreUnit | None = None
    to_unit: CentreUnit | None = None
    note: str = ""
    missed_target: str = ""
    target_due_at: datetime | None = None


@dataclass
class Cast:
    """Who acts in a story: the doer, the unit's officers and whoever routes the queue."""

    doer: User  # the raiser, or their organisation's lead when the centre logged the ask
    officers: list[User]
    triager: User
    wrong_officers: list[User] = field(default_factory=list)


def lognormal(rng: random.Random, median: float, spread: float = 0.8) -> float:
    return median * math.exp(rng.gauss(0, spread))


def _local(at: datetime) -> datetime:
    """The department's own clock (`timezone.localtime` looks up the active zone each time: in
    a demo of thousands of asks that adds up)."""
    return at.astimezone(timezone.get_default_timezone())


def office_hours(rng: random.Random, at: datetime) -> datetime:
    """The same moment, or the next working one: centre staff act on weekdays, 9 to 5.

    Times are worked out on the local clock and returned in UTC, where adding a day is 24
    hours whatever the clocks do, as the database's times are."""
    local = _local(at)
    if local.hour >= 17:
        local = (local + timedelta(days=1)).replace(hour=9, minute=rng.randint(0, 59))
    elif local.hour < 9:
        local = local.replace(hour=9, minute=rng.randint(0, 59))
    while local.weekday() >= 5:
        local = (local + timedelta(days=1)).replace(hour=9, minute=rng.randint(0, 59))
    return local.astimezone(UTC)


def working_hours_later(rng: random.Random, at: datetime, hours: float) -> datetime:
    """When a member of staff who starts on it at `at` has spent `hours` of office time."""
    moment = _local(office_hours(rng, at))
    while True:
        closing = moment.replace(hour=17, minute=0, second=0)
        left = (closing - moment) / timedelta(hours=1)
        if hours <= left:
            return (moment + timedelta(hours=hours)).astimezone(UTC)
        hours -= left
        moment = _local(office_hours(rng, closing + timedelta(hours=16)))


class Story:
    def __init__(
        self, ask: Ask, need: data.Need, profile: data.Profile, now: datetime, year_start: datetime
    ) -> None:
        self.ask, self.need, self.profile, self.now = ask, need, profile, now
        self.year_start = year_start
        self.events: list[Step] = []
        self.supporters: dict[int, tuple[User, Organisation | None, datetime]] = {}
        self.states: list[tuple[datetime, str, int | None]] = []
        self.when = ask.raised_at
        self.merges: list[tuple[Step, Story]] = []  # notes that name the merged ask
        self.clocks: list[datetime] = [ask.raised_at]  # the service level restarts on reopening
        # (person, organisation, delivered at, verdict, comment, at): answers to "Did it help?"
        self.helped_answers: list[tuple] = []
        self.promises: list[tuple[datetime, date]] = []  # (committed at, to deliver by)

    # Recording -----------------------------------------------------------------------------

    def record(
        self,
        kind: str,
        at: datetime,
        actor: User | None,
        *,
        status: str | None = None,
        unit=_KEEP,
        note: str = "",
    ) -> None:
        """One change, as `perform` records it: before and after, status and unit."""
        ask = self.ask
        before_status, before_unit = ask.status, ask.unit
        if kind == Kind.RAISED:
            before_status, before_unit = "", None
        if status is not None:
            ask.status = status
        if unit is not _KEEP:
            ask.unit = unit
        self.events.append(
            Step(kind, at, actor, before_status, ask.status, before_unit, ask.unit, note)
        )
        self.states.append((at, ask.status, ask.unit_id))
        if status == Status.REOPENED:
            self.clocks.append(at)
        self.when = at

    def mark(self, kind: str, at: datetime, actor: User | None = None, note: str = "") -> Step:
        """An event that changes neither status nor unit: me too, merged in, a missed level."""
        status = self.status_at(at)
        event = Step(kind, at, actor, status, status, note=note)
        self.events.append(event)
        return event

    def support(self, person: User, organisation: Organisation | None, at: datetime) -> bool:
        if person.pk in self.supporters:
            return False
        self.supporters[person.pk] = (person, organisation, at)
        return True

    def join(self, person: User, organisation: Organisation, at: datetime) -> None:
        if self.support(person, organisation, at):
            self.mark(Kind.JOINED, at, person)

    def status_at(self, at: datetime) -> str:
        times = [state[0] for state in self.states]
        return self.states[max(0, bisect.bisect_right(times, at) - 1)][1]

    def open_until(self) -> datetime:
        """When the ask first stopped being open (or now): the window for saying 'me too'."""
        for at, status, _ in self.states:
            if status not in OPEN_STATUSES:
                return at
        return self.now

    # Telling -------------------------------------------------------------------------------

    def drift(self, pair: tuple[float, float], at: datetime) -> float:
        start, end = pair
        year = max(0.0, min(1.0, (at - self.year_start) / timedelta(days=365)))
        return start + (end - start) * year

    def after(
        self,
        at: datetime,
        *,
        hours: float = 0,
        days: float = 0,
        staff: bool = False,
        rng: random.Random | None = None,
    ) -> datetime | None:
        """The moment a step happens, or None if it would be after the present. Staff work
        on weekdays, 9 to 5: their hours are office hours, their days end in office hours."""
        span = hours / 24 + days
        if span == NEVER or span > 3650:
            return None
        if staff and rng is not None and hours:  # hours of office time
            moment = working_hours_later(rng, at, hours)
        else:
            moment = at + timedelta(days=span)
            if staff and rng is not None:
                moment = office_hours(rng, moment)
        moment = max(moment, self.when + timedelta(minutes=1))
        return moment if moment <= self.now else None

    def tell(
        self,
        rng: random.Random,
        cast: Cast,
        raised_to: CentreUnit | None,
        first: CentreUnit,
        owner: CentreUnit,
        script: dict | None = None,
    ) -> None:
        """Live the ask from raising to now. It is raised to a unit (None: the triage queue),
        held first by `first` and, if that is not its `owner`, passed on. `script` fixes
        delays (NEVER: not yet) and choices."""
        script = script or {}
        ask = self.ask

        def pick(name: str, draw):
            return script[name] if name in script else draw()

        self.record(
            Kind.RAISED,
            ask.raised_at,
            ask.raised_by,
            status=Status.RAISED,
            unit=raised_to,
            note="Logged by the centre for the doer." if ask.on_behalf else "",
        )
        if raised_to is None:
            at = self.after(
                self.when,
                hours=pick("triage_hours", lambda: lognormal(rng, 2)),
                staff=True,
                rng=rng,
            )
            if at is None:
                return
            self.record(Kind.ROUTED, at, cast.triager, unit=first)
        if first != owner:
            if rng.random() < 0.5:
                hours = lognormal(rng, data.PROFILES[first.name].ack_hours[0])
                at = self.after(self.when, hours=hours, staff=True, rng=rng)
                if at is None:
                    return
                self._acknowledge(at, rng.choice(cast.wrong_officers))
            at = self.after(self.when, days=rng.uniform(0.1, 2), staff=True, rng=rng)
            if at is None:
                return
            ask.acknowledged_at = None
            self.record(
                Kind.ROUTED,
                at,
                rng.choice(cast.wrong_officers),
                unit=owner,
                status=Status.RAISED,
                note=rng.choice(data.PASS_ON_NOTES).format(unit=owner.name),
            )
        again = script.get("again", {})  # for the rounds after a reopening

        def pick_again(name: str, draw):
            return again[name] if name in again else draw()

        for round_ in range(3):
            if not self._decide_and_deliver(rng, cast, pick if round_ == 0 else pick_again, round_):
                return

    def _acknowledge(self, at: datetime, officer: User) -> None:
        self.ask.acknowledged_at = self.ask.acknowledged_at or at
        self.record(Kind.ACKNOWLEDGED, at, officer, status=Status.ACKNOWLEDGED)

    def _decide_and_deliver(self, rng: random.Random, cast: Cast, pick, round_: int) -> bool:
        """One round from awaiting acknowledgement to the doer's follow-up; True if reopened."""
        ask, need, profile = self.ask, self.need, self.profile
        officer = rng.choice(cast.officers)
        direct = pick("direct", lambda: rng.random() < 0.12)
        if not direct:
            at = self.after(
                self.when,
                hours=pick(
                    "ack_hours", lambda: lognormal(rng, self.drift(profile.ack_hours, self.when))
                ),
                staff=True,
                rng=rng,
            )
            if at is None:
                return False
            self._acknowledge(at, officer)
        withdraw = pick(
            "withdraw_days", lambda: rng.uniform(2, 30) if rng.random() < 0.03 else NEVER
        )
        if direct:  # decided on the spot, as soon as it is read
            decide = pick(
                "decide_days", lambda: lognormal(rng, self.drift(profile.ack_hours, self.when)) / 24
            )
        else:
            decide = pick(
                "decide_days",
                lambda: (
                    lognormal(rng, profile.decide_days, 0.6)
                    * (rng.uniform(5, 12) if rng.random() < profile.stall else 1)
                ),
            )
        if withdraw < decide:
            at = self.after(self.when, days=withdraw)
            if at is not None:
                self.record(Kind.WITHDRAWN, at, cast.doer, status=Status.WITHDRAWN)
            return False
        at = self.after(self.when, days=decide, staff=True, rng=rng)
        if at is None:
            return False
        ask.acknowledged_at = ask.acknowledged_at or at
        ask.decided_at = at
        declined = pick("decline", lambda: rng.random() < self.drift(profile.decline, at))
        if declined:
            ask.decline_reason = need.decline if round_ == 0 else SECOND_DECLINE
            self.record(Kind.DECLINED, at, officer, status=Status.DECLINED, note=ask.decline_reason)
            reopen = self.after(self.when, days=rng.uniform(5, 30))
            if reopen is None or round_ > 0 or not pick("reopen", lambda: rng.random() < 0.05):
                return False
            ask.acknowledged_at = None
            self.record(
                Kind.REOPENED,
                reopen,
                cast.doer,
                status=Status.REOPENED,
                note=rng.choice(data.REOPEN_NOTES),
            )
            return True
        planned = profile.deliver_days * rng.uniform(0.7, 1.3)
        ask.commitment = need.commitment if round_ == 0 else f"{SECOND_LOOK}{need.commitment}"
        ask.due_on = timezone.localdate(at + timedelta(days=planned))
        self.promises.append((at, ask.due_on))
        self.record(Kind.COMMITTED, at, officer, status=Status.COMMITTED)
        at = self.after(
            self.when,
            days=pick("deliver_days", lambda: lognormal(rng, profile.deliver_days, 0.5)),
            staff=True,
            rng=rng,
        )
        if at is None:
            return False
        ask.delivered_at = at
        ask.delivery_note = need.delivery if round_ == 0 else f"{SECOND_LOOK}{need.delivery}"
        self.record(Kind.DELIVERED, at, officer, status=Status.DELIVERED, note=ask.delivery_note)
        return self._hear_back(rng, cast, pick)

    def _hear_back(self, rng: random.Random, cast: Cast, pick) -> bool:
        """The doer answers "Did it help?": yes settles it; partly or no sends it back. A doer
        who has not answered is asked again some weeks later."""
        ask, profile = self.ask, self.profile
        delivered = self.when
        helped = pick(
            "helped",
            lambda: (
                self._verdict(rng, self.drift(profile.helped, delivered))
                if rng.random() < 0.75
                else ""
            ),
        )
        if not helped:
            sent = delivered + FOLLOW_UP_AFTER + timedelta(minutes=rng.uniform(0, 10))
            if sent <= self.now:
                ask.follow_up_sent_at = sent
            return False
        at = self.after(self.when, days=pick("confirm_days", lambda: rng.uniform(0.2, 14)))
        if at is None:
            return False
        ask.helped, ask.confirmed_at = helped, at
        ask.helped_comment = rng.choice(data.HELPED_COMMENTS[helped])
        self.helped_answers.append(
            (cast.doer, ask.organisation, ask.delivered_at, helped, ask.helped_comment, at)
        )
        if helped == "yes":
            self.record(
                Kind.CONFIRMED, at, cast.doer, status=Status.CONFIRMED, note=ask.helped_comment
            )
            return False
        ask.acknowledged_at = None
        self.record(Kind.CONFIRMED, at, cast.doer, status=Status.REOPENED, note=ask.helped_comment)
        return True

    @staticmethod
    def _verdict(rng: random.Random, yes: float) -> str:
        return rng.choices(["yes", "partly", "no"], [yes, (1 - yes) * 0.6, (1 - yes) * 0.4])[0]

    # What the periodic tasks record --------------------------------------------------------

    def missed_service_levels(
        self, days_to_acknowledge: int, days_to_decide: int, rng: random.Random
    ) -> None:
        """The breaches `flag_breaches` would have recorded, ticking every ten minutes."""
        checks = [
            (
                "acknowledge",
                days_to_acknowledge,
                lambda status, unit: unit is not None and status in AWAITING_ACKNOWLEDGEMENT,
            ),
            (
                "decide",
                days_to_decide,
                lambda status, unit: unit is not None and status == Status.ACKNOWLEDGED,
            ),
        ]
        ends = [state[0] for state in self.states[1:]] + [self.now]
        starts = [*self.clocks[1:], self.now]
        for clock, next_clock in zip(self.clocks, starts, strict=True):
            for what, days, holds in checks:
                due = add_working_days(clock, days)
                for (start, status, unit), end in zip(self.states, ends, strict=True):
                    if not clock <= start < next_clock:
                        continue
                    flagged = max(start, due) + timedelta(minutes=rng.uniform(0.5, 10))
                    if holds(status, unit) and flagged < end and flagged <= self.now:
                        event = self.mark(
                            Kind.SLA_BREACHED,
                            flagged,
                            note=breach_note(Breach(self.ask, what, due)),
                        )
                        event.missed_target, event.target_due_at = what, due
                        break
        self._missed_deliveries(ends, rng)
        clock = self.clocks[-1]
        self.ask.clock_started_at = clock
        self.ask.acknowledge_due_at = add_working_days(clock, days_to_acknowledge)
        self.ask.decide_due_at = add_working_days(clock, days_to_decide)

    def _missed_deliveries(self, ends: list[datetime], rng: random.Random) -> None:
        """A committed ask still not delivered once its promised day is over."""
        for (start, status, _), end in zip(self.states, ends, strict=True):
            promised = [due_on for at, due_on in self.promises if at <= start]
            if status != Status.COMMITTED or not promised:
                continue
            due = end_of(promised[-1])
            flagged = max(start, due) + timedelta(minutes=rng.uniform(0.5, 10))
            if flagged < end and flagged <= self.now:
                event = self.mark(
                    Kind.SLA_BREACHED, flagged, note=breach_note(Breach(self.ask, "deliver", due))
                )
                event.missed_target, event.target_due_at = "deliver", due

    def supporters_answer(self) -> None:
        """Organisations that said "me too" are asked "Did it help?" as well, and most answer:
        while the ask could still take an answer (before the raiser's "partly" or "no" sent it
        back), never worse than the raiser, so the ask's outcome stays as told."""
        rng = random.Random(f"helped {self.ask.raised_at.isoformat()} {self.ask.title}")
        answered = {self.ask.organisation_id}
        supporters = []
        for person, organisation, joined in self.supporters.values():
            if organisation is not None and organisation.pk not in answered:
                answered.add(organisation.pk)
                supporters.append((person, organisation, joined))
        for _, _, delivered, verdict, _, raiser_at in list(self.helped_answers):
            until = self.now if verdict == "yes" else raiser_at
            for person, organisation, joined in supporters:
                if joined >= delivered or rng.random() > 0.6:
                    continue
                said = "yes" if verdict == "yes" else rng.choice([verdict, "yes"])
                at = delivered + (until - delivered) * rng.uniform(0.05, 0.95)
                comment = rng.choice(data.HELPED_COMMENTS[said])
                self.helped_answers.append((person, organisation, delivered, said, comment, at))


SECOND_LOOK = "Second look, after your follow-up: "
SECOND_DECLINE = (
    "We have done what this programme can; the rest sits with your local "
    "partners, whom we have told what you said."
)
