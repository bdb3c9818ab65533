"""Where a process spends its time under load: py-spy samples, folded into the top frames.

``record`` samples running processes with py-spy: non-blocking, so the profiled process is not paused
and its latency stays close to an unprofiled run; only the samples of a thread holding the GIL, so
that what is counted is Python at work, not threads waiting on a condition or a socket (time in a
system call that released the GIL is not counted either). ``top_frames`` reads py-spy's raw
(folded) output: one line per distinct stack, ``root;…;leaf count``.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Profile:
    samples: int
    self_frames: list[tuple[str, int]]  # the frame on CPU (the leaf)
    packages: list[tuple[str, int]]  # the package of the frame on CPU
    packages_on_stack: list[tuple[str, int]]  # a package anywhere in the stack
    own_code: list[tuple[str, int]]  # OneOffice's functions anywhere in the stack (inclusive)


def top_frames(folded: Iterable[str], limit: int = 15) -> Profile:
    own: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    on_stack: Counter[str] = Counter()
    ours: Counter[str] = Counter()
    total = 0
    for line in folded:
        stack, _, count_text = line.strip().rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        own[short(frames[-1])] += count
        packages[package_of(frames[-1])] += count
        for package in {package_of(frame) for frame in frames}:
            on_stack[package] += count
        for frame in {short(f) for f in frames if _is_own_work(f)}:
            ours[frame] += count
    return Profile(
        total,
        own.most_common(limit),
        packages.most_common(limit),
        on_stack.most_common(limit),
        ours.most_common(limit),
    )


def _path(frame: str) -> str:
    """``send (/…/site-packages/h11/_connection.py:10)`` → ``/…/site-packages/h11/_connection.py``."""
    _, _, where = frame.rpartition(" (")
    return where.rstrip(")").rsplit(":", 1)[0]


def package_of(frame: str) -> str:
    """The distribution a frame runs in: ``h11``, ``opentelemetry.sdk``, ``oneoffice.gateway``,
    ``asyncio``, ``stdlib``."""
    parts = [p for p in _path(frame).split("/") if p]
    if "site-packages" in parts:
        parts = parts[parts.index("site-packages") + 1 :]
        if parts[0] in ("opentelemetry", "oneoffice") and len(parts) > 2:
            return f"{parts[0]}.{parts[1]}"
        return parts[0].removesuffix(".py") if parts else "?"
    if "oneoffice" in parts and len(parts) > parts.index("oneoffice") + 2:
        return f"oneoffice.{parts[parts.index('oneoffice') + 1]}"
    if "asyncio" in parts:
        return "asyncio"
    return "stdlib"


def short(frame: str) -> str:
    """A frame with its path cut to the part after site-packages, src or the stdlib folder."""
    name, _, where = frame.rpartition(" (")
    path = where.rstrip(")")
    for marker in ("/site-packages/", "/src/", "/lib/python3.11/"):
        if marker in path:
            path = path.rsplit(marker, 1)[1]
            break
    return f"{name} ({path})"


def _is_own_work(frame: str) -> bool:
    # OneOffice's code, less the entry points that only start the server (on every stack).
    path = _path(frame)
    return "/oneoffice/" in path and not path.endswith(("/__main__.py", "/cli.py"))


async def record(pids: Mapping[str, int], seconds: float) -> dict[str, Profile]:
    """Sample each process for ``seconds`` (all at once) and fold what py-spy saw."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    folder = Path(tempfile.mkdtemp(prefix="oneoffice-pyspy-"))
    outputs = {name: folder / f"{name}.txt" for name in pids}
    options = [
        "--duration",
        str(max(1, round(seconds))),
        "--format",
        "raw",
        "--function",
        "--nonblocking",
        "--gil",
        "--full-filenames",
    ]
    runs = [
        await asyncio.create_subprocess_exec(
            spy,
            "record",
            "--pid",
            str(pid),
            *options,
            "--output",
            str(outputs[name]),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        for name, pid in pids.items()
    ]
    profiles: dict[str, Profile] = {}
    for (name, _), run in zip(pids.items(), runs, strict=True):
        _, err = await run.communicate()
        if run.returncode != 0 or not outputs[name].exists():
            print(f"py-spy on {name} failed: {err.decode().strip()[-500:]}", file=sys.stderr)
            continue
        profiles[name] = top_frames(outputs[name].read_text().splitlines())
    shutil.rmtree(folder, ignore_errors=True)
    return profiles


def describe(name: str, profile: Profile) -> str:
    lines = [f"{name}: {profile.samples} samples holding the GIL (100 per second)"]
    for title, rows in (
        ("package running (self)", profile.packages),
        ("package on the stack (inclusive)", profile.packages_on_stack),
        ("top functions running (self)", profile.self_frames),
        ("OneOffice functions on the stack (inclusive)", profile.own_code),
    ):
        lines.append(f"  {title}:")
        lines.extend(f"    {_share(n, profile.samples):>6}  {frame}" for frame, n in rows)
    return os.linesep.join(lines)


def _share(n: int, total: int) -> str:
    return f"{n / total:.0%}" if total else "-"
