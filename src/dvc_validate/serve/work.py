"""What the app does with an upload: lint it, or fix it, without keeping it.

Pure of the web stack, so the tests can call it directly. Linting reads the bytes
in memory. Fixing needs a path (the fixer re-reads its file), so it writes the
draft into a fresh private folder under ``workdir`` and removes the folder before
returning, whether the fix worked or not.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..api import extract_report, lint_file, relinter
from ..config import Config
from ..errors import DvcValidateError
from ..fix import apply_fixes
from ..fix.edits import Edit
from ..fix.write import fixed_path
from ..model.finding import FileError, FileResult, Finding, Result
from ..model.report import Report
from ..readers import detect_format

__all__ = ["Fixed", "fix_upload", "lint_upload", "safe_name"]

#: What the page accepts (the readers read more; these are what a clerk has).
ACCEPTED = (".docx", ".txt", ".md", ".xlsx", ".pdf")
_UNSAFE_CHARS = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def safe_name(name: str) -> str:
    """The client's file name reduced to a harmless base name (for display and suffix)."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = _UNSAFE_CHARS.sub("_", base).strip(" .") or "draft"
    stem, dot, ext = base.rpartition(".")
    return (stem[:80] + dot + ext[:8]) if dot else base[:80]


def lint_upload(
    data: bytes, name: str, config: Config, previous: tuple[bytes, str] | None = None
) -> Result:
    """Lint an uploaded draft; a tool failure becomes the file's error sentence."""
    name = safe_name(name)
    try:
        last: Report | None = None
        if previous is not None:
            prev_data, prev_name = previous
            prev_name = safe_name(prev_name)
            prev_fmt = detect_format(prev_name, prev_data[:8])
            last = extract_report(prev_data, format=prev_fmt, config=config, name=prev_name)[0]
        fmt = detect_format(name, data[:8])
        fr = lint_file(data, format=fmt, config=config, name=name, previous=last)
    except DvcValidateError as exc:
        fr = FileResult(path=name, error=FileError(code=exc.code, message=exc.message(config.lang)))
    return Result(files=[fr], lang=config.lang)


@dataclass
class Fixed:
    """The corrected copy and what was done to make it."""

    name: str
    data: bytes | None
    applied: list[Edit] = field(default_factory=list)
    skipped: list[tuple[Edit, str]] = field(default_factory=list)  # could not be applied
    rolled_back: list[Edit] = field(default_factory=list)  # would have brought a new finding
    left: list[Finding] = field(default_factory=list)  # findings in the corrected copy


def fixed_name(name: str) -> str:
    """The download's name: the CLI's ``NAME.fixed.EXT`` for the uploaded name."""
    return fixed_path(PurePosixPath(name)).name


def fix_upload(data: bytes, name: str, config: Config, *, unsafe: bool, workdir: Path) -> Fixed:
    """Fix an uploaded draft in a private folder that is gone when this returns.

    Raises :class:`DvcValidateError` when the draft cannot be read (the page shows
    its sentence)."""
    name = safe_name(name)
    folder = Path(tempfile.mkdtemp(dir=workdir))
    try:
        path = folder / ("draft" + Path(name).suffix.lower())
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600
        )
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        fmt = detect_format(name, data[:8])
        fr = lint_file(path, format=fmt, config=config)
        single = Result(files=[fr], lang=config.lang)
        rep = apply_fixes(
            path, single, relinter=relinter, unsafe=unsafe, write=False, config=config
        )
        left = rep.result.findings if rep.result is not None else fr.findings
        rolled = [e for e, _ in rep.rolled_back]
        return Fixed(fixed_name(name), rep.fixed_bytes, rep.applied, rep.skipped, rolled, left)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
