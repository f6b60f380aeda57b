"""What the doers said about a delivery: how many supporting organisations found it helped."""

from dataclasses import dataclass

from django.db.models import Count

from .models import Ask, Verdict


@dataclass(frozen=True)
class HelpedTally:
    yes: int
    partly: int
    no: int
    organisations: int  # every organisation sharing the ask, each asked once

    @property
    def answered(self) -> int:
        return self.yes + self.partly + self.no

    @property
    def waiting(self) -> int:
        return max(self.organisations - self.answered, 0)


def organisations_sharing(ask: Ask) -> set[int]:
    shared = set(
        ask.supporters.filter(organisation__isnull=False).values_list("organisation_id", flat=True)
    )
    return shared | ({ask.organisation_id} if ask.organisation_id else set())


def helped_tally(ask: Ask) -> HelpedTally | None:
    """The answers about the latest delivery; None before anything was delivered."""
    if ask.delivered_at is None:
        return None
    counts = dict(
        ask.helped_answers.filter(delivered_at=ask.delivered_at)
        .values("verdict")
        .annotate(n=Count("pk"))
        .values_list("verdict", "n")
    )
    return HelpedTally(
        yes=counts.get(Verdict.YES, 0),
        partly=counts.get(Verdict.PARTLY, 0),
        no=counts.get(Verdict.NO, 0),
        organisations=len(organisations_sharing(ask)),
    )


def own_answer(ask: Ask, organisation_ids) -> str:
    """What the person's organisation said about the latest delivery, if it answered."""
    if ask.delivered_at is None:
        return ""
    answer = ask.helped_answers.filter(
        delivered_at=ask.delivered_at, organisation_id__in=organisation_ids
    ).first()
    return answer.get_verdict_display() if answer else ""
