"""``lint --fix`` on text: a corrected copy, the input untouched, nothing but the
targeted figures changed, rollback of a fix that brings a new finding, idempotence,
and an atomic --in-place with a backup."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixsupport import AMBIGUOUS_IN_DRAFT, arithmetic_errors, determined_slips

from dvc_validate.api import extract_report, lint, relinter
from dvc_validate.cli import main
from dvc_validate.config import Config
from dvc_validate.errors import DvcValidateError
from dvc_validate.fix import apply_fixes
from dvc_validate.fix.apply import Relint
from dvc_validate.model.finding import Applicability, FileResult, Finding, Fix, Severity
from dvc_validate.model.location import Location
from typoinject import Injection


def _stat(p: Path) -> tuple[bytes, int]:
    return p.read_bytes(), p.stat().st_mtime_ns


def test_fix_writes_a_corrected_copy_and_leaves_the_input_alone(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _stat(draft)
    code = main(["lint", str(draft), "--fix", "--unsafe-fixes", "-q", "--format", "concise"])
    fixed = draft.with_name("draft.fixed.txt")
    assert _stat(draft) == before  # bytes and mtime
    assert fixed.exists() and code == 1  # the ambiguous findings remain
    err = capsys.readouterr().err
    assert "draft.txt: đã sửa" in err and "draft.fixed.txt" in err
    remaining = lint(fixed)
    # no arithmetic error is left but the two that no single figure explains
    assert arithmetic_errors(remaining.findings) == AMBIGUOUS_IN_DRAFT
    for f in remaining.findings:
        if f.code in AMBIGUOUS_IN_DRAFT:
            assert f.fix is None and len(f.data["explanations"]) >= 2


def test_only_the_targeted_figures_change_line_by_line(draft: Path) -> None:
    result = lint(draft)
    report = apply_fixes(draft, result, unsafe=True, relinter=relinter)
    assert report.output is not None
    old = draft.read_text(encoding="utf-8").split("\n")
    new = report.output.read_text(encoding="utf-8").split("\n")
    assert len(old) == len(new)
    targeted = {e.location.line for e in report.applied}
    changed = {i + 1 for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b}
    assert changed == targeted
    # in the changed lines, every figure that was not targeted is still there as written
    src, _ = extract_report(draft)
    hit = {(e.location.line, e.location.column) for e in report.applied}
    for fig in src.figures():
        loc = fig.location
        if loc.line in changed and (loc.line, loc.column) not in hit and fig.raw:
            assert fig.raw in new[loc.line - 1], (fig.raw, new[loc.line - 1])


def test_the_reviewers_corrections_are_in_the_copy(draft: Path) -> None:
    fixed = apply_fixes(draft, lint(draft), unsafe=True, relinter=relinter).output
    assert fixed is not None
    text = fixed.read_text(encoding="utf-8")
    for line in [
        "1731/1731\t100%\t0%",
        "3.863\t70,83%\t68\t65,38%\t-5,45%",
        "98,63%\t\t100%\t+1,37%",
        "1,37%\t\t0%\t-1,37%",
        "13,9%\t\t9,8%\t-4,1%",
        "837.873\t\t855.589",
        "VII\tĐIỂM TỔNG HỢP",
        "Đạt 86,02/100 điểm",
        "Số lượng hồ sơ quá hạn ngày 29/02/2024",
    ]:
        assert line in text, line
    assert "29/01/2024" not in text


def test_safe_fixes_only_change_format(draft: Path) -> None:
    report = apply_fixes(draft, lint(draft), relinter=relinter)
    assert report.applied and {e.applicability for e in report.applied} == {Applicability.SAFE}
    assert report.output is not None
    text = report.output.read_text(encoding="utf-8")
    assert "855.589" in text and "1000%" in text  # the value fix waits for --unsafe-fixes


def test_fixing_a_fixed_file_changes_nothing(draft: Path) -> None:
    first = apply_fixes(draft, lint(draft), unsafe=True, relinter=relinter).output
    assert first is not None
    again = apply_fixes(first, lint(first), unsafe=True, relinter=relinter)
    assert not again.applied and again.output is None
    assert again.rolled_back == []


def test_diff_shows_the_changes_and_writes_nothing(
    draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _stat(draft)
    main(["lint", str(draft), "--diff", "--unsafe-fixes"])
    out = capsys.readouterr().out
    assert out.startswith(f"--- {draft}\n+++ ")
    assert "-1.1\tSố TTHC" in out and "1731/1731\t1000%" in out and "1731/1731\t100%" in out
    assert sorted(p.name for p in draft.parent.iterdir()) == ["draft.txt"]
    assert _stat(draft) == before


def test_in_place_keeps_a_backup(draft: Path, tmp_path: Path) -> None:
    original = draft.read_bytes()
    copy = apply_fixes(draft, lint(draft), unsafe=True, relinter=relinter).output
    assert copy is not None
    report = apply_fixes(draft, lint(draft), unsafe=True, in_place=True, relinter=relinter)
    assert report.output == draft and report.backup == draft.with_name("draft.txt.bak")
    assert report.backup.read_bytes() == original
    assert draft.read_bytes() == copy.read_bytes()
    assert not [p for p in draft.parent.iterdir() if p.name.endswith(".tmp")]


def test_in_place_is_atomic(draft: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = draft.read_bytes()

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(DvcValidateError):
        apply_fixes(draft, lint(draft), unsafe=True, in_place=True, relinter=relinter)
    assert draft.read_bytes() == original  # never half-written
    assert not [p for p in draft.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_fix_that_brings_a_new_finding_is_rolled_back(draft: Path) -> None:
    result = lint(draft)
    base = next(f for f in result.findings if f.found == "855,589")
    bad = Finding(  # a wrong "fix" of a consistent rate: PC003 and PC004 would appear
        code="NF004",
        name="percent-sign",
        severity=Severity.WARNING,
        message="",
        location=base.location.model_copy(update={"line": 101, "column": 33, "cell": 4}),
        found="93,75%",
        fix=Fix(replacement="39,75%", applicability=Applicability.SAFE),
    )
    result.files[0].findings.append(bad)
    report = apply_fixes(draft, result, relinter=relinter)
    rolled = [e for e, _ in report.rolled_back]
    assert [e.found for e in rolled] == ["93,75%"]
    assert {f.code for _, new in report.rolled_back for f in new} & {"PC003", "PC004"}
    assert report.output is not None
    text = report.output.read_text(encoding="utf-8")
    assert "93,75%" in text and "855.589" in text  # the others still applied


def test_the_fixer_lints_with_the_relinter_it_is_handed(draft: Path) -> None:
    """The fixer does not import the API: the re-lint it is handed decides. One that
    finds something new after any edit rolls every fix back, and nothing is written."""
    made: list[Config] = []

    def suspicious(config: Config) -> Relint:
        made.append(config)
        real = relinter(config)

        def relint(data: bytes, fmt: str, name: str) -> FileResult:
            fr = real(data, fmt, name)
            new = Finding(
                code="DC999",
                name="always-new",
                severity=Severity.ERROR,
                message="",
                location=Location(line=1),
            )
            return fr.model_copy(update={"findings": [*fr.findings, new]})

        return relint

    config = Config(lang="en")
    result = lint(draft, config=config)
    assert any(f.fix is not None for f in result.findings)
    report = apply_fixes(draft, result, relinter=suspicious, config=config)
    assert made == [config]  # one re-lint per file, for the config of the run
    assert report.applied == [] and report.output is None
    assert report.rolled_back and all(
        [f.code for f in new] == ["DC999"] for _, new in report.rolled_back
    )
    assert not draft.with_name("draft.fixed.txt").exists()


def _round_trip(inj: Injection, tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(inj.text, encoding="utf-8")
    result = lint(path)
    assert arithmetic_errors(result.findings) or any(
        f.location.line == inj.line for f in result.findings
    )
    report = apply_fixes(path, result, unsafe=True, relinter=relinter)
    assert report.output is not None
    return report.output


@pytest.mark.parametrize("inj", determined_slips(), ids=lambda i: f"{i.model}:{i.typo}")
def test_a_generated_report_with_a_slip_is_restored_exactly(inj: Injection, tmp_path: Path) -> None:
    fixed = _round_trip(inj, tmp_path)
    assert arithmetic_errors(lint(fixed).findings) == set()
    original = inj.text.split("\n")
    original[inj.line - 1] = (
        original[inj.line - 1][: inj.column - 1]
        + inj.original
        + original[inj.line - 1][inj.column - 1 + len(inj.typo) :]
    )
    assert fixed.read_text(encoding="utf-8") == "\n".join(original)


def test_crlf_bom_and_markup_survive(tmp_path: Path) -> None:
    text = (tmp_path / "x").parent / "r.md"
    src = Path(__file__).resolve().parents[2] / "examples" / "binh-thanh-2024-02.txt"
    body = src.read_text(encoding="utf-8").replace("1731/1731\t1000%", "1731/1731\t**1000**%")
    text.write_bytes(b"\xef\xbb\xbf" + body.replace("\n", "\r\n").encode("utf-8"))
    report = apply_fixes(text, lint(text), unsafe=True, relinter=relinter)
    assert report.output is not None
    data = report.output.read_bytes()
    assert (
        data.startswith(b"\xef\xbb\xbf")
        and b"\r\n" in data
        and b"\n" not in data.replace(b"\r\n", b"")
    )
    assert "1731/1731\t**100**%" in data.decode("utf-8-sig")
