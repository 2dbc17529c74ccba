"""The guarantees: inputs are never modified, runs are deterministic, and the library
raises only the documented exceptions on bad input.

Unreadable files: the suite runs as root on CI, and root reads a ``chmod 000``
file anyway, so the permission case is tested by making ``open`` raise
``PermissionError`` for that one path (monkeypatch); the real ``chmod`` case
runs too when the suite is not root.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import dvc_validate
from dvc_validate import errors
from dvc_validate.api import extract_report, lint
from dvc_validate.cli import main
from dvc_validate.errors import DvcValidateError, FileMissingError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(ROOT / "tests" / "data" / "bad"))
from make_bad import build  # noqa: E402

DOCUMENTED = {getattr(errors, name) for name in errors.__all__}


def _inputs(folder: Path) -> list[Path]:
    """The example draft as text and Word, a legacy-encoded copy, and a Markdown one,
    each in a folder whose name has spaces and Vietnamese letters."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in ("binh-thanh-2024-02.txt", "binh-thanh-2024-02.docx"):
        target = folder / f"báo cáo {name}"
        shutil.copy2(EXAMPLES / name, target)
        out.append(target)
    text = (EXAMPLES / "binh-thanh-2024-02.txt").read_text(encoding="utf-8")
    md = folder / "báo cáo.md"
    md.write_text(text, encoding="utf-8")
    out.append(md)
    return out


def _state(path: Path) -> tuple[bytes, int, int]:
    st = path.stat()
    return path.read_bytes(), st.st_mtime_ns, st.st_mode


# ------------------------------------------------------------------ inputs unchanged


def test_lint_and_extract_never_touch_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in _inputs(tmp_path / "thư mục"):
        before = _state(path)
        listing = sorted(os.listdir(path.parent))
        for argv in (
            ["lint", str(path)],
            ["lint", str(path), "--format", "json"],
            ["lint", str(path.parent)],
            ["extract", str(path)],
            ["extract", str(path), "--format", "json"],
        ):
            assert main(argv) in (0, 1), argv
            assert _state(path) == before, argv
        lint(str(path))
        extract_report(str(path))
        assert _state(path) == before
        assert sorted(os.listdir(path.parent)) == listing  # no stray temporary files
    capsys.readouterr()


@pytest.mark.skipif(
    importlib.util.find_spec("dvc_validate.fix") is None,
    reason="dvc_validate.fix is not there yet (the --fix modes land with it)",
)
def test_fix_modes_leave_the_input_alone_except_in_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in _inputs(tmp_path / "sửa"):
        before = _state(path)
        for flags in (["--fix"], ["--fix", "--unsafe-fixes"], ["--diff"]):
            main(["lint", str(path), *flags])
            assert _state(path) == before, flags
        main(["lint", str(path), "--fix", "--unsafe-fixes", "--in-place"])
        backup = path.with_name(path.name + ".bak")
        assert backup.read_bytes() == before[0]  # the original is kept byte for byte
        assert path.read_bytes() != before[0]  # the draft has errors, so it was rewritten
        leftovers = [p for p in os.listdir(path.parent) if p.endswith((".tmp", "~"))]
        assert not leftovers  # the rewrite is a rename of a finished temporary file
    capsys.readouterr()


# ------------------------------------------------------------------ determinism


def _fingerprint(result: Any) -> list[tuple[Any, ...]]:
    return [
        (f.code, f.location.model_dump_json(), f.found, f.expected, f.message)
        for f in result.findings
    ]


@pytest.mark.parametrize("name", ["binh-thanh-2024-02.txt", "binh-thanh-2024-02.docx"])
def test_same_input_same_findings_in_the_same_order(name: str) -> None:
    path = str(EXAMPLES / name)
    first = _fingerprint(lint(path))
    assert first and all(_fingerprint(lint(path)) == first for _ in range(3))


def test_same_findings_across_processes_and_hash_seeds() -> None:
    outputs = []
    command = [sys.executable, "-m", "dvc_validate", "lint", "--format", "json"]
    name = "binh-thanh-2024-02.docx"
    for seed in ("1", "2", "random"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [*command, str(EXAMPLES / "binh-thanh-2024-02.txt"), str(EXAMPLES / name)],
            capture_output=True,
            env=env,
            check=False,
            timeout=300,
        )
        assert proc.returncode == 1, proc.stderr
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1] == outputs[2]


# ------------------------------------------------------------------ documented errors only


def test_the_api_raises_only_documented_errors(tmp_path: Path) -> None:
    cases = build(tmp_path, big=False)
    for name, code in cases.items():
        path = tmp_path / name
        for call in (dvc_validate.lint, extract_report):
            with pytest.raises(DvcValidateError) as err:
                call(str(path))
            assert type(err.value) in DOCUMENTED and err.value.code == code, name
            assert err.value.message("vi") and err.value.message("en")
        with pytest.raises(DvcValidateError) as err:
            dvc_validate.lint(path.read_bytes())  # bytes take the same path as files
        assert type(err.value) in DOCUMENTED


def test_no_permission_is_a_file_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bí mật.txt"
    shutil.copy(EXAMPLES / "binh-thanh-2024-02.txt", path)
    real_open = os.open  # inputs are opened with os.open, checked on the descriptor

    def deny(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    with pytest.raises(FileMissingError) as err:
        lint(str(path))
    assert "permission" in err.value.message("en") and "quyền" in err.value.message("vi")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads it")
def test_no_permission_for_real(tmp_path: Path) -> None:
    path = tmp_path / "khoá.txt"
    shutil.copy(EXAMPLES / "binh-thanh-2024-02.txt", path)
    path.chmod(0)
    with pytest.raises(FileMissingError):
        lint(str(path))


def test_no_network_is_opened(monkeypatch: pytest.MonkeyPatch) -> None:
    """Linting and extracting never connect anywhere: every socket call fails here."""
    import socket

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network access: {args!r}")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    for name in ("binh-thanh-2024-02.txt", "binh-thanh-2024-02.docx"):
        assert lint(str(EXAMPLES / name)).findings
        extract_report(str(EXAMPLES / name))
