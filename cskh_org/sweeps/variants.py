"""The variants of a sweep: each a patch of the department and/or the workload, applied to
their dumped documents, rebuilt into models and checked like a loaded document.

Paths are JSON-Pointer-like over ``model_dump(mode="json", by_alias=True)``: in a list of
items with an ``id`` a segment names the item by id, a number names it by index, ``*`` every
item. Every problem is a finding located at the op that made the variant.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from cskh_org.findings import Finding, Location, Path, Severity
from cskh_org.hints import nearest
from cskh_org.model import Department
from cskh_org.model.sweep import Operation, ParameterOp, Sweep
from cskh_org.model.workload import Workload
from cskh_org.sweeps.spec import VariantSpec
from cskh_org.words import Said, both

__all__ = ["MAX_VARIANTS", "PatchError", "apply_op", "expand", "variant_id"]

MAX_VARIANTS = 10_000
"""The most variants a sweep expands to."""

Located = Callable[[Path], Location | None]
_NO_HINT = Said("", "")


class PatchError(Exception):
    """A path that names nothing: its reason and a did-you-mean hint."""

    def __init__(self, reason: Said, hint: Said = _NO_HINT) -> None:
        super().__init__(reason.en)
        self.reason = reason
        self.hint = hint


def _segments(path: str) -> list[str]:
    return [s.replace("~1", "/").replace("~0", "~") for s in path.split("/")[1:]]


def _hint(word: str, candidates: Iterable[str]) -> Said:
    near = nearest(word, list(candidates))
    return both("sweep.hint", word=near) if near else _NO_HINT


def _children(node: Any, segment: str) -> list[tuple[Any, str | int]]:
    """The (container, key) pairs ``segment`` names in ``node``."""
    if isinstance(node, dict):
        if segment not in node:
            raise PatchError(both("sweep.reason.field", key=segment[:80]), _hint(segment, node))
        return [(node, segment)]
    if isinstance(node, list):
        if segment == "*":
            return [(node, i) for i in range(len(node))]
        if segment.isdigit() and len(segment) < 10:
            index = int(segment)
            if index >= len(node):
                raise PatchError(both("sweep.reason.index", index=index))
            return [(node, index)]
        ids = [item.get("id") for item in node if isinstance(item, dict)]
        for i, item_id in enumerate(ids):
            if item_id == segment:
                return [(node, i)]
        known = [i for i in ids if isinstance(i, str)]
        raise PatchError(both("sweep.reason.id", id=segment[:80]), _hint(segment, known))
    raise PatchError(both("sweep.reason.scalar", type=type(node).__name__))


def _plain(value: Any) -> Any:
    """A grid value as JSON data: a Decimal as an int when whole, else a float."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _times(value: Any, factor: Decimal) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise PatchError(both("sweep.reason.number", type=type(value).__name__))
    try:
        exact = Decimal(repr(value) if isinstance(value, float) else str(value)) * factor
    except InvalidOperation:
        raise PatchError(both("sweep.reason.number", type=type(value).__name__)) from None
    if isinstance(value, str):
        return str(exact)
    if isinstance(value, int) and exact == exact.to_integral_value():
        return int(exact)
    return float(exact)


def apply_op(document: Any, op: str, path: str, operand: Any = None) -> None:
    """Apply one operation in place (``operand``: the value, or the factor of ``multiply``).
    Raises :class:`PatchError` when the path names nothing."""
    segments = _segments(path)
    nodes: list[Any] = [document]
    for segment in segments[:-1]:
        nodes = [c[k] for n in nodes for c, k in _children(n, segment)]
    last = segments[-1]
    for node in nodes:
        if op == "add" and isinstance(node, dict):
            node[last] = copy.deepcopy(operand)
            continue
        if op == "add" and isinstance(node, list) and last == "-":
            node.append(copy.deepcopy(operand))
            continue
        if op == "add" and isinstance(node, list) and last.isdigit() and len(last) < 10:
            if int(last) > len(node):
                raise PatchError(both("sweep.reason.index", index=int(last)))
            node.insert(int(last), copy.deepcopy(operand))
            continue
        targets = _children(node, last)
        if op == "remove":
            for container, key in sorted(targets, key=lambda t: str(t[1]), reverse=True):
                del container[key]
        for container, key in targets:
            if op in ("replace", "add"):
                container[key] = copy.deepcopy(operand)
            elif op == "multiply":
                container[key] = _times(container[key], Decimal(str(operand)))


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != 0 else "0"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def variant_id(params: Sequence[tuple[str, Any]]) -> str:
    """A grid variant's id: ``support_agents=4,growth=1.1``."""
    return ",".join(f"{name}={_text(value)}" for name, value in params)


_Step = tuple[str, str, str, Any, Path]
"""One op of a variant: document, op, path, operand, where it is written in the sweep."""


def _plan(
    sweep: Sweep, located: Located
) -> tuple[list[tuple[str, dict[str, Any], list[_Step]]], list[Finding]]:
    plans: list[tuple[str, dict[str, Any], list[_Step]]] = []
    findings: list[Finding] = []
    if sweep.base:
        plans.append(("base", {}, []))
    if sweep.grid:
        axes = [p.all_values() for p in sweep.grid]
        total = 1
        for axis in axes:
            total *= len(axis)
        if total + len(sweep.variants) > MAX_VARIANTS:
            findings.append(
                Finding.said(
                    "sweep-too-many",
                    Severity.ERROR,
                    both("sweep-too-many", n=total + len(sweep.variants), limit=MAX_VARIANTS),
                    located(("grid",)),
                    ("grid",),
                )
            )
            return [], findings
        for combo in itertools.product(*axes):
            steps: list[_Step] = []
            for i, (param, value) in enumerate(zip(sweep.grid, combo, strict=True)):
                doc, pop = param.target
                operand = value if pop.op == "multiply" else _plain(value)
                steps.append((doc, pop.op, pop.path, operand, ("grid", i, doc)))
            params = {p.name: v for p, v in zip(sweep.grid, combo, strict=True)}
            plans.append((variant_id(list(params.items())), params, steps))
    seen = {p[0]: "sweep.other.grid" for p in plans}
    if sweep.base:
        seen["base"] = "sweep.other.base"
    for j, variant in enumerate(sweep.variants):
        if variant.id in seen:
            findings.append(
                Finding.said(
                    "sweep-duplicate-id",
                    Severity.ERROR,
                    both("sweep-duplicate-id", id=variant.id, other=both(seen[variant.id])),
                    located(("variants", j, "id")),
                    ("variants", j, "id"),
                )
            )
            continue
        seen[variant.id] = "sweep.other.listed"
        steps = []
        for doc, ops in (("department", variant.department), ("workload", variant.workload)):
            for k, op in enumerate(ops):
                steps.append((doc, op.op, op.path, _operand(op), ("variants", j, doc, k)))
        plans.append((variant.id, {}, steps))
    return plans, findings


def _operand(op: Operation | ParameterOp) -> Any:
    if isinstance(op, Operation):
        return op.factor if op.op == "multiply" else op.value
    return None


def _validation_findings(
    exc: ValidationError, cls: type[Any], name: str, at: Location | None, where: Path
) -> list[Finding]:
    from cskh_org.loading.build import _message

    found = []
    for err in exc.errors(include_url=False):
        code, words = _message(dict(err), cls)
        found.append(
            Finding.said(
                code,
                Severity.ERROR,
                both("sweep-variant", variant=name, message=words),
                at,
                where,
            )
        )
    return found


def expand(
    sweep: Sweep, department: Department, workload: Workload, *, located: Located
) -> tuple[tuple[VariantSpec, ...], tuple[Finding, ...]]:
    """The variants of ``sweep`` (patched, rebuilt and checked) and every finding, located by
    ``located`` (a path in the sweep file → where it is written). Variants with errors are
    left out; their warnings are kept on :attr:`VariantSpec.findings`."""
    from cskh_org.checks import run_checks
    from cskh_org.checks.workload import check_workload

    plans, findings = _plan(sweep, located)
    base_docs = {
        "department": department.model_dump(mode="json", by_alias=True),
        "workload": workload.model_dump(mode="json", by_alias=True),
    }
    specs: list[VariantSpec] = []
    for name, params, steps in plans:
        if not steps:
            specs.append(VariantSpec(name, department, workload, params))
            continue
        docs = copy.deepcopy(base_docs)
        own: list[Finding] = []
        last_at: dict[str, Path] = {}
        for doc, op, path, operand, where in steps:
            last_at[doc] = where
            try:
                apply_op(docs[doc], op, path, operand)
            except PatchError as exc:
                own.append(
                    Finding.said(
                        "sweep-bad-path",
                        Severity.ERROR,
                        both(
                            "sweep-bad-path",
                            variant=name,
                            path=path[:200],
                            reason=exc.reason,
                            hint=exc.hint,
                        ),
                        located((*where, "path")) or located(where),
                        (*where, "path"),
                    )
                )
        if own:
            findings.extend(own)
            continue
        first = steps[0][4]
        at_dept = last_at.get("department", first)
        at_work = last_at.get("workload", first)
        try:
            new_dept = (
                Department.model_validate(docs["department"])
                if "department" in last_at
                else department
            )
        except ValidationError as exc:
            findings.extend(_validation_findings(exc, Department, name, located(at_dept), at_dept))
            continue
        try:
            new_work = (
                Workload.model_validate(docs["workload"]) if "workload" in last_at else workload
            )
        except ValidationError as exc:
            findings.extend(_validation_findings(exc, Workload, name, located(at_work), at_work))
            continue
        checked: list[Finding] = []
        issues: list[tuple[Any, Severity, Path]] = []
        if "department" in last_at:
            issues.extend((i, s, at_dept) for i, s in run_checks(new_dept))
        from cskh_org.checks.workload import WORKLOAD_CODES

        for issue in check_workload(new_work, new_dept):
            issues.append((issue, WORKLOAD_CODES[issue.code].severity, at_work))
        for issue, severity, where in issues:
            words = Said(issue.text("vi"), issue.message)
            checked.append(
                Finding.said(
                    issue.code,
                    severity,
                    both("sweep-variant", variant=name, message=words),
                    located(where),
                    where,
                )
            )
        findings.extend(checked)
        if any(f.severity.is_error for f in checked):
            continue
        specs.append(VariantSpec(name, new_dept, new_work, params, tuple(checked)))
    return tuple(specs), tuple(findings)
