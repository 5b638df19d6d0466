"""The catalogue's labels: table headers, diagram words and the values a ticket can take."""

from __future__ import annotations

from cskh_org.words import register

register({})
