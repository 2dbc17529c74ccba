"""``dvc-validate lint``: check reports and print the findings."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import __version__
from ._app import _error_line, _note_line, _state, _usage, app
from ._options import (
    ConfigOption,
    ExitZeroOption,
    FailOnOption,
    FormatOption,
    LangOption,
    MaxBytesOption,
    NoColorOption,
    OutputOption,
    PeriodOption,
    ReadFormat,
    ReportFormat,
    _common_dir,
    _config,
    _split,
    _with_cli,
)
from ._output import _emit, _exit_code, _print
from ._paths import _expand, _nothing_found, _refuse_overwrite, _skip_non_reports

if TYPE_CHECKING:
    from ..config import Config
    from ..model.finding import Result
    from ..model.report import Report


@app.command()
def lint(
    ctx: typer.Context,
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Report files, folders (searched recursively), globs, or - for stdin.",
            show_default=False,
        ),
    ],
    output_format: FormatOption = "text",
    output: OutputOption = None,
    report: Annotated[
        list[str] | None,
        typer.Option(
            "--report",
            metavar="FORMAT=PATH",
            help="Also write a report in FORMAT to PATH (repeatable).",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            metavar="RULES", help="Run only these rules: codes, prefixes, names or families."
        ),
    ] = None,
    extend_select: Annotated[
        list[str] | None, typer.Option(metavar="RULES", help="Add rules to the selection.")
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(metavar="RULES", help="Do not run these rules.")
    ] = None,
    fail_on: FailOnOption = None,
    exit_zero: ExitZeroOption = False,
    lang: LangOption = None,
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", metavar="PACK", help="Extra rule pack (YAML); repeatable."),
    ] = None,
    no_color: NoColorOption = False,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="No progress bar; print nothing for clean text/concise runs."
        ),
    ] = False,
    statistics: Annotated[
        bool,
        typer.Option(
            "--statistics", help="Print a count per rule instead of the findings (see -o)."
        ),
    ] = False,
    config_file: ConfigOption = None,
    stdin_format: Annotated[
        ReadFormat | None,
        typer.Option(help="Format of the input read from - (default: sniffed)."),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--previous",
            metavar="FILE",
            help="Last month's report of the same unit: check continuity with it.",
        ),
    ] = None,
    series: Annotated[
        bool,
        typer.Option(
            "--series",
            help="The inputs are one unit's monthly reports: order them by period, check "
            "each against the one before and report missing months.",
        ),
    ] = False,
    fix: Annotated[
        bool,
        typer.Option("--fix", help="Apply safe fixes; write NAME.fixed.EXT next to each input."),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option(
            "--unsafe-fixes", help="Also apply fixes that change a value (implies --fix)."
        ),
    ] = False,
    diff: Annotated[
        bool,
        typer.Option("--diff", help="Show what --fix would change; write nothing."),
    ] = False,
    in_place: Annotated[
        bool,
        typer.Option(
            "--in-place", help="With --fix, rewrite the input itself, keeping NAME.EXT.bak."
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option("--force", help="With --fix, replace an existing NAME.fixed.EXT."),
    ] = False,
    max_bytes: MaxBytesOption = None,
    skip_non_reports: Annotated[
        bool,
        typer.Option(
            "--skip-non-reports",
            help="Skip files that are not reports even when named (a walk always does); "
            "for pre-commit, like ruff's --force-exclude.",
        ),
    ] = False,
    portal: Annotated[
        Path | None,
        typer.Option(
            "--portal",
            metavar="DIR",
            help="Folder of portal responses (portal fetch): compare every figure with them.",
        ),
    ] = None,
    period: PeriodOption = None,
) -> int:
    """Check reports and print the findings."""
    state = _state(ctx)
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
