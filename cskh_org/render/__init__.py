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

Large departments: without ``depth``, the org chart draws as many levels as fit in
:data:`~cskh_org.render.views.ORG_PAGE_BOXES` boxes and collapses each subtree below them
into one box with its totals (the view's ``note`` says so); :func:`render_pages` writes the
overview and one page per collapsed subtree. No output is silently scaled or cut: a PNG that
Graphviz would scale down and a Mermaid diagram Mermaid would refuse (longer than
:data:`MERMAID_MAX_TEXT`, more links than :data:`MERMAID_MAX_EDGES`) are refused with the
reason (:class:`RenderError`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cskh_org.errors import RenderError, UsageError, error_words
from cskh_org.render.views import View, ViewName, available_views, build_view, page_name
from cskh_org.words import Said

if TYPE_CHECKING:
    from cskh_org.model import Department

__all__ = [
    "FORMATS",
    "MERMAID_MAX_EDGES",
    "MERMAID_MAX_TEXT",
    "ROUTING_PAGE_RULES",
    "SUFFIXES",
    "View",
    "ViewName",
    "available_views",
    "build_view",
    "mermaid_length",
    "output_format",
    "render",
    "render_all",
    "render_built",
    "render_dot",
    "render_file",
    "render_mermaid",
    "render_pages",
    "render_view",
]

FORMATS = ("svg", "png", "pdf", "dot", "mermaid")
"""Every output format; ``dot`` and ``mermaid`` are text and need no Graphviz."""

SUFFIXES = {"svg": ".svg", "png": ".png", "pdf": ".pdf", "dot": ".dot", "mermaid": ".mmd"}
"""The file suffix of each format (``render_all`` names files ``VIEW.SUFFIX``); a file
written by :func:`render_file` or ``cskh-org render -o`` must carry its format's suffix."""


MERMAID_MAX_TEXT = 50_000
"""Mermaid's ``maxTextSize`` default: it refuses a diagram whose text is longer (in UTF-16
code units, as JavaScript counts a string: an emoji is two) with "Maximum text size in diagram
exceeded". Every Mermaid text written here is at most this long, counted over the whole text."""


MERMAID_MAX_EDGES = 500
"""Mermaid's ``maxEdges`` default: its flowchart parser refuses a diagram with more links
("Edge limit exceeded"). The writer draws one link per edge of the view."""


def mermaid_length(text: str) -> int:
    """The length of ``text`` as Mermaid measures it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


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
    """The Mermaid text of a view; :class:`RenderError` if the document has no data for it or
    the text would be longer than Mermaid accepts (an org chart without ``depth`` draws fewer
    levels until it fits)."""
    return _mermaid_of(department, view, lang=lang, unit=unit, depth=depth)[1]


def _mermaid_of(
    department: Department,
    view: ViewName | str,
    *,
    lang: str | None,
    unit: str | None,
    depth: int | None,
) -> tuple[View, str]:
    from cskh_org.render.mermaid import write_mermaid
    from cskh_org.render.views import ORG_PAGE_BOXES

    boxes = ORG_PAGE_BOXES
    while True:
        built = build_view(department, view, lang=lang, unit=unit, depth=depth, boxes=boxes)
        text = write_mermaid(built)
        refusal = _mermaid_refusal(built, text)
        if refusal is None:
            return built, text
        if built.name is not ViewName.ORG or depth is not None or boxes <= 1:
            raise refusal
        boxes //= 2


def _mermaid_refusal(view: View, text: str) -> RenderError | None:
    """Why Mermaid would refuse ``text`` (the Mermaid text of ``view``), or ``None``."""
    length = mermaid_length(text)
    if length > MERMAID_MAX_TEXT:
        return RenderError.of(
            "error.render.mermaid-too-large",
            length=length,
            limit=MERMAID_MAX_TEXT,
            view=view.name.value,
        )
    if len(view.edges) > MERMAID_MAX_EDGES:
        return RenderError.of(
            "error.render.mermaid-too-many-edges",
            edges=len(view.edges),
            limit=MERMAID_MAX_EDGES,
            view=view.name.value,
        )
    return None


def render_view(view: View, format: str) -> bytes:
    """A view model in ``format`` (one of :data:`FORMATS`) as bytes (text formats in UTF-8);
    :class:`RenderError` for a Mermaid text Mermaid would refuse or a PNG Graphviz would
    scale down."""
    from cskh_org.render.dot import write_dot

    if format not in FORMATS:
        raise RenderError.of("error.render.format", format=format, formats=", ".join(FORMATS))
    if format == "mermaid":
        from cskh_org.render.mermaid import write_mermaid

        text = write_mermaid(view)
        refusal = _mermaid_refusal(view, text)
        if refusal is not None:
            raise refusal
        return text.encode("utf-8")
    if format == "svg" and view.table_rows > 0:  # a table needs no Graphviz layout
        from cskh_org.render.table_svg import write_table_svg

        return write_table_svg(view).encode("utf-8")
    text = write_dot(view)
    if format == "dot":
        return text.encode("utf-8")
    from cskh_org.render.output import pipe

    return pipe(text, format)


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
    return render_built(department, view, format, lang=lang, unit=unit, depth=depth)[1]


def render_built(
    department: Department,
    view: ViewName | str,
    format: str,
    *,
    lang: str | None = None,
    unit: str | None = None,
    depth: int | None = None,
    links: bool = False,
) -> tuple[View, bytes]:
    """:func:`render`, with the view model drawn (its ``note`` says what was collapsed)."""
    if format not in FORMATS:
        raise RenderError.of("error.render.format", format=format, formats=", ".join(FORMATS))
    if format == "mermaid":
        built, text = _mermaid_of(department, view, lang=lang, unit=unit, depth=depth)
        return built, text.encode("utf-8")
    built = build_view(department, view, lang=lang, unit=unit, depth=depth, links=links)
    return built, render_view(built, format)


ROUTING_PAGE_RULES = 100
"""The most rules a page of the routing view draws (:func:`render_pages`); a Mermaid page
draws fewer when it would be longer than :data:`MERMAID_MAX_TEXT`."""


def render_pages(
    department: Department,
    folder: str | Path,
    format: str,
    *,
    view: ViewName | str = ViewName.ORG,
    lang: str | None = None,
    depth: int | None = None,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> tuple[list[Path], list[str]]:
    """A large view as pages in ``folder`` (created if needed); returns the files written and
    the notes of the pages. Every page is drawn and every file checked before the first is
    written.

    The org chart: ``org.SUFFIX``, the overview, and ``org-UNIT.SUFFIX`` for every subtree
    it collapses, each page collapsing its own large subtrees in turn (``depth``: the levels
    of every page; default: as many as fit); in SVG a collapsed box links to its page. The
    routing view: ``routing-1.SUFFIX``, ``routing-2.SUFFIX``… of :data:`ROUTING_PAGE_RULES`
    rules each in evaluation order, each ending where the next starts (``routing.SUFFIX``
    when one page holds them all)."""
    from cskh_org.files import check_output, write_output

    if format not in FORMATS:
        raise RenderError.of("error.render.format", format=format, formats=", ".join(FORMATS))
    out = Path(folder)
    inputs = tuple(inputs)
    pages: list[tuple[Path, bytes]] = []
    notes: list[str] = []
    if ViewName(view) is ViewName.ROUTING:
        pages = _routing_pages(department, out, format, lang)
    else:
        todo: list[str | None] = [None]
        while todo:
            unit = todo.pop(0)
            built, data = render_built(
                department, ViewName.ORG, format, lang=lang, unit=unit, depth=depth, links=True
            )
            pages.append((out / f"{page_name(unit)}{SUFFIXES[format]}", data))
            if built.note:
                notes.append(f"{page_name(unit)}: {built.note}")
            todo.extend(built.collapsed)
    for target, _ in pages:
        check_output(target, force=force, inputs=inputs, what="diagram")
    _make_folder(out)
    for target, data in pages:
        write_output(target, data, force=force, inputs=inputs, what="diagram")
    return [target for target, _ in pages], notes


def _routing_pages(
    department: Department, out: Path, format: str, lang: str | None
) -> list[tuple[Path, bytes]]:
    from cskh_org.render.mermaid import write_mermaid
    from cskh_org.render.views import routing_page, routing_parts

    whole = build_view(department, ViewName.ROUTING, lang=lang)
    size = ROUTING_PAGE_RULES
    while True:
        parts = routing_parts(whole, size, department, lang)
        if format != "mermaid" or size <= 1:
            break
        if all(_mermaid_refusal(p, write_mermaid(p)) is None for p in parts):
            break
        size //= 2
    suffix = SUFFIXES[format]
    if len(parts) == 1:
        return [(out / f"routing{suffix}", render_view(parts[0], format))]
    return [
        (out / f"{routing_page(k)}{suffix}", render_view(part, format))
        for k, part in enumerate(parts, start=1)
    ]


def _make_folder(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from cskh_org.files import reason

        why = Said(vi=reason(exc).vi, en=f"{exc.strerror}")
        raise RenderError.of("error.render.folder", folder=str(out), reason=why) from None


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
    _make_folder(out)
    written = [
        render_file(department, view, fmt, target, lang=lang, force=force, inputs=inputs)
        for view, fmt, target in targets
    ]
    return written, notes
