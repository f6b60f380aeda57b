"""Django forms rendered in GOV.UK Design System markup, with the error summary's anchors."""

from datetime import date
from typing import TypeVar

from django import forms
from django.forms.renderers import TemplatesSetting

NUL_FORM_MESSAGE = "Remove the NUL character (\\u0000): it cannot be stored"

WIDGET_CLASSES = {
    forms.Select: "govuk-select",
    forms.Textarea: "govuk-textarea",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.FileInput: "govuk-file-upload",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


def govuk_class(widget: forms.Widget) -> str:
    for widget_class, css in WIDGET_CLASSES.items():
        if isinstance(widget, widget_class):
            return css
    return "govuk-input"


class GovukFormMixin(forms.BaseForm):
    """Widgets carry GOV.UK classes, and error classes and described-by ids once validated."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            extra = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{govuk_class(field.widget)} {extra}".strip()
            # Limits come from web/limits.py; this says them in GOV.UK's words.
            field.error_messages.setdefault(
                "max_length", "Use %(limit_value)s characters or fewer (you used %(show_value)s)"
            )
            field.error_messages.setdefault("null_characters_not_allowed", NUL_FORM_MESSAGE)

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                base = govuk_class(widget)
                if base:
                    widget.attrs["class"] += f" {base}--error"
                # Setting it stops Django adding the hint's id, so the hint is named here too.
                field = self[name]
                ids = widget.attrs.get("aria-describedby", "").split()
                if field.help_text:
                    ids.append(f"{field.auto_id}_helptext")
                ids.append(f"{field.auto_id}-error")
                widget.attrs["aria-describedby"] = " ".join(dict.fromkeys(ids))


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


AnyField = TypeVar("AnyField", bound=forms.Field)


def field_as(form: forms.BaseForm, name: str, kind: type[AnyField]) -> AnyField:
    """The form's field `name`, which it declares as a `kind` (a choice field whose choices
    or queryset are set per form, say), as that kind."""
    field = form.fields[name]
    if not isinstance(field, kind):
        raise TypeError(f"{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field


class GovukDateInput(forms.Widget):
    """The GOV.UK date input: day, month and year as three short boxes in one fieldset.

    The day box carries the field's own id, so the error summary's link lands in it.
    """

    template_name = "govuk/forms/date_input.html"
    PARTS = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def value_from_datadict(self, data, files, name):
        if name in data and not any(f"{name}_{part}" in data for part, _, _ in self.PARTS):
            return data.get(name)  # one ISO date, as scripts and older forms send
        return tuple(data.get(f"{name}_{part}", "") for part, _, _ in self.PARTS)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and not any(f"{name}_{part}" in data for part, _, _ in self.PARTS)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        values = split_date(value)
        field_id = context["widget"]["attrs"].get("id", f"id_{name}")
        context["widget"]["has_error"] = "--error" in context["widget"]["attrs"].get("class", "")
        context["widget"]["parts"] = [
            {
                "name": f"{name}_{part}",
                "id": field_id if part == "day" else f"{field_id}_{part}",
                "label": label,
                "width": width,
                "value": values[index],
            }
            for index, (part, label, width) in enumerate(self.PARTS)
        ]
        return context

    def id_for_label(self, id_):
        return id_


def split_date(value) -> tuple[str, str, str]:
    """A date, an ISO string or the three boxes as typed, as (day, month, year) to show again."""
    if isinstance(value, date):
        return str(value.day), str(value.month), str(value.year)
    if isinstance(value, list | tuple):
        day, month, year = (str(v or "") for v in (list(value) + ["", "", ""])[:3])
        return day, month, year
    if isinstance(value, str) and value:
        try:
            return split_date(date.fromisoformat(value))
        except ValueError:
            return "", "", ""
    return "", "", ""


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with GOV.UK's messages for what is wrong."""

    widget = GovukDateInput
    default_error_messages = {
        "incomplete": "%(label)s must include %(missing)s",
        "invalid": "%(label)s must be a real date",
    }

    def to_python(self, value):
        if isinstance(value, date):
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                raise self.error("invalid") from None
        day, month, year = (str(part or "").strip() for part in value)
        if not (day or month or year):
            return None
        missing = [
            w for w, part in (("a day", day), ("a month", month), ("a year", year)) if not part
        ]
        if missing:
            raise self.error("incomplete", missing=" and ".join(missing))
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise self.error("invalid")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise self.error("invalid") from None

    def error(self, code: str, **params) -> forms.ValidationError:
        label = str(self.label or "The date")
        return forms.ValidationError(
            self.error_messages[code], code=code, params={"label": label, **params}
        )


def add_refusal(form: forms.BaseForm, refused: forms.ValidationError) -> None:
    """A rule's refusal on the form that asked for it: each message on its field where the form
    has that field, else above them all, so the error summary links to what to change."""
    if hasattr(refused, "error_dict"):
        for field, problems in refused.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, refused.messages)
