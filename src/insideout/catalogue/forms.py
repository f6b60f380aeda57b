"""The catalogue's forms: finding services, and a provider keeping theirs current."""

from django import forms

from insideout.directory.places import REGIONS
from insideout.vocabulary import SocialNeed
from insideout.web.forms import GovukForm, field_as

from .models import Service
from .places import CENTRES, ENGLAND, place_name
from .services import Availability, Search, ServiceDetails
from .taxonomies import Eligibility

TEXT_LIMIT = 2000


def local_authority_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, place_name(code)) for code in CENTRES if code not in REGIONS),
        key=lambda item: item[1],
    )


def area_choices() -> list[tuple[str, str]]:
    return [
        (ENGLAND, "All of England"),
        *((code, f"{name} (region)") for code, name in REGIONS.items()),
        *local_authority_choices(),
    ]


class SearchForm(GovukForm):
    text = forms.CharField(
        label="Words", required=False, max_length=200, help_text="For example: debt, food bank"
    )
    need = forms.ChoiceField(
        label="What it helps with", required=False, choices=[("", "Any need"), *SocialNeed.choices]
    )
    place = forms.ChoiceField(label="Where the person lives", required=False, choices=[])
    age = forms.IntegerField(label="Their age", required=False, min_value=0, max_value=120)
    for_whom = forms.ChoiceField(
        label="Services only for",
        required=False,
        choices=[("", "Open to anyone"), *Eligibility.choices],
        help_text="Shows services open to anyone and those only for this group.",
    )
    availability = forms.ChoiceField(
        label="Can it take people on?",
        required=False,
        choices=[("", "Show all"), *Availability.CHOICES],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "place", forms.ChoiceField).choices = [
            ("", "Anywhere"),
            *local_authority_choices(),
        ]
        self.fields["age"].widget.attrs.update({"class": "govuk-input govuk-input--width-3"})

    def search(self) -> Search:
        data = self.cleaned_data
        return Search(
            text=data.get("text") or "",
            need=data.get("need") or "",
            place=data.get("place") or "",
            age=data.get("age"),
            for_whom=data.get("for_whom") or "",
            availability=data.get("availability") or "",
        )


class CapacityForm(GovukForm):
    places = forms.IntegerField(
        label="How many people can start this week?",
        min_value=0,
        max_value=100000,
        help_text="0 if you cannot take anyone on this week.",
    )
    wait_weeks = forms.IntegerField(
        label="How long is the wait to start, in weeks?",
        required=False,
        min_value=0,
        max_value=104,
        help_text="Leave it empty if there is no waiting list.",
    )
    needs_assessment = forms.BooleanField(
        label="We need to assess someone before we can say", required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("places", "wait_weeks"):
            self.fields[name].widget.attrs.update({"class": "govuk-input govuk-input--width-4"})


class ServiceForm(GovukForm):
    name = forms.CharField(label="Name of the service", max_length=200)
    description = forms.CharField(
        label="What it does",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMIT,
        help_text="In plain words, for the partner who will pull it and the person it helps.",
    )
    categories = forms.MultipleChoiceField(
        label="What kinds of need it helps with",
        choices=SocialNeed.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    area_codes = forms.MultipleChoiceField(
        label="Where it serves",
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick all of England, a region, or each local authority.",
    )
    eligibility = forms.MultipleChoiceField(
        label="Only for",
        required=False,
        choices=Eligibility.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked if it is open to anyone.",
    )
    minimum_age = forms.IntegerField(
        label="Youngest age", required=False, min_value=0, max_value=120
    )
    maximum_age = forms.IntegerField(label="Oldest age", required=False, min_value=0, max_value=120)
    eligibility_description = forms.CharField(
        label="Who it is for, in words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_LIMIT,
    )
    application_process = forms.CharField(
        label="How to get it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=TEXT_LIMIT,
    )
    email = forms.EmailField(label="E-mail address for enquiries", required=False)
    url = forms.URLField(label="Web page", required=False, assume_scheme="https")
    status = forms.ChoiceField(label="Is it running?", choices=Service.Status.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field_as(self, "area_codes", forms.ChoiceField).choices = area_choices()
        for name in ("minimum_age", "maximum_age"):
            self.fields[name].widget.attrs.update({"class": "govuk-input govuk-input--width-3"})

    def details(self) -> ServiceDetails:
        data = self.cleaned_data
        return ServiceDetails(
            name=data["name"],
            description=data["description"],
            categories=tuple(data["categories"]),
            area_codes=tuple(data["area_codes"]),
            eligibility=tuple(data["eligibility"]),
            eligibility_description=data["eligibility_description"],
            minimum_age=data["minimum_age"],
            maximum_age=data["maximum_age"],
            application_process=data["application_process"],
            email=data["email"],
            url=data["url"],
            status=data["status"],
        )
