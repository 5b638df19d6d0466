"""SVG, PNG and PDF through the ``graphviz`` package and Graphviz's ``dot`` (both loaded only
when one of these formats is asked for; DOT and Mermaid text never need them)."""

from __future__ import annotations

import shutil

from cskh_org.errors import RenderError

__all__ = ["BINARY_FORMATS", "pipe"]

BINARY_FORMATS = ("svg", "png", "pdf")


def pipe(dot_text: str, format: str) -> bytes:
    """``dot_text`` laid out by ``dot`` in ``format`` (``svg``, ``png`` or ``pdf``)."""
    if format not in BINARY_FORMATS:
        raise RenderError.of("error.render.image-format", format=format)
    if shutil.which("dot") is None:
        raise RenderError.of("error.render.no-dot", format=format.upper())
    try:
        import graphviz
    except ImportError:
        raise RenderError.of("error.render.no-graphviz", format=format.upper()) from None
    try:
        data: bytes = graphviz.Source(dot_text, encoding="utf-8").pipe(
            format=format, engine="dot", quiet=True
        )
    except graphviz.ExecutableNotFound:
        raise RenderError.of("error.render.no-dot", format=format.upper()) from None
    except graphviz.CalledProcessError as exc:
        detail = (exc.stderr or b"").decode("utf-8", "replace").strip().splitlines()
        raise RenderError.of(
            "error.render.graphviz-failed", detail=detail[0] if detail else str(exc)
        ) from None
    return data
