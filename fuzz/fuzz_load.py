"""Coverage-guided fuzzing of the loader and the engines with atheris, for long runs by hand.

    pip install atheris
    python fuzz/fuzz_load.py fuzz/corpus -max_total_time=3600

Each input is read as YAML text of a department; when it loads, it is routed, planned, drawn
(DOT and Mermaid) and, with the seed workload, simulated for a moment — the same run as
``tests/test_fuzz.py``. Anything but findings or a ``CskhOrgError`` is a crash. See
``fuzz/README.md``. Not run in CI.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _atheris() -> Any:
    """atheris, imported only when fuzzing (it does not install on every Python)."""
    try:
        return importlib.import_module("atheris")
    except ImportError:
        sys.exit("atheris is not installed: `pip install atheris` (see fuzz/README.md)")


def seeds() -> list[Path]:
    """The bundled example departments and workloads: a corpus to start from."""
    return sorted(
        p
        for name in ("department.yaml", "workload.yaml")
        for p in (ROOT / "examples").glob(f"*/{name}")
    )


def one_input(data: bytes) -> None:
    """Load ``data`` as a department and use it; raises only on a bug."""
    from cskh_org.errors import CskhOrgError
    from tests.test_fuzz import _load_department, _load_workload, _seed_text, _use

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        dept = _load_department(text)
        if dept is None:
            return
        _use(dept, _load_workload(_seed_text("small", "workload"), dept))
    except CskhOrgError:
        pass


def main(argv: list[str]) -> None:
    atheris = _atheris()
    sys.path.insert(0, str(ROOT))
    with atheris.instrument_imports():
        import cskh_org.loading  # noqa: F401
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
