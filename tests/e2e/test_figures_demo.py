"""One set of figures through the shared embedded demo, as the office would use it: two bodies
report different values, the conflict is listed, a leader adopts one value and the figures show it
(JSON API with demo tokens); the figures page with the demo's seeded conflict in headless Chromium,
adopted from its form."""

from __future__ import annotations

import secrets

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.wait import WebDriverWait

from tests.e2e.browser_waits import staleness_of
from tests.e2e.live_demo import LiveDemo
from tests.e2e.test_incoming_documents_ui import (  # noqa: F401 (fixture)
    WAIT_SECONDS,
    _wait,
    browser,
    open_signed_in,
)

pytestmark = pytest.mark.e2e

COMMUNE = "16885"
BASE = f"/api/v1/communes/{COMMUNE}"


def test_two_bodies_report_different_values_and_the_adopted_one_is_the_figure(live_demo: LiveDemo) -> None:
    clerk = {"Authorization": f"Bearer {live_demo.token(f'vanthu-{COMMUNE}')}"}
    leader = {"Authorization": f"Bearer {live_demo.token(f'lanhdao-{COMMUNE}')}"}
    # A month of its own, so a rerun on the same demo or the fuzzing meets no earlier report.
    period = f"{2000 + secrets.randbelow(20)}-{1 + secrets.randbelow(12):02d}"
    report = {"indicator": "THU_NSNN", "period": period, "body": "UBND", "value": "1250.5"}
    with live_demo.client() as http:
        catalogue = http.get("/api/v1/indicators", headers=clerk)
        first = http.post(f"{BASE}/figures", json=report, headers=clerk)
        second = http.post(f"{BASE}/figures", json={**report, "body": "HDND", "value": "1300"}, headers=clerk)
        out_of_range = http.post(f"{BASE}/figures", json={**report, "value": "-5"}, headers=clerk)
        conflict_id = second.json().get("conflict_id")
        # Read-your-writes: a report answers once the read model has it.
        listed = http.get(f"{BASE}/figure-conflicts", params={"status": "open"}, headers=clerk)
        adopted = http.post(
            f"{BASE}/figure-conflicts/{conflict_id}/adopt",
            json={"body": "HDND", "reason": "Số liệu đã đối chiếu với Kho bạc"},
            headers=leader,
        )
        twice = http.post(
            f"{BASE}/figure-conflicts/{conflict_id}/adopt",
            json={"body": "UBND", "reason": "x"},
            headers=leader,
        )
        shown = http.get(f"{BASE}/figures", params={"indicator": "THU_NSNN", "period": period}, headers=clerk)

    assert catalogue.status_code == 200 and len(catalogue.json()["indicators"]) == 12
    assert first.status_code == 201 and first.json()["status"] == "agreed", first.text
    assert second.status_code == 201 and second.json()["status"] == "conflict", second.text
    assert out_of_range.status_code == 422
    assert out_of_range.json()["errors"][0]["type"] == "value_out_of_range"
    assert conflict_id in [c["conflict_id"] for c in listed.json()["conflicts"]]
    assert adopted.status_code == 200 and adopted.json()["value"] == "1300", adopted.text
    assert twice.status_code == 409
    [figure] = shown.json()["figures"]
    assert (figure["status"], figure["value"]) == ("adopted", "1300")
    assert [(e["kind"], e["body"], e["value"]) for e in figure["history"]] == [
        ("report", "UBND", "1250.5"),
        ("report", "HDND", "1300"),
        ("adoption", "HDND", "1300"),
    ]


def test_the_figures_page_shows_the_seeded_conflict_and_a_leader_adopts_it_from_the_form(
    live_demo: LiveDemo,
    browser: WebDriver,  # noqa: F811
) -> None:
    open_signed_in(browser, f"{live_demo.base_url}/communes/16876/so-lieu", "lanhdao-16876")
    conflicts = _wait(browser, "conflicts")
    assert "Tỷ lệ hộ nghèo" in conflicts and "13.1" in conflicts
    row = browser.find_element(By.CSS_SELECTOR, "#conflicts tr[data-status='open']")
    Select(row.find_element(By.NAME, "body")).select_by_value("UBND")
    row.find_element(By.NAME, "reason").send_keys("Theo kết quả rà soát chính thức")
    row.find_element(By.CSS_SELECTOR, "button[type='submit']").click()
    # The page the form redirects to shows the adoption at once (read-your-writes): never refreshed.
    WebDriverWait(browser, WAIT_SECONDS).until(staleness_of(row))
    WebDriverWait(browser, WAIT_SECONDS).until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )
    adopted = browser.find_element(
        By.CSS_SELECTOR, "#figures tr[data-indicator='TL_HO_NGHEO'][data-status='adopted']"
    )
    assert adopted.find_element(By.CLASS_NAME, "figure-value").text == "12.4"
    assert "lanhdao-16876" in adopted.text
