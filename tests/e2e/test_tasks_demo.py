"""Tracked work on the embedded demo (#12): a clerk registers and passes a document on, the leader
directs it, the handler finds the task among theirs and completes it — through the JSON API, then
on the task's page in headless Chromium."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e.browser_waits import staleness_of
from tests.e2e.test_attachments_demo import _registered_document
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

BASE = f"/api/v1/communes/{COMMUNE}"
HANDLER_PERSON = f"demo-{COMMUNE}-vptk"  # the account canbo-<commune>


def _as(base_url: str, username: str) -> httpx.Client:
    with httpx.Client(base_url=base_url, trust_env=False) as http:
        issued = http.post("/api/v1/auth/token", data={"username": username, "password": "demo"})
    assert issued.status_code == 200, issued.text
    bearer = {"Authorization": f"Bearer {issued.json()['access_token']}"}
    return httpx.Client(base_url=base_url, timeout=60.0, trust_env=False, headers=bearer)


def _directed_task(base_url: str) -> tuple[str, str]:
    """A document registered and passed on by the clerk, directed by the leader: (document, task)."""
    with _as(base_url, f"vanthu-{COMMUNE}") as clerk:
        document_id = _registered_document(clerk)
        passed = clerk.post(
            f"{BASE}/incoming-documents/{document_id}/pass-on",
            json={"recipient_kind": "leader", "recipient": f"demo-{COMMUNE}-pbt", "needs_action": True},
        )
        assert passed.status_code == 201, passed.text
        assert passed.json()["late"] is False  # passed on the day it arrived
    deadline = (_office_today().date() + timedelta(days=14)).isoformat()
    with _as(base_url, f"lanhdao-{COMMUNE}") as leader:
        refused = leader.post(
            f"{BASE}/incoming-documents/{document_id}/direction",
            json={"lead": HANDLER_PERSON, "coordinators": [HANDLER_PERSON], "deadline": deadline},
        )
        assert refused.status_code == 422, refused.text  # the lead also a coordinator
        directed = leader.post(
            f"{BASE}/incoming-documents/{document_id}/direction",
            json={
                "lead": HANDLER_PERSON,
                "coordinators": [f"demo-{COMMUNE}-vpdu"],
                "deadline": deadline,
                "note": "Đề nghị chủ trì tham mưu, báo cáo trước hạn",
            },
        )
        assert directed.status_code == 201, directed.text
    return document_id, str(directed.json()["task_id"])


def test_register_pass_on_direct_and_the_handler_completes_the_task_through_the_api(
    oneoffice: str,  # noqa: F811
) -> None:
    document_id, task_id = _directed_task(oneoffice)
    with _as(oneoffice, f"vanthu-{COMMUNE}") as coordinator:
        not_the_lead = coordinator.post(f"{BASE}/tasks/{task_id}/complete", json={"result": "Xong"})
    with _as(oneoffice, f"canbo-{COMMUNE}") as handler:
        mine = handler.get(f"{BASE}/tasks", params={"handler": HANDLER_PERSON, "status": "open"})
        done = handler.post(
            f"{BASE}/tasks/{task_id}/complete", json={"result": "Đã tham mưu văn bản trả lời"}
        )
        again = handler.post(f"{BASE}/tasks/{task_id}/complete", json={"result": "Lại"})
        work = handler.get(f"{BASE}/incoming-documents/{document_id}/work")

    assert not_the_lead.status_code == 403, not_the_lead.text
    assert task_id in [t["task_id"] for t in mine.json()["tasks"]]
    assert done.status_code == 200 and done.json()["status"] == "done", done.text
    assert again.status_code == 409
    assert work.json()["passing_on"]["recipient"] == f"demo-{COMMUNE}-pbt"
    assert [t["task_id"] for t in work.json()["tasks"]] == [task_id]


def test_the_handler_completes_the_task_on_its_page(
    oneoffice: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    _, task_id = _directed_task(oneoffice)
    open_signed_in(browser, f"{oneoffice}/communes/{COMMUNE}/cong-viec/{task_id}", f"canbo-{COMMUNE}")
    assert browser.find_element(By.ID, "task-details").get_attribute("data-status") in ("open", "due_soon")
    browser.find_element(By.ID, "result").send_keys("Đã báo cáo")
    form = browser.find_element(By.ID, "complete-form")
    browser.find_element(By.ID, "complete-submit").click()
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(form))

    assert browser.find_element(By.ID, "task-details").get_attribute("data-status") == "done"
    assert _wait(browser, "task-status") == "đã hoàn thành"
    # The list is the tasks' read model, which may lag the command just answered: reload as a user would.
    row = f'tr[data-task-id="{task_id}"]'

    def listed(driver: WebDriver) -> bool:
        driver.get(f"{oneoffice}/communes/{COMMUNE}/cong-viec?status=done")
        return bool(driver.find_elements(By.CSS_SELECTOR, row))

    WebDriverWait(browser, WAIT_SECONDS, poll_frequency=0.3).until(listed)
    assert browser.find_element(By.CSS_SELECTOR, row).is_displayed()
