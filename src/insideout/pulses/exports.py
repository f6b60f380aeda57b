"""Every response to an attributed pulse, one row per answer. Anonymous pulses have no export."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse

from insideout.web.tables import table_download

from .models import Answer, Pulse

HEADERS = [
    "pulse",
    "submitted_on",
    "organisation_id",
    "organisation",
    "organisation_type",
    "region",
    "question",
    "unit",
    "score",
    "category",
    "text",
]


def response_rows(pulse: Pulse):
    answers = (
        Answer.objects.filter(response__pulse=pulse)
        .select_related("response__organisation", "question", "unit")
        .order_by("response_id", "pk")
    )
    for a in answers.iterator(chunk_size=2000):
        organisation = a.response.organisation
        yield [
            pulse.title,
            a.response.submitted_on.isoformat() if a.response.submitted_on else "",
            organisation.external_id if organisation else "",
            organisation.name if organisation else "",
            a.response.organisation_type,
            a.response.region,
            a.question.code,
            a.unit.name if a.unit else "",
            "" if a.score is None else a.score,
            a.category,
            a.text,
        ]


def responses_download(pulse: Pulse, fmt: str) -> HttpResponse:
    if pulse.is_anonymous:
        raise PermissionDenied("Anonymous pulses never export individual responses.")
    return table_download(f"responses-pulse-{pulse.pk}", HEADERS, response_rows(pulse), fmt)
