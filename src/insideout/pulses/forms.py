from django import forms

from insideout.directory.models import CentreUnit, Organisation
from insideout.directory.places import REGION_CHOICES
from insideout.directory.services import listed_organisations
from insideout.vocabulary import NeedCategory
from insideout.web import limits
from insideout.web.forms import GovukDateField, GovukForm, GovukModelForm, field_as

from .models import AGREEMENT_LEVELS, Pulse, Question
from .services import set_contents
from .signals import need_sent_as_ask


class PulseForm(GovukModelForm):
    opens_on = GovukDateField(
        label="Opens on",
        help_text="For example, 1 12 2026",
        error_messages={"required": "Enter the date the pulse opens"},
    )
    closes_on = GovukDateField(
        label="Closes on",
        help_text="For example, 21 12 2026",
        error_messages={"required": "Enter the date the pulse closes"},
    )
    audience_types = forms.MultipleChoiceField(
        label="Which kinds of organisation?",
        required=False,
        choices=Organisation.Type.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to ask every kind.",
    )
    audience_regions = forms.MultipleChoiceField(
        label="Which regions?",
        required=False,
        choices=REGION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to ask every region.",
    )
    audience_list = forms.CharField(
        label="Or a list of organisations",
        required=False,
        max_length=limits.MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Their identifiers (URN, ODS code...), one a line or separated by commas. "
        "A list replaces the kinds and regions above.",
    )
    units = forms.ModelMultipleChoiceField(
        label="Which units should doers rate?",
        queryset=CentreUnit.objects.filter(kind=CentreUnit.Kind.UNIT).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one unit for doers to rate"},
    )
    questions = forms.ModelMultipleChoiceField(
        label="Questions",
        queryset=Question.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one question"},
    )

    class Meta:
        model = Pulse
        fields = [
            "title",
            "cadence",
            "opens_on",
            "closes_on",
            "anonymity",
            "min_group_size",
            "min_text_group_size",
        ]
        widgets = {
            "cadence": forms.RadioSelect,
            "anonymity": forms.RadioSelect,
        }
        labels = {
            "title": "Title",
            "min_group_size": "Smallest group shown",
            "min_text_group_size": "Smallest group whose comments are shown",
        }
        error_messages = {
            "title": {"required": "Enter a title"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk:
            self.initial["questions"] = list(
                Question.objects.filter(is_standard=True).values_list("pk", flat=True)
            )
            units = field_as(self, "units", forms.ModelMultipleChoiceField).queryset
            if units is not None:
                self.initial["units"] = list(units.values_list("pk", flat=True))
        if self.instance.pk:
            # Every choice made before comes back ticked: an unticked box would widen the audience.
            self.initial["audience_types"] = list(self.instance.audience_types)
            self.initial["audience_regions"] = list(self.instance.audience_regions)
            self.initial["units"] = list(self.instance.units.values_list("pk", flat=True))
            self.initial["questions"] = [q.pk for q in self.instance.ordered_questions()]
            self.initial["audience_list"] = "\n".join(
                self.instance.audience_organisations.values_list("external_id", flat=True)
            )

    def clean_audience_list(self) -> list[Organisation]:
        return listed_organisations(self.cleaned_data["audience_list"])

    def save(self, commit: bool = True) -> Pulse:
        pulse = super().save(commit=False)
        pulse.audience_types = self.cleaned_data["audience_types"]
        pulse.audience_regions = self.cleaned_data["audience_regions"]
        pulse.save()
        set_contents(
            pulse,
            self.cleaned_data["units"],
            self.cleaned_data["questions"],
            self.cleaned_data["audience_list"],
        )
        return pulse


class QuestionForm(GovukModelForm):
    class Meta:
        model = Question
        fields = ["kind", "text", "hint", "code"]
        widgets = {"kind": forms.RadioSelect}
        labels = {
            "kind": "Kind of question",
            "text": "Question",
            "hint": "Hint (optional)",
            "code": "Short name",
        }
        help_texts = {"code": "Lower case and hyphens, used in exports: e.g. ofsted-readiness"}
        error_messages = {
            "text": {"required": "Enter the question"},
            "code": {
                "required": "Enter a short name",
                "unique": "Another question already has that short name",
            },
        }


class ClosePulseForm(GovukForm):
    playback = forms.CharField(
        label="What did the doers tell you, and what will the centre do about it?",
        max_length=limits.MESSAGE,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Everyone invited receives this. Say what you heard, what you will do, "
        "and by when.",
        error_messages={"required": "Say what the doers told you and what you will do"},
    )


class UnitsDealtWithForm(GovukForm):
    units = forms.ModelMultipleChoiceField(
        label="Which of these units have you dealt with recently?",
        queryset=CentreUnit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Choose all that apply. You will rate only these.",
    )

    def __init__(self, *args, pulse: Pulse, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "units", forms.ModelChoiceField).queryset = pulse.units.order_by("name")


def answer_form_class(pulse: Pulse, units: list[CentreUnit]) -> type[GovukForm]:
    """A form with a field for each question, and a 0-10 field per unit for unit questions."""
    fields: dict[str, forms.Field] = {}
    scores = [(str(n), str(n)) for n in range(11)]
    for question in pulse.ordered_questions():
        key = f"q{question.pk}"
        if question.kind == Question.Kind.UNIT_NPS:
            for unit in units:
                fields[f"{key}_u{unit.pk}"] = forms.TypedChoiceField(
                    label=question.text_for(unit),
                    help_text=" ".join(
                        filter(
                            None, ["0 is not at all likely, 10 extremely likely.", question.hint]
                        )
                    ),
                    choices=scores,
                    coerce=int,
                    widget=forms.RadioSelect(attrs={"class": "insideout-scale"}),
                    required=False,
                )
        elif question.kind == Question.Kind.AGREEMENT:
            fields[key] = forms.TypedChoiceField(
                label=question.text,
                choices=[(str(v), label) for v, label in AGREEMENT_LEVELS],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
                help_text=question.hint,
            )
        elif question.kind == Question.Kind.NEED:
            fields[key] = forms.CharField(
                label=question.text,
                help_text=question.hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=limits.PARAGRAPH,
            )
            fields[f"{key}_category"] = forms.ChoiceField(
                label="What kind of help is it?",
                choices=NeedCategory.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            if need_sent_as_ask.has_listeners():
                fields[f"{key}_ask"] = forms.BooleanField(
                    label="Also send this to the centre as an ask, so a unit replies to you"
                    + (
                        " (your name goes on the ask, not on your pulse answers)"
                        if pulse.is_anonymous
                        else ""
                    ),
                    required=False,
                )
        else:
            fields[key] = forms.CharField(
                label=question.text,
                help_text=question.hint,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=limits.PARAGRAPH,
            )
    return type("AnswerForm", (GovukForm,), fields)
