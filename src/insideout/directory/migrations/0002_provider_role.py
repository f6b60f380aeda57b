# The service provider role: staff of an organisation that runs services, who answer pulls.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('directory', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='membership',
            name='membership_scope_matches_role',
        ),
        migrations.AlterField(
            model_name='membership',
            name='role',
            field=models.CharField(choices=[('admin', 'Admin'), ('centre_lead', 'Centre lead'), ('centre_officer', 'Centre officer'), ('analyst', 'Analyst'), ('doer_lead', 'Doer lead'), ('doer_member', 'Doer member'), ('frontline_partner', 'Frontline partner'), ('provider', 'Service provider')], max_length=20),
        ),
        migrations.AddConstraint(
            model_name='membership',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('centre_unit__isnull', False), ('organisation__isnull', True), ('role__in', ['centre_lead', 'centre_officer'])), models.Q(('centre_unit__isnull', True), ('organisation__isnull', False), ('role__in', ['doer_lead', 'doer_member', 'frontline_partner', 'provider'])), models.Q(('organisation__isnull', True), ('role__in', ['admin', 'analyst'])), _connector='OR'), name='membership_scope_matches_role'),
        ),
    ]
