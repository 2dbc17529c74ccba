"""The typer app, ``main`` and ``run``, and how a failure becomes one line and exit 2."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import NoReturn

import typer

from ._output import _print
from ._usage_vi import LocalisedUsageError

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
        from ..errors import DvcValidateError

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
    if lang != "en":
        from ._usage_vi import usage_message_vi

        message = usage_message_vi(exc) or message
    command = getattr(ctx, "command_path", "dvc-validate") if ctx is not None else "dvc-validate"
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


def _state(ctx: typer.Context) -> _State:
    obj = ctx.obj
    return obj if isinstance(obj, _State) else _State()


class _LocalisedBadParameter(LocalisedUsageError, typer.BadParameter):
    """An option error of the CLI's own, written in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        LocalisedUsageError.__init__(self, vi, en)
        typer.BadParameter.__init__(self, en)


def _usage(vi: str, en: str) -> NoReturn:
    """An option error: exit 2 with a one-line message in the user's language, like
    click's own."""
    raise _LocalisedBadParameter(vi, en)
