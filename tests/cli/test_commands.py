"""The other commands (rules, explain, version, extract), option errors, the
bug handler, start-up imports and ``python -m dvc_validate``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import get_args

import pytest

from dvc_validate import __version__
from dvc_validate import cli as cli_module
from dvc_validate.cli import _options
from dvc_validate.readers import FORMATS as READ_FORMATS
from dvc_validate.report import FORMATS as REPORT_FORMATS

from .conftest import SLIP, Run

ROOT = Path(__file__).resolve().parents[2]


def test_rules_lists_every_rule(cli: Callable[..., Run]) -> None:
    run = cli("rules", "--format", "json")
    assert run.code == 0
    rules = {r["code"]: r for r in run.json()}
    assert rules["DV001"]["name"] == "unused-suppression"
    assert rules["DV001"]["family"] == "meta"
    assert rules["DV001"]["severity"] == "info"
    assert rules["DV001"]["title"] == rules["DV001"]["title_vi"]
    assert cli("rules", "--format", "json", "--lang", "en").json()[-1]["title"] == next(
        r["title_en"] for r in run.json() if r["code"] == run.json()[-1]["code"]
    )
    text = cli("rules", "--no-color")
    assert text.code == 0 and "DV001" in text.out and "unused-suppression" in text.out


@pytest.mark.parametrize("name", ["DV001", "dv001", "unused-suppression"])
def test_explain_by_code_or_name(cli: Callable[..., Run], name: str) -> None:
    run = cli("explain", name, "--lang", "en")
    assert run.code == 0
    assert run.out.startswith("DV001 (unused-suppression): Unused suppression")
    assert "## Why" in run.out and "## Fix" in run.out
    assert "\n    ## Why" not in run.out  # docstring indentation removed


def test_explain_unknown_code_is_exit_2(cli: Callable[..., Run]) -> None:
    run = cli("explain", "ZZ999")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith("dvc-validate: lỗi: ") and "ZZ999" in run.err


def test_version(cli: Callable[..., Run]) -> None:
    run = cli("version")
    assert run.code == 0
    first, second = run.out.splitlines()
    assert first == f"dvc-validate {__version__}"
    assert second.startswith("Python ") and "pydantic" in second


def test_extract_json(cli: Callable[..., Run], bad: Path) -> None:
    run = cli("extract", bad, "--format", "json")
    assert run.code == 0
    data = run.json()
    assert data["schema"] == "dvc-validate/report@1"
    rows = {r["code"]: r for r in data["report"]["appendix"]["rows"]}
    assert rows["2.1"]["figures"]["new.rate"]["raw"] == SLIP
    assert "Hòa Bình" in run.out  # not \\u-escaped


def test_extract_text(cli: Callable[..., Run], bad: Path) -> None:
    run = cli("extract", bad, "--no-color")
    assert run.code == 0
    for part in ("Đầu văn bản", "Điểm các trục", "Phụ lục I", "UBND xã Hòa Bình", "15,5/18", SLIP):
        assert part in run.out, part
    en = cli("extract", bad, "--lang", "en")
    assert "Axis scores" in en.out and "Appendix I" in en.out


def test_extract_of_a_missing_file_is_exit_2(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("extract", tmp_path / "none.docx", "--lang", "en")
    assert run.code == 2 and run.err.startswith("dvc-validate: error: ")


def test_lang_en_speaks_english(cli: Callable[..., Run], bad: Path, tmp_path: Path) -> None:
    vi, en = cli("lint", bad, "--no-color"), cli("lint", bad, "--lang", "en", "--no-color")
    assert "1 lỗi" in vi.out and "1 error" in en.out
    missing = cli("lint", tmp_path / "x.txt", "--lang=en")
    assert missing.err.startswith("dvc-validate: error: File not found")


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "{bad}", "--select", "ZZ999"],
        ["lint", "{bad}", "--ignore", "PC001,nonexistent-rule"],
        ["lint", "{bad}", "--extend-select", "XX"],
    ],
)
def test_unknown_rule_code_is_exit_2(cli: Callable[..., Run], bad: Path, argv: list[str]) -> None:
    run = cli(*[a.format(bad=bad) for a in argv])
    assert run.code == 2 and run.out == ""
    assert len(run.err.strip().splitlines()) == 1 and "dvc-validate rules" in run.err


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "{bad}", "--format", "yaml"],
        ["lint", "{bad}", "--fail-on", "sometimes"],
        ["lint", "{bad}", "--lang", "fr"],
        ["lint", "{bad}", "--fix-everything"],
        ["lint"],
        ["frobnicate"],
    ],
)
def test_bad_options_are_exit_2_with_one_line(
    cli: Callable[..., Run], bad: Path, argv: list[str]
) -> None:
    run = cli(*[a.format(bad=bad) for a in argv])
    assert run.code == 2
    assert run.err.startswith("dvc-validate: lỗi: ") and "--help" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_select_narrows_and_ignore_takes_families(
    cli: Callable[..., Run], bad: Path, slip_codes: list[str]
) -> None:
    only = cli("lint", bad, "--format", "json", "--select", slip_codes[0])
    assert {f["code"] for f in only.findings()} == {slip_codes[0]}
    family = cli("rules", "--format", "json").json()
    fam = next(r["family"] for r in family if r["code"] == slip_codes[0])
    run = cli("lint", bad, "--format", "json", "--ignore", fam, "--ignore", ",".join(slip_codes))
    assert not [f for f in run.findings() if f["code"] in slip_codes]


def test_help(cli: Callable[..., Run]) -> None:
    assert cli("--help").code == 0
    assert cli().code == 0  # no arguments: the help, not an error
    assert cli("lint", "--help").code == 0


def test_help_text_in_brackets_is_shown_not_read_as_markup(cli: Callable[..., Run]) -> None:
    """typer renders help as rich markup: the extra's name must survive it."""
    assert "dvc-validate[serve]" in cli("serve", "--help").out


def test_an_unexpected_exception_is_one_line_and_exit_2(
    cli: Callable[..., Run], bad: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dvc_validate.api

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(dvc_validate.api, "lint_paths", boom)
    monkeypatch.delenv("DVC_VALIDATE_DEBUG", raising=False)
    run = cli("lint", bad)
    assert run.code == 2
    assert len(run.err.strip().splitlines()) == 1
    assert "RuntimeError: boom" in run.err and "DVC_VALIDATE_DEBUG=1" in run.err
    monkeypatch.setenv("DVC_VALIDATE_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli_module.main(["lint", str(bad)])


def test_cli_formats_match_the_reporters_and_readers() -> None:
    """The Literals keep --help free of imports; they must not drift."""
    assert set(get_args(_options.ReportFormat)) == set(REPORT_FORMATS)
    assert set(get_args(_options.ReadFormat)) == set(READ_FORMATS)


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DVC_VALIDATE_DEBUG"}
    return subprocess.run(
        [sys.executable, *args, "-c", code] if code else [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


def test_lint_does_not_import_pandas() -> None:
    """Start-up time: a single-document lint never pays for pandas or pandera."""
    code = (
        "import sys\n"
        "from dvc_validate.cli import main\n"
        "main(['lint', 'examples/binh-thanh-2024-02.txt', '--format', 'json'])\n"
        "heavy = [m for m in ('pandas', 'pandera') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = _python(code)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"][0]["findings"]


def test_help_and_rules_do_not_import_pandas() -> None:
    code = (
        "import sys\n"
        "from dvc_validate.cli import main\n"
        "main(['--help']); main(['rules'])\n"
        "assert 'pandas' not in sys.modules and 'pandera' not in sys.modules\n"
    )
    done = _python(code)
    assert done.returncode == 0, done.stderr


#: Never needed to lint one report to JSON: the docs and test tooling, the other
#: reporters, rich (the JSON path prints with plain ``print``), the fixer, the
#: batch path and the readers of other formats.
_NOT_ON_THE_JSON_LINT_PATH = (
    "dvc_validate.casebook",
    "dvc_validate.docgen",
    "dvc_validate.pytest_plugin",
    "dvc_validate.tables.batch",
    "dvc_validate.tables.frame",
    "dvc_validate.fix",
    "dvc_validate.report.html",
    "dvc_validate.report.sarif",
    "dvc_validate.report.junit",
    "dvc_validate.report.text",
    "dvc_validate.report.markdown",
    "dvc_validate.readers.pdf",
    "dvc_validate.readers.sheet",
    "hypothesis",
    "pytest",
    "rich",
    "pandas",
    "pandera",
    "dvc_validate.serve",
    "dvc_validate.portal",
    "dvc_validate.report.extract",
    "dvc_validate.report.ruledoc",
    "dvc_validate.report._rich",
    "starlette",
    "uvicorn",
    # a plain lint is parsed without typer (cli/_main.py): typer and its click
    # cost more start-up than the rest of the CLI
    "typer",
    "click",
)


@pytest.mark.parametrize(
    ("argv", "forbidden"),
    [
        (
            ["lint", "examples/binh-thanh-2024-02.txt", "--format", "json"],
            (*_NOT_ON_THE_JSON_LINT_PATH, "docx", "dvc_validate.readers.docx"),
        ),
        (
            ["lint", "examples/binh-thanh-2024-02.docx", "--format", "json"],
            # the Word reader opens the package itself (readers/_opc.py)
            (*_NOT_ON_THE_JSON_LINT_PATH, "docx"),
        ),
        # --help and version need no linter at all
        (["--help"], ("dvc_validate.api", "dvc_validate.checks", "dvc_validate.pack", "yaml")),
        (["version"], ("dvc_validate.api", "dvc_validate.checks", "dvc_validate.pack", "rich")),
        # each command imports its own renderer, not another command's
        (
            ["explain", "PC001"],
            ("dvc_validate.api", "dvc_validate.docgen", "dvc_validate.report.extract", "pandas"),
        ),
        (
            ["extract", "examples/binh-thanh-2024-02.txt"],
            ("dvc_validate.report.ruledoc", "dvc_validate.casebook", "dvc_validate.docgen"),
        ),
    ],
    ids=["lint-txt-json", "lint-docx-json", "help", "version", "explain", "extract"],
)
def test_start_up_imports_only_what_the_command_needs(
    argv: list[str], forbidden: tuple[str, ...]
) -> None:
    """Start-up time: each module here costs milliseconds on every cold run."""
    code = (
        "import json, sys\n"
        "from dvc_validate.cli import main\n"
        f"rc = main({argv!r})\n"
        f"loaded = [m for m in {forbidden!r} if m in sys.modules]\n"
        "print(json.dumps([rc, loaded]), file=sys.stderr)\n"
    )
    done = _python(code)
    rc, loaded = json.loads(done.stderr.strip().splitlines()[-1])
    assert rc in (0, 1), done.stderr
    assert loaded == []


def test_python_dash_m(tmp_path: Path) -> None:
    done = _python("", "-m", "dvc_validate", "version")
    assert done.returncode == 0 and done.stdout.startswith("dvc-validate ")
    missing = _python("", "-m", "dvc_validate", "lint", str(tmp_path / "none.txt"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("dvc-validate: lỗi: ") and "Traceback" not in missing.stderr


def test_one_module_per_command() -> None:
    """The CLI package: each command is defined in its own module of dvc_validate.cli."""
    import typer.main

    group = typer.main.get_command(cli_module.app)
    modules = {
        name: getattr(cmd.callback, "__module__", "")
        for name, cmd in group.commands.items()  # type: ignore[attr-defined]
        if cmd.callback is not None
    }
    assert modules["lint"] == "dvc_validate.cli.lint"
    assert modules["check-table"] == "dvc_validate.cli.check_table"
    assert modules["extract"] == "dvc_validate.cli.extract"
    assert modules["explain"] == modules["rules"] == "dvc_validate.cli.rules"
    assert modules["serve"] == "dvc_validate.cli.serve"
    assert modules["version"] == "dvc_validate.cli.version"
    assert len(set(modules.values())) == len(modules) - 1  # rules and explain share one
