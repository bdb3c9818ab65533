"""The page header links to the registers, the figures and the dashboard, for accounts that may open them."""

from __future__ import annotations

import re

from .conftest import ClientFor
from .fakes import FakeStaff


def _links(html: str) -> dict[str, str]:
    nav = html.split("</nav>")[0]
    return {link_id: href for href, link_id in re.findall(r'<a href="([^"]+)" id="([\w-]+-link)"', nav)}


async def test_a_clerk_sees_the_registers_and_figures_of_their_commune_but_no_dashboard(
    client_for: ClientFor,
) -> None:
    async with client_for() as client:
        home = await client.get("/")
        english = await client.get("/", params={"lang": "en"})

    assert _links(home.text) == {
        "home-link": "/",
        "registers-link": "/communes/16876/so-dang-ky",
        "figures-link": "/communes/16876/so-lieu",
    }
    assert "Sổ đăng ký" in home.text and "Số liệu" in home.text
    assert _links(english.text)["figures-link"] == "/communes/16876/so-lieu?lang=en"
    assert ">Registers</a>" in english.text and ">Figures</a>" in english.text


async def test_a_leader_on_a_page_of_a_second_commune_gets_that_communes_links_and_its_dashboard(
    client_for: ClientFor, staff: FakeStaff
) -> None:
    staff.add("lanhdao-2", roles=("leader",), scope=("16876", "16882"))
    async with client_for(as_user="lanhdao-2") as client:
        page = await client.get("/communes/16882/van-ban-den")

    assert page.status_code == 200
    assert _links(page.text) == {
        "home-link": "/",
        "registers-link": "/communes/16882/so-dang-ky",
        "figures-link": "/communes/16882/so-lieu",
        "dashboard-link": "/don-vi/16882/tong-quan",
    }
    assert ">Tổng quan</a>" in page.text


async def test_nobody_signed_in_sees_no_links_but_home(client_for: ClientFor) -> None:
    async with client_for(as_user=None) as client:
        home = await client.get("/")

    assert _links(home.text) == {"home-link": "/"}
