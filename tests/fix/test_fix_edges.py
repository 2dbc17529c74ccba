"""``--fix`` as a clerk meets it: the formatting of the replaced text is kept, every
change is listed, and ``--diff`` is a patch that ``patch`` applies."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree  # type: ignore[import-untyped]

from clirun import Run
from dvc_validate.fix.apply import unified_diff

Cli = Callable[..., Run]
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_runs(path: Path) -> dict[tuple[int, int, int], tuple[str, list[tuple[str, bytes]]]]:
    """(table, row, cell) → (cell text, [(run text, run properties XML)]) for every cell."""
    out = {}
    for ti, table in enumerate(docx.Document(str(path)).tables, 1):
        for ri, tr in enumerate(table._tbl.tr_lst, 1):
            for ci, tc in enumerate(tr.tc_lst, 1):
                runs = []
                for r in tc.iter(f"{_W}r"):
                    text = "".join(t.text or "" for t in r.iter(f"{_W}t"))
                    rpr = r.find(f"{_W}rPr")
                    runs.append((text, b"" if rpr is None else etree.tostring(rpr, method="c14n")))
                out[(ti, ri, ci)] = ("".join(t for t, _ in runs), runs)
    return out


@pytest.mark.parametrize("draft", [".docx"], indirect=True)
def test_replaced_text_keeps_the_run_properties_of_its_run(cli: Cli, draft: Path) -> None:
    run = cli("lint", draft, "--fix", "--unsafe-fixes")
    assert run.code in (0, 1), run.err
    before, after = _cell_runs(draft), _cell_runs(draft.with_suffix(".fixed.docx"))
    changed = [k for k in before if before[k][0] != after[k][0]]
    assert len(changed) >= 20  # the draft's figures, fixed
    filled = 0
    for key in changed:
        old_runs, new_runs = before[key][1], after[key][1]
        old_text = [(t, p) for t, p in old_runs if t.strip()]
        new_text = [(t, p) for t, p in new_runs if t.strip()]
        if old_text:  # text rewritten in place: the same runs, with the same properties
            assert [p for _, p in new_text] == [p for _, p in old_text], key
            continue
        # an empty cell filled (DC002): formatted as the figures beside it, not 11 pt
        filled += 1
        (_, props), *_ = new_text
        row_props = {
            p for (t, r, _c), (_txt, runs) in before.items() if (t, r) == key[:2]
            for text, p in runs if text.strip() and p
        }  # fmt: skip
        assert props in row_props, key
        assert b"w:sz" in props, key
    assert filled == 2


def test_every_change_is_listed_place_old_new(cli: Cli, draft: Path) -> None:
    run = cli("lint", draft, "--fix", "--unsafe-fixes")
    lines = run.err.splitlines()
    head = lines[0]
    assert head.startswith(f"{draft}: đã sửa ") and head.endswith(".fixed.txt")
    count = int(head.split("đã sửa ")[1].split(" ")[0])
    listed = [ln for ln in lines[1:] if ln.startswith("  dòng ")]
    assert len(listed) == count
    assert "  dòng 75:84: '1000%' → '100%' (PC001)" in listed
    assert "  dòng 126:70: '29/01/2024' → '29/02/2024' (DT002)" in listed
    en = cli(
        "lint", draft, "--fix", "--lang", "en", "--force"
    )  # the first run left draft.fixed.txt
    assert "  line 134:7: '2082' → '2.082' (NF003)" in en.err.splitlines()


@pytest.mark.skipif(shutil.which("patch") is None, reason="needs the patch program")
def test_diff_piped_to_patch_gives_the_fixed_file(cli: Cli, draft: Path) -> None:
    original = draft.read_bytes()
    diff = cli("lint", draft, "--diff", "--unsafe-fixes")
    assert diff.out.startswith(f"--- {draft}\n+++ ")
    assert draft.read_bytes() == original  # --diff writes nothing
    cli("lint", draft, "--fix", "--unsafe-fixes")
    fixed = draft.with_suffix(".fixed.txt").read_bytes()
    done = subprocess.run(
        ["patch", "-p0", "--no-backup-if-mismatch", "-i", "-"],
        input=diff.out.encode(),
        cwd="/",
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert draft.read_bytes() == fixed


_LINE = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=8
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_LINE, min_size=1, max_size=8),
    st.lists(_LINE, min_size=1, max_size=8),
    st.booleans(),
    st.booleans(),
)
def test_unified_diff_round_trips_through_patch(
    old: list[str], new: list[str], old_nl: bool, new_nl: bool
) -> None:
    """Lines broken by form feeds or U+2028, and a last line without a newline, still
    give a diff that ``patch`` applies exactly."""
    if shutil.which("patch") is None:
        pytest.skip("needs the patch program")
    import tempfile

    a = ("\n".join(old) + ("\n" if old_nl else "")).encode()
    b = ("\n".join(new) + ("\n" if new_nl else "")).encode()
    with tempfile.TemporaryDirectory() as tmp:
        f = Path(tmp) / "f.txt"
        f.write_bytes(a)
        d = unified_diff(a, b, "f.txt", "f.fixed.txt")
        if a == b:
            assert d == ""
            return
        done = subprocess.run(
            ["patch", "-p0", "--no-backup-if-mismatch", "-i", "-"],
            input=d.encode(),
            cwd=tmp,
            capture_output=True,
            check=False,
        )
        assert done.returncode == 0, (d, done.stdout)
        assert f.read_bytes() == b
