"""CSRF tokens of the pages' forms (registration, logout, login).

Written here, not taken from a library: the CSRF packages for Starlette/FastAPI either take the
token from a request header only (starlette-csrf; a plain HTML form cannot send one without a
script, and the pages run none) or parse every form with python-multipart themselves (fastapi-csrf-protect,
asgi-csrf); what the pages need is a few lines of ``hmac``.

- A signed-in form carries HMAC-SHA256 of the session token (synchronizer token bound to the
  session, stateless): another site can neither read the session cookie (HttpOnly) nor our page
  (same-origin policy), so it cannot compute or copy the token.
- The login form has no session yet (login CSRF: being signed in as the attacker): double submit.
  The login page sets a random nonce in a cookie and puts HMAC-SHA256 of it in the form; the post
  must bring both, matching.

The key is derived from the gateway's token secret for this purpose alone, so a CSRF token can never
be mistaken for a token signature. A refusal is a 403 page and nothing is done.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import parse_qsl

CSRF_FIELD = "csrf_token"
LOGIN_NONCE_COOKIE = "oneoffice_login_nonce"
_PURPOSE = b"oneoffice gateway csrf v1"


class CsrfTokens:
    def __init__(self, secret: str) -> None:
        self._key = hmac.new(secret.encode("utf-8"), _PURPOSE, hashlib.sha256).digest()

    def _mac(self, kind: str, value: str) -> str:
        message = f"{kind}\x00{value}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def for_session(self, session_token: str) -> str:
        """The token every form of a signed-in page carries."""
        return self._mac("session", session_token)

    def session_form_ok(self, session_token: str | None, sent: str | None) -> bool:
        return bool(session_token) and same_token(self.for_session(session_token or ""), sent)

    @staticmethod
    def new_login_nonce() -> str:
        return secrets.token_urlsafe(32)

    def for_login(self, nonce: str) -> str:
        """The token of the login form shown with the nonce cookie ``nonce``."""
        return self._mac("login", nonce)

    def login_form_ok(self, nonce: str | None, sent: str | None) -> bool:
        return bool(nonce) and same_token(self.for_login(nonce or ""), sent)


def same_token(expected: str, sent: str | None) -> bool:
    # Bytes: compare_digest refuses non-ASCII text, and a forged form may send any.
    return bool(sent) and hmac.compare_digest(expected.encode(), (sent or "").encode("utf-8", "replace"))


def posted_token(body: bytes) -> str | None:
    """The CSRF token of a posted ``application/x-www-form-urlencoded`` body."""
    values = dict(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    return values.get(CSRF_FIELD)
