"""What ``dvc-validate lint`` does once its options are parsed, without typer.

Both parsers call :func:`run_lint`: typer's command in :mod:`.lint` (which owns
the options' declarations and help) and the typer-free parser of a plain run in
:mod:`._lint_argv` (see :mod:`._main`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ._main import _error_line, _note_line, _State, _usage
from ._output import _emit, _exit_code, _print
from ._paths import _expand, _nothing_found, _refuse_overwrite, _skip_non_reports
from ._values import ReportFormat, _common_dir, _config, _split, _with_cli

if TYPE_CHECKING:
    from ..config import Config
    from ..model.finding import Result
    from ..model.report import Report

__all__ = ["run_lint"]


def run_lint(
    state: _State,
    *,
    paths: list[str],
    output_format: str = "text",
    output: Path | None = None,
    report: list[str] | None = None,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: str | None = None,
    exit_zero: bool = False,
    lang: str | None = None,
    rules: list[str] | None = None,
    no_color: bool = False,
    quiet: bool = False,
    statistics: bool = False,
    config_file: Path | None = None,
    stdin_format: str | None = None,
    previous: Path | None = None,
    series: bool = False,
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    in_place: bool = False,
    force: bool = False,
    max_bytes: int | None = None,
    skip_non_reports: bool = False,
    portal: Path | None = None,
    period: str | None = None,
) -> int:
    """Check reports and print the findings; the exit code (see :mod:`dvc_validate.cli`)."""
    if lang is not None:
        state.lang = lang
    extra_reports = _parse_reports(report or [])
    stdin = paths == ["-"]
    if "-" in paths and not stdin:
        _usage(
            "không dùng '-' (đầu vào chuẩn) cùng với đường dẫn khác",
            "'-' (stdin) cannot be combined with other paths",
        )
    _check_cli_rules(select=select, extend_select=extend_select, ignore=ignore)
    files, found, problems = ([], set(), []) if stdin else _expand(paths)
    start = None if stdin else _common_dir([*files, *(arg for arg, _ in problems)])
    config = _with_cli(
        _config(config_file, start),
        select=_split(select),
        extend_select=_split(extend_select),
        ignore=_split(ignore),
        rules=rules or [],
        fail_on=fail_on,
        lang=lang,
    )
    if max_bytes is not None:
        config = config.model_copy(update={"max_bytes": max_bytes})
    state.lang = config.lang
    from ..config import check_rule_references
    from ..model.finding import FileError, FileResult, Result

    check_rule_references(config)
    if previous is not None and series:
        _usage(
            "không dùng --previous cùng --series (chuỗi tự tìm báo cáo tháng trước)",
            "--previous and --series cannot be combined (a series finds its own previous)",
        )
    if previous is not None and len(files) + len(problems) != (0 if stdin else 1):
        _usage(
            "--previous chỉ so sánh đúng một báo cáo với nó",
            "--previous compares exactly one report with it",
        )
    inputs = [*files, *([str(previous)] if previous is not None else [])]
    _refuse_overwrite(inputs, [p for p in [output, *(p for _, p in extra_reports)] if p])
    last = _load_previous(previous, config)
    portal_data = None
    if portal is not None and (stdin or series or previous is not None):
        _usage(
            "--portal kiểm tra từng tệp báo cáo riêng, không dùng cùng -, --series hay --previous",
            "--portal checks report files on their own, not with -, --series or --previous",
        )
    if portal is not None:  # read once, before the reports; unreadable is exit 2
        from ..portal.read import read_portal

        portal_data = read_portal(portal, period=period)
    missing = [
        FileResult(path=arg, error=FileError(code=exc.code, message=exc.message(config.lang)))
        for arg, exc in problems
    ]
    if missing and not files:
        result = Result(files=missing, lang=config.lang, tool_version=__version__)
    elif stdin:
        result = _lint_stdin(config, stdin_format, last)
    elif series or last is not None:
        result = _lint_continuity(files, config, last)
        result.files[:0] = missing
    else:
        result = _lint_files(
            files, config, show_progress=not quiet and len(files) > 3, portal=portal_data
        )
        result.files[:0] = missing
    notes = _skip_non_reports(result, found, everywhere=skip_non_reports, lang=config.lang)
    if not quiet:
        for note in notes:
            _note_line(note, config.lang)
    if notes and not result.files and found:
        # a folder or glob that held no report at all: a wrong path must not pass CI
        result.files.append(_nothing_found(paths, config.lang))
    for fr in result.files:
        if fr.error is not None:
            _error_line(fr.error.message, config.lang)
    if fix or unsafe_fixes or diff or in_place:
        if stdin:
            _usage(
                "--fix và --diff cần tệp, không dùng được với - (đầu vào chuẩn)",
                "--fix and --diff need files, not - (stdin)",
            )
        from ..api import relinter
        from ..fix.run import run_fixes

        result, changes, notes = run_fixes(
            result,
            config,
            relinter=relinter,
            unsafe=unsafe_fixes,
            diff=diff,
            in_place=in_place,
            force=force,
        )
        from ..report._escape import terminal

        sys.stderr.write("".join(f"{terminal(note)}\n" for note in notes))
        if diff:
            # document lines: each shown safely, the diff's own line breaks kept
            _print("\n".join(terminal(ln.removesuffix("\r")) for ln in changes.split("\n")))
            return _exit_code(result, config.fail_on, exit_zero)
    result.config = _shown_path(config.source)
    _emit(result, output_format, output, extra_reports, config.lang, no_color, quiet, statistics)
    return _exit_code(result, config.fail_on, exit_zero)


def _shown_path(path: str | None) -> str | None:
    """A config's path as the report header shows it: relative to the working
    directory when below it (``./dvc-validate.toml``), else absolute."""
    if path is None:
        return None
    full = os.path.abspath(path)
    rel = os.path.relpath(full)
    return full if rel.startswith("..") else os.path.join(".", rel)


def _check_cli_rules(**options: list[str] | None) -> None:
    """An unknown rule in ``--select``/``--extend-select``/``--ignore`` is named with
    the option it came from, not as a config key (the config's own lists are checked
    afterwards by :func:`check_rule_references`, which names their keys)."""
    from ..checks import Selection, resolve_selection
    from ..errors import UnknownRuleError

    for name, values in options.items():
        option = "--" + name.replace("_", "-")
        try:
            resolve_selection(Selection(select=tuple(_split(values))))
        except UnknownRuleError as exc:
            raise UnknownRuleError(
                f"{exc.message('vi')} [tuỳ chọn {option}]",
                f"{exc.message('en')} [option {option}]",
                option=option,
            ) from exc


def _parse_reports(specs: list[str]) -> list[tuple[str, Path]]:
    from typing import get_args

    known = get_args(ReportFormat)
    out: list[tuple[str, Path]] = []
    for spec in specs:
        fmt, eq, path = spec.partition("=")
        if not eq or not path:
            _usage(
                f"--report cần dạng ĐỊNH_DẠNG=ĐƯỜNG_DẪN, nhận được {spec!r}",
                f"--report needs FORMAT=PATH, got {spec!r}",
            )
        if fmt not in known:
            _usage(
                f"--report: không có định dạng {fmt!r}; chọn một trong {', '.join(known)}",
                f"--report: unknown format {fmt!r}; choose one of {', '.join(known)}",
            )
        out.append((fmt, Path(path)))
    return out


def _lint_files(
    files: list[str], config: Config, *, show_progress: bool, portal: Any = None
) -> Result:
    from ..api import lint_paths

    if not (show_progress and sys.stderr.isatty()):
        return lint_paths(files, config=config, portal=portal)
    from rich.console import Console
    from rich.progress import track

    label = "Đang kiểm tra" if config.lang == "vi" else "Checking"
    console = Console(stderr=True)
    return lint_paths(
        track(files, description=label, console=console, transient=True),
        config=config,
        portal=portal,
    )


def _load_previous(previous: Path | None, config: Config) -> Report | None:
    """``--previous FILE`` read once, before the report; unreadable is exit 2 (tool error)."""
    if previous is None:
        return None
    from ..api import load_previous

    return load_previous(previous, config=config)


def _lint_continuity(files: list[str], config: Config, last: Report | None) -> Result:
    """``--series`` over every file, or the one file against ``--previous``."""
    from ..api import lint_file, lint_series
    from ..errors import DvcValidateError
    from ..model.finding import FileError, FileResult, Result

    if last is None:
        return lint_series(files, config=config)
    try:
        fr = lint_file(files[0], config=config, previous=last)
    except DvcValidateError as exc:
        fr = FileResult(
            path=files[0], error=FileError(code=exc.code, message=exc.message(config.lang))
        )
    return Result(files=[fr], lang=config.lang, tool_version=__version__)


def _lint_stdin(config: Config, fmt: str | None, last: Report | None = None) -> Result:
    from ..api import lint_file
    from ..errors import DvcValidateError
    from ..model.finding import FileError, FileResult, Result

    name = "<stdin>"
    try:
        from .._safeio import read_stream

        data = read_stream(sys.stdin.buffer, config.max_bytes)  # bounded: the limit refuses more
        fr = lint_file(data, format=fmt, config=config, name=name, previous=last)
    except DvcValidateError as exc:
        fr = FileResult(path=name, error=FileError(code=exc.code, message=exc.message(config.lang)))
    return Result(files=[fr], lang=config.lang, tool_version=__version__)
