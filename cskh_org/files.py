"""The user's files, read and written so that nothing hangs, floods memory or is destroyed.

Semantics, in one place:

* **Inputs are regular files** (or ``-``, standard input). A folder, a named pipe with no
  writer, ``/dev/zero`` or a socket is refused with its kind named, before it is opened, so
  nothing blocks or reads forever.
* **Lines are read in bounded pieces.** :func:`bounded_lines` yields each line of a binary
  stream with at most ``max_line + 1`` bytes of content: a longer line is cut there and the
  rest of it is skipped without being kept, so the consumer can say "line N is too long"
  while memory stays flat whatever the input (a 100 MB line, ``/dev/zero``).
* **Outputs never destroy.** :func:`output_file` refuses a path that is one of the command's
  inputs (after resolving links), an existing file unless ``force``, and any path that is a
  symbolic link (dangling ones too): nothing is written through a link. The data goes to a
  temporary file in the same folder, flushed to disk, then renamed over the target, so a
  crash, an interrupt or a full disk leaves the old file whole and no half-written new one.
* **Every I/O failure is a** :class:`~cskh_org.errors.SourceError` (exit 2) naming the path
  and the reason (no such folder, no space left on the device…), never a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO, Literal, cast, overload

from cskh_org.errors import SourceError
from cskh_org.findings import Said, both, printable
from cskh_org.words import catalogue

__all__ = [
    "CHUNK",
    "NotRegularFile",
    "bounded_lines",
    "check_output",
    "file_kind",
    "input_lines",
    "open_regular",
    "output_file",
    "reason",
    "require_regular_file",
    "shown_path",
    "write_output",
]

CHUNK = 1 << 16
"""Bytes read at a time from an input stream."""

StrPath = str | os.PathLike[str]


def shown_path(path: StrPath) -> str:
    """A path as printed in a message: control characters escaped, so a file name cannot
    forge a line or reach the terminal as an escape sequence."""
    return printable(os.fspath(path))


def file_kind(mode: int) -> str:
    """What a file that is not a regular one is, for a message: "a folder", "a named pipe"…"""
    return _kind(mode).en


def _kind(mode: int) -> Said:
    """What a file that is not a regular one is, in both languages."""
    if stat.S_ISDIR(mode):
        return both("file.kind.folder")
    if stat.S_ISFIFO(mode):
        return both("file.kind.pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return both("file.kind.device")
    if stat.S_ISSOCK(mode):
        return both("file.kind.socket")
    return both("file.kind.other")


_ERRNO_OF_CLASS: dict[type[OSError], int] = {
    FileNotFoundError: errno.ENOENT,
    PermissionError: errno.EACCES,
    IsADirectoryError: errno.EISDIR,
    NotADirectoryError: errno.ENOTDIR,
    FileExistsError: errno.EEXIST,
}
"""The errno an OS error of a class stands for when it was raised without one."""


def reason(exc: BaseException) -> Said:
    """Why the OS refused, in both languages: by the error's errno (or its class, raised
    without one) from the catalogue's ``os.<ERRNO>`` entries, the English being the OS's own
    words (``exc.strerror``); an error the catalogue does not name is quoted as the OS wrote
    it. A ``ValueError`` is a path holding a NUL character."""
    if not isinstance(exc, OSError):
        text = str(exc)
        if isinstance(exc, ValueError) and "null" in text:
            return Said(vi=both("os.null-byte").vi, en=text)
        return both("os.other", reason=text)
    english = exc.strerror or type(exc).__name__
    number = exc.errno
    if number is None:
        number = next((n for cls, n in _ERRNO_OF_CLASS.items() if isinstance(exc, cls)), None)
    key = f"os.{errno.errorcode.get(number, '')}" if number is not None else ""
    if key in catalogue():
        return Said(vi=both(key).vi, en=english)
    return both("os.other", reason=english)


def _what(what: str) -> Said:
    """What an input or output is ("tickets", "diagram"), in both languages where the
    catalogue has it (``file.what.<what>``), else as given in both."""
    key = f"file.what.{what}"
    return both(key) if key in catalogue() else Said(vi=what, en=what)


def require_regular_file(path: StrPath, what: str) -> None:
    """Raise :class:`SourceError` unless ``path`` is a regular file (links followed) that
    exists; ``what`` names the input in the message ("tickets", "actual spend")."""
    name = shown_path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SourceError(both("file.no-input", name=name, what=_what(what))) from None
    except (OSError, ValueError) as exc:
        raise SourceError(_unreadable(name, what, exc)) from None
    if not stat.S_ISREG(mode):
        raise SourceError(_not_a_file(name, what, mode))


def _unreadable(name: str, what: str, exc: BaseException) -> Said:
    return both("file.unreadable-input", name=name, what=_what(what), reason=reason(exc))


def _not_a_file(name: str, what: str, mode: int) -> Said:
    return both("file.input-not-a-file", name=name, kind=_kind(mode), what=_what(what))


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotRegularFile(OSError):
    """Raised by :func:`open_regular` for a named pipe, a device, a socket or a folder;
    :attr:`kind` says which ("a named pipe")."""

    def __init__(self, mode: int) -> None:
        self.mode = mode
        self.said = _kind(mode)
        """What the file is, in both languages."""
        self.kind = self.said.en
        super().__init__(f"is {self.kind}, not a file")


def open_regular(path: StrPath) -> BinaryIO:
    """``path`` opened for binary reading if it is a regular file (links followed).

    The file is opened without blocking (a named pipe with no writer does not wait) and
    checked on the open descriptor, so nothing can be swapped in between the check and the
    read. Raises :class:`OSError` as :func:`open` does, :class:`NotRegularFile` for a folder,
    a named pipe, a device or a socket."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(mode)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


@contextlib.contextmanager
def input_lines(path: StrPath, what: str, max_line: int) -> Iterator[Iterator[bytes]]:
    """The lines of the input ``path`` (``-``: standard input) in bounded pieces, as
    :func:`bounded_lines` yields them. Anything but a regular file (or ``-``) is refused with
    its kind named, before anything is read; every I/O failure, at opening or while reading,
    is a :class:`SourceError` naming the path and ``what`` the input is ("tickets")."""
    if os.fspath(path) == "-":
        yield bounded_lines(sys.stdin.buffer, max_line)
        return
    name = shown_path(path)
    try:
        stream = open_regular(path)
    except NotRegularFile as exc:
        raise SourceError(_not_a_file(name, what, exc.mode)) from None
    except (OSError, ValueError) as exc:
        raise SourceError(_unreadable(name, what, exc)) from None
    with stream:
        yield _reading(bounded_lines(stream, max_line), name, what)


def _reading(lines: Iterator[bytes], name: str, what: str) -> Iterator[bytes]:
    try:
        yield from lines
    except OSError as exc:
        raise SourceError(_unreadable(name, what, exc)) from None


def bounded_lines(stream: BinaryIO | IO[bytes], max_line: int) -> Iterator[bytes]:
    """Each line of ``stream`` with its line end (``\\n``) when it has one; a line whose
    content is longer than ``max_line`` bytes is cut to ``max_line + 1`` bytes (plus its line
    end) and the rest skipped unread into memory. At most ``max_line + CHUNK`` bytes are held
    at a time."""
    kept = bytearray()
    over = False
    read = getattr(stream, "read1", stream.read)
    while True:
        chunk: bytes = read(CHUNK)
        if not chunk:
            break
        start = 0
        size = len(chunk)
        while start < size:
            end = chunk.find(b"\n", start)
            stop = size if end < 0 else end
            if not over:
                room = max_line + 1 - len(kept)
                if stop - start > room:
                    kept += chunk[start : start + room]
                    over = True
                else:
                    kept += chunk[start:stop]
            if end < 0:
                break
            kept += b"\n"
            yield bytes(kept)  # one copy: the longest line is held twice at most
            kept.clear()
            over = False
            start = end + 1
    if kept or over:
        yield bytes(kept)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_output(
    path: StrPath, *, force: bool = False, inputs: Iterable[StrPath] = (), what: str = "output"
) -> None:
    """Raise :class:`SourceError` if :func:`output_file` would refuse ``path`` (one of the
    inputs, a link, not a file, or existing without ``force``), writing nothing: to check
    every file of a command before the first is written."""
    _check_target(Path(path), force=force, inputs=tuple(inputs), what=what)


def _check_target(target: Path, *, force: bool, inputs: Iterable[StrPath], what: str) -> None:
    name = shown_path(target)
    for source in inputs:
        if _same_file(target, Path(source)):
            raise SourceError(
                both(
                    "file.output-is-input",
                    name=name,
                    source=shown_path(source),
                    what=_what(what),
                )
            )
    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):  # not there: creating it says if it can be
        return
    except OSError as exc:
        raise SourceError(_unwritable(name, what, exc)) from None
    if stat.S_ISLNK(mode):
        raise SourceError(both("file.output-link", name=name))
    if not stat.S_ISREG(mode):
        raise SourceError(both("file.output-not-a-file", name=name, kind=_kind(mode)))
    if not force:
        raise SourceError(both("file.output-exists", name=name))


def _unwritable(name: str, what: str, exc: BaseException) -> Said:
    return both("file.unwritable", name=name, what=_what(what), reason=reason(exc))


@overload
def output_file(
    path: StrPath,
    *,
    mode: Literal["w"] = ...,
    force: bool = ...,
    inputs: Iterable[StrPath] = ...,
    what: str = ...,
    make_folders: bool = ...,
) -> contextlib.AbstractContextManager[IO[str]]: ...


@overload
def output_file(
    path: StrPath,
    *,
    mode: Literal["wb"],
    force: bool = ...,
    inputs: Iterable[StrPath] = ...,
    what: str = ...,
    make_folders: bool = ...,
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def output_file(
    path: StrPath,
    *,
    mode: Literal["w", "wb"] = "w",
    force: bool = False,
    inputs: Iterable[StrPath] = (),
    what: str = "output",
    make_folders: bool = False,
) -> contextlib.AbstractContextManager[IO[str]] | contextlib.AbstractContextManager[IO[bytes]]:
    """A stream to write ``path`` through a temporary file renamed over it on success (UTF-8
    text with ``newline=""`` for ``"w"``). See the module's semantics; raises
    :class:`SourceError` before anything is written when the target is refused."""
    manager = _output_file(
        Path(path),
        mode=mode,
        force=force,
        inputs=tuple(inputs),
        what=what,
        make_folders=make_folders,
    )
    if mode == "w":
        return cast("contextlib.AbstractContextManager[IO[str]]", manager)
    return cast("contextlib.AbstractContextManager[IO[bytes]]", manager)


@contextlib.contextmanager
def _output_file(
    target: Path,
    *,
    mode: Literal["w", "wb"],
    force: bool,
    inputs: tuple[StrPath, ...],
    what: str,
    make_folders: bool,
) -> Iterator[IO[str] | IO[bytes]]:
    import tempfile

    name = shown_path(target)
    _check_target(target, force=force, inputs=inputs, what=what)
    folder = target.parent
    try:
        if make_folders:
            folder.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except FileNotFoundError:
        raise SourceError(both("file.no-folder", name=name, folder=shown_path(folder))) from None
    except OSError as exc:
        raise SourceError(_unwritable(name, what, exc)) from None
    try:
        try:
            previous = os.stat(target).st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            previous = 0o666 & ~umask
        os.fchmod(fd, previous)
        stream: IO[str] | IO[bytes] = (
            os.fdopen(fd, "w", encoding="utf-8", newline="") if mode == "w" else os.fdopen(fd, "wb")
        )
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _check_target(target, force=True, inputs=inputs, what=what)  # no link slipped in
        os.replace(temporary, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise SourceError(_unwritable(name, what, exc)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def write_output(
    path: StrPath,
    data: bytes | str,
    *,
    force: bool = False,
    inputs: Iterable[StrPath] = (),
    what: str = "output",
    make_folders: bool = False,
) -> None:
    """Write ``data`` to ``path`` whole or not at all (see :func:`output_file`)."""
    if isinstance(data, str):
        with output_file(
            path, force=force, inputs=inputs, what=what, make_folders=make_folders
        ) as text:
            text.write(data)
    else:
        with output_file(
            path, mode="wb", force=force, inputs=inputs, what=what, make_folders=make_folders
        ) as binary:
            binary.write(data)
