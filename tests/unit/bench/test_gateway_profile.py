"""Folding py-spy's raw output into where a process spends its time."""

from __future__ import annotations

from bench.gateway_profile import package_of, short, top_frames

SITE = "/work/.venv/lib/python3.11/site-packages"
LIB = "/usr/lib/python3.11"
SRC = "/work/services/gateway/src/oneoffice/gateway"

MAIN = f"<module> ({SRC}/__main__.py:1);serve ({SRC}/entrypoints/cli.py:23)"
LOOP = f"BaseEventLoop._run_once ({LIB}/asyncio/base_events.py:1845)"
ROUTE = f"register_incoming_document ({SRC}/entrypoints/incoming_api.py:39)"
FOLDED = [
    f"{MAIN};{LOOP};{ROUTE};send ({SITE}/h11/_connection.py:10) 30",
    f"{MAIN};{LOOP};{ROUTE};start_span ({SITE}/opentelemetry/sdk/trace/__init__.py:1138) 20",
    f"{MAIN};{LOOP};select ({LIB}/selectors.py:451) 50",
    "garbage line",
]


def test_the_running_frame_and_its_package_are_counted_per_sample() -> None:
    profile = top_frames(FOLDED)
    assert profile.samples == 100
    assert profile.self_frames[0] == ("select (selectors.py:451)", 50)
    assert dict(profile.packages) == {"stdlib": 50, "h11": 30, "opentelemetry.sdk": 20}


def test_packages_and_own_functions_on_the_stack_are_counted_once_per_sample() -> None:
    profile = top_frames(FOLDED)
    on_stack = dict(profile.packages_on_stack)
    assert on_stack["asyncio"] == 100
    assert on_stack["oneoffice.gateway"] == 100  # the entry point is on every stack
    assert on_stack["h11"] == 30
    # The entry points are left out of OneOffice's own functions: they are on every stack.
    assert profile.own_code == [
        ("register_incoming_document (oneoffice/gateway/entrypoints/incoming_api.py:39)", 50)
    ]


def test_frames_are_named_by_distribution_and_shortened_for_reading() -> None:
    assert package_of(f"f ({SITE}/grpc/aio/_call.py:586)") == "grpc"
    assert package_of(f"f ({SITE}/pydantic_core/core.py:1)") == "pydantic_core"
    assert package_of(f"f ({SITE}/six.py:1)") == "six"
    assert package_of("f (<frozen runpy>:65)") == "stdlib"
    assert (
        short(f"write ({LIB}/asyncio/selector_events.py:1037)") == "write (asyncio/selector_events.py:1037)"
    )
