"""The library API: the same results as the CLI, without printing anything.

``lint`` reads, extracts, checks and returns a :class:`Result`. Tool failures
(unreadable file, bad config) raise :class:`~dvc_validate.errors.DvcValidateError`
subclasses; problems in the data are findings.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

from . import __version__
from .checks import Selection, run_rules
from .config import Config
from .errors import DvcValidateError
from .extract import extract
from .model.document import Document
from .model.finding import FileError, FileResult, Finding, Result
from .model.report import Period, Report
from .pack import RulePack, builtin_pack, load_pack, merge_packs
from .readers import ReadLimits, read_bytes, read_source

if TYPE_CHECKING:
    from .fix.apply import Relint
    from .portal.bind import PortalInput
    from .portal.read import PortalData

__all__ = [
    "build_pack",
    "check_report",
    "extract_report",
    "lint",
    "lint_file",
    "lint_paths",
    "lint_series",
    "load_previous",
    "read_portal_input",
    "relinter",
    "validate",
]

Source = str | os.PathLike[str] | bytes
#: Last month's report for the cross-period rules: already built, or a file to read.
Previous = Report | str | os.PathLike[str]


def build_pack(config: Config | None = None, extra: Iterable[str] = ()) -> RulePack:
    """The built-in index pack plus the user's packs (config ``rules`` and ``--rules``)."""
    pack = builtin_pack()
    for p in [*(config.rules if config else []), *extra]:
        user = load_pack(p)
        _check_reported(user)
        pack = merge_packs(pack, user)
    return pack


def _check_reported(pack: RulePack) -> None:
    """Each relation a user's pack adds names a rule that reports its kind: otherwise it
    would be checked and never reported. Refused with the pack's line."""
    from .checks import REGISTRY, load_rules
    from .errors import RulePackError

    load_rules()
    for rel in pack.relations:
        rule = REGISTRY.get(rel.code)
        if rule is not None and (rel.over == "refs" or rel.kind in rule.relations):
            continue
        kinds = ", ".join(rule.relations) if rule is not None and rule.relations else ""
        why_vi = (
            f"không có quy tắc {rel.code}"
            if rule is None
            else f"quy tắc {rel.code} không báo loại quan hệ '{rel.kind}'"
            + (f" (chỉ báo: {kinds})" if kinds else "")
        )
        why_en = (
            f"there is no rule {rel.code}"
            if rule is None
            else f"rule {rel.code} does not report relations of kind '{rel.kind}'"
            + (f" (it reports: {kinds})" if kinds else "")
        )
        raise RulePackError(
            f"Bộ quy tắc {pack.source}, dòng {rel.line}: {why_vi}.",
            f"Rule pack {pack.source}, line {rel.line}: {why_en}.",
            line=rel.line,
        )


def _selection(config: Config, path: str) -> Selection:
    return config.selection_for(path)


def extract_report(
    source: Source,
    *,
    format: str | None = None,
    config: Config | None = None,
    pack: RulePack | None = None,
    name: str | None = None,
) -> tuple[Report, Document | None]:
    """Read and extract one source; return the report and the document it came from.
    ``name`` is what bytes are called in messages (the CLI's ``<stdin>``)."""
    config = config or Config()
    limits = ReadLimits(max_bytes=config.max_bytes)
    if isinstance(source, bytes):
        doc = read_bytes(source, name or "<bytes>", format, limits)
    else:
        doc = read_source(source, format, limits)
    if isinstance(doc, Report):
        return doc, None
    return extract(doc, pack or build_pack(config)), doc


def load_previous(
    previous: Previous | None, *, config: Config | None = None, pack: RulePack | None = None
) -> Report | None:
    """Last month's report as a :class:`Report`: returned as given, or read from a path.

    A previous file that cannot be read is a tool failure (an exception), not a
    finding: the user asked for a comparison that cannot be made.
    """
    if previous is None or isinstance(previous, Report):
        return previous
    return extract_report(previous, config=config, pack=pack)[0]


def check_report(
    report: Report,
    *,
    config: Config | None = None,
    pack: RulePack | None = None,
    path: str = "",
    previous: Previous | None = None,
    series: bool = False,
    portal: PortalInput | None = None,
) -> list[Finding]:
    """Run the selected rules over a report (no I/O, except reading ``previous`` when
    it is a path).

    ``previous`` is last month's report of the same unit for the continuity rules
    (``docs/continuity.md``); ``series`` says it is the predecessor in a series
    (:func:`lint_series`) rather than a report the caller chose. ``portal`` is the
    portal's figures for the PT rules (``docs/portal.md``); without it they are silent.
    """
    config = config or Config()
    pack = pack or build_pack(config)
    return run_rules(
        report,
        pack,
        selection=_selection(config, path or report.source),
        lang=config.lang,
        severities=config.severity,
        options=config.options,
        previous=load_previous(previous, config=config, pack=pack),
        series=series,
        portal=portal,
    )


def lint_file(
    source: Source,
    *,
    format: str | None = None,
    config: Config | None = None,
    pack: RulePack | None = None,
    name: str | None = None,
    previous: Previous | None = None,
    series: bool = False,
    portal: PortalData | None = None,
) -> FileResult:
    """Lint one source, with last month's report as ``previous`` if given; tool errors
    (this file or ``previous`` unreadable) propagate as exceptions. ``series``: see
    :func:`check_report`; ``portal``: the portal's figures (:func:`read_portal`)."""
    config = config or Config()
    pack = pack or build_pack(config)
    path = name or ("<bytes>" if isinstance(source, bytes) else str(source))
    last = load_previous(previous, config=config, pack=pack)
    report, doc = extract_report(source, format=format, config=config, pack=pack, name=path)
    return _finish(report, doc, path, config, pack, previous=last, series=series, portal=portal)


def relinter(config: Config) -> Relint:
    """The fixer's re-lint for ``config``: :func:`lint_file` on the corrected bytes, with
    the rule pack built once for every pass.

    Handed to :func:`dvc_validate.fix.apply_fixes` (``relinter=relinter``) rather than
    imported by it: the fixer sits below the API, and ``lint`` must not load the fixer.
    """
    pack = build_pack(config)

    def relint(data: bytes, format: str, name: str) -> FileResult:
        return lint_file(data, format=format, config=config, pack=pack, name=name)

    return relint


def _finish(
    report: Report,
    doc: Document | None,
    path: str,
    config: Config,
    pack: RulePack,
    *,
    previous: Report | None,
    series: bool,
    portal: PortalData | None = None,
) -> FileResult:
    """Check an extracted report and apply the suppressions of its file."""
    bound = None
    if portal is not None:
        from .portal.bind import PortalInput, header_lines

        bound = PortalInput(portal, header_lines(doc))
    findings = check_report(
        report,
        config=config,
        pack=pack,
        path=path,
        previous=previous,
        series=series,
        portal=bound,
    )
    from .suppress import apply_suppressions

    findings = apply_suppressions(findings, config, path, doc)
    return FileResult(
        path=path,
        period=report.period.key if report.period else None,
        findings=findings,
        report=report,
        document=doc,
    )


def lint(
    source: Source,
    *,
    format: str | None = None,
    config: Config | None = None,
    previous: Previous | None = None,
    portal: PortalData | str | os.PathLike[str] | None = None,
) -> Result:
    """Lint one report file (path) or its bytes, against last month's report if
    ``previous`` is given (a path or a :class:`Report`) and against the portal's
    figures if ``portal`` is given (a folder of responses or :func:`read_portal`'s
    result). Raises on tool failure."""
    config = config or Config()
    data = read_portal_input(portal)
    fr = lint_file(source, format=format, config=config, previous=previous, portal=data)
    return Result(files=[fr], lang=config.lang, tool_version=__version__)


def lint_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    config: Config | None = None,
    format: str | None = None,
    portal: PortalData | None = None,
) -> Result:
    """Lint many files; a file that cannot be read is recorded with its error, not raised."""
    config = config or Config()
    pack = build_pack(config)
    files: list[FileResult] = []
    for p in paths:
        try:
            files.append(lint_file(p, format=format, config=config, pack=pack, portal=portal))
        except DvcValidateError as exc:
            files.append(
                FileResult(
                    path=str(p), error=FileError(code=exc.code, message=exc.message(config.lang))
                )
            )
    return Result(files=files, lang=config.lang, tool_version=__version__)


def lint_series(
    paths: Iterable[str | os.PathLike[str]],
    *,
    config: Config | None = None,
    format: str | None = None,
) -> Result:
    """Lint one unit's monthly reports as a series: in period order, each against its
    predecessor, with a gap in the months reported (DT011) on the report after it.

    The period is taken from each report, not from its file name. A file that
    cannot be read is recorded with its error (first); a report whose period is
    not found cannot be placed in the series and is linted on its own (last).
    """
    config = config or Config()
    pack = build_pack(config)
    failed: list[FileResult] = []
    dated: list[tuple[Period, str, Report, Document | None]] = []
    undated: list[tuple[str, Report, Document | None]] = []
    for p in paths:
        try:
            report, doc = extract_report(p, format=format, config=config, pack=pack)
        except DvcValidateError as exc:
            error = FileError(code=exc.code, message=exc.message(config.lang))
            failed.append(FileResult(path=str(p), error=error))
            continue
        if report.period is None:
            undated.append((str(p), report, doc))
        else:
            dated.append((report.period, str(p), report, doc))
    dated.sort(key=lambda x: (x[0].year, x[0].month, x[1]))
    files = list(failed)
    last: Report | None = None
    for _period, path, report, doc in dated:
        files.append(_finish(report, doc, path, config, pack, previous=last, series=True))
        last = report
    for path, report, doc in undated:
        files.append(_finish(report, doc, path, config, pack, previous=None, series=False))
    return Result(files=files, lang=config.lang, tool_version=__version__)


def read_portal_input(
    portal: PortalData | str | os.PathLike[str] | None,
) -> PortalData | None:
    """The portal's figures as given: already read, or a folder to read (no network)."""
    if portal is None or not isinstance(portal, (str, os.PathLike)):
        return portal
    from .portal.read import read_portal

    return read_portal(portal)


def validate(report: Report, *, config: Config | None = None) -> Result:
    """Check an already-built report (e.g. from a generator) and return the result."""
    config = config or Config()
    findings = check_report(report, config=config)
    fr = FileResult(
        path=report.source,
        period=report.period.key if report.period else None,
        findings=findings,
        report=report,
    )
    return Result(files=[fr], lang=config.lang, tool_version=__version__)
