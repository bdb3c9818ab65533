"""A clerk attaches the signed scan of an outgoing document on its page, in headless Chromium, through
the shared demo: the file is listed with a download link; a file of a type not allowed is refused with
a Vietnamese message on the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from tests import file_samples as samples
from tests.e2e.browser_waits import staleness_of
from tests.e2e.live_demo import LiveDemo
from tests.e2e.test_incoming_documents_ui import (  # noqa: F401 - the fixtures
    WAIT_SECONDS,
    _wait,
    browser,
    open_signed_in,
)

pytestmark = pytest.mark.e2e

COMMUNE = "16936"
CLERK = f"vanthu-{COMMUNE}"
API = f"/api/v1/communes/{COMMUNE}"


def _drafted(live_demo: LiveDemo) -> str:
    with live_demo.client() as http:
        headers = {"Authorization": f"Bearer {live_demo.token(CLERK)}"}
        drafted = http.post(
            f"{API}/outgoing-documents",
            json={
                "body_code": "UBND",
                "document_type": "QD",
                "summary": "Về việc ban hành Quy chế làm việc của Văn phòng",
                "authority": "TM.",
                "place_name": "Tương Dương",
                "recipients": ["Như Điều 3", "Lưu: VT"],
            },
            headers=headers,
        )
    assert drafted.status_code == 201, drafted.text
    return str(drafted.json()["document_id"])


def _attach(driver: WebDriver, path: Path) -> None:
    form = driver.find_element(By.ID, "attach-form")
    driver.find_element(By.ID, "file").send_keys(str(path))
    driver.find_element(By.ID, "attach-submit").click()
    WebDriverWait(driver, WAIT_SECONDS).until(staleness_of(form))


def test_a_clerk_attaches_a_pdf_to_an_outgoing_document_and_sees_it_listed_with_a_download_link(
    live_demo: LiveDemo,
    browser: WebDriver,  # noqa: F811
    tmp_path: Path,
) -> None:
    document_id = _drafted(live_demo)
    scan = tmp_path / "Quyết định ký số.pdf"
    scan.write_bytes(samples.pdf())
    page = tmp_path / "ghi-chu.pdf"
    page.write_bytes(samples.html())  # named .pdf, HTML inside: judged by its content

    open_signed_in(browser, f"{live_demo.base_url}/communes/{COMMUNE}/van-ban-di", CLERK)
    row = f"#drafts tr[data-document='{document_id}']"
    browser.find_element(By.CSS_SELECTOR, f"{row} a.open-document").click()
    assert _wait(browser, "attachments-empty") == "Chưa có tệp đính kèm."
    _attach(browser, scan)

    assert _wait(browser, "notice-success") == "Đã đính kèm tệp «Quyết định ký số.pdf»."
    links = browser.find_elements(By.CSS_SELECTOR, "#attachments a.download")
    assert [a.text for a in links] == ["Quyết định ký số.pdf"]
    href = str(links[0].get_attribute("href"))
    assert href.startswith(f"{live_demo.base_url}/communes/{COMMUNE}/van-ban-di/{document_id}/dinh-kem/")

    _attach(browser, page)
    refused = _wait(browser, "attach-errors")
    assert refused.startswith("Chưa đính kèm được tệp:")
    assert "Nội dung tệp không thuộc loại được phép đính kèm" in refused
    assert [a.text for a in browser.find_elements(By.CSS_SELECTOR, "#attachments a.download")] == [
        "Quyết định ký số.pdf"
    ]
