"""Write-once objects: each attribute is set once, while the object is built, and never again.

The router and the parts it reads (:class:`~cskh_org.routing.reference.PriorityScale`,
:class:`~cskh_org.routing.tickets.TicketChecker`) derive from :class:`Sealed`, so the data
``route``, ``explain`` and ``route_reference`` read cannot be swapped after the fact: all three
always read the same thing. Pickling still works: unpickling fills the empty slots.
"""

from __future__ import annotations

from typing import NoReturn

__all__ = ["Sealed"]


class Sealed:
    """A ``__slots__`` class whose slots can each be assigned once, and never deleted.

    >>> class Point(Sealed):
    ...     __slots__ = ("x",)
    ...     def __init__(self, x: int) -> None:
    ...         self.x = x
    >>> p = Point(1)
    >>> p.x = 2
    Traceback (most recent call last):
    AttributeError: Point is immutable: cannot set `x`
    """

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> None:
        if any(name in getattr(c, "__slots__", ()) for c in type(self).__mro__):
            try:
                object.__getattribute__(self, name)
            except AttributeError:  # an empty slot: the object is being built (or unpickled)
                object.__setattr__(self, name, value)
                return
        raise AttributeError(f"{type(self).__name__} is immutable: cannot set `{name}`")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is immutable: cannot delete `{name}`")
