"""Where a request comes from: the client's network address, as the proxies in front say.

Behind a TLS proxy every request arrives from the proxy, so per-address limits (sign-in links,
password lockouts) would count everyone as one. PROXY_COUNT says how many proxies the operator
runs in front; the client is then that many entries from the right of X-Forwarded-For (entries
further left are whatever the client chose to send, and are not trusted).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest

UNKNOWN = "0.0.0.0"  # noqa: S104 - a placeholder stored, never an address bound to


def valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The address the request came from, for rate limits and lockouts."""
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= proxies and (found := valid(forwarded[-proxies])):
            return found
    return valid(request.META.get("REMOTE_ADDR", "")) or UNKNOWN
