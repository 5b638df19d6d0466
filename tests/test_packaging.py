"""Packaging: the sdist is the whole project, the metadata is honest, installs are locked.

The sdist is built for real (``python -m build --sdist --no-isolation``, the pinned setuptools
of the lock), once for the module.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    not (ROOT / ".git").exists(), reason="needs the git checkout (the list of tracked files)"
)


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> tuple[tarfile.TarFile, str]:
    out = tmp_path_factory.mktemp("sdist")
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "-o", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (archive,) = out.glob("*.tar.gz")
    return tarfile.open(archive), proc.stdout + proc.stderr


def _tracked() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return [name for name in listed if (ROOT / name).is_file()]


def test_sdist_holds_every_tracked_file(sdist: tuple[tarfile.TarFile, str]) -> None:
    """Tests, examples, docs, benchmarks, the lock and the licence are all in the sdist, and
    nothing compiled is."""
    archive, _ = sdist
    names = archive.getnames()
    top = names[0].split("/", 1)[0]
    inside = {name.split("/", 1)[1] for name in names if "/" in name}
    missing = sorted(set(_tracked()) - inside - {".gitignore"})
    assert not missing, f"not in the sdist: {missing[:20]}"
    assert not [n for n in names if n.endswith((".pyc", ".pyo")) or "__pycache__" in n]
    assert not [n for n in names if "node_modules" in n]
    assert top.startswith("cskh_org-")


def test_metadata_names_the_licence_by_spdx_with_its_file(
    sdist: tuple[tarfile.TarFile, str],
) -> None:
    """PEP 639 licence metadata (no deprecated licence table), and the build warns of nothing
    deprecated."""
    archive, log = sdist
    (pkg_info,) = [
        m for m in archive.getmembers() if m.name.count("/") == 1 and m.name.endswith("/PKG-INFO")
    ]
    extracted = archive.extractfile(pkg_info)
    assert extracted is not None
    metadata = extracted.read().decode("utf-8")
    assert "License-Expression: MIT" in metadata.splitlines()
    assert "License-File: LICENSE" in metadata.splitlines()
    assert "Deprecat" not in log, log
    assert (ROOT / "LICENSE").read_text("utf-8").startswith("MIT License")


def test_make_installs_from_the_lock() -> None:
    """Every install line in the Makefile takes the lock (or the minimum pins) as constraints,
    and the lock pins every package of the dev extra, pip and setuptools included."""
    makefile = (ROOT / "Makefile").read_text("utf-8").replace("\\\n", " ")
    lines = makefile.splitlines()
    installs = [line for line in lines if "pip install" in line and not line.startswith("PIP")]
    installs += [line for line in lines if "$(PIP)" in line]
    assert installs
    assert all("-c $(LOCK)" in line or "constraints.txt" in line for line in installs), installs
    lock = (ROOT / "constraints.txt").read_text("utf-8")
    pinned = {line.split("==")[0].lower() for line in lock.splitlines() if "==" in line}
    for name in (
        "pip",
        "setuptools",
        "pytest",
        "mypy",
        "ruff",
        "hypothesis",
        "pyyaml",
        "pydantic",
        "networkx",
        "graphviz",
    ):
        assert name in pinned, name


def test_minimum_pins_are_the_lower_bounds_of_pyproject() -> None:
    """requirements/minimum.txt pins each runtime dependency at the lower bound that
    pyproject.toml states, and names every runtime dependency."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    bounds = {}
    for requirement in project["dependencies"]:
        name, _, rest = requirement.partition(">=")
        bounds[name.strip().lower()] = rest.split(",")[0].strip()
    minimum = {}
    for line in (ROOT / "requirements" / "minimum.txt").read_text("utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, _, version = line.partition("==")
            minimum[name.strip().lower()] = version.strip()
    from packaging.version import Version

    assert set(minimum) == set(bounds)
    for name, version in minimum.items():
        assert Version(version) == Version(bounds[name]), name
