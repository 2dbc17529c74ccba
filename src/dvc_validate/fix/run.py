"""``lint --fix`` / ``--diff`` for the command line: fix every linted file, say what
was done in the user's language, and hand back the findings that remain.

Kept out of the ``lint`` command (:mod:`dvc_validate.cli.lint`) so that the command only
gains its options and one call.
"""

from __future__ import annotations

from ..config import Config
from ..model.finding import Applicability, FileResult, Result
from .apply import FixReport, Relinter, apply_fixes
from .edits import Edit, edit_of

__all__ = ["run_fixes"]


def run_fixes(
    result: Result,
    config: Config,
    *,
    relinter: Relinter,
    unsafe: bool,
    diff: bool,
    in_place: bool,
    force: bool = False,
) -> tuple[Result, str, list[str]]:
    """Fix the files of ``result``, linting each fixed copy with ``relinter`` (see
    :func:`.apply.apply_fixes`). Returns the result to report (the findings left in
    each written file; unchanged with ``diff``), the diff text, and notes for stderr."""
    files: list[FileResult] = []
    shown: list[str] = []
    notes: list[str] = []
    for fr in result.files:
        if fr.error is not None:
            files.append(fr)
            continue
        single = Result(files=[fr], lang=result.lang, tool_version=result.tool_version)
        rep = apply_fixes(
            fr.path,
            single,
            relinter=relinter,
            unsafe=unsafe,
            in_place=in_place,
            write=not diff,
            config=config,
            force=force,
        )
        shown.append(rep.diff)
        notes.extend(_notes(rep, fr, unsafe, diff, config.lang))
        files.append(rep.result if rep.output is not None and rep.result is not None else fr)
    return (
        Result(files=files, lang=result.lang, tool_version=result.tool_version),
        "".join(shown),
        notes,
    )


def _order(e: Edit) -> tuple[object, ...]:
    return (e.location.sort_key(), e.code)


def _notes(rep: FixReport, fr: FileResult, unsafe: bool, diff: bool, lang: str) -> list[str]:
    vi = lang != "en"
    name = str(rep.source)
    out: list[str] = []
    n = len(rep.applied)
    if n == 0:
        out.append(f"{name}: không có gì để sửa" if vi else f"{name}: nothing to fix")
    elif diff:
        out.append(f"{name}: sẽ sửa {n} chỗ" if vi else f"{name}: would fix {n} finding(s)")
    elif rep.backup is not None:
        out.append(
            f"{name}: đã sửa {n} chỗ, ghi đè tệp gốc (bản cũ: {rep.backup})"
            if vi
            else f"{name}: fixed {n} finding(s) in place (backup: {rep.backup})"
        )
    else:
        out.append(
            f"{name}: đã sửa {n} chỗ → {rep.output}"
            if vi
            else f"{name}: fixed {n} finding(s) → {rep.output}"
        )
    if not diff:  # every change, in document order (--diff shows them itself)
        out.extend(f"  {e.describe(lang)}" for e in sorted(rep.applied, key=_order))
    for e, new in rep.rolled_back:
        codes = ", ".join(sorted({f.code for f in new})) or "?"
        out.append(
            f"  hoàn tác {e.describe(lang)}: làm xuất hiện {codes}"
            if vi
            else f"  rolled back {e.describe(lang)}: it brought {codes}"
        )
    for e, why in rep.skipped:
        out.append(
            f"  không sửa được {e.describe(lang)}: {why}"
            if vi
            else f"  not fixed {e.describe(lang)}: {why}"
        )
    if not unsafe:
        proposed = [edit_of(f) for f in fr.findings]
        left = [p for p in proposed if p is not None and p.applicability == Applicability.UNSAFE]
        if left:
            out.append(
                f"  còn {len(left)} cách sửa không an toàn (thay đổi giá trị): thêm --unsafe-fixes"
                if vi
                else f"  {len(left)} unsafe fix(es) (they change a value) not applied: add --unsafe-fixes"
            )
    return out
