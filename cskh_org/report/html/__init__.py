"""The HTML report: a self-contained page (inline SVG charts, no network request)."""
