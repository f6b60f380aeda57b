"""The Open311 GeoReport v2 front door, as the spec defines it (../shared/reference/open311/), so
that an existing Open311 client works unchanged: XML and JSON, its field names and types, its
filters and its error format. A request created here is a contact, and its requester gets a
private link to follow it.

Reading needs no key; posting needs an admin-issued api_key. Requests listed are those raised
through Open311 or the citizens' form, on services offered at the front door: contacts taken by
phone or letter are never published. One jurisdiction: jurisdiction_id is accepted and ignored.
"""

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from .citizens import send_status_link
from .models import Contact, Open311Key, Service
from .services import take_contact

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
DEFAULT_DAYS = 90
MAX_REQUESTS = 1000
MAX_DESCRIPTION = 4000
PUBLIC_CHANNELS = (Contact.Channel.OPEN311, Contact.Channel.WEB)
CHANGESET = "2026-12-01 00:00"


class Open311Error(Exception):
    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status, self.description = status, description


def _xml_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return escape(str(value))


def _xml_element(tag: str, value) -> str:
    if isinstance(value, list):
        inner = "".join(_xml_element(tag[:-1] if tag.endswith("s") else tag, v) for v in value)
        return f"<{tag}>{inner}</{tag}>"
    if isinstance(value, dict):
        return f"<{tag}>{''.join(_xml_element(k, v) for k, v in value.items())}</{tag}>"
    return f"<{tag}>{_xml_value(value)}</{tag}>"


def respond(fmt: str, root: str, item: str, items: list[dict] | dict, status: int = 200):
    """JSON (a list of objects, as the spec's Spark convention maps XML) or XML."""
    if fmt == "json":
        return JsonResponse(
            items, safe=False, status=status, content_type="application/json; charset=utf-8"
        )
    if isinstance(items, dict):
        body = _xml_element(root, items)
    else:
        body = f"<{root}>{''.join(_xml_element(item, one) for one in items)}</{root}>"
    return HttpResponse(
        f'<?xml version="1.0" encoding="utf-8"?>\n{body}',
        status=status,
        content_type="text/xml; charset=utf-8",
    )


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The spec's error body: a list of errors, each with a code and a description."""
    return respond(fmt, "errors", "error", [{"code": status, "description": description}], status)


def open311_view(view):
    """Turn an Open311Error into the spec's error response, in the format asked for."""

    def wrapped(request: HttpRequest, fmt: str, *args, **kwargs):
        try:
            return view(request, fmt, *args, **kwargs)
        except Open311Error as problem:
            return error(fmt, problem.status, problem.description)

    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


def _when(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def service_dict(service: Service) -> dict:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description or None,
        "metadata": False,
        "type": "realtime",
        "keywords": service.keywords or None,
        "group": service.group or None,
    }


def request_dict(contact: Contact) -> dict:
    """A contact as a GeoReport v2 service request; identifiers are strings, times have zones."""
    service = contact.service
    closed = contact.resolved_at is not None
    return {
        "service_request_id": str(contact.pk),
        "status": "closed" if closed else "open",
        "status_notes": contact.status_notes or None,
        "service_name": service.name,
        "service_code": service.code,
        "description": contact.text or None,
        "agency_responsible": service.unit.name if service.unit else None,
        "service_notice": service.service_notice or None,
        "requested_datetime": _when(contact.received_at),
        "updated_datetime": _when(contact.resolved_at if closed else contact.updated_at),
        "expected_datetime": _when(contact.expected_at),
        "address": contact.address or None,
        "address_id": contact.address_id or None,
        "zipcode": contact.zipcode or None,
        "lat": contact.lat,
        "long": contact.long,
        "media_url": contact.media_url or None,
    }


def offered() -> QuerySet[Service]:
    return Service.objects.filter(open311=True)


def public_requests():
    return Contact.objects.filter(
        service__open311=True, channel__in=PUBLIC_CHANNELS
    ).select_related("service", "service__unit")


@open311_view
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """Service Discovery: where the endpoint is and how to get a key."""
    endpoint = request.build_absolute_uri(reverse("open311:services", args=["xml"]))
    return respond(
        fmt,
        "discovery",
        "discovery",
        {
            "changeset": CHANGESET,
            "contact": "Ask the department's service team, through its accessibility statement.",
            "key_service": "Ask an admin of the department for an api_key.",
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": endpoint.rsplit("/services.xml", 1)[0],
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
    )


@open311_view
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET services: every request type offered at the front door."""
    return respond(fmt, "services", "service", [service_dict(s) for s in offered()])


@open311_view
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    """GET a service definition; none of ours asks extra questions, so it has no attributes."""
    service = offered().filter(code=code).first()
    if service is None:
        raise Open311Error(404, f"No service with service_code {code}.")
    return respond(
        fmt,
        "service_definition",
        "service_definition",
        {"service_code": service.code, "attributes": []},
    )


def _given(request: HttpRequest, name: str) -> str:
    """A parameter, where sent empty counts as not sent (the spec's ‘optional’)."""
    return (request.POST.get(name) or request.GET.get(name) or "").strip()


def _coordinate(request: HttpRequest, name: str, low: float, high: float) -> float | None:
    raw = _given(request, name)
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise Open311Error(400, f"{name} must be a number in WGS84 degrees, not {raw!r}.") from None
    if not low <= value <= high:
        raise Open311Error(400, f"{name} must be between {low:g} and {high:g}.")
    return value


def create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    """POST requests: check the key, the service, the location and the fields, then take it in."""
    if not Open311Key.accepts(_given(request, "api_key")):
        raise Open311Error(403, "Invalid api_key received -- can't proceed with create_request.")
    code = _given(request, "service_code")
    if not code:
        raise Open311Error(400, "service_code is required.")
    service = offered().filter(code=code).first()
    if service is None:
        raise Open311Error(404, f"No service with service_code {code}.")
    lat = _coordinate(request, "lat", -90, 90)
    long = _coordinate(request, "long", -180, 180)
    address = _given(request, "address_string")
    address_id = _given(request, "address_id")
    if (lat is None) != (long is None):
        raise Open311Error(400, "Send lat and long together.")
    if lat is None and not address and not address_id:
        raise Open311Error(
            400, "A location is required: lat and long, address_string or address_id."
        )
    description = _given(request, "description")
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(
            400, f"description is {len(description):,} characters; the most is {MAX_DESCRIPTION:,}."
        )
    email, media_url = _given(request, "email"), _given(request, "media_url")
    try:
        if email:
            EmailValidator()(email)
        if media_url:
            URLValidator(schemes=["http", "https"])(media_url)
    except ValidationError:
        raise Open311Error(400, "email or media_url is not in the right form.") from None
    requester = {
        "email": email,
        "first_name": _given(request, "first_name")[:100],
        "last_name": _given(request, "last_name")[:100],
        "phone": _given(request, "phone")[:40],
    }
    contact, link = take_contact(
        service,
        Contact.Channel.OPEN311,
        description,
        requester=requester,
        address=address[:300],
        address_id=address_id[:100],
        lat=lat,
        long=long,
        media_url=media_url[:500],
    )
    if email and link is not None:
        send_status_link(request, contact, email, link)
    return respond(
        fmt,
        "service_requests",
        "request",
        [
            {
                "service_request_id": str(contact.pk),
                "service_notice": service.service_notice or None,
                "account_id": None,
            }
        ],
    )


def _split(request: HttpRequest, name: str) -> list[str]:
    return [part.strip() for part in _given(request, name).split(",") if part.strip()]


def _datetime(request: HttpRequest, name: str) -> datetime | None:
    raw = _given(request, name)
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw.replace(" ", "+"))  # a + in a query string is a space
    except ValueError:
        raise Open311Error(
            400, f"{name} must be a W3C date and time such as 2010-01-01T00:00:00Z."
        ) from None
    return value if value.tzinfo else timezone.make_aware(value)


def list_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET requests with the spec's filters; by default the last 90 days, at most 1,000."""
    found = public_requests()
    ids = _split(request, "service_request_id")
    if ids:  # overrides every other filter
        found = found.filter(pk__in=[int(i) for i in ids if i.isdigit()])
    else:
        codes = _split(request, "service_code")
        if codes:
            found = found.filter(service__code__in=codes)
        end = _datetime(request, "end_date")
        start = _datetime(request, "start_date")
        end = end or (start + timedelta(days=DEFAULT_DAYS) if start else timezone.now())
        start = start or end - timedelta(days=DEFAULT_DAYS)
        if end < start:
            raise Open311Error(400, "end_date is before start_date.")
        if end - start > timedelta(days=DEFAULT_DAYS):
            raise Open311Error(400, f"The date range can be at most {DEFAULT_DAYS} days.")
        found = found.filter(received_at__gte=start, received_at__lte=end)
        statuses = _split(request, "status")
        unknown = set(statuses) - {"open", "closed"}
        if unknown:
            raise Open311Error(400, "status must be open, closed or both, comma-separated.")
        if statuses == ["open"]:
            found = found.filter(resolved_at__isnull=True)
        elif statuses == ["closed"]:
            found = found.filter(resolved_at__isnull=False)
    rows = found.order_by("-received_at", "-pk")[:MAX_REQUESTS]
    return respond(fmt, "service_requests", "request", [request_dict(c) for c in rows])


@csrf_exempt
@open311_view
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET lists requests; POST (with an api_key) creates one."""
    if request.method == "POST":
        return create_request(request, fmt)
    if request.method != "GET":
        raise Open311Error(400, "Use GET to list requests or POST to create one.")
    return list_requests(request, fmt)


@open311_view
def one_request(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    """GET one request, as a list holding it."""
    contact = public_requests().filter(pk=int(request_id)).first() if request_id.isdigit() else None
    if contact is None:
        raise Open311Error(404, f"No service request with service_request_id {request_id}.")
    return respond(fmt, "service_requests", "request", [request_dict(contact)])
