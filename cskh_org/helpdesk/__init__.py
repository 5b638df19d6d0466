"""The helpdesk as source and target: import a Zendesk or Freshdesk rule set into the
department format, verify it with the vendor's semantics, replay a ticket history through two
sets, export the reviewed department back to the vendor's JSON shapes.

The engines are pure functions on parsed JSON values (nothing here reads a file); the CLI
(``cskh-org import``, ``export``, ``replay``) reads the files and calls one function.
"""

from __future__ import annotations

from cskh_org.helpdesk.export import (
    Difference,
    Exported,
    export_freshdesk,
    export_set,
    export_zendesk,
)
from cskh_org.helpdesk.importing import SIDECAR_FORMAT, Imported, import_set
from cskh_org.helpdesk.replay import Change, ReplayResult, TicketMapping, replay, vendor_ticket
from cskh_org.helpdesk.semantics import Engine, Outcome
from cskh_org.helpdesk.vendor import (
    FRESHDESK_FILES,
    ZENDESK_FILES,
    NotImported,
    Vendor,
    VendorSet,
    read_vendor_set,
)
from cskh_org.helpdesk.verify import CODES, Verdict, Verification, verify

__all__ = [
    "CODES",
    "FRESHDESK_FILES",
    "SIDECAR_FORMAT",
    "ZENDESK_FILES",
    "Change",
    "Difference",
    "Engine",
    "Exported",
    "Imported",
    "NotImported",
    "Outcome",
    "ReplayResult",
    "TicketMapping",
    "Vendor",
    "VendorSet",
    "Verdict",
    "Verification",
    "export_freshdesk",
    "export_set",
    "export_zendesk",
    "import_set",
    "read_vendor_set",
    "replay",
    "vendor_ticket",
    "verify",
]
