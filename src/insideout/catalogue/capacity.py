"""How much room a service has: its capacity status from what its provider says, and the wait.

Capacity is counted in places a week (how many people can start); the status follows the HL7
SDOH Clinical Care guide's codes, so that a referral platform could read it.
"""

import re
import uuid

from .models import CapacityStatus
from .taxonomies import NAMESPACE

PLACES_A_WEEK = uuid.uuid5(NAMESPACE, "unit:places-a-week")
PLACES_A_WEEK_NAME = "Places a week"
MAX_WAIT_WEEKS = 104
_WAIT = re.compile(r"(\d+(?:\.\d+)?)\s*(day|week|wk|month)", re.IGNORECASE)


def status_for(places: float | None, wait_weeks: int | None, assessment: bool = False) -> str:
    """The capacity status for the places free this week and the wait to start."""
    if assessment:
        return CapacityStatus.ASSESSMENT
    if places is None:
        return ""
    if places > 0:
        return CapacityStatus.CAPACITY
    if wait_weeks:
        return CapacityStatus.WAITLIST
    return CapacityStatus.NO_CAPACITY


def weeks_in(wait_time: str) -> int | None:
    """The wait in whole weeks that an HSDS wait_time says ("about 3 weeks", "10 days")."""
    text = (wait_time or "").strip().lower()
    if not text:
        return None
    if text in {"none", "no wait", "immediate", "immediately"}:
        return 0
    found = _WAIT.search(text)
    if found is None:
        return None
    amount, unit = float(found.group(1)), found.group(2)
    if unit == "day":
        amount /= 7
    elif unit == "month":
        amount *= 4.35
    return min(MAX_WAIT_WEEKS, round(amount))


def wait_text(weeks: int | None) -> str:
    """A wait as the service's HSDS wait_time says it."""
    if weeks is None:
        return ""
    if weeks == 0:
        return "No wait"
    return "About 1 week" if weeks == 1 else f"About {weeks} weeks"
