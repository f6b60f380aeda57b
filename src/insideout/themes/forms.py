"""Forms for theming texts and shaping themes, in GOV.UK markup."""

from django import forms

from insideout.web import limits
from insideout.web.forms import GovukForm, field_as

from .models import Framework, TextSet, Theme


def pulse_question_choices() -> list[tuple[str, str]]:
    """Every pulse and free-text question that has answers, as "pulse:question" choices."""
    from insideout.pulses.models import Answer

    pairs = (
        Answer.objects.exclude(text="")
        .values_list(
            "response__pulse_id", "response__pulse__title", "question_id", "question__text"
        )
        .distinct()
        .order_by("-response__pulse_id", "question_id")
    )
    return [(f"{p}:{q}", f"{title}: {text}") for p, title, q, text in pairs]


def unit_choices() -> list[tuple[str, str]]:
    from insideout.directory.models import CentreUnit

    return [("", "Every unit")] + [(str(u.pk), u.name) for u in CentreUnit.objects.order_by("name")]


class TextSetForm(GovukForm):
    """Which texts to theme."""

    name = forms.CharField(max_length=limits.LINE, label="Name this set of texts")
    source = forms.ChoiceField(
        choices=[c for c in TextSet.Source.choices if c[0] != TextSet.Source.UPLOAD],
        widget=forms.RadioSelect,
        label="Which texts",
    )
    pulse_question = forms.ChoiceField(
        required=False, label="Pulse and question", help_text="For answers to a pulse question."
    )
    unit = forms.ChoiceField(
        required=False, label="Unit", help_text="For asks: one unit's, or all."
    )
    framework = forms.ModelChoiceField(
        Framework.objects.all(),
        required=False,
        label="Framework (optional)",
        help_text="Assign the texts to a framework's themes instead of finding new ones.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field_as(self, "pulse_question", forms.ChoiceField).choices = [
            ("", "Choose a pulse question"),
            *pulse_question_choices(),
        ]
        field_as(self, "unit", forms.ChoiceField).choices = unit_choices()

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("source") == TextSet.Source.PULSE_QUESTION and not data.get("pulse_question"):
            self.add_error("pulse_question", "Choose the pulse question whose answers to theme")
        return data

    def scope(self) -> dict:
        data = self.cleaned_data
        if data["source"] == TextSet.Source.PULSE_QUESTION:
            pulse, question = data["pulse_question"].split(":")
            return {"pulse": int(pulse), "question": int(question)}
        if data["source"] == TextSet.Source.ASKS and data.get("unit"):
            return {"unit": int(data["unit"])}
        return {}


class RenameForm(GovukForm):
    label = forms.CharField(max_length=120, label="New name")


class MergeForm(GovukForm):
    others = forms.ModelMultipleChoiceField(
        Theme.objects.none(), widget=forms.CheckboxSelectMultiple, label="Merge these themes in"
    )

    def __init__(self, *args, theme: Theme, **kwargs):
        super().__init__(*args, **kwargs)
        field_as(self, "others", forms.ModelChoiceField).queryset = theme.text_set.themes.exclude(
            pk=theme.pk
        )


class SplitForm(GovukForm):
    parts = forms.IntegerField(min_value=2, max_value=6, initial=2, label="Split into how many")


class MoveForm(GovukForm):
    theme = forms.ModelChoiceField(Theme.objects.none(), label="Move to")

    def __init__(self, *args, text_set: TextSet, **kwargs):
        super().__init__(*args, **kwargs)
        field_as(self, "theme", forms.ModelChoiceField).queryset = text_set.themes.all()


class PinForm(GovukForm):
    name = forms.CharField(max_length=limits.LINE, label="Name the framework")


class AdoptForm(GovukForm):
    label = forms.CharField(max_length=120, required=False, label="Name for the new theme")
