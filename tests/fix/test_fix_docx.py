"""``lint --fix`` on Word: only the text of the runs holding a figure changes, even a
figure split across runs; every run's properties and every other part of the package
stay byte for byte; the input is never touched."""

from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docxgen import docx_from_text
from fixsupport import AMBIGUOUS_IN_DRAFT, arithmetic_errors, determined_slips
from lxml import etree

from dvc_validate.api import lint, relinter
from dvc_validate.cli import main
from dvc_validate.fix import apply_fixes
from dvc_validate.model.finding import Applicability, Finding, Fix, Result, Severity
from dvc_validate.model.location import Location
from reportgen import Spec, render
from typoinject import Injection

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _runs(data: bytes) -> list[tuple[str, bytes]]:
    """Every run of the body in order: its text and its properties as XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out: list[tuple[str, bytes]] = []
    for r in root.iter(f"{W}r"):
        rpr = r.find(f"{W}rPr")
        text = "".join(t.text or "" for t in r.iter(f"{W}t"))
        out.append((text, b"" if rpr is None else etree.tostring(rpr)))
    return out


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


@pytest.mark.parametrize("draft", [".docx"], indirect=True)
def test_the_corpus_draft_is_fixed_run_by_run(draft: Path) -> None:
    original = draft.read_bytes()
    mtime = draft.stat().st_mtime_ns
    assert main(["lint", str(draft), "--fix", "--unsafe-fixes", "-q"]) == 1
    assert draft.read_bytes() == original and draft.stat().st_mtime_ns == mtime
    fixed = draft.with_name("draft.fixed.docx").read_bytes()
    assert (
        arithmetic_errors(lint(draft.with_name("draft.fixed.docx")).findings) == AMBIGUOUS_IN_DRAFT
    )
    # every other part of the package is byte for byte the same
    before, after = _entries(original), _entries(fixed)
    assert before.keys() == after.keys()
    assert {k for k in before if before[k] != after[k]} == {"word/document.xml"}
    # same runs, same properties; only the texts of the runs holding figures differ,
    # and an empty cell that gets a figure gets one run, formatted as its paragraph mark
    a, b = _runs(original), _runs(fixed)
    changed: list[tuple[str, str]] = []
    added: list[str] = []
    ops = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    for op, i1, i2, j1, j2 in ops:
        if op == "replace":
            assert i2 - i1 == j2 - j1 and [p for _, p in a[i1:i2]] == [p for _, p in b[j1:j2]]
            changed += [(x, y) for (x, _), (y, _) in zip(a[i1:i2], b[j1:j2], strict=True)]
        elif op == "insert":
            added += [t for t, _ in b[j1:j2]]
        else:
            assert op == "equal", (op, a[i1:i2], b[j1:j2])
    assert sorted(added) == ["+17.716", "0"]  # the two blank change cells DC002 filled
    assert ("1000", "100") in changed  # "1000" + "%": only the digits' run changes
    assert ("-525", "-5,45") in changed and ("70,63", "70,83") in changed
    assert (
        "Đạt 86,2/100 điểm; xếp hạng 08/23 xã, thị trấn",
        "Đạt 86,02/100 điểm; xếp hạng 08/23 xã, thị trấn",
    ) in changed
    assert ("VI", "VII") in changed
    # 26 fixes; "4,26 %" → "4,26%" → "+4,26%" are two of them in one run
    assert len(changed) + len(added) == 25
    assert ("4,26 %", "+4,26%") in changed


@pytest.mark.parametrize("draft", [".docx"], indirect=True)
def test_diff_lists_the_changed_cells_and_writes_nothing(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = draft.read_bytes()
    main(["lint", str(draft), "--diff", "--unsafe-fixes", "--lang", "en"])
    out = capsys.readouterr().out
    assert "table 1, row 4, cell 6: '1000%' → '100%' (PC001)" in out
    assert "paragraph 16: 'UBND huyện báo cáo' → 'UBND xã báo cáo' (DC007)" in out
    assert [p.name for p in draft.parent.iterdir()] == ["draft.docx"]
    assert draft.read_bytes() == original


@pytest.mark.parametrize("draft", [".docx"], indirect=True)
def test_fixing_a_fixed_word_file_changes_nothing(draft: Path) -> None:
    first = apply_fixes(draft, lint(draft), unsafe=True, relinter=relinter).output
    assert first is not None
    again = apply_fixes(first, lint(first), unsafe=True, relinter=relinter)
    assert not again.applied and again.output is None


def test_a_figure_split_across_differently_formatted_runs(tmp_path: Path) -> None:
    doc = Document(io.BytesIO(docx_from_text(render(Spec()))))
    p = doc.add_paragraph("Ghi chú: tỷ lệ đạt ")
    p.add_run("10").bold = True
    p.add_run("00").italic = True
    p.add_run("%").underline = True
    p.add_run(" trong tháng.")
    path = tmp_path / "split.docx"
    doc.save(str(path))
    finding = Finding(
        code="PC001",
        name="percent-out-of-range",
        severity=Severity.ERROR,
        message="",
        location=Location(paragraph=len(doc.paragraphs)),
        found="1000%",
        fix=Fix(replacement="100%", applicability=Applicability.UNSAFE),
    )
    result = Result.model_validate({"files": [{"path": str(path), "findings": [finding]}]})
    report = apply_fixes(path, result, unsafe=True, relinter=relinter)
    assert report.output is not None, report.skipped
    before, after = _runs(path.read_bytes()), _runs(report.output.read_bytes())
    assert [p for _, p in after] == [p for _, p in before]  # formatting untouched
    assert [t for t, _ in after][-4:] == ["10", "0", "%", " trong tháng."]
    assert [t for t, _ in after][:-4] == [t for t, _ in before][:-4]


def _generated_docx(inj: Injection, tmp_path: Path) -> tuple[Path, bytes]:
    path = tmp_path / "report.docx"
    path.write_bytes(docx_from_text(inj.text))
    return path, docx_from_text(_restore(inj))


def _restore(inj: Injection) -> str:
    lines = inj.text.split("\n")
    ln = lines[inj.line - 1]
    lines[inj.line - 1] = ln[: inj.column - 1] + inj.original + ln[inj.column - 1 + len(inj.typo) :]
    return "\n".join(lines)


@pytest.mark.parametrize("inj", determined_slips(per_model=2), ids=lambda i: f"{i.model}:{i.typo}")
def test_a_generated_word_report_with_a_slip_is_restored_run_for_run(
    inj: Injection, tmp_path: Path
) -> None:
    path, want = _generated_docx(inj, tmp_path)
    result = lint(path)
    assert any(f.severity.value in ("error", "warning") for f in result.findings)
    report = apply_fixes(path, result, unsafe=True, relinter=relinter)
    assert report.output is not None, report.skipped
    got = report.output.read_bytes()
    assert arithmetic_errors(lint(report.output).findings) == set()
    assert _runs(got) == _runs(want)  # the very runs of the consistent report


def test_the_library_api_is_there() -> None:
    import dvc_validate.fix as fix

    assert fix.__all__ == ["Edit", "FixReport", "apply_fixes"]
    sig: Any = fix.apply_fixes.__kwdefaults__
    assert sig["unsafe"] is False and sig["out"] is None
