"""The shared shapes of a sweep: a variant ready to simulate, and one replication's KPIs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cskh_org.findings import Finding
from cskh_org.model import Department
from cskh_org.model.workload import Workload

__all__ = ["RepResult", "VariantSpec"]


@dataclass(frozen=True)
class VariantSpec:
    """One variant of a sweep: its id, the values of the sweep's parameters that make it,
    and the department and workload it is (patched and validated)."""

    id: str
    department: Department
    workload: Workload
    params: Mapping[str, Any] = field(default_factory=dict)
    """The grid's parameter values (``{"support_agents": 4}``); empty for a listed variant."""
    findings: tuple[Finding, ...] = ()
    """Warnings and notes of its validation (a variant with errors is never built)."""

    def key(self) -> str:
        """The variant's content hash: the same documents give the same key (a worker's
        compiled simulations and a store's results are kept by it). Worked out once: the
        documents are frozen."""
        known = self.__dict__.get("_key")
        if known is not None:
            return str(known)
        text = json.dumps(
            [
                self.department.model_dump(mode="json", by_alias=True),
                self.workload.model_dump(mode="json", by_alias=True),
            ],
            sort_keys=True,
            ensure_ascii=False,
            default=str,
        )
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
        self.__dict__["_key"] = key  # a frozen dataclass: its own cache, not a field
        return key


@dataclass(frozen=True, slots=True)
class RepResult:
    """One replication of one variant: its KPIs by name, as
    :attr:`~cskh_org.simulation.results.SimulationResult.samples` names them
    (``overall/sla.first_response``, ``overall/abandonment``, ``unit=support/utilisation``…),
    plus ``staff_cost_month`` (the variant's staff cost, the same in every replication)."""

    variant: str
    replication: int
    kpis: Mapping[str, float]
    asked: tuple[str, ...] | None = None
    """The KPIs it was run for (``None``: every KPI; else those of them the replication
    has, and ``staff_cost_month``)."""

    def serves(self, kpis: Sequence[str] | None) -> bool:
        """Whether it answers a request for ``kpis`` (``None``: every one)."""
        if self.asked is None:
            return True
        return kpis is not None and set(kpis) <= set(self.asked)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "variant": self.variant,
            "replication": self.replication,
            "kpis": dict(self.kpis),
        }
        if self.asked is not None:
            out["asked"] = list(self.asked)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> RepResult:
        asked = data.get("asked")
        if asked is not None and not (
            isinstance(asked, list) and all(isinstance(a, str) for a in asked)
        ):
            raise TypeError("asked")
        return cls(
            str(data["variant"]),
            int(data["replication"]),
            dict(data["kpis"]),
            None if asked is None else tuple(asked),
        )
