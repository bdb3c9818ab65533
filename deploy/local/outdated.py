"""List the pins of constraints.txt that are behind the newest release the package index serves.

Run as `make outdated` (with the virtual environment's Python). pip answers, nothing else:
`pip list --outdated` for the pinned packages installed in the environment, `pip index versions`
for a pin that is not installed (the build backend, the benchmarks' packages before a `make bench-*`).
A pin on a pre-release (the OpenTelemetry instrumentations' 0.NNbN) is compared with pre-releases
too, every other pin with final releases only. Prints one line per package behind; exits 0.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

CONSTRAINTS = Path(__file__).resolve().parents[2] / "constraints.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")
PRE_RELEASE = re.compile(r"\d(a|b|rc|dev)\d*", re.IGNORECASE)


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, tuple[str, str]]:
    """{canonical name: (name as written, pinned version)}."""
    found = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if match := PIN.match(line.strip()):
            found[canonical(match[1])] = (match[1], match[2])
    return found


def pip(*args: str) -> str:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def installed() -> set[str]:
    return {canonical(p["name"]) for p in json.loads(pip("list", "--format=json"))}


def newest_installed(pre: bool) -> dict[str, str]:
    """{canonical name: newest served version} of the installed packages that are behind."""
    listed = json.loads(pip("list", "--outdated", "--format=json", *(["--pre"] if pre else [])))
    return {canonical(p["name"]): p["latest_version"] for p in listed}


def newest_served(name: str, pre: bool) -> str:
    versions = json.loads(pip("index", "versions", name, "--json", *(["--pre"] if pre else [])))
    return str(versions["latest"])


def main() -> int:
    pinned = pins()
    present = installed()
    newest = {False: newest_installed(pre=False), True: newest_installed(pre=True)}
    behind = []
    for key, (name, version) in sorted(pinned.items()):
        pre = bool(PRE_RELEASE.search(version))
        latest = newest[pre].get(key, version) if key in present else newest_served(name, pre)
        if latest != version:
            behind.append((name, version, latest))
    if not behind:
        print(f"all {len(pinned)} pins of constraints.txt are the newest served releases")
        return 0
    width = max(len(name) for name, _, _ in behind)
    print(f"{len(behind)} of {len(pinned)} pins of constraints.txt are behind the newest served release:")
    for name, version, latest in behind:
        print(f"  {name:<{width}}  {version}  ->  {latest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
