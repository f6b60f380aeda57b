"""Django forms rendered in GOV.UK Design System markup, with the error summary's anchors."""

from django import forms
from django.forms.renderers import TemplatesSetting

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


class GovukFormMixin:
    """Widgets carry GOV.UK classes, and error classes and described-by ids once validated."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            extra = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{govuk_class(field.widget)} {extra}".strip()

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
