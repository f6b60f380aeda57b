"""Anonymous answers unlinkable at rest, step 1 of 3 (schema): random ids for responses and
answers, answers that know their pulse, responses that may keep no date and no segment, the
day an invitation was answered beside its time, and each pulse's kept segments."""

import django.db.models.deletion
from django.db import migrations, models

import insideout.pulses.models


class Migration(migrations.Migration):

    dependencies = [
        ('pulses', '0003_answer_question_response_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='response',
            name='id',
            field=insideout.pulses.models.RandomIdField(default=insideout.pulses.models.random_id, editable=False, primary_key=True, serialize=False),
        ),
        migrations.AlterField(
            model_name='answer',
            name='id',
            field=insideout.pulses.models.RandomIdField(default=insideout.pulses.models.random_id, editable=False, primary_key=True, serialize=False),
        ),
        migrations.AddField(
            model_name='answer',
            name='pulse',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='pulses.pulse'),
        ),
        migrations.AlterField(
            model_name='response',
            name='organisation_type',
            field=models.CharField(blank=True, choices=[('school', 'School'), ('hospital', 'Hospital'), ('gp_practice', 'GP practice'), ('police_force', 'Police force'), ('local_authority', 'Local authority'), ('charity', 'Charity'), ('business', 'Business'), ('other', 'Other')], help_text='Blank: not kept.', max_length=20),
        ),
        migrations.AlterField(
            model_name='response',
            name='region',
            field=models.CharField(blank=True, help_text='Blank: not kept.', max_length=9),
        ),
        migrations.AlterField(
            model_name='response',
            name='submitted_on',
            field=models.DateField(blank=True, help_text='Attributed pulses only: the day, never the time.', null=True),
        ),
        migrations.AddField(
            model_name='invitation',
            name='submitted_on',
            field=models.DateField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='pulse',
            name='kept_segments',
            field=models.JSONField(blank=True, default=list, editable=False, help_text='Fixed at launch: what each kind and region of invited organisation keeps on its responses, [kind, region, kept kind, kept region].'),
        ),
    ]
