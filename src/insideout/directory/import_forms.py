"""The form for uploading an organisation register."""

from django import forms

from insideout.web import limits
from insideout.web.forms import GovukForm

from .imports import parse_column_map

EXTENSIONS = (".csv", ".txt", ".xlsx", ".xlsm")


class ImportUploadForm(GovukForm):
    file = forms.FileField(
        label="Register file",
        help_text="A CSV file (UTF-8) or an Excel workbook (.xlsx). We read the first sheet.",
        error_messages={
            "required": "Select a CSV or XLSX file",
            "empty": "The selected file is empty",
        },
    )
    column_map = forms.CharField(
        label="Column map (optional)",
        required=False,
        max_length=limits.PARAGRAPH,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "autocomplete": "off"}),
        help_text="Only if your columns have other names. One per line: the column in your "
        "file, an equals sign, then the field. For example, URN=external_id.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        return upload

    def clean_column_map(self) -> dict[str, str]:
        try:
            return parse_column_map(self.cleaned_data["column_map"].splitlines())
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
