"""The typer-free parser of a plain ``lint`` (``cli/_lint_argv.py``) against typer's.

A plain ``lint`` is parsed without typer (start-up, issue 12); anything else goes
to typer. The contract: the fast parser either declines (``None``) or gives the
command exactly the values typer gives it, and it never accepts what typer refuses.
"""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import pytest
import typer.main
from hypothesis import example, given, settings
from hypothesis import strategies as st

from dvc_validate import cli as cli_module
from dvc_validate.cli import _lint_argv, _lint_run
from dvc_validate.cli import lint as lint_module
from dvc_validate.cli._main import _is_usage_error, _State

from .conftest import BAD_REPORT

_NAMES = [*_lint_argv.FLAGS, *_lint_argv.VALUES, *_lint_argv.MULTIPLE]
_ODD_NAMES = ["--help", "-h", "--nope", "--formats", "-qf", "-fjson", "--no-exit-zero", "--"]
#: values, among them ones typer reads in different ways or refuses
_VALUES = [
    "json", "text", "xml", "JSON", "en", "vi", "error", "never", "docx", "10", "0", "010",
    "-1", "+5", " 5", "4294967296", "4294967297", "1e3", "a.txt", "dir/b.docx", "a b",
    "", "-x", "-", "=", "PC001,DL", "2024-02", "html=out.html", "sarif",
]  # fmt: skip


def _value_for(name: str) -> st.SearchStrategy[str]:
    """Mostly values the option takes, sometimes any value of ``_VALUES``."""
    dest = _lint_argv.VALUES.get(name) or _lint_argv.MULTIPLE.get(name, "")
    good = _lint_argv.CHOICES.get(dest) or (
        ["1", "10", "4294967296"] if dest in _lint_argv.INT_RANGES else ["r.json", "PC001,DL"]
    )
    return st.one_of(st.sampled_from(good), st.sampled_from(good), st.sampled_from(_VALUES))


_WITH_VALUE = [*_lint_argv.VALUES, *_lint_argv.MULTIPLE]
_PAIR = st.sampled_from(_WITH_VALUE).flatmap(lambda n: _value_for(n).map(lambda v: (n, v)))
#: one unit of a command line: a path, a name alone, a name and its value, NAME=VALUE
_UNIT = st.one_of(
    st.sampled_from(["a.txt", "-", "dir", "x y.docx"]).map(lambda t: [t]),
    st.sampled_from([*_lint_argv.FLAGS, *_lint_argv.FLAGS, *_ODD_NAMES]).map(lambda t: [t]),
    _PAIR.map(list),
    _PAIR.map(lambda nv: ["=".join(nv)]),
    st.tuples(st.sampled_from(_NAMES), st.sampled_from(_VALUES)).map(list),
)
_ARGV = st.lists(_UNIT, max_size=6).map(lambda units: [t for unit in units for t in unit])


def _command() -> Any:
    return typer.main.get_command(cli_module.app).commands["lint"]  # type: ignore[attr-defined]


def _typer_values(args: list[str], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any] | None:
    """What typer passes on to ``run_lint`` for ``lint ARGS``; None for a usage error."""
    seen: dict[str, Any] = {}

    def spy(state: _State, **kwargs: Any) -> int:
        seen.update(kwargs)
        return 0

    monkeypatch.setattr(lint_module, "run_lint", spy)
    try:
        cli_module.app(
            args=["lint", *args], prog_name="dvc-validate", standalone_mode=False, obj=_State()
        )
    except Exception as exc:
        if not _is_usage_error(exc):
            raise
        return None
    return seen


def _defaults() -> dict[str, Any]:
    sig = inspect.signature(_lint_run.run_lint)
    return {n: p.default for n, p in sig.parameters.items() if p.default is not p.empty}


def _choices(param: Any) -> tuple[str, ...] | None:
    """The values typer accepts for ``param`` (from its Literal), or None."""
    annotation = param.type_descriptor.annotation
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) is Literal:
        return tuple(args)
    if len(args) == 1 and get_origin(args[0]) is Literal:
        return tuple(get_args(args[0]))
    return None


def test_the_table_is_typers_lint_command() -> None:
    """Every option of typer's lint, with its names, kind, choices and range, is in
    the fast parser's table, and the table names nothing else."""
    flags: dict[str, str] = {}
    values: dict[str, str] = {}
    multiple: dict[str, str] = {}
    for param in _command().params:
        if param.param_type_name == "argument":
            assert param.name == "paths" and param.nargs == -1
            continue
        if param.name == "help":
            continue
        assert not param.secondary_opts, param.name  # no --no-x twins to read
        table = flags if param.is_flag else multiple if param.multiple else values
        table.update(dict.fromkeys(param.opts, param.name))
        assert param.envvar is None  # nothing read from the environment
        choices = _choices(param)
        assert choices == _lint_argv.CHOICES.get(param.name), param.name
        if param.name in _lint_argv.INT_RANGES:
            assert (param.min, param.max) == _lint_argv.INT_RANGES[param.name]
    assert flags == _lint_argv.FLAGS
    assert values == _lint_argv.VALUES
    assert multiple == _lint_argv.MULTIPLE
    names = {p.name for p in _command().params} - {"help"}
    assert names == set(inspect.signature(_lint_run.run_lint).parameters) - {"state"}


@settings(max_examples=400, deadline=None)
@given(_ARGV)
@example(["a.txt", "--format", "json"])
@example(["-", "-q", "--ignore", "PC001,DL", "--ignore", "x", "-o", "a b"])
@example(["--max-bytes", "4294967296", "a.txt"])
@example(["--", "-x", "--help"])
@example(["a.txt", "-o", "-"])
@example(["a.txt", "--max-bytes", "0"])
@example(["a.txt", "--max-bytes", "4294967297"])
def test_fast_parser_agrees_with_typer(args: list[str]) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        typer_values = _typer_values(args, monkeypatch)
    fast = _lint_argv.parse_lint_args(args)
    if fast is None:
        return  # typer parses it: nothing to compare
    assert typer_values is not None, "the fast parser accepted what typer refuses"
    assert {**_defaults(), **fast} == typer_values


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["a.txt", "b.docx"], {"paths": ["a.txt", "b.docx"]}),
        (
            ["-f", "json", "a.txt", "--output=r.json", "-q"],
            {"paths": ["a.txt"], "output_format": "json", "output": Path("r.json"), "quiet": True},
        ),
        (
            ["--select", "PC", "x", "--select", "DL001", "--max-bytes", "100"],
            {"paths": ["x"], "select": ["PC", "DL001"], "max_bytes": 100},
        ),
        (["--", "-q"], {"paths": ["-q"]}),
        (["-"], {"paths": ["-"]}),
    ],
)
def test_plain_runs_are_read(args: list[str], expected: dict[str, Any]) -> None:
    assert _lint_argv.parse_lint_args(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help", "a.txt"],
        ["a.txt", "-h"],
        ["a.txt", "--formatt", "json"],
        ["a.txt", "-qf", "json"],
        ["a.txt", "--format"],
        ["a.txt", "--format", "xml"],
        ["a.txt", "--quiet=yes"],
        ["a.txt", "--max-bytes", "0"],
        ["a.txt", "--output", ""],
    ],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert _lint_argv.parse_lint_args(args) is None


def test_usage_error_inside_the_command_reads_the_same_on_both_paths(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An option error the command itself raises ('-' with a path) names the command
    whether the fast parser read the arguments or typer did ("-qf text" is typer's)."""
    report = str(tmp_path / "r.txt")
    fast_args, typer_args = ["-", report, "-q"], ["-", report, "-qf", "text"]
    assert _lint_argv.parse_lint_args(fast_args) is not None
    assert _lint_argv.parse_lint_args(typer_args) is None
    outputs = []
    for args in (fast_args, typer_args):
        assert cli_module.main(["lint", *args]) == 2
        outputs.append(capsys.readouterr().err)
    assert (
        outputs[0]
        == outputs[1]
        == (
            "dvc-validate: lỗi: giá trị không hợp lệ: không dùng '-' (đầu vào chuẩn) cùng với "
            "đường dẫn khác (xem: dvc-validate lint --help)\n"
        )
    )


def test_a_lint_process_ends_with_its_output_whole(tmp_path: Path) -> None:
    """``run`` ends a lint with ``os._exit`` (no interpreter teardown): the report on
    stdout and the files it wrote are whole, and the exit code is the command's."""
    report = tmp_path / "r.txt"
    report.write_text(BAD_REPORT, encoding="utf-8")
    sarif = tmp_path / "out.sarif"
    done = subprocess.run(
        [sys.executable, "-m", "dvc_validate", "lint", str(report), "--format", "json",
         "--report", f"sarif={sarif}"],
        capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    codes = {f["code"] for f in json.loads(done.stdout)["files"][0]["findings"]}
    assert codes and codes == {
        r["ruleId"] for r in json.loads(sarif.read_text())["runs"][0]["results"]
    }
