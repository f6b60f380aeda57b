"""Pulse responses submitted over HTTP per second: `.venv/bin/python bench/pulse_responses_http.py`.

Starts the real server (`insideout serve --no-worker`: gunicorn, 2 sync workers, on 127.0.0.1
and a free port) on a throwaway SQLite database holding a launched pulse with thousands of
invitations. Then, a few client threads at a time and for a bounded time each, it measures:

  healthz   GET /healthz, the server's trivial endpoint (one `SELECT 1`): the ceiling.
  pages     doers answering through their personal links as a browser does: GET the link
            (CSRF cookie and token), POST the units dealt with, GET the questions, POST the
            answers, GET the thank-you page. Five requests per response. The headline: it is
            how doers answer, forms, CSRF checks, drafts and all.
  api       the same answers as one POST each to /api/v1/invitations/{id}/response, with each
            doer's own API token: what an integration sending answers on doers' behalf gets.

Each submission goes to a different invitation, so each records one response; afterwards the
database must hold exactly as many responses as there were successful submissions. Only
127.0.0.1 is contacted.
"""

import argparse
import http.client
import itertools
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

HOST = "127.0.0.1"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NEEDS = [
    ("training", "Funded mentor time for early career teachers."),
    ("money", "Confirm our funding allocation before we set the budget."),
    ("fewer_burdens", "Ask us once: three teams asked for the same figures."),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> tuple[int, dict, bytes]:
    """One request on its own connection, as gunicorn's sync workers close each after one."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def prepare(doers: int) -> dict:
    """A department with `doers` doers, a launched pulse to all of them, and API tokens."""
    from django.db import transaction
    from django.utils import timezone

    from insideout.accounts.models import ApiToken, User, hash_secret
    from insideout.directory.models import CentreUnit, Membership, Organisation, Role
    from insideout.pulses import services
    from insideout.pulses.models import Invitation, Pulse, Question

    rng = random.Random(20261123)
    with transaction.atomic():
        units = CentreUnit.objects.bulk_create(
            [
                CentreUnit(name=name, kind=CentreUnit.Kind.UNIT)
                for name in ("School Funding", "Teacher Development", "Digital and Data", "Estates")
            ]
        )
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    external_id=f"H{n:06d}", name=f"School {n}", type="school", region="E12000007"
                )
                for n in range(doers)
            ],
            batch_size=2000,
        )
        people = User.objects.bulk_create(
            [
                User(email=f"head{n}@example.org", full_name=f"Head {n}", password="!bench")
                for n in range(doers)
            ],
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            [
                Membership(person=p, role=Role.DOER_LEAD, organisation=o)
                for p, o in zip(people, organisations, strict=True)
            ],
            batch_size=2000,
        )
        today = timezone.localdate()
        pulse = Pulse.objects.create(
            title="Benchmark pulse", opens_on=today, closes_on=today + timedelta(days=28)
        )
        services.set_contents(pulse, units, Question.objects.filter(is_standard=True), [])
    services.launch(pulse)
    invitations = list(Invitation.objects.filter(pulse=pulse).order_by("pk"))
    raws = [ApiToken.PREFIX + f"bench{n:08d}{rng.random():.12f}" for n in range(doers)]
    ApiToken.objects.bulk_create(
        [
            ApiToken(user_id=i.person_id, name="bench", digest=hash_secret(raw), hint=raw[:10])
            for i, raw in zip(invitations, raws, strict=True)
        ],
        batch_size=2000,
    )
    questions = {q.code: q.pk for q in Question.objects.filter(is_standard=True)}
    return {
        "invitations": [(i.pk, i.token, raw) for i, raw in zip(invitations, raws, strict=True)],
        "units": [u.pk for u in units],
        "questions": questions,
    }


def answers(
    rng: random.Random, units: list[int]
) -> tuple[list[int], dict[int, int], int, tuple[str, str], str]:
    rated = rng.sample(units, rng.randint(1, 3))
    return (
        rated,
        {u: rng.randint(0, 10) for u in rated},
        rng.randint(1, 5),
        rng.choice(NEEDS),
        rng.choice(["", "The termly funding survey."]),
    )


def through_pages(port: int, invitation: tuple, built: dict, rng: random.Random) -> int:
    """A doer's whole journey from their link; returns how many requests it took."""
    _, token, _ = invitation
    link = f"/pulses/answer/{token}/"
    status, headers, page = request(port, "GET", link)
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    if status != 200 or not cookie:
        raise RuntimeError(f"GET {link}: {status}")
    csrf = {
        "Cookie": f"csrftoken={cookie.group(1)}",
        "Content-Type": "application/x-www-form-urlencoded",
    }
    rated, scores, level, (category, need), stop = answers(rng, built["units"])
    form = [("csrfmiddlewaretoken", CSRF_FIELD.search(page.decode()).group(1))]
    status, headers, _ = request(
        port, "POST", link, urlencode(form + [("units", u) for u in rated]).encode(), csrf
    )
    if status != 302:
        raise RuntimeError(f"POST {link}: {status}")
    status, _, page = request(port, "GET", link + "questions/", headers={"Cookie": csrf["Cookie"]})
    if status != 200:
        raise RuntimeError(f"GET questions: {status}")
    q = built["questions"]
    form = [("csrfmiddlewaretoken", CSRF_FIELD.search(page.decode()).group(1))]
    form += [(f"q{q['recommend']}_u{unit}", score) for unit, score in scores.items()]
    form += [
        (f"q{q['information']}", level),
        (f"q{q['easier']}", max(1, level - 1)),
        (f"q{q['one_thing']}", need),
        (f"q{q['one_thing']}_category", category),
        (f"q{q['stop']}", stop),
    ]
    status, headers, _ = request(port, "POST", link + "questions/", urlencode(form).encode(), csrf)
    if status != 302 or not headers.get("Location", "").endswith(link):
        raise RuntimeError(f"POST questions: {status}")
    status, _, page = request(port, "GET", link)
    if status != 200 or b"Thank you" not in page:
        raise RuntimeError(f"GET thanks: {status}")
    return 5


def through_api(port: int, invitation: tuple, built: dict, rng: random.Random) -> int:
    pk, _, raw = invitation
    rated, scores, level, need, stop = answers(rng, built["units"])
    body = {
        "unit_scores": {"recommend": [{"unit_id": u, "score": s} for u, s in scores.items()]},
        "agreements": {"information": level, "easier": max(1, level - 1)},
        "needs": {"one_thing": list(need)},
        "texts": {"stop": stop},
    }
    status, _, reply = request(
        port,
        "POST",
        f"/api/v1/invitations/{pk}/response",
        json.dumps(body).encode(),
        {"Authorization": f"Bearer {raw}", "Content-Type": "application/json"},
    )
    if status != 201 or not json.loads(reply)["recorded"]:
        raise RuntimeError(f"API: {status} {reply[:200]!r}")
    return 1


def healthz(port: int, invitation, built, rng) -> int:
    status, _, body = request(port, "GET", "/healthz")
    if status != 200 or b'"ok"' not in body:
        raise RuntimeError(f"healthz: {status}")
    return 1


def measure(
    label: str, port: int, work, items, built: dict, seconds: float, threads: int
) -> tuple[float, float, int]:
    """Run `work` on items from several threads until time or items run out."""
    lock, deadline = threading.Lock(), time.perf_counter() + seconds
    done, requests, errors = [0], [0], []
    feed, finished = iter(items), object()

    def client(n: int) -> None:
        rng = random.Random(n)
        while time.perf_counter() < deadline:
            with lock:
                item = next(feed, finished)
            if item is finished:
                return
            try:
                count = work(port, item, built, rng)
            except (RuntimeError, OSError) as error:
                errors.append(str(error))
                continue
            with lock:
                done[0] += 1
                requests[0] += count

    started = time.perf_counter()
    pool = [threading.Thread(target=client, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    print(
        f"{label}: {done[0] / elapsed:,.1f}/s ({done[0]:,} in {elapsed:.1f} s, "
        f"{requests[0] / elapsed:,.0f} requests/s, {len(errors)} errors)"
    )
    for error in errors[:3]:
        print(f"    {error}")
    return done[0] / elapsed, requests[0] / elapsed, done[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0, help="Each measure's time.")
    parser.add_argument("--threads", type=int, default=4, help="Client threads.")
    parser.add_argument(
        "--invitations",
        type=int,
        default=4000,
        help="Invitations in the pulse, shared by the two ways of answering.",
    )
    args = parser.parse_args()

    workdir = tempfile.TemporaryDirectory()
    port = free_port()
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{Path(workdir.name) / 'bench.db'}",
            "INSIDEOUT_VAR_DIR": workdir.name,
            "DEBUG": "false",
            "SITE_URL": f"http://{HOST}:{port}",
            "DJANGO_SETTINGS_MODULE": "insideout.settings",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    built = prepare(args.invitations)
    connection.close()
    log = open(Path(workdir.name) / "server.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "insideout",
            "serve",
            "--no-worker",
            "--workers",
            "2",
            "--host",
            HOST,
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                sys.exit("The server stopped:\n" + Path(log.name).read_text()[-3000:])
            time.sleep(0.2)
        print(
            f"Server: insideout serve --no-worker, 2 sync gunicorn workers on {HOST}:{port}; "
            f"SQLite; {args.threads} client threads, {args.seconds:.0f} s each"
        )
        invitations = built["invitations"]
        half = len(invitations) // 2
        ceiling, _, _ = measure(
            "healthz",
            port,
            healthz,
            itertools.repeat(None, 200_000),
            built,
            args.seconds,
            args.threads,
        )
        pages, page_requests, by_pages = measure(
            "responses through the personal-link pages",
            port,
            through_pages,
            invitations[:half],
            built,
            args.seconds,
            args.threads,
        )
        api, _, by_api = measure(
            "responses through the API",
            port,
            through_api,
            invitations[half:],
            built,
            args.seconds,
            args.threads,
        )
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    print(
        f"Ratio to healthz: pages {pages / ceiling:.3f} in responses "
        f"({page_requests / ceiling:.2f} in requests), API {api / ceiling:.3f}"
    )
    from insideout.pulses.models import Invitation, Response

    recorded = Response.objects.count()
    answered = Invitation.objects.filter(submitted_at__isnull=False).count()
    print(
        f"Database: {recorded:,} responses and {answered:,} invitations answered, for "
        f"{by_pages + by_api:,} successful submissions; server stopped "
        f"(exit status {server.returncode})."
    )
    connection.close()
    workdir.cleanup()
    if not recorded == answered == by_pages + by_api:
        sys.exit("The database does not hold one response per submission.")


if __name__ == "__main__":
    main()
