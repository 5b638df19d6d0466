"""The fixtures of ``tests/data/helpdesk``: each folder a vendor's set (clean or hostile)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cskh_org.helpdesk import Vendor

DATA = Path(__file__).resolve().parent.parent / "data" / "helpdesk"
FIXTURES: dict[str, Vendor] = {
    "zendesk": "zendesk",
    "zendesk_hostile": "zendesk",
    "freshdesk": "freshdesk",
    "freshdesk_hostile": "freshdesk",
}


def documents(name: str) -> dict[str, Any]:
    """File name → parsed JSON, for the fixture folder ``name``."""
    return {
        p.name: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((DATA / name).glob("*.json"))
    }
