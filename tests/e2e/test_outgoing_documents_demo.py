"""Outgoing documents (văn bản đi) through the embedded demo, as a clerk reaches them: the JSON API
with a demo account's token (draft → number → the register shows it; a signer of another commune
refused), then the page in headless Chromium (reusing the incoming UI test's fixtures)."""

from __future__ import annotations

import io
from typing import Any

import httpx
import pytest
from docx import Document
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e.browser_waits import staleness_of
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
    # The shared demo's other tests may have numbered in this register before: the next number.
    number = numbered.json()["number"]
    symbol = f"{number:02d}/QĐ-UBND"
    assert numbered.json() | {"document_id": ""} == {
        "document_id": "",
        "number": number,
        "number_symbol": symbol,
        "formatted": f"Số: {symbol}",
        "issued_on": today.isoformat(),
        "period": str(today.year),
        "imported": False,
    }
    assert again.status_code == 422
    assert refused.status_code == 422 and "không phải cán bộ" in refused.json()["detail"]
    assert [r["number_symbol"] for r in register.json()["rows"]][-1] == symbol
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
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(form))
    assert _wait(browser, "notice") == "Đã lưu dự thảo."

    number_button = browser.find_element(By.CSS_SELECTOR, "#drafts .number-submit")
    number_button.click()
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(number_button))
    following = f"{number + 1:02d}/QĐ-UBND"
    assert _wait(browser, "notice") == f"Đã cấp số: Số: {following}"
    symbols = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#register td.symbol")]
    assert symbols[-2:] == [symbol, following]
    assert _violations(browser) == []


def test_a_numbered_party_resolution_is_rendered_as_a_docx_word_opens_and_as_printable_html(
    oneoffice: str,  # noqa: F811
) -> None:
    """The formal layout through the gateway: the .docx opened again has the Party's title, the body
    under its parent, the number the register gave and the signature block; the HTML carries its own
    policy. An unknown format is a 422 naming it."""
    today = _office_today().date()
    with httpx.Client(base_url=oneoffice, timeout=15.0, trust_env=False) as http:
        clerk = _token(http, "vanthu-16876")
        staff = http.get(f"{API}/staff", params={"as_of": today.isoformat()}, headers=clerk).json()["people"]
        resolution = _draft(staff[0]["person_id"]) | {
            "body_code": "DANG_UY",
            "document_type": "NQ",
            "authority": "T/M",
            "summary": "Về lãnh đạo thực hiện mô hình Một văn phòng",
        }
        drafted = http.post(f"{API}/outgoing-documents", json=resolution, headers=clerk)
        assert drafted.status_code == 201, drafted.text
        url = f"{API}/outgoing-documents/{drafted.json()['document_id']}"
        numbered = http.post(f"{url}/number", json={}, headers=clerk)
        assert numbered.status_code == 200, numbered.text
        docx = http.get(f"{url}/render", params={"format": "docx"}, headers=clerk)
        html = http.get(f"{url}/render", params={"format": "html"}, headers=clerk)
        pdf = http.get(f"{url}/render", params={"format": "pdf"}, headers=clerk)

    assert docx.status_code == 200, docx.text
    assert docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert docx.headers["content-disposition"].startswith("attachment; filename=")
    opened = Document(io.BytesIO(docx.content))
    text = "\n".join(
        [p.text for p in opened.paragraphs]
        + [cell.text for table in opened.tables for row in table.rows for cell in row.cells]
    )
    for expected in (
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "ĐẢNG BỘ TỈNH NGHỆ AN",
        numbered.json()["formatted"],
        "NGHỊ QUYẾT",
        resolution["summary"],
        "T/M",
        staff[0]["name"],
    ):
        assert expected in text, expected
    assert html.status_code == 200
    assert numbered.json()["formatted"] in html.text
    assert html.headers["content-security-policy"].startswith("default-src 'none'")
    assert pdf.status_code == 422
