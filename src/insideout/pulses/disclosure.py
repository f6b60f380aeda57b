"""What may be published from anonymous answers: one place decides, every page, export and API
response asks it."""

from dataclasses import dataclass

from django.db.models import Q

from insideout.directory.models import Organisation
from insideout.directory.places import REGIONS
from insideout.disclosure.suppression import can_show

from .models import Pulse, Response


@dataclass(frozen=True)
class Segment:
    """A filter on the doers: one kind of organisation and/or one region (blank: all)."""

    organisation_type: str = ""
    region: str = ""

    @property
    def is_whole(self) -> bool:
        return not self.organisation_type and not self.region

    def as_q(self) -> Q:
        q = Q()
        if self.organisation_type:
            q &= Q(organisation_type=self.organisation_type)
        if self.region:
            q &= Q(region=self.region)
        return q

    @property
    def label(self) -> str:
        parts = []
        if self.organisation_type:
            parts.append(Organisation.Type(self.organisation_type).label)
        if self.region:
            parts.append(REGIONS.get(self.region, self.region))
        return ", ".join(parts) or "All doers"


def respondents(pulse: Pulse, segment: Segment = Segment()) -> int:
    return Response.objects.filter(segment.as_q(), pulse=pulse).count()


def segment_is_safe(pulse: Pulse, segment: Segment, k: int) -> bool:
    """A filtered group, and what is left of the whole without it, are each 0 or at least k."""
    n = respondents(pulse, segment)
    rest = respondents(pulse) - n
    return can_show(n, k) and not 0 < rest < k
