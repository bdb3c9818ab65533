"""People of the commune offices through the embedded demo, as a user would reach them: the JSON API
with demo accounts' tokens, and the people page in headless Chromium (reusing the e2e fixtures of the
incoming-documents UI test). The page takes the bearer token through the browser's DevTools until
pages get their session."""

from __future__ import annotations

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.e2e.test_incoming_documents_ui import _wait, browser, oneoffice, open_signed_in  # noqa: F401

pytestmark = pytest.mark.e2e

CLERK = {
    "name": "Hà Thị Ngọc",
    "title": "Tư pháp - hộ tịch",
    "category": "công chức",
    "bodies": ["UBND"],
    "allowance": "2.34",
    "effective": "2026-01-05",
}


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    issued = http.post("/api/v1/auth/token", data={"username": username, "password": "demo"})
    assert issued.status_code == 200, issued.text
    return {"Authorization": f"Bearer {issued.json()['access_token']}"}


def test_the_demo_staff_their_team_and_the_pilot_adoptions_and_a_team_lead_adds_a_person(
    oneoffice: str,  # noqa: F811
) -> None:
    with httpx.Client(base_url=oneoffice, timeout=10.0, trust_env=False) as http:
        lead, clerk = _token(http, "totruong-16876"), _token(http, "vanthu-16876")
        staff = http.get("/api/v1/communes/16876/staff", params={"as_of": "2026-01-01"}, headers=clerk)
        team = http.get("/api/v1/communes/16882/office-team", params={"as_of": "2026-01-01"}, headers=lead)
        nhon_mai = http.get("/api/v1/communes/16882/staff", params={"as_of": "2026-01-01"},
                            headers=_token(http, "vanthu-16882"))  # fmt: skip
        adoptions = http.get("/api/v1/model-adoptions", params={"as_of": "2017-12-31"}, headers=clerk)
        refused = http.post("/api/v1/communes/16876/staff", json=CLERK, headers=clerk)
        added = http.post("/api/v1/communes/16876/staff", json=CLERK, headers=lead)
        person = added.json()
        outside = http.post(
            f"/api/v1/communes/16876/staff/{person.get('person_id')}/transfer",
            json={"to_commune": "16882", "effective": "2026-02-01"},
            headers=lead,
        )
        listed = http.get("/api/v1/communes/16876/staff", params={"as_of": "2026-01-05"}, headers=clerk)

    by_title = {p["title"]: p for p in staff.json()["people"]}
    party_clerk = by_title["Văn phòng Đảng ủy"]
    assert (party_clerk["category"], party_clerk["allowance"]) == ("không chuyên trách", "1.0")
    assert len(party_clerk["bodies"]) > len(by_title["Văn phòng - thống kê"]["bodies"])
    assert team.status_code == 403  # 16882 is not the Tương Dương team lead's
    assert "Vi Thị Lan" in {p["name"] for p in nhon_mai.json()["people"]}  # Mai Sơn's clerk since 2017
    assert len(adoptions.json()["adoptions"]) == 3
    assert refused.status_code == 403
    assert added.status_code == 201, added.text
    assert outside.status_code == 403
    assert person["person_id"] in {p["person_id"] for p in listed.json()["people"]}


def test_the_people_page_shows_the_staff_with_bodies_and_allowance_and_the_office_team(
    oneoffice: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    open_signed_in(browser, f"{oneoffice}/communes/16876/nhan-su?as_of=2026-01-01", "vanthu-16876")
    assert "01/01/2026" in _wait(browser, "staff-title")
    rows = {
        r.get_attribute("data-person"): r.text
        for r in browser.find_elements(By.CSS_SELECTOR, "tr[data-person]")
    }
    assert "Văn phòng Đảng ủy" in rows["demo-16876-vpdu"] and "1.0" in rows["demo-16876-vpdu"]
    assert "Vi Văn Sơn" in _wait(browser, "team-lead")
    assert "01/QĐ-UBND-16876" in _wait(browser, "decision")

    browser.get(f"{oneoffice}/communes/16876/nhan-su?as_of=2026-01-01&lang=en")
    assert "Staff on 01/01/2026" in _wait(browser, "staff-title")
    assert "Allowance coefficient" in browser.page_source
