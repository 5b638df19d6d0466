"""Console blocks of the docs: parse them, compare shown output with real output, rewrite them.

A ```` ```console ```` block is a series of commands, each a line ``$ cskh-org ARGS`` (a
trailing ``> FILE`` sends standard output to a file; a line ending with ``\\`` goes on on the
next), followed by the output it shows (standard
output and standard error, as a terminal shows them) up to the next ``$`` line. In the shown
output:

* a line that is only ``…`` (or ``...``) stands for any number of lines, none included;
* a line ending with ``…`` stands for any line that starts with the text before it (a line
  equal to it matches too, as when the command itself clips a line with ``…``).

:func:`align` compares a command's shown output with its real output and returns the shown
output updated to the real one, keeping every elision that still fits: the docs test prints
the difference as a diff, and ``CSKH_ORG_UPDATE_DOCS=1`` writes it back into the file.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

ELLIPSIS = "…"
PROMPT = "$ "


@dataclass(frozen=True)
class Step:
    """One ``$`` command of a console block and the output shown after it."""

    line: int
    command: str
    shown: tuple[str, ...]

    def argv(self) -> tuple[list[str], str | None]:
        """The ``cskh-org`` arguments, and the file standard output is redirected to."""
        words = shlex.split(self.command)
        redirect = None
        if len(words) >= 2 and words[-2] == ">":
            redirect = words[-1]
            words = words[:-2]
        if (
            not words
            or words[0] != "cskh-org"
            or any(w in {">", "<", "|", "&&", ";"} for w in words)
        ):
            raise ValueError(
                f"line {self.line}: a console block runs `cskh-org ARGS [> FILE]` only, "
                f"not `{self.command}` (use a ```sh or ```text block for anything else)"
            )
        return words[1:], redirect


def steps(code: str, first_line: int) -> list[Step]:
    """The commands of a console block whose code starts at line ``first_line`` of its file."""
    out: list[Step] = []
    command: str | None = None
    shown: list[str] = []
    start = first_line
    continued = False  # the command's last line ended with `\`: this line goes on with it
    for number, text in enumerate(code.splitlines(), first_line):
        if continued and command is not None:
            command = command[:-1] + " " + text.strip()
            continued = command.endswith("\\")
        elif text.startswith(PROMPT):
            if command is not None:
                out.append(Step(start, command, tuple(_trim(shown))))
            command, shown, start = text[len(PROMPT) :], [], number
            continued = command.endswith("\\")
        elif command is None:
            if text.strip():
                raise ValueError(f"line {number}: output before the first `$ ` command")
        else:
            shown.append(text)
    if command is not None:
        out.append(Step(start, command, tuple(_trim(shown))))
    return out


def _trim(lines: list[str]) -> list[str]:
    """Shown output without the blank lines that separate it from the next command."""
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def is_elision(shown: str) -> bool:
    return shown.strip() in (ELLIPSIS, "...")


def line_matches(shown: str, actual: str) -> bool:
    if shown == actual:
        return True
    return shown.endswith(ELLIPSIS) and actual.startswith(shown[: -len(ELLIPSIS)])


def align(shown: tuple[str, ...], actual: list[str]) -> tuple[bool, list[str]]:
    """Whether ``actual`` fits ``shown``, and ``shown`` updated to fit ``actual``.

    An edit-distance alignment: an elision takes any number of actual lines for free, a shown
    line matches an actual line for free, and replacing, dropping or adding a line costs one.
    The update keeps the shown lines (and elisions) the cheapest alignment keeps, takes the
    actual line where one is replaced, and adds the actual lines no shown line stands for.
    """
    n, m = len(shown), len(actual)
    inf = n + m + 1
    # cost[i][j]: cheapest alignment of shown[i:] with actual[j:]
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[n] = [m - j for j in range(m + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m, -1, -1):
            if is_elision(shown[i]):
                best = cost[i + 1][j]
                if j < m:
                    best = min(best, cost[i][j + 1])
            else:
                best = cost[i + 1][j] + 1  # drop the shown line
                if j < m:
                    here = 0 if line_matches(shown[i], actual[j]) else 1
                    best = min(best, cost[i + 1][j + 1] + here, cost[i][j + 1] + 1)
            cost[i][j] = best
    updated: list[str] = []
    i = j = 0
    while i < n or j < m:
        if i == n:
            updated.extend(actual[j:])
            break
        if is_elision(shown[i]):
            if j < m and cost[i][j] != cost[i + 1][j]:
                j += 1  # the elision takes this line (ending it here would cost more)
            else:
                updated.append(shown[i])
                i += 1
            continue
        if j < m:
            here = 0 if line_matches(shown[i], actual[j]) else 1
            if cost[i][j] == cost[i + 1][j + 1] + here:
                updated.append(shown[i] if here == 0 else actual[j])
                i, j = i + 1, j + 1
                continue
            if cost[i][j] == cost[i][j + 1] + 1:
                updated.append(actual[j])
                j += 1
                continue
        i += 1  # the shown line is dropped
    return cost[0][0] == 0, updated
