"""A person's rights over their case: a copy of everything held about them (subject access),
and erasure that keeps the centre's figures whole.

Erasure blanks every word written about them (reference, what matters, goals, needs, notes to
and from services, their verdicts) and the circumstances and age band recorded, and stops the
case. It keeps what the centre's figures count and nothing that names anyone: each need's kind,
the place (a local authority), the number of people, the dates and the pulls' states. So the
unmet-need figures, published only as counts, stay the same after an erasure.
"""

from django.db import transaction
from django.utils import timezone

from insideout.accounts.models import User
from insideout.web.decorators import refuse_unless

from .models import Case, CaseEvent, CaseRead, Goal, Need, Pull

ERASED = "[erased]"


def subject_access(case: Case, by: User) -> dict:
    """Everything held about the case's person, family or group, as plain data; the export is
    itself logged as a read and in the case's history."""
    refuse_unless(by.sees_case(case), "Only the case's partners can export it.")
    with transaction.atomic():
        CaseRead.objects.create(case=case, reader=by, what=CaseRead.What.EXPORT, via="export")
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.EXPORTED, actor=by)
    return {
        "case": {
            "reference": case.reference,
            "number": case.label,
            "kind": case.get_kind_display(),
            "people": case.people,
            "organisation": case.organisation.name,
            "local_authority": case.local_authority,
            "age_band": case.get_age_band_display(),
            "circumstances": case.circumstances,
            "what_matters": case.what_matters,
            "opened_at": case.opened_at.isoformat(),
            "erased_at": case.erased_at.isoformat() if case.erased_at else None,
        },
        "partners": [p.full_name for p in case.partners.all()],
        "consents": [
            {
                "shares_with_services": c.shares_with_services,
                "how": c.get_how_display(),
                "recorded_at": c.recorded_at.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in case.consents.order_by("recorded_at")
        ],
        "goals": [
            {"text": g.text, "status": g.get_status_display(), "set_at": g.set_at.isoformat()}
            for g in case.goals.all()
        ],
        "needs": [
            {
                "category": n.get_category_display(),
                "text": n.text,
                "status": n.get_status_display(),
                "raised_at": n.raised_at.isoformat(),
            }
            for n in case.needs.all()
        ],
        "pulls": [
            {
                "reference": p.reference,
                "service": p.service.name,
                "status": p.get_status_display(),
                "fhir_task_status": p.status,
                "note_for_provider": p.note_for_provider,
                "reason": p.get_reason_display(),
                "reason_note": p.reason_note,
                "outcome_note": p.outcome_note,
                "helped": p.get_helped_display(),
                "helped_words": p.helped_words,
                "requested_at": p.requested_at.isoformat(),
            }
            for p in case.pulls.select_related("service")
        ],
        "history": [
            {
                "what": e.get_kind_display(),
                "by": e.actor.full_name if e.actor else "Inside Out",
                "note": e.note,
                "at": e.at.isoformat(),
            }
            for e in case.events.select_related("actor")
        ],
        "reads": [
            {"by": r.reader.full_name, "what": r.get_what_display(), "at": r.at.isoformat()}
            for r in case.reads.select_related("reader")
        ],
    }


def erase(case: Case, by: User) -> Case:
    """Erase the person's data on their request, keeping what the centre's figures count."""
    refuse_unless(by.sees_case(case), "Only the case's partners can erase it.")
    now = timezone.now()
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        case.reference = ERASED
        case.what_matters = ""
        case.circumstances = []
        case.age_band = ""
        case.erased_at = now
        case.closed_at = case.closed_at or now
        case.save()
        Goal.objects.filter(case=case).update(text=ERASED)
        Need.objects.filter(case=case).update(text="")
        Pull.objects.filter(case=case).update(
            note_for_provider=ERASED, reason_note="", outcome_note="", helped_words=""
        )
        CaseEvent.objects.filter(case=case).update(note="")
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.ERASED, actor=by, at=now)
    return case
