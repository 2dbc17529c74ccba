"""``main`` and ``run``, and how a failure becomes one line and exit 2, without typer.

A plain ``lint`` (the command pre-commit and CI run on every commit) is parsed by
:mod:`._lint_argv` and run directly: importing typer and building its click
commands cost more than the rest of the CLI together (issue 12). Anything that
parser does not fully understand (``--help``, an unknown or misspelt option, a bad
value, any other command) goes to the typer app, so help texts and usage errors
have one source. ``tests/cli/test_fast_lint.py`` keeps the two parsers equal.
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass
from typing import Any, NoReturn

_ERROR_PREFIX = {"vi": "dvc-validate: lỗi: ", "en": "dvc-validate: error: "}
_NOTE_PREFIX = {"vi": "dvc-validate: ghi chú: ", "en": "dvc-validate: note: "}
_DEBUG_ENV = "DVC_VALIDATE_DEBUG"
#: click's shell-completion switch for this program: typer must see such a run
_COMPLETE_ENV = "_DVC_VALIDATE_COMPLETE"


@dataclass
class _State:
    """Per-run state shared with the commands: the language errors are shown in."""

    lang: str = "vi"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``) and return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    state = _State(lang=_prescan_lang(args))
    debug = os.environ.get(_DEBUG_ENV, "") not in ("", "0")
    fast = _fast_lint_options(args)
    try:
        if fast is not None:
            rv: Any = _run_fast_lint(state, fast)
        else:
            from ._commands import app

            rv = app(args=args, prog_name="dvc-validate", standalone_mode=False, obj=state)
    except KeyboardInterrupt:
        return 130
    except SystemExit as exc:  # e.g. a closed pipe; keep the code, never unwind further
        return exc.code if isinstance(exc.code, int) else 2
    except Exception as exc:
        from ..errors import DvcValidateError

        if _is_usage_error(exc):
            return _usage_error(exc, state.lang, "dvc-validate lint" if fast else None)
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
    args = sys.argv[1:]
    code = main(args)
    if args[:1] == ["lint"]:
        _exit_at_once(code)
    sys.exit(code)


def _exit_at_once(code: int) -> NoReturn:
    """End a ``lint`` process without tearing the interpreter down.

    Why: freeing every module and object at exit (pydantic's validators, the rule
    registry, the document) took ~60 ms, a fifth of a cold lint (issue 12), and the
    process is ending anyway (mypy ends the same way). What a normal exit does that
    matters is done here: the output streams are flushed, and a flush that fails
    ends with 120, as Python's own exit does. A lint registers no exit handlers and
    leaves no file open (reports are written whole and closed before this).
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 120
    os._exit(code)


def _fast_lint_options(args: list[str]) -> dict[str, Any] | None:
    """The ``lint`` options when :mod:`._lint_argv` reads ``args`` exactly as typer
    would, else None (typer runs)."""
    if not args or args[0] != "lint" or _COMPLETE_ENV in os.environ:
        return None
    from ._lint_argv import parse_lint_args

    return parse_lint_args(args[1:])


def _run_fast_lint(state: _State, options: dict[str, Any]) -> int:
    """``lint`` run as typer's ``_main`` runs a command: end of input is an abort, an
    interrupt exit 130, a closed pipe exit 1 with the streams' flush silenced."""
    from ._lint_run import run_lint

    try:
        return run_lint(state, **options)
    except EOFError as exc:
        from typer import Abort

        sys.stderr.write("\n")
        raise Abort() from exc
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise
        sys.stdout = _QuietFlush(sys.stdout)
        sys.stderr = _QuietFlush(sys.stderr)
        return 1


class _QuietFlush:
    """A stream whose reader has gone: flushing it again at exit must not raise
    (what click's ``PacifyFlushWrapper`` does for typer's commands)."""

    def __init__(self, wrapped: Any) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as exc:
            if exc.errno != errno.EPIPE:
                raise

    def __getattr__(self, name: str) -> Any:
        return getattr(self.wrapped, name)


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


def _usage_error(exc: Exception, lang: str, command: str | None = None) -> int:
    """One line and exit 2; ``command`` names the command an error raised outside
    click came from (click gives its own errors a context that names it)."""
    from ._output import _print

    ctx = getattr(exc, "ctx", None)
    fmt = getattr(exc, "format_message", None)
    message = fmt() if callable(fmt) else str(exc)
    if type(exc).__name__ == "NoArgsIsHelpError":
        # the message is the help text (typer's rich mode has already printed it)
        _print(message)
        return 0
    if lang != "en":
        from ._usage_vi import usage_message_vi

        message = usage_message_vi(exc) or message
    if ctx is not None:
        command = getattr(ctx, "command_path", "dvc-validate")
    command = command or "dvc-validate"
    hint = f"xem: {command} --help" if lang != "en" else f"see: {command} --help"
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
    from ..report._escape import terminal

    one_line = terminal(" ".join(message.split()))  # file names and values are the user's
    sys.stderr.write(_ERROR_PREFIX.get(lang, _ERROR_PREFIX["vi"]) + one_line + "\n")
    sys.stderr.flush()


def _note_line(message: str, lang: str) -> None:
    sys.stderr.write(_NOTE_PREFIX.get(lang, _NOTE_PREFIX["vi"]) + " ".join(message.split()) + "\n")
    sys.stderr.flush()


def _usage(vi: str, en: str) -> NoReturn:
    """An option error: exit 2 with a one-line message in the user's language, like
    click's own."""
    from ._app import _LocalisedBadParameter

    raise _LocalisedBadParameter(vi, en)
