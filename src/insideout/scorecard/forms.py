from django import forms

from insideout.directory.models import Organisation
from insideout.directory.places import REGION_CHOICES
from insideout.web.forms import GovukForm


class SegmentForm(GovukForm):
    """Look at the scorecard through one kind of doer, or one region."""

    type = forms.ChoiceField(
        label="Kind of organisation",
        required=False,
        choices=[("", "All kinds"), *Organisation.Type.choices],
    )
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "All regions"), *REGION_CHOICES]
    )
