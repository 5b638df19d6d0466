"""The compiled router as a file: save it once, route from it in a cold process.

``cskh-org compile FILE -o router.json`` writes a department's compiled router as JSON (never
pickle: reading the file runs no code of its own): the ticket schema and the routing section
(for checking tickets, opaque rules and ``explain``), the compiled tables (the rule of each
bit, the opaque bits, one mask per attribute and abstract element, as hexadecimal text), the
names of the target units, and the sha256 of the documents it was compiled from.

:func:`load_router` rebuilds the router from the file without compiling any condition. It
checks the format and its version and the shape of every table (sizes, ranges, the default's
bit), and, given the documents, that their content still has the recorded hash: a stale or
damaged file is refused with a :class:`~cskh_org.errors.SourceError` said in Vietnamese and
English, never a traceback.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cskh_org.errors import SourceError
from cskh_org.routing.decision import PriorityScale, Target
from cskh_org.routing.router import Elements, Router, target_of
from cskh_org.routing.sealed import Sealed
from cskh_org.routing.tickets import Damaged, TicketRules

if TYPE_CHECKING:
    import hashlib

    from cskh_org.model import Department, TicketSchema
    from cskh_org.model.routing import Routing

__all__ = [
    "FORMAT",
    "VERSION",
    "LoadedRouter",
    "department_router_json",
    "documents_hash",
    "load_router",
    "router_json",
]

FORMAT = "cskh-org-router"
VERSION = 1
"""The format version this library writes and reads; another version is refused."""

_OPENSSL_FROM = 1 << 20
"""Documents of this many bytes or more are hashed with OpenSSL's sha256, smaller ones with
CPython's own (which costs no library to load)."""

_MAX_BYTES = 256 * 1024 * 1024
"""The largest router file read (a 1,000-rule table is about a megabyte)."""


_CHUNK = 1 << 16
"""Bytes read at a time when hashing a document: one buffer read into again and again, which
stays in the caches (reading a 7 MB document whole spends as long faulting in fresh pages as
hashing them). Below glibc's 128 KiB threshold for mapping a buffer on its own: on a 7 MB
department, a 256 KiB buffer read and hashed in 8.0 ms, a 64 KiB one in 5.6 ms."""


def _sha256(size: int) -> hashlib._Hash:
    """A sha256 for ``size`` bytes: OpenSSL's for a megabyte or more (4 ms to load, then seven
    times faster: 25 ms saved on 7 MB) or once it is loaded, CPython's own below (no library
    to load in a process that only routes)."""
    try:
        if size < _OPENSSL_FROM and "_hashlib" not in sys.modules:
            from _sha256 import sha256  # type: ignore[import-not-found]
        else:
            from _hashlib import openssl_sha256 as sha256
        return sha256()  # type: ignore[no-any-return]
    except ImportError:  # pragma: no cover - another interpreter
        import hashlib

        return hashlib.sha256()


def documents_hash(files: Sequence[str | os.PathLike[str]]) -> str:
    """The sha256 of the documents' content, in order (each file's length, then its bytes).

    Each file is read in chunks into one buffer after its length is taken from the open file;
    a file that changes length while it is read is read again whole, so the length hashed is
    always the length of the bytes hashed."""
    total = sum(os.stat(file).st_size for file in files)
    digest = _sha256(total)
    buffer = bytearray(min(_CHUNK, total + 1))
    view = memoryview(buffer)
    for file in files:
        with open(file, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            digest.update(size.to_bytes(8, "big"))
            seen = 0
            while n := f.readinto(buffer):
                seen += n
                if seen > size:
                    break
                digest.update(view[:n])
        if seen != size:  # the file changed as it was read: hash what they all hold now
            return _hash_whole(files)
    return digest.hexdigest()


def _hash_whole(files: Sequence[str | os.PathLike[str]]) -> str:
    """:func:`documents_hash` with each file read whole first (the length of what was read)."""
    contents = [Path(file).read_bytes() for file in files]
    digest = _sha256(sum(map(len, contents)))
    for data in contents:
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def router_json(
    router: Router,
    *,
    department: str,
    languages: Sequence[str],
    units: Mapping[str, Mapping[str, str]],
    files: Sequence[str | os.PathLike[str]],
) -> str:
    """The router file's text: ``files`` are the documents (the department's own first, then
    the files it includes), recorded relative to the first one's folder."""
    bits, opaque, masks = router.tables()
    base = Path(files[0]).resolve().parent if files else Path()
    names = [os.path.relpath(Path(f).resolve(), base).replace(os.sep, "/") for f in files]
    each = [{"path": n, "sha256": documents_hash([f])} for n, f in zip(names, files, strict=True)]
    targets = {r.to.unit for r in router.routing.rules} | {router.routing.default.unit}
    data = {
        "format": FORMAT,
        "version": VERSION,
        "documents": {"sha256": documents_hash(files), "files": each},
        "department": department,
        "languages": list(languages),
        "units": {u: dict(units[u]) for u in sorted(targets) if u in units},
        "schema": router.schema.model_dump(by_alias=True, exclude_unset=True),
        "routing": router.routing.model_dump(by_alias=True, exclude_unset=True),
        "tables": {
            "attributes": [d.name for d in router.space.domains],
            "bits": list(bits),
            "opaque": sorted(opaque),
            "masks": [[format(m, "x") for m in per] for per in masks],
            "elements": [e.to_data() for e in router.elements],
        },
    }
    return _dumps(data) + "\n"


def _dumps(data: object) -> str:
    """JSON with every ``Decimal`` written as a JSON number of exactly its digits (read back
    with ``parse_float=Decimal``: a rule's ``-0.5`` stays a number, not the text ``"-0.5"``)."""
    import re
    import secrets

    mark = "decimal-" + secrets.token_hex(16) + ":"

    def plain(value: object) -> object:
        if isinstance(value, Decimal):
            text = str(value)
            return mark + (text if "." in text or "E" in text else text + "E0")
        if isinstance(value, Mapping):
            return dict(value)
        if isinstance(value, frozenset | set):
            return sorted(value)
        raise TypeError(type(value).__name__)

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=plain)
    return re.sub(f'"{re.escape(mark)}([-+0-9.E]+)"', r"\1", text)


class LoadedRouter(Sealed):
    """A router read from a router file, with what a report of its decisions needs: the
    department's id, languages, ticket schema, routing section and target units' names.

    :attr:`ticket_schema` and :attr:`routing` are the models, built on first use; :attr:`view`
    says the same to a report (:mod:`cskh_org.report.routing`) without them."""

    __slots__ = ("department", "languages", "router", "sha256", "units_by_id", "view")

    def __init__(
        self,
        router: Router,
        *,
        department: str,
        languages: tuple[str, ...],
        units: Mapping[str, _UnitName],
        sha256: str,
        rules: TicketRules | None = None,
        priority_attribute: str | None = None,
    ) -> None:
        self.router = router
        self.department = department
        self.languages = languages
        self.units_by_id = units
        self.sha256 = sha256
        self.view = RouterFileView(
            languages,
            units,
            rules if rules is not None else router.ticket_rules,
            priority_attribute
            if priority_attribute is not None
            else router.routing.priority_attribute,
        )

    @property
    def ticket_schema(self) -> TicketSchema:
        return self.router.schema

    @property
    def routing(self) -> Routing:
        return self.router.routing


class _PriorityOf(Sealed):
    """What a report reads of the routing section: the attribute holding the priority."""

    __slots__ = ("priority_attribute",)

    def __init__(self, attribute: str) -> None:
        self.priority_attribute = attribute


class RouterFileView(Sealed):
    """A router file's department as a route report reads it, made without the models: its
    languages, target units' names, ticket schema (:class:`TicketRules`) and priority
    attribute."""

    __slots__ = ("languages", "routing", "ticket_schema", "units_by_id")

    def __init__(
        self,
        languages: tuple[str, ...],
        units: Mapping[str, _UnitName],
        rules: TicketRules,
        priority_attribute: str,
    ) -> None:
        self.languages = languages
        self.units_by_id = units
        self.ticket_schema = rules
        self.routing = _PriorityOf(priority_attribute)


class _UnitName(Sealed):
    """A target unit as a report shows it: its name in the document's languages."""

    __slots__ = ("id", "name")

    id: str
    name: Mapping[str, str]

    def __init__(self, ident: str, name: Mapping[str, str]) -> None:
        put = object.__setattr__  # a new object's empty slots (a router file has thousands)
        put(self, "id", ident)
        put(self, "name", name)


def department_router_json(department: Department, files: Sequence[str | os.PathLike[str]]) -> str:
    """The router file of a loaded department: its router, id, languages and the names of the
    units it routes to; ``files`` as for :func:`router_json`."""
    return router_json(
        department.router(),
        department=department.id,
        languages=department.languages,
        units={ident: unit.name for ident, unit in department.units_by_id.items()},
        files=files,
    )


def load_router(
    source: str | os.PathLike[str], *, documents: str | os.PathLike[str] | None = None
) -> LoadedRouter:
    """The router in a router file (a path, or the file's text when ``source`` is a ``str``
    starting with ``{`` or ``[``). With ``documents`` (the department file it was compiled
    from), the documents' content must still have the recorded hash."""
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        name, text = "<router>", source
    else:
        name = os.fspath(source)
        text = _read(Path(name), name)
    try:
        data = json.loads(text, parse_float=Decimal)
    except (ValueError, RecursionError) as exc:
        raise SourceError.of("error.router-file.json", name=name, problem=f"{exc!s:.200}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SourceError.of("error.router-file.format", name=name, format=FORMAT)
    version = data.get("version")
    if version != VERSION or type(version) is not int:
        raise SourceError.of(
            "error.router-file.version",
            name=name,
            found=f"{version!s:.40}" if isinstance(version, Decimal) else f"{version!r:.40}",
            expected=VERSION,
        )
    sha = _get(data, "documents", dict, name)
    recorded = _get(sha, "sha256", str, name, "documents.sha256")
    files = _get(sha, "files", list, name, "documents.files")
    if not all(
        isinstance(f, dict) and isinstance(f.get("path"), str) and isinstance(f.get("sha256"), str)
        for f in files
    ):
        raise _damaged(name, "documents.files")
    if documents is not None:
        _check_documents(name, Path(documents), files)
    return _rebuild_any(data, name, recorded)


def _rebuild_any(data: dict[str, Any], name: str, recorded: str) -> LoadedRouter:
    tables = data.get("tables")
    if isinstance(tables, dict) and "elements" in tables:
        return _rebuild_light(data, name, recorded)
    return _rebuild(data, name, recorded)  # a file written before the elements were


def _check_documents(name: str, document: Path, files: list[dict[str, str]]) -> None:
    """Refuse the router file unless the document (then each file it included, by its path
    relative to the document's folder) still has the content the file recorded."""
    shown = os.fspath(document)
    try:
        own = documents_hash([document])
    except OSError as exc:
        raise SourceError.of(
            "error.router-file.unreadable-document",
            name=name,
            document=shown,
            reason=exc.strerror or type(exc).__name__,
        ) from None
    if not files or own != files[0]["sha256"]:
        raise _stale(name, shown)
    for file in files[1:]:
        try:
            found = documents_hash([document.parent / file["path"]])
        except OSError:
            raise _stale(name, shown) from None  # an included file gone: not the same documents
        if found != file["sha256"]:
            raise _stale(name, shown)


def _stale(name: str, document: str) -> SourceError:
    """The error of documents that changed (said only then: its words load the errors' part
    of the catalogue)."""
    return SourceError.of("error.router-file.stale", name=name, document=document)


def _read(path: Path, name: str) -> str:
    try:
        with path.open("rb") as f:
            raw = f.read(_MAX_BYTES + 1)
    except OSError as exc:
        raise SourceError.of(
            "error.router-file.unreadable", name=name, reason=exc.strerror or type(exc).__name__
        ) from None
    if len(raw) > _MAX_BYTES:
        raise SourceError.of("error.router-file.too-large", name=name, n=_MAX_BYTES)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SourceError.of("error.router-file.not-utf8", name=name) from None


def _damaged(name: str, where: str) -> SourceError:
    return SourceError.of("error.router-file.damaged", name=name, where=where)


def _get(data: Mapping[str, Any], key: str, kind: type, name: str, where: str = "") -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _damaged(name, where or key)
    return value


def _about(data: dict[str, Any], name: str) -> tuple[str, tuple[str, ...], dict[str, _UnitName]]:
    """The department's id, languages and target units' names a router file records."""
    department = _get(data, "department", str, name)
    languages = _get(data, "languages", list, name)
    if not languages or not all(isinstance(x, str) for x in languages):
        raise _damaged(name, "languages")
    units_data = _get(data, "units", dict, name)
    units: dict[str, _UnitName] = {}
    for ident, text in units_data.items():
        # a name in each language: str keys (as every JSON object has) and str values
        if type(text) is not dict or not {type(v) for v in text.values()} <= {str}:
            raise _damaged(name, f"units.{ident:.60}")
        units[ident] = _UnitName(ident, text)
    return department, tuple(languages), units


def _models(data: dict[str, Any], name: str) -> tuple[Routing, TicketSchema]:
    """The routing section and ticket schema of a router file, as models."""
    from pydantic import ValidationError

    from cskh_org.model import TicketSchema
    from cskh_org.model.routing import Routing

    try:
        schema = TicketSchema.model_validate(_get(data, "schema", dict, name))
    except ValidationError as exc:
        raise _damaged(name, _where("schema", exc)) from None
    try:
        routing = Routing.model_validate(_get(data, "routing", dict, name))
    except ValidationError as exc:
        raise _damaged(name, _where("routing", exc)) from None
    return routing, schema


def _bit_tables(
    tables: dict[str, Any], name: str, n_rules: int
) -> tuple[tuple[int, ...], frozenset[int]]:
    """The rule of each bit and the opaque bits, checked against the number of rules."""
    bits = _ints(_get(tables, "bits", list, name, "tables.bits"), name, "tables.bits")
    opaque = _ints(_get(tables, "opaque", list, name, "tables.opaque"), name, "tables.opaque")
    if (
        not bits
        or bits[-1] != n_rules
        or any(b < 0 or b > n_rules for b in bits)
        or any(a > b for a, b in itertools.pairwise(bits))
        or bits.count(n_rules) != 1
    ):
        raise _damaged(name, "tables.bits")
    if any(b < 0 or b >= len(bits) - 1 for b in opaque) or len(set(opaque)) != len(opaque):
        raise _damaged(name, "tables.opaque")
    return tuple(bits), frozenset(opaque)


def _rebuild(data: dict[str, Any], name: str, sha256: str) -> LoadedRouter:
    """The router of a file without the elements of its attributes: the space is rebuilt
    from the models."""
    department, languages, units = _about(data, name)
    routing, schema = _models(data, name)
    tables = _get(data, "tables", dict, name)
    bits, opaque = _bit_tables(tables, name, len(routing.rules))
    # the space is rebuilt from the rules (no condition compiled): the masks must fit it
    router_space = Router.space_of(routing, schema)
    attributes = _get(tables, "attributes", list, name, "tables.attributes")
    if attributes != [d.name for d in router_space.domains]:
        raise _damaged(name, "tables.attributes")
    masks = _masks(tables, name, len(bits), [Elements.of(d) for d in router_space.domains])
    router = Router.from_tables(
        routing, schema, bits=bits, opaque=opaque, masks=masks, space=router_space
    )
    return LoadedRouter(
        router, department=department, languages=languages, units=units, sha256=sha256
    )


def _rebuild_light(data: dict[str, Any], name: str, sha256: str) -> LoadedRouter:
    """The router of a file, made of plain parts: neither pydantic nor the models are imported
    (they are built when the router is asked for its ``routing`` or ``schema``, to explain a
    decision or evaluate an opaque rule)."""
    department, languages, units = _about(data, name)
    try:
        rules = TicketRules.from_data(_get(data, "schema", dict, name))
    except Damaged as exc:
        raise _damaged(name, exc.where) from None
    routing = _get(data, "routing", dict, name)
    if not set(routing) <= {
        "rules",
        "default",
        "priority_attribute",
        "default_priority",
        "unrouted_functions",
    }:
        raise _damaged(name, "routing")
    rule_list = routing.get("rules", [])
    if not isinstance(rule_list, list):
        raise _damaged(name, "routing.rules")
    targets: list[object] = []  # as written: each is made when a decision first needs it
    rule_ids: list[str] = []
    for index, rule in enumerate(rule_list):
        ident = rule.get("id") if type(rule) is dict else None
        if type(ident) is not str:
            raise _damaged(name, f"routing.rules.{index}")
        to = rule.get("to")
        # most targets are only a unit (checked here as target_of would); the rest by it
        unit = to.get("unit") if type(to) is dict and len(to) == 1 else None
        if not (type(unit) is str and unit) and target_of(to) is None:
            raise _damaged(name, f"routing.rules.{index}.to")
        rule_ids.append(ident)
        targets.append(to)
    default = routing.get("default")
    if target_of(default) is None:
        raise _damaged(name, "routing.default")
    targets.append(default)
    attribute = routing.get("priority_attribute", "priority")
    default_priority = routing.get("default_priority")
    if not isinstance(attribute, str):
        raise _damaged(name, "routing.priority_attribute")
    if default_priority is not None and not isinstance(default_priority, str):
        raise _damaged(name, "routing.default_priority")
    priority = PriorityScale.of(attribute, rules.enum_values(attribute), default_priority)
    tables = _get(data, "tables", dict, name)
    bits, opaque = _bit_tables(tables, name, len(rule_ids))
    elements: list[Elements] = []
    for pos, item in enumerate(_get(tables, "elements", list, name, "tables.elements")):
        found = Elements.from_data(item, rules)
        if found is None:
            raise _damaged(name, f"tables.elements[{pos}]")
        elements.append(found)
    names = [e.name for e in elements]
    keyed = [n for n, a in rules.attributes.items() if a.type in ("enum", "number", "boolean")]
    if len(set(names)) != len(names) or not set(keyed) <= set(names):
        raise _damaged(name, "tables.elements")
    if _get(tables, "attributes", list, name, "tables.attributes") != names:
        raise _damaged(name, "tables.attributes")
    masks = _masks(tables, name, len(bits), elements)
    router = Router.from_parts(
        rules,
        priority,
        _FileTargets(targets),
        rule_ids,
        elements,
        bits=bits,
        opaque=opaque,
        masks=masks,
        models=lambda: _models(data, name),
    )
    return LoadedRouter(
        router,
        department=department,
        languages=languages,
        units=units,
        sha256=sha256,
        rules=rules,
        priority_attribute=attribute,
    )


class _FileTargets:
    """A router file's targets of the rules, then the default's, each made the first time a
    decision needs it (a file has a thousand; routing one ticket needs one). Their shapes were
    checked as the file was read."""

    __slots__ = ("_made", "_written")

    def __init__(self, written: list[object]) -> None:
        self._written = written
        self._made: dict[int, Target] = {}

    def __getitem__(self, index: int, /) -> Target:
        target = self._made.get(index)
        if target is None:
            target = target_of(self._written[index])
            assert target is not None, "its shape was checked as the file was read"
            self._made[index] = target
        return target


def _masks(
    tables: dict[str, Any], name: str, n_bits: int, elements: Sequence[Elements]
) -> tuple[tuple[int, ...], ...]:
    """The masks per attribute and element, each checked to fit the bits and the elements
    (the default's bit is set on every valid element)."""
    masks_data = _get(tables, "masks", list, name, "tables.masks")
    if len(masks_data) != len(elements):
        raise _damaged(name, "tables.masks")
    limit = 1 << n_bits
    default = 1 << (n_bits - 1)
    masks: list[tuple[int, ...]] = []
    for pos, (domain, per) in enumerate(zip(elements, masks_data, strict=True)):
        where = f"tables.masks[{pos}]"
        if not isinstance(per, list) or len(per) != domain.size:
            raise _damaged(name, where)
        row: list[int] = []
        for element, text in enumerate(per):
            mask = _hex(text, limit, name, f"{where}[{element}]")
            if domain.valid >> element & 1 and not mask & default:
                raise _damaged(name, f"{where}[{element}]")  # the default always matches
            row.append(mask)
        masks.append(tuple(row))
    return tuple(masks)


def _ints(values: list[Any], name: str, where: str) -> list[int]:
    if not all(type(v) is int for v in values):
        raise _damaged(name, where)
    return values


def _hex(text: Any, limit: int, name: str, where: str) -> int:
    if not isinstance(text, str) or len(text) > limit.bit_length() // 4 + 1:
        raise _damaged(name, where)
    try:
        value = int(text, 16)
    except ValueError:
        raise _damaged(name, where) from None
    if value < 0 or value >= limit or text != format(value, "x"):
        raise _damaged(name, where)
    return value


def _where(section: str, exc: Any) -> str:
    errors = exc.errors()
    loc = errors[0]["loc"] if errors else ()
    return ".".join([section, *(f"{part!s:.40}" for part in loc)])
