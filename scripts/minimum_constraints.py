"""Constraints for the lowest-versions run (``make test-min``), and a check that it got them.

``python scripts/minimum_constraints.py write LOCK MINIMUM OUT`` writes OUT: every pin of the
lock except the runtime dependencies named in MINIMUM (and the packages only they pull in,
whose versions follow theirs), then MINIMUM's own pins. The test tools stay locked while the
runtime dependencies sit at their lower bounds.

``python scripts/minimum_constraints.py check MINIMUM`` exits 1 unless every package of
MINIMUM is installed at exactly its pinned version (so the run really tests the bounds).
"""

from __future__ import annotations

import re
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# Packages whose version is dictated by a runtime dependency at its lower bound.
FOLLOWERS = {"pydantic": ("pydantic-core", "typing-inspection", "annotated-types")}

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """``name -> version`` of every ``name==version`` line of a requirements file."""
    found = {}
    for line in path.read_text("utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            found[_canonical(match.group(1))] = match.group(2)
    return found


def write(lock: Path, minimum: Path, out: Path) -> None:
    lowest = pins(minimum)
    dropped = set(lowest)
    for name in lowest:
        dropped.update(FOLLOWERS.get(name, ()))
    kept = {name: v for name, v in pins(lock).items() if name not in dropped}
    lines = [f"{name}=={v}" for name, v in sorted(kept.items())]
    lines += [f"{name}=={v}" for name, v in sorted(lowest.items())]
    out.write_text("\n".join(lines) + "\n", "utf-8")


def check(minimum: Path) -> int:
    wrong = []
    for name, wanted in pins(minimum).items():
        try:
            have = version(name)
        except PackageNotFoundError:
            have = "missing"
        if have != wanted:
            wrong.append(f"{name}: {have}, not {wanted}")
    for line in wrong:
        print(f"minimum versions: {line}", file=sys.stderr)
    if not wrong:
        print(f"minimum versions: {len(pins(minimum))} runtime dependencies at their lower bound")
    return 1 if wrong else 0


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "write":
        write(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        return 0
    if len(argv) == 2 and argv[0] == "check":
        return check(Path(argv[1]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
