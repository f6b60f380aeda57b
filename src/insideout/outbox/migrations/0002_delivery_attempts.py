# Retries with back-off: each message counts its attempts and says when it is tried again.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="outboxmessage",
            name="attempts",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="last_attempt_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="outboxmessage",
            name="next_attempt_at",
            field=models.DateTimeField(
                blank=True, help_text="When a failed message is tried again.", null=True
            ),
        ),
        migrations.AlterField(
            model_name="outboxmessage",
            name="error",
            field=models.TextField(blank=True, help_text="Why the last attempt failed."),
        ),
        migrations.AddIndex(
            model_name="outboxmessage",
            index=models.Index(
                fields=["status", "next_attempt_at"], name="outbox_outb_status_939f04_idx"
            ),
        ),
    ]
