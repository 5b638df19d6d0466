"""Diagrams of a department: org chart, routing, escalation and budget approval views, as
DOT, Mermaid, SVG, PNG or PDF.

::

    import cskh_org
    from cskh_org.render import render_dot, render_mermaid

    department = cskh_org.load("examples/growing/department.yaml")
    text = render_dot(department, "org", lang="en")          # Graphviz text
    chart = render_mermaid(department, "escalation")         # Mermaid text
    # render_file(department, "org", "svg", "org.svg")       # needs Graphviz's `dot`

The same document always gives byte-identical DOT and Mermaid. Options: ``lang`` (display
language, falling back along ``department.languages``), and for the org chart ``unit`` (draw
only that unit and what is below it) and ``depth`` (levels below the top).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cskh_org.errors import RenderError, UsageError, error_words
from cskh_org.render.views import View, ViewName, available_views, build_view
from cskh_org.words import Said

if TYPE_CHECKING:
    from cskh_org.model import Department

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "View",
    "ViewName",
    "available_views",
    "build_view",
    "output_format",
    "render",
    "render_all",
    "render_dot",
    "render_file",
    "render_mermaid",
]

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
"""Every output format; ``dot`` and ``mermaid`` are text and need no Graphviz."""

SUFFIXES = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd"}
"""The file suffix of each format (``render_all`` names files ``VIEW.SUFFIX``); a file
written by :func:`render_file` or ``cskh-org render -o`` must carry its format's suffix."""


def output_format(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The format a diagram file is written in: the one its suffix names (case aside).

    With ``format``, the suffix must be that format's (see :data:`SUFFIXES`), so an SVG never
    lands in ``x.png``. Raises :class:`UsageError` for a mismatch or a suffix that names no
    format.

    >>> output_format("org.SVG")
    'svg'
    >>> output_format("org.mmd", "mermaid")
    'mermaid'
    """
    by_suffix = {suffix: name for name, suffix in SUFFIXES.items()}
    name = os.fspath(path)
    suffix = Path(name).suffix
    found = by_suffix.get(suffix.lower())
    if found is None:
        known = ", ".join(f"{s} ({f})" for f, s in SUFFIXES.items())
        what = (
            error_words("error.render.suffix.unknown", suffix=suffix)
            if suffix
            else error_words("error.render.suffix.none")
        )
        raise UsageError.of("error.render.suffix", name=name, what=what, known=known)
    if format is not None and format != found:
        if format not in FORMATS:
            raise UsageError.of("error.render.format", format=format, formats=", ".join(FORMATS))
        raise UsageError.of(
            "error.render.suffix-format",
            name=name,
            suffix=suffix,
            found=found,
            format=format,
            other=Path(name).with_suffix(SUFFIXES[format]).name,
        )
    return found


def render_dot(
    department: Department,
    view: ViewName | str,
    *,
    lang: str | None = None,
    unit: str | None = None,
    depth: int | None = None,
) -> str:
    """The DOT text of a view; :class:`RenderError` if the document has no data for it."""
    from cskh_org.render.dot import write_dot

    return write_dot(build_view(department, view, lang=lang, unit=unit, depth=depth))


def render_mermaid(
    department: Department,
    view: ViewName | str,
    *,
    lang: str | None = None,
    unit: str | None = None,
    depth: int | None = None,
) -> str:
    """The Mermaid text of a view; :class:`RenderError` if the document has no data for it."""
    from cskh_org.render.mermaid import write_mermaid

    return write_mermaid(build_view(department, view, lang=lang, unit=unit, depth=depth))


def render(
    department: Department,
    view: ViewName | str,
    format: str,
    *,
    lang: str | None = None,
    unit: str | None = None,
    depth: int | None = None,
) -> bytes:
    """A view in ``format`` (one of :data:`FORMATS`) as bytes (text formats in UTF-8)."""
    if format not in FORMATS:
        raise RenderError.of("error.render.format", format=format, formats=", ".join(FORMATS))
    if format == "mermaid":
        return render_mermaid(department, view, lang=lang, unit=unit, depth=depth).encode("utf-8")
    text = render_dot(department, view, lang=lang, unit=unit, depth=depth)
    if format == "dot":
        return text.encode("utf-8")
    from cskh_org.render.output import pipe

    return pipe(text, format)


def render_file(
    department: Department,
    view: ViewName | str,
    format: str,
    path: str | os.PathLike[str],
    *,
    lang: str | None = None,
    unit: str | None = None,
    depth: int | None = None,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write a view in ``format`` to ``path`` (its folder must exist); returns the path.

    ``path`` must carry the format's suffix (:func:`output_format`: :class:`UsageError`). The
    file is written as :func:`cskh_org.files.write_output` writes: never over an existing file
    unless ``force``, never over one of ``inputs`` (the document's files) nor through a link,
    whole or not at all (:class:`~cskh_org.errors.SourceError` otherwise)."""
    from cskh_org.files import check_output, write_output

    output_format(path, format)
    inputs = tuple(inputs)
    check_output(path, force=force, inputs=inputs, what="diagram")
    data = render(department, view, format, lang=lang, unit=unit, depth=depth)
    write_output(path, data, force=force, inputs=inputs, what="diagram")
    return Path(path)


def render_all(
    department: Department,
    folder: str | Path,
    *,
    lang: str | None = None,
    formats: tuple[str, ...] = FORMATS,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> tuple[list[Path], list[str]]:
    """Write every view the document has data for in every format to ``folder`` (created if
    needed) as ``VIEW.SUFFIX``; returns the files written and a note per view skipped.

    Every file is checked before the first is written (:func:`render_file`'s rules: an
    existing one is refused unless ``force``), so a refusal writes nothing."""
    from cskh_org.files import check_output

    out = Path(folder)
    inputs = tuple(inputs)
    have = available_views(department)
    targets: list[tuple[ViewName, str, Path]] = []
    notes: list[str] = []
    for view in ViewName:
        if view not in have:
            try:
                build_view(department, view, lang=lang)
            except RenderError as exc:
                notes.append(f"skipped `{view.value}`: {exc}")
            continue
        for fmt in formats:
            targets.append((view, fmt, out / f"{view.value}{SUFFIXES[fmt]}"))
    for _, _, target in targets:
        check_output(target, force=force, inputs=inputs, what="diagram")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from cskh_org.files import reason

        why = Said(vi=reason(exc).vi, en=f"{exc.strerror}")
        raise RenderError.of("error.render.folder", folder=str(out), reason=why) from None
    written = [
        render_file(department, view, fmt, target, lang=lang, force=force, inputs=inputs)
        for view, fmt, target in targets
    ]
    return written, notes
