"""Citizens' raw words are kept only for the department's chosen time, then deleted by a task."""

from datetime import timedelta

from django.utils import timezone

from insideout.demand.models import Contact
from insideout.demand.tasks import demand_upkeep


def test_raw_text_past_the_retention_period_is_deleted_by_the_periodic_task(
    make_contacts, settings
):
    settings.DEMAND_RAW_TEXT_DAYS = 30
    old, recent = make_contacts(2, text="call {{PHONE}}", raw_text="call 07911 123456")
    Contact.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))
    demand_upkeep.enqueue()  # what `insideout tick` queues
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.raw_text == "" and old.text == "call {{PHONE}}"
    assert recent.raw_text == "call 07911 123456"
