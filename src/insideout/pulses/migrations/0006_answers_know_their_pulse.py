"""Anonymous answers unlinkable at rest, step 3 of 3 (schema): every answer has its pulse, an
invitation keeps only the day it was answered, and agreement rollups count every respondent
(no longer per unit rated)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pulses', '0005_unlink_anonymous_answers'),
    ]

    operations = [
        migrations.AlterField(
            model_name='answer',
            name='pulse',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='pulses.pulse'),
        ),
        migrations.RemoveIndex(
            model_name='answer',
            name='pulses_answ_questio_3173e4_idx',
        ),
        migrations.AddIndex(
            model_name='answer',
            index=models.Index(fields=['pulse', 'question'], name='pulses_answ_pulse_i_73a6c8_idx'),
        ),
        migrations.RemoveIndex(
            model_name='invitation',
            name='pulses_invi_pulse_i_6f978e_idx',
        ),
        migrations.RemoveField(
            model_name='invitation',
            name='submitted_at',
        ),
        migrations.RenameField(
            model_name='invitation',
            old_name='submitted_on',
            new_name='submitted_at',
        ),
        migrations.AlterField(
            model_name='invitation',
            name='submitted_at',
            field=models.DateField(blank=True, help_text='The day it was answered, never the time: a time could be matched to answers.', null=True),
        ),
        migrations.AddIndex(
            model_name='invitation',
            index=models.Index(fields=['pulse', 'submitted_at'], name='pulses_invi_pulse_i_6f978e_idx'),
        ),
        migrations.RemoveConstraint(
            model_name='agreementrollup',
            name='unique_agreement_segment',
        ),
        migrations.RemoveConstraint(
            model_name='agreementrollup',
            name='unique_unit_agreement_segment',
        ),
        migrations.RemoveField(
            model_name='agreementrollup',
            name='unit',
        ),
        migrations.AddConstraint(
            model_name='agreementrollup',
            constraint=models.UniqueConstraint(fields=('pulse', 'question', 'organisation_type', 'region', 'level'), name='unique_agreement_level_segment'),
        ),
    ]
