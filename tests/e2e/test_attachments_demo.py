"""Attachments through the embedded demo, as a clerk reaches them: the JSON API with a demo account's
token, and the incoming document's page in headless Chromium (the e2e fixtures of the incoming UI)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from tests import file_samples as samples
from tests.e2e.browser_waits import staleness_of
from tests.e2e.test_incoming_documents_ui import (  # noqa: F401 (fixtures)
    COMMUNE,
    WAIT_SECONDS,
    _office_today,
    _wait,
    browser,
    oneoffice,
    open_signed_in,
)

pytestmark = pytest.mark.e2e

DOCUMENTS = f"/api/v1/communes/{COMMUNE}/incoming-documents"


def _signed_in(base_url: str) -> httpx.Client:
    with httpx.Client(base_url=base_url, trust_env=False) as http:
        issued = http.post("/api/v1/auth/token", data={"username": "vanthu-16876", "password": "demo"})
    assert issued.status_code == 200, issued.text
    bearer = {"Authorization": f"Bearer {issued.json()['access_token']}"}
    return httpx.Client(base_url=base_url, timeout=60.0, trust_env=False, headers=bearer)


def _registered_document(http: httpx.Client) -> str:
    today = _office_today().date()
    created = http.post(
        DOCUMENTS,
        json={
            "body_code": "UBND",
            "issuer": "UBND tỉnh Nghệ An",
            "number_symbol": "125/QĐ-UBND",
            "document_date": today.isoformat(),
            "document_type": "QD",
            "summary": "Về việc kiện toàn tổ chức bộ máy văn phòng xã sau sắp xếp",
            "received_date": today.isoformat(),
        },
    )
    assert created.status_code == 201, created.text
    document_id = str(created.json()["document_id"])
    deadline = time.monotonic() + WAIT_SECONDS
    while http.get(f"{DOCUMENTS}/{document_id}").status_code != 200:  # the read model catches up
        assert time.monotonic() < deadline, "the registered document never became readable"
        time.sleep(0.2)
    return document_id


def test_a_scan_uploaded_through_the_api_downloads_byte_for_byte_and_wrong_files_are_refused(
    oneoffice: str,  # noqa: F811
) -> None:
    content = samples.pdf(3 * 1024 * 1024)
    with _signed_in(oneoffice) as http:
        document_id = _registered_document(http)
        attachments = f"{DOCUMENTS}/{document_id}/attachments"

        added = http.post(attachments, files={"file": ("Quyết định 125.pdf", content, "application/pdf")})
        download = http.get(added.headers.get("Location", "/missing"))
        disguised = http.post(attachments, files={"file": ("bao-cao.pdf", samples.html(), "application/pdf")})
        huge = http.post(
            attachments, files={"file": ("lon.pdf", samples.pdf(21 * 1024 * 1024), "application/pdf")}
        )
        listed = http.get(attachments)

    assert added.status_code == 201, added.text
    assert added.json()["sha256"] == hashlib.sha256(content).hexdigest()
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["etag"] == f'"{hashlib.sha256(content).hexdigest()}"'
    assert (
        "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20125.pdf"
        in download.headers["content-disposition"]
    )
    assert disguised.status_code == 415, disguised.text
    assert disguised.json()["detail"].startswith("Nội dung tệp không thuộc loại được phép đính kèm")
    assert huge.status_code == 413
    assert [a["file_name"] for a in listed.json()["attachments"]] == ["Quyết định 125.pdf"]


def test_a_clerk_attaches_a_file_on_the_documents_page_and_it_downloads_unchanged(
    oneoffice: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
    tmp_path: Path,
) -> None:
    scan = tmp_path / "Công văn 88 (bản quét).png"
    scan.write_bytes(samples.png())
    with _signed_in(oneoffice) as http:
        document_id = _registered_document(http)

        open_signed_in(browser, f"{oneoffice}/communes/{COMMUNE}/van-ban-den/{document_id}")
        assert browser.find_element(By.ID, "attachments-empty").is_displayed()
        browser.find_element(By.ID, "file").send_keys(str(scan))
        form = browser.find_element(By.ID, "attach-form")
        browser.find_element(By.ID, "attach-submit").click()
        WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(form))

        assert _wait(browser, "notice-success") == "Đã đính kèm tệp «Công văn 88 (bản quét).png»."
        row = browser.find_element(By.CSS_SELECTOR, "#attachments tbody tr")
        link = row.find_element(By.CSS_SELECTOR, "a.download")
        assert link.text == "Công văn 88 (bản quét).png"
        attachment_id = row.get_attribute("data-attachment-id")
        download = http.get(f"{DOCUMENTS}/{document_id}/attachments/{attachment_id}")

    assert download.status_code == 200
    assert download.content == scan.read_bytes()
    assert download.headers["content-type"] == "image/png"
