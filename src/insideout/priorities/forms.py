"""Forms for priorities: the priority itself, the weights, measures and their values, links."""

import re
from decimal import Decimal

from django import forms

from insideout.accounts.models import User
from insideout.directory.models import CentreUnit
from insideout.vocabulary import CENTRE_ROLES, NeedCategory
from insideout.web.forms import GovukDateField, GovukForm, GovukModelForm, field_as

from .kinds import kinds
from .models import OutcomeMeasure, Priority

WEIGHT_HELP = "1 to 100: how much it matters beside the others. Only the proportions count."


class PriorityForm(GovukModelForm):
    categories = forms.MultipleChoiceField(
        label="Which kinds of help from doers does it answer? (optional)",
        required=False,
        choices=NeedCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Asks and pulse answers of these kinds are suggested for it.",
    )

    class Meta:
        model = Priority
        fields = ["title", "statement", "owner_unit", "owner", "weight", "categories", "is_active"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 4}),
            "weight": forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        }
        labels = {
            "title": "The priority, in a line",
            "statement": "What it will achieve, and for whom",
            "owner_unit": "Which unit owns it?",
            "owner": "Who answers for it? (optional)",
            "weight": "Weight",
            "is_active": "It is one of the department's priorities now",
        }
        help_texts = {"weight": WEIGHT_HELP}
        error_messages = {
            "title": {"required": "Enter the priority"},
            "statement": {"required": "Say what it will achieve, and for whom"},
            "owner_unit": {"required": "Choose the unit that owns it"},
            "weight": {
                "required": "Give it a weight from 1 to 100",
                "min_value": "Give it a weight from 1 to 100",
                "max_value": "Give it a weight from 1 to 100",
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "owner_unit", forms.ModelChoiceField).queryset = CentreUnit.objects.order_by(
            "name"
        )
        field_as(self, "owner", forms.ModelChoiceField).queryset = (
            User.objects.filter(is_active=True, memberships__role__in=sorted(CENTRE_ROLES))
            .distinct()
            .order_by("full_name")
        )
        if self.instance.pk:
            self.initial["categories"] = list(self.instance.categories)


class WeightsForm(GovukForm):
    """Every priority's weight at once, so leadership weighs them against each other."""

    def __init__(self, *args, priorities: list[Priority], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for priority in priorities:
            self.fields[f"weight_{priority.pk}"] = forms.IntegerField(
                label=priority.title,
                min_value=1,
                max_value=100,
                initial=priority.weight,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
                error_messages={
                    "required": f"Give {priority.title} a weight from 1 to 100",
                    "min_value": f"Give {priority.title} a weight from 1 to 100",
                    "max_value": f"Give {priority.title} a weight from 1 to 100",
                    "invalid": f"Give {priority.title} a weight from 1 to 100",
                },
            )

    def weights(self) -> dict[int, int]:
        return {int(name.split("_")[1]): value for name, value in self.cleaned_data.items()}


class MeasureForm(GovukModelForm):
    target_date = GovukDateField(label="By when? (optional)", required=False)

    class Meta:
        model = OutcomeMeasure
        fields = ["name", "unit_label", "direction", "target", "target_date", "source"]
        widgets = {
            "direction": forms.RadioSelect,
            "target": forms.TextInput(
                attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}
            ),
        }
        labels = {
            "name": "What is measured",
            "unit_label": "In what (optional)",
            "direction": "Which way is better?",
            "target": "Target (optional)",
            "source": "Where the figures come from (optional)",
        }
        error_messages = {
            "name": {"required": "Say what is measured"},
            "direction": {"required": "Choose which way is better"},
        }


class PointForm(GovukForm):
    period_start = GovukDateField(
        label="For the period starting",
        help_text="For example, 1 10 2026 for a month or quarter starting then",
        error_messages={"required": "Enter the date the period starts"},
    )
    value = forms.DecimalField(
        label="Value",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("-999999999999"),
        max_value=Decimal("999999999999"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-10"}),
        error_messages={"required": "Enter the value", "invalid": "Enter a number"},
    )


def linkable_choices() -> list[tuple[str, str]]:
    return [(k.key, k.label) for k in kinds().values() if not k.anonymous]


class LinkByHandForm(GovukForm):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=linkable_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what it is"},
    )
    reference = forms.CharField(
        label="Its reference or number",
        max_length=40,
        help_text="For example ASK-000123 or REQ-00042",
        error_messages={"required": "Enter its reference"},
    )

    def clean_reference(self) -> int:
        digits = re.sub(r"\D", "", self.cleaned_data["reference"])
        if not digits or len(digits) > 18:
            raise forms.ValidationError("Enter a reference like ASK-000123, or its number")
        return int(digits)


class ChoosePriorityForm(GovukForm):
    priority = forms.ModelChoiceField(
        label="Which priority is it under?",
        queryset=Priority.objects.filter(is_active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose a priority"},
    )
