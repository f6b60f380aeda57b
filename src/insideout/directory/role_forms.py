"""Forms to give, change and end people's roles."""

from django import forms

from insideout.web.forms import GovukForm, field_as

from .models import CentreUnit, Organisation
from .roles import roles_given_by


class GiveRoleForm(GovukForm):
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter their full name"}
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="We e-mail them to say what role they have and how to sign in.",
        error_messages={
            "required": "Enter their e-mail address",
            "invalid": "Enter an e-mail address like name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Role", widget=forms.RadioSelect, error_messages={"required": "Choose a role"}
    )

    def __init__(self, *args, by, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "role", forms.ChoiceField).choices = roles_given_by(by)
        if by.is_admin:
            self.fields["organisation"] = forms.CharField(
                label="Organisation (for doers and frontline partners)",
                required=False,
                help_text="Its identifier, such as a URN or ODS code",
            )
            self.fields["centre_unit"] = forms.ModelChoiceField(
                label="Centre unit (for centre leads and officers)",
                required=False,
                queryset=CentreUnit.objects.order_by("name"),
                empty_label="Choose a unit",
            )
        else:
            led = Organisation.objects.filter(pk__in=by.led_organisation_ids)
            self.fields["organisation"] = forms.ModelChoiceField(
                label="Your organisation",
                queryset=led,
                initial=led.first(),
                empty_label=None,
                widget=forms.RadioSelect if led.count() > 1 else forms.HiddenInput,
            )

    def clean_organisation(self):
        value = self.cleaned_data.get("organisation")
        if isinstance(value, Organisation) or not value:
            return value or None
        found = Organisation.objects.filter(external_id__iexact=value.strip()).first()
        if found is None:
            raise forms.ValidationError(f"No organisation has the identifier {value.strip()}")
        return found


class ChangeRoleForm(GovukForm):
    role = forms.ChoiceField(label="New role", error_messages={"required": "Choose a role"})

    def __init__(self, *args, by, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "role", forms.ChoiceField).choices = roles_given_by(by)
