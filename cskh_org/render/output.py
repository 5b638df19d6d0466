"""SVG, PNG and PDF by Graphviz's ``dot``, run directly (DOT and Mermaid text never need it).

``dot`` is started once per diagram with the DOT text on its standard input (no Python
wrapper package is imported: the ``graphviz`` package adds nothing to a pipe but its import
time, a tenth of the drawing of an org overview).

A PNG is never written smaller than its layout: Graphviz scales a bitmap wider or taller than
:data:`PNG_LIMIT` pixels down to fit (and says so on standard error only), which leaves the
labels unreadable. :func:`pipe` lays the diagram out once into both the PNG and its plain
layout, compares the image's size with the layout's and refuses a scaled image
(:class:`RenderError`, ``error.render.too-large``).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from cskh_org.errors import RenderError

__all__ = ["BINARY_FORMATS", "PNG_DPI", "PNG_LIMIT", "pipe", "png_size"]

BINARY_FORMATS = ("svg", "png", "pdf")

PNG_LIMIT = 32767
"""The widest and tallest bitmap Graphviz's cairo renderer writes, in pixels; beyond it, it
scales the whole image down."""

PNG_DPI = 96
"""Graphviz's bitmap resolution: a layout inch is 96 pixels (a point, 4/3 of a pixel)."""


def png_size(data: bytes) -> tuple[int, int]:
    """The width and height in pixels of a PNG (from its ``IHDR`` chunk)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise RenderError.of("error.render.graphviz-failed", detail="not a PNG")
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def _dot(dot_text: str, outputs: list[str], format: str) -> bytes:
    """Run ``dot`` with ``outputs`` (its ``-T`` and ``-o`` arguments) on ``dot_text``; its
    standard output. :class:`RenderError` if there is no ``dot`` or it fails."""
    dot = shutil.which("dot")
    if dot is None:
        raise RenderError.of("error.render.no-dot", format=format.upper())
    try:
        done = subprocess.run(
            [dot, *outputs], input=dot_text.encode("utf-8"), capture_output=True, check=False
        )
    except OSError as exc:  # not executable, gone between `which` and the start
        raise RenderError.of("error.render.graphviz-failed", detail=str(exc)) from None
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError.of(
            "error.render.graphviz-failed",
            detail=detail[0] if detail else f"dot exited with code {done.returncode}",
        )
    return done.stdout


def _png(dot_text: str) -> bytes:
    """A PNG at full size, or :class:`RenderError` if Graphviz would have scaled it down."""
    with tempfile.TemporaryDirectory(prefix="cskh-org-") as folder:
        png, plain = Path(folder) / "out.png", Path(folder) / "out.plain"
        _dot(dot_text, ["-Tplain", "-o", str(plain), "-Tpng", "-o", str(png)], "png")
        data = png.read_bytes()
        head = plain.read_text("utf-8", "replace").split("\n", 1)[0].split()
    width, height = png_size(data)
    # `graph SCALE WIDTH HEIGHT`, in inches
    want_w, want_h = (round(float(v) * PNG_DPI) for v in head[2:4])
    if width < want_w * 0.98 or height < want_h * 0.98:  # rounding aside: scaled down
        raise RenderError.of(
            "error.render.too-large",
            width=str(want_w),
            height=str(want_h),
            limit=str(PNG_LIMIT),
            scale=f"{min(width / want_w, height / want_h):.2f}",
        )
    return data


def pipe(dot_text: str, format: str) -> bytes:
    """``dot_text`` laid out by ``dot`` in ``format`` (``svg``, ``png`` or ``pdf``)."""
    if format not in BINARY_FORMATS:
        raise RenderError.of("error.render.image-format", format=format)
    if format == "png":
        return _png(dot_text)
    return _dot(dot_text, [f"-T{format}"], format)
