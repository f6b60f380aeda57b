"""Whether the sign-in page's time tells who has an account: POST /sign-in/ for an unknown
address, a doer's and a staff member's, interleaved, each from its own client address.
The ceiling: known addresses take at most 1.2 times as long as unknown ones (ideally 1.0).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/sign_in_timing.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import bench_database  # noqa: E402

ROUNDS = int(os.environ.get("ROUNDS", "200"))
CEILING = 1.2


def main() -> None:
    with bench_database(None, "bench_sign_in"):
        from django.conf import settings
        from django.test import Client

        from insideout.accounts.models import User

        settings.ALLOWED_HOSTS = ["testserver"]
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
        User.objects.create_user("doer@school.example.org", full_name="A Doer")
        User.objects.create_user(
            "staff@centre.example.org", password="a long staff password", full_name="Staff"
        )
        addresses = {
            "unknown": "nobody@nowhere.example.org",
            "doer": "doer@school.example.org",
            "staff": "staff@centre.example.org",
        }
        took: dict[str, list[float]] = {name: [] for name in addresses}
        for n in range(ROUNDS + 20):
            for name, email in addresses.items():
                client = Client(REMOTE_ADDR=f"10.{n // 250}.{n % 250}.{len(took[name]) % 250}")
                start = time.perf_counter()
                response = client.post("/sign-in/", {"email": email})
                elapsed = time.perf_counter() - start
                assert response.status_code == 302, response.status_code
                if n >= 20:  # the first rounds warm caches up
                    took[name].append(elapsed)
        median = {name: statistics.median(times) * 1000 for name, times in took.items()}
        worst = max(median["doer"], median["staff"]) / median["unknown"]
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(f"Sign-in page on {database}, median of {ROUNDS} requests each:")
        for name, ms in median.items():
            print(f"  {name:8} {ms:6.1f} ms")
        ratio = worst / CEILING
        print(f"  known / unknown: {worst:.2f} (ceiling {CEILING}; ratio to ceiling {ratio:.2f})")


if __name__ == "__main__":
    main()
