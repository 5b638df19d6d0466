"""The pre-commit hooks (`.pre-commit-hooks.yaml`): a valid manifest for the real `pre-commit`
tool, and the hook run by it in a test repository, failing a commit that breaks a document.

The hook runs twice: as a team installs it (``language: python``: pre-commit clones this
repository at HEAD, builds a virtualenv and pip installs cskh-org into it, the dependencies
from the package index pinned by the lock), and with ``language: system`` (the ``cskh-org``
this test environment has installed) inside ``git commit``, to show a commit that breaks a
document is stopped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, ROOT

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def test_the_manifest_is_valid_for_pre_commit() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(MANIFEST))
    assert [h["id"] for h in hooks] == ["cskh-org-validate", "cskh-org-validate-strict"]
    for hook in hooks:
        assert hook["entry"].startswith("cskh-org validate")
        assert hook["pass_filenames"] is False


def _run(cmd: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_the_hook_fails_a_commit_that_breaks_the_department(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(EXAMPLES / "small" / "department.yaml", repo / "department.yaml")
    (hook,) = [
        h for h in yaml.safe_load(MANIFEST.read_text("utf-8")) if h["id"] == "cskh-org-validate"
    ]
    local = {**hook, "language": "system", "args": ["department.yaml"]}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
        "NO_COLOR": "1",
    }
    pre_commit = [sys.executable, "-m", "pre_commit"]
    assert _run(["git", "init", "-q"], repo, env).returncode == 0
    assert _run([*pre_commit, "install"], repo, env).returncode == 0
    assert _run(["git", "add", "."], repo, env).returncode == 0
    good = _run(["git", "commit", "-q", "-m", "the desk"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    text = (repo / "department.yaml").read_text("utf-8")
    (repo / "department.yaml").write_text(
        text.replace("default: cskh", "default: nowhere"), "utf-8"
    )
    assert _run(["git", "add", "."], repo, env).returncode == 0
    bad = _run(["git", "commit", "-q", "-m", "route to nowhere"], repo, env)
    assert bad.returncode != 0
    said = bad.stdout + bad.stderr  # git's hook output goes to standard error
    assert "cskh-org validate" in said
    assert "department.yaml:" in said
    assert "error[" in said
    log = _run(["git", "log", "--oneline"], repo, env).stdout
    assert "route to nowhere" not in log


def _head() -> str | None:
    """This repository's HEAD, when the tests run in a git work tree (not from an sdist)."""
    found = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    top = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--show-toplevel"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode or Path(top.stdout.strip()).resolve() != ROOT.resolve():
        return None
    return found.stdout.strip()


@pytest.mark.skipif(
    bool(os.environ.get("CSKH_ORG_OFFLINE")), reason="installs the hook from the package index"
)
def test_the_hook_installs_itself_as_a_team_would_use_it(tmp_path: Path) -> None:
    """As published: pre-commit clones this repository at a revision, builds the hook's
    virtualenv (``language: python``) and pip installs cskh-org into it (the dependencies
    from the package index, pinned by the lock), then runs it."""
    rev = _head()
    if rev is None:
        pytest.skip("not a git work tree of this repository")
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy(EXAMPLES / "small" / "department.yaml", repo / "department.yaml")
    config = {
        "repos": [
            {
                "repo": str(ROOT),
                "rev": rev,
                "hooks": [{"id": "cskh-org-validate", "args": ["department.yaml"]}],
            }
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), "utf-8")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PIP_CONSTRAINT": str(ROOT / "constraints.txt"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@e",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@e",
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    pre_commit = [sys.executable, "-m", "pre_commit"]
    assert _run(["git", "init", "-q"], repo, env).returncode == 0
    assert _run(["git", "add", "."], repo, env).returncode == 0
    good = _run([*pre_commit, "run", "--all-files"], repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "cskh-org validate" in good.stdout
    installed = list((tmp_path / "cache").glob("repo*/py_env-*/bin/cskh-org"))
    assert installed  # its own virtualenv, not this environment's cskh-org
    text = (repo / "department.yaml").read_text("utf-8")
    (repo / "department.yaml").write_text(
        text.replace("default: cskh", "default: nowhere"), "utf-8"
    )
    bad = _run([*pre_commit, "run", "--all-files"], repo, env)
    assert bad.returncode != 0
    assert "department.yaml:" in bad.stdout
    assert "error[" in bad.stdout
