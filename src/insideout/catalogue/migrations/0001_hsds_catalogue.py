# The capability catalogue: one table per Open Referral HSDS 3 object.

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('directory', '0002_provider_role'),
    ]

    operations = [
        migrations.CreateModel(
            name='CapacityUnit',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('name', models.TextField()),
                ('scheme', models.TextField(blank=True, default='')),
                ('identifier', models.TextField(blank=True, default='')),
                ('uri', models.TextField(blank=True, default='')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Location',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('location_type', models.CharField(choices=[('physical', 'A place people visit'), ('postal', 'A postal address'), ('virtual', 'Online or by phone')], default='physical', max_length=10)),
                ('url', models.TextField(blank=True, default='')),
                ('name', models.TextField(blank=True, default='')),
                ('alternate_name', models.TextField(blank=True, default='')),
                ('description', models.TextField(blank=True, default='')),
                ('transportation', models.TextField(blank=True, default='')),
                ('latitude', models.FloatField(blank=True, null=True)),
                ('longitude', models.FloatField(blank=True, null=True)),
                ('external_identifier', models.TextField(blank=True, default='')),
                ('external_identifier_type', models.TextField(blank=True, default='')),
                ('local_authority', models.CharField(blank=True, help_text='Ours: the ONS GSS code of its local authority.', max_length=9)),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Taxonomy',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('name', models.TextField()),
                ('description', models.TextField(blank=True, default='')),
                ('uri', models.TextField(blank=True, default='')),
                ('version', models.TextField(blank=True, default='')),
            ],
            options={
                'verbose_name_plural': 'taxonomies',
            },
        ),
        migrations.CreateModel(
            name='ChangeRecord',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('owner_type', models.CharField(help_text='Ours: the kind of object it is nested under.', max_length=30)),
                ('owner_id', models.UUIDField(help_text='Ours: the object it is nested under.')),
                ('resource_id', models.UUIDField(blank=True, null=True)),
                ('resource_type', models.TextField(default='')),
                ('last_action_date', models.TextField(default='')),
                ('last_action_type', models.TextField(default='')),
                ('field_name', models.TextField(default='')),
                ('previous_value', models.TextField(default='')),
                ('replacement_value', models.TextField(default='')),
                ('updated_by', models.TextField(default='')),
            ],
            options={
                'indexes': [models.Index(fields=['owner_type', 'owner_id'], name='catalogue_c_owner_t_2ef53d_idx')],
            },
        ),
        migrations.CreateModel(
            name='Address',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('attention', models.TextField(blank=True, default='')),
                ('address_1', models.TextField()),
                ('address_2', models.TextField(blank=True, default='')),
                ('city', models.TextField()),
                ('region', models.TextField(blank=True, default='')),
                ('state_province', models.TextField()),
                ('postal_code', models.TextField()),
                ('country', models.TextField()),
                ('address_type', models.CharField(choices=[('physical', 'A place people visit'), ('postal', 'A postal address'), ('virtual', 'Online or by phone')], max_length=10)),
                ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='addresses', to='catalogue.location')),
            ],
            options={
                'verbose_name_plural': 'addresses',
            },
        ),
        migrations.CreateModel(
            name='Accessibility',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('description', models.TextField(blank=True, default='')),
                ('details', models.TextField(blank=True, default='')),
                ('url', models.TextField(blank=True, default='')),
                ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='accessibility', to='catalogue.location')),
            ],
            options={
                'verbose_name_plural': 'accessibility',
            },
        ),
        migrations.CreateModel(
            name='Provider',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('name', models.TextField()),
                ('alternate_name', models.TextField(blank=True, default='')),
                ('description', models.TextField(default='')),
                ('email', models.TextField(blank=True, default='')),
                ('website', models.TextField(blank=True, default='')),
                ('tax_status', models.TextField(blank=True, default='')),
                ('tax_id', models.TextField(blank=True, default='')),
                ('year_incorporated', models.FloatField(blank=True, null=True)),
                ('legal_status', models.TextField(blank=True, default='')),
                ('logo', models.TextField(blank=True, default='')),
                ('uri', models.TextField(blank=True, default='')),
                ('parent_organization_id', models.UUIDField(blank=True, null=True)),
                ('directory_organisation', models.ForeignKey(blank=True, help_text='Ours: the organisation in the directory, whose provider staff keep its services and answer its pulls.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='catalogue_providers', to='directory.organisation')),
            ],
        ),
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('name', models.TextField()),
                ('alternate_name', models.TextField(blank=True, default='')),
                ('description', models.TextField(default='')),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='programs', to='catalogue.provider')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='OrganisationIdentifier',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('identifier_scheme', models.TextField(blank=True, default='')),
                ('identifier_type', models.TextField()),
                ('identifier', models.TextField()),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='organization_identifiers', to='catalogue.provider')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='location',
            name='organization',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='locations', to='catalogue.provider'),
        ),
        migrations.CreateModel(
            name='Contact',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('name', models.TextField(blank=True, default='')),
                ('title', models.TextField(blank=True, default='')),
                ('department', models.TextField(blank=True, default='')),
                ('email', models.TextField(blank=True, default='')),
                ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contacts', to='catalogue.location')),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contacts', to='catalogue.provider')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Service',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('name', models.TextField()),
                ('alternate_name', models.TextField(blank=True, default='')),
                ('description', models.TextField(blank=True, default='')),
                ('url', models.TextField(blank=True, default='')),
                ('email', models.TextField(blank=True, default='')),
                ('status', models.CharField(choices=[('active', 'Active'), ('inactive', 'Inactive'), ('defunct', 'Closed for good'), ('temporarily closed', 'Temporarily closed')], default='active', max_length=20)),
                ('interpretation_services', models.TextField(blank=True, default='')),
                ('application_process', models.TextField(blank=True, default='')),
                ('fees_description', models.TextField(blank=True, default='')),
                ('wait_time', models.TextField(blank=True, default='')),
                ('fees', models.TextField(blank=True, default='')),
                ('accreditations', models.TextField(blank=True, default='')),
                ('eligibility_description', models.TextField(blank=True, default='')),
                ('minimum_age', models.FloatField(blank=True, null=True)),
                ('maximum_age', models.FloatField(blank=True, null=True)),
                ('assured_date', models.TextField(blank=True, default='')),
                ('assurer_email', models.TextField(blank=True, default='')),
                ('licenses', models.TextField(blank=True, default='')),
                ('alert', models.TextField(blank=True, default='')),
                ('last_modified', models.DateTimeField(blank=True, db_index=True, default=django.utils.timezone.now, null=True)),
                ('capacity_status', models.CharField(blank=True, choices=[('capacity', 'Can take people on now'), ('waitlist', 'Waiting list'), ('additional-assessment-required', 'Assessment needed first'), ('no-capacity', 'No capacity now')], help_text='Ours: whether it can take people on now, as its provider last said.', max_length=32)),
                ('wait_weeks', models.PositiveSmallIntegerField(blank=True, help_text='Ours: the current wait to start, in weeks.', null=True)),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='services', to='catalogue.provider')),
                ('program', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='services', to='catalogue.programme')),
            ],
        ),
        migrations.CreateModel(
            name='RequiredDocument',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('document', models.TextField(blank=True, default='')),
                ('uri', models.TextField(blank=True, default='')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='required_documents', to='catalogue.service')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Phone',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('number', models.TextField()),
                ('extension', models.FloatField(blank=True, null=True)),
                ('type', models.TextField(blank=True, default='')),
                ('description', models.TextField(blank=True, default='')),
                ('contact', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='phones', to='catalogue.contact')),
                ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='phones', to='catalogue.location')),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='phones', to='catalogue.provider')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='phones', to='catalogue.service')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Language',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('name', models.TextField(blank=True, default='')),
                ('code', models.TextField(blank=True, default='')),
                ('note', models.TextField(blank=True, default='')),
                ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='languages', to='catalogue.location')),
                ('phone', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='languages', to='catalogue.phone')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='languages', to='catalogue.service')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Funding',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('source', models.TextField(blank=True, default='')),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='funding', to='catalogue.provider')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='funding', to='catalogue.service')),
            ],
            options={
                'verbose_name_plural': 'funding',
            },
        ),
        migrations.CreateModel(
            name='CostOption',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('valid_from', models.TextField(blank=True, default='')),
                ('valid_to', models.TextField(blank=True, default='')),
                ('option', models.TextField(blank=True, default='')),
                ('currency', models.TextField(blank=True, default='')),
                ('amount', models.FloatField(blank=True, null=True)),
                ('amount_description', models.TextField(blank=True, default='')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='cost_options', to='catalogue.service')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='contact',
            name='service',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contacts', to='catalogue.service'),
        ),
        migrations.CreateModel(
            name='ServiceArea',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('name', models.TextField(blank=True, default='')),
                ('description', models.TextField(blank=True, default='')),
                ('extent', models.TextField(blank=True, default='')),
                ('extent_type', models.TextField(blank=True, default='')),
                ('uri', models.TextField(blank=True, default='')),
                ('gss_code', models.CharField(blank=True, db_index=True, help_text='Ours: the ONS GSS code of the area its uri names (http://statistics.data.gov.uk/id/statistical-geography/CODE).', max_length=9)),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='service_areas', to='catalogue.service')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='ServiceAtLocation',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('description', models.TextField(blank=True, default='')),
                ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='service_at_locations', to='catalogue.location')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='service_at_locations', to='catalogue.service')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Schedule',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('valid_from', models.TextField(blank=True, default='')),
                ('valid_to', models.TextField(blank=True, default='')),
                ('dtstart', models.TextField(blank=True, default='')),
                ('timezone', models.FloatField(blank=True, null=True)),
                ('until', models.TextField(blank=True, default='')),
                ('count', models.FloatField(blank=True, null=True)),
                ('wkst', models.TextField(blank=True, default='')),
                ('freq', models.TextField(blank=True, default='')),
                ('interval', models.FloatField(blank=True, null=True)),
                ('byday', models.TextField(blank=True, default='')),
                ('byweekno', models.TextField(blank=True, default='')),
                ('bymonthday', models.TextField(blank=True, default='')),
                ('byyearday', models.TextField(blank=True, default='')),
                ('description', models.TextField(blank=True, default='')),
                ('opens_at', models.TextField(blank=True, default='')),
                ('closes_at', models.TextField(blank=True, default='')),
                ('schedule_link', models.TextField(blank=True, default='')),
                ('attending_type', models.TextField(blank=True, default='')),
                ('notes', models.TextField(blank=True, default='')),
                ('location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='schedules', to='catalogue.location')),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='schedules', to='catalogue.service')),
                ('service_at_location', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='schedules', to='catalogue.serviceatlocation')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.AddField(
            model_name='phone',
            name='service_at_location',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='phones', to='catalogue.serviceatlocation'),
        ),
        migrations.AddField(
            model_name='contact',
            name='service_at_location',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='contacts', to='catalogue.serviceatlocation'),
        ),
        migrations.CreateModel(
            name='ServiceCapacity',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('available', models.FloatField()),
                ('maximum', models.FloatField(blank=True, null=True)),
                ('description', models.TextField(blank=True, default='')),
                ('updated', models.DateTimeField()),
                ('service', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='capacities', to='catalogue.service')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogue.capacityunit')),
            ],
            options={
                'verbose_name_plural': 'service capacities',
            },
        ),
        migrations.CreateModel(
            name='TaxonomyTerm',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('code', models.TextField(blank=True, default='')),
                ('name', models.TextField()),
                ('description', models.TextField(blank=True, default='')),
                ('parent_id', models.UUIDField(blank=True, null=True)),
                ('taxonomy', models.TextField(blank=True, default='', help_text="The taxonomy's name, as HSDS allows it to be given in words.")),
                ('language', models.TextField(blank=True, default='')),
                ('taxonomy_id', models.UUIDField(blank=True, null=True)),
                ('term_uri', models.TextField(blank=True, default='')),
                ('need_category', models.CharField(blank=True, choices=[('food', 'Food'), ('housing', 'Housing and homelessness'), ('money', 'Money and debt'), ('work', 'Work and skills'), ('education', 'Education'), ('health', 'Physical health'), ('mental_health', 'Mental health and wellbeing'), ('loneliness', 'Loneliness and isolation'), ('family', 'Family and parenting'), ('caring', 'Caring for someone'), ('safety', 'Safety and domestic abuse'), ('substance_use', 'Alcohol and drugs'), ('transport', 'Transport'), ('legal', 'Legal and immigration advice'), ('digital', 'Getting online'), ('other', 'Something else')], help_text='Ours: the kind of need a service under this term helps with.', max_length=20)),
                ('taxonomy_detail', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='terms', to='catalogue.taxonomy')),
            ],
            options={
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='Attribute',
            fields=[
                ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ('extra', models.JSONField(blank=True, default=dict, help_text='Properties HSDS allows as extensions that the catalogue does not model, kept as they came so that an export gives back what was imported.')),
                ('owner_type', models.CharField(help_text='Ours: the kind of object it is nested under.', max_length=30)),
                ('owner_id', models.UUIDField(help_text='Ours: the object it is nested under.')),
                ('link_id', models.UUIDField(blank=True, null=True)),
                ('link_type', models.TextField(blank=True, default='')),
                ('link_entity', models.TextField(blank=True, default='')),
                ('value', models.TextField(blank=True, default='')),
                ('taxonomy_term', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='attributes', to='catalogue.taxonomyterm')),
            ],
        ),
        migrations.AddIndex(
            model_name='provider',
            index=models.Index(fields=['name'], name='catalogue_p_name_5c004c_idx'),
        ),
        migrations.AddIndex(
            model_name='service',
            index=models.Index(fields=['status', 'name'], name='catalogue_s_status_ad1d74_idx'),
        ),
        migrations.AddIndex(
            model_name='attribute',
            index=models.Index(fields=['owner_type', 'owner_id'], name='catalogue_a_owner_t_7e5202_idx'),
        ),
    ]
