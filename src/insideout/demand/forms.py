"""Forms for demand: the analysts' filters, labels, rules and imports, and the citizens' report."""

from collections.abc import Sequence

from django import forms

from insideout.web.forms import GovukForm, GovukModelForm

from .analysis import Filters
from .imports import parse_column_map
from .models import ClassificationRule, Contact, Feedback, Service
from .rules import RuleProblem, pattern


class FilterForm(GovukForm):
    """Look at one service, channel or place, over a range of dates."""

    start = forms.DateField(
        label="From",
        required=False,
        help_text="For example, 2025-01-06",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label="To",
        required=False,
        help_text="For example, 2025-12-29",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    service = forms.ModelChoiceField(
        label="Service", required=False, queryset=Service.objects.all(), empty_label="All services"
    )
    channel = forms.ChoiceField(
        label="Channel", required=False, choices=[("", "All channels"), *Contact.Channel.choices]
    )
    # A text box with the snapshot's places to pick from (a datalist): a department may have
    # hundreds of wards, too many for a select to render quickly or to scroll through.
    place = forms.CharField(
        label="Place",
        required=False,
        max_length=100,
        help_text="Leave blank for all places",
        widget=forms.TextInput(attrs={"list": "demand-places", "autocomplete": "off"}),
    )

    def __init__(self, *args, places: Sequence[str] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.places = places

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be on or after the start date")
        return cleaned

    def filters(self) -> Filters:
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            start=data["start"],
            end=data["end"],
            service_ids=(data["service"].pk,) if data["service"] else (),
            channels=(data["channel"],) if data["channel"] else (),
            places=(data["place"].strip(),) if data["place"].strip() else (),
        )


class VolumeForm(FilterForm):
    rebase = forms.BooleanField(
        label="Recalculate the limits at each change to the service", required=False
    )


class LabelForm(GovukForm):
    """An analyst's label for one contact."""

    demand_type = forms.ChoiceField(
        label="Kind of demand",
        choices=Contact.DemandType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose value or failure demand"},
    )
    failure_cause = forms.ChoiceField(
        label="If failure demand, what caused it?",
        required=False,
        choices=[("", "Not failure demand"), *Contact.FailureCause.choices],
    )
    need = forms.CharField(
        label="What the citizen needed (optional)", required=False, max_length=80
    )

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("demand_type") == "failure" and not cleaned.get("failure_cause"):
            self.add_error("failure_cause", "Choose what caused the failure demand")
        return cleaned


class RuleForm(GovukModelForm):
    class Meta:
        model = ClassificationRule
        fields = ["service", "keywords", "demand_type", "failure_cause", "need", "position"]
        labels = {
            "service": "Service (leave blank for every service)",
            "demand_type": "Kind of demand",
            "position": "Position (lowest first)",
        }

    def clean_keywords(self) -> str:
        keywords = self.cleaned_data["keywords"].strip()
        try:
            pattern(keywords)
        except RuleProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return keywords

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("demand_type") == "failure" and not cleaned.get("failure_cause"):
            self.add_error("failure_cause", "Choose what caused the failure demand")
        if cleaned.get("demand_type") == "value":
            cleaned["failure_cause"] = ""
        return cleaned


class ResolveForm(GovukForm):
    status_notes = forms.CharField(
        label="What was done (shown to the citizen)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ImportForm(GovukForm):
    file = forms.FileField(
        label="Contacts file",
        help_text="A CSV file (UTF-8), an Excel workbook (.xlsx) or an Open311 JSON export.",
        error_messages={
            "required": "Select a CSV, XLSX or JSON file",
            "empty": "The selected file is empty",
        },
    )
    column_map = forms.CharField(
        label="Column map (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
        help_text="Only if your columns have other names. One per line: the column in your file, "
        "an equals sign, then the field. For example, Opened=received_at.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx", ".xlsm", ".json")):
            raise forms.ValidationError("The selected file must be a CSV, XLSX or JSON file")
        return upload

    def clean_column_map(self) -> dict[str, str]:
        try:
            return parse_column_map(self.cleaned_data["column_map"].splitlines())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


class KeyForm(GovukForm):
    name = forms.CharField(
        label="Who is the key for?",
        max_length=100,
        error_messages={"required": "Say who the key is for"},
    )


class ReportForm(GovukForm):
    """The citizens' form: no account, a few questions, a private link to follow it."""

    service = forms.ModelChoiceField(
        label="What is it about?",
        queryset=Service.objects.filter(open311=True),
        empty_label="Choose one",
        error_messages={"required": "Choose what it is about"},
    )
    description = forms.CharField(
        label="Tell us what happened",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Tell us what happened"},
    )
    what_matters = forms.CharField(
        label="What matters most to you about this? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    address = forms.CharField(
        label="Where is it? (optional)",
        required=False,
        max_length=300,
        help_text="A street, a landmark or a postcode.",
    )
    email = forms.EmailField(
        label="Your e-mail address (optional)",
        required=False,
        help_text="We send you the private link to follow your report. We use it for nothing else.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an e-mail address in the right form, like name@example.com"
        },
    )


class FeedbackForm(GovukForm):
    put_right = forms.TypedChoiceField(
        label="Was it put right?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether it was put right"},
    )
    what_mattered_met = forms.ChoiceField(
        label="Was what mattered to you met?",
        choices=Feedback.Met.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether what mattered to you was met"},
    )
    comment = forms.CharField(
        label="Anything you want to tell us? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
