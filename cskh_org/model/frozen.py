"""A read-only mapping for model fields, so no model reachable from a department can change.

Every mapping field of every model is a :class:`FrozenMap` (sequences are tuples). pydantic
validates it as the ``dict`` it wraps and then freezes it; it serialises as that ``dict`` and its
JSON Schema is the ``dict``'s, so the document format does not change. It pickles (the
simulation's process pool pickles models and routers), hashes when its values do, and compares
equal to a ``dict`` with the same items.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from types import MappingProxyType
from typing import Any, Generic, NoReturn, TypeVar, get_args, overload

import annotated_types
from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

__all__ = ["FrozenMap", "MinEntries", "freeze"]

K = TypeVar("K")
V = TypeVar("V", covariant=True)  # noqa: PLC0105 (read like typing.Mapping)
_T = TypeVar("_T")


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """An immutable mapping: no item, and no attribute, can be set or deleted after creation.

    >>> m = FrozenMap({"vi": "Hỗ trợ"})
    >>> m["vi"], m == {"vi": "Hỗ trợ"}
    ('Hỗ trợ', True)
    >>> m["en"] = "Support"
    Traceback (most recent call last):
    TypeError: 'FrozenMap' object does not support item assignment
    """

    __slots__ = ("_data", "_hash")

    _data: MappingProxyType[K, V]
    _hash: int | None

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        object.__setattr__(self, "_data", MappingProxyType(dict(items)))
        object.__setattr__(self, "_hash", None)

    # -- reading: delegate to the wrapped dict (its views are read-only) -------------------

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V | _T, /) -> V | _T: ...
    def get(self, key: K, default: object = None, /) -> object:
        return self._data.get(key, default)

    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return dict(self._data) == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(frozenset(self._data.items())))
        assert self._hash is not None
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({dict(self._data)!r})"

    def __or__(self, other: Mapping[K, Any]) -> FrozenMap[K, Any]:
        return FrozenMap({**self._data, **other})

    # -- no writing ------------------------------------------------------------------------

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"'FrozenMap' object is read-only (cannot set {name!r})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"'FrozenMap' object is read-only (cannot delete {name!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self._data),))

    def __copy__(self) -> FrozenMap[K, V]:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenMap[K, V]:
        from copy import deepcopy

        return FrozenMap({deepcopy(k, memo): deepcopy(v, memo) for k, v in self._data.items()})

    # -- pydantic: validated and serialised as the dict it wraps ---------------------------

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        args = get_args(source)
        key, value = args if len(args) == 2 else (Any, Any)
        as_dict = handler.generate_schema(dict[key, value])  # type: ignore[valid-type]
        return core_schema.no_info_after_validator_function(
            FrozenMap,
            as_dict,
            serialization=core_schema.wrap_serializer_function_ser_schema(
                _serialize, schema=as_dict
            ),
        )


def _serialize(
    value: Mapping[Any, Any], serialize: core_schema.SerializerFunctionWrapHandler
) -> Any:
    return serialize(dict(value))


def freeze(value: object) -> Any:
    """``value`` with every ``dict`` turned into a :class:`FrozenMap` and every ``list`` into a
    ``tuple``, recursively (for module-level tables and data built outside the models)."""
    if isinstance(value, dict):
        return FrozenMap({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(v) for v in value)
    return value


class MinEntries(annotated_types.MinLen):
    """At least ``min_length`` entries in a :class:`FrozenMap`: ``Annotated[FrozenMap[K, V],
    MinEntries(1)]``.

    ``Field(min_length=…)`` would be checked on the wrapper, with a JSON Schema ``minLength``
    (pydantic treats a wrapped type it does not know as text); this checks the wrapped ``dict``,
    so the error and the schema (``minProperties``) are a ``dict``'s."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        inner: Any = schema
        while inner["type"] in ("function-after", "function-before", "function-wrap"):
            inner = inner["schema"]
        if inner["type"] != "dict":
            raise TypeError(f"MinEntries applies to a FrozenMap, not to {source!r}")
        inner["min_length"] = self.min_length
        return schema
