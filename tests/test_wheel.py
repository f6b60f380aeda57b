"""The package as an operator installs it: a wheel built from a clean copy of the source (no
vendored front end yet) carries GOV.UK Frontend, and an install of it serves pages."""

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.servers import free_port, installation_environment

ROOT = Path(__file__).resolve().parent.parent
VENV_SITE = (
    Path(sys.prefix)
    / "lib"
    / f"python{sys.version_info.major}.{sys.version_info.minor}"
    / "site-packages"
)


def run(*command, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, check=True, capture_output=True, text=True, timeout=300, **kwargs
    )


def clean_copy(to: Path) -> None:
    """The working tree as git sees it (ignored files, such as the vendored front end, left out)."""
    listed = run("git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=ROOT)
    for name in filter(None, listed.stdout.split("\0")):
        source = ROOT / name
        if source.is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, to / name)
    (to / "node_modules").symlink_to(ROOT / "node_modules")


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own server
        return response.status, response.read().decode()


def test_a_wheel_built_from_a_clean_copy_serves_pages_once_installed(tmp_path):
    source, wheels, venv = tmp_path / "source", tmp_path / "wheels", tmp_path / "venv"
    clean_copy(source)
    assert not (source / "src/insideout/web/static/vendor").exists()

    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(wheels),
        str(source),
    )
    (wheel,) = wheels.glob("insideout-*.whl")
    listing = run(sys.executable, "-m", "zipfile", "-l", str(wheel)).stdout
    assert "insideout/web/static/vendor/govuk-frontend/govuk-frontend.min.css" in listing

    # A venv of its own for Inside Out, borrowing the test environment's dependencies.
    run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    site = next((venv / "lib").glob("python3*/site-packages"))
    (site / "borrowed.pth").write_text(f"{VENV_SITE}\n")
    python = venv / "bin" / "python"
    run(str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel))

    env = installation_environment(tmp_path / "var")
    installed = run(
        str(python), "-c", "import insideout; print(insideout.__file__)", env=env, cwd=tmp_path
    )
    assert str(site) in installed.stdout  # the wheel's copy, not the checkout's
    run(str(venv / "bin" / "insideout"), "migrate", "-v", "0", env=env, cwd=tmp_path)

    port = free_port()
    server = subprocess.Popen(
        [
            str(venv / "bin" / "insideout"),
            "serve",
            "--port",
            str(port),
            "--no-worker",
            "--workers",
            "1",
        ],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline, page = time.monotonic() + 120, None
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                page = fetch(f"http://127.0.0.1:{port}/")
            except OSError:
                time.sleep(0.5)
        assert page is not None, server.stdout.read() if server.poll() is not None else "no answer"
        status, html = page
        assert status == 200 and "govuk-template" in html
        stylesheet = html.split('href="/static/vendor/govuk-frontend/')[1].split('"')[0]
        assert fetch(f"http://127.0.0.1:{port}/static/vendor/govuk-frontend/{stylesheet}")[0] == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
