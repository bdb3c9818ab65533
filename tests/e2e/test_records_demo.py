"""Record files (hồ sơ) through the embedded demo: a clerk enters a file in the annual list, links a
registered incoming document to it and closes it, through the JSON API with a demo account's token
and on the commune's records page in headless Chromium (under its Content-Security-Policy)."""

from __future__ import annotations

from typing import Any

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e.browser_waits import staleness_of
from tests.e2e.test_attachments_demo import _registered_document, _signed_in
from tests.e2e.test_incoming_documents_ui import (  # noqa: F401 (fixtures)
    COMMUNE,
    WAIT_SECONDS,
    _office_today,
    _wait,
    browser,
    oneoffice,
    open_signed_in,
)
from tests.e2e.test_pages_under_csp import RECORD_VIOLATIONS, _violations

pytestmark = pytest.mark.e2e

FILES = f"/api/v1/communes/{COMMUNE}/record-files"


def _new_file(code: str, retention: str = "20y") -> dict[str, Any]:
    return {
        "body_code": "UBND",
        "year": _office_today().year,
        "file_code": code,
        "title": "Hồ sơ tổ chức cán bộ",
        "retention": retention,
        "keeper": "demo-16876-vptk",
    }


def test_a_clerk_enters_a_file_links_a_registered_document_and_closes_it_once(
    oneoffice: str,  # noqa: F811
) -> None:
    today = _office_today().date().isoformat()
    with _signed_in(oneoffice) as http:
        document_id = _registered_document(http)
        made = http.post(FILES, json=_new_file("01.TCCB"))
        file_url = made.headers.get("Location", "/missing")
        linked = http.post(
            f"{file_url}/documents", json={"document_kind": "incoming", "document_id": document_id}
        )
        unknown = http.post(f"{file_url}/documents", json={"document_id": "no-such-document"})
        closed = http.post(f"{file_url}/close", json={"closed_on": today})
        again = http.post(f"{file_url}/close", json={"closed_on": today})
        kept = http.post(FILES, json=_new_file("02.VV", retention="permanent")).json()
        http.post(f"{FILES}/{kept['file_id']}/close", json={"closed_on": today})
        disposal = http.post(
            f"{FILES}/{kept['file_id']}/disposal",
            json={"decision_number": "15/QĐ-UBND", "council": "Hội đồng", "decided_on": today},
        )
        listed = http.get(FILES, params={"body": "UBND", "year": _office_today().year})

    assert made.status_code == 201, made.text
    assert linked.status_code == 200, linked.text
    assert linked.json()["documents"] == [{"document_kind": "incoming", "document_id": document_id}]
    assert unknown.status_code == 404
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert closed.json()["handover_due_on"] is not None
    assert again.status_code == 422 and again.json()["detail"].startswith("Hồ sơ «01.TCCB» đã kết thúc")
    assert disposal.status_code == 422 and "vĩnh viễn" in disposal.json()["detail"]
    assert [f["file_code"] for f in listed.json()["files"]] == ["01.TCCB", "02.VV"]


def test_the_records_page_enters_links_and_closes_a_file_with_no_csp_violation(
    oneoffice: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    with _signed_in(oneoffice) as http:
        document_id = _registered_document(http)
    browser.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS})
    open_signed_in(browser, f"{oneoffice}/communes/{COMMUNE}/ho-so")
    WebDriverWait(browser, WAIT_SECONDS).until(expected_conditions.url_contains("/ho-so"))

    browser.find_element(By.ID, "create-code").send_keys("03.VP")
    browser.find_element(By.ID, "create-title").send_keys("Hồ sơ công văn trao đổi")
    Select(browser.find_element(By.ID, "create-retention")).select_by_value("10y")
    browser.find_element(By.ID, "create-keeper").send_keys("demo-16876-vptk")
    form = browser.find_element(By.ID, "create-form")
    browser.find_element(By.ID, "create-submit").click()
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(form))
    assert _wait(browser, "notice") == "Đã ghi nhận."

    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-file-code="03.VP"]')
    link_form = row.find_element(By.CSS_SELECTOR, "form.link-form")
    link_form.find_element(By.NAME, "document_id").send_keys(document_id)
    link_form.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(link_form))
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-file-code="03.VP"]')
    assert row.find_element(By.CSS_SELECTOR, f'li[data-document-id="{document_id}"]').is_displayed()

    close_form = row.find_element(By.CSS_SELECTOR, "form.close-form")
    close_form.find_element(By.CSS_SELECTOR, "button").click()
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(close_form))
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-file-code="03.VP"]')

    assert row.get_attribute("data-status") == "closed"
    assert row.find_element(By.CSS_SELECTOR, "td.status").text == "đã kết thúc"
    assert browser.find_element(By.ID, "handover-files").is_displayed()
    computed = browser.execute_script("return getComputedStyle(document.body).maxWidth;")
    assert computed == "1152px"  # the page's own stylesheet (72rem) applies under the CSP
    assert _violations(browser) == []
