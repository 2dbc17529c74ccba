"""The command line: a thin layer over :mod:`dvc_validate.api` and the reporters.

``main(argv) -> int`` runs one command and returns the exit code, so tests call
it as a function; ``run()`` is the console entry point. Exit codes:

* 0: nothing at or above ``--fail-on``;
* 1: findings at or above ``--fail-on`` (``--exit-zero`` turns this into 0);
* 2: the check could not run: an unreadable input, a bad config or option, an
  unknown rule code, or a bug. One line on stderr, never a traceback
  (``DVC_VALIDATE_DEBUG=1`` re-raises); an unreadable file is said once, on
  stderr, and left out of a text or concise report printed beside it.

A file found by walking a folder or expanding a glob that is read but is not a
report (a README, a CSV beside the reports) is skipped with a note on stderr;
``--skip-non-reports`` does the same for files named on the command line (the
pre-commit hook passes it, as ruff's hook passes ``--force-exclude``).

Start-up time matters (pre-commit runs the tool once per commit), so only the
standard library and typer are imported here at module level; the linter,
the reporters and rich are imported by the command that needs them, and
nothing on the ``lint`` path imports pandas.
"""

from __future__ import annotations

import fnmatch
import inspect
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer

from . import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from rich.console import Console

    from .checks.engine import Rule
    from .config import Config
    from .errors import FileMissingError
    from .model.figure import Figure
    from .model.finding import FileResult, Result
    from .model.location import Location
    from .model.report import Report

__all__ = ["REPORT_SUFFIXES", "app", "expand_paths", "main", "run"]

# Kept as Literals so that --help needs no import of the reporters or readers;
# a test keeps them equal to report.FORMATS and readers.FORMATS.
ReportFormat = Literal["text", "concise", "json", "sarif", "github", "junit", "markdown", "html"]
ReadFormat = Literal["text", "markdown", "docx", "xlsx", "csv", "pdf", "json", "yaml"]
FailOn = Literal["error", "warning", "info", "never"]
Lang = Literal["vi", "en"]

#: What a folder walk picks up. Files given by name or glob are always read.
REPORT_SUFFIXES = (".txt", ".md", ".docx", ".xlsx", ".csv", ".pdf", ".json", ".yaml")

_ERROR_PREFIX = {"vi": "dvc-validate: lỗi: ", "en": "dvc-validate: error: "}
_NOTE_PREFIX = {"vi": "dvc-validate: ghi chú: ", "en": "dvc-validate: note: "}
_DEBUG_ENV = "DVC_VALIDATE_DEBUG"


@dataclass
class _State:
    """Per-run state shared with the commands: the language errors are shown in."""

    lang: str = "vi"


app = typer.Typer(
    name="dvc-validate",
    help="Lint the figures of QĐ 766 public-service-index reports before they are published.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    state = _State(lang=_prescan_lang(args))
    debug = os.environ.get(_DEBUG_ENV, "") not in ("", "0")
    try:
        rv = app(args=args, prog_name="dvc-validate", standalone_mode=False, obj=state)
    except KeyboardInterrupt:
        return 130
    except SystemExit as exc:  # e.g. a closed pipe; keep the code, never unwind further
        return exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:
        from .errors import DvcValidateError

        if _is_usage_error(exc):
            return _usage_error(exc, state.lang)
        if debug:
            raise
        if isinstance(exc, DvcValidateError):
            _error_line(exc.message(state.lang), state.lang)
        else:
            _error_line(_bug_message(exc, state.lang), state.lang)
        return 2
    return rv if isinstance(rv, int) else 0


def run() -> NoReturn:
    """Console entry point (``dvc-validate``)."""
    for stream in (sys.stdout, sys.stderr):
        # Vietnamese text must not crash a legacy-encoded pipe or console
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure(encoding="utf-8", errors="replace")
    sys.exit(main())


def _prescan_lang(args: list[str]) -> str:
    """``--lang`` from argv, so that even an option error is shown in that language."""
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args) and args[i + 1] in ("vi", "en"):
            return args[i + 1]
        if a in ("--lang=vi", "--lang=en"):
            return a.split("=", 1)[1]
    return "vi"


def _is_usage_error(exc: BaseException) -> bool:
    """A click-style usage error (typer vendors click, older typer uses click itself)."""
    names = {c.__name__ for c in type(exc).__mro__}
    return bool(names & {"ClickException", "TyperException", "Abort"})


def _usage_error(exc: Exception, lang: str) -> int:
    ctx = getattr(exc, "ctx", None)
    fmt = getattr(exc, "format_message", None)
    message = fmt() if callable(fmt) else str(exc)
    if type(exc).__name__ == "NoArgsIsHelpError":
        # the message is the help text (typer's rich mode has already printed it)
        _print(message)
        return 0
    command = getattr(ctx, "command_path", "dvc-validate") if ctx is not None else "dvc-validate"
    hint = f"xem: {command} --help" if lang == "vi" else f"see: {command} --help"
    _error_line(f"{message} ({hint})", lang)
    return 2


def _bug_message(exc: BaseException, lang: str) -> str:
    what = f"{type(exc).__name__}: {exc}".replace("\n", " ")
    if lang == "en":
        return (
            f"internal error: {what}. This is a bug in dvc-validate; please report it with the "
            f"command you ran (run again with {_DEBUG_ENV}=1 to see the traceback)."
        )
    return (
        f"lỗi nội bộ: {what}. Đây là lỗi của dvc-validate, xin hãy báo lại kèm lệnh đã chạy "
        f"(chạy lại với {_DEBUG_ENV}=1 để xem chi tiết)."
    )


def _error_line(message: str, lang: str) -> None:
    from .report._escape import terminal

    one_line = terminal(" ".join(message.split()))  # file names and values are the user's
    sys.stderr.write(_ERROR_PREFIX.get(lang, _ERROR_PREFIX["vi"]) + one_line + "\n")
    sys.stderr.flush()


def _note_line(message: str, lang: str) -> None:
    sys.stderr.write(_NOTE_PREFIX.get(lang, _NOTE_PREFIX["vi"]) + " ".join(message.split()) + "\n")
    sys.stderr.flush()


def _state(ctx: typer.Context) -> _State:
    obj = ctx.obj
    return obj if isinstance(obj, _State) else _State()


def _usage(message: str) -> NoReturn:
    """An option error: exit 2 with a one-line message, like click's own."""
    raise typer.BadParameter(message)


# --------------------------------------------------------------------------- config


def _config(config_file: Path | None, start: str | None) -> Config:
    """``--config FILE`` or the nearest config above ``start``; defaults when none."""
    from .config import Config, find_config, load_config

    path = config_file if config_file is not None else find_config(start)
    return load_config(path) if path is not None else Config()


def _split(values: list[str] | None) -> list[str]:
    """Comma-separated and repeatable: ``--ignore PC,DL001 --ignore dates``."""
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _with_cli(
    config: Config,
    *,
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    rules: list[str],
    fail_on: str | None,
    lang: str | None,
) -> Config:
    """CLI options over config values: --select replaces; --extend-select, --ignore and
    --rules add to the config's lists; --fail-on and --lang replace."""
    update: dict[str, Any] = {}
    if select:
        update["select"] = select
    if extend_select:
        update["extend_select"] = [*config.extend_select, *extend_select]
    if ignore:
        update["ignore"] = [*config.ignore, *ignore]
    if rules:
        update["rules"] = [*config.rules, *rules]
    if fail_on is not None:
        update["fail_on"] = fail_on
    if lang is not None:
        update["lang"] = lang
    return config.model_copy(update=update)


def _lang_config(ctx: typer.Context, lang: str | None) -> Config:
    """The config found from the working directory, with ``--lang`` applied."""
    config = _config(None, None)
    if lang is not None:
        config = config.model_copy(update={"lang": lang})
    _state(ctx).lang = config.lang
    return config


# --------------------------------------------------------------------------- paths


def _has_magic(arg: str) -> bool:
    return any(c in arg for c in "*?[")


def _is_report_name(name: str) -> bool:
    """Files a folder walk lints: report formats, not hidden, not Word lock files
    (``~$x.docx``), not the ``*.fixed.*`` copies the fixer writes."""
    return (
        Path(name).suffix.lower() in REPORT_SUFFIXES
        and not name.startswith((".", "~$"))
        and not fnmatch.fnmatch(name, "*.fixed.*")
    )


def _walk(root: str) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(os.path.join(dirpath, n) for n in sorted(filenames) if _is_report_name(n))
    return found


def expand_paths(args: list[str]) -> tuple[list[str], list[tuple[str, FileMissingError]]]:
    """Files to lint from the command line, and the arguments that named none.

    Folders are walked recursively; a glob the shell did not expand (quoted, or
    on Windows) is expanded here. A missing plain file is kept: the reader
    reports it with its own message. The problems carry both languages, since
    the config that chooses one is found only from these files.
    """
    files, _found, problems = _expand(args)
    return files, problems


def _expand(args: list[str]) -> tuple[list[str], set[str], list[tuple[str, FileMissingError]]]:
    """:func:`expand_paths`, and which of the files a walk or a glob found (normalised):
    those were not named by the user, so one that is not a report is skipped, not an error."""
    import glob

    from .errors import FileMissingError

    files: list[str] = []
    found: set[str] = set()
    problems: list[tuple[str, FileMissingError]] = []
    for arg in args:
        if os.path.isdir(arg):
            walked = _walk(arg)
            if not walked:
                kinds = ", ".join(REPORT_SUFFIXES)
                problems.append(
                    (
                        arg,
                        FileMissingError(
                            f"Không tìm thấy báo cáo nào trong thư mục {arg} ({kinds}).",
                            f"No report files in the folder {arg} ({kinds}).",
                        ),
                    )
                )
            files.extend(walked)
            found.update(os.path.normpath(f) for f in walked)
        elif os.path.exists(arg) or not _has_magic(arg):
            files.append(arg)
        else:
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                problems.append(
                    (
                        arg,
                        FileMissingError(
                            f"Mẫu {arg} không khớp tệp nào.", f"The pattern {arg} matches no file."
                        ),
                    )
                )
            for m in matches:
                matched = _walk(m) if os.path.isdir(m) else [m]
                files.extend(matched)
                found.update(os.path.normpath(f) for f in matched)
    unique: dict[str, str] = {}
    for f in files:
        unique.setdefault(os.path.normpath(f), f)
    named = {os.path.normpath(a) for a in args}
    return list(unique.values()), found - named, problems


def _skip_non_reports(result: Result, found: set[str], *, everywhere: bool, lang: str) -> list[str]:
    """Drop the files that were read but are not reports (a README, a CSV beside the
    reports) when a walk or glob found them, or everywhere with ``--skip-non-reports``
    (pre-commit names every matching file); return one note for each. A file the user
    named is still exit 2, and a damaged report is never skipped: only DV200 is."""
    from .errors import NotAReportError

    notes: list[str] = []
    kept = []
    for fr in result.files:
        skip = fr.error is not None and fr.error.code == NotAReportError.code
        if skip and (everywhere or os.path.normpath(fr.path) in found):
            note = (
                f"bỏ qua {fr.path}: không phải báo cáo theo QĐ 766."
                if lang != "en"
                else f"skipped {fr.path}: not a QĐ 766 report."
            )
            if fr.path.lower().endswith(".csv"):  # perhaps a table of many units
                note += (
                    f" Bảng số liệu nhiều đơn vị thì dùng: dvc-validate check-table {fr.path}"
                    if lang != "en"
                    else f" For a table of many units use: dvc-validate check-table {fr.path}"
                )
            notes.append(note)
        else:
            kept.append(fr)
    result.files[:] = kept
    return notes


def _nothing_found(args: list[str], lang: str) -> FileResult:
    """The one error of a run whose folders and globs found files but no report."""
    from .errors import FileMissingError
    from .model.finding import FileError, FileResult

    where = ", ".join(args)
    exc = FileMissingError(
        f"Không có báo cáo nào trong {where}: mọi tệp tìm thấy đều không phải báo cáo.",
        f"No report in {where}: none of the files found is a report.",
    )
    return FileResult(path=where, error=FileError(code=exc.code, message=exc.message(lang)))


def _common_dir(files: list[str]) -> str | None:
    """Where config discovery starts: the folder that holds every input (as black does)."""
    dirs = [os.path.dirname(os.path.abspath(f)) for f in files]
    try:
        return os.path.commonpath(dirs) if dirs else None
    except ValueError:  # different drives on Windows
        return None


# --------------------------------------------------------------------------- lint


# Options shared by several commands: one definition, one help text.
FormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", "--output-format", help="Output format (--output-format too)."),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write the report to FILE instead of stdout."),
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        help="Lowest severity that makes the exit code 1 (default: error, or the config's)."
    ),
]
ExitZeroOption = Annotated[
    bool, typer.Option("--exit-zero", help="Exit 0 even with findings (2 still means failure).")
]
LangOption = Annotated[
    Lang | None, typer.Option(help="Language of messages (default: vi, or the config's).")
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colours.")]
MaxBytesOption = Annotated[
    int | None,
    typer.Option(
        "--max-bytes",
        min=1,
        max=4 * 1024**3,  # config.MAX_BYTES_LIMIT, kept literal: --help imports no config
        metavar="BYTES",
        help="Refuse input files larger than this (default: 32 MiB, or the config's).",
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="Config file (default: the nearest one found)."),
]


PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period",
        metavar="YYYY-MM",
        help="Month of portal responses that carry no capture record.",
    ),
]


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
        _usage("'-' (stdin) cannot be combined with other paths")
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
    from .config import check_rule_references
    from .model.finding import FileError, FileResult, Result

    check_rule_references(config)
    if previous is not None and series:
        _usage("--previous and --series cannot be combined (a series finds its own previous)")
    if previous is not None and len(files) + len(problems) != (0 if stdin else 1):
        _usage("--previous compares exactly one report with it")
    inputs = [*files, *([str(previous)] if previous is not None else [])]
    _refuse_overwrite(inputs, [p for p in [output, *(p for _, p in extra_reports)] if p])
    last = _load_previous(previous, config)
    portal_data = None
    if portal is not None and (stdin or series or previous is not None):
        _usage("--portal checks report files on their own, not with -, --series or --previous")
    if portal is not None:  # read once, before the reports; unreadable is exit 2
        from .portal.read import read_portal

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
            _usage("--fix and --diff need files, not - (stdin)")
        from .fix.run import run_fixes

        result, changes, notes = run_fixes(
            result, config, unsafe=unsafe_fixes, diff=diff, in_place=in_place, force=force
        )
        from .report._escape import terminal

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
    from .checks.engine import Selection, resolve_selection
    from .errors import UnknownRuleError

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
            _usage(f"--report needs FORMAT=PATH, got {spec!r}")
        if fmt not in known:
            _usage(f"--report: unknown format {fmt!r}; choose one of {', '.join(known)}")
        out.append((fmt, Path(path)))
    return out


def _refuse_overwrite(inputs: list[str], outputs: list[Path]) -> None:
    """An output path that is one of the inputs would destroy the report being checked."""
    targets = {os.path.realpath(f) for f in inputs}
    for out in outputs:
        if os.path.realpath(out) in targets:
            _usage(f"the output {out} is one of the inputs; refusing to overwrite it")


def _lint_files(
    files: list[str], config: Config, *, show_progress: bool, portal: Any = None
) -> Result:
    from .api import lint_paths

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
    from .api import load_previous

    return load_previous(previous, config=config)


def _lint_continuity(files: list[str], config: Config, last: Report | None) -> Result:
    """``--series`` over every file, or the one file against ``--previous``."""
    from .api import lint_file, lint_series
    from .errors import DvcValidateError
    from .model.finding import FileError, FileResult, Result

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
    from .api import lint_file
    from .errors import DvcValidateError
    from .model.finding import FileError, FileResult, Result

    name = "<stdin>"
    try:
        from ._safeio import read_stream

        data = read_stream(sys.stdin.buffer, config.max_bytes)  # bounded: the limit refuses more
        fr = lint_file(data, format=fmt, config=config, name=name, previous=last)
    except DvcValidateError as exc:
        fr = FileResult(path=name, error=FileError(code=exc.code, message=exc.message(config.lang)))
    return Result(files=[fr], lang=config.lang, tool_version=__version__)


def _exit_code(result: Result, fail_on: str, exit_zero: bool) -> int:
    from .config import reaches_fail_on

    if result.has_errors:
        return 2
    return 0 if exit_zero or not reaches_fail_on(result.findings, fail_on) else 1


def _emit(
    result: Result,
    fmt: str,
    output: Path | None,
    extra: list[tuple[str, Path]],
    lang: str,
    no_color: bool,
    quiet: bool,
    statistics: bool,
) -> None:
    """Write the report(s). With --statistics stdout gets the counts and the report
    goes only to -o. Colour only for a terminal, and never into a file."""
    from .report import render

    for extra_fmt, path in extra:
        _write(path, render(result, extra_fmt, lang=lang, color=False), lang)
    if output is not None:
        _write(output, render(result, fmt, lang=lang, color=False), lang)
    if statistics:
        _print(_statistics(result, fmt, lang, color=_color(no_color)))
        return
    if output is not None:
        return
    clean = not result.findings and not result.has_errors
    if quiet and clean and fmt in ("text", "concise"):
        return
    if fmt in ("text", "concise") and result.has_errors:
        # an unreadable file has had its one line on stderr: the terminal report
        # beside it leaves it out instead of saying it twice (files written keep it)
        result = result.model_copy(
            update={"files": [fr for fr in result.files if fr.error is None]}
        )
        if not result.files:
            return
    _print(render(result, fmt, lang=lang, color=_color(no_color)))


def _color(no_color: bool) -> bool:
    return not no_color and "NO_COLOR" not in os.environ and sys.stdout.isatty()


def _print(text: str) -> None:
    from .report._escape import no_surrogates

    text = no_surrogates(text)  # a file name that is not UTF-8 must not stop the output
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    sys.stdout.flush()


def _write(path: Path, text: str, lang: str) -> None:
    """A report file, written whole or not at all, never through a link."""
    from .errors import DvcValidateError
    from .fix.write import write_atomic
    from .report._escape import no_surrogates

    data = no_surrogates(text if text.endswith("\n") else text + "\n").encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        raise DvcValidateError(
            f"Không ghi được tệp {path}: {exc.strerror or exc}.",
            f"Cannot write the file {path}: {exc.strerror or exc}.",
        ) from exc


def _statistics(result: Result, fmt: str, lang: str, *, color: bool) -> str:
    """One row per rule: code, name, severity, count; most frequent first."""
    counts = Counter((f.code, f.name, f.severity.value) for f in result.findings)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    if fmt == "json":
        data = [{"code": c, "name": n, "severity": s, "count": k} for (c, n, s), k in rows]
        return json.dumps(data, ensure_ascii=False, indent=2)
    from rich.table import Table

    vi = lang != "en"
    table = Table(box=None, pad_edge=False, show_header=True)
    for title in ("Mã", "Tên", "Mức", "Số lượng") if vi else ("Code", "Name", "Severity", "Count"):
        table.add_column(title, justify="right" if title in ("Số lượng", "Count") else "left")
    for (code, name, sev), count in rows:
        table.add_row(code, name, sev, str(count))
    return _render_rich(table, color=color)


def _console(color: bool, file: Any = None) -> Console:
    from rich.console import Console

    # a pipe or file gets plain text wide enough for tables; a terminal keeps its width
    return Console(
        file=file,
        color_system="auto" if color else None,
        force_terminal=color or None,
        highlight=False,
        markup=False,  # strings here may come from a document: never read as markup
        emoji=False,
        width=None if color else 160,
        soft_wrap=False,
    )


def _render_rich(*renderables: Any, color: bool = False) -> str:
    import io

    buf = io.StringIO()
    console = _console(color, buf)
    for r in renderables:
        console.print(r)
    return buf.getvalue()


# --------------------------------------------------------------------------- check-table


@app.command("check-table")
def check_table_command(
    ctx: typer.Context,
    file: Annotated[
        str,
        typer.Argument(
            metavar="FILE",
            help="A long table of many units and periods (.csv or .parquet; docs/batch.md), "
            "or a folder of portal responses (docs/portal.md).",
            show_default=False,
        ),
    ],
    output_format: FormatOption = "text",
    output: OutputOption = None,
    fail_on: FailOnOption = None,
    exit_zero: ExitZeroOption = False,
    lang: LangOption = None,
    no_color: NoColorOption = False,
    config_file: ConfigOption = None,
    period: PeriodOption = None,
) -> int:
    """Check a table of many units at once (the pandera batch path)."""
    state = _state(ctx)
    if lang is not None:
        state.lang = lang
    config = _with_cli(
        _config(config_file, _common_dir([file])),
        select=[],
        extend_select=[],
        ignore=[],
        rules=[],
        fail_on=fail_on,
        lang=lang,
    )
    state.lang = config.lang
    _refuse_overwrite([file], [output] if output is not None else [])
    check_table = _batch_check_table()
    from .api import build_pack
    from .portal.read import is_portal_source

    if is_portal_source(file):  # a folder of portal responses: the portal pack's relations
        from .portal.table import check_portal_table

        result = check_portal_table(
            file, lang=config.lang, period=period, severities=config.severity
        )
        _emit(result, output_format, output, [], config.lang, no_color, False, False)
        return _exit_code(result, config.fail_on, exit_zero)
    # the config's extra rule packs apply to tables as to reports: one pack, two executors
    result = check_table(file, pack=build_pack(config), lang=config.lang)
    _emit(result, output_format, output, [], config.lang, no_color, False, False)
    return _exit_code(result, config.fail_on, exit_zero)


def _batch_check_table() -> Callable[..., Result]:
    """``dvc_validate.batch.check_table``, imported only here: pandas and pandera cost
    most of a second to import, and nothing else the CLI does needs them. Without
    them (or without the batch module) this is a tool error, exit 2, with a hint."""
    from .errors import DvcValidateError

    try:
        from .batch import check_table
    except ImportError as exc:
        missing = exc.name or str(exc)
        raise DvcValidateError(
            f"check-table cần pandas và pandera ({missing} không nhập được: {exc}). "
            "Cài lại: pip install dvc-validate",
            f"check-table needs pandas and pandera ({missing} could not be imported: {exc}). "
            "Reinstall: pip install dvc-validate",
        ) from exc
    return check_table


# --------------------------------------------------------------------------- portal

portal_app = typer.Typer(
    help="The portal's own figures: fetch them once, then lint --portal DIR offline.",
    no_args_is_help=True,
)
app.add_typer(portal_app, name="portal")


@portal_app.command("fetch")
def portal_fetch(
    ctx: typer.Context,
    unit: Annotated[
        str,
        typer.Option("--unit", help="The portal's id of the root unit (rootDepartmentId)."),
    ],
    month: Annotated[str, typer.Option("--month", metavar="YYYY-MM", help="The month.")],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="DIR", help="New folder for the responses."),
    ],
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="The API's address (default: the portal's).")
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each answer.")] = 60.0,
    lang: LangOption = None,
) -> int:
    """Download a unit's month from the portal's reporting API, with a capture record."""
    if lang is not None:
        _state(ctx).lang = lang
    from .portal.fetch import fetch

    for got in fetch(unit, month, output, base_url=base_url, timeout=timeout):
        _print(f"{got.file}\t{got.record['bytes']}\t{got.record['sha256']}")
    return 0


# --------------------------------------------------------------------------- extract


@app.command()
def extract(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="One report file.", show_default=False)],
    output_format: Annotated[
        Literal["json", "text"], typer.Option("--format", "-f", help="Output format.")
    ] = "text",
    lang: Annotated[Lang | None, typer.Option(help="Language of labels.")] = None,
    no_color: NoColorOption = False,
    max_bytes: MaxBytesOption = None,
) -> int:
    """Show what was understood of a report: header, scores, tables, dates."""
    from .api import extract_report

    state = _state(ctx)
    if lang is not None:
        state.lang = lang
    config = _config(None, _common_dir([file]))
    if lang is not None:
        config = config.model_copy(update={"lang": lang})
    if max_bytes is not None:
        config = config.model_copy(update={"max_bytes": max_bytes})
    state.lang = config.lang
    report, _doc = extract_report(file, config=config)
    if output_format == "json":
        data = {"schema": "dvc-validate/report@1", "report": report.model_dump(mode="json")}
        _print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print(_render_rich(*_report_tables(report, config.lang), color=_color(no_color)))
    return 0


_EXTRACT_LABELS: dict[str, tuple[str, str]] = {
    "header": ("Đầu văn bản", "Header"),
    "issuer": ("Cơ quan ban hành", "Issuer"),
    "number": ("Số hiệu", "Number"),
    "date": ("Ngày ban hành", "Issue date"),
    "period": ("Kỳ báo cáo", "Period"),
    "legal": ("Căn cứ", "Legal basis"),
    "axes": ("Điểm các trục", "Axis scores"),
    "axis": ("Trục", "Axis"),
    "score": ("Điểm/tối đa", "Score/max"),
    "change": ("Thay đổi", "Change"),
    "trend": ("Xu hướng", "Trend"),
    "compared": ("So với", "Compared with"),
    "where": ("Vị trí", "Location"),
    "total": ("Điểm tổng hợp", "Total score"),
    "up": ("tăng", "up"),
    "down": ("giảm", "down"),
    "same": ("giữ nguyên", "same"),
    "rank": ("Xếp hạng", "Rank"),
    "appendix": ("Phụ lục I", "Appendix I"),
    "code": ("Mã", "Code"),
    "label": ("Nội dung", "Label"),
    "old": ("Kỳ trước (số/tỷ lệ)", "Old (count/rate)"),
    "new": ("Kỳ này (số/tỷ lệ)", "New (count/rate)"),
    "details": ("Phụ lục II", "Appendix II"),
    "figures": ("Số liệu", "Figures"),
    "dates": ("Ngày tháng", "Dates"),
    "raw": ("Nguyên văn", "As written"),
    "role": ("Vai trò", "Role"),
    "context": ("Ngữ cảnh", "Context"),
    "placeholders": ("Chỗ để trống", "Placeholders"),
    "what": ("Loại", "What"),
    "blank": ("(để trống)", "(blank)"),
    "missing": ("Không tìm thấy", "Not found"),
}


def _report_tables(report: Report, lang: str) -> list[Any]:
    """The report as rich tables, one per part; empty parts are left out."""
    from rich.table import Table

    from .report._escape import rich_text

    def t(key: str) -> str:
        vi, en = _EXTRACT_LABELS[key]
        return en if lang == "en" else vi

    def where(loc: Location | None) -> str:
        return loc.describe(lang) if loc is not None else ""

    def add(tb: Table, *cells: str) -> None:
        """Document text as rich Text: ``[/]`` or ``[link=…]`` is shown, never parsed."""
        tb.add_row(*(rich_text(c) for c in cells))

    def table(title: str, *columns: str) -> Table:
        tb = Table(title=title, title_justify="left", show_lines=False)
        for c in columns:
            tb.add_column(c, overflow="fold")
        return tb

    out: list[Any] = []
    h = report.header
    head = table(t("header"), "", "", t("where"))
    number = h.number.text if h.number else ""
    if h.number_blank:
        number = f"{number} {t('blank')}".strip()
    legal = h.legal_basis.text if h.legal_basis else ""
    if h.legal_number and h.legal_number not in legal:
        legal = f"{legal} ({h.legal_number})".strip()
    rows = [
        (
            t("issuer"),
            h.issuer.text if h.issuer else "",
            where(h.issuer.location if h.issuer else None),
        ),
        (t("number"), number, where(h.number.location if h.number else None)),
        (
            t("date"),
            h.issue_date.raw if h.issue_date else "",
            where(h.issue_date.location if h.issue_date else None),
        ),
        (
            t("period"),
            h.period.key if h.period else "",
            where(h.period.location if h.period else None),
        ),
        (t("legal"), legal, where(h.legal_basis.location if h.legal_basis else None)),
    ]
    for r in rows:
        add(head, *r)
    out.append(head)

    statements = [*report.axes, *([report.total] if report.total else [])]
    if statements:
        axes = table(
            t("axes"), t("axis"), t("score"), t("change"), t("trend"), t("compared"), t("where")
        )
        for st in statements:
            maximum = st.score.denominator_raw or ""
            add(
                axes,
                st.label if st.key != "total" else t("total"),
                f"{st.score.raw}/{maximum}" if maximum else st.score.raw,
                st.change.raw if st.change else "",
                st.trend_raw or (t(st.trend.value) if st.trend else ""),
                st.compared.raw if st.compared else "",
                where(st.location),
            )
        out.append(axes)
    if report.rank is not None:
        rk = report.rank
        rank = table(t("rank"), t("rank"), t("change"), t("trend"), t("where"))
        add(
            rank,
            f"{rk.rank.raw}/{rk.rank.denominator_raw or ''} {rk.group}".strip(),
            rk.change.raw if rk.change else "",
            t(rk.trend.value) if rk.trend else "",
            where(rk.location),
        )
        out.append(rank)
    if report.appendix is not None and report.appendix.rows:
        app_t = table(
            t("appendix"), t("code"), t("label"), t("old"), t("new"), t("change"), t("where")
        )
        for row in report.appendix.rows:

            def pair(side: str, row: Any = row) -> str:
                figs = [row.figures.get(f"{side}.count"), row.figures.get(f"{side}.rate")]
                return " / ".join(f.raw for f in figs if f is not None and f.raw)

            change = row.figures.get("change")
            add(
                app_t,
                row.code or row.number_raw,
                row.label,
                pair("old"),
                pair("new"),
                change.raw if change else "",
                where(row.location),
            )
        summary = report.appendix.summary
        if summary is not None:

            def score_rank(*figs: Figure | None) -> str:
                return " / ".join(f.raw for f in figs if f is not None and f.raw)

            add(
                app_t,
                summary.number_raw,
                t("total"),
                score_rank(summary.old_score, summary.old_rank),
                score_rank(summary.new_score, summary.new_rank),
                score_rank(summary.change, summary.rank_change),
                where(summary.location),
            )
        out.append(app_t)
    if report.details:
        det = table(t("details"), "#", t("label"), t("figures"), t("where"))
        for d in report.details:
            figs = ", ".join(f"{f.role or '?'}={f.raw}" for f in d.figures)
            add(det, d.number, d.label, figs, where(d.location))
        out.append(det)
    if report.dates:
        dates = table(t("dates"), t("raw"), t("role"), t("context"), t("where"))
        for dt in report.dates:
            add(dates, dt.raw, dt.role, dt.context, where(dt.location))
        out.append(dates)
    if report.placeholders:
        ph = table(t("placeholders"), t("what"), t("raw"), t("where"))
        for p in report.placeholders:
            add(ph, p.what, p.raw, where(p.location))
        out.append(ph)
    if report.missing:
        out.append(rich_text(f"{t('missing')}: {', '.join(report.missing)}"))
    return out


# --------------------------------------------------------------------------- rules, explain


def _all_rules() -> list[Rule]:
    from .checks.engine import REGISTRY, Selection, resolve_selection

    resolve_selection(Selection())  # imports the rule families
    return sorted(REGISTRY.values(), key=lambda r: r.code)


@app.command("rules")
def rules_command(
    ctx: typer.Context,
    output_format: Annotated[
        Literal["text", "json"], typer.Option("--format", "-f", help="Output format.")
    ] = "text",
    lang: Annotated[Lang | None, typer.Option(help="Language of titles.")] = None,
    no_color: NoColorOption = False,
) -> int:
    """List every rule: code, name, family, severity, title."""
    config = _lang_config(ctx, lang)
    rules = _all_rules()
    if output_format == "json":
        data = [
            {
                "code": r.code,
                "name": r.name,
                "family": r.family,
                "severity": r.severity.value,
                "title": r.title(config.lang),
                "title_vi": r.title_vi,
                "title_en": r.title_en,
                "fix": r.fix.value if r.fix else None,
            }
            for r in rules
        ]
        _print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    from rich.table import Table

    vi = config.lang != "en"
    table = Table(box=None, pad_edge=False)
    for title in (
        ("Mã", "Tên", "Nhóm", "Mức", "Tiêu đề")
        if vi
        else ("Code", "Name", "Family", "Severity", "Title")
    ):
        table.add_column(title, overflow="fold")
    for r in rules:
        table.add_row(r.code, r.name, r.family, r.severity.value, r.title(config.lang))
    _print(_render_rich(table, color=_color(no_color)))
    return 0


@app.command()
def explain(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(help="A rule code (PC001) or name.", show_default=False)],
    lang: Annotated[Lang | None, typer.Option(help="Language of the title.")] = None,
) -> int:
    """Explain one rule: what it checks, why, examples and the fix."""
    from .errors import UnknownRuleError

    config = _lang_config(ctx, lang)
    wanted = code.strip()
    every = _all_rules()
    match = [r for r in every if r.code == wanted.upper() or r.name == wanted.lower()]
    if not match:
        from .names import did_you_mean

        vi, en = did_you_mean(wanted, [x for r in every for x in (r.code, r.name)])
        raise UnknownRuleError(
            f"Không có quy tắc '{wanted}'.{vi} Xem danh sách: dvc-validate rules",
            f"No rule '{wanted}'.{en} See the list: dvc-validate rules",
            selector=wanted,
        )
    _print(_explain_text(match[0], config.lang))
    return 0


def _explain_text(r: Rule, lang: str) -> str:
    """Plain text: readable in a terminal, a pager or a pipe, in either language."""
    vi = lang != "en"
    labels = (
        ("Nhóm", "Mức", "Sửa tự động", "Ví dụ", "không")
        if vi
        else ("Family", "Severity", "Auto-fix", "Examples", "no")
    )
    lines = [
        f"{r.code} ({r.name}): {r.title(lang)}",
        f"{labels[0]}: {r.family} · {labels[1]}: {r.severity.value} · "
        f"{labels[2]}: {r.fix.value if r.fix else labels[4]}",
        "",
        inspect.cleandoc(r.func.__doc__ or ""),
    ]
    lines += _case_examples(r.code, vi)
    return "\n".join(lines).rstrip() + "\n"


def _case_examples(code: str, vi: bool) -> list[str]:
    """A bad and a good example from the rule's case book (the same data the tests run)."""
    from .casebook import changed_lines, changed_previous_lines, load_casebook

    book = load_casebook(code)
    bad = book.first("fail") if book else None
    if bad is None:
        return []
    out: list[str] = []
    changes = changed_lines(bad)
    if changes:
        out += ["", "Ví dụ sai:" if vi else "Bad example:"]
    for line, _before, after in changes:
        out += [
            f"  {'dòng' if vi else 'line'} {line}: {after.strip()}" for after in after.split("\n")
        ]
    if changes:
        out.append("Viết đúng:" if vi else "Good:")
    for line, before, _after in changes:
        out += [f"  {'dòng' if vi else 'line'} {line}: {b.strip()}" for b in before.split("\n")]
    # continuity rules: the example may be an edit to last month's report instead
    previous = changed_previous_lines(bad)
    if previous:
        out += [
            "",
            "Ví dụ sai, trong báo cáo tháng trước:"
            if vi
            else "Bad example, in last month's report:",
        ]
    for line, before, after in previous:
        instead = "thay cho" if vi else "instead of"
        out.append(
            f"  {'dòng' if vi else 'line'} {line}: {after.strip()} ({instead}: {before.strip()})"
        )
    for e in bad.expect:
        if e.expected:
            out.append(f"{'Sửa' if vi else 'Fix'}: {e.found} → {e.expected}")
    return out


# --------------------------------------------------------------------------- serve


@app.command()
def serve(
    ctx: typer.Context,
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")
    ] = 8766,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open the page in a browser.")
    ] = False,
    lang: LangOption = None,
    max_bytes: MaxBytesOption = None,
) -> int:
    """Open the check page as a local app on 127.0.0.1 (needs dvc-validate[serve])."""
    from .serve import HOST, bind, require_extra, run

    config = _lang_config(ctx, lang)
    if max_bytes is not None:
        config = config.model_copy(update={"max_bytes": max_bytes})
    require_extra()
    sock = bind(port)
    url = f"http://{HOST}:{sock.getsockname()[1]}/"
    stop = "Ctrl+C to stop" if config.lang == "en" else "Ctrl+C để dừng"
    _print(f"dvc-validate serve: {url} ({stop})")
    run(config, sock, open_browser=not no_browser)
    return 0


# --------------------------------------------------------------------------- version


@app.command()
def version() -> int:
    """Print the version of dvc-validate, Python and pydantic."""
    import platform
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        pydantic = dist_version("pydantic")
    except PackageNotFoundError:  # pragma: no cover - pydantic is a dependency
        pydantic = "?"
    _print(f"dvc-validate {__version__}\nPython {platform.python_version()}, pydantic {pydantic}")
    return 0
