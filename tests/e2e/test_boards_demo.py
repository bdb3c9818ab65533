"""The boards of tracked work (#12) through the embedded demo: the board of a commune where nothing
was registered is empty — but answered with its "as of" (the documents store the projection reads,
and when), to the roles that may read it; and the two pages render in headless Chromium.

The shared demo's other tests register and direct documents in 16876; none writes to 16882, whose
board stays empty. Demo accounts: ``vanthu-16882`` is the Party office clerk ``demo-16882-vpdu`` (a
staff member); ``quantri`` (the administrator) is no staff member of a commune.
"""

from __future__ import annotations

import httpx
import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from tests.e2e.test_incoming_documents_ui import (  # noqa: F401 (fixtures)
    _wait,
    browser,
    oneoffice,
    open_signed_in,
)

pytestmark = pytest.mark.e2e

COMMUNE = "16882"
BOARD = f"/api/v1/communes/{COMMUNE}/work-board"
EMPTY = {"open": 0, "due_soon": 0, "overdue": 0, "untracked": 0}


def _token(http: httpx.Client, username: str) -> dict[str, str]:
    issued = http.post("/api/v1/auth/token", data={"username": username, "password": "demo"})
    assert issued.status_code == 200, issued.text
    return {"Authorization": f"Bearer {issued.json()['access_token']}"}


def test_the_demo_board_is_empty_with_its_as_of_and_only_for_those_who_may_read_it(
    oneoffice: str,  # noqa: F811
) -> None:
    with httpx.Client(base_url=oneoffice, timeout=10.0, trust_env=False) as http:
        clerk = _token(http, f"vanthu-{COMMUNE}")
        board = http.get(BOARD, headers=clerk)
        district = http.get(BOARD, headers=_token(http, "huyen-tuongduong"))
        auditor = http.get(BOARD, headers=_token(http, "kiemtoan"))
        other = http.get(BOARD, headers=_token(http, "vanthu-16876"))
        admin = _token(http, "quantri")
        by_admin = http.get(BOARD, headers=admin)
        today = http.get("/api/v1/me/today", headers=clerk)
        nobody = http.get("/api/v1/me/today", headers=admin)

    assert board.status_code == 200, board.text
    body = board.json()
    assert body["totals"] == EMPTY and body["tasks"] == [] and body["untracked"] == []
    assert body["as_of"]["read_at"]
    # Embedded: the projection reads the documents store (positions appear once it has read events).
    assert all(p["source"] == "store:documents" for p in body["as_of"]["positions"])
    assert district.status_code == 200 and auditor.status_code == 200
    assert other.status_code == 403 and by_admin.status_code == 403
    assert today.status_code == 200, today.text
    assert today.json()["person_id"] == f"demo-{COMMUNE}-vpdu" and today.json()["tasks"] == []
    assert today.json()["as_of"]["read_at"]
    assert nobody.status_code == 404


def test_the_board_and_today_pages_render_in_chromium(oneoffice: str, browser: WebDriver) -> None:  # noqa: F811
    open_signed_in(browser, f"{oneoffice}/communes/{COMMUNE}/bang-cong-viec", f"vanthu-{COMMUNE}")
    assert "Số liệu tính đến" in _wait(browser, "as-of")
    assert "Không có việc nào đang xử lý." in _wait(browser, "tasks")
    assert "Không có văn bản nào chưa giao việc." in _wait(browser, "untracked")

    browser.get(f"{oneoffice}/hom-nay")
    assert "Số liệu tính đến" in _wait(browser, "as-of")
    assert "Không có văn bản nào chờ chỉ đạo." in _wait(browser, "waiting")
