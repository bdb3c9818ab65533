"""Outgoing documents (văn bản đi) through the embedded demo, as a clerk reaches them: the JSON API
with a demo account's token (draft → number → the register shows it; a signer of another commune
refused), then the page in headless Chromium (reusing the incoming UI test's fixtures)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e.test_incoming_documents_ui import (  # noqa: F401 - the fixtures
    WAIT_SECONDS,
    _office_today,
    _wait,
    browser,
    oneoffice,
    open_signed_in,
)
from tests.e2e.test_pages_under_csp import RECORD_VIOLATIONS, _computed, _violations

pytestmark = pytest.mark.e2e

COMMUNE = "16876"
API = f"/api/v1/communes/{COMMUNE}"


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    issued = http.post("/api/v1/auth/token", data={"username": username, "password": "demo"})
    assert issued.status_code == 200, issued.text
    return {"Authorization": f"Bearer {issued.json()['access_token']}"}


def _draft(signer_id: str) -> dict[str, Any]:
    return {
        "body_code": "UBND",
        "document_type": "QD",
        "summary": "Về việc thành lập Tổ công tác chuyển đổi số",
        "signer_id": signer_id,
        "authority": "TM.",
        "place_name": "Tương Dương",
        "recipients": ["Như Điều 3", "Lưu: VT, VP"],
    }


def test_a_clerk_drafts_numbers_and_finds_the_document_in_the_register_then_on_the_page(
    oneoffice: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    today = _office_today().date()
    with httpx.Client(base_url=oneoffice, timeout=15.0, trust_env=False) as http:
        clerk = _token(http, "vanthu-16876")
        staff = http.get(f"{API}/staff", params={"as_of": today.isoformat()}, headers=clerk).json()["people"]
        other = http.get(
            "/api/v1/communes/16882/staff",
            params={"as_of": today.isoformat()},
            headers=_token(http, "vanthu-16882"),
        ).json()["people"]
        signer = staff[0]
        drafted = http.post(f"{API}/outgoing-documents", json=_draft(signer["person_id"]), headers=clerk)
        assert drafted.status_code == 201, drafted.text
        document_id = drafted.json()["document_id"]
        numbered = http.post(f"{API}/outgoing-documents/{document_id}/number", json={}, headers=clerk)
        again = http.post(f"{API}/outgoing-documents/{document_id}/number", json={}, headers=clerk)
        refused = http.post(f"{API}/outgoing-documents", json=_draft(other[0]["person_id"]), headers=clerk)
        register = http.get(f"{API}/outgoing-register", params={"body": "UBND"}, headers=clerk)
        found = http.get(f"{API}/outgoing-documents/{document_id}", headers=clerk).json()

    assert numbered.status_code == 200, numbered.text
    assert numbered.json() | {"document_id": ""} == {
        "document_id": "",
        "number": 1,
        "number_symbol": "01/QĐ-UBND",
        "formatted": "Số: 01/QĐ-UBND",
        "issued_on": today.isoformat(),
        "period": str(today.year),
        "imported": False,
    }
    assert again.status_code == 422
    assert refused.status_code == 422 and "không phải cán bộ" in refused.json()["detail"]
    assert [r["number_symbol"] for r in register.json()["rows"]] == ["01/QĐ-UBND"]
    assert (found["signer_name"], found["signer_title"]) == (signer["name"], signer["title"])

    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    open_signed_in(browser, f"{oneoffice}/communes/{COMMUNE}/van-ban-di")
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Văn bản đi — {COMMUNE}"
    assert _computed(browser, "form.grid", "display") == "grid"  # the page's own stylesheet
    browser.find_element(By.ID, "summary").send_keys("Về việc tổ chức Ngày chuyển đổi số")
    browser.find_element(By.ID, "place_name").send_keys("Tương Dương")
    browser.find_element(By.ID, "recipients").send_keys("UBND tỉnh Nghệ An\nLưu: VT")
    Select(browser.find_element(By.ID, "signer_id")).select_by_value(signer["person_id"])
    Select(browser.find_element(By.ID, "authority")).select_by_value("TM.")
    Select(browser.find_element(By.ID, "document_type")).select_by_value("QD")
    form = browser.find_element(By.ID, "draft-form")
    browser.find_element(By.ID, "draft-submit").click()
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.staleness_of(form))
    assert _wait(browser, "notice") == "Đã lưu dự thảo."

    number_button = browser.find_element(By.CSS_SELECTOR, "#drafts .number-submit")
    number_button.click()
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.staleness_of(number_button))
    assert _wait(browser, "notice") == "Đã cấp số: Số: 02/QĐ-UBND"
    symbols = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#register td.symbol")]
    assert symbols == ["01/QĐ-UBND", "02/QĐ-UBND"]
    assert _violations(browser) == []
