"""Checks of what people read: names that look alike, and lists that repeat an entry.

Semantics, in one place:

* Two units (or two roles) whose names in one language differ, yet look the same, are a
  warning (``name-lookalike``): after Unicode NFKC normalisation, case folding and a small
  table of Latin/Cyrillic/Greek confusables (Cyrillic ``а`` reads as Latin ``a``) they are
  equal. Names that differ only in normalisation (``Hỗ trợ`` written composed, NFC, beside the
  same letters written with combining marks, NFD) are reported with that reason. Two ids that
  differ only in case, ``_``/``-`` or ``0``/``o``, ``1``/``l``/``i`` are reported the same way.
  Vietnamese diacritics are letters, never stripped: ``Hỗ trợ`` and ``Ho tro`` differ.
* A name mixing Latin letters with Cyrillic or Greek ones in one word is a warning
  (``name-mixed-script``): it is how a lookalike is made.
* Invisible characters (zero-width, tags, a byte-order mark inside text) are refused when the
  document is built (``invalid-text``), before these checks run.
* A list of ids or tags that names one entry twice (``channels: [phone, phone]``) is a
  warning (``duplicate-entry``): the second changes nothing, and is often a typo for another.
"""

from __future__ import annotations

import contextlib
import datetime
import types
import typing
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cache, lru_cache
from operator import attrgetter
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from cskh_org.checks import Issue, check
from cskh_org.findings import Said, Severity, both, joined
from cskh_org.model import Department

__all__ = ["repeated_entries", "skeleton"]

W = Severity.WARNING

_CONFUSABLES = str.maketrans(
    {
        # Cyrillic (lower case: names are case-folded first)
        "а": "a", "в": "b", "е": "e", "ё": "ë", "з": "3", "і": "i", "ї": "ï", "ј": "j",
        "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
        "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h", "ү": "y", "ӏ": "l",
        # Greek
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "μ": "u", "ν": "v",
        "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ς": "c", "σ": "o",
        # Latin and digits that read alike
        "0": "o", "1": "l", "ı": "i", "ɩ": "i", "|": "l",
    }
)  # fmt: skip
"""Characters that read as another (after NFKC and case folding), mapped to the one kept."""

_ID_CONFUSABLES = str.maketrans({"_": "-", "0": "o", "1": "l", "i": "l"})


def skeleton(text: str) -> str:
    """What ``text`` looks like: NFKC, case-folded, confusables mapped, spaces collapsed.

    >>> skeleton("Hỗ trợ") == skeleton(unicodedata.normalize("NFD", "Hỗ trợ"))
    True
    >>> skeleton("Support") == skeleton("\u0405upp\u043ert")  # Cyrillic S and o
    True
    >>> skeleton("Hỗ trợ") == skeleton("Ho tro")
    False
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    mapped = unicodedata.normalize("NFC", folded.translate(_CONFUSABLES))
    return " ".join(mapped.split())


def _id_skeleton(value: str) -> str:
    return value.lower().translate(_ID_CONFUSABLES)


@lru_cache(maxsize=1 << 12)
def _script(ch: str) -> str | None:
    """``latin``, ``cyrillic`` or ``greek`` for a letter of those scripts, else ``None``
    (the last 4,096 remembered: a department's names use a few hundred characters)."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "GREEK"):
        if name.startswith(script):
            return script.lower()
    return None


def _mixed(text: str) -> tuple[str, list[str]] | None:
    """The first word of ``text`` that mixes scripts, with the scripts it mixes."""
    for word in unicodedata.normalize("NFC", text).split():
        if word.isascii():  # letters of one script at most (Latin)
            continue
        scripts = _scripts(word)
        if len(scripts) > 1:
            return word, list(scripts)
    return None


@lru_cache(maxsize=1 << 16)
def _scripts(word: str) -> tuple[str, ...]:
    """The scripts of the letters of ``word``, sorted (the last 65,536 remembered: words
    repeat across a department's names)."""
    return tuple(sorted({s for s in map(_script, word) if s is not None}))


_Named = tuple[str, tuple[str | int, ...], Mapping[str, str]]
"""An object's id, the path of its display text, and the text by language."""


def _lookalikes(kind: Said, named: Sequence[_Named]) -> Iterator[Issue]:
    first_by_id: dict[str, str] = {}
    for ident, path, _ in named:
        other = first_by_id.setdefault(_id_skeleton(ident), ident)
        if other != ident:
            yield Issue.said(
                "name-lookalike",
                (*path[:-1], "id"),
                "name-lookalike.id",
                kind=kind,
                id=ident,
                other=other,
            )
    first_by_name: dict[tuple[str, str], tuple[str, str]] = {}
    for ident, path, text in named:
        for lang, value in text.items():
            shown = f"{path[-1]}.{lang}" if lang != "und" else str(path[-1])
            mixed = _mixed(value)
            if mixed is not None:
                yield Issue.said(
                    "name-mixed-script",
                    (*path, lang),
                    shown=shown,
                    kind=kind,
                    id=ident,
                    scripts=joined([both(f"word.script.{s}") for s in mixed[1]]),
                    word=mixed[0],
                )
            key = (lang, skeleton(value))
            earlier = first_by_name.setdefault(key, (ident, value))
            if earlier[0] == ident or earlier[1] == value:
                continue
            normalisation = unicodedata.normalize("NFC", earlier[1]) == unicodedata.normalize(
                "NFC", value
            )
            yield Issue.said(
                "name-lookalike",
                (*path, lang),
                "name-lookalike.normalisation" if normalisation else "name-lookalike.confusable",
                shown=shown,
                kind=kind,
                id=ident,
                other=earlier[0],
            )


@check(
    "names",
    "Units and roles can be told apart: no two ids or display names that look the same "
    "(confusable letters, Unicode normalisation), no name mixing scripts in one word.",
    name_lookalike=W,
    name_mixed_script=W,
)
def names(dept: Department) -> Iterator[Issue]:
    units: list[_Named] = [(u.id, ("units", i, "name"), u.name) for i, u in enumerate(dept.units)]
    roles: list[_Named] = [(r.id, ("roles", i, "title"), r.title) for i, r in enumerate(dept.roles)]
    yield from _lookalikes(both("word.unit"), units)
    yield from _lookalikes(both("word.role"), roles)


# -- repeated entries ---------------------------------------------------------------------


_NOT_SETS = frozenset({"include"})
"""List fields whose repeats another stage judges (an included file twice is include-*)."""


_LEAVES = (str, int, float, Decimal, datetime.date, datetime.time, datetime.timedelta)
"""Values that hold no list of ids (``str`` covers the string enums, ``int`` booleans)."""


def _may_hold_lists(tp: Any, busy: frozenset[type] = frozenset()) -> bool:
    """Whether a value of type ``tp`` may hold a list (of ids or of models) somewhere: not a
    leaf (text, number, date, enum, literal, ``None``), nor a model all of whose fields are
    leaves or such models; any type not recognised may (so it is walked)."""
    origin = get_origin(tp)
    if origin is typing.Annotated:
        return _may_hold_lists(get_args(tp)[0], busy)
    if origin is typing.Union or origin is types.UnionType:
        return any(_may_hold_lists(arg, busy) for arg in get_args(tp))
    if origin is typing.Literal or tp is None or tp is type(None):
        return False
    if origin is None and isinstance(tp, type):
        if issubclass(tp, _LEAVES):
            return False
        if issubclass(tp, BaseModel):
            if tp in busy:  # a recursive model: walked
                return True
            return bool(_walked_fields(tp, busy | {tp}))
    return True


@cache
def _walked_fields(cls: type[BaseModel], busy: frozenset[type] = frozenset()) -> tuple[str, ...]:
    """The fields of a model class the walk looks into: those that may hold a list (the
    others hold no repeat at any depth)."""
    return tuple(
        name
        for name, info in cls.model_fields.items()
        if name not in _NOT_SETS and _may_hold_lists(info.annotation, busy | {cls})
    )


def _repeats(node: Any, path: tuple[str | int, ...], out: list[Issue]) -> None:
    """Every repeat below ``node``, in the order of a depth-first walk, added to ``out``."""
    if node is None or isinstance(node, _LEAVES):
        return
    if isinstance(node, BaseModel):
        for name in _walked_fields(type(node)):
            value = getattr(node, name)
            if value is None or isinstance(value, _LEAVES) or _empty(value):
                continue
            if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                seen: dict[str, int] = {}
                for i, item in enumerate(value):
                    if item in seen:
                        out.append(
                            Issue.said(
                                "duplicate-entry",
                                (*path, name, i),
                                item=item,
                                field=name,
                                first=seen[item] + 1,
                            )
                        )
                    else:
                        seen[item] = i
            else:
                _repeats(value, (*path, name), out)
    elif isinstance(node, tuple):
        for i, item in enumerate(node):
            if item is not None and not isinstance(item, _LEAVES):
                _repeats(item, (*path, i), out)
    elif isinstance(node, dict):
        for key, item in node.items():
            if item is not None and not isinstance(item, _LEAVES):
                _repeats(item, (*path, str(getattr(key, "value", key))), out)


def _of_leaves(value: object) -> bool:
    """Whether ``value`` is a tuple of leaves (a list of ids, of months), cheap to hash."""
    return isinstance(value, tuple) and all(isinstance(v, _LEAVES) for v in value)


def _empty(value: object) -> bool:
    """``value == ()``, without asking a model to compare itself."""
    return isinstance(value, tuple) and not value


def _no_repeats(nodes: list[Any]) -> bool:
    """Whether :func:`_repeats` finds nothing below any of ``nodes``: the same walk a level
    at a time, the models of a level a class at a time and a field at a time (each field's
    distinct lists of ids tested once; an instance met twice, such as the staff lines written
    alike, once). A valid department repeats nothing, so this answer is usually all there
    is."""
    while nodes:
        if len(nodes) > 1:
            nodes = list({id(node): node for node in nodes}.values())
        below: list[Any] = []
        kinds = set(map(type, nodes))
        for kind in kinds:
            if kind is type(None) or issubclass(kind, _LEAVES):
                continue  # (items of a list: a leaf holds nothing)
            group: list[Any] = nodes if len(kinds) == 1 else [n for n in nodes if type(n) is kind]
            if issubclass(kind, BaseModel):
                if not _fields_repeat_nothing(kind, group, below):
                    return False
            elif issubclass(kind, tuple):
                below.extend(item for node in group for item in node)
            elif issubclass(kind, dict):
                below.extend(item for node in group for item in node.values())
        nodes = below
    return True


def _fields_repeat_nothing(cls: type[BaseModel], group: list[Any], below: list[Any]) -> bool:
    """Whether no list of ids in the walked fields of the models ``group`` (all of class
    ``cls``) repeats an entry; what holds more is added to ``below``."""
    for name in _walked_fields(cls):
        values: Iterable[Any] = list(map(attrgetter(name), group))
        if _of_leaves(next((v for v in values if v is not None), None)):
            with contextlib.suppress(TypeError):  # (unhashable: each is tested)
                values = set(values)
        for value in values:
            if value is None or isinstance(value, _LEAVES) or _empty(value):
                continue
            if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
                if len(set(value)) != len(value):
                    return False
            elif not _of_leaves(value):
                below.append(value)
    return True


@check(
    "repeats",
    "No list of ids names an entry twice (channels, functions, skills, languages…).",
    duplicate_entry=W,
)
def repeats(dept: Department) -> Iterator[Issue]:
    yield from repeated_entries(dept)


def repeated_entries(node: Any, path: tuple[str | int, ...] = ()) -> list[Issue]:
    """The ``duplicate-entry`` issues of the ``repeats`` check below ``node`` (a model, as
    written at ``path``): the check's own walk, for a caller that checks one section."""
    if _no_repeats([node]):
        return []
    found: list[Issue] = []
    _repeats(node, path, found)  # where, in document order
    return found
