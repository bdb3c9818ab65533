"""The registers exported through the shared demo (#13): a clerk registers and passes on an incoming
document and numbers an outgoing one, then downloads the registers: the CSV parses with the
regulation's headers and holds the lines (the projections follow the documents store)."""

from __future__ import annotations

import csv
import io
import time
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from tests.e2e.live_demo import LiveDemo

pytestmark = pytest.mark.e2e

COMMUNE = "16876"
API = f"/api/v1/communes/{COMMUNE}"
WAIT_SECONDS = 20.0


def _rows(http: httpx.Client, kind: str, year: int, expected: int) -> list[list[str]]:
    """The register as CSV once it holds ``expected`` lines (the projections catch up)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        answer = http.get(f"{API}/registers/{kind}", params={"body": "UBND", "year": year, "format": "csv"})
        assert answer.status_code == 200, answer.text
        assert answer.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
        if len(rows) - 1 >= expected or time.monotonic() > deadline:
            return rows
        time.sleep(0.2)


def test_a_clerk_exports_the_incoming_and_outgoing_registers_as_csv_and_xlsx(live_demo: LiveDemo) -> None:
    today = datetime.now(UTC).astimezone(timezone(timedelta(hours=7))).date()
    with live_demo.client() as http:
        http.headers["Authorization"] = f"Bearer {live_demo.token(f'vanthu-{COMMUNE}')}"
        registered = http.post(
            f"{API}/incoming-documents",
            json={
                "body_code": "UBND",
                "issuer": "UBND tỉnh Nghệ An",
                "number_symbol": "77/UBND-VX",
                "document_date": today.isoformat(),
                "document_type": "CV",
                "summary": "Về việc báo cáo sổ đăng ký văn bản",
                "received_date": today.isoformat(),
            },
        )
        assert registered.status_code == 201, registered.text
        document_id = registered.json()["document_id"]
        deadline = time.monotonic() + WAIT_SECONDS
        while http.get(f"{API}/incoming-documents/{document_id}").status_code != 200:  # the read model
            assert time.monotonic() < deadline, "the registered document never became readable"
            time.sleep(0.2)
        passed = http.post(
            f"{API}/incoming-documents/{document_id}/pass-on",
            json={"recipient_kind": "body", "recipient": "UBND"},
        )
        assert passed.status_code == 201, passed.text
        staff = http.get(f"{API}/staff", params={"as_of": today.isoformat()}).json()["people"]
        drafted = http.post(
            f"{API}/outgoing-documents",
            json={
                "body_code": "UBND",
                "document_type": "QD",
                "summary": "Về việc ban hành danh mục hồ sơ năm",
                "authority": "TM.",
                "signer_id": staff[0]["person_id"],
                "place_name": "Tương Dương",
                "recipients": ["Các cơ quan, đơn vị thuộc xã", "Lưu: VT"],
            },
        )
        assert drafted.status_code == 201, drafted.text
        numbered = http.post(f"{API}/outgoing-documents/{drafted.json()['document_id']}/number", json={})
        assert numbered.status_code == 200, numbered.text

        incoming = _rows(http, "incoming", today.year, 1)
        outgoing = _rows(http, "outgoing", today.year, 1)
        xlsx = http.get(f"{API}/registers/outgoing", params={"body": "UBND", "format": "xlsx"})
        unknown = http.get(f"{API}/registers/minutes", params={"body": "UBND"})

    assert incoming[0][:4] == ["Ngày đến", "Số đến", "Tác giả", "Số, ký hiệu"]
    line = next(r for r in incoming[1:] if r[3] == "77/UBND-VX")
    assert (line[6], line[7]) == ("UBND", today.strftime("%d/%m/%Y"))
    assert line[8] not in ("", f"vanthu-{COMMUNE}"), "Ký nhận shows who passed it on by name"
    assert outgoing[0][0] == "Số, ký hiệu văn bản"
    symbol = numbered.json()["number_symbol"]
    assert [r[5] for r in outgoing[1:] if r[0] == symbol] == ["VT"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[1]][:2] == ["Số, ký hiệu văn bản", "Ngày tháng văn bản"]
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
