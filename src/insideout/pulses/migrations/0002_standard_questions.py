from django.db import migrations

from insideout.pulses.bank import STANDARD_QUESTIONS, ensure_standard_questions


def add_standard_questions(apps, schema_editor):
    ensure_standard_questions(apps.get_model("pulses", "Question"))


def remove_standard_questions(apps, schema_editor):
    apps.get_model("pulses", "Question").objects.filter(
        code__in=[code for code, *_ in STANDARD_QUESTIONS], is_standard=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("pulses", "0001_initial")]

    operations = [migrations.RunPython(add_standard_questions, remove_standard_questions)]
