"""A commune's state at a past moment on the embedded demo (#13): the clerk of 16903 registers two
documents with number symbols of their own; the auditor finds both as of now, and only the first as
of the moment it was registered — through the API and the page, rendered in headless Chromium.

Only this test writes in 16903 on the shared demo; it still finds its documents by their own symbols.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.e2e.live_demo import LiveDemo
from tests.e2e.test_incoming_documents_ui import (  # noqa: F401 (fixtures)
    _office_today,
    _wait,
    browser,
    oneoffice,
    open_signed_in,
    own_symbol,
)

pytestmark = pytest.mark.e2e

COMMUNE = "16903"
BASE = f"/api/v1/communes/{COMMUNE}"


def _as(live_demo: LiveDemo, username: str) -> httpx.Client:
    bearer = {"Authorization": f"Bearer {live_demo.token(username)}"}
    return httpx.Client(base_url=live_demo.base_url, timeout=60.0, trust_env=False, headers=bearer)


def _register(clerk: httpx.Client, number_symbol: str) -> str:
    today = _office_today().date().isoformat()
    created = clerk.post(
        f"{BASE}/incoming-documents",
        json={
            "body_code": "UBND",
            "issuer": "UBND tỉnh Nghệ An",
            "number_symbol": number_symbol,
            "document_date": today,
            "document_type": "QD",
            "summary": f"Về việc kiểm tra trạng thái tại một thời điểm {number_symbol}",
            "received_date": today,
        },
    )
    assert created.status_code == 201, created.text
    return str(created.json()["document_id"])


def _symbols_as_of(auditor: httpx.Client, at: str) -> Iterator[str]:
    """Every document's number symbol at ``at``, page after page."""
    offset: int | None = 0
    while offset is not None:
        answer = auditor.get(f"{BASE}/as-of", params={"at": at, "limit": 200, "offset": offset})
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        yield from (str(d["state"].get("number_symbol", "")) for d in body["documents"])
        offset = body["next_offset"]


def test_the_auditor_finds_a_document_as_of_now_and_not_before_it_was_registered(
    live_demo: LiveDemo,
    browser: WebDriver,  # noqa: F811
) -> None:
    suffix = f"TT-{secrets.token_hex(3).upper()}"
    earlier_symbol, later_symbol = own_symbol(suffix), own_symbol(suffix)
    with _as(live_demo, f"vanthu-{COMMUNE}") as clerk, _as(live_demo, "kiemtoan") as auditor:
        earlier = _register(clerk, earlier_symbol)
        _register(clerk, later_symbol)
        history = auditor.get(f"{BASE}/documents/{earlier}/history")
        assert history.status_code == 200, history.text
        registered_at = history.json()["entries"][0]["recorded_at"]
        now = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()

        at_now = set(_symbols_as_of(auditor, now))
        then = set(_symbols_as_of(auditor, registered_at))
        refused = clerk.get(f"{BASE}/as-of", params={"at": now})

    assert {earlier_symbol, later_symbol} <= at_now
    assert earlier_symbol in then and later_symbol not in then
    assert refused.status_code == 403

    open_signed_in(
        browser, f"{live_demo.base_url}/communes/{COMMUNE}/luc-truoc?at={quote(registered_at)}", "kiemtoan"
    )
    table = _wait(browser, "documents")
    assert earlier_symbol in table and later_symbol not in table
    assert "Trạng thái tại một thời điểm" in browser.title
