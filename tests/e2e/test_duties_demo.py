"""Duties through the embedded demo, as a user would reach them: the seeded catalogue adopted by
every commune, gaps, refusals, coverage (JSON API with demo tokens) and the duties page in headless
Chromium (reusing the e2e fixtures of the incoming-documents UI test).

The demo's staff of 16876 (seeded by ``deploy/embedded/.../demo_people.py``): the Party office clerk
``demo-16876-vpdu`` and the office-and-statistics civil servant ``demo-16876-vptk``.
"""

from __future__ import annotations

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

COMMUNE = "16876"
BASE = f"/api/v1/communes/{COMMUNE}"
SEEDED = {"INCOMING_REGISTER", "OUTGOING_ISSUE", "RECORD_FILES", "STATISTICS", "CONFERENCES"}


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    issued = http.post("/api/v1/auth/token", data={"username": username, "password": "demo"})
    assert issued.status_code == 200, issued.text
    return {"Authorization": f"Bearer {issued.json()['access_token']}"}


def _office_today() -> str:
    return datetime.now(UTC).astimezone(timezone(timedelta(hours=7))).date().isoformat()


def test_the_demo_catalogue_is_adopted_by_the_commune_and_every_duty_is_a_gap_until_assigned(
    oneoffice: str,  # noqa: F811
) -> None:
    with httpx.Client(base_url=oneoffice, timeout=10.0, trust_env=False) as http:
        clerk, lead = _token(http, "vanthu-16876"), _token(http, "totruong-16876")
        catalogue = http.get("/api/v1/duty-catalogue", headers=clerk)
        gaps = http.get(f"{BASE}/duty-gaps", headers=clerk)
        coverage = http.get(f"{BASE}/coverage", params={"on": "2026-03-02"}, headers=clerk)
        by_clerk = http.put(
            f"{BASE}/duties/STATISTICS/assignment", json={"primary": "a", "backup": "b"}, headers=clerk
        )
        stranger = http.put(
            f"{BASE}/duties/STATISTICS/assignment", json={"primary": "a", "backup": "b"}, headers=lead
        )
        same = http.put(
            f"{BASE}/duties/STATISTICS/assignment", json={"primary": "a", "backup": "a"}, headers=lead
        )

    assert catalogue.status_code == 200, catalogue.text
    assert catalogue.json()["version"] == 1 and SEEDED <= {d["code"] for d in catalogue.json()["duties"]}
    assert gaps.json()["catalogue_version"] == 1 and SEEDED <= {g["duty"] for g in gaps.json()["gaps"]}
    assert {c["status"] for c in coverage.json()["covers"]} == {"unassigned"}
    assert by_clerk.status_code == 403
    assert stranger.status_code == 422 and "không phải cán bộ" in stranger.json()["detail"]
    assert same.status_code == 422 and "dự phòng" in same.json()["detail"]


def test_a_team_lead_assigns_starts_an_absence_and_sees_the_backup_cover(oneoffice: str) -> None:  # noqa: F811
    today = _office_today()
    with httpx.Client(base_url=oneoffice, timeout=10.0, trust_env=False) as http:
        lead = _token(http, "totruong-16876")
        assigned = http.put(
            f"{BASE}/duties/INCOMING_REGISTER/assignment",
            json={"primary": "demo-16876-vpdu", "backup": "demo-16876-vptk"},
            headers=lead,
        )
        assert assigned.status_code == 200, assigned.text
        absence = {"person": "demo-16876-vpdu", "kind": "leave", "start": today, "end": today}
        recorded = http.post(f"{BASE}/absences", json=absence, headers=lead)
        coverage = http.get(f"{BASE}/coverage", params={"on": today}, headers=lead)

    assert recorded.status_code == 201, recorded.text
    covers = {c["duty"]: c for c in coverage.json()["covers"]}
    assert (covers["INCOMING_REGISTER"]["covered_by"], covers["INCOMING_REGISTER"]["status"]) == (
        "demo-16876-vptk",
        "backup",
    )


def test_the_duties_page_shows_the_adopted_duties_and_the_gaps_in_chromium(
    oneoffice: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    open_signed_in(browser, f"{oneoffice}/communes/{COMMUNE}/phan-cong?on=2026-03-02", "totruong-16876")

    assert "02/03/2026" in _wait(browser, "coverage-title")
    assert "phiên bản 1" in _wait(browser, "catalogue-version")
    rows = {
        e.get_attribute("data-duty")
        for e in browser.find_elements(By.CSS_SELECTOR, "#assignments tr[data-duty]")
    }
    assert SEEDED <= rows
    assert "Tổng hợp số liệu" in _wait(browser, "gaps")
    statuses = {
        e.get_attribute("data-status") for e in browser.find_elements(By.CSS_SELECTOR, "#coverage tr")
    }
    assert statuses <= {"unassigned", None}
