"""Forms for asks. The life cycle checks what each change needs (lifecycle.perform); these forms
only parse what was typed, so a refusal is worded once, there."""

import re

from django import forms

from insideout.directory.models import CentreUnit, Organisation
from insideout.directory.places import REGION_CHOICES
from insideout.vocabulary import NeedCategory
from insideout.web import limits
from insideout.web.forms import GovukDateField, GovukForm, GovukModelForm, field_as

from .lifecycle import ACTIONS, OUTCOMES, cannot_merge_into
from .models import Ask, Status, TriageRule, Urgency, Verdict
from .queues import SORTS


def routable_units():
    return CentreUnit.objects.filter(
        kind__in=[CentreUnit.Kind.UNIT, CentreUnit.Kind.TEAM]
    ).order_by("name")


class NeedForm(GovukForm):
    """Step 1: what the doer needs, in a line, and what kind of help it is."""

    title = forms.CharField(
        label="What do you need?",
        max_length=limits.LINE,
        help_text="In a line, for example: money to replace our boiler",
        error_messages={
            "required": "Enter what you need",
            "max_length": f"Say what you need in {limits.LINE} characters or fewer",
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
        max_length=limits.PARAGRAPH,
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
        field_as(self, "suggested_unit", forms.ModelChoiceField).queryset = routable_units()
        if for_staff:
            self.fields["organisation"] = forms.CharField(
                label="Which organisation is this for?",
                max_length=limits.LINE,
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
            label=label,
            required=False,
            max_length=limits.PARAGRAPH,
            widget=forms.Textarea(attrs={"rows": 3}),
            **kwargs,
        )


class ActionForm(GovukForm):
    """A change to an ask, with what action_form says of it: the action, its button, its heading."""

    action: str
    button: str
    label: str


class AcknowledgeForm(ActionForm):
    note = NoteField("Note to the doer (optional)")


class CommitForm(ActionForm):
    commitment = NoteField("What will the centre do?")
    due_on = GovukDateField(label="By when?", required=False, help_text="For example, 27 3 2027")


class DeclineForm(ActionForm):
    note = NoteField("Why not? The doer will read this")


class RouteForm(ActionForm):
    unit = forms.ModelChoiceField(
        label="Which unit should own it?",
        required=False,
        queryset=CentreUnit.objects.none(),
        empty_label="Choose a unit",
    )
    note = NoteField("Why this unit? Needed when passing it on")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "unit", forms.ModelChoiceField).queryset = routable_units()


class DeliverForm(ActionForm):
    note = NoteField(
        "What was done?",
        help_text="This is published on the public ‘You said, we did’ page. Do not name "
        "people, places or organisations: you will see a preview before it is published.",
    )


class VerdictSelect(forms.RadioSelect):
    """Each answer with its outcome beneath it, so the doer knows what their click does."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["hint"] = OUTCOMES.get(value, "")
        return option


class ConfirmForm(ActionForm):
    verdict = forms.ChoiceField(
        label="Did it help?",
        choices=Verdict.choices,
        required=False,
        widget=VerdictSelect,
        help_text="Your organisation answers once; you can change your answer.",
    )
    note = NoteField("What is still missing, or anything to add? (needed for “partly”)")


class ReopenForm(ActionForm):
    note = NoteField("Why does it need another look?")


class WithdrawForm(ActionForm):
    note = NoteField("Why are you withdrawing it? (optional)")


class MergeForm(ActionForm):
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
        if not digits.isdigit() or len(digits) > 18:
            raise forms.ValidationError(f"{value} is not an ask's reference, like ASK-000123")
        ask = Ask.objects.filter(pk=int(digits)).first()
        if ask is None:  # worded as the life cycle refuses an ask the person may not act on
            raise forms.ValidationError(cannot_merge_into(Ask(pk=int(digits)).reference))
        return ask


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "acknowledge": AcknowledgeForm,
    "commit": CommitForm,
    "decline": DeclineForm,
    "route": RouteForm,
    "deliver": DeliverForm,
    "confirm": ConfirmForm,
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
    "confirm": "Send my answer",
    "reopen": "Reopen",
    "withdraw": "Withdraw this ask",
    "merge": "Merge",
}


def action_form(action: str, ask: Ask, data=None, id_prefix: str = "") -> ActionForm:
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
        field_as(self, "unit", forms.ModelChoiceField).queryset = routable_units()
        self.fields["unit"].error_messages["required"] = "Choose the unit the rule routes to"
        field_as(self, "category", forms.ChoiceField).choices = [
            ("", "Any kind of help"),
            *NeedCategory.choices,
        ]
        field_as(self, "organisation_type", forms.ChoiceField).choices = [
            ("", "Any kind of organisation"),
            *Organisation.Type.choices,
        ]


class QueueFilterForm(GovukForm):
    """Which of a unit's asks to show, and in what order."""

    show = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[("", "Open asks"), ("late", "Late asks"), *Status.choices, ("all", "Every ask")],
    )
    category = forms.ChoiceField(
        label="Kind of help", required=False, choices=[("", "Any kind"), *NeedCategory.choices]
    )
    sort = forms.ChoiceField(label="Sort by", required=False, choices=SORTS)
