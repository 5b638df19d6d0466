"""The exception tree: one root, :class:`CskhOrgError`, and one subclass per way to fail.

The CLI maps each subclass to an exit code (:attr:`CskhOrgError.exit_code`), so a caller
never sees a traceback for a problem in its input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar, Self

from cskh_org.words import Said

if TYPE_CHECKING:
    from cskh_org.findings import Finding

__all__ = [
    "ApprovalError",
    "CalendarError",
    "CskhOrgError",
    "DocumentInvalid",
    "HistoryError",
    "RenderError",
    "SimulationError",
    "SourceError",
    "StaffingError",
    "TicketInvalid",
    "UsageError",
    "error_words",
    "grouped",
]


def error_words(key: str, /, **fields: object) -> Said:
    """The catalogue's entry ``key`` for an error, in both languages, its ``{name}`` fields
    filled in (a field that is a :class:`Said` in each language's words).

    The errors' part of the catalogue (:mod:`cskh_org.words.errors`) is loaded alone, on the
    first error said: raising one loads neither the rest of the catalogue nor anything else.
    """
    from cskh_org.words import both
    from cskh_org.words import errors as _words  # noqa: F401  (registers the errors' words)

    return both(key, **fields)


def grouped(n: int) -> Said:
    """A whole number as each language groups its digits (``1.048.576`` / ``1,048,576``)."""
    return Said(vi=f"{n:,}".replace(",", "."), en=f"{n:,}")


class CskhOrgError(Exception):
    """Root of every error this library raises on purpose.

    Its text is safe to print: every control character in it (one that came from the input,
    such as an escape sequence in a file name) is shown escaped, its own line breaks kept
    (:func:`~cskh_org.terminal.printable_lines`)."""

    exit_code: ClassVar[int] = 2
    said: Said | None = None
    """The message in both languages, for the errors that have it (``str(error)`` is the
    English one)."""

    def __init__(self, *args: object) -> None:
        """Given its message as a :class:`Said` (first argument), the error keeps both
        languages in :attr:`said` and its ``args`` hold the English."""
        if args and isinstance(args[0], Said):
            self.said = args[0]
            args = (args[0].en, *args[1:])
        super().__init__(*args)

    @classmethod
    def of(cls, key: str, /, **fields: object) -> Self:
        """The error whose message is the catalogue's entry ``key``
        (:func:`error_words`): ``raise UsageError.of("error.sla.no-section", department=…)``.
        For the errors whose first argument is their message (all but
        :class:`DocumentInvalid`)."""
        return cls(error_words(key, **fields))

    def __str__(self) -> str:
        return self._printable(super().__str__())

    def words(self) -> Said:
        """The message in both languages, each as safe to print as ``str(error)`` (the
        English in both when the error has no Vietnamese): to say it inside another one."""
        return Said(vi=self.text("vi"), en=str(self))

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (a display language) when the error has it in both
        (:attr:`said`), else ``str(error)``; as safe to print as ``str(error)``."""
        if self.said is None or lang == "en":
            return str(self)
        return self._printable(self.said.text(lang))

    @staticmethod
    def _printable(text: str) -> str:
        from cskh_org.terminal import printable_lines

        return printable_lines(text)


class UsageError(CskhOrgError):
    """The call itself is wrong: a bad option, a missing argument, a malformed value."""

    exit_code = 2


class SourceError(CskhOrgError):
    """A document cannot be read at all: missing, unreadable, or larger than the limit.

    Given its message in both languages (a :class:`~cskh_org.words.Said`), it keeps them in
    :attr:`said`; given English only, that stands for both."""

    exit_code = 2

    def __init__(self, message: str | Said) -> None:
        self.said: Said = message if isinstance(message, Said) else Said(vi=message, en=message)
        super().__init__(self.said.en)


class DocumentInvalid(CskhOrgError):
    """A document was read but has error-level findings; they are all in :attr:`findings`."""

    exit_code = 1

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        errors = [f for f in self.findings if f.severity.is_error]
        if errors:
            first = Said(vi=errors[0].format("vi"), en=errors[0].format())
        else:
            first = error_words("error.document.no-error")
        more = error_words("error.document.more", n=len(errors) - 1) if len(errors) > 1 else None
        super().__init__(
            error_words("error.document.invalid", first=first, more=more or Said(vi="", en=""))
        )


class TicketInvalid(CskhOrgError, ValueError):
    """A ticket does not fit the department's ticket schema; the message names the attribute.

    Given as a :class:`~cskh_org.words.Said` (the routing package's own errors are), the
    message is in both languages: :attr:`said`, and ``str(error)`` in English."""

    exit_code = 2

    def __init__(self, message: str | Said, attribute: str | None = None) -> None:
        self.attribute = attribute
        if isinstance(message, Said):
            self.said = message
            message = message.en
        super().__init__(message)

    @staticmethod
    def _printable(text: str) -> str:  # one line: a line break from the ticket is escaped too
        from cskh_org.terminal import printable

        return printable(text)


class CalendarError(CskhOrgError, ValueError):
    """Business-time arithmetic cannot answer: an instant without a time zone, a negative
    duration, or a calendar that never opens (the message names the calendar)."""

    exit_code = 2


class ApprovalError(CskhOrgError, ValueError):
    """A move of a budget plan's approval chain is refused: out of order, by the wrong party,
    without a UTC offset, or earlier than the move before it. When replaying a history,
    :attr:`index` is the refused entry and :attr:`field` the entry's key at fault (``action``,
    ``by`` or ``at``)."""

    exit_code = 2

    def __init__(
        self,
        message: str | Said,
        *,
        index: int | None = None,
        field: str | None = None,
        said: Said | None = None,
    ) -> None:
        self.index = index
        self.field = field
        if isinstance(message, Said):
            said, message = message, message.en
        self.said = said if said is not None else Said(vi=message, en=message)
        """The message in both languages (the English one is ``str(error)``)."""
        super().__init__(message)


class RenderError(CskhOrgError):
    """A diagram cannot be drawn: a view without data in the document, a bad option, or
    Graphviz's ``dot`` missing for SVG/PNG/PDF (the message names the package to install)."""

    exit_code = 2


class StaffingError(CskhOrgError, ValueError):
    """Staffing asked of figures no queue has (a negative number of agents, a load that is not
    a finite number, more arrivals within one patience than any queue holds)."""

    exit_code = 2


class HistoryError(CskhOrgError, ValueError):
    """A forecast or calibration asked of a history that cannot give it (too short, no ticket
    with the attribute, a horizon that starts inside the history…)."""

    exit_code = 2


class SimulationError(CskhOrgError):
    """A department and workload that cannot be simulated as given (a unit that receives
    tickets but has no agent who may take them, a calendar that never opens…)."""

    exit_code = 2
