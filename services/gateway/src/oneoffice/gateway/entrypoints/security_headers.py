"""Security headers on every answer: nosniff, referrer policy, no framing, a Content-Security-Policy.

Pages get a CSP without inline scripts or styles (their CSS is a static file). Other answers (JSON,
problems, metrics) get ``default-src 'none'``: nothing in them may ever run. FastAPI's ``/docs``
(Swagger UI) and ``/redoc`` load their bundles from jsDelivr and Swagger UI starts with an inline
script: their CSP allows those origins and the SHA-256 of exactly the inline scripts of the page
served (computed from the answer itself, so a FastAPI upgrade or a ``root_path`` cannot break it;
the pages are FastAPI's, filled from the app's settings, never from the request).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Collection

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALWAYS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
# For the 500 answer of an unhandled error, which Starlette sends outside every middleware.
UNHANDLED_ERROR_HEADERS = {**ALWAYS, "Content-Security-Policy": API_CSP}
_CDN = "https://cdn.jsdelivr.net"
_FAVICON = "https://fastapi.tiangolo.com"
# Swagger UI: its bundle and stylesheet, its inline start-up script (hashes added), the API it calls.
SWAGGER_CSP = (
    f"default-src 'none'; script-src 'self' {_CDN}{{hashes}}; style-src 'self' {_CDN}; "
    f"img-src 'self' data: {_FAVICON}; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# ReDoc: no inline script, but its components inject <style> elements, it uses Google Fonts and
# parses the spec in a blob: worker.
REDOC_CSP = (
    f"default-src 'none'; script-src 'self' {_CDN}; style-src 'self' 'unsafe-inline' "
    f"https://fonts.googleapis.com; font-src https://fonts.gstatic.com; img-src 'self' data: {_FAVICON} "
    "https://cdn.redoc.ly; connect-src 'self'; worker-src blob:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def inline_script_hashes(html: bytes) -> list[str]:
    """CSP sources (``'sha256-…'``) of the page's inline scripts."""
    return [
        f"'sha256-{base64.b64encode(hashlib.sha256(script).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(html)
    ]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, swagger_paths: Collection[str], redoc_paths: Collection[str]) -> None:
        self.app = app
        self.swagger_paths = frozenset(swagger_paths)
        self.redoc_paths = frozenset(redoc_paths)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] in self.swagger_paths:
            await self._with_hashes(scope, receive, send)
            return
        page_csp = REDOC_CSP if scope["path"] in self.redoc_paths else PAGE_CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                html = headers.get("content-type", "").startswith("text/html")
                _secure(headers, page_csp if html else API_CSP)
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _with_hashes(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Holds the (small) page back until its inline scripts are hashed."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def send_hashed(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(chunks)
                hashes = "".join(f" {source}" for source in inline_script_hashes(body))
                _secure(MutableHeaders(scope=start), SWAGGER_CSP.format(hashes=hashes))
                await send(start)
                await send({"type": "http.response.body", "body": body, "more_body": False})
                start = None
                return
            await send(message)

        await self.app(scope, receive, send_hashed)


def _secure(headers: MutableHeaders, csp: str) -> None:
    for name, value in ALWAYS.items():
        headers.setdefault(name, value)
    headers.setdefault("Content-Security-Policy", csp)
