"""The audit history on the embedded demo (#13): a document registered by a clerk, passed on and
directed by a leader shows who did what, to an auditor, now and as of an earlier moment.

The shared demo's own accounts are fair game for the fuzz test (it disables and resets them), so
this test opens its own clerk, leader and auditor with the administrator's token.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

import httpx
import pytest

from tests.e2e.live_demo import LiveDemo
from tests.e2e.test_attachments_demo import _registered_document
from tests.e2e.test_incoming_documents_ui import COMMUNE, _office_today

pytestmark = pytest.mark.e2e

BASE = f"/api/v1/communes/{COMMUNE}"
HANDLER_PERSON = f"demo-{COMMUNE}-vptk"


def _account(live_demo: LiveDemo, username: str, role: str, scope: list[str]) -> httpx.Client:
    password = secrets.token_urlsafe(16)
    with live_demo.client() as http:
        opened = http.post(
            "/api/v1/accounts",
            headers={"Authorization": f"Bearer {live_demo.token('quantri')}"},
            json={
                "username": username,
                "display_name": username,
                "roles": [role],
                "scope": scope,
                "password": password,
            },
        )
    assert opened.status_code == 201, opened.text
    bearer = {"Authorization": f"Bearer {live_demo.token(username, password)}"}
    return httpx.Client(base_url=live_demo.base_url, timeout=60.0, trust_env=False, headers=bearer)


def test_the_auditor_reads_who_registered_passed_on_and_directed_a_document(live_demo: LiveDemo) -> None:
    suffix = secrets.token_hex(3)
    clerk_name, leader_name = f"ls-vanthu-{suffix}", f"ls-lanhdao-{suffix}"
    with (
        _account(live_demo, clerk_name, "clerk", [COMMUNE]) as clerk,
        _account(live_demo, leader_name, "leader", [COMMUNE]) as leader,
        _account(live_demo, f"ls-kiemtoan-{suffix}", "auditor", []) as auditor,
    ):
        document_id = _registered_document(clerk)
        passed = clerk.post(
            f"{BASE}/incoming-documents/{document_id}/pass-on",
            json={"recipient_kind": "leader", "recipient": f"demo-{COMMUNE}-pbt", "needs_action": True},
        )
        assert passed.status_code == 201, passed.text
        deadline = (_office_today().date() + timedelta(days=14)).isoformat()
        directed = leader.post(
            f"{BASE}/incoming-documents/{document_id}/direction",
            json={"lead": HANDLER_PERSON, "coordinators": [f"demo-{COMMUNE}-vpdu"], "deadline": deadline},
        )
        assert directed.status_code == 201, directed.text

        now = auditor.get(f"{BASE}/documents/{document_id}/history")
        assert now.status_code == 200, now.text
        entries = now.json()["entries"]
        then = auditor.get(
            f"{BASE}/documents/{document_id}/history", params={"as_of": entries[0]["recorded_at"]}
        )
        before = auditor.get(
            f"{BASE}/documents/{document_id}/history", params={"as_of": "2000-01-01T00:00:00Z"}
        )
        unknown = auditor.get(f"{BASE}/documents/khong-co/history")
        refused = clerk.get(f"{BASE}/documents/{document_id}/history")

    assert [(e["actor"], e["event_type"].rsplit(".", 1)[1]) for e in entries][:3] == [
        (clerk_name, "IncomingDocumentRegistered"),
        (clerk_name, "DocumentPassedOn"),
        (leader_name, "TaskCreated"),
    ]
    assert then.status_code == 200, then.text
    assert [e["event_type"] for e in then.json()["entries"]] == ["documents.IncomingDocumentRegistered"]
    assert before.status_code == 422 and unknown.status_code == 404 and refused.status_code == 403
