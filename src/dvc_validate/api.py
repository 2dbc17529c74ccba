"""The library API: the same results as the CLI, without printing anything.

``lint`` reads, extracts, checks and returns a :class:`Result`. Tool failures
(unreadable file, bad config) raise :class:`~dvc_validate.errors.DvcValidateError`
subclasses; problems in the data are findings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from . import __version__
from .checks.engine import Selection, run_rules
from .config import Config
from .errors import DvcValidateError
from .extract import extract
from .model.document import Document
from .model.finding import FileError, FileResult, Finding, Result
from .model.report import Report
from .readers import ReadLimits, read_bytes, read_source
from .rulepack import RulePack, builtin_pack, load_pack, merge_packs

__all__ = ["build_pack", "check_report", "extract_report", "lint", "lint_file", "lint_paths", "validate"]

Source = str | os.PathLike[str] | bytes


def build_pack(config: Config | None = None, extra: Iterable[str] = ()) -> RulePack:
    """The built-in index pack plus the user's packs (config ``rules`` and ``--rules``)."""
    pack = builtin_pack()
    for p in [*(config.rules if config else []), *extra]:
        pack = merge_packs(pack, load_pack(p))
    return pack


def _selection(config: Config, path: str) -> Selection:
    return config.selection_for(path)


def extract_report(source: Source, *, format: str | None = None, config: Config | None = None,
                   pack: RulePack | None = None) -> tuple[Report, Document | None]:
    """Read and extract one source; return the report and the document it came from."""
    config = config or Config()
    limits = ReadLimits(max_bytes=config.max_bytes)
    if isinstance(source, bytes):
        doc = read_bytes(source, "<bytes>", format, limits)
    else:
        doc = read_source(source, format, limits)
    if isinstance(doc, Report):
        return doc, None
    return extract(doc, pack or build_pack(config)), doc


def check_report(report: Report, *, config: Config | None = None, pack: RulePack | None = None,
                 path: str = "") -> list[Finding]:
    """Run the selected rules over a report (no I/O)."""
    config = config or Config()
    return run_rules(
        report,
        pack or build_pack(config),
        selection=_selection(config, path or report.source),
        lang=config.lang,
        severities=config.severity,
        options=config.options,
    )


def lint_file(source: Source, *, format: str | None = None, config: Config | None = None,
              pack: RulePack | None = None, name: str | None = None) -> FileResult:
    """Lint one source; tool errors propagate as exceptions."""
    config = config or Config()
    pack = pack or build_pack(config)
    path = name or ("<bytes>" if isinstance(source, bytes) else str(source))
    report, doc = extract_report(source, format=format, config=config, pack=pack)
    findings = check_report(report, config=config, pack=pack, path=path)
    from .suppress import apply_suppressions

    findings = apply_suppressions(findings, config, path, doc)
    return FileResult(path=path, period=report.period.key if report.period else None,
                      findings=findings, report=report, document=doc)


def lint(source: Source, *, format: str | None = None, config: Config | None = None) -> Result:
    """Lint one report file (path) or its bytes. Raises on tool failure."""
    config = config or Config()
    fr = lint_file(source, format=format, config=config)
    return Result(files=[fr], lang=config.lang, tool_version=__version__)


def lint_paths(paths: Iterable[str | os.PathLike[str]], *, config: Config | None = None,
               format: str | None = None) -> Result:
    """Lint many files; a file that cannot be read is recorded with its error, not raised."""
    config = config or Config()
    pack = build_pack(config)
    files: list[FileResult] = []
    for p in paths:
        try:
            files.append(lint_file(p, format=format, config=config, pack=pack))
        except DvcValidateError as exc:
            files.append(FileResult(path=str(p), error=FileError(code=exc.code, message=exc.message(config.lang))))
    return Result(files=files, lang=config.lang, tool_version=__version__)


def validate(report: Report, *, config: Config | None = None) -> Result:
    """Check an already-built report (e.g. from a generator) and return the result."""
    config = config or Config()
    findings = check_report(report, config=config)
    fr = FileResult(path=report.source, period=report.period.key if report.period else None,
                    findings=findings, report=report)
    return Result(files=[fr], lang=config.lang, tool_version=__version__)
