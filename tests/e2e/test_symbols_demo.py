"""Document symbols through the embedded demo, as a user would reach them: the JSON API with a demo
account's token, incoming registration flagging two spellings of one symbol as one document, and the
symbol tool page in headless Chromium (reusing the e2e fixtures of the incoming-documents UI test).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.e2e.test_incoming_documents_ui import (  # noqa: F401 (fixtures)
    _wait,
    browser,
    oneoffice,
    open_signed_in,
)

pytestmark = pytest.mark.e2e

COMMUNE = "16936"
BASE = f"/api/v1/communes/{COMMUNE}/incoming-documents"


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    issued = http.post("/api/v1/auth/token", data={"username": username, "password": "demo"})
    assert issued.status_code == 200, issued.text
    return {"Authorization": f"Bearer {issued.json()['access_token']}"}


def _office_today() -> datetime:
    return datetime.now(UTC).astimezone(timezone(timedelta(hours=7)))


def _eventually_found(http: httpx.Client, url: str, headers: dict[str, str]) -> httpx.Response:
    """The document once the read model has it (it follows the store a moment behind)."""
    deadline = time.monotonic() + 10
    while (found := http.get(url, headers=headers)).status_code == 404 and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def test_the_demo_reads_symbols_and_registers_two_spellings_of_one_as_one_document(
    oneoffice: str,  # noqa: F811
) -> None:
    _any_signed_in_account_reads_a_party_symbol(oneoffice)
    _two_spellings_of_one_symbol_are_registered_as_one_document(oneoffice)


def _any_signed_in_account_reads_a_party_symbol(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=10.0, trust_env=False) as http:
        auditor = _token(http, "kiemtoan")
        parsed = http.post("/api/v1/document-symbols/parse", json={"text": "Số 127-QĐ/TW"}, headers=auditor)
        unknown = http.post("/api/v1/document-symbols/parse", json={"text": "thư cảm ơn"}, headers=auditor)
        anonymous = http.post("/api/v1/document-symbols/parse", json={"text": "Số 127-QĐ/TW"})

    assert parsed.status_code == 200, parsed.text
    assert parsed.json() == {
        "recognised": True,
        "family": "party",
        "number": 127,
        "year": None,
        "type": "QĐ",
        "issuer": "TW",
        "unit": None,
        "warnings": [],
    }
    assert unknown.status_code == 200 and unknown.json()["recognised"] is False
    assert [w["code"] for w in unknown.json()["warnings"]] == ["unknown_shape"]
    assert anonymous.status_code == 401


def _two_spellings_of_one_symbol_are_registered_as_one_document(base_url: str) -> None:
    today = _office_today().date()
    issuer = "UBND tỉnh Nghệ An"
    document = {
        "body_code": "HOI_CCB",
        "issuer": issuer,
        "number_symbol": "Số: 05/QĐ–UBND",
        "document_date": (today - timedelta(days=3)).isoformat(),
        "document_type": "QD",
        "summary": "Về việc kiện toàn tổ chức",
        "received_date": today.isoformat(),
    }
    with httpx.Client(base_url=base_url, timeout=10.0, trust_env=False) as http:
        clerk = _token(http, f"vanthu-{COMMUNE}")
        first = http.post(BASE, json=document, headers=clerk)
        again = http.post(BASE, json={**document, "number_symbol": "5/qd-ubnd"}, headers=clerk)
        other = http.post(BASE, json={**document, "number_symbol": "05/TB-UBND"}, headers=clerk)
        assert first.status_code == again.status_code == other.status_code == 201, first.text
        found = _eventually_found(http, f"{BASE}/{first.json()['document_id']}", clerk)

    assert again.json()["duplicate_of"] == first.json()["document_id"]
    assert other.json()["duplicate_of"] is None
    assert found.status_code == 200, found.text
    assert found.json()["number_symbol"] == "Số: 05/QĐ–UBND"
    assert found.json()["symbol"] == {
        "recognised": True,
        "family": "state",
        "number": 5,
        "year": None,
        "type": "QĐ",
        "issuer": "UBND",
        "unit": None,
    }


def test_the_symbol_tool_page_shows_the_parts_of_what_the_clerk_types(
    oneoffice: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    open_signed_in(browser, f"{oneoffice}/ky-hieu-van-ban")
    _wait(browser, "symbol-form")
    browser.find_element(By.ID, "text").send_keys("Số: 12/UBND – VP")
    browser.find_element(By.ID, "symbol-submit").click()

    assert _wait(browser, "symbol-text") == "Số: 12/UBND – VP"
    parts = {
        row.get_attribute("data-part"): row.find_element(By.TAG_NAME, "td").text
        for row in browser.find_elements(By.CSS_SELECTOR, "#symbol-parts tr")
    }
    assert parts == {
        "family": "Nhà nước",
        "number": "12",
        "year": "—",
        "type": "—",
        "issuer": "UBND",
        "unit": "VP",
    }
