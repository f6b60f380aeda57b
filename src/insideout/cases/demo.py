"""The demo department's case work: a few hundred cases over the last year, opened by its
frontline partners, with needs matched to the demo catalogue by the real short list, and pulls
in every state of their life, each with its audit trail.

The story: Leeds's partners meet many families with nowhere to live, and Leeds's housing
services are full, so housing needs go unmet there, quarter after quarter, until the council
expands its family rooms; in Manchester people wait for talking therapies."""

import random
import tomllib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from uuid import UUID

from django.utils import timezone

from insideout.accounts.models import User
from insideout.catalogue.matching import ServiceFacts
from insideout.catalogue.models import CapacityStatus, Service
from insideout.catalogue.places import ENGLAND, region_of
from insideout.catalogue.services import classify, provider_for, serve_areas
from insideout.catalogue.suggestions import load_facts
from insideout.vocabulary import Role, SocialNeed

from .models import Case, CaseEvent, CaseRead, Consent, Goal, Need, Pull, PullStatus, UnmetNeed

DATA = tomllib.loads(Path(__file__).with_name("demo_cases.toml").read_text())
LEEDS = "E08000035"
S, K = PullStatus, CaseEvent.Kind
# The steps a pull took to reach each state.
TRAILS: dict[str, list[CaseEvent.Kind]] = {
    S.REQUESTED: [K.PULLED],
    S.RECEIVED: [K.PULLED, K.RECEIVED],
    S.ACCEPTED: [K.PULLED, K.RECEIVED, K.ACCEPTED],
    S.ON_HOLD: [K.PULLED, K.RECEIVED, K.WAITLISTED],
    S.IN_PROGRESS: [K.PULLED, K.RECEIVED, K.ACCEPTED, K.STARTED],
    S.COMPLETED: [K.PULLED, K.RECEIVED, K.ACCEPTED, K.STARTED, K.COMPLETED],
    S.REJECTED: [K.PULLED, K.RECEIVED, K.DECLINED],
    S.CANCELLED: [K.PULLED, K.CANCELLED],
}
REASON_NOTES: dict[str, str] = {
    Pull.Reason.NOT_SUITABLE: "Our service is for people already in a tenancy.",
    Pull.Reason.OTHER: "They moved out of the area.",
}
STATUS_AFTER = {  # days since the pull -> how its states are spread
    14: [(S.REQUESTED, 40), (S.RECEIVED, 25), (S.ACCEPTED, 20), (S.REJECTED, 10), (S.CANCELLED, 5)],
    60: [
        (S.ACCEPTED, 20),
        (S.ON_HOLD, 15),
        (S.IN_PROGRESS, 30),
        (S.COMPLETED, 20),
        (S.REJECTED, 10),
        (S.CANCELLED, 5),
    ],
    9999: [
        (S.COMPLETED, 55),
        (S.REJECTED, 18),
        (S.CANCELLED, 10),
        (S.IN_PROGRESS, 12),
        (S.ON_HOLD, 5),
    ],
}
VERDICTS = [
    ("yes", "It made a real difference, we are managing now"),
    ("yes", "They sorted it in a week"),
    ("partly", "It helped a bit but the problem is still there"),
    ("partly", "Good people, but it took a long time"),
    ("no", "It was not what we needed"),
]
WEIGHTS = {c: 3 for c in SocialNeed.values} | {
    "housing": 12,
    "money": 10,
    "food": 8,
    "mental_health": 8,
    "family": 5,
    "other": 1,
}


@dataclass
class DemoCases:
    cases: int
    pulls: Counter
    signals: int


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def populate(rng: random.Random, built: dict) -> DemoCases:
    directory, catalogue = built["directory"], built["catalogue"]
    now = timezone.now()
    facts = load_facts()
    organisation_of = {
        person.pk: organisation
        for organisation in directory.organisations
        for person in directory.organisation_people.get(organisation.pk, [])
    }
    work = _Work(rng, now, facts, catalogue.provider_of, catalogue.providers)
    for partner in directory.people[Role.FRONTLINE_PARTNER]:
        organisation = organisation_of.get(partner.pk)
        if organisation is None or not organisation.local_authority:
            continue
        leeds = organisation.local_authority == LEEDS
        for _ in range(rng.randint(9, 12) if leeds else rng.randint(1, 3)):
            work.case(partner, organisation, leeds)
    work.save()
    _expanded_family_rooms(rng, directory, now)
    return DemoCases(
        cases=len(work.cases),
        pulls=Counter(p.status for p, _ in work.pulls),
        signals=len(work.signals),
    )


class _Work:
    def __init__(self, rng, now, facts: list[ServiceFacts], provider_of, providers) -> None:
        self.rng, self.now = rng, now
        self.provider_of, self.providers = provider_of, providers
        self.serving: dict[tuple[str, str], list] = {}
        for one in facts:
            if not one.active:
                continue
            for category in one.categories:
                for code in {*one.area_codes, *one.places}:
                    self.serving.setdefault((category, code), []).append(one)
        self.cases: list[Case] = []
        self.partners: list[tuple[Case, User]] = []
        self.consents: list[Consent] = []
        self.goals: list[Goal] = []
        self.needs: list[tuple[Need, bool]] = []  # and whether a pull was made for it
        self.pulls: list[tuple[Pull, list[datetime]]] = []  # and when each step of it happened
        self.signals: list[tuple[UnmetNeed, UUID | None]] = []  # and the full service

    def case(self, partner, organisation, leeds: bool) -> None:
        rng = self.rng
        opened = self.now - timedelta(
            days=rng.randint(3, 170) if leeds else rng.randint(3, 360), hours=rng.randint(0, 8)
        )
        kind = rng.choice([Case.Kind.PERSON] * 3 + [Case.Kind.FAMILY] * 2 + [Case.Kind.GROUP])
        people = {Case.Kind.PERSON: 1, Case.Kind.FAMILY: rng.randint(2, 6)}.get(kind)
        case = Case(
            reference=f"{rng.choice('ABCDEFGHJKLMNPRSTW')}{rng.choice('ABCDEFGHJKLMNPRSTW')}-"
            f"{rng.randint(1000, 9999)}",
            kind=kind,
            people=people or rng.randint(4, 12),
            organisation=organisation,
            opened_by=partner,
            local_authority=organisation.local_authority,
            age_band=rng.choice(["", "young", "adult", "adult", "older", "mixed"]),
            what_matters=rng.choice(DATA["what_matters"]),
            opened_at=opened,
        )
        self.cases.append(case)
        self.partners.append((case, partner))
        consent = rng.random() < 0.95
        if consent:
            self.consents.append(Consent(case=case, recorded_by=partner, recorded_at=opened))
        for text in rng.sample(DATA["goals"], rng.randint(0, 2)):
            self.goals.append(Goal(case=case, text=text, set_at=opened))
        weights = WEIGHTS | ({"housing": 45} if leeds else {})
        categories = [_pick(rng, weights.items())]
        while rng.random() < 0.35 and len(categories) < 3:
            categories.append(_pick(rng, weights.items()))
        for category in dict.fromkeys(categories):
            at = opened + timedelta(hours=rng.randint(1, 72))
            need = Need(
                case=case,
                category=category,
                text=rng.choice(DATA["needs"][category]),
                raised_at=at,
                raised_by=partner,
            )
            plan = self._pull_for(case, need, partner) if consent else None
            self.needs.append((need, plan is not None and "unmet" not in plan))
            if plan is None:
                continue
            if "unmet" in plan:
                need.status = Need.Status.UNMET
                self.signals.append((self._signal(need, UnmetNeed.Reason.NO_SERVICE), None))
                continue
            pull, trail_times = self._pull(need, plan)
            self.pulls.append((pull, trail_times))
            if pull.reason == Pull.Reason.NO_CAPACITY:
                need.status = Need.Status.UNMET
                self.signals.append(
                    (self._signal(need, UnmetNeed.Reason.NO_CAPACITY), plan["service_id"])
                )
            else:
                need.status = Need.Status.MET if pull.status == S.COMPLETED else Need.Status.PULLED

    def _pull_for(self, case: Case, need: Need, partner) -> dict | None:
        """The service a partner would pull: one for the need in their place, else in their
        region, else national; or none, as the short list would find (without its text fit,
        which the demo does not need)."""
        rng = self.rng
        if rng.random() < 0.08:
            return None  # not yet looked
        families_with_nowhere = need.category == "housing" and case.local_authority == LEEDS
        if families_with_nowhere and rng.random() < 0.45:
            return {"unmet": UnmetNeed.Reason.NO_SERVICE}
        place = case.local_authority
        found = (
            self.serving.get((need.category, place))
            or self.serving.get((need.category, region_of(place)))
            or self.serving.get((need.category, ENGLAND))
        )
        if not found:  # half the time the partner looks further before saying so
            return {"unmet": UnmetNeed.Reason.NO_SERVICE} if rng.random() < 0.5 else None
        facts = rng.choice(found)
        return {"service_id": facts.id, "full": facts.capacity_status}

    def save(self) -> None:
        Case.objects.bulk_create(self.cases, batch_size=500)
        Case.partners.through.objects.bulk_create(
            Case.partners.through(case_id=case.pk, user_id=partner.pk)
            for case, partner in self.partners
        )
        Consent.objects.bulk_create(self.consents, batch_size=500)
        Goal.objects.bulk_create(self.goals, batch_size=500)
        Need.objects.bulk_create([need for need, _ in self.needs], batch_size=500)
        events = [
            CaseEvent(case=case, kind=K.OPENED, actor=case.opened_by, at=case.opened_at)
            for case in self.cases
        ]
        reads = [
            CaseRead(case=case, reader=case.opened_by, at=case.opened_at) for case in self.cases
        ]
        for need, pulled in self.needs:
            events.append(
                CaseEvent(case=need.case, kind=K.NEED, actor=need.raised_by, at=need.raised_at)
            )
            if need.status == Need.Status.UNMET and not pulled:
                events.append(
                    CaseEvent(case=need.case, kind=K.UNMET, actor=need.raised_by, at=need.raised_at)
                )
        Pull.objects.bulk_create([pull for pull, _ in self.pulls], batch_size=500)
        for pull, trail_times in self.pulls:
            events += self._trail(pull, trail_times)
        CaseEvent.objects.bulk_create(events, batch_size=1000)
        CaseRead.objects.bulk_create(reads, batch_size=1000)
        UnmetNeed.objects.bulk_create([s for s, _ in self.signals], batch_size=500)
        UnmetNeed.services_full.through.objects.bulk_create(
            UnmetNeed.services_full.through(unmetneed_id=s.pk, service_id=service)
            for s, service in self.signals
            if service is not None
        )

    def _signal(self, need: Need, reason: str) -> UnmetNeed:
        case = need.case
        return UnmetNeed(
            need=need,
            case=case,
            reason=reason,
            category=need.category,
            local_authority=case.local_authority,
            region=region_of(case.local_authority),
            people=case.people,
            raised_on=timezone.localdate(need.raised_at),
        )

    def _pull(self, need: Need, plan: dict) -> tuple[Pull, list[datetime]]:
        """A pull for the need as the plan says, and when each step of its trail happened."""
        rng = self.rng
        requested = need.raised_at + timedelta(hours=rng.randint(1, 48))
        age = (self.now - requested).days
        spread = next(v for days, v in STATUS_AFTER.items() if age <= days)
        status = _pick(rng, spread)
        reason = ""
        if plan["full"] == CapacityStatus.NO_CAPACITY and status not in (S.REQUESTED, S.CANCELLED):
            status, reason = S.REJECTED, Pull.Reason.NO_CAPACITY
        elif status == S.REJECTED:
            reason = Pull.Reason.NOT_SUITABLE
        elif status == S.CANCELLED:
            reason = Pull.Reason.OTHER
        span = max(self.now - requested, timedelta(hours=2))
        pull = Pull(
            need=need,
            case=need.case,
            service_id=plan["service_id"],
            provider_id=self.provider_of[plan["service_id"]],
            status=status,
            note_for_provider=need.text,
            reason=reason,
            reason_note=REASON_NOTES.get(reason, ""),
            requested_by=need.raised_by,
            requested_at=requested,
        )
        trail_times = sorted(requested + span * rng.random() for _ in TRAILS[status])
        trail_times[0] = requested
        if status != S.REQUESTED:
            pull.received_at = trail_times[1] if len(trail_times) > 1 else None
        if status == S.COMPLETED:
            pull.completed_at = trail_times[-1]
            pull.outcome_note = "Met them twice and agreed a plan; the problem is sorted."
            if rng.random() < 0.85:
                pull.helped, pull.helped_words = rng.choice(VERDICTS)
                pull.outcome_at = min(self.now, pull.completed_at + timedelta(days=7))
        return pull, trail_times

    def _trail(self, pull: Pull, trail_times: list[datetime]) -> list[CaseEvent]:
        events, before = [], ""
        steps = list(TRAILS[pull.status])
        if pull.reason == Pull.Reason.NO_CAPACITY:
            steps[-1] = K.NO_CAPACITY
        for kind, at in zip(steps, trail_times, strict=True):
            to = {
                K.PULLED: S.REQUESTED,
                K.RECEIVED: S.RECEIVED,
                K.ACCEPTED: S.ACCEPTED,
                K.WAITLISTED: S.ON_HOLD,
                K.STARTED: S.IN_PROGRESS,
                K.COMPLETED: S.COMPLETED,
                K.DECLINED: S.REJECTED,
                K.NO_CAPACITY: S.REJECTED,
                K.CANCELLED: S.CANCELLED,
            }[kind]
            partner_acts = kind in (K.PULLED, K.CANCELLED)
            events.append(
                CaseEvent(
                    case=pull.case,
                    pull=pull,
                    kind=kind,
                    actor=pull.requested_by if partner_acts else self.providers[pull.provider_id],
                    from_status=before,
                    to_status=to,
                    note=pull.reason_note if kind in (K.DECLINED, K.CANCELLED) else "",
                    at=at,
                )
            )
            before = to
        if pull.helped and pull.outcome_at is not None:
            events.append(
                CaseEvent(
                    case=pull.case,
                    pull=pull,
                    kind=K.OUTCOME,
                    actor=pull.requested_by,
                    from_status=S.COMPLETED,
                    to_status=S.COMPLETED,
                    note=pull.helped_words,
                    at=pull.outcome_at,
                )
            )
        return events


def _expanded_family_rooms(rng: random.Random, directory, now) -> None:
    """Leeds City Council answers the evidence: more family rooms, linked to the unmet housing
    needs of the last half-year that they answer."""
    council = next(
        (
            o
            for o in directory.organisations
            if o.local_authority == LEEDS and o.type == "local_authority"
        ),
        None,
    )
    if council is None:
        return
    service = Service.objects.create(
        organization=provider_for(council),
        name="Leeds emergency family rooms (expanded)",
        description="Forty more short-stay family rooms, opened after partners' unmet housing "
        "needs showed families with nowhere to stay. Support to find a settled home.",
        capacity_status=CapacityStatus.WAITLIST,
        wait_weeks=2,
        wait_time="About 2 weeks",
        last_modified=now,
    )
    classify(service, ["housing"], ["parents"])
    serve_areas(service, [LEEDS])
    UnmetNeed.objects.filter(
        category="housing",
        local_authority=LEEDS,
        raised_on__lt=timezone.localdate(now) - timedelta(days=60),
    ).update(answered_by=service, answered_at=now)
