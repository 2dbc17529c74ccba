"""Extraction: find the parts of a report in the neutral document.

``extract(document, pack) -> Report``. Knows reports, not formats: the same code
reads the text export and the Word file of a draft into the same model.
A document with no scores and no indicator table is not a report of the index,
and :class:`~dvc_validate.errors.NotAReportError` says so plainly rather than
producing nonsense findings.
"""

from __future__ import annotations

import re

from ..errors import NotAReportError
from ..model.document import Document, Paragraph, Table, TextBlock
from ..model.report import AppendixRef, DateRef, Period, Placeholder, Report, TextRef
from ..pack import RulePack, builtin_pack
from ..pack.prose import builtin_vocabulary
from ..vn import find_dates
from .axis_table import is_axis_table, read_axis_table
from .common import to_ref
from .header import extract_header
from .prose import extract_prose
from .statements import extract_statements
from .tables import continues, extract_appendix, extract_details, looks_like_indicator_table

__all__ = ["extract"]

_APPENDIX_TITLE_RE = re.compile(r"^PH[ỤU]\s*L[ỤU]C\s+(?:SỐ\s+)?(?P<num>[IVX]+|\d+)\b", re.I)
_APPENDIX_REF_RE = re.compile(
    r"ph[ụu]\s*l[ụu]c\s*(?:số\s*)?(?P<list>[IVX]+(?:\s*(?:,|và)\s*[IVX]+)*)\b", re.I
)
_MIN_SCORES = 2  # score sentences (axes and total) that make a document a report
_BLANK_NUMBER_RE = re.compile(r"(?:Công văn|văn bản|Báo cáo)\s+số\s*/", re.I)


def _stream(doc: Document) -> list[TextBlock]:
    """Paragraphs and table cells in reading order, for sentence-level extraction."""
    out: list[TextBlock] = []
    for b in doc.blocks:
        if isinstance(b, Paragraph):
            out.append(b)
        else:
            out.extend(c for r in b.rows for c in r.cells if c.text.strip())
    return out


def _appendix_title(p: Paragraph, nxt: Paragraph | None) -> AppendixRef | None:
    m = _APPENDIX_TITLE_RE.match(p.text.strip())
    if m is None:
        return None
    ref = AppendixRef(number=m.group("num").upper(), title=p.text.strip(), location=p.location)
    for b in (p, nxt):
        if b is None:
            continue
        for d in find_dates(b.text):
            if d.style == "month" and d.period:
                ref.period = Period(
                    year=d.period[0], month=d.period[1], raw=d.raw, location=b.locate(d.start)
                )
                return ref
    return ref


def extract(doc: Document, pack: RulePack | None = None) -> Report:
    """Understand ``doc`` as a report of the index; raise NotAReportError if it is not one."""
    pack = pack or builtin_pack()
    stream = _stream(doc)
    header, dates, holes = extract_header(stream)
    axes, total, rank, st_dates = extract_statements(
        [b for b in stream if isinstance(b, Paragraph)], pack
    )
    report = Report(
        source=doc.source, format=doc.format, header=header, axes=axes, total=total, rank=rank
    )
    report.unit_group = rank.group if rank else None
    report.notes = list(doc.notes)
    dates += st_dates

    current: AppendixRef | None = None
    paragraphs = [b for b in doc.blocks]
    for i, b in enumerate(paragraphs):
        if isinstance(b, Paragraph):
            nxt = (
                paragraphs[i + 1]
                if i + 1 < len(paragraphs) and isinstance(paragraphs[i + 1], Paragraph)
                else None
            )
            ref = _appendix_title(b, nxt if isinstance(nxt, Paragraph) else None)
            if ref is not None:
                current = ref
                report.appendices.append(ref)
                if ref.period is not None:
                    dates.append(
                        DateRef(
                            raw=ref.period.raw,
                            month=ref.period.month,
                            year=ref.period.year,
                            style="month",
                            role="period",
                            context=f"appendix-{ref.number}-title",
                            location=ref.period.location,
                        )
                    )
            continue
        assert isinstance(b, Table)
        number = current.number if current else None
        if number in (None, "I", "1") and is_axis_table(b, pack):
            # its scores are not counts: read as axes, or (columns unclear) not at all
            reading = read_axis_table(b, pack)
            report.unread_columns += reading.unread
            if len(reading.axes) > len(report.axes):
                report.axes = reading.axes
            continue
        if report.appendix is None and looks_like_indicator_table(b) and number in (None, "I", "1"):
            report.appendix = extract_appendix(b, number or "I", pack)
            if current is not None:
                report.appendix.title = TextRef(text=current.title, location=current.location)
        elif (
            report.appendix is not None
            and number in (None, "I", "1")
            and continues(b, report.appendix)
        ):
            extract_appendix(b, number or "I", pack, into=report.appendix)
        elif number is not None and number not in ("I", "1"):
            items, d2 = extract_details(b, number)
            report.details.extend(items)
            dates += d2

    if report.appendix is not None:
        dates += report.appendix.dates
    _collect_mentions(doc, stream, report, dates, holes)
    report.dates = _dedupe(dates)
    report.placeholders = holes
    # One score sentence is not a report: a directive or a letter may cite last year's
    # total ("đạt 85,5/100 điểm") or a target. A report states several scores, or has
    # the indicator table; a half-written one is then checked for what it has (DC005).
    scores = len(report.axes) + (report.total is not None)
    # Without the template's table, the statements of the sentences are what is checked
    # (news pages, provincial reports); a text stating none of them is still refused.
    if report.appendix is None:
        running = [b for b in stream if isinstance(b, Paragraph)]
        report.prose = extract_prose(running, builtin_vocabulary(), pack)
    stated = report.prose.statements if report.prose is not None else 0
    if scores < _MIN_SCORES and report.appendix is None and not stated:
        raise NotAReportError(
            f"{doc.source} không phải là báo cáo kết quả Bộ chỉ số theo QĐ 766: không thấy điểm các trục, "
            "điểm tổng hợp hay bảng phụ lục số liệu.",
            f"{doc.source} is not a report of the QĐ 766 index: it has no axis scores, no total score "
            "and no appendix table of figures.",
            scores=scores,
        )
    if scores >= _MIN_SCORES or report.appendix is not None:  # a text of statements lacks none
        _note_missing(report, pack)
    if report.header.period is None:
        report.header.period = _fallback_period(report)
    return report


def _note_missing(report: Report, pack: RulePack) -> None:
    if len(report.axes) < len(pack.axes):
        report.missing.append("axes")
    if report.total is None:
        report.missing.append("total")
    if report.appendix is None:
        report.missing.append("appendix")


def _collect_mentions(
    doc: Document,
    stream: list[TextBlock],
    report: Report,
    dates: list[DateRef],
    holes: list[Placeholder],
) -> None:
    known = {(d.location, d.raw) for d in dates}  # a Word paragraph has no columns
    for b in stream:
        is_title = isinstance(b, Paragraph) and _APPENDIX_TITLE_RE.match(b.text.strip()) is not None
        for m in _APPENDIX_REF_RE.finditer(b.text):
            if is_title:
                break
            for nm in re.finditer(r"[IVX]+", m.group("list")):
                at = b.locate(m.start("list") + nm.start())
                report.referenced_appendices.append(TextRef(text=nm.group(0).upper(), location=at))
        if isinstance(b, Paragraph):
            for d in find_dates(b.text):
                ref = to_ref(d, b, "mention", "text")
                if (ref.location, ref.raw) in known:
                    continue
                if ref.placeholder:
                    ref.role = "issue"
                    holes.append(Placeholder(what="day", raw=d.raw, location=ref.location))
                elif d.style == "month":
                    before = b.text[max(0, d.start - 12) : d.start].lower()
                    ref.role = "compared" if "so với" in before else "period"
                dates.append(ref)
            for m in _BLANK_NUMBER_RE.finditer(b.text):
                holes.append(
                    Placeholder(what="number", raw=m.group(0), location=b.locate(m.start()))
                )


def _dedupe(dates: list[DateRef]) -> list[DateRef]:
    seen: set[tuple[object, str]] = set()
    out: list[DateRef] = []
    for d in dates:
        key = (d.location, d.raw)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _fallback_period(report: Report) -> Period | None:
    for a in report.appendices:
        if a.period is not None:
            return a.period
    return None
