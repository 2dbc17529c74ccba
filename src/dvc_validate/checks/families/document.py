"""Document structure: blanks left to fill, missing figures, numbering, appendices, parts."""

from __future__ import annotations

from collections.abc import Iterator

from ...engine import rule
from ...model.document import UNREAD_CONTENT
from ...model.figure import FigureKind
from ...model.finding import Applicability, Finding, Severity
from ...model.location import Location
from ...model.report import Report
from ...vn import format_number, roman_value
from ..runner import RuleContext

_ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@rule(
    code="DC001",
    name="placeholder-left-blank",
    title_vi="Còn chỗ trống chưa điền",
    title_en="Blank left to fill in",
    severity=Severity.INFO,
    message_vi='Còn để trống {what}: "{found}"',
    message_en='The {what} is still blank: "{found}"',
)
def placeholder_left_blank(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A draft leaves the number and the day blank until signing ("Số: /UBND-VP",
    "ngày tháng 3 năm 2024", "ngày/03/2024"): fine in a draft, not in a published report."""
    names = {"number": ("số văn bản", "document number"), "day": ("ngày", "day")}
    for p in report.placeholders:
        vi, en = names.get(p.what, (p.what, p.what))
        yield ctx.finding(p.location, found=p.raw, what=en if ctx.lang == "en" else vi)


@rule(
    code="DC002",
    name="missing-figure",
    title_vi="Thiếu số liệu",
    title_en="Figure left empty",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    message_vi="{subject}: ô để trống dù có số cũ và số mới",
    message_en="{subject}: the cell is empty although the old and new figures are given",
)
def missing_figure(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Where a row states the old and the new figure, its change is stated too."""
    rows = [
        (r.code or "", r.figures, r.fig("old"), r.fig("new"))
        for r in (report.appendix.rows if report.appendix else [])
    ]
    for code, figs, old, new in rows:
        change = figs.get("change")
        if (
            change is None
            or change.value is not None
            or change.raw.strip()
            or old is None
            or new is None
        ):
            continue
        expected = None
        if (
            old.kind == new.kind == FigureKind.COUNT
            and not old.flags
            and not new.flags
            and old.value is not None
            and new.value is not None
        ):
            diff = new.value - old.value
            expected = ("+" if diff > 0 else "") + format_number(diff, 0)
        yield ctx.finding(change.location, found="", expected=expected, subject=code, role="change")
    for item in report.details:
        old, new = item.fig("old"), item.fig("new")
        blank = [
            f for f in item.figures if f.role == "change" and f.value is None and not f.raw.strip()
        ]
        if old is not None and new is not None and blank:
            yield ctx.finding(
                blank[0].location, found="", subject=f"appendix2.{item.number}", role="change"
            )


@rule(
    code="DC003",
    name="section-numbering",
    title_vi="Đánh số mục không liên tục hoặc trùng",
    title_en="Section numbering out of sequence",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    message_vi="Mục {found} trùng hoặc sai thứ tự; nên là {expected} ({reason})",
    message_en="Section {found} is repeated or out of order; it should be {expected} ({reason})",
)
def section_numbering(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Sections run I, II, III… with no duplicate; the closing total row continues the
    sequence ("VI" twice → the second is "VII")."""
    if report.appendix is None:
        return
    seq = [(r.number_raw, r.location) for r in report.appendix.rows if r.level == "section"]
    s = report.appendix.summary
    if s is not None and roman_value(s.number_raw):
        seq.append((s.number_raw, s.location))
    expected = 1
    for raw, loc in seq:
        v = roman_value(raw)
        if v is None:
            continue
        if v != expected and expected < len(_ROMAN):
            repeated = v == expected - 1
            yield ctx.finding(
                loc,
                found=raw,
                expected=_ROMAN[expected],
                reason=_section_reason(raw, _ROMAN[expected], repeated, ctx.lang),
                model="section-repeat" if repeated else "computed",
            )
        expected = expected + 1 if v != expected else v + 1


def _section_reason(raw: str, want: str, repeated: bool, lang: str) -> str:
    """Why the numeral should change: the commonest case is the closing total row
    copying the numeral of the section above it ("VI" twice, the second is "VII")."""
    if repeated:
        if lang == "en":
            return f"{raw} is already the section above; the next one is {want}"
        return f"số {raw} đã dùng cho mục ngay trên; mục tiếp theo là {want}"
    if lang == "en":
        return "sections are numbered I, II, III… in order"
    return "các mục được đánh số I, II, III… theo thứ tự"


@rule(
    code="DC004",
    name="missing-appendix",
    title_vi="Phụ lục được nhắc đến nhưng không có",
    title_en="Referenced appendix is missing",
    severity=Severity.WARNING,
    message_vi="Văn bản nhắc đến Phụ lục {found} nhưng không kèm phụ lục này",
    message_en="The text refers to Appendix {found}, which is not attached",
)
def missing_appendix(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Every appendix the text refers to ("chi tiết tại Phụ lục số III") is attached."""
    present = {a.number for a in report.appendices}
    seen: set[str] = set()
    for ref in report.referenced_appendices:
        if ref.text not in present and ref.text not in seen:
            seen.add(ref.text)
            yield ctx.finding(ref.location, found=ref.text)


@rule(
    code="DC005",
    name="missing-part",
    title_vi="Báo cáo thiếu phần",
    title_en="Part of the report missing",
    severity=Severity.WARNING,
    message_vi="Báo cáo thiếu: {what}",
    message_en="The report lacks: {what}",
)
def missing_part(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A half-written report is checked for what it has; what it lacks is said plainly."""
    names = {
        "axes": ("điểm một số trục nội dung", "some axis scores"),
        "total": ("điểm tổng hợp", "the total score"),
        "appendix": ("bảng Phụ lục I", "the Appendix I table"),
    }
    for part in report.missing:
        vi, en = names.get(part, (part, part))
        if part == "axes":
            have = {a.key for a in report.axes}
            missing = [
                a.name_en if ctx.lang == "en" else a.name_vi
                for a in ctx.pack.axes
                if a.key not in have
            ]
            vi, en = vi + ": " + ", ".join(missing), en + ": " + ", ".join(missing)
        yield ctx.finding(
            report.header.issuer.location if report.header.issuer else _first(report),
            found="",
            what=en if ctx.lang == "en" else vi,
            part=part,
        )


def _first(report: Report) -> Location:
    return Location(line=1) if report.format in ("text", "markdown") else Location(paragraph=1)


@rule(
    code="DC006",
    name="source-note",
    title_vi="Lưu ý về tệp nguồn",
    title_en="Note about the source file",
    severity=Severity.WARNING,
    message_vi="{note}",
    message_en="{note}",
)
def source_note(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """What a reader noticed about the file itself, e.g. a legacy Vietnamese encoding
    converted to Unicode: the figures were read, but the file should be re-saved."""
    for n in report.notes:
        if n.code == UNREAD_CONTENT:
            continue  # DC017 says it
        at = n.location if n.location != Location() else _first(report)
        yield ctx.finding(
            at, found="", note=n.message_en if ctx.lang == "en" else n.message_vi, kind=n.code
        )


@rule(
    code="DC017",
    name="unread-content",
    title_vi="Có phần tài liệu không kiểm tra được",
    title_en="Part of the document not checked",
    severity=Severity.INFO,
    message_vi="{note}",
    message_en="{note}",
)
def unread_content(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A part the reader does not read (a Word ``altChunk`` of pasted HTML or RTF, an
    HTML table in a text file) may hold figures. They are not checked, and silence
    would read as "no problems": so it is said once, as information.

    ## Why
    A clean result must mean the figures were checked, not that they were skipped.
    """
    for n in report.notes:
        if n.code != UNREAD_CONTENT:
            continue
        at = n.location if n.location != Location() else _first(report)
        note = n.message_en if ctx.lang == "en" else n.message_vi
        yield ctx.finding(at, found="", note=note, part=n.data.get("what", ""))


@rule(
    code="DC007",
    name="issuer-mismatch",
    title_vi="Cơ quan báo cáo không khớp cơ quan ban hành",
    title_en="Reporting body differs from the issuer",
    severity=Severity.WARNING,
    fix=Applicability.UNSAFE,
    message_vi='Văn bản của {issuer} nhưng ghi "{found}"',
    message_en='The document is issued by "{issuer}" but says "{found}"',
)
def issuer_mismatch(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A commune's report says "UBND xã … báo cáo", not "UBND huyện báo cáo": a
    sentence copied from another unit's template."""
    h = report.header
    if h.issuer is None or h.unit_level is None:
        return
    for m in h.reporter_mentions:
        if h.unit_level not in m.text.lower():
            yield ctx.finding(
                m.location,
                found=m.text,
                expected=f"UBND {h.unit_level} báo cáo",
                issuer=h.issuer.text,
            )


_FIGURE_ROLES = ("old.count", "old.rate", "new.count", "new.rate", "old", "new", "change")


@rule(
    code="DC008",
    name="row-missing-cells",
    title_vi="Hàng thiếu ô",
    title_en="Row with missing cells",
    severity=Severity.WARNING,
    message_vi="{subject}: hàng thiếu ô cho cột {missing}; các số liệu đó không kiểm tra được",
    message_en="{subject}: the row has no cell for {missing}; those figures cannot be checked",
)
def row_missing_cells(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """A row typed with fewer cells than its table (a tab or a cell deleted) leaves
    figures out: the row is checked for what it has, and what it lacks is said."""
    app = report.appendix
    if app is None:
        return
    roles = [c.role for c in app.columns if c.role in _FIGURE_ROLES]
    for r in app.rows:
        if r.level == "section" or not r.figures:
            continue
        missing = [role for role in roles if role not in r.figures]
        if missing:
            yield ctx.finding(
                r.location,
                found=r.number_raw,
                subject=r.code or r.label,
                missing=", ".join(missing),
            )


@rule(
    code="DC009",
    name="table-missing-column",
    title_vi="Bảng phụ lục thiếu cột",
    title_en="Appendix table lacks a column",
    severity=Severity.WARNING,
    message_vi="Bảng Phụ lục {number} không có cột {missing}; các quan hệ cần cột đó không kiểm tra được",
    message_en="The Appendix {number} table has no {missing} column; relations that need it are not checked",
)
def table_missing_column(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    """Appendix I compares an old and a new figure and states the change: a table
    without one of these columns is half-written, and checks that need it are skipped."""
    app = report.appendix
    if app is None:
        return
    sides = {c.role.split(".")[0] for c in app.columns}
    missing = [name for name in ("old", "new", "change") if name not in sides]
    if missing:
        yield ctx.finding(app.location, found="", number=app.number, missing=", ".join(missing))
