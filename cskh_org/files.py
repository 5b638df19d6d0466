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
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, BinaryIO, Literal, cast, overload

from cskh_org.errors import SourceError
from cskh_org.findings import printable

__all__ = [
    "CHUNK",
    "NotRegularFile",
    "bounded_lines",
    "check_output",
    "file_kind",
    "input_lines",
    "open_regular",
    "output_file",
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
    return _kind(mode)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def require_regular_file(path: StrPath, what: str) -> None:
    """Raise :class:`SourceError` unless ``path`` is a regular file (links followed) that
    exists; ``what`` names the input in the message ("tickets", "actual spend")."""
    name = shown_path(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file (the {what})") from None
    except (OSError, ValueError) as exc:
        reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
        raise SourceError(f"{name}: cannot read the {what} ({reason})") from None
    if not stat.S_ISREG(mode):
        raise SourceError(
            f"{name}: is {_kind(mode)}, not a file; give the {what} as a regular file "
            "(or - to read standard input)"
        )


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
        self.kind = _kind(mode)
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
        raise SourceError(
            f"{name}: is {exc.kind}, not a file; give the {what} as a regular file "
            "(or - to read standard input)"
        ) from None
    except (OSError, ValueError) as exc:
        reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
        raise SourceError(f"{name}: cannot read the {what} ({reason})") from None
    with stream:
        yield _reading(bounded_lines(stream, max_line), name, what)


def _reading(lines: Iterator[bytes], name: str, what: str) -> Iterator[bytes]:
    try:
        yield from lines
    except OSError as exc:
        raise SourceError(f"{name}: cannot read the {what} ({_reason(exc)})") from None


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
                f"{name}: is one of this command's inputs ({shown_path(source)}); writing the "
                f"{what} there would destroy it: give another path"
            )
    try:
        mode = os.lstat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):  # not there: creating it says if it can be
        return
    except OSError as exc:
        raise SourceError(f"{name}: cannot write the {what} ({_reason(exc)})") from None
    if stat.S_ISLNK(mode):
        raise SourceError(
            f"{name}: is a symbolic link; cskh-org does not write through links: give the "
            "path of the file itself"
        )
    if not stat.S_ISREG(mode):
        raise SourceError(f"{name}: is {_kind(mode)}; give the path of a file to write")
    if not force:
        raise SourceError(f"{name}: already exists; pass --force to replace it")


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
        raise SourceError(f"{name}: no such folder {shown_path(folder)}") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot write the {what} ({_reason(exc)})") from None
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
        raise SourceError(f"{name}: cannot write the {what} ({_reason(exc)})") from None
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
