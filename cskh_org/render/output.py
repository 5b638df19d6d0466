"""SVG, PNG and PDF through the ``graphviz`` package and Graphviz's ``dot`` (both loaded only
when one of these formats is asked for; DOT and Mermaid text never need them)."""

from __future__ import annotations

import shutil

from cskh_org.errors import RenderError

__all__ = ["BINARY_FORMATS", "pipe"]

BINARY_FORMATS = ("svg", "png", "pdf")

_MISSING_DOT = (
    "Graphviz's `dot` is not installed, so {format} output is not available; install the "
    "Debian package `graphviz` (sudo apt-get install graphviz fonts-dejavu-core; on macOS: "
    "brew install graphviz), or ask for --format dot or --format mermaid, which need nothing"
)


def pipe(dot_text: str, format: str) -> bytes:
    """``dot_text`` laid out by ``dot`` in ``format`` (``svg``, ``png`` or ``pdf``)."""
    if format not in BINARY_FORMATS:
        raise RenderError(f"`{format}` is not an image format; use one of svg, png, pdf")
    if shutil.which("dot") is None:
        raise RenderError(_MISSING_DOT.format(format=format.upper()))
    try:
        import graphviz
    except ImportError:
        raise RenderError(
            f"{format.upper()} output needs the Python package `graphviz`, a dependency of "
            "cskh-org that is missing here; reinstall cskh-org (pip install cskh-org)"
        ) from None
    try:
        data: bytes = graphviz.Source(dot_text, encoding="utf-8").pipe(
            format=format, engine="dot", quiet=True
        )
    except graphviz.ExecutableNotFound:
        raise RenderError(_MISSING_DOT.format(format=format.upper())) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError(
            f"Graphviz could not draw the diagram ({detail[0] if detail else exc})"
        ) from None
    return data
