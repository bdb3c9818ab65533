"""A moment typed on a page is office time (UTC+7) unless it carries an offset: the same text is the
same moment on the history page and the commune as-of page, and each shows it back in office time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from oneoffice.gateway.entrypoints.office_moment import form_value, parse_office_moment, shown

from .history_fakes import FakeHistory
from .test_history_api import Open, history, open_client  # noqa: F401 (fixtures)

HISTORY_PAGE = "/communes/16876/van-ban/doc-1/lich-su"
COMMUNE_PAGE = "/communes/16876/luc-truoc"


def test_a_time_without_an_offset_is_office_time_and_one_with_an_offset_is_kept() -> None:
    assert parse_office_moment(" 2026-11-25T08:30 ") == datetime(2026, 11, 25, 1, 30, tzinfo=UTC)
    with_offset = parse_office_moment("2026-11-25T08:30:00+00:00")
    assert with_offset == datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
    assert with_offset is not None and with_offset.utcoffset() == timedelta(0)


@pytest.mark.parametrize("text", ["hôm qua", "", "2026-13-01T00:00", "0001-01-01T00:00:00+14:00"])
def test_what_is_not_a_moment_or_cannot_be_shown_in_office_time_is_none(text: str) -> None:
    assert parse_office_moment(text) is None


def test_a_moment_is_shown_back_in_office_time() -> None:
    moment = datetime(2026, 11, 25, 18, 5, 9, tzinfo=timezone(timedelta(hours=-5)))
    assert form_value(moment) == "2026-11-26T06:05:09"
    assert shown(moment) == "26/11/2026 06:05:09"


@pytest.mark.parametrize("typed", ["2026-11-25T08:45", "2026-11-25T08:45:00", "2026-11-25T01:45:00Z"])
async def test_the_same_typed_moment_is_the_same_on_the_history_and_commune_pages(
    open_client: Open,  # noqa: F811
    history: FakeHistory,  # noqa: F811
    typed: str,
) -> None:
    async with open_client() as client:
        history_page = await client.get(HISTORY_PAGE, params={"as_of": typed})
        on_history_page = history.calls[-1][2]
        commune_page = await client.get(COMMUNE_PAGE, params={"at": typed})
    assert history_page.status_code == commune_page.status_code == 200
    assert on_history_page == history.commune_calls[-1][1] == datetime(2026, 11, 25, 1, 45, tzinfo=UTC)
