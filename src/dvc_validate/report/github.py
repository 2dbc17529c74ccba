"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` a finding.

The runner turns each line into an annotation on the pull request's diff. It
parses ``key=value`` pairs split by ``,`` and ended by ``::``, so values are
escaped as the Actions toolkit does (``escapeProperty``/``escapeData``):
``%``, ``\\r`` and ``\\n`` everywhere, and ``:`` and ``,`` in properties too.

Word, Excel and PDF sources have no line in the file: an annotation with a
line would point at nonsense, so ``line``/``col`` are omitted and the position
(``bảng 1, hàng 4, ô 6``) leads the message instead.
"""

from __future__ import annotations

from ..model.finding import Finding, Result, Severity
from ._common import found_expected
from ._escape import controls

__all__ = ["escape_data", "escape_property", "render", "step_summary"]

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (after the final ``::``); controls such as ESC
    and document line breaks are shown, not passed to the runner's log."""
    return controls(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _has_line(f: Finding) -> bool:
    loc = f.location
    return loc.line is not None and loc.page is None and loc.sheet is None


def _command(path: str, f: Finding, lang: str) -> str:
    props = [f"file={escape_property(path)}"]
    message = f.message
    if _has_line(f):
        props.append(f"line={f.location.line}")
        if f.location.column is not None:
            props.append(f"col={f.location.column}")
    else:
        message = f"{f.location.describe(lang)}: {message}"
    props.append(f"title={escape_property(f'{f.code} {f.name}')}")
    fe = found_expected(f)
    if fe:
        message = f"{message} ({fe})"
    return f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(message)}"


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """One workflow command per finding; unreadable files become ``::error`` too."""
    out: list[str] = []
    for fr in result.files:
        if fr.error is not None:
            props = f"file={escape_property(fr.path)},title={escape_property(fr.error.code)}"
            out.append(f"::error {props}::{escape_data(fr.error.message)}")
        out.extend(_command(fr.path, f, lang) for f in fr.findings)
    return "\n".join(out) + "\n" if out else ""


def step_summary(result: Result, lang: str = "vi") -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: the same page as the Markdown report."""
    from .markdown import render as markdown

    return markdown(result, lang=lang)
