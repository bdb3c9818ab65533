"""A commune's state at a past moment through the API and the page, over a fake history port: the
auditor reads every document as it stood then, one bounded page at a time, the summaries in the
answer's language; a clerk may not; a moment that is not one, or before the first event, is 422; a
commune with no event is 404; the page takes office time and links each document to its history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from .history_fakes import PASSED_ON, REGISTERED, FakeHistory
from .test_history_api import Open, history, open_client  # noqa: F401 (fixtures)

API = "/api/v1/communes/16876/as-of"
PAGE = "/communes/16876/luc-truoc"
AFTER_ALL = "2026-11-25T02:30:00Z"  # doc-1 passed on, doc-2 and doc-3 registered
BETWEEN = "2026-11-25T01:45:00+00:00"  # doc-1 registered, not yet passed on


async def test_the_auditor_reads_every_document_as_it_stood_at_a_moment(open_client: Open) -> None:  # noqa: F811
    async with open_client() as client:
        later = await client.get(API, params={"at": AFTER_ALL})
        earlier = await client.get(API, params={"at": BETWEEN})
    assert later.status_code == 200, later.text
    body = later.json()
    assert [d["document_id"] for d in body["documents"]] == ["doc-1", "doc-2", "doc-3"]
    assert body["documents"][0]["state"] == {"incoming_number": 1, "recipient": "lanhdao"}
    assert [(e["actor"], e["summary"]) for e in body["documents"][0]["entries"]] == [
        ("vanthu-16876", "Vào sổ văn bản đến: incoming_number=1"),
        ("vanthu-16876", "Chuyển văn bản: recipient=lanhdao"),
    ]
    assert (body["total"], body["offset"], body["next_offset"]) == (3, 0, None)
    assert earlier.status_code == 200
    assert [(d["document_id"], len(d["entries"])) for d in earlier.json()["documents"]] == [("doc-1", 1)]
    assert datetime.fromisoformat(earlier.json()["as_of"]) == REGISTERED.replace(minute=45)


async def test_the_summaries_follow_lang_or_accept_language(open_client: Open) -> None:  # noqa: F811
    async with open_client() as client:
        asked = await client.get(API, params={"at": AFTER_ALL, "lang": "en"})
        negotiated = await client.get(API, params={"at": AFTER_ALL}, headers={"Accept-Language": "en-US"})
    for answer in (asked, negotiated):
        assert answer.status_code == 200, answer.text
        assert answer.json()["documents"][0]["entries"][1]["summary"] == "Passed on: recipient=lanhdao"


async def test_the_documents_come_one_bounded_page_at_a_time(
    open_client: Open,  # noqa: F811
    history: FakeHistory,  # noqa: F811
) -> None:
    async with open_client() as client:
        first = await client.get(API, params={"at": AFTER_ALL, "limit": 2})
        last = await client.get(API, params={"at": AFTER_ALL, "limit": 2, "offset": 2})
        calls = len(history.commune_calls)
        too_many = await client.get(API, params={"at": AFTER_ALL, "limit": 201})
        negative = await client.get(API, params={"at": AFTER_ALL, "offset": -1})
        beyond_int32 = await client.get(API, params={"at": AFTER_ALL, "offset": 2**31})
    assert [d["document_id"] for d in first.json()["documents"]] == ["doc-1", "doc-2"]
    assert (first.json()["total"], first.json()["limit"], first.json()["next_offset"]) == (3, 2, 2)
    assert [d["document_id"] for d in last.json()["documents"]] == ["doc-3"]
    assert last.json()["next_offset"] is None
    assert [c[2:4] for c in history.commune_calls] == [(0, 2), (2, 2)]
    assert {too_many.status_code, negative.status_code, beyond_int32.status_code} == {422}
    assert len(history.commune_calls) == calls


async def test_a_clerk_may_not_read_the_commune_as_of_a_moment(
    open_client: Open,  # noqa: F811
    history: FakeHistory,  # noqa: F811
) -> None:
    async with open_client("vanthu-16876") as client:
        response = await client.get(API, params={"at": AFTER_ALL})
        page = await client.get(PAGE, params={"at": AFTER_ALL})
    assert response.status_code == 403 and page.status_code == 403
    assert history.commune_calls == []


async def test_a_missing_or_malformed_moment_is_422_before_the_service(
    open_client: Open,  # noqa: F811
    history: FakeHistory,  # noqa: F811
) -> None:
    async with open_client() as client:
        missing = await client.get(API)
        malformed = await client.get(API, params={"at": "hôm qua"})
        page = await client.get(PAGE, params={"at": "hôm qua"})
        edge = await client.get(PAGE, params={"at": "0001-01-01T00:00:00+14:00", "offset": "²"})
    assert missing.status_code == malformed.status_code == page.status_code == 422
    assert malformed.headers["content-type"].startswith("application/problem+json")
    assert "Thời điểm không hợp lệ" in page.text and edge.status_code == 422
    assert history.commune_calls == []


async def test_a_moment_before_the_first_event_is_a_422_problem(open_client: Open) -> None:  # noqa: F811
    async with open_client() as client:
        response = await client.get(API, params={"at": "2020-01-01T00:00:00Z"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == "Thời điểm trước sự kiện đầu tiên."


async def test_a_commune_with_no_event_is_404(open_client: Open) -> None:  # noqa: F811
    async with open_client() as client:
        response = await client.get("/api/v1/communes/16882/as-of", params={"at": AFTER_ALL})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_moment_without_offset_is_utc_in_the_api_and_office_time_on_the_page(
    open_client: Open,  # noqa: F811
    history: FakeHistory,  # noqa: F811
) -> None:
    async with open_client() as client:
        await client.get(API, params={"at": "2026-11-25T01:45:00"})
        page = await client.get(PAGE, params={"at": "2026-11-25T08:45"})
    assert history.commune_calls[0][1] == datetime(2026, 11, 25, 1, 45, tzinfo=UTC)
    assert history.commune_calls[1][1] == datetime(2026, 11, 25, 1, 45, tzinfo=UTC)
    assert page.status_code == 200
    assert 'value="2026-11-25T08:45:00"' in page.text and 'data-document-id="doc-2"' not in page.text


async def test_the_page_lists_the_documents_then_each_linking_to_its_history(open_client: Open) -> None:  # noqa: F811
    async with open_client() as client:
        page = await client.get(PAGE, params={"at": "2026-11-25T09:30"})
        english = await client.get(PAGE, params={"at": "2026-11-25T09:30", "lang": "en"})
        form_only = await client.get(PAGE)
    assert page.status_code == 200, page.text
    assert "Trạng thái tại một thời điểm" in page.text
    assert 'data-document-id="doc-3"' in page.text and "Chuyển văn bản: recipient=lanhdao" in page.text
    assert "recipient=lanhdao" in page.text  # the state's status fields
    assert 'href="/communes/16876/van-ban/doc-1/lich-su?as_of=2026-11-25T09%3A30%3A00%2B07%3A00"' in page.text
    assert "State at a moment" in english.text and "Passed on: recipient=lanhdao" in english.text
    assert "lich-su?as_of=2026-11-25T09%3A30%3A00%2B07%3A00&amp;lang=en" in english.text
    assert (
        form_only.status_code == 200 and 'id="at-input"' in form_only.text and "doc-1" not in form_only.text
    )
    assert "<script" not in page.text and "style=" not in page.text


@pytest.mark.parametrize("history", [FakeHistory(commune_documents=60)])
async def test_the_page_links_to_the_next_page_of_a_big_commune(open_client: Open) -> None:  # noqa: F811
    async with open_client() as client:
        first = await client.get(PAGE, params={"at": "2026-11-25T12:00"})
        second = await client.get(PAGE, params={"at": "2026-11-25T12:00", "offset": "50"})
    assert first.status_code == 200, first.text
    assert first.text.count("data-document-id=") == 50
    assert 'id="next-page"' in first.text and "offset=50" in first.text
    assert second.text.count("data-document-id=") == 11
    assert 'id="previous-page"' in second.text and 'id="next-page"' not in second.text


async def test_the_history_page_links_to_the_commune_at_the_same_moment(open_client: Open) -> None:  # noqa: F811
    async with open_client() as client:
        page = await client.get(
            "/communes/16876/van-ban/doc-1/lich-su", params={"as_of": PASSED_ON.isoformat()}
        )
    assert page.status_code == 200
    assert (
        'href="/communes/16876/luc-truoc?at=2026-11-25T02%3A00%3A00%2B00%3A00" id="commune-as-of-link"'
        in page.text
    )
