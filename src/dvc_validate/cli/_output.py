"""Writing what a command prints: the exit code, the reports, stdout and files."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.finding import Result


def _exit_code(result: Result, fail_on: str, exit_zero: bool) -> int:
    from ..config import reaches_fail_on

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
    from ..report import render

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
    from ..report._escape import no_surrogates

    text = no_surrogates(text)  # a file name that is not UTF-8 must not stop the output
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    sys.stdout.flush()


def _write(path: Path, text: str, lang: str) -> None:
    """A report file, written whole or not at all, never through a link."""
    from ..errors import DvcValidateError
    from ..fix.write import write_atomic
    from ..report._escape import no_surrogates

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
    from ..report._common import label
    from ..report._rich import render_rich

    for (code, name, sev), count in rows:
        table.add_row(code, name, label(sev, lang), str(count))

    return render_rich(table, color=color)
