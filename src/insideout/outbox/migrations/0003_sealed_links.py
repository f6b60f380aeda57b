"""Links that carry a secret (sign-in links, personal pulse links) no longer rest in stored
e-mails: messages not yet sent keep them sealed; sent ones say only when each link went."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

from insideout.web.redaction import links_in


def forget_links(apps, schema_editor):
    OutboxMessage = apps.get_model("outbox", "OutboxMessage")
    from insideout.outbox.models import OutboxMessage as Current

    for message in OutboxMessage.objects.only("pk", "body", "status", "sent_at").iterator():
        if not links_in(message.body):
            continue
        current = Current(body="", status=message.status)
        current.set_body(message.body)
        if message.status == "sent":
            current.forget_links(message.sent_at or timezone.now())
            if not settings.EMAIL_OUTBOX_PAGE:
                current.sealed_links = []
        OutboxMessage.objects.filter(pk=message.pk).update(
            body=current.body, sealed_links=current.sealed_links
        )


class Migration(migrations.Migration):

    dependencies = [
        ("outbox", "0002_delivery_attempts"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="sealed_links",
            field=models.JSONField(
                blank=True,
                default=list,
                editable=False,
                help_text="[kind of link, sealed link] for each secret link taken out of the "
                "body: kept until sent, and after only where the outbox page shows them to admins.",
            ),
        ),
        migrations.RunPython(forget_links, migrations.RunPython.noop),
    ]
