from django.db import migrations

# Days to acknowledge and to commit or decline, by category: a sensible start for a department
# to change in the admin. Money and infrastructure take longer to decide.
DEFAULT_LEVELS = {
    "money": (2, 20),
    "knowledge": (2, 10),
    "training": (2, 15),
    "infrastructure": (2, 20),
    "fewer_burdens": (2, 15),
    "other": (2, 10),
}


def add_levels(apps, schema_editor):
    ServiceLevel = apps.get_model("asks", "ServiceLevel")
    for category, (acknowledge, decide) in DEFAULT_LEVELS.items():
        ServiceLevel.objects.get_or_create(
            category=category,
            defaults={"days_to_acknowledge": acknowledge, "days_to_decide": decide})


class Migration(migrations.Migration):
    dependencies = [("asks", "0001_initial")]

    operations = [migrations.RunPython(add_levels, migrations.RunPython.noop)]
