"""Which files a command reads: folders walked, globs expanded, non-reports skipped."""

from __future__ import annotations

import fnmatch
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ._main import _usage

if TYPE_CHECKING:
    from ..errors import FileMissingError
    from ..model.finding import FileResult, Result


#: What a folder walk picks up. Files given by name or glob are always read.
REPORT_SUFFIXES = (".txt", ".md", ".docx", ".xlsx", ".csv", ".pdf", ".json", ".yaml")


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

    from ..errors import FileMissingError

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
    from ..errors import NotAReportError

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
    from ..errors import FileMissingError
    from ..model.finding import FileError, FileResult

    where = ", ".join(args)
    exc = FileMissingError(
        f"Không có báo cáo nào trong {where}: mọi tệp tìm thấy đều không phải báo cáo.",
        f"No report in {where}: none of the files found is a report.",
    )
    return FileResult(path=where, error=FileError(code=exc.code, message=exc.message(lang)))


def _refuse_overwrite(inputs: list[str], outputs: list[Path]) -> None:
    """An output path that is one of the inputs would destroy the report being checked."""
    targets = {os.path.realpath(f) for f in inputs}
    for out in outputs:
        if os.path.realpath(out) in targets:
            _usage(
                f"tệp đầu ra {out} là một trong các tệp đầu vào; không ghi đè lên nó",
                f"the output {out} is one of the inputs; refusing to overwrite it",
            )
