"""Real requests at the same moment, for the tests that race them: each from its own thread,
with its own database connection and its own transaction."""

import threading

from django.db import connection
from django.test import Client

from insideout.accounts.models import ApiToken


def bearer(user) -> dict[str, str]:
    """Headers that call the API as `user`, with a token of their own."""
    _, raw = ApiToken.issue(user, "race")
    return {"Authorization": f"Bearer {raw}"}


def at_once(requests: list[tuple[str, dict, dict]]) -> list[int]:
    """POST each (path, body, headers) to the API from its own thread, released together; the
    statuses, in the order of the requests."""
    start = threading.Barrier(len(requests))
    statuses: dict[int, int] = {}

    def send(n: int, path: str, body: dict, headers: dict) -> None:
        try:
            start.wait(timeout=30)
            response = Client().post(
                f"/api/v1{path}", body, content_type="application/json", headers=headers
            )
            statuses[n] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(n, *r)) for n, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(statuses) == len(requests), "a request never answered"
    return [statuses[n] for n in range(len(requests))]
