"""A local stand-in for GOV.UK Notify's HTTP API, as much of it as Inside Out uses: sending an
e-mail from a template (with Notify's checks of the API key's signed token, the template and its
personalisation) and the delivery receipts Notify then calls back with. It can also be down,
over its rate limit, or refuse an address, as the real one can."""

import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from notifications_python_client.authentication import decode_jwt_token

SERVICE_ID = "6d3bd1b4-5c5d-4ba1-8d6e-7e3b1f0c9a11"
SECRET = "3c2e7a51-9f0d-4c55-a5f4-2b8d41e0f7c3"
API_KEY = f"insideout_tests-{SERVICE_ID}-{SECRET}"
PLACEHOLDER = re.compile(r"\(\(([^)]+)\)\)")


def error(status: int, kind: str, message: str) -> tuple[int, dict]:
    return status, {"status_code": status, "errors": [{"error": kind, "message": message}]}


@dataclass
class Notify:
    """The stand-in's state: its templates, what it sent, and how it behaves now."""

    templates: dict[str, str]
    sent: list[dict] = field(default_factory=list)
    mode: str = "up"  # or "down", "rate_limited"
    server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address
        return f"http://{host}:{port}"

    def answer(self, authorization: str, body: dict) -> tuple[int, dict]:
        """What Notify answers to POST /v2/notifications/email."""
        if self.mode == "down":
            return error(503, "ServiceUnavailable", "Notify is down for maintenance")
        if self.mode == "rate_limited":
            return error(
                429, "RateLimitError", "Exceeded rate limit for key type LIVE of 3000 requests"
            )
        try:
            decode_jwt_token(authorization.removeprefix("Bearer "), SECRET)
        except Exception:
            return error(403, "AuthError", "Invalid token: signature, api token not found")
        template = self.templates.get(body.get("template_id", ""))
        if template is None:
            return error(400, "BadRequestError", "Template not found")
        address = body.get("email_address", "")
        if "@" not in address or address.endswith(".invalid"):
            return error(400, "ValidationError", "email_address Not a valid email address")
        values = body.get("personalisation") or {}
        missing = sorted(set(PLACEHOLDER.findall(template)) - set(values))
        if missing:
            return error(400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}")
        notification_id = str(uuid.uuid4())
        content = PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)
        self.sent.append({**body, "id": notification_id, "content": content, "to": address})
        return 201, {
            "id": notification_id,
            "reference": body.get("reference"),
            "content": {"subject": content.split("\n")[0], "body": content, "from_email": ""},
            "uri": f"{self.base_url}/v2/notifications/{notification_id}",
            "template": {"id": body["template_id"], "version": 1, "uri": ""},
        }

    def receipt(self, sent: dict, status: str) -> dict:
        """The delivery receipt Notify posts to the service's callback URL."""
        now = datetime.now(UTC).isoformat()
        return {
            "id": sent["id"],
            "reference": sent.get("reference"),
            "to": sent["to"],
            "status": status,
            "created_at": now,
            "completed_at": now,
            "sent_at": now,
            "notification_type": "email",
            "template_id": sent["template_id"],
            "template_version": 1,
        }

    def start(self) -> "Notify":
        notify = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path == "/v2/notifications/email":
                    status, answer = notify.answer(self.headers.get("Authorization", ""), body)
                else:
                    status, answer = error(404, "NotFound", "No such endpoint")
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
