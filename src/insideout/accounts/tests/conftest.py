"""The department's identity provider, run for real in its own process for the sign-in tests."""

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.servers import free_port
from tests.standins import oidc_provider

ROOT = Path(__file__).resolve().parents[4]


@dataclass
class Provider:
    root: str
    directory: Path

    @property
    def issuer(self) -> str:
        return f"{self.root}/o"

    def personas(self, **people: dict) -> None:
        """Who the provider knows: username -> e-mail, verified or not, groups, quirk."""
        (self.directory / "personas.json").write_text(json.dumps(people))

    def sign_in(self, authorize_url: str, persona: str) -> str:
        """Sign in at the provider as the persona, and follow the authorisation: the address the
        provider sends the browser back to, on Inside Out."""
        browser = requests.Session()
        browser.get(f"{self.root}/login/", params={"as": persona}, allow_redirects=False)
        answer = browser.get(authorize_url, allow_redirects=False, timeout=30)
        assert answer.status_code == 302, answer.text[:500]
        return answer.headers["Location"]


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """django-oauth-toolkit's OpenID Connect provider, serving on a port of its own."""
    directory = tmp_path_factory.mktemp("identity-provider")
    (directory / "personas.json").write_text("{}")
    port = free_port()
    log = directory / "provider.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.standins.oidc_provider", str(port), str(directory)],
            cwd=ROOT,
            env={
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "tests.standins.oidc_provider",
                "STANDIN_ISSUER": f"http://127.0.0.1:{port}/o",
                "STANDIN_DIR": str(directory),
            },
            stdout=output,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        deadline = time.monotonic() + 180
        while "identity provider ready" not in log.read_text():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the identity provider did not start"
            time.sleep(0.2)
        yield Provider(root=f"http://127.0.0.1:{port}", directory=directory)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def department(settings, identity_provider):
    """Inside Out set up to sign staff in through the provider, as an operator would."""
    settings.OIDC_ISSUER = identity_provider.issuer
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = oidc_provider.CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = oidc_provider.CLIENT_SECRET
    return identity_provider
