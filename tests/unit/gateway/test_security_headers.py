"""Every answer carries the security headers; pages a CSP without inline code, which they never need."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from oneoffice.gateway.application.ports import RegisterPage
from oneoffice.gateway.bootstrap import create_app
from oneoffice.gateway.config import Settings
from oneoffice.gateway.entrypoints import page_routes

from .conftest import bearer
from .fakes import FakeDocuments, FakeReporting, FakeServiceHealth, FakeStaff

PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
TEMPLATES = Path(page_routes.__file__).parent / "templates"


def assert_secured(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/", "/communes/16876/van-ban-den"])
async def test_a_page_has_the_headers_and_a_csp_without_inline_code(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)

    assert response.status_code == 200
    assert_secured(response)
    assert response.headers["content-security-policy"] == PAGE_CSP


async def test_a_json_answer_has_the_headers_and_runs_nothing(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/communes/16876/incoming-register", params={"body": "UBND"})

    assert response.status_code == 200
    assert_secured(response)
    assert response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


async def test_a_problem_has_the_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/nowhere")

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert_secured(response)


async def test_the_page_styles_are_served_as_files(client: httpx.AsyncClient) -> None:
    response = await client.get("/static/incoming.css")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
    assert_secured(response)


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda path: path.name)
def test_no_template_has_inline_script_or_style_the_csp_would_block(template: Path) -> None:
    html = template.read_text(encoding="utf-8")

    assert not re.search(r"<style", html, re.IGNORECASE)
    assert not re.search(r"\sstyle\s*=", html, re.IGNORECASE)
    assert not re.search(r"<script(?![^>]*\ssrc=)", html, re.IGNORECASE)
    assert not re.search(r"\son[a-z]+\s*=", html, re.IGNORECASE)
    assert "javascript:" not in html.lower()


async def test_swagger_ui_may_run_exactly_its_own_inline_script(client: httpx.AsyncClient) -> None:
    response = await client.get("/docs")

    assert_secured(response)
    csp = response.headers["content-security-policy"]
    scripts = re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert script_src.split()[1:] == ["'self'", "https://cdn.jsdelivr.net", f"'sha256-{digest}'"]
    assert "'unsafe-inline'" not in csp


async def test_redoc_may_load_its_bundle_but_run_no_inline_script(client: httpx.AsyncClient) -> None:
    response = await client.get("/redoc")

    assert_secured(response)
    script_src = next(
        part for part in response.headers["content-security-policy"].split(";") if "script-src" in part
    )
    assert script_src.split()[1:] == ["'self'", "https://cdn.jsdelivr.net"]


class BrokenReporting(FakeReporting):
    async def list_incoming_register(self, *args: Any, **kwargs: Any) -> RegisterPage:
        raise RuntimeError("a bug")


async def test_the_answer_to_an_unhandled_error_has_the_headers(staff: FakeStaff) -> None:
    app = create_app(
        Settings(),
        health_port=FakeServiceHealth(),
        documents=FakeDocuments(),
        reporting=BrokenReporting(),
        staff=staff,
    )
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://gateway.test", headers=bearer(app, staff)
    ) as client:
        response = await client.get("/api/v1/communes/16876/incoming-register", params={"body": "UBND"})

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert_secured(response)
