"""The burdens' part of the public "You said, we did" page: the latest decisions on proposals to
retire or simplify a requirement, each with its reason and whether doers' reports show the
burden fell."""

from django.http import HttpRequest

from insideout.web.public_record import PublicSection

from .models import ChangeProposal
from .outcomes import outcome

SHOWN = 5


def decided():
    return (
        ChangeProposal.objects.exclude(status=ChangeProposal.Status.OPEN)
        .select_related("requirement", "requirement__owner_unit")
        .order_by("-decided_at", "-pk")
    )


def section(request: HttpRequest) -> PublicSection | None:
    latest = list(decided()[:SHOWN])
    if not latest:
        return None
    return PublicSection(
        heading="Burdens you asked us to cut",
        template="burdens/_public_decisions.html",
        context={
            "decisions": [(p, outcome(p)) for p in latest],
            "count": decided().count(),
        },
        order=10,
    )
