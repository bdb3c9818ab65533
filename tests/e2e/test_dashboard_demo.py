"""The district dashboard (#13) through the gateway on the shared demo: the demo seeds Tương Dương's
units (the district until 1 July 2025, its seventeen communes then) with the 2017 pilot adoptions, so
the district's dashboard as of 2024 shows the pilot communes against the others; the province's as
of now, the nine new communes with the pilot's history rolled into their successors."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from tests.e2e.live_demo import LiveDemo

pytestmark = pytest.mark.e2e

DEADLINE_SECONDS = 30.0
PILOT_NAMES = {"Thạch Giám", "Mai Sơn", "Yên Hòa"}  # Hòa Bình's pilot rolled into Thạch Giám in 2020


def _bearer(demo: LiveDemo, username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.token(username)}"}


def _district_code(http: httpx.Client, headers: dict[str, str]) -> str:
    listed = http.get("/api/v1/units", params={"parent": "40", "as_of": "2024-01-01"}, headers=headers)
    assert listed.status_code == 200, listed.text
    return next(u["code"] for u in listed.json()["units"] if u["kind"] == "district")


def _dashboard(http: httpx.Client, url: str, headers: dict[str, str], **params: str) -> httpx.Response:
    """The answer once the projection has read the seeded units (polled, bounded)."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        answer = http.get(url, params=params, headers=headers)
        if answer.status_code != 404 and (answer.status_code != 200 or answer.json()["communes"]):
            return answer
        if time.monotonic() > deadline:
            return answer
        time.sleep(0.2)


def test_the_districts_dashboard_shows_the_pilot_communes_against_the_others(live_demo: LiveDemo) -> None:
    viewer = _bearer(live_demo, "huyen-tuongduong")
    with live_demo.client() as http:
        district = _district_code(http, viewer)
        answer = _dashboard(http, f"/api/v1/units/{district}/dashboard", viewer,
                            period="2017", as_of="2024-01-01T00:00:00Z")  # fmt: skip

    assert answer.status_code == 200, answer.text
    board = answer.json()
    assert board["unit_name"] == "Tương Dương" and board["viewed_on"] == "2024-01-01"
    pilots = {c["name"] for c in board["communes"] if c["pilot"]}
    assert pilots == PILOT_NAMES
    assert len(board["communes"]) == 17  # fifteen merged in 2025, two unchanged
    assert {a["adopted_on"] for a in board["adoptions"]} == {"2017-06-01"}
    assert board["totals"]["documents_in"] == sum(c["kpis"]["documents_in"] for c in board["communes"])
    assert {p["source"] for p in board["as_of_positions"]["positions"]} >= {"store:staff"}


def test_the_provinces_dashboard_of_today_rolls_the_pilot_into_the_new_communes(live_demo: LiveDemo) -> None:
    auditor = _bearer(live_demo, "kiemtoan")
    with live_demo.client() as http:
        answer = _dashboard(http, "/api/v1/units/40/dashboard", auditor, period="2026")

    assert answer.status_code == 200, answer.text
    board = answer.json()
    assert len(board["communes"]) == 9
    pilot_codes = {c["commune_id"] for c in board["communes"] if c["pilot"]}
    assert pilot_codes == {"16876", "16882", "16909"}


def test_bad_input_and_a_unit_outside_the_scope_are_problems(live_demo: LiveDemo) -> None:
    viewer, leader = _bearer(live_demo, "huyen-tuongduong"), _bearer(live_demo, "lanhdao-16876")
    with live_demo.client() as http:
        district = _district_code(http, viewer)
        url = f"/api/v1/units/{district}/dashboard"
        _dashboard(http, url, viewer, period="2017", as_of="2024-01-01T00:00:00Z")  # caught up
        wrong_shape = http.get(url, params={"period": "2017-Q9"}, headers=viewer)
        future = http.get(url, params={"period": "2999"}, headers=viewer)
        too_early = http.get(url, params={"period": "2017", "as_of": "2016-06-01T00:00:00Z"}, headers=viewer)
        unknown = http.get("/api/v1/units/99999/dashboard", params={"period": "2017"}, headers=viewer)
        outside = http.get(url, params={"period": "2017", "as_of": "2024-01-01T00:00:00Z"}, headers=leader)

    for refused, status, saying in (
        (wrong_shape, 422, "không đúng dạng"),
        (future, 422, "chưa bắt đầu"),
        (too_early, 422, "sự kiện đầu tiên"),
        (unknown, 404, "99999"),
        (outside, 403, "phạm vi"),
    ):
        assert refused.status_code == status, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
        assert saying in refused.json()["detail"], refused.text


SUMMED = ("documents_in", "documents_out", "completed", "on_time", "overdue", "coverage_events",
          "figures_in_conflict")  # fmt: skip


def _all_pages(http: httpx.Client, url: str, headers: dict[str, str], **params: str) -> list[dict[str, Any]]:
    """Every page of one snapshot (the same positions on each): swept again while the demo moves."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        pages = [_dashboard(http, url, headers, offset="0", **params).json()]
        while pages[-1]["offset"] + pages[-1]["limit"] < pages[-1]["commune_count"]:
            offset = str(pages[-1]["offset"] + pages[-1]["limit"])
            answer = http.get(url, params={**params, "offset": offset}, headers=headers)
            assert answer.status_code == 200, answer.text
            pages.append(answer.json())
        positions = {str(p["as_of_positions"]["positions"]) for p in pages}
        if len(positions) == 1 or time.monotonic() > deadline:
            return pages


def test_the_provinces_pages_of_one_snapshot_add_up_to_the_totals_of_every_commune(
    live_demo: LiveDemo,
) -> None:
    auditor = _bearer(live_demo, "kiemtoan")
    with live_demo.client() as http:
        pages = _all_pages(http, "/api/v1/units/40/dashboard", auditor, period="2026", limit="4",
                           sort="-documents_in", as_of="2026-11-01T00:00:00Z")  # fmt: skip

    rows = [c for page in pages for c in page["communes"]]
    assert [len(p["communes"]) for p in pages] == [4, 4, 1]
    assert len({c["commune_id"] for c in rows}) == 9 == pages[0]["commune_count"]
    assert [c["kpis"]["documents_in"] for c in rows] == sorted(
        (c["kpis"]["documents_in"] for c in rows), reverse=True
    )
    for kpi in SUMMED:
        assert pages[0]["totals"][kpi] == sum(c["kpis"][kpi] for c in rows), kpi
    assert all(p["totals"] == pages[0]["totals"] and p["pilot"] == pages[0]["pilot"] for p in pages)
    waves = pages[0]["adoption_waves"]
    assert sum(w["communes"] for w in waves) == sum(1 for c in rows if c["adoption"])
    assert {w["communes"] for w in waves if w["pilot"]} == {3}
    for page in pages:  # a page's adoptions are its communes' (a merged unit's: its successor's row)
        assert sorted(map(str, page["adoptions"])) == sorted(
            str(c["adoption"]) for c in page["communes"] if c["adoption"]
        )


def test_the_dashboard_page_pages_and_sorts_the_provinces_communes(live_demo: LiveDemo) -> None:
    with live_demo.client() as http:
        _dashboard(http, "/api/v1/units/40/dashboard", _bearer(live_demo, "kiemtoan"), period="2026")
        http.cookies.set("oneoffice_session", live_demo.token("kiemtoan"))
        page = http.get("/don-vi/40/tong-quan", params={"period": "2026", "sort": "-overdue", "offset": "4"})
        unknown = http.get("/don-vi/40/tong-quan", params={"period": "2026", "sort": "size"})

    assert page.status_code == 200, page.text
    assert "Xã 5–9 / 9" in page.text and 'rel="prev"' in page.text and 'rel="next"' not in page.text
    assert page.text.count('<tr data-commune="') == 5 and 'aria-sort="descending"' in page.text
    assert 'href="/don-vi/40/tong-quan?period=2026&amp;sort=overdue" data-sort-column="overdue"' in page.text
    assert "Không sắp xếp được" in unknown.text
