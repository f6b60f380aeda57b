"""Real headless Chromium, driven by Playwright, against Django's live test server.

Chromium comes from Debian (scripts/install_browser.sh); Playwright never downloads a browser.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from insideout.accounts.models import User
from tests.browser.axe import axe_source

CHROMIUM = Path("/usr/bin/chromium")
# The background-networking flags stop Chromium calling home, which a closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

ContextFactory = Callable[..., BrowserContext]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install_browser.sh", pytrace=False)
    # Playwright's sync API leaves an event loop running in the main thread; without this,
    # Django takes the tests for async code and refuses their ORM calls.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def shared_context(browser, live_server) -> Iterator[BrowserContext]:
    """One context for most tests, so the static files stay in its cache between them."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(script=axe_source())
    yield context
    context.close()


@pytest.fixture(scope="session")
def shared_page(shared_context) -> Page:
    """One tab for most tests: a new tab costs Chromium a renderer process each time."""
    return shared_context.new_page()


@pytest.fixture
def context(shared_context, transactional_db) -> Iterator[BrowserContext]:
    """The shared context with no cookies: each test starts signed out."""
    shared_context.clear_cookies()
    yield shared_context
    shared_context.clear_cookies()


@pytest.fixture
def new_context(browser, live_server, transactional_db) -> Iterator[ContextFactory]:
    """Make contexts of one's own, for other options: `new_context(java_script_enabled=False)`."""
    contexts: list[BrowserContext] = []

    def make(**options) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(context, shared_page) -> Iterator[Page]:
    """The shared tab, where script errors and Content-Security-Policy refusals fail the test."""
    problems: list[str] = []

    def on_page_error(error) -> None:
        problems.append(f"script error: {error}")

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            problems.append(f"console: {message.text}")

    shared_page.on("pageerror", on_page_error)
    shared_page.on("console", on_console)
    yield shared_page
    shared_page.remove_listener("pageerror", on_page_error)
    shared_page.remove_listener("console", on_console)
    shared_page.goto("about:blank", wait_until="commit")  # stops the page polling the server
    assert problems == [], "the browser reported problems:\n" + "\n".join(problems)


def sign_in_by_cookie(context: BrowserContext, person: User, base_url: str) -> None:
    """A shortcut for tests that are not about signing in: a session made by Django's client."""
    client = Client()
    client.force_login(person)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": session.key, "value": session.value, "url": base_url}])


@pytest.fixture
def sign_in(context, live_server) -> Callable[[User], None]:
    """`sign_in(person)`: the `context`'s pages are then seen as that person."""
    return lambda person: sign_in_by_cookie(context, person, live_server.url)
