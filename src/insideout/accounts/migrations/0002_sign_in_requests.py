# Requests for sign-in e-mails, kept to limit them per client address and per e-mail address.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SignInRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "email_digest",
                    models.CharField(help_text="A digest of the address typed.", max_length=64),
                ),
                ("client_address", models.CharField(max_length=45)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["email_digest", "client_address", "created_at"],
                        name="accounts_si_email_d_77cb08_idx",
                    ),
                    models.Index(
                        fields=["client_address", "created_at"],
                        name="accounts_si_client__392933_idx",
                    ),
                ],
            },
        ),
    ]
