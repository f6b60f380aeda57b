from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion

ROLES = [('admin', 'Admin'), ('centre_lead', 'Centre lead'), ('centre_officer', 'Centre officer'), ('analyst', 'Analyst'), ('doer_lead', 'Doer lead'), ('doer_member', 'Doer member'), ('frontline_partner', 'Frontline partner'), ('provider', 'Service provider')]


class Migration(migrations.Migration):

    dependencies = [
        ("directory", "0003_import_batch_keeps_its_check"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="MembershipEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("given", "Role given"), ("changed", "Role changed"), ("ended", "Role ended")], max_length=10)),
                ("role", models.CharField(choices=ROLES, max_length=20)),
                ("from_role", models.CharField(blank=True, choices=ROLES, max_length=20)),
                ("at", models.DateTimeField(auto_now_add=True)),
                ("actor", models.ForeignKey(blank=True, help_text="Empty when the system acted.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("centre_unit", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="directory.centreunit")),
                ("organisation", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="directory.organisation")),
                ("person", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="role_events", to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "ordering": ["-at", "-pk"],
                "indexes": [models.Index(fields=["person", "-at"], name="directory_role_events")],
            },
        ),
    ]
