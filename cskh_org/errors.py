"""The exception tree: one root, :class:`CskhOrgError`, and one subclass per way to fail.

The CLI maps each subclass to an exit code (:attr:`CskhOrgError.exit_code`), so a caller
never sees a traceback for a problem in its input.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from cskh_org.words import Said

if TYPE_CHECKING:
    from cskh_org.findings import Finding

__all__ = [
    "ApprovalError",
    "CalendarError",
    "CskhOrgError",
    "DocumentInvalid",
    "RenderError",
    "SimulationError",
    "SourceError",
    "TicketInvalid",
    "UsageError",
]


class CskhOrgError(Exception):
    """Root of every error this library raises on purpose.

    Its text is safe to print: every control character in it (one that came from the input,
    such as an escape sequence in a file name) is shown escaped, its own line breaks kept
    (:func:`~cskh_org.terminal.printable_lines`)."""

    exit_code: ClassVar[int] = 2
    said: Said | None = None
    """The message in both languages, for the errors that have it (``str(error)`` is the
    English one)."""

    def __str__(self) -> str:
        return self._printable(super().__str__())

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
        first = errors[0].format() if errors else "no error-level finding"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}")


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
        message: str,
        *,
        index: int | None = None,
        field: str | None = None,
        said: Said | None = None,
    ) -> None:
        self.index = index
        self.field = field
        self.said = said if said is not None else Said(vi=message, en=message)
        """The message in both languages (the English one is ``str(error)``)."""
        super().__init__(message)


class RenderError(CskhOrgError):
    """A diagram cannot be drawn: a view without data in the document, a bad option, or
    Graphviz's ``dot`` missing for SVG/PNG/PDF (the message names the package to install)."""

    exit_code = 2


class SimulationError(CskhOrgError):
    """A department and workload that cannot be simulated as given (a unit that receives
    tickets but has no agent who may take them, a calendar that never opens…)."""

    exit_code = 2
