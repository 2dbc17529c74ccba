"""What the tool writes never follows a link or silently replaces a file (issue 14, item 1).

A draft received in an archive or a shared folder comes with whatever its
author put beside it. A link at ``draft.txt.bak`` or ``draft.fixed.txt`` must
not let ``--fix`` overwrite the file it points at; a second ``--in-place`` must
not lose the original; ``-o`` must not write through a link. Each planted
target keeps its bytes and its modification time.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from dvc_validate.errors import DvcValidateError
from dvc_validate.fix.write import keep_backup, write_atomic, write_new

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "binh-thanh-2024-02.txt"

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")


def _state(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A received folder: the draft (with safe fixes to make) and, outside it, a victim."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLE, inbox / "draft.txt")
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"the user's own file\n")
    os.utime(victim, ns=(1_000_000_000, 1_000_000_000))
    return inbox


def test_in_place_refuses_a_planted_backup_link(folder: Path, cli: Any) -> None:
    victim = folder.parent / "victim.txt"
    before, draft = _state(victim), _state(folder / "draft.txt")
    (folder / "draft.txt.bak").symlink_to(victim)
    run = cli("lint", folder / "draft.txt", "--fix", "--in-place", "-f", "concise")
    assert run.code == 2
    assert run.err.count("\n") == 1 and "draft.txt.bak" in run.err
    assert _state(victim) == before
    assert _state(folder / "draft.txt") == draft  # no backup, so no rewrite either


def test_fix_refuses_a_planted_fixed_copy_link(folder: Path, cli: Any) -> None:
    victim = folder.parent / "victim.txt"
    before = _state(victim)
    (folder / "draft.fixed.txt").symlink_to(victim)
    for extra in ([], ["--force"]):
        run = cli("lint", folder / "draft.txt", "--fix", "-f", "concise", *extra)
        assert run.code == 2 and "draft.fixed.txt" in run.err
        assert _state(victim) == before
        assert (folder / "draft.fixed.txt").is_symlink()


def test_a_dangling_link_is_not_created_through(folder: Path, cli: Any) -> None:
    """A link to a file that does not exist yet would create it: refused too."""
    target = folder.parent / "created-elsewhere.txt"
    (folder / "draft.fixed.txt").symlink_to(target)
    run = cli("lint", folder / "draft.txt", "--fix", "-f", "concise")
    assert run.code == 2
    assert not target.exists()


def test_second_in_place_keeps_the_first_backup(folder: Path, cli: Any) -> None:
    original = (folder / "draft.txt").read_bytes()
    older = folder / "draft.txt.bak"
    older.write_bytes(b"a backup from an earlier run\n")
    kept = _state(older)
    run = cli("lint", folder / "draft.txt", "--fix", "--in-place", "-f", "concise")
    assert run.code in (0, 1), run.err
    assert _state(older) == kept
    assert (folder / "draft.txt.bak.1").read_bytes() == original
    assert (folder / "draft.txt").read_bytes() != original
    assert "draft.txt.bak.1" in run.err


def test_an_existing_fixed_copy_is_replaced_only_with_force(folder: Path, cli: Any) -> None:
    fixed = folder / "draft.fixed.txt"
    fixed.write_bytes(b"edited by hand\n")
    kept = _state(fixed)
    run = cli("lint", folder / "draft.txt", "--fix", "-f", "concise")
    assert run.code == 2 and "--force" in run.err
    assert _state(fixed) == kept
    run = cli("lint", folder / "draft.txt", "--fix", "--force", "-f", "concise")
    assert run.code in (0, 1), run.err
    assert fixed.read_bytes() != b"edited by hand\n"
    assert not fixed.is_symlink()


def test_report_output_is_not_written_through_a_link(folder: Path, cli: Any) -> None:
    victim = folder.parent / "victim.txt"
    before = _state(victim)
    (folder / "report.json").symlink_to(victim)
    run = cli("lint", folder / "draft.txt", "-f", "json", "-o", folder / "report.json")
    assert run.code == 2 and "report.json" in run.err
    assert _state(victim) == before


def test_report_output_replaces_a_regular_file_atomically(folder: Path, cli: Any) -> None:
    out = folder / "report.json"
    out.write_text("old report", encoding="utf-8")
    run = cli("lint", folder / "draft.txt", "-f", "json", "-o", out)
    assert run.code == 1
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")
    assert oct(out.stat().st_mode & 0o777) != "0o600"  # the umask's mode, not mkstemp's
    assert not [p for p in folder.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------ the functions


def test_write_new_refuses_any_existing_name(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    write_new(target, b"one")
    with pytest.raises(FileExistsError):
        write_new(target, b"two")
    assert target.read_bytes() == b"one"


def test_write_atomic_refuses_a_device(tmp_path: Path) -> None:
    if not os.path.exists("/dev/null"):
        pytest.skip("no /dev/null")
    with pytest.raises(DvcValidateError):
        write_atomic(Path("/dev/null"), b"x")


def test_backups_count_up_and_keep_the_bytes_given(tmp_path: Path) -> None:
    source = tmp_path / "d.txt"
    source.write_bytes(b"now on disk")
    names = [keep_backup(source, f"version {i}".encode()).name for i in range(3)]
    assert names == ["d.txt.bak", "d.txt.bak.1", "d.txt.bak.2"]
    assert (tmp_path / "d.txt.bak.1").read_bytes() == b"version 1"
    assert (tmp_path / "d.txt.bak").stat().st_mtime_ns == source.stat().st_mtime_ns


def test_write_new_without_hard_links_still_creates_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some file systems (FAT, some network shares) refuse hard links."""

    def no_links(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "x.fixed.txt"
    write_new(target, b"one")
    assert target.read_bytes() == b"one"
    with pytest.raises(FileExistsError):
        write_new(target, b"two")
    assert target.read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.fixed.txt"]
