"""Suppressions: from the config or a comment in the source, always with a reason;
one that silences nothing is reported as DV001 (info)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dvc_validate.config import Config, Suppression
from dvc_validate.errors import ConfigError
from dvc_validate.model.finding import Finding, Severity
from dvc_validate.model.location import Location
from dvc_validate.suppress import apply_suppressions, read_directives

from .conftest import BAD_REPORT, BAD_ROW, Run, slip_findings


def _dv001(run: Run) -> list[dict[str, Any]]:
    return [f for f in run.findings() if f["code"] == "DV001"]


def _with_comment(tmp_path: Path, comment: str, name: str = "bad.md") -> Path:
    """The bad report with ``comment`` on its own line just above the slipped row."""
    p = tmp_path / name
    p.write_text(BAD_REPORT.replace(BAD_ROW, f"{comment}\n{BAD_ROW}"), encoding="utf-8")
    return p


def test_config_suppression_by_indicator(
    cli: Callable[..., Run], bad: Path, slip_codes: list[str]
) -> None:
    entries = "".join(
        f'[[suppress]]\ncode = "{c}"\nindicator = "2.1"\nreason = "số liệu cổng DVCQG"\n\n'
        for c in slip_codes
    )
    (bad.parent / "dvc-validate.toml").write_text(entries, encoding="utf-8")
    run = cli("lint", bad, "--format", "json")
    assert run.code == 0
    assert not slip_findings(run)
    assert not _dv001(run)


def test_config_suppression_by_path_only_applies_there(
    cli: Callable[..., Run], bad: Path, slip_codes: list[str]
) -> None:
    entries = "".join(
        f'[[suppress]]\ncode = "{c}"\nindicator = "2.1"\npath = "other/*.txt"\nreason = "x"\n'
        for c in slip_codes
    )
    (bad.parent / "dvc-validate.toml").write_text(entries, encoding="utf-8")
    run = cli("lint", bad, "--format", "json")
    assert run.code == 1 and slip_findings(run)
    assert not _dv001(run)  # it does not apply to this file, so it is not "unused" here


@pytest.mark.parametrize("name", ["bad.md", "bad.txt"])
def test_comment_on_its_own_line_applies_to_the_next_line(
    cli: Callable[..., Run], tmp_path: Path, slip_codes: list[str], name: str
) -> None:
    comment = f'<!-- dvc-validate: ignore {",".join(slip_codes)} reason="đã đối chiếu với cổng" -->'
    p = _with_comment(tmp_path, comment, name)
    run = cli("lint", p, "--format", "json")
    assert run.code == 0, run.out
    assert not slip_findings(run)
    assert not _dv001(run)


def test_comment_with_indicator_applies_anywhere(
    cli: Callable[..., Run], tmp_path: Path, slip_codes: list[str]
) -> None:
    p = tmp_path / "bad.md"
    directive = f'<!-- dvc-validate: ignore {",".join(slip_codes)} indicator=2.1 reason="ok" -->'
    p.write_text(directive + "\n" + BAD_REPORT, encoding="utf-8")
    run = cli("lint", p, "--format", "json")
    assert run.code == 0 and not slip_findings(run) and not _dv001(run)


def test_unused_suppression_is_reported_as_dv001_info(
    cli: Callable[..., Run], tmp_path: Path, slip_codes: list[str]
) -> None:
    p = _with_comment(tmp_path, '<!-- dvc-validate: ignore DV001 line=3 reason="stale" -->')
    run = cli("lint", p, "--format", "json", "--lang", "en")
    assert run.code == 1  # the slip is still there
    [unused] = _dv001(run)
    assert unused["severity"] == "info"
    assert unused["name"] == "unused-suppression"
    assert unused["data"] == {"code": "DV001"}
    assert unused["message"] == "Suppression matched no finding: DV001"
    comment_line = BAD_REPORT.split("\n").index(BAD_ROW) + 1
    assert unused["location"]["line"] == comment_line
    assert (
        cli(
            "lint", p, "--format", "json", "--fail-on", "info", "--ignore", ",".join(slip_codes)
        ).code
        == 1
    )
    quiet = cli("lint", p, "--format", "json", "--ignore", "DV001")
    assert not _dv001(quiet)


def test_unused_config_suppression_points_at_its_target(
    cli: Callable[..., Run], clean: Path
) -> None:
    (clean.parent / "dvc-validate.toml").write_text(
        '[[suppress]]\ncode = "PC001"\nindicator = "9.9"\nreason = "cũ"\n', encoding="utf-8"
    )
    run = cli("lint", clean, "--format", "json")
    assert run.code == 0  # info does not reach the default fail-on
    [unused] = _dv001(run)
    assert unused["location"]["indicator"] == "9.9"
    assert unused["message"] == "Chỉ thị bỏ qua không khớp phát hiện nào: PC001"


@pytest.mark.parametrize(
    ("comment", "words"),
    [
        ("<!-- dvc-validate: ignore PC001 -->", "reason"),
        ('<!-- dvc-validate: ignore reason="x" -->', "mã quy tắc"),
        ('<!-- dvc-validate: ignroe PC001 reason="x" -->', "ignore"),
        ('<!-- dvc-validate: ignore PC001 colour=red reason="x" -->', "colour"),
        ('<!-- dvc-validate: ignore PC001 line=abc reason="x" -->', "line="),
        ('<!-- dvc-validate: ignore PC001 reason="unclosed -->', "cú pháp"),
    ],
)
def test_a_malformed_comment_is_a_config_error(
    cli: Callable[..., Run], tmp_path: Path, comment: str, words: str
) -> None:
    p = _with_comment(tmp_path, comment)
    run = cli("lint", p, "--format", "json")
    assert run.code == 2
    assert words in run.err and f"{p}, dòng" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_comments_that_are_not_directives_are_left_alone() -> None:
    assert read_directives("<!-- ghi chú -->\n<!--\n dài\n-->\ntext\n") == []


def test_trailing_comment_applies_to_its_own_line() -> None:
    text = "a\nrow 12 <!-- dvc-validate: ignore PC001 reason='typed as on the portal' -->\nb\n"
    [d] = read_directives(text)
    assert d.where == {"line": 2} and d.reason == "typed as on the portal"


def test_directive_before_a_multiline_comment_skips_it() -> None:
    text = "<!-- dvc-validate: ignore PC001 reason=x -->\n<!--\nnote\n-->\n\ncontent\n"
    [d] = read_directives(text)
    assert d.where == {"line": 6}


def test_word_quotes_are_accepted() -> None:
    [d] = read_directives("<!-- dvc-validate: ignore PC001 reason=“theo cổng” -->\nx\n")
    assert d.reason == "theo cổng"


def _finding(code: str, **loc: object) -> Finding:
    return Finding(
        code=code, name="x", severity=Severity.ERROR, message="m", location=Location(**loc)
    )


def test_apply_suppressions_without_a_source_file() -> None:
    """Library use (no file on disk, e.g. a Word document): only the config applies."""
    config = Config(suppress=[Suppression(code="PC001", table=1, row=4, reason="ok")])
    kept = apply_suppressions(
        [_finding("PC001", table=1, row=4, cell=6), _finding("PC001", table=1, row=5)],
        config,
        "report.docx",
        None,
    )
    assert [(f.code, f.location.row) for f in kept] == [("PC001", 5)]


def test_a_directive_at_the_end_of_a_file_needs_a_target() -> None:
    with pytest.raises(ConfigError):
        read_directives("text\n<!-- dvc-validate: ignore PC001 reason=x -->\n")
