"""Administrative units through the embedded demo, as a user would reach them: the JSON API with a
demo account's token, and the page in headless Chromium (reusing the e2e fixtures of the
incoming-documents UI test: OneOffice as ``make demo`` runs it, and the browser)."""

from __future__ import annotations

import httpx
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from tests.e2e.test_incoming_documents_ui import _wait, browser, oneoffice  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

NINE = {"16876", "16882", "16885", "16903", "16906", "16909", "16912", "16933", "16936"}


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    issued = http.post("/api/v1/auth/token", data={"username": username, "password": "demo"})
    assert issued.status_code == 200, issued.text
    return {"Authorization": f"Bearer {issued.json()['access_token']}"}


def test_the_demo_serves_the_tuong_duong_history_and_an_admin_reorganises(oneoffice: str) -> None:  # noqa: F811
    with httpx.Client(base_url=oneoffice, timeout=10.0, trust_env=False) as http:
        clerk, admin = _token(http, "vanthu-16876"), _token(http, "quantri")
        in_2026 = http.get("/api/v1/units", params={"parent": "40", "as_of": "2026-01-01"}, headers=clerk)
        in_2019 = {"parent": "NA-TUONG-DUONG", "as_of": "2019-06-01"}
        district = http.get("/api/v1/units", params=in_2019, headers=clerk)
        lineage = http.get("/api/v1/units/16876/lineage", headers=clerk)
        bodies = http.get("/api/v1/units/16876/bodies", params={"as_of": "2026-01-01"}, headers=clerk)
        rename = {"kind": "rename", "units": ["16906"], "name": "Lượng Minh Mới", "effective": "2026-06-01"}
        refused = http.post("/api/v1/units/reorganisations", json=rename, headers=clerk)
        recorded = http.post("/api/v1/units/reorganisations", json=rename, headers=admin)
        before = http.get("/api/v1/units/16906", params={"as_of": "2026-01-01"}, headers=clerk)
        after = http.get("/api/v1/units/16906", params={"as_of": "2026-06-01"}, headers=clerk)

    assert {u["code"] for u in in_2026.json()["units"]} == NINE, in_2026.text
    assert "Hòa Bình" in {u["name"] for u in district.json()["units"]}
    assert {s["predecessor"]["name"] for s in lineage.json()["came_from"]} == {
        "Thạch Giám", "Lưu Kiền", "Xá Lượng", "Hòa Bình",
    }  # fmt: skip
    assert [b["code"] for b in bodies.json()["bodies"]][:3] == ["DANG_UY", "HDND", "UBND"], bodies.text
    assert {len(b["carried_from"]) for b in bodies.json()["bodies"]} == {3}  # Thạch Giám, Lưu Kiền, Xá Lượng
    assert refused.status_code == 403
    assert recorded.status_code == 201, recorded.text
    assert (before.json()["name"], after.json()["name"]) == ("Lượng Minh", "Lượng Minh Mới")


def test_the_units_page_shows_the_tree_on_the_chosen_day_and_a_units_lineage(
    oneoffice: str,  # noqa: F811
    browser: WebDriver,  # noqa: F811
) -> None:
    browser.get(f"{oneoffice}/don-vi-hanh-chinh?as_of=2019-06-01")
    assert "01/06/2019" in _wait(browser, "tree-title")
    shown = {e.get_attribute("data-code") for e in browser.find_elements(By.CSS_SELECTOR, "li[data-code]")}
    assert {"40", "NA-TUONG-DUONG", "TD-HOA-BINH"} <= shown and "16876" not in shown

    day = browser.find_element(By.ID, "as_of")
    browser.execute_script("arguments[0].value = '2026-01-01'", day)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert "01/01/2026" in _wait(browser, "tree-title")
    shown = {e.get_attribute("data-code") for e in browser.find_elements(By.CSS_SELECTOR, "li[data-code]")}
    assert shown == NINE | {"40"}

    browser.find_element(By.CSS_SELECTOR, "li[data-code='16876'] > a").click()
    assert "Hòa Bình" in _wait(browser, "came-from") and "Thạch Giám" in _wait(browser, "came-from")
    assert "Đảng ủy (DANG_UY), từ ngày 01/07/2025 — tiếp nối từ" in _wait(browser, "bodies")

    browser.get(f"{oneoffice}/don-vi-hanh-chinh?as_of=2019-06-01&unit=TD-HOA-BINH&lang=en")
    assert "Tương Dương" in _wait(browser, "became") and "Came from" in browser.page_source
    assert browser.find_element(By.CSS_SELECTOR, "abbr.synthetic").text == "synthetic code"
