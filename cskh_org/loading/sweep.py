"""Loading a sweep file (``sweep.yaml``), through the stages a workload goes through:

1. **parse** — bytes → marked tree (:mod:`cskh_org.loading.source`), with the same limits and
   the same refusal of duplicate keys;
2. **build** — tree → :class:`~cskh_org.model.sweep.Sweep` (:func:`build_model`).

Its variants are made (patched and checked) by :func:`cskh_org.sweeps.variants.expand`, given
the result's :meth:`~cskh_org.loading.pipeline.Loaded.locate` so their findings point at the op
that made them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cskh_org.findings import Finding, sort_findings
from cskh_org.loading.build import build_model
from cskh_org.loading.pipeline import Loaded, mapping_tree, unshadowed
from cskh_org.loading.source import Limits, MarkedDict, ParsedSource, parse_text, read_source
from cskh_org.model.sweep import Sweep

__all__ = ["SweepResult", "load_sweep", "load_sweep_text"]


@dataclass(frozen=True)
class SweepResult(Loaded):
    """What loading a sweep gave: the sweep (if it could be built) and every finding."""

    name: str
    sweep: Sweep | None
    findings: tuple[Finding, ...]
    tree: Any = field(default=None, repr=False, compare=False)

    def _document(self) -> object | None:
        return self.sweep

    def unwrap(self, *, strict: bool = False) -> Sweep:
        """The sweep, or :class:`DocumentInvalid` with every finding."""
        self._require(strict=strict)
        assert self.sweep is not None
        return self.sweep


def load_sweep(path: str | os.PathLike[str], *, limits: Limits | None = None) -> SweepResult:
    """Load a sweep file. Raises :class:`~cskh_org.errors.SourceError` if the file cannot be
    read at all."""
    return _run(read_source(Path(path), limits, os.fspath(path)))


def load_sweep_text(
    text: str, *, name: str = "<string>", limits: Limits | None = None
) -> SweepResult:
    """Load a sweep from text."""
    return _run(parse_text(text, name, limits))


def _run(parsed: ParsedSource) -> SweepResult:
    tree, findings = mapping_tree(parsed, kind="sweep")
    if tree is None:
        kept = parsed.data if isinstance(parsed.data, MarkedDict) else None
        return SweepResult(parsed.name, None, tuple(sort_findings(findings)), kept)
    sweep, build_findings = build_model(Sweep, tree, tree)
    findings.extend(unshadowed(build_findings, findings))
    return SweepResult(parsed.name, sweep, tuple(sort_findings(findings)), tree)
