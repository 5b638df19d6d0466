"""A version of a department to compare: a file, or ``git:REV:path`` (the file as it was at a
git revision of the repository it lives in).

A revision is read with ``git archive REV`` into a private temporary folder (the whole tree,
so includes resolve as they did then; members checked by :mod:`tarfile`'s ``data`` filter,
their total bounded by :attr:`~cskh_org.loading.source.Limits.max_bytes` × 8), loaded there
like any file, then the folder is removed. Places in its findings and marks read
``REV:path:line:col`` (the path from the repository's root), never the temporary folder.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from cskh_org.errors import SourceError
from cskh_org.findings import Finding, Location
from cskh_org.loading.pipeline import LoadResult, validate
from cskh_org.loading.source import Limits, current_limits

__all__ = ["Version", "load_version"]

GIT_PREFIX: Final = "git:"
_GIT_SECONDS: Final = 60.0


@dataclass(frozen=True)
class Version:
    """A loaded version: its name as given, the load's result, and where its places point."""

    name: str
    result: LoadResult
    findings: tuple[Finding, ...]
    """The load's findings, their places rewritten to ``REV:path`` for a revision."""
    prefix: str = ""
    """The temporary folder's path a revision was read from (rewritten in places)."""
    label: str = ""
    """What ``prefix`` is written as: ``REV:`` plus the document's folder in the repository."""

    def at(self, path: tuple[str | int, ...]) -> Location | None:
        """Where the data at ``path`` is written in this version."""
        return self._rewrite(self.result.locate(path))

    def _rewrite(self, where: Location | None) -> Location | None:
        if where is None or not self.prefix or not where.file.startswith(self.prefix):
            return where
        rest = where.file[len(self.prefix) :].lstrip(os.sep)
        return dataclasses.replace(where, file=f"{self.label}{rest}")


def load_version(spec: str, *, limits: Limits | None = None) -> Version:
    """The department ``spec`` names: a path, or ``git:REV:path`` (``path`` as the shell sees
    it, relative to the working directory, inside a git work tree)."""
    if not spec.startswith(GIT_PREFIX):
        result = validate(spec, limits=limits)
        return Version(spec, result, result.findings)
    rest = spec[len(GIT_PREFIX) :]
    rev, sep, path = rest.partition(":")
    if not sep or not rev or not path:
        raise SourceError.of("error.version.form", spec=spec)
    if rev.startswith("-"):
        raise SourceError.of("error.version.dash", spec=spec)
    target = Path(path)
    folder = (target.parent if target.parent != Path() else Path()).resolve()
    root = Path(_git(["rev-parse", "--show-toplevel"], folder, spec).strip())
    relative = _inside(target.resolve(), root, spec)
    limits = limits or current_limits()
    tmp = tempfile.mkdtemp(prefix="cskh-org-rev-")
    try:
        _extract(rev, root, Path(tmp), limits.max_bytes * 8, spec)
        document = Path(tmp) / relative
        if not document.is_file():
            raise SourceError.of(
                "error.version.no-file", spec=spec, path=relative.as_posix(), rev=rev
            )
        result = validate(document, limits=limits)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    version = Version(spec, result, (), prefix=tmp, label=f"{rev}:")
    findings = tuple(
        dataclasses.replace(f, location=version._rewrite(f.location)) for f in result.findings
    )
    return dataclasses.replace(version, findings=findings)


def _inside(path: Path, root: Path, spec: str) -> Path:
    try:
        return path.relative_to(root.resolve())
    except ValueError:
        raise SourceError.of("error.version.outside", spec=spec, root=str(root)) from None


def _git(args: Sequence[str], cwd: Path, spec: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=_GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError.of("error.version.git", spec=spec, reason=str(exc)) from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise SourceError.of("error.version.git", spec=spec, reason=reason)
    return done.stdout


def _extract(rev: str, root: Path, into: Path, most: int, spec: str) -> None:
    """``git archive rev`` of the repository at ``root``, unpacked into ``into``."""
    archive = into / ".archive.tar"
    try:
        with archive.open("wb") as out:
            done = subprocess.run(
                ["git", "archive", "--format=tar", rev, "--"],
                cwd=root,
                stdout=out,
                stderr=subprocess.PIPE,
                timeout=_GIT_SECONDS,
                check=False,
            )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SourceError.of("error.version.git", spec=spec, reason=str(exc)) from None
    if done.returncode != 0:
        reason = (done.stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1]
        raise SourceError.of("error.version.git", spec=spec, reason=reason)
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
        if sum(m.size for m in members) > most:
            raise SourceError.of("error.version.large", spec=spec, most=most)
        tar.extractall(into, members=members, filter="data")
    archive.unlink()
