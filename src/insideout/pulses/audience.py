"""Who a pulse will ask, in words and numbers, for the check before it is launched."""

from dataclasses import dataclass

from django.db.models import Count

from insideout.directory.models import Organisation
from insideout.directory.places import REGIONS

from .models import Pulse
from .services import audience_memberships, audience_organisations


@dataclass(frozen=True)
class Audience:
    kinds: list[str]  # labels of the kinds of organisation chosen; empty: every kind
    regions: list[str]  # names of the regions chosen; empty: every region
    listed: int  # organisations named in a list, which replaces kinds and regions
    doers: int
    organisations: int
    by_kind: list[tuple[str, int]]  # (kind of organisation, organisations asked)

    @property
    def everyone(self) -> bool:
        return not (self.kinds or self.regions or self.listed)


def describe_audience(pulse: Pulse) -> Audience:
    """What was chosen and what it comes to: the doers and organisations that will be asked."""
    organisations = audience_organisations(pulse)
    kinds = dict(Organisation.Type.choices)
    by_kind = (
        organisations.order_by().values("type").annotate(n=Count("pk")).values_list("type", "n")
    )
    return Audience(
        kinds=[kinds.get(kind, kind) for kind in pulse.audience_types],
        regions=[REGIONS.get(code, code) for code in pulse.audience_regions],
        listed=pulse.audience_organisations.count() if pulse.pk else 0,
        doers=audience_memberships(pulse).values("person_id").distinct().count(),
        organisations=organisations.count(),
        by_kind=sorted(((kinds.get(k, k), n) for k, n in by_kind), key=lambda row: -row[1]),
    )
