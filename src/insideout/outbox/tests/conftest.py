"""GOV.UK Notify's HTTP API, stood in for by a local server (tests/standins/notify.py)."""

import pytest

from tests.standins.notify import API_KEY, Notify

TEMPLATES = {
    "c1d2e3f4-0000-4000-8000-000000000001": "((subject))\n\n((body))",
    "c1d2e3f4-0000-4000-8000-000000000002": "Sign in to Inside Out\n\nHello ((name)), "
    "sign in here within ((minutes)) minutes: ((link))",
}
DEFAULT, SIGN_IN_LINK = TEMPLATES


@pytest.fixture
def notify(settings):
    """Inside Out sending through the stand-in, as an operator would set it up."""
    standin = Notify(templates=TEMPLATES).start()
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_BASE_URL = standin.base_url
    settings.NOTIFY_TEMPLATES = {"default": DEFAULT, "sign_in_link": SIGN_IN_LINK}
    settings.NOTIFY_CALLBACK_TOKEN = "a-callback-token-set-in-notify"
    yield standin
    standin.stop()
