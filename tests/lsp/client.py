"""A minimal LSP client that drives the real ``yaml-language-server`` over stdio.

The server is the npm package pinned in ``tests/lsp/package-lock.json``; ``ensure_server``
installs it with ``npm ci`` when ``node_modules`` is missing or older than the lock (the
Makefile's ``lsp`` target does the same). One server process checks many documents: open each
(``textDocument/didOpen``), then collect the ``textDocument/publishDiagnostics`` the server
pushes for it.

Run it by hand to see what an editor shows::

    python -m tests.lsp.client examples/small/department.yaml examples/growing/units.yaml
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

__all__ = [
    "HERE",
    "SCHEMAS",
    "Diagnostic",
    "YamlLanguageServer",
    "default_settings",
    "ensure_server",
]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SERVER = HERE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
STAMP = HERE / "node_modules" / ".installed"

SCHEMAS: dict[str, list[str]] = {
    "docs/schema/department.schema.json": [
        "**/department.yaml",
        *(f"cskh_org/templates/{size}.yaml" for size in ("small", "growing", "large")),
    ],
    "docs/schema/workload.schema.json": ["**/workload.yaml", "cskh_org/templates/*.workload.yaml"],
    "docs/schema/mapping.schema.json": [
        "**/history/mapping.yaml",
        "cskh_org/loading/mappings/*.yaml",
    ],
}
"""The associations an editor is configured with (``yaml.schemas``): the fragment schema is
not here, the included files name it themselves with a ``$schema`` modeline."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem the server reports: where (1-based) and what."""

    path: str
    line: int
    column: int
    message: str
    source: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message} ({self.source})"


def ensure_server() -> Path:
    """The server's entry script, installed from the lock with ``npm ci`` when needed."""
    lock = HERE / "package-lock.json"
    if SERVER.is_file() and STAMP.is_file() and STAMP.stat().st_mtime >= lock.stat().st_mtime:
        return SERVER
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is not on PATH; install Node.js to run the LSP tests")
    subprocess.run(
        [npm, "ci", "--prefix", str(HERE), "--no-audit", "--no-fund", "--loglevel=error"],
        check=True,
    )
    STAMP.touch()
    return SERVER


def default_settings(root: Path = ROOT) -> dict[str, Any]:
    """``yaml.*`` settings as an editor sends them, schemas mapped by file URI."""
    schemas = {(root / rel).as_uri(): globs for rel, globs in SCHEMAS.items()}
    return {
        "yaml": {
            "validate": True,
            "schemas": schemas,
            "schemaStore": {"enable": False},
            "format": {"enable": False},
            "hover": False,
            "completion": False,
            "yamlVersion": "1.2",
        },
        "http": {"proxyStrictSSL": False},
    }


class YamlLanguageServer:
    """The server as a child process; use as a context manager."""

    def __init__(self, settings: Mapping[str, Any] | None = None, root: Path = ROOT) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not on PATH; install Node.js to run the LSP tests")
        self.root = root
        self.settings = dict(settings if settings is not None else default_settings(root))
        self.proc = subprocess.Popen(
            [node, str(ensure_server()), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "NO_PROXY": "*"},
        )
        self._next_id = 0
        self._messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._versions: dict[str, int] = {}

    # -- wire --------------------------------------------------------------------------------

    def _read(self) -> None:
        stream: IO[bytes] = self.proc.stdout  # type: ignore[assignment]
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self._messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                continue
            self._messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.proc.stdin
        assert stdin is not None
        stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body)
        stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 60) -> Any:
        self._next_id += 1
        rid = self._next_id
        self._send({"id": rid, "method": method, "params": params})
        found: dict[str, Any] | None = None
        for message in self._pump(
            timeout, until=lambda m: m.get("id") == rid and "method" not in m
        ):
            found = message
        if found is None:
            raise TimeoutError(f"no answer to {method}")
        if "error" in found:
            raise RuntimeError(f"{method}: {found['error']}")
        return found.get("result")

    def _pump(self, timeout: float, until: Any) -> Iterable[dict[str, Any]]:
        """Handle messages (answering the server's requests) until ``until(message)``."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            try:
                message = self._messages.get(timeout=left)
            except queue.Empty:
                return
            if message is None:
                raise RuntimeError("yaml-language-server exited")
            self._handle(message)
            if until(message):
                yield message
                return

    def _handle(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            params = message["params"]
            self.diagnostics[params["uri"]] = params
            return
        if "id" in message and method is not None:  # a request from the server
            result: Any = None
            if method == "workspace/configuration":
                items = message["params"]["items"]
                result = [self._section(item.get("section")) for item in items]
            self._send({"id": message["id"], "result": result})

    def _section(self, section: str | None) -> Any:
        value: Any = self.settings
        for part in (section or "").split("."):
            if part:
                value = value.get(part) if isinstance(value, dict) else None
        return value

    # -- session -----------------------------------------------------------------------------

    def __enter__(self) -> YamlLanguageServer:
        self.diagnostics: dict[str, dict[str, Any]] = {}
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": self.root.as_uri(),
                "workspaceFolders": [{"uri": self.root.as_uri(), "name": self.root.name}],
                "capabilities": {
                    "workspace": {"configuration": True, "didChangeConfiguration": {}},
                    "textDocument": {"publishDiagnostics": {"versionSupport": True}},
                },
                "initializationOptions": {},
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except (RuntimeError, TimeoutError, OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()

    def check(self, path: Path, text: str | None = None, timeout: float = 60) -> list[Diagnostic]:
        """Open ``path`` (with ``text`` instead of its content, if given) and return the
        diagnostics the server publishes for it; the document is closed again."""
        path = path.resolve()
        uri = path.as_uri()
        version = self._versions.get(uri, 0) + 1
        self._versions[uri] = version
        self.diagnostics.pop(uri, None)
        content = path.read_text("utf-8") if text is None else text
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": version,
                    "text": content,
                }
            },
        )
        list(self._pump(timeout, until=lambda _m: self._published(uri, version)))
        published = self.diagnostics.get(uri)
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        if published is None:
            raise TimeoutError(f"no diagnostics published for {path}")
        shown = _shown(path, self.root)
        return [
            Diagnostic(
                shown,
                d["range"]["start"]["line"] + 1,
                d["range"]["start"]["character"] + 1,
                d["message"],
                str(d.get("source", "")),
            )
            for d in published["diagnostics"]
        ]

    def _published(self, uri: str, version: int) -> bool:
        published = self.diagnostics.get(uri)
        return published is not None and published.get("version", version) == version


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def main(argv: list[str]) -> int:
    """Print every diagnostic of the files given; exit 1 if there is any."""
    count = 0
    with YamlLanguageServer() as server:
        for name in argv:
            for diagnostic in server.check(Path(name)):
                print(diagnostic)
                count += 1
    print(f"{count} diagnostic(s) in {len(argv)} file(s)")
    return 1 if count else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
