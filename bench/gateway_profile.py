"""Where a process spends its time under load: py-spy samples, folded into the top frames.

``record`` samples running processes with py-spy (non-blocking, so the profiled process is not paused
and its latency stays close to an unprofiled run); ``top_frames`` reads py-spy's raw (folded)
output: one line per distinct stack, ``root;…;leaf count``.
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
    inclusive_frames: list[tuple[str, int]]  # a frame anywhere in the stack
    packages: list[tuple[str, int]]  # the leaf's package (first part of its path)


def top_frames(folded: Iterable[str], limit: int = 15) -> Profile:
    own: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    total = 0
    for line in folded:
        stack, _, count_text = line.strip().rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        own[frames[-1]] += count
        packages[package_of(frames[-1])] += count
        for frame in set(frames):
            anywhere[frame] += count
    return Profile(total, own.most_common(limit), anywhere.most_common(limit), packages.most_common(limit))


def package_of(frame: str) -> str:
    """``send (h11/_connection.py:10)`` → ``h11``; a frame of a top-level module → that module."""
    _, _, where = frame.rpartition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    parts = [p for p in path.split("/") if p]
    if "site-packages" in parts:
        parts = parts[parts.index("site-packages") + 1 :]
    elif len(parts) > 1 and parts[-2].startswith("python3"):
        return "stdlib"
    if not parts:
        return "?"
    return parts[0] if len(parts) > 1 else parts[0].removesuffix(".py")


async def record(pids: Mapping[str, int], seconds: float) -> dict[str, Profile]:
    """Sample each process for ``seconds`` (all at once) and fold what py-spy saw."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    folder = Path(tempfile.mkdtemp(prefix="oneoffice-pyspy-"))
    outputs = {name: folder / f"{name}.txt" for name in pids}
    options = ["--duration", str(max(1, round(seconds))), "--format", "raw", "--function", "--nonblocking"]
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
    lines = [f"{name}: {profile.samples} samples on CPU (100 per second)"]
    for title, rows in (
        ("by package of the running frame", profile.packages),
        ("top frames running (self)", profile.self_frames),
        ("top frames on the stack (inclusive)", profile.inclusive_frames),
    ):
        lines.append(f"  {title}:")
        lines.extend(f"    {_share(n, profile.samples):>6}  {frame}" for frame, n in rows)
    return os.linesep.join(lines)


def _share(n: int, total: int) -> str:
    return f"{n / total:.0%}" if total else "-"
