"""The audit history on the embedded demo (#13): a document registered by the clerk, passed on and
directed by the leader shows who did what, to the auditor, now and as of an earlier moment."""

from __future__ import annotations

import pytest

from tests.e2e.live_demo import LiveDemo
from tests.e2e.test_incoming_documents_ui import COMMUNE
from tests.e2e.test_tasks_demo import BASE, _as, _directed_task

pytestmark = pytest.mark.e2e


def test_the_auditor_reads_who_registered_passed_on_and_directed_a_document(live_demo: LiveDemo) -> None:
    oneoffice = live_demo.base_url
    document_id, _ = _directed_task(oneoffice)
    with _as(oneoffice, "kiemtoan") as auditor:
        now = auditor.get(f"{BASE}/documents/{document_id}/history")
        assert now.status_code == 200, now.text
        entries = now.json()["entries"]
        first = entries[0]["recorded_at"]
        then = auditor.get(f"{BASE}/documents/{document_id}/history", params={"as_of": first})
        before = auditor.get(
            f"{BASE}/documents/{document_id}/history", params={"as_of": "2000-01-01T00:00:00Z"}
        )
        unknown = auditor.get(f"{BASE}/documents/khong-co/history")
    who_did_what = [(e["actor"], e["event_type"].rsplit(".", 1)[1]) for e in entries]
    assert who_did_what[:3] == [
        (f"vanthu-{COMMUNE}", "IncomingDocumentRegistered"),
        (f"vanthu-{COMMUNE}", "DocumentPassedOn"),
        (f"lanhdao-{COMMUNE}", "TaskCreated"),
    ]
    assert then.status_code == 200 and [e["event_type"] for e in then.json()["entries"]] == [
        "documents.IncomingDocumentRegistered"
    ]
    assert before.status_code == 422 and unknown.status_code == 404
    with _as(oneoffice, f"vanthu-{COMMUNE}") as clerk:
        assert clerk.get(f"{BASE}/documents/{document_id}/history").status_code == 403
