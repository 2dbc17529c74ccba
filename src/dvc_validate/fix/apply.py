"""Apply the fixes of a lint result to its file, check them, and write a corrected copy.

The loop, in the manner of ruff's ``--fix``:

1. take the fixes the findings propose (``safe``, plus ``unsafe`` when asked; a
   ``display`` fix is advice, never applied), one per figure;
2. apply them to the bytes in memory, then read and lint the result again;
3. a fix after which a finding appears that was not there before is rolled back
   (each fix of the pass is then tried alone to find which) and reported;
4. repeat while fixes remain (a fix can uncover another: "4,26 %" → "4,26%" and only
   then "+4,26%"), at most a few passes.

Nothing is written until the end, and never over the input unless ``in_place``.

Step 2 lints with the linter it is handed (``relinter``), not by importing the
library API: the fixer sits below the API in the layers, and the API's own
``lint`` path must not load the fixer. :func:`dvc_validate.api.relinter` is the
linter the CLI, ``serve`` and library callers hand in.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import DvcValidateError
from ..model.finding import Applicability, FileResult, Finding, Result
from ..readers import detect_format
from .docx import DocxSource
from .edits import Edit, edit_of
from .text import TextSource, UnfixableText
from .write import fixed_path, keep_backup, write_atomic, write_new

__all__ = ["FixReport", "Relint", "Relinter", "apply_fixes", "unified_diff"]

_MAX_PASSES = 4
_FIXABLE = ("text", "markdown", "docx")

Source = TextSource | DocxSource

#: Lint the bytes of a corrected file again: ``relint(data, format, name)``, with the
#: configuration and rule pack of the original run.
Relint = Callable[[bytes, str, str], FileResult]
#: Make the :data:`Relint` for a configuration: called once per file fixed, so the
#: rule pack is built once however many passes the fix takes.
Relinter = Callable[[Config], Relint]


@dataclass
class FixReport:
    """What ``apply_fixes`` did to one file."""

    source: Path
    output: Path | None = None  # where the fixed file was written (None: nothing written)
    applied: list[Edit] = field(default_factory=list)
    skipped: list[tuple[Edit, str]] = field(default_factory=list)  # could not be applied
    rolled_back: list[tuple[Edit, list[Finding]]] = field(default_factory=list)
    diff: str = ""  # unified diff (text) or the list of changed cells (Word)
    result: FileResult | None = None  # the fixed content, linted again
    backup: Path | None = None
    fixed_bytes: bytes | None = None

    @property
    def changed(self) -> bool:
        return bool(self.applied)


def _key(f: Finding) -> tuple[object, ...]:
    """A finding's identity across an edit: columns move when a figure shortens."""
    loc = f.location
    return (f.code, loc.line, loc.paragraph, loc.table, loc.row, loc.cell, loc.indicator)


def _introduced(before: list[Finding], after: list[Finding]) -> list[Finding]:
    old = {_key(f) for f in before}
    return [f for f in after if _key(f) not in old]


def _edit_key(e: Edit) -> tuple[object, ...]:
    loc = e.location
    return (e.code, loc.line, loc.paragraph, loc.table, loc.row, loc.cell, e.found, e.replacement)


def _select(findings: list[Finding], unsafe: bool, tried: set[tuple[object, ...]]) -> list[Edit]:
    """The fixes to try in one pass: allowed, not tried before, one per figure (the
    error's fix first, so a format fix on the same figure waits for the next pass)."""
    allowed = {Applicability.SAFE, *([Applicability.UNSAFE] if unsafe else [])}
    edits: list[Edit] = []
    targets: set[tuple[object, ...]] = set()
    for f in sorted(findings, key=lambda f: (-f.severity.rank, f.code, f.location.sort_key())):
        e = edit_of(f)
        if e is None or e.applicability not in allowed or _edit_key(e) in tried:
            continue
        if e.target() in targets:
            continue
        targets.add(e.target())
        edits.append(e)
    return edits


def _load(fmt: str, data: bytes) -> Source:
    return DocxSource(data) if fmt == "docx" else TextSource.load(data)


def _file_result(result: Result, path: Path) -> FileResult:
    want = os.path.normpath(str(path))
    for fr in result.files:
        if os.path.normpath(fr.path) == want:
            return fr
    if len(result.files) == 1:
        return result.files[0]
    raise ValueError(f"{path} is not in the lint result")


def _pass(
    current: Source,
    findings: list[Finding],
    edits: list[Edit],
    lint: Callable[[Source], FileResult],
    report: FixReport,
) -> tuple[Source, FileResult, list[Edit], set[Edit]] | None:
    """Apply one pass of edits; roll back those that bring a new finding."""
    candidate, failed = current.apply(edits)
    deferred = {e for e, why in failed.items() if "another fix" in why or "overlaps" in why}
    report.skipped.extend((e, why) for e, why in failed.items() if e not in deferred)
    ok = [e for e in edits if e not in failed]
    if not ok:
        return None
    after = lint(candidate)
    if not _introduced(findings, after.findings):
        return candidate, after, ok, deferred
    good: list[Edit] = []
    for e in ok:  # which fix brought it: try them one by one
        trial, trial_failed = current.apply([*good, e])
        res = lint(trial)
        new = _introduced(findings, res.findings)
        if new or trial_failed:
            report.rolled_back.append((e, new))
        else:
            good.append(e)
            candidate, after = trial, res
    return (candidate, after, good, deferred) if good else None


def apply_fixes(
    path: str | os.PathLike[str],
    result: Result,
    *,
    relinter: Relinter,
    unsafe: bool = False,
    out: str | os.PathLike[str] | None = None,
    in_place: bool = False,
    write: bool = True,
    config: Config | None = None,
    force: bool = False,
) -> FixReport:
    """Fix ``path`` with the fixes its findings in ``result`` propose.

    ``relinter`` lints the corrected bytes again (pass
    :func:`dvc_validate.api.relinter`); ``config`` is the configuration ``result`` was
    linted with, handed to it. ``unsafe`` also applies fixes that change a value; ``out`` names the corrected
    copy (default ``<stem>.fixed<suffix>`` next to the input); ``in_place`` rewrites
    the input atomically and keeps ``<name>.bak``; ``write=False`` computes the
    changes and the diff only. The input is never modified otherwise. The bytes
    fixed are those the lint read (``fr.document.data``): the file is not read
    again. An existing fixed copy is replaced only with ``force``.
    """
    source = Path(path)
    config = config or Config(lang="en" if result.lang == "en" else "vi")
    report = FixReport(source=source)
    fr = _file_result(result, source)
    doc = fr.document
    data = doc.data if doc is not None and doc.data is not None else _read(source, config)
    fmt = detect_format(str(source), data[:8])
    edits = _select(fr.findings, unsafe, set())
    if fmt not in _FIXABLE:
        report.skipped.extend((e, f"{fmt} files cannot be fixed") for e in edits)
        return report
    try:
        current: Source = _load(fmt, data)
    except UnfixableText:
        report.skipped.extend((e, "not UTF-8: save the file as UTF-8 to fix it") for e in edits)
        return report
    relint = relinter(config)

    def lint(src: Source, name: str = str(source)) -> FileResult:
        return relint(src.to_bytes(), fmt, name)

    findings = fr.findings
    tried: set[tuple[object, ...]] = set()
    for _ in range(_MAX_PASSES):
        edits = _select(findings, unsafe, tried)
        if not edits:
            break
        step = _pass(current, findings, edits, lint, report)
        tried.update(_edit_key(e) for e in edits)
        if step is None:
            break
        current, after, ok, deferred = step
        tried.difference_update(_edit_key(e) for e in deferred)
        report.applied.extend(ok)
        findings = after.findings
        report.result = after
    if not report.applied:
        return report
    new = current.to_bytes()
    report.fixed_bytes = new
    target = source if in_place else Path(out) if out is not None else fixed_path(source)
    report.diff = _diff(fmt, data, new, report.applied, source, target, config.lang)
    if not write:
        return report
    if not in_place and os.path.realpath(target) == os.path.realpath(source):
        raise ValueError(f"refusing to overwrite the input {source} without in_place")
    if in_place:
        report.backup = keep_backup(source, data)
        write_atomic(target, new, mode_from=source)
    elif force:
        write_atomic(target, new, mode_from=source)
    else:
        _write_copy(target, new, source)
    report.output = target
    report.result = lint(current, str(target))
    return report


def _read(source: Path, config: Config) -> bytes:
    """The input, read under the size limit, for a result that holds no document
    bytes (a report model file, or a result built by hand)."""
    from .._safeio import Refused, read_limited

    try:
        return read_limited(source, config.max_bytes)
    except (Refused, OSError) as exc:
        raise DvcValidateError(
            f"Không đọc lại được tệp {source} để sửa.", f"Cannot read {source} to fix it."
        ) from exc


def _write_copy(target: Path, data: bytes, source: Path) -> None:
    """The fixed copy as a new file: an existing one is kept unless ``--force``."""
    try:
        write_new(target, data, mode_from=source)
    except FileExistsError as exc:
        raise DvcValidateError(
            f"Đã có tệp {target}; không ghi đè. Hãy xoá nó hoặc thêm --force.",
            f"{target} already exists; it is not replaced. Remove it or add --force.",
            path=str(target),
        ) from exc


def _patch_lines(data: bytes) -> list[str]:
    """The file as ``patch`` sees it: lines end at ``\n`` only (``str.splitlines`` also
    breaks at form feeds, ``\x0b`` and U+2028, which Word exports put inside lines),
    ``\r`` stays with its line, and a UTF-8 BOM is part of the first line."""
    src = TextSource.load(data)
    text = (src.bom.decode(src.encoding) if src.bom else "") + "".join(src.lines)
    pieces = text.split("\n")
    lines = [p + "\n" for p in pieces[:-1]]
    if pieces[-1]:
        lines.append(pieces[-1])
    return lines


def unified_diff(old: bytes, new: bytes, fromfile: str, tofile: str) -> str:
    """A unified diff of two texts that ``patch -p0`` applies to ``fromfile``, including a
    last line without a newline (marked ``\\ No newline at end of file``)."""
    out: list[str] = []
    for ln in difflib.unified_diff(
        _patch_lines(old), _patch_lines(new), fromfile=fromfile, tofile=tofile
    ):
        out.append(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n")
    return "".join(out)


def _diff(
    fmt: str, old: bytes, new: bytes, applied: list[Edit], source: Path, target: Path, lang: str
) -> str:
    """A unified diff for text; for Word, one line per changed paragraph or cell."""
    if fmt != "docx":
        return unified_diff(old, new, str(source), str(target))
    before, after = DocxSource(old), DocxSource(new)
    out: list[str] = [f"--- {source}", f"+++ {target}"]
    for e in sorted(applied, key=lambda e: e.location.sort_key()):
        was, now = before.cell_text(e), after.cell_text(e)
        out.append(f"{e.location.describe(lang)}: {e.found!r} → {e.replacement!r} ({e.code})")
        if was != now and was != e.found and len(was) <= 200:  # the whole cell, for context
            out.append(f"  - {was}")
            out.append(f"  + {now}")
    return "\n".join(out) + "\n"
