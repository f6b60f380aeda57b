from django import forms

from insideout.vocabulary import Role
from insideout.web.forms import GovukForm
from insideout.web.limits import SEARCH

from .models import Organisation
from .places import REGION_CHOICES


class OrganisationSearchForm(GovukForm):
    q = forms.CharField(label="Name or identifier", required=False, max_length=SEARCH)
    type = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Any type"), *Organisation.Type.choices]
    )
    sector = forms.ChoiceField(
        label="Sector", required=False, choices=[("", "Any sector"), *Organisation.Sector.choices]
    )
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *REGION_CHOICES]
    )
    local_authority = forms.CharField(label="Local authority code", required=False, max_length=9)


class PeopleSearchForm(GovukForm):
    q = forms.CharField(label="Name or e-mail", required=False, max_length=SEARCH)
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "Any role"), *Role.choices]
    )
