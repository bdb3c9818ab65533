"""The request guards around every route: security headers, body cap, login rate limits, idempotency keys.

Installed as pure ASGI middleware (outermost first): security headers, so every answer has them,
the guards' own included; the body cap, before anything reads a body; the login rate limits and the
idempotency keys, which read the (capped) body.
"""

from __future__ import annotations

import re

from fastapi import FastAPI

from ..application.idempotency import IdempotencyStore
from ..application.login_throttle import LoginThrottle
from ..config import Settings
from .authentication import TOKEN_URL
from .body_limit import BodySizeLimitMiddleware, ContentTooLarge, content_too_large_handler
from .idempotency import IdempotencyMiddleware
from .openapi_guards import document_guards
from .rate_limits import LoginRateLimitMiddleware
from .security_headers import SecurityHeadersMiddleware

# The routes that take a file (POST): their body may be as large as an attachment.
FILE_ROUTES = (
    r"/api/v1/communes/[^/]+/incoming-documents/[^/]+/attachments",
    r"/communes/[^/]+/van-ban-den/[^/]+/dinh-kem",
    r"/api/v1/communes/[^/]+/outgoing-documents/[^/]+/attachments",
)


def install_guards(
    app: FastAPI, settings: Settings, *, idempotency: IdempotencyStore, login_throttle: LoginThrottle
) -> None:
    # Starlette runs the middleware added last first.
    app.add_middleware(IdempotencyMiddleware, store=idempotency, excluded_paths={TOKEN_URL})
    app.add_middleware(
        LoginRateLimitMiddleware,
        throttle=login_throttle,
        token_path=TOKEN_URL,
        trusted_proxies=settings.trusted_proxies,
    )
    # A file and whatever else a request may carry (the form's fields, the multipart framing).
    file_cap = settings.max_attachment_size + settings.max_body_size
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_body_size=settings.max_body_size,
        larger=[(re.compile(pattern), file_cap) for pattern in FILE_ROUTES],
    )
    docs = [url for url in (app.docs_url, app.swagger_ui_oauth2_redirect_url) if url]
    redoc = [app.redoc_url] if app.redoc_url else []
    app.add_middleware(SecurityHeadersMiddleware, swagger_paths=docs, redoc_paths=redoc)
    app.add_exception_handler(ContentTooLarge, content_too_large_handler)
    document_guards(app, token_path=TOKEN_URL)
