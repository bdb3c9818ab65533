"""Through the gateway on the demo: documents refuses a commune that does not exist today.

The demo's documents service follows the staff store's units (Tương Dương, seeded at start). A clerk
whose account names 99999 and a commune merged away on 1 July 2025 in its scope (the gateway lets
the call through; only the documents service knows the unit does not exist) is refused with a 404
problem in Vietnamese, and nothing reaches the register.
"""

from __future__ import annotations

import time

import httpx
import pytest

from tests.e2e.live_demo import LiveDemo

pytestmark = pytest.mark.e2e

CURRENT = "16876"
CLERK = "vanthu-ngoai-danh-muc"
PASSWORD = "van-thu-ngoai-danh-muc"
DOCUMENT = {
    "body_code": "UBND",
    "issuer": "UBND tỉnh Nghệ An",
    "number_symbol": "77/UBND-VP",
    "document_date": "2026-11-02",
    "document_type": "CV",
    "summary": "Về việc rà soát đơn vị hành chính sau sắp xếp",
    "urgency": "NORMAL",
    "received_date": "2026-11-03",
}


def _bearer(demo: LiveDemo, username: str, password: str = "demo") -> dict[str, str]:
    return {"Authorization": f"Bearer {demo.token(username, password)}"}


def _merged_away_in_2025(http: httpx.Client, headers: dict[str, str]) -> str:
    """A commune that merged into xã Tương Dương on 1 July 2025, as the staff register says."""
    lineage = http.get(f"/api/v1/units/{CURRENT}/lineage", headers=headers)
    assert lineage.status_code == 200, lineage.text
    steps = [s for s in lineage.json()["came_from"] if s["predecessor"]["valid_to"] == "2025-06-30"]
    assert steps, lineage.text
    return str(steps[0]["predecessor"]["code"])


def _register_entries(http: httpx.Client, commune: str, headers: dict[str, str]) -> list[dict[str, object]]:
    page = http.get(
        f"/api/v1/communes/{commune}/incoming-register",
        params={"body": "UBND", "year": 2026, "page_size": 500},
        headers=headers,
    )
    assert page.status_code == 200, page.text
    rows: list[dict[str, object]] = page.json()["rows"]
    return rows


def test_registering_for_commune_99999_or_one_merged_away_is_a_vietnamese_404_and_nothing_is_registered(
    live_demo: LiveDemo,
) -> None:
    with live_demo.client() as http:
        admin = _bearer(live_demo, "quantri")
        gone = _merged_away_in_2025(http, admin)
        opened = http.post(
            "/api/v1/accounts",
            json={
                "username": CLERK,
                "display_name": "Văn thư thử nghiệm",
                "roles": ["clerk"],
                "scope": ["99999", gone, CURRENT],
                "password": PASSWORD,
            },
            headers=admin,
        )
        assert opened.status_code == 201, opened.text
        clerk = _bearer(live_demo, CLERK, PASSWORD)

        unknown = http.post("/api/v1/communes/99999/incoming-documents", json=DOCUMENT, headers=clerk)
        in_english = http.post(
            "/api/v1/communes/99999/incoming-documents",
            json=DOCUMENT,
            headers={**clerk, "Accept-Language": "en"},
        )
        merged = http.post(f"/api/v1/communes/{gone}/incoming-documents", json=DOCUMENT, headers=clerk)
        current = http.post(f"/api/v1/communes/{CURRENT}/incoming-documents", json=DOCUMENT, headers=clerk)
        assert current.status_code == 201, current.text

        # Once reporting shows the accepted document, it has read past anything the refusals appended.
        deadline = time.monotonic() + 30
        while not any(
            e["document_id"] == current.json()["document_id"] for e in _register_entries(http, CURRENT, clerk)
        ):
            assert time.monotonic() < deadline, "the accepted document never reached the register"
            time.sleep(0.1)
        registers = {code: _register_entries(http, code, clerk) for code in ("99999", gone)}

    assert unknown.status_code == 404, unknown.text
    assert unknown.headers["content-type"].startswith("application/problem+json")
    assert unknown.json()["detail"].startswith("Xã mã '99999' không tồn tại vào ngày")
    assert in_english.status_code == 404
    assert in_english.json()["detail"].startswith("Commune '99999' does not exist on")
    assert merged.status_code == 404, merged.text
    assert f"Xã mã '{gone}' không tồn tại" in merged.json()["detail"]
    assert registers == {"99999": [], gone: []}
