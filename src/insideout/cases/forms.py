"""The forms of case work, each short: as little personal data as the work needs."""

from django import forms

from insideout.catalogue.models import Service
from insideout.catalogue.services import with_need
from insideout.catalogue.taxonomies import Eligibility
from insideout.directory.places import REGIONS
from insideout.vocabulary import SocialNeed
from insideout.web.forms import GovukForm, field_as

from .lifecycle import ACTIONS
from .models import Case, Consent, Verdict
from .services import TEXT_LIMIT, place_choices
from .unmet import quarters


def words(label: str, required: bool = True, help_text: str = "", rows: int = 3):
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class OpenCaseForm(GovukForm):
    reference = forms.CharField(
        label="Your reference for them",
        max_length=60,
        help_text="Initials or your own system's number: not their name.",
    )
    kind = forms.ChoiceField(
        label="Who is it for?", choices=Case.Kind.choices, widget=forms.RadioSelect
    )
    people = forms.IntegerField(label="How many people?", min_value=1, max_value=500, initial=1)
    local_authority = forms.ChoiceField(label="Where do they live?", choices=[])
    age_band = forms.ChoiceField(
        label="Their age",
        required=False,
        choices=[("", "Not needed"), *Case.AgeBand.choices],
        help_text="Only if services they may need depend on it.",
    )
    circumstances = forms.MultipleChoiceField(
        label="Circumstances that open services to them",
        required=False,
        choices=Eligibility.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick only what the work needs: some services are only for these groups.",
    )
    what_matters = words(
        "What matters to them, in their own words",
        required=False,
        help_text="You can add it later.",
    )
    consent = forms.BooleanField(
        label="They agree to share what each service needs with the services pulled for them",
        required=False,
        help_text="Without it you can record their needs but not pull services.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "local_authority", forms.ChoiceField).choices = [
            ("", "Choose a local authority"),
            *place_choices(),
        ]
        self.fields["people"].widget.attrs.update({"class": "govuk-input govuk-input--width-3"})


class ConsentForm(GovukForm):
    given = forms.TypedChoiceField(
        label="Do they agree to share what each service needs with the services pulled for them?",
        choices=[("yes", "Yes"), ("no", "No: they withdraw their consent")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    how = forms.ChoiceField(
        label="How did they say so?",
        choices=Consent.How.choices,
        widget=forms.RadioSelect,
        initial=Consent.How.SPOKEN,
    )


class WhatMattersForm(GovukForm):
    what_matters = words("What matters to them, in their own words", rows=5)


class GoalForm(GovukForm):
    text = words("A goal, in their words", rows=2)


class NeedForm(GovukForm):
    category = forms.ChoiceField(
        label="What kind of help?", choices=[("", "Choose one"), *SocialNeed.choices]
    )
    text = words("What do they need?", help_text="In their words or yours.", rows=3)


class PullForm(GovukForm):
    note_for_provider = words(
        "What the service needs to know",
        help_text="The service sees only this, the kind of need, the place, their age band and "
        "how many people: nothing else of the case. You are its contact.",
        rows=4,
    )


class UnmetForm(GovukForm):
    note = words(
        "What was missing?",
        required=False,
        help_text="The centre sees only counts of unmet needs, never this case.",
        rows=2,
    )


NEEDS_NOTE = {"decline", "complete", "cancel"}


class PullActionForm(GovukForm):
    """One change to a pull: a note where the change needs one, a verdict for the outcome."""

    def __init__(self, action: str, *args, **kwargs) -> None:
        # Several of these forms share a page: each field's id carries its action.
        kwargs.setdefault("auto_id", f"{action}-%s")
        super().__init__(*args, **kwargs)
        self.action = action
        self.label = ACTIONS[action].label
        notes = {
            "decline": "Why, in words the partner can read",
            "no_capacity": "Anything the partner should know (optional)",
            "waitlist": "How long they may wait (optional)",
            "complete": "What the service did",
            "cancel": "Why the pull is withdrawn",
            "record_outcome": "Did it help? In their own words",
        }
        if action == "record_outcome":
            self.fields["verdict"] = forms.ChoiceField(
                label="Did it help them?", choices=Verdict.choices, widget=forms.RadioSelect
            )
        if action in notes:
            self.fields["note"] = words(notes[action], required=action in NEEDS_NOTE, rows=2)

    @property
    def button(self) -> str:
        return self.label


class EraseForm(GovukForm):
    confirm = forms.BooleanField(
        label="They asked for their data to be erased, and I have checked who they are",
        error_messages={"required": "Confirm that they asked and that you checked who they are"},
    )


class AnswerForm(GovukForm):
    """The centre says which service answers a kind of unmet need, somewhere, in a quarter."""

    service = forms.ModelChoiceField(
        label="The new or expanded service", queryset=Service.objects.none()
    )
    region = forms.ChoiceField(
        label="Where", required=False, choices=[("", "Every region"), *REGIONS.items()]
    )
    quarter = forms.ChoiceField(label="Unmet needs raised in", required=False, choices=[])

    def __init__(self, category: str, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.category = category
        field_as(self, "service", forms.ModelChoiceField).queryset = with_need(
            Service.objects.filter(status=Service.Status.ACTIVE), category
        ).order_by("name")
        field_as(self, "quarter", forms.ChoiceField).choices = [
            ("", "Any quarter"),
            *((q.key, q.label) for q in quarters()),
        ]
