"""Sealed values: a short text made unreadable and tamper-proof with the site's secret key.

`seal(text, purpose)` returns a URL-safe token that only this site can open with
`unseal(token, purpose)`; a copy of the database, a page's source or a log line shows nothing
of what it holds. Each seal draws a fresh random nonce, so sealing the same text twice gives two
unrelated tokens: a handle sealed for one list cannot be matched with the handle for the same
thing in another. The construction is the textbook one from standard parts: a keystream from
HMAC-SHA256 in counter mode over the nonce, then an HMAC-SHA256 tag over nonce and ciphertext
(encrypt-then-MAC), each with its own key derived from SECRET_KEY and the purpose.
"""

import base64
import hashlib
import hmac
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

NONCE_BYTES = 12
TAG_BYTES = 16


def _key(purpose: str, use: str) -> bytes:
    return salted_hmac(f"insideout.sealing.{use}", purpose, settings.SECRET_KEY).digest()


def _keystream(key: bytes, nonce: bytes, length: int) -> bytes:
    blocks = (
        hmac.new(key, nonce + counter.to_bytes(4, "big"), hashlib.sha256).digest()
        for counter in range(-(-length // 32))
    )
    return b"".join(blocks)[:length]


def seal(text: str, purpose: str) -> str:
    """The text sealed for one purpose (say "comment handle"): opened only by `unseal` with it."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    plain = text.encode()
    stream = _keystream(_key(purpose, "encrypt"), nonce, len(plain))
    body = nonce + bytes(a ^ b for a, b in zip(plain, stream, strict=True))
    tag = hmac.new(_key(purpose, "sign"), body, hashlib.sha256).digest()[:TAG_BYTES]
    return base64.urlsafe_b64encode(body + tag).decode().rstrip("=")


def unseal(token: str, purpose: str) -> str | None:
    """What `seal` sealed for this purpose, or None for anything else (forged, altered, other)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    if len(raw) < NONCE_BYTES + TAG_BYTES:
        return None
    body, tag = raw[:-TAG_BYTES], raw[-TAG_BYTES:]
    expected = hmac.new(_key(purpose, "sign"), body, hashlib.sha256).digest()[:TAG_BYTES]
    if not hmac.compare_digest(tag, expected):
        return None
    nonce, cipher = body[:NONCE_BYTES], body[NONCE_BYTES:]
    stream = _keystream(_key(purpose, "encrypt"), nonce, len(cipher))
    try:
        return bytes(a ^ b for a, b in zip(cipher, stream, strict=True)).decode()
    except UnicodeDecodeError:
        return None
