"""The rules of case work: who sees a case or a pull (and the log of every read), opening a
case, consent, what matters, goals and needs, and the short list of services for a need.

Pages and the API call these; pulls change only through `lifecycle.perform`.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case as Choose
from django.db.models import Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from insideout.accounts.models import User
from insideout.catalogue.matching import NeedFacts, Suggestion
from insideout.catalogue.places import CENTRES
from insideout.catalogue.suggestions import suggest
from insideout.catalogue.taxonomies import Eligibility
from insideout.directory.models import Organisation
from insideout.directory.places import GSS_CODE, LOCAL_AUTHORITIES
from insideout.vocabulary import SocialNeed
from insideout.web.decorators import refuse_unless

from .models import OPEN_PULLS, Case, CaseEvent, CaseRead, Consent, Goal, Need, Pull

TEXT_LIMIT = 2000  # the longest free text a form or the API takes, as elsewhere


def cases_visible_to(user: User) -> QuerySet[Case]:
    """The cases this person may see: those they work on, and, for a lead, their organisation's.
    Nobody else, admins and centre staff included: the centre sees unmet needs only as figures."""
    mine = Q(partners=user) | Q(organisation_id__in=user.lead_organisation_ids)
    ids = Case.objects.filter(mine).values("pk")
    return Case.objects.filter(pk__in=ids).select_related("organisation")


def read_case(user: User, case_id: int, via: str = "page") -> Case:
    """The case, logged as read by this person; 404 for one they may not see."""
    case = cases_visible_to(user).filter(pk=case_id).first()
    if case is None:
        raise Http404("No case with that number is yours to see.")
    CaseRead.objects.create(case=case, reader=user, what=CaseRead.What.CASE, via=via)
    return case


def pulls_visible_to(user: User) -> QuerySet[Pull]:
    """Pulls for the cases this person sees, and, for a provider, those made to its services."""
    theirs = Q(case__in=cases_visible_to(user).values("pk"))
    if user.provider_organisation_ids:
        theirs |= Q(provider_id__in=user.provider_organisation_ids)
    return Pull.objects.filter(theirs).select_related("service", "need", "case", "provider")


def read_pull(user: User, pull_id: int, via: str = "page") -> Pull:
    pull = pulls_visible_to(user).filter(pk=pull_id).first()
    if pull is None:
        raise Http404("No pull with that number is yours to see.")
    CaseRead.objects.create(case=pull.case, reader=user, what=CaseRead.What.PULL, via=via)
    return pull


def provider_queue(user: User) -> QuerySet[Pull]:
    """The pulls to a provider's services, open ones first, oldest first among them."""
    waiting = Choose(When(status__in=OPEN_PULLS, then=Value(0)), default=Value(1))
    return (
        Pull.objects.filter(provider_id__in=user.provider_organisation_ids)
        .select_related("service", "need", "case")
        .annotate(closed=waiting)
        .order_by("closed", "requested_at", "pk")
    )


def _clean(value: str, field: str, required: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: required})
    if len(value) > TEXT_LIMIT:
        raise ValidationError({field: f"Keep it to {TEXT_LIMIT:,} characters"})
    return value


def check_place(code: str) -> str:
    code = (code or "").strip().upper()
    if not GSS_CODE.match(code):
        raise ValidationError({"local_authority": "Choose the local authority where they live"})
    return code


def partner_organisation(user: User, organisation_id: int | None = None) -> Organisation:
    """The organisation a partner opens a case for: theirs, or the one they name."""
    own = sorted(user.partner_organisation_ids)
    refuse_unless(bool(own), "Only frontline partners open cases.")
    if organisation_id is not None:
        if organisation_id not in own:
            raise ValidationError({"organisation_id": "You are not a partner in that organisation"})
        return Organisation.objects.get(pk=organisation_id)
    return Organisation.objects.get(pk=own[0])


def open_case(
    by: User,
    *,
    reference: str,
    local_authority: str,
    kind: str = Case.Kind.PERSON,
    people: int = 1,
    age_band: str = "",
    circumstances=(),
    what_matters: str = "",
    organisation: Organisation | None = None,
) -> Case:
    """A frontline partner opens a case, with as little personal data as the work needs."""
    organisation = organisation or partner_organisation(by)
    refuse_unless(
        organisation.pk in by.partner_organisation_ids, "Only frontline partners open cases."
    )
    unknown = set(circumstances) - set(Eligibility.values)
    if unknown:
        raise ValidationError({"circumstances": f"Not circumstances we know: {sorted(unknown)}"})
    if kind not in Case.Kind.values:
        raise ValidationError({"kind": "Choose a person, a family or a group"})
    if age_band and age_band not in Case.AgeBand.values:
        raise ValidationError({"age_band": "Choose an age band from the list"})
    if not 1 <= people <= 500:
        raise ValidationError({"people": "Say how many people it is for: 1 to 500"})
    case = Case(
        reference=_clean(reference, "reference", "Give your own reference for them"),
        kind=kind,
        people=people,
        organisation=organisation,
        opened_by=by,
        local_authority=check_place(local_authority),
        age_band=age_band,
        circumstances=sorted(set(circumstances)),
        what_matters=_clean(what_matters, "what_matters"),
    )
    with transaction.atomic():
        case.save()
        case.partners.add(by)
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.OPENED, actor=by)
    return case


def _may_work_on(by: User, case: Case) -> None:
    refuse_unless(by.sees_case(case), "Only the case's partners can change it.")
    if case.erased_at:
        raise ValidationError("This case's personal data was erased: it cannot be changed.")


def record_consent(case: Case, by: User, *, given: bool, how: str = Consent.How.SPOKEN) -> Consent:
    """Record that the person agrees to share with the services pulled for them, or withdraws."""
    _may_work_on(by, case)
    if how not in Consent.How.values:
        raise ValidationError({"how": "Say how they gave their consent"})
    now = timezone.now()
    with transaction.atomic():
        consent: Consent | None
        if given:
            consent = Consent.objects.create(
                case=case, shares_with_services=True, how=how, recorded_by=by, recorded_at=now
            )
            kind = CaseEvent.Kind.CONSENT
        else:
            consent = case.consent()
            if consent is None:
                raise ValidationError({"given": "There is no consent in force to withdraw"})
            Consent.objects.filter(pk=consent.pk).update(withdrawn_at=now)
            kind = CaseEvent.Kind.CONSENT_WITHDRAWN
        CaseEvent.objects.create(case=case, kind=kind, actor=by, at=now)
    return consent


def record_what_matters(case: Case, by: User, words: str) -> Case:
    _may_work_on(by, case)
    case.what_matters = _clean(words, "what_matters", "Write what matters to them")
    with transaction.atomic():
        case.save(update_fields=["what_matters"])
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.WHAT_MATTERS, actor=by)
    return case


def set_goal(case: Case, by: User, words: str) -> Goal:
    _may_work_on(by, case)
    with transaction.atomic():
        goal = Goal.objects.create(case=case, text=_clean(words, "text", "Write the goal"))
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.GOAL, actor=by)
    return goal


def change_goal(goal: Goal, by: User, status: str) -> Goal:
    _may_work_on(by, goal.case)
    if status not in Goal.Status.values:
        raise ValidationError({"status": "Choose working on it, achieved or no longer a goal"})
    with transaction.atomic():
        goal.status, goal.changed_at = status, timezone.now()
        goal.save(update_fields=["status", "changed_at"])
        CaseEvent.objects.create(
            case=goal.case,
            kind=CaseEvent.Kind.GOAL_CHANGED,
            actor=by,
            note=goal.get_status_display(),
        )
    return goal


def record_need(case: Case, by: User, *, category: str, text: str) -> Need:
    _may_work_on(by, case)
    if category not in SocialNeed.values:
        raise ValidationError({"category": "Choose the kind of help they need"})
    with transaction.atomic():
        need = Need.objects.create(
            case=case,
            category=category,
            text=_clean(text, "text", "Say what they need"),
            raised_by=by,
        )
        CaseEvent.objects.create(case=case, kind=CaseEvent.Kind.NEED, actor=by)
    return need


def need_facts(need: Need) -> NeedFacts:
    case = need.case
    return NeedFacts(
        category=need.category,
        text=need.text,
        local_authority=case.local_authority,
        ages=case.ages,
        circumstances=frozenset(case.circumstances),
    )


def short_list(need: Need, limit: int = 5) -> list[Suggestion]:
    """The services that suit a need, best first, each saying why."""
    return suggest(need_facts(need), limit)


def place_choices() -> list[tuple[str, str]]:
    """Local authorities to choose from, by name, with a rough centre for distances."""
    return sorted(
        ((code, name) for code, (name, _) in LOCAL_AUTHORITIES.items() if code in CENTRES),
        key=lambda item: item[1],
    )
