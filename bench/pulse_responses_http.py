"""Pulse answers over HTTP, measured with wrk: `.venv/bin/python bench/pulse_responses_http.py`.

Starts the real server (`insideout serve --no-worker`: gunicorn, 2 sync workers, on 127.0.0.1)
on a throwaway database (a temporary SQLite file, or, when DATABASE_URL names PostgreSQL, a
scratch database `insideout_bench_http` beside it, created and dropped here) holding a launched
pulse with thousands of invitations, and beside it `bare_django.py`, a bare Django view doing
the same `SELECT 1` as /healthz under the same gunicorn settings. Then wrk (Debian's package:
found on the PATH, or installed with apt-get if missing, and the benchmark says which) measures:

  bare      GET /healthz on the bare Django view: what Django itself costs.
  healthz   GET /healthz on Inside Out: the ceiling for everything else. Goal: >= 0.5 of bare.
  api       one POST per response to /api/v1/invitations/{id}/response with the doer's own API
            token (1 to 3 units rated, 2 agreements, a need, a text). Goal: >= 0.5 of healthz.
  pages     doers answering through their personal links as a browser does, five requests a
            response (bench/wrk/pulse_journey.lua). Goal: >= 0.1 of healthz, in responses/s.
  api read  GET /api/v1/tokens with one doer's token: the cheapest call through the whole stack
            (middleware, ninja, the token's check, one query). No goal: it shows how much of
            the api figure any API call costs before it does anything.

The ceilings are measured twice, before and after the answers, and averaged. Each response
goes to its own invitation; afterwards the database must hold one response per submission
(give or take those still in flight when wrk stops). Only 127.0.0.1 is contacted, for a
bounded time.
"""

import argparse
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

from harness import bench_database

HOST = "127.0.0.1"
BENCH = Path(__file__).resolve().parent
SCRATCH_DB = "insideout_bench_http"
NEEDS = [
    ("training", "Funded mentor time for early career teachers."),
    ("money", "Confirm our funding allocation before we set the budget."),
    ("fewer_burdens", "Ask us once: three teams asked for the same figures."),
]
GOALS = {"healthz / bare": 0.5, "api / healthz": 0.5, "pages / healthz": 0.1}


def find_wrk() -> str:
    """wrk from the PATH, or Debian's package installed now; says which."""
    found = shutil.which("wrk")
    if found:
        print(f"wrk: {found}")
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        sys.exit("This benchmark needs wrk: install Debian's package (apt-get install wrk).")
    print("wrk is not installed: installing Debian's wrk package with apt-get...")
    install = ["apt-get", "install", "-y", "-q", "wrk"]
    if subprocess.run(install, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], capture_output=True)
        subprocess.run(install, capture_output=True, check=True)
    return shutil.which("wrk") or sys.exit("apt-get could not install wrk.")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def prepare(doers: int) -> dict:
    """A department with `doers` doers, a launched pulse to all of them, and API tokens."""
    from django.db import transaction
    from django.utils import timezone

    from insideout.accounts.models import ApiToken, User, hash_secret
    from insideout.directory.models import CentreUnit, Membership, Organisation
    from insideout.pulses import services
    from insideout.pulses.models import Invitation, Pulse, Question
    from insideout.vocabulary import Role

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
    return {
        "invitations": [(i.pk, i.token, raw) for i, raw in zip(invitations, raws, strict=True)],
        "units": [u.pk for u in units],
        "questions": {q.code: q.pk for q in Question.objects.filter(is_standard=True)},
    }


def answers(rng: random.Random, units: list[int]) -> tuple:
    """What one doer answers: 1 to 3 units rated, two agreements, a need and a text."""
    rated = rng.sample(units, rng.randint(1, 3))
    return (
        {u: rng.randint(0, 10) for u in rated},
        rng.randint(1, 5),
        rng.choice(NEEDS),
        rng.choice(["", "The termly funding survey."]),
    )


def api_job(invitation: tuple, built: dict, rng: random.Random) -> str:
    """A line of the API script's file: path, token, JSON body."""
    pk, _, raw = invitation
    scores, level, need, stop = answers(rng, built["units"])
    body = {
        "unit_scores": {"recommend": [{"unit_id": u, "score": s} for u, s in scores.items()]},
        "agreements": {"information": level, "easier": max(1, level - 1)},
        "needs": {"one_thing": list(need)},
        "texts": {"stop": stop},
    }
    return f"/api/v1/invitations/{pk}/response\t{raw}\t{json.dumps(body)}"


def page_job(invitation: tuple, built: dict, rng: random.Random) -> str:
    """A line of the journey script's file: token, the units form, the answers form."""
    _, token, _ = invitation
    scores, level, (category, need), stop = answers(rng, built["units"])
    q = built["questions"]
    form = [(f"q{q['recommend']}_u{unit}", score) for unit, score in scores.items()]
    form += [
        (f"q{q['information']}", level),
        (f"q{q['easier']}", max(1, level - 1)),
        (f"q{q['one_thing']}", need),
        (f"q{q['one_thing']}_category", category),
        (f"q{q['stop']}", stop),
    ]
    return f"{token}\t{urlencode([('units', u) for u in scores])}\t{urlencode(form)}"


@dataclass
class Server:
    """A gunicorn server started for the benchmark, stopped by `stop`."""

    name: str
    port: int
    process: subprocess.Popen

    @classmethod
    def start(cls, name: str, command: list[str], port: int, log: Path, **popen) -> "Server":
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, **popen)
        server = cls(name, port, process)
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=5) as reply:
                    if reply.status == 200:
                        return server
            except OSError:
                pass
            if process.poll() is not None:
                sys.exit(f"The {name} stopped:\n" + log.read_text()[-3000:])
            time.sleep(0.2)
        server.stop()
        sys.exit(f"The {name} did not answer /healthz within a minute:\n{log.read_text()[-3000:]}")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def wrk(
    binary: str,
    port: int,
    path: str,
    seconds: float,
    connections: int,
    threads: int,
    script=None,
    token: str = "",
) -> dict:
    """One wrk run; returns requests/s, or the script's own counts when it has a script."""
    command = [binary, f"-t{threads}", f"-c{connections}", f"-d{seconds:.0f}s", "--timeout", "30s"]
    if token:
        command += ["-H", f"Authorization: Bearer {token}"]
    if script:
        lua, data = script
        command += ["-s", str(BENCH / "wrk" / lua), f"http://{HOST}:{port}{path}", "--"]
        command += [str(data), str(threads)]
    else:
        command.append(f"http://{HOST}:{port}{path}")
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if script:
        return json.loads(next(ln for ln in out.splitlines() if ln.startswith("RESULT "))[7:])
    line = next(ln for ln in out.splitlines() if ln.startswith("Requests/sec:"))
    errors = [ln.strip() for ln in out.splitlines() if "Non-2xx" in ln or "Socket errors" in ln]
    if errors:
        sys.exit(f"wrk {path}: {'; '.join(errors)}")
    return {"rate": float(line.split()[1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="Each wrk run's time (10).")
    parser.add_argument("--connections", type=int, default=4, help="wrk's connections (4).")
    parser.add_argument(
        "--invitations",
        type=int,
        default=9000,
        help="Invitations in the pulse: two thirds for the API, a third for the pages (9000).",
    )
    args = parser.parse_args()
    binary = find_wrk()

    with bench_database(None, SCRATCH_DB):
        from django.db import connection

        from insideout.pulses.models import Invitation, Response
        from insideout.serving import ServerPlan

        vendor = connection.vendor
        started = time.perf_counter()
        built = prepare(args.invitations)
        print(f"Built {args.invitations:,} invitations in {time.perf_counter() - started:.1f} s")
        connection.close()
        workdir = Path(os.environ["INSIDEOUT_VAR_DIR"])
        rng = random.Random(7)
        invitations = built["invitations"]
        third = len(invitations) // 3
        api_file, pages_file = workdir / "answers.tsv", workdir / "doers.tsv"
        api_file.write_text("\n".join(api_job(i, built, rng) for i in invitations[third:]))
        pages_file.write_text("\n".join(page_job(i, built, rng) for i in invitations[:third]))

        port, bare_port = free_port(), free_port()
        site = {"SITE_URL": f"http://{HOST}:{port}", "DEBUG": "false"}
        serve = [sys.executable, "-m", "insideout", "serve", "--no-worker", "--workers", "2"]
        serve += ["--host", HOST, "--port", str(port)]
        gunicorn = ServerPlan(host=HOST, port=bare_port, workers=2).commands()["web server"]
        bare = [
            "bare_django:application" if part == "insideout.wsgi:application" else part
            for part in gunicorn
        ] + ["--chdir", str(BENCH)]
        servers = [
            Server.start(
                "Inside Out server", serve, port, workdir / "serve.log", env=os.environ | site
            ),
            Server.start("bare Django view", bare, bare_port, workdir / "bare.log"),
        ]
        print(
            f"Servers: insideout serve --no-worker and the bare view, each gunicorn with 2 sync "
            f"workers, on {vendor}; wrk with {args.connections} connections, "
            f"{args.seconds:.0f} s a run"
        )
        c, s = args.connections, args.seconds
        try:
            bare_rate = [wrk(binary, bare_port, "/healthz", s, c, 2)["rate"]]
            healthz = [wrk(binary, port, "/healthz", s, c, 2)["rate"]]
            api = wrk(binary, port, "/", s, c, 2, ("api_responses.lua", api_file))
            pages = wrk(binary, port, "/", s, c, c, ("pulse_journey.lua", pages_file))
            api_read = wrk(binary, port, "/api/v1/tokens", s, c, 2, token=invitations[0][2])
            healthz.append(wrk(binary, port, "/healthz", s, c, 2)["rate"])
            bare_rate.append(wrk(binary, bare_port, "/healthz", s, c, 2)["rate"])
        finally:
            for server in servers:
                server.stop()

        bare_mean, healthz_mean = sum(bare_rate) / 2, sum(healthz) / 2
        api_rate = api["completed"] / api["seconds"]
        pages_rate = pages["completed"] / pages["seconds"]

        def runs(rates: list[float]) -> str:
            return " and ".join(f"{r:,.0f}" for r in rates)

        print(f"bare Django view   {bare_mean:8,.0f} requests/s  (runs: {runs(bare_rate)})")
        print(f"healthz            {healthz_mean:8,.0f} requests/s  (runs: {runs(healthz)})")
        for label, result, rate in (("api", api, api_rate), ("pages", pages, pages_rate)):
            print(
                f"{label:<18} {rate:8,.1f} responses/s ({result['completed']:,} in "
                f"{result['seconds']:.1f} s, {result['requests'] / result['seconds']:,.0f} "
                f"requests/s, {result['failed']} failed)"
            )
            if result["exhausted"]:
                print(f"    ran out of invitations: raise --invitations ({args.invitations:,})")
        print(f"api read           {api_read['rate']:8,.0f} requests/s")
        ratios = {
            "healthz / bare": healthz_mean / bare_mean,
            "api / healthz": api_rate / healthz_mean,
            "pages / healthz": pages_rate / healthz_mean,
        }
        for name, ratio in ratios.items():
            verdict = "met" if ratio >= GOALS[name] else "MISSED"
            print(f"Ratio {name:<16} {ratio:.3f}  (goal >= {GOALS[name]}: {verdict})")
        floor = api_read["rate"]
        print(f"Ratio api read / healthz {floor / healthz_mean:.3f}  (no goal: the floor)")
        print(f"Ratio api / api read     {api_rate / floor:.3f}  (no goal)")

        recorded = Response.objects.count()
        answered = Invitation.objects.filter(submitted_at__isnull=False).count()
        submitted = api["submitted"] + pages["submitted"]
        # A submission still in flight when wrk stops is recorded but not counted: at most
        # one per connection in each of the two runs that answer.
        print(
            f"Database: {recorded:,} responses and {answered:,} invitations answered, for "
            f"{submitted:,} submissions seen to succeed (and at most {2 * c} in flight at the end)"
        )
        connection.close()
        if recorded != answered or not 0 <= recorded - submitted <= 2 * c:
            sys.exit("The database does not hold one response per submission.")


if __name__ == "__main__":
    main()
