"""Forms for asks. The life cycle checks what each change needs (lifecycle.perform); these forms
only parse what was typed, so a refusal is worded once, there."""

import re

from django import forms

from insideout.directory.models import CentreUnit, Organisation
from insideout.directory.places import REGION_CHOICES
from insideout.vocabulary import NeedCategory
from insideout.web.forms import GovukForm, GovukModelForm

from .lifecycle import ACTIONS
from .models import Ask, TriageRule, Urgency, Verdict


def routable_units():
    return CentreUnit.objects.filter(
        kind__in=[CentreUnit.Kind.UNIT, CentreUnit.Kind.TEAM]
    ).order_by("name")


class NeedForm(GovukForm):
    """Step 1: what the doer needs, in a line, and what kind of help it is."""

    title = forms.CharField(
        label="What do you need?",
        max_length=200,
        help_text="In a line, for example: money to replace our boiler",
        error_messages={
            "required": "Enter what you need",
            "max_length": "Say what you need in 200 characters or fewer",
        },
    )
    category = forms.ChoiceField(
        label="What kind of help is it?",
        choices=NeedCategory.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of help it is"},
    )


class AskDetailsForm(NeedForm):
    """Step 2: the rest, with step 1 carried in hidden fields; staff say which organisation."""

    detail = forms.CharField(
        label="Tell us more (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it would change for you, and anything tried so far",
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=Urgency.choices,
        initial=Urgency.MEDIUM,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how urgent it is"},
    )
    suggested_unit = forms.ModelChoiceField(
        label="Which central unit do you think owns it? (optional)",
        required=False,
        queryset=CentreUnit.objects.none(),
        empty_label="I do not know: the centre will route it",
    )
    public = forms.BooleanField(
        label="You can name my organisation on the public ‘You said, we did’ page",
        required=False,
        help_text="Without this, the page says what was done but not for whom.",
    )

    def __init__(self, *args, for_staff: bool = False, organisations=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].widget = forms.HiddenInput()
        self.fields["category"].widget = forms.HiddenInput()
        self.fields["suggested_unit"].queryset = routable_units()
        if for_staff:
            self.fields["organisation"] = forms.CharField(
                label="Which organisation is this for?",
                max_length=200,
                help_text="Its identifier (URN, ODS code…) or its name",
                error_messages={"required": "Enter the organisation the ask is for"},
            )
            self.order_fields(["organisation"])
        elif organisations is not None and len(organisations) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label="Which of your organisations is it for?",
                widget=forms.RadioSelect,
                queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
                empty_label=None,
                error_messages={"required": "Choose the organisation the ask is for"},
            )
            self.order_fields(["organisation"])

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        if isinstance(value, Organisation):
            return value
        found = Organisation.objects.filter(external_id__iexact=value.strip()).first()
        if found:
            return found
        named = list(Organisation.objects.filter(name__icontains=value.strip())[:6])
        if len(named) == 1:
            return named[0]
        if not named:
            raise forms.ValidationError("No organisation has that identifier or name")
        shown = "; ".join(f"{o.name} ({o.external_id})" for o in named[:5])
        raise forms.ValidationError(
            f"More than one organisation matches: enter the identifier of one of {shown}"
        )


class NoteField(forms.CharField):
    def __init__(self, label: str, **kwargs) -> None:
        super().__init__(
            label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}), **kwargs
        )


class AcknowledgeForm(GovukForm):
    note = NoteField("Note to the doer (optional)")


class CommitForm(GovukForm):
    commitment = NoteField("What will the centre do?")
    due_on = forms.DateField(
        label="By when?",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a real date, like 2026-12-01"},
    )


class DeclineForm(GovukForm):
    note = NoteField("Why not? The doer will read this")


class RouteForm(GovukForm):
    unit = forms.ModelChoiceField(
        label="Which unit should own it?",
        required=False,
        queryset=CentreUnit.objects.none(),
        empty_label="Choose a unit",
    )
    note = NoteField("Why this unit? Needed when passing it on")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = routable_units()


class DeliverForm(GovukForm):
    note = NoteField("What was done?")


class ConfirmForm(GovukForm):
    verdict = forms.ChoiceField(
        label="Did it help?", choices=Verdict.choices, required=False, widget=forms.RadioSelect
    )
    note = NoteField("Anything to add? (optional)")


class FollowUpForm(ConfirmForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verdict"].label = "Is it fixed now?"
        self.fields["verdict"].help_text = "Partly or no sends it back to the unit."


class ReopenForm(GovukForm):
    note = NoteField("Why does it need another look?")


class WithdrawForm(GovukForm):
    note = NoteField("Why are you withdrawing it? (optional)")


class MergeForm(GovukForm):
    into = forms.CharField(
        label="Merge into which ask?",
        required=False,
        max_length=20,
        help_text="Its reference, like ASK-000123. Everyone who shares this ask moves across.",
    )

    def clean_into(self) -> Ask | None:
        value = self.cleaned_data["into"].strip()
        if not value:
            return None
        digits = re.sub(r"^ASK-?", "", value, flags=re.IGNORECASE)
        ask = Ask.objects.filter(pk=int(digits)).first() if digits.isdigit() else None
        if ask is None:
            raise forms.ValidationError(f"No ask has the reference {value}")
        return ask


ACTION_FORMS: dict[str, type[GovukForm]] = {
    "acknowledge": AcknowledgeForm,
    "commit": CommitForm,
    "decline": DeclineForm,
    "route": RouteForm,
    "deliver": DeliverForm,
    "confirm": ConfirmForm,
    "follow_up": FollowUpForm,
    "reopen": ReopenForm,
    "withdraw": WithdrawForm,
    "merge": MergeForm,
}
BUTTONS = {
    "acknowledge": "Acknowledge",
    "commit": "Commit",
    "decline": "Decline",
    "route": "Route",
    "deliver": "Mark as delivered",
    "confirm": "Send",
    "follow_up": "Send",
    "reopen": "Reopen",
    "withdraw": "Withdraw this ask",
    "merge": "Merge",
}


def action_form(action: str, ask: Ask, data=None, id_prefix: str = "") -> GovukForm:
    """The form for one change; `id_prefix` keeps ids unique when a page holds several asks."""
    auto_id = f"id_{id_prefix}%s" if id_prefix else "id_%s"
    form = ACTION_FORMS[action](data, prefix=action, auto_id=auto_id)
    form.action = action
    form.button = "Pass on" if action == "route" and ask.unit_id else BUTTONS[action]
    form.label = (
        "Pass on to another unit" if action == "route" and ask.unit_id else ACTIONS[action].label
    )
    return form


class TriageRuleForm(GovukModelForm):
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *REGION_CHOICES]
    )

    class Meta:
        model = TriageRule
        fields = [
            "position",
            "unit",
            "category",
            "organisation_type",
            "region",
            "keywords",
            "is_active",
        ]
        labels = {
            "position": "Order",
            "unit": "Route to",
            "category": "Kind of help",
            "organisation_type": "Kind of organisation",
            "keywords": "Keywords",
            "is_active": "Active",
        }
        help_texts = {"position": "Rules are tried from the lowest number; the first match wins"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = routable_units()
        self.fields["unit"].error_messages["required"] = "Choose the unit the rule routes to"
        self.fields["category"].choices = [("", "Any kind of help"), *NeedCategory.choices]
        self.fields["organisation_type"].choices = [
            ("", "Any kind of organisation"),
            *Organisation.Type.choices,
        ]
