"""The shipped pre-commit hook on a repository that holds a README and a report.

``pre-commit try-repo`` runs the hook as a user's repository would. It would build
the hook's own virtualenv with ``pip install`` (``language: python``), which needs
the network; so the test copies the shipped ``.pre-commit-hooks.yaml`` into a local
hook repository with ``language: system`` and puts a ``dvc-validate`` on ``PATH``
that runs this checkout. Everything else (entry and its options, ``files``,
``exclude``) is the shipped hook, unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"
CLEAN_REPORT = SRC / "dvc_validate" / "cases" / "base.txt"
DRAFT = ROOT / "examples" / "binh-thanh-2024-02.txt"

pytestmark = pytest.mark.slow


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def _hook_repo(tmp: Path) -> Path:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        assert hook["language"] == "python"  # what users get; offline, run it as system
        hook["language"] = "system"
    repo = tmp / "hook-repo"
    repo.mkdir()
    (repo / ".pre-commit-hooks.yaml").write_text(yaml.safe_dump(hooks), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", ".pre-commit-hooks.yaml")
    _git(repo, "commit", "-q", "-m", "hooks")
    return repo


def _shim(tmp: Path) -> Path:
    """A ``dvc-validate`` command that runs this checkout's code."""
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "dvc-validate"
    exe.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(SRC)!r})\n"
        "from dvc_validate.cli import run\nrun()\n",
        encoding="utf-8",
    )
    exe.chmod(0o755)
    return bin_dir


def _try_repo(tmp: Path, report: Path) -> subprocess.CompletedProcess[str]:
    work = tmp / "reports-repo"
    work.mkdir()
    (work / "README.md").write_text(
        "# Báo cáo của xã\n\nThư mục này chứa các báo cáo hằng tháng.\n", encoding="utf-8"
    )
    (work / "notes.txt").write_text("Ghi chú họp giao ban, không có số liệu.\n", encoding="utf-8")
    shutil.copy(report, work / "bao-cao-02-2024.txt")
    _git(work, "init", "-q")
    _git(work, "add", ".")
    env = {
        **os.environ,
        "PATH": f"{_shim(tmp)}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp / "pre-commit-home"),
        "NO_COLOR": "1",
        # no git identity is needed, but a machine without one must not fail the test
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    env.pop("PYTHONPATH", None)  # the shim chooses the code
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(_hook_repo(tmp)), "dvc-validate",
         "--all-files", "--verbose", "--color", "never"],
        cwd=work, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_a_readme_beside_a_clean_report_passes_with_a_note(tmp_path: Path) -> None:
    run = _try_repo(tmp_path, CLEAN_REPORT)
    out = run.stdout + run.stderr
    assert run.returncode == 0, out
    assert "Passed" in out
    assert "bỏ qua README.md" in out and "bỏ qua notes.txt" in out
    assert "lỗi: " not in out.replace("0 lỗi", "")


def test_a_report_with_errors_still_fails_the_commit(tmp_path: Path) -> None:
    run = _try_repo(tmp_path, DRAFT)
    out = run.stdout + run.stderr
    assert run.returncode == 1, out
    assert "Failed" in out and "exit code: 1" in out
    assert "1000% → 100%" in out
    assert "bỏ qua README.md" in out
