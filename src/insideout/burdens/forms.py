"""Forms for the ledger. The rules (services, scrutiny) check what each step needs; these forms
parse what was typed, so a refusal is worded once, there."""

from decimal import Decimal

from django import forms

from insideout.asks.models import Ask
from insideout.directory.models import CentreUnit, Organisation
from insideout.directory.places import REGION_CHOICES
from insideout.directory.services import listed_organisations
from insideout.web import limits
from insideout.web.forms import GovukDateField, GovukForm, GovukModelForm, field_as

from .models import IMPOSING, USEFULNESS, ChangeProposal, Kind, Offset, Requirement, State
from .scrutiny import DECISIONS

HOURS_HELP = "In hours; use a decimal point for parts of an hour, for example 1.5"


def hours_field(label: str, required: bool = True, help_text: str = HOURS_HELP, **kwargs):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0.1"),
        max_value=Decimal("2000"),
        max_digits=7,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={
            "required": f"Enter {label.lower().rstrip('?')}",
            "invalid": "Enter a number of hours, like 2 or 1.5",
            "min_value": "Enter at least 0.1 hours",
            "max_value": "Enter 2,000 hours or fewer",
        },
        **kwargs,
    )


class RequirementForm(GovukModelForm):
    """A proposal: what it asks, of whom, how often, and the centre's estimate of the hours."""

    first_due_on = GovukDateField(
        label="First due date", help_text="For example, 30 1 2027; later ones follow from it"
    )
    starts_on = GovukDateField(label="Starts on", help_text="For example, 1 1 2027")
    ends_on = GovukDateField(label="Ends on (optional)", required=False)
    estimated_hours = hours_field(
        "Hours each doer spends on each occurrence",
        help_text="The centre's honest estimate, for one organisation, each time it falls due. "
        + HOURS_HELP,
    )
    audience_types = forms.MultipleChoiceField(
        label="Which kinds of organisation does it land on?",
        required=False,
        choices=Organisation.Type.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every kind.",
    )
    audience_regions = forms.MultipleChoiceField(
        label="In which regions?",
        required=False,
        choices=REGION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked for every region.",
    )
    audience_list = forms.CharField(
        label="Or a list of organisations",
        required=False,
        max_length=limits.MESSAGE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Their identifiers (URN, ODS code...), one a line or separated by commas. "
        "A list replaces the kinds and regions above.",
    )

    class Meta:
        model = Requirement
        fields = [
            "title",
            "description",
            "kind",
            "owner_unit",
            "is_statutory",
            "legal_basis",
            "frequency",
            "first_due_on",
            "estimated_hours",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "frequency": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "title": "What is it called?",
            "description": "What must doers do?",
            "kind": "What kind of requirement is it?",
            "owner_unit": "Which unit owns it?",
            "is_statutory": "The law requires it",
            "legal_basis": "Legal basis",
            "frequency": "How often does it fall due?",
        }
        error_messages = {
            "title": {"required": "Enter what it is called"},
            "kind": {"required": "Choose what kind of requirement it is"},
            "owner_unit": {"required": "Choose the unit that owns it"},
            "frequency": {"required": "Choose how often it falls due"},
        }

    def __init__(self, *args, units=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        owner_unit = field_as(self, "owner_unit", forms.ModelChoiceField)
        owner_unit.queryset = units if units is not None else CentreUnit.objects.all()
        owner_unit.empty_label = None
        if self.instance.pk:
            self.initial["audience_types"] = list(self.instance.audience_types)
            self.initial["audience_regions"] = list(self.instance.audience_regions)
            self.initial["audience_list"] = "\n".join(
                self.instance.audience_organisations.values_list("external_id", flat=True)
            )

    def clean_audience_list(self) -> list[Organisation]:
        return listed_organisations(self.cleaned_data["audience_list"])

    def apply(self) -> tuple[Requirement, list[Organisation]]:
        """The requirement as typed (not saved) and its listed organisations."""
        requirement = self.save(commit=False)
        requirement.audience_types = self.cleaned_data["audience_types"]
        requirement.audience_regions = self.cleaned_data["audience_regions"]
        return requirement, self.cleaned_data["audience_list"]


OFFSETS = 3  # pledges a proposal can make on its page; the API takes any number


class AssessmentForm(GovukForm):
    """Who will spend the time, and what is retired or simplified to pay for it."""

    for_whom = forms.CharField(
        label="Who will spend the time? (optional)",
        required=False,
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: the head teacher and school business manager. Leave it blank "
        "to describe it by the organisations it lands on.",
    )

    def __init__(self, *args, proposal: Requirement, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = Requirement.objects.filter(state__in=IMPOSING).exclude(pk=proposal.pk)
        for n in range(1, OFFSETS + 1):
            self.fields[f"target_{n}"] = forms.ModelChoiceField(
                label=f"Requirement {n} to retire or simplify",
                queryset=choices.order_by("title"),
                required=False,
                empty_label="None",
            )
            self.fields[f"action_{n}"] = forms.ChoiceField(
                label=f"What to do with requirement {n}",
                choices=Offset.Action.choices,
                initial=Offset.Action.RETIRE,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"new_hours_{n}"] = hours_field(
                f"Hours it will take after simplifying (requirement {n})",
                required=False,
                help_text="Only when simplifying: hours each occurrence will take a doer.",
            )

    def pledges(self) -> list[tuple[Requirement, str, Decimal | None]]:
        data = self.cleaned_data
        return [
            (
                data[f"target_{n}"],
                data[f"action_{n}"] or Offset.Action.RETIRE,
                data[f"new_hours_{n}"],
            )
            for n in range(1, OFFSETS + 1)
            if data.get(f"target_{n}")
        ]


class ReasonForm(GovukForm):
    note = forms.CharField(
        label="Why?",
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why"},
    )


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=list(DECISIONS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve, send back or reject"},
    )
    reason = forms.CharField(
        label="Your reason",
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The owning unit reads it, and it stays in the requirement's trail.",
        error_messages={"required": "Give the reason: the unit will read it"},
    )


class ConsultForm(GovukForm):
    closes_on = GovukDateField(
        label="Close the consultation on",
        help_text="Give the doers at least two weeks. For example, 15 1 2027",
        error_messages={"required": "Enter the date the consultation closes"},
    )


class ChangeProposalForm(GovukForm):
    action = forms.ChoiceField(
        label="What should happen to it?",
        choices=ChangeProposal.Action.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose to retire or simplify it"},
    )
    reason = forms.CharField(
        label="Why?",
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it costs, what would be lost, and how it could be simpler. The centre "
        "publishes its answer on the 'You said, we did' page.",
        error_messages={"required": "Say why: what it costs you, and what would be lost"},
    )
    suggested_hours = hours_field(
        "If simplified, hours it should take (optional)",
        required=False,
        help_text="For each occurrence, for one organisation.",
    )


class DecideChangeForm(GovukForm):
    accept = forms.TypedChoiceField(
        label="Your decision",
        choices=[("yes", "Accept it"), ("no", "Decline it")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose to accept or decline it"},
    )
    reason = forms.CharField(
        label="Your reason",
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Published on the 'You said, we did' page, with the decision.",
        error_messages={"required": "Give the reason: it is published"},
    )
    new_hours = hours_field(
        "Hours each occurrence will take now (when simplifying)",
        required=False,
        help_text="Leave blank to take the hours the proposal suggested.",
    )


class ReportForm(GovukForm):
    """A doer's report in under a minute: hours, usefulness, and a comment if they wish."""

    hours = forms.DecimalField(
        label="How many hours did it take your organisation?",
        min_value=Decimal("0"),
        max_value=Decimal("2000"),
        max_digits=7,
        decimal_places=2,
        help_text="Everyone's time together, roughly. " + HOURS_HELP,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter how many hours it took",
            "invalid": "Enter a number of hours, like 2 or 1.5",
            "min_value": "Enter 0 hours or more",
            "max_value": "Enter 2,000 hours or fewer",
        },
    )
    usefulness = forms.TypedChoiceField(
        label="How useful is it to you?",
        choices=USEFULNESS,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how useful it is to you"},
    )
    comment = forms.CharField(
        label="Anything to add? (optional)",
        required=False,
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown without your name, and only once enough organisations have reported.",
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if len(organisations) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label="For which organisation?",
                queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]),
                widget=forms.RadioSelect,
                empty_label=None,
                error_messages={"required": "Choose the organisation"},
            )
            self.order_fields(["organisation"])


class BudgetRuleForm(GovukForm):
    ratio = forms.DecimalField(
        label="Hours out for each hour in",
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal("10"),
        max_digits=4,
        decimal_places=2,
        help_text="2 is one in, two out: a new requirement must retire or simplify others worth "
        "twice its hours a year. Leave blank for no budget rule.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-4"}),
        error_messages={"invalid": "Enter a number, like 1 or 2"},
    )
    exempts_statutory = forms.BooleanField(
        label="Requirements that the law imposes need no offsets", required=False, initial=True
    )
    applies_from = GovukDateField(
        label="Applies from", error_messages={"required": "Enter the date it applies from"}
    )
    note = forms.CharField(
        label="Why (optional)",
        required=False,
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LedgerFilterForm(GovukForm):
    unit = forms.ModelChoiceField(
        label="Owning unit",
        queryset=CentreUnit.objects.filter(requirements__isnull=False).distinct().order_by("name"),
        required=False,
        empty_label="All units",
    )
    kind = forms.ChoiceField(
        label="Kind", choices=[("", "All kinds"), *Kind.choices], required=False
    )
    state = forms.ChoiceField(
        label="State",
        choices=[("", "In force"), *State.choices],
        required=False,
    )


class FlagAskForm(GovukForm):
    ask = forms.ModelChoiceField(
        label="Which of your asks is about this requirement?",
        queryset=Ask.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose an ask"},
    )

    def __init__(self, *args, asks, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "ask", forms.ModelChoiceField).queryset = asks


class FlagSignalForm(GovukForm):
    requirement = forms.ModelChoiceField(
        label="Which requirement is it about?",
        queryset=Requirement.objects.filter(state__in=[*IMPOSING, State.RETIRED]).order_by("title"),
        error_messages={"required": "Choose a requirement"},
    )
    ask = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    answer = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)
