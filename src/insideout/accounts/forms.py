from django import forms
from django.contrib.auth.forms import AuthenticationForm

from insideout.web.forms import GovukForm


class SignInLinkForm(GovukForm):
    email = forms.EmailField(
        label="Work e-mail address",
        help_text="We will send a link to sign in. It works once and expires after 30 minutes.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your work e-mail address",
            "invalid": "Enter an e-mail address in the right format, like name@school.org.uk",
        },
    )


class PasswordSignInForm(AuthenticationForm, GovukForm):
    error_messages = {
        "invalid_login": "Enter a correct e-mail address and password",
        "inactive": "This account has been closed",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "E-mail address"
        self.fields["username"].error_messages["required"] = "Enter your e-mail address"
        self.fields["password"].error_messages["required"] = "Enter your password"


class ApiTokenForm(GovukForm):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        help_text="For example, 'weekly export to the performance dashboard'.",
        error_messages={"required": "Enter what the token is for"},
    )
