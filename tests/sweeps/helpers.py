"""Variants of the growing example for the sweep tests: extra agents in a unit."""

from __future__ import annotations

from typing import Any

import yaml

from cskh_org.loading import validate
from cskh_org.model import Department
from cskh_org.model.workload import Workload
from cskh_org.sweeps.spec import VariantSpec
from tests.conftest import EXAMPLES


def growing() -> tuple[Department, Workload]:
    dept = validate(EXAMPLES / "growing" / "department.yaml").unwrap()
    data = yaml.safe_load((EXAMPLES / "growing" / "workload.yaml").read_text(encoding="utf-8"))
    return dept, Workload.model_validate(data)


def with_more(dept: Department, extra: int, unit: str = "support") -> Department:
    """The department with ``extra`` more care agents in ``unit``."""
    dump: Any = dept.model_dump(mode="json", by_alias=True)
    (node,) = [u for u in dump["units"] if u["id"] == unit]
    (line,) = [s for s in node["staff"] if s["role"] == "care_agent"][:1]
    line["headcount"] += extra
    return Department.model_validate(dump)


def variants(n: int = 3) -> list[VariantSpec]:
    dept, wl = growing()
    return [VariantSpec(f"v{i}", with_more(dept, i) if i else dept, wl) for i in range(n)]
