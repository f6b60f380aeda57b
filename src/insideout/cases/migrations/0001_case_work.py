# Cases, their needs and pulls, the audit trail and read log, and unmet-need signals.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('catalogue', '0001_hsds_catalogue'),
        ('directory', '0002_provider_role'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Case',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(help_text='Your own reference for them: initials or a number, not a name.', max_length=60)),
                ('kind', models.CharField(choices=[('person', 'A person'), ('family', 'A family'), ('group', 'A group')], default='person', max_length=10)),
                ('people', models.PositiveSmallIntegerField(default=1, help_text='How many people it is for.')),
                ('local_authority', models.CharField(help_text='Where they live, as a local authority (ONS GSS code).', max_length=9)),
                ('age_band', models.CharField(blank=True, choices=[('child', 'Under 16'), ('young', '16 to 24'), ('adult', '25 to 64'), ('older', '65 and over'), ('mixed', 'Mixed ages')], max_length=10)),
                ('circumstances', models.JSONField(blank=True, default=list, help_text='Only those that open services to them.')),
                ('what_matters', models.TextField(blank=True, help_text='In their own words.')),
                ('opened_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('closed_at', models.DateTimeField(blank=True, null=True)),
                ('erased_at', models.DateTimeField(blank=True, null=True)),
                ('opened_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='directory.organisation')),
                ('partners', models.ManyToManyField(related_name='cases', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-opened_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='CaseRead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('what', models.CharField(choices=[('case', 'The case'), ('pull', 'A pull'), ('export', 'A subject access export')], default='case', max_length=10)),
                ('via', models.CharField(default='page', max_length=10)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reads', to='cases.case')),
                ('reader', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='Consent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('shares_with_services', models.BooleanField(default=True, help_text='They agree to share what each service needs with the services pulled for them.')),
                ('how', models.CharField(choices=[('spoken', 'Said so in person or on the phone'), ('written', 'In writing')], default='spoken', max_length=10)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='cases.case')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
        ),
        migrations.CreateModel(
            name='Goal',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(help_text='In their own words.')),
                ('status', models.CharField(choices=[('working', 'Working on it'), ('achieved', 'Achieved'), ('dropped', 'No longer a goal')], default='working', max_length=10)),
                ('set_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('changed_at', models.DateTimeField(blank=True, null=True)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='goals', to='cases.case')),
            ],
            options={
                'ordering': ['set_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Need',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(choices=[('food', 'Food'), ('housing', 'Housing and homelessness'), ('money', 'Money and debt'), ('work', 'Work and skills'), ('education', 'Education'), ('health', 'Physical health'), ('mental_health', 'Mental health and wellbeing'), ('loneliness', 'Loneliness and isolation'), ('family', 'Family and parenting'), ('caring', 'Caring for someone'), ('safety', 'Safety and domestic abuse'), ('substance_use', 'Alcohol and drugs'), ('transport', 'Transport'), ('legal', 'Legal and immigration advice'), ('digital', 'Getting online'), ('other', 'Something else')], max_length=20)),
                ('text', models.TextField(help_text='What they need, in their words or yours.')),
                ('status', models.CharField(choices=[('open', 'Looking for help'), ('pulled', 'A service was pulled'), ('met', 'Met'), ('unmet', 'Unmet: no service or no room'), ('closed', 'No longer needed')], default='open', max_length=10)),
                ('raised_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='needs', to='cases.case')),
                ('raised_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['raised_at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='Pull',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('requested', 'Sent'), ('received', 'Seen by the provider'), ('accepted', 'Accepted'), ('rejected', 'Declined'), ('cancelled', 'Withdrawn'), ('on-hold', 'On the waiting list'), ('in-progress', 'Started'), ('completed', 'Done')], default='requested', max_length=12)),
                ('note_for_provider', models.TextField(help_text='Only what the service needs to know to help: it sees nothing else of the case.')),
                ('reason', models.CharField(blank=True, choices=[('not_suitable', 'Not the right service for them'), ('no_capacity', 'No capacity'), ('other', 'Another reason')], max_length=20)),
                ('reason_note', models.TextField(blank=True)),
                ('outcome_note', models.TextField(blank=True, help_text='What the service did.')),
                ('helped', models.CharField(blank=True, choices=[('yes', 'Yes'), ('partly', 'Partly'), ('no', 'No')], max_length=10)),
                ('helped_words', models.TextField(blank=True, help_text='Whether it helped, in their words.')),
                ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('received_at', models.DateTimeField(blank=True, null=True)),
                ('decided_at', models.DateTimeField(blank=True, null=True)),
                ('completed_at', models.DateTimeField(blank=True, null=True)),
                ('outcome_at', models.DateTimeField(blank=True, null=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pulls', to='cases.case')),
                ('need', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pulls', to='cases.need')),
                ('provider', models.ForeignKey(help_text='The directory organisation that runs the service and answers the pull.', on_delete=django.db.models.deletion.PROTECT, related_name='pulls_received', to='directory.organisation')),
                ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('service', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pulls', to='catalogue.service')),
            ],
            options={
                'ordering': ['-requested_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='CaseEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('opened', 'Case opened'), ('consent', 'Consent recorded'), ('consent_withdrawn', 'Consent withdrawn'), ('what_matters', 'What matters recorded'), ('goal', 'Goal set'), ('goal_changed', 'Goal updated'), ('need', 'Need recorded'), ('unmet', 'Recorded as an unmet need'), ('pulled', 'Service pulled'), ('received', 'Seen by the provider'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('no_capacity', 'Declined: no capacity'), ('waitlisted', 'Put on the waiting list'), ('started', 'Started'), ('completed', 'Done'), ('cancelled', 'Withdrawn'), ('outcome', 'Whether it helped recorded'), ('exported', 'Their data exported (subject access)'), ('erased', 'Their personal data erased')], max_length=20)),
                ('from_status', models.CharField(blank=True, choices=[('requested', 'Sent'), ('received', 'Seen by the provider'), ('accepted', 'Accepted'), ('rejected', 'Declined'), ('cancelled', 'Withdrawn'), ('on-hold', 'On the waiting list'), ('in-progress', 'Started'), ('completed', 'Done')], max_length=12)),
                ('to_status', models.CharField(blank=True, choices=[('requested', 'Sent'), ('received', 'Seen by the provider'), ('accepted', 'Accepted'), ('rejected', 'Declined'), ('cancelled', 'Withdrawn'), ('on-hold', 'On the waiting list'), ('in-progress', 'Started'), ('completed', 'Done')], max_length=12)),
                ('note', models.TextField(blank=True)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('actor', models.ForeignKey(blank=True, help_text='Empty when the system acted.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='cases.case')),
                ('pull', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='events', to='cases.pull')),
            ],
            options={
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='UnmetNeed',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(choices=[('no_service', 'No service fits'), ('no_capacity', 'No capacity')], max_length=12)),
                ('category', models.CharField(choices=[('food', 'Food'), ('housing', 'Housing and homelessness'), ('money', 'Money and debt'), ('work', 'Work and skills'), ('education', 'Education'), ('health', 'Physical health'), ('mental_health', 'Mental health and wellbeing'), ('loneliness', 'Loneliness and isolation'), ('family', 'Family and parenting'), ('caring', 'Caring for someone'), ('safety', 'Safety and domestic abuse'), ('substance_use', 'Alcohol and drugs'), ('transport', 'Transport'), ('legal', 'Legal and immigration advice'), ('digital', 'Getting online'), ('other', 'Something else')], max_length=20)),
                ('local_authority', models.CharField(max_length=9)),
                ('region', models.CharField(blank=True, max_length=9)),
                ('people', models.PositiveSmallIntegerField(default=1)),
                ('raised_on', models.DateField(default=django.utils.timezone.localdate)),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('answered_by', models.ForeignKey(blank=True, help_text='A new or expanded service the centre says answers it.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='signals_answered', to='catalogue.service')),
                ('case', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signals', to='cases.case')),
                ('need', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signals', to='cases.need')),
                ('services_full', models.ManyToManyField(blank=True, help_text='For no capacity: the services full.', related_name='+', to='catalogue.service')),
            ],
        ),
        migrations.AddIndex(
            model_name='case',
            index=models.Index(fields=['organisation', '-opened_at'], name='cases_case_organis_28bb56_idx'),
        ),
        migrations.AddIndex(
            model_name='caseread',
            index=models.Index(fields=['case', '-at'], name='cases_caser_case_id_db4834_idx'),
        ),
        migrations.AddIndex(
            model_name='pull',
            index=models.Index(fields=['provider', 'status', '-requested_at'], name='cases_pull_provide_6287ba_idx'),
        ),
        migrations.AddIndex(
            model_name='pull',
            index=models.Index(fields=['case', '-requested_at'], name='cases_pull_case_id_19a73e_idx'),
        ),
        migrations.AddIndex(
            model_name='unmetneed',
            index=models.Index(fields=['raised_on', 'category', 'region'], name='cases_unmet_raised__2216f5_idx'),
        ),
        migrations.AddConstraint(
            model_name='unmetneed',
            constraint=models.UniqueConstraint(fields=('need', 'reason'), name='one_signal_per_need_reason'),
        ),
    ]
