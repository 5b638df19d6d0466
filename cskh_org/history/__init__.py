"""Past tickets as figures: what an imported history holds (:class:`Tally`), the ground the
forecasts and calibrations stand on. The engines take
:class:`~cskh_org.model.history.PastTicket` records (:func:`cskh_org.loading.history.read_history`
reads them from an export) and never read files."""

from __future__ import annotations

from cskh_org.history.tally import Tally

__all__ = ["Tally"]
