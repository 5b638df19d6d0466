"""`cskh_org.files`: bounded lines, regular inputs only, outputs that never destroy."""

from __future__ import annotations

import errno
import io
import os
import re
import resource
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cskh_org.errors import SourceError
from cskh_org.files import (
    NotRegularFile,
    bounded_lines,
    file_kind,
    output_file,
    reason,
    require_regular_file,
    shown_path,
    write_output,
)
from cskh_org.words import Said, catalogue


def _reference_lines(data: bytes, max_line: int) -> list[bytes]:
    """The plain answer: split in memory, cut each line's content at max_line + 1."""
    parts = data.split(b"\n")
    out = [part[: max_line + 1] + b"\n" for part in parts[:-1]]
    if parts[-1]:
        out.append(parts[-1][: max_line + 1])
    return out


class _Trickle(io.RawIOBase):
    """A stream that hands out at most ``step`` bytes per read, like a pipe."""

    def __init__(self, data: bytes, step: int) -> None:
        self.data = data
        self.step = step
        self.pos = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        piece = self.data[self.pos : self.pos + min(self.step, len(buffer))]
        self.pos += len(piece)
        buffer[: len(piece)] = piece
        return len(piece)


@given(
    data=st.lists(st.sampled_from([b"a", b"\n", b"\xc3\xa1", b"xyz", b"\r"]), max_size=200).map(
        b"".join
    ),
    max_line=st.integers(min_value=0, max_value=12),
    step=st.integers(min_value=1, max_value=9),
)
def test_bounded_lines_equal_the_plain_split(data: bytes, max_line: int, step: int) -> None:
    """Whatever the line lengths and however the stream hands out its bytes, the lines are
    those of a plain split, each cut at max_line + 1 bytes."""
    assert list(
        bounded_lines(io.BufferedReader(_Trickle(data, step)), max_line)
    ) == _reference_lines(data, max_line)


def test_a_huge_line_is_cut_without_being_held() -> None:
    """A 64 MB line with no end (like /dev/zero) yields max_line + 1 bytes, and the reader
    never holds more than a chunk past the limit."""

    class Zeros(io.RawIOBase):
        def __init__(self) -> None:
            self.left = 64 << 20
            self.largest = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
            n = min(self.left, len(buffer))
            self.left -= n
            buffer[:n] = b"\0" * n
            return n

    zeros = Zeros()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    (line,) = bounded_lines(io.BufferedReader(zeros), 1000)
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert line == b"\0" * 1001
    assert zeros.left == 0
    assert grown_kb < 32 << 10  # far below the 64 MB a whole-line read would take


@pytest.mark.parametrize("kind", ["folder", "fifo", "device"])
def test_inputs_that_are_not_regular_files_are_refused_by_kind(tmp_path: Path, kind: str) -> None:
    """A folder, a named pipe (that would block with no writer) and /dev/zero are refused
    before they are opened, with their kind named."""
    if kind == "folder":
        path, said = tmp_path, "a folder"
    elif kind == "fifo":
        path, said = tmp_path / "pipe", "a named pipe"
        os.mkfifo(path)
    else:
        path, said = Path("/dev/zero"), "a device"
    with pytest.raises(SourceError, match=said):
        require_regular_file(path, "tickets")
    with pytest.raises(SourceError, match="no such file"):
        require_regular_file(tmp_path / "missing.jsonl", "tickets")
    require_regular_file(Path(__file__), "tickets")


def test_output_is_written_whole_and_replaces_only_with_force(tmp_path: Path) -> None:
    target = tmp_path / "chart.svg"
    write_output(target, "<svg/>")
    assert target.read_text("utf-8") == "<svg/>"
    with pytest.raises(SourceError, match="already exists; pass --force"):
        write_output(target, "<svg>new</svg>")
    assert target.read_text("utf-8") == "<svg/>"
    write_output(target, b"<svg>new</svg>", force=True)
    assert target.read_bytes() == b"<svg>new</svg>"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.svg"]  # no temporary left


def test_output_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", "utf-8")
    target.chmod(0o640)
    write_output(target, "new", force=True)
    assert target.stat().st_mode & 0o777 == 0o640


def test_an_input_is_never_an_output_even_with_force_or_through_a_link(tmp_path: Path) -> None:
    document = tmp_path / "department.yaml"
    document.write_text("id: x\n", "utf-8")
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(document)
    for target in (document, alias, tmp_path / "." / "department.yaml"):
        with pytest.raises(SourceError, match="is one of this command's inputs"):
            write_output(target, "graph {}", force=True, inputs=[alias])
    assert document.read_text("utf-8") == "id: x\n"


def test_links_are_never_written_through(tmp_path: Path) -> None:
    """A symbolic link, dangling or not, is refused even with --force."""
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere" / "x.yaml")
    with pytest.raises(SourceError, match="symbolic link"):
        write_output(dangling, "x", force=True)
    assert not (tmp_path / "nowhere").exists()
    real = tmp_path / "real.txt"
    real.write_text("keep", "utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    with pytest.raises(SourceError, match="symbolic link"):
        write_output(link, "x", force=True)
    assert real.read_text("utf-8") == "keep"


def test_a_failure_while_writing_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "records.jsonl"
    target.write_text("old records\n", "utf-8")

    class Interrupted(Exception):
        pass

    def write_half() -> None:
        with output_file(target, force=True) as stream:
            stream.write("half of the new")
            raise Interrupted

    with pytest.raises(Interrupted):
        write_half()
    assert target.read_text("utf-8") == "old records\n"
    assert [p.name for p in tmp_path.iterdir()] == ["records.jsonl"]


def test_a_full_disk_is_an_error_naming_the_path_and_the_old_file_survives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SourceError, match=r"chart\.png: cannot write the diagram \(No space"):
        write_output(target, b"new", force=True, what="diagram")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]


def test_a_missing_folder_is_named_unless_folders_are_made(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "schema.json"
    with pytest.raises(SourceError, match="no such folder"):
        write_output(target, "{}")
    write_output(target, "{}", make_folders=True)
    assert target.read_text("utf-8") == "{}"


def test_paths_in_messages_are_escaped() -> None:
    assert shown_path("a\x1b[31m\nb.yaml") == "a\\x1b[31m\\x0ab.yaml"


# -- in Vietnamese too -------------------------------------------------------------------------

OS_ENTRIES = sorted(
    key.removeprefix("os.") for key in catalogue() if re.fullmatch(r"os\.E[A-Z]+", key)
)


@pytest.mark.parametrize("name", OS_ENTRIES)
def test_each_os_refusal_is_said_in_vietnamese_by_its_errno(name: str) -> None:
    """The OS's words stay the English; the Vietnamese is the catalogue's for the errno."""
    number = getattr(errno, name)
    said = reason(OSError(number, os.strerror(number)))
    assert said.en == os.strerror(number)
    assert said.vi == catalogue()[f"os.{name}"].vi
    assert said.vi != said.en


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (FileNotFoundError("gone"), "os.ENOENT"),
        (PermissionError("denied"), "os.EACCES"),
        (IsADirectoryError("a folder"), "os.EISDIR"),
        (NotADirectoryError("not a folder"), "os.ENOTDIR"),
    ],
    ids=["not-found", "permission", "is-a-directory", "not-a-directory"],
)
def test_an_os_error_without_errno_is_said_by_its_class(error: OSError, key: str) -> None:
    said = reason(error)
    assert said.en == type(error).__name__
    assert said.vi == catalogue()[key].vi


def test_an_unknown_refusal_is_quoted_as_the_os_wrote_it() -> None:
    said = reason(OSError(errno.ECONNREFUSED, "Connection refused"))
    assert said == Said(vi="lỗi của hệ điều hành: `Connection refused`", en="Connection refused")
    assert reason(ValueError("embedded null byte")).vi == catalogue()["os.null-byte"].vi
    assert reason(RuntimeError("odd")).vi == "lỗi của hệ điều hành: `odd`"


@pytest.mark.parametrize(
    ("mode", "en", "vi"),
    [
        (stat.S_IFDIR, "a folder", "một thư mục"),
        (stat.S_IFIFO, "a named pipe", "một ống dẫn có tên (FIFO)"),
        (stat.S_IFCHR, "a device", "một thiết bị"),
        (stat.S_IFSOCK, "a socket", "một socket"),
    ],
    ids=["folder", "fifo", "device", "socket"],
)
def test_what_a_file_is_is_said_in_both_languages(mode: int, en: str, vi: str) -> None:
    """Judged on the mode alone: no such file is made or opened."""
    assert file_kind(mode) == en
    refused = NotRegularFile(mode)
    assert refused.said == Said(vi=vi, en=en)
    assert str(refused) == f"is {en}, not a file"


def test_inputs_and_outputs_refused_say_so_in_vietnamese(tmp_path: Path) -> None:
    """A missing input, an existing output without --force, a link, one of the inputs."""
    missing = tmp_path / "missing.jsonl"
    with pytest.raises(SourceError) as info:
        require_regular_file(missing, "tickets")
    assert str(info.value) == f"{missing}: no such file (the tickets)"
    assert info.value.text("vi") == f"{missing}: không có tệp này (tệp phiếu)"
    with pytest.raises(SourceError) as info:
        require_regular_file(tmp_path, "actual spend")
    assert info.value.text("vi") == (
        f"{tmp_path}: là một thư mục, không phải tệp; hãy ghi tệp chi tiêu thực tế là một tệp "
        "thông thường (hoặc - để đọc từ đầu vào chuẩn)"
    )
    target = tmp_path / "chart.svg"
    target.write_text("old", "utf-8")
    with pytest.raises(SourceError) as info:
        write_output(target, "<svg/>", what="diagram")
    assert str(info.value) == f"{target}: already exists; pass --force to replace it"
    assert info.value.text("vi") == f"{target}: đã tồn tại; thêm --force để thay thế"
    link = tmp_path / "link.svg"
    link.symlink_to(target)
    with pytest.raises(SourceError) as info:
        write_output(link, "<svg/>", force=True, what="diagram")
    assert info.value.said.vi.startswith(f"{link}: là một liên kết tượng trưng")
    with pytest.raises(SourceError) as info:
        write_output(target, "<svg/>", force=True, inputs=[target], what="diagram")
    assert "ghi sơ đồ vào đó sẽ xóa mất nó" in info.value.text("vi")


def test_a_full_disk_is_said_in_vietnamese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "chart.png"
    with pytest.raises(SourceError) as info:
        write_output(target, b"new", what="diagram")
    assert info.value.text("vi") == (f"{target}: không ghi được sơ đồ (thiết bị đã hết dung lượng)")
