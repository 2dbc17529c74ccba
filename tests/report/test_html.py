"""The clerk's page: self-contained, well formed, every finding marked in the draft
like a tracked change or listed in the panel, in the user's language."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dvc_validate.checks import REGISTRY
from dvc_validate.model.document import Cell, Document, Paragraph, Row, Table
from dvc_validate.model.finding import FileError, FileResult, Finding, Result, Severity
from dvc_validate.model.location import Location
from dvc_validate.report import render
from dvc_validate.report.html import count_line

from .fixtures import build_result

VOID = {"meta", "br", "hr", "img", "input", "link"}


class _Checker(HTMLParser):
    """Collects marks, panel items and links; checks every element is closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.panel: list[dict[str, str | None]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag == "mark":
            self.marks.append(a)
        if tag == "li" and (a.get("id") or "").startswith("u-"):
            self.panel.append(a)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1:]}>"
        self.stack.pop()


def _parse(page: str) -> _Checker:
    c = _Checker()
    c.feed(page)
    c.close()
    assert c.stack == []
    return c


def _numbers(c: _Checker) -> list[int]:
    """The finding numbers the page shows: on marks and in the panel."""
    on_marks = [int(n) for m in c.marks for n in (m["data-f"] or "").split()]
    return sorted(on_marks + [int((p["id"] or "")[2:]) for p in c.panel])


def _doc(*blocks: Paragraph | Table) -> Document:
    return Document(source="a.docx", format="docx", blocks=list(blocks))


def _finding(
    code: str, loc: Location, found: str | None, expected: str | None = None, **kw: object
) -> Finding:
    sev = kw.pop("severity", Severity.ERROR)
    return Finding(
        code=code,
        name="x",
        severity=sev,
        message=f"m {code}",
        location=loc,
        found=found,
        expected=expected,
        **kw,  # type: ignore[arg-type]
    )


def _page(doc: Document | None, findings: list[Finding], lang: str = "vi") -> str:
    fr = FileResult(path="a.docx", findings=findings, document=doc)
    return render(Result(files=[fr], lang=lang), "html", lang=lang)


def test_self_contained(result: Result) -> None:
    page = render(result, "html")
    rest = page  # the only URLs allowed are those the report itself quotes
    for fr in result.files:
        for p in fr.document.paragraphs() if fr.document else []:
            rest = rest.replace(escape(p.text, quote=True), "")
    assert "https://dichvucong.gov.vn" in page  # the fixture quotes one
    assert "http://" not in rest and "https://" not in rest
    assert "<link" not in page and " src=" not in page and "url(" not in page
    assert "@import" not in page and "monospace" not in page
    assert all(h.startswith("#") for h in _parse(page).hrefs)


def test_every_finding_is_shown_once(result: Result) -> None:
    c = _parse(render(result, "html"))
    assert _numbers(c) == list(range(1, len(result.findings) + 1))
    assert len(set(c.ids)) == len(c.ids)  # ids are unique across files
    for m in c.marks:
        assert m["class"] in {"mk sev-error", "mk sev-warning", "mk sev-info"}
        assert m["tabindex"] == "0" and f"ex-{m['id']}" in c.ids


def test_marks_strike_the_found_and_show_the_expected(result: Result) -> None:
    page = render(result, "html")
    shown = set(re.findall(r"<mark [^>]*><del>([^<]*)</del><ins>([^<]*)</ins>", page))
    want = {(f.found, f.expected) for f in result.findings if f.expected is not None}
    assert shown == want
    plain = re.findall(r"<mark [^>]*>([^<]+)</mark>", page)
    assert sorted(plain) == sorted(f.found or "" for f in result.findings if f.expected is None)


def test_list_links_resolve(result: Result) -> None:
    c = _parse(render(result, "html"))
    assert c.hrefs and {h[1:] for h in c.hrefs} <= set(c.ids)


def test_merged_cells_become_colspan(result: Result) -> None:
    assert '<td colspan="2">Điểm</td></tr>' in render(result, "html")


@pytest.mark.parametrize(
    ("counts", "lang", "line"),
    [
        ((16, 20, 6), "vi", "16 lỗi cần sửa, 20 cảnh báo, 6 thông tin"),
        ((16, 20, 6), "en", "16 errors to fix, 20 warnings, 6 infos"),
        ((1, 1, 0), "en", "1 error to fix, 1 warning, 0 infos"),
        ((0, 0, 1), "vi", "0 lỗi cần sửa, 0 cảnh báo, 1 thông tin"),
    ],
)
def test_count_line(counts: tuple[int, int, int], lang: str, line: str) -> None:
    sevs = [Severity.ERROR, Severity.WARNING, Severity.INFO]
    findings = [
        _finding("PC001", Location(line=1), None, severity=s)
        for s, n in zip(sevs, counts, strict=True)
        for _ in range(n)
    ]
    result = Result(files=[FileResult(path="a.txt", findings=findings)])
    assert count_line(result, lang) == line
    assert f'id="dvc-count">{line}</p>' in render(result, "html", lang=lang)


def test_language_and_rule_titles(result: Result) -> None:
    vi, en = render(result, "html"), render(result, "html", lang="en")
    pc001 = REGISTRY["PC001"]
    assert '<html lang="vi">' in vi and "Lỗi tiếp theo" in vi and escape(pc001.title_vi) in vi
    assert '<html lang="en">' in en and "Next error" in en and escape(pc001.title_en) in en
    assert "Lỗi tiếp theo" not in en and "Next error" not in vi


def test_text_is_escaped_and_forbidden_characters_dropped() -> None:
    evil = '<script>alert("x")</script>\x01\x0b'
    doc = _doc(Paragraph(text=f"Tỷ lệ 1000% {evil}", location=Location(paragraph=1)))
    f = _finding("PC001", Location(paragraph=1), "1000%", "100%")
    f.message = f"bad {evil}"
    page = render(
        Result(files=[FileResult(path=f"{evil}.docx", findings=[f], document=doc)]), "html"
    )
    assert "<script>alert" not in page and "\x01" not in page and "\x0b" not in page
    assert page.count("<script>") == 1  # only the page's own script
    assert "bad &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_without_a_document_everything_is_in_the_panel() -> None:
    r = build_result()
    for fr in r.files:
        fr.document = None
    page = render(r, "html")
    c = _parse(page)
    assert c.marks == [] and len(c.panel) == len(r.findings)
    n = len(r.findings)
    assert f'<a href="#panel-1" id="dvc-unplaced">{n} phát hiện ngoài văn bản</a>' in page
    assert "panel-1" in c.ids


def test_unreadable_file_gets_its_sentence() -> None:
    fr = FileResult(path="x.pdf", error=FileError(code="DV001", message="Tệp <x> hỏng."))
    page = render(Result(files=[fr]), "html")
    assert '<p class="error-box" role="alert">Tệp &lt;x&gt; hỏng.</p>' in page


def test_findings_on_one_figure_share_a_mark_and_a_figure_not_found_goes_to_the_panel() -> None:
    doc = _doc(Paragraph(text="đạt 1000% và", location=Location(paragraph=1)))
    loc = Location(paragraph=1)
    findings = [
        _finding("PC001", loc, "1000%", "100%"),
        _finding("NF001", loc, "1000", severity=Severity.INFO),
        _finding("NF005", loc, "1000% và xyz", severity=Severity.INFO),
    ]
    c = _parse(_page(doc, findings))  # numbered in document order, then by code
    assert [(m["data-f"], m["data-sev"]) for m in c.marks] == [("1 3", "error")]
    assert [p["id"] for p in c.panel] == ["u-2"]


def _cell(table: int, row: int, cell: int, text: str) -> Cell:
    return Cell(text=text, col=cell, location=Location(table=table, row=row, cell=cell))


def test_an_error_without_one_figure_marks_the_figures_involved() -> None:
    """Axis changes that do not add up: four explanations, each changing one figure."""
    paras = [
        Paragraph(text=f"Trục {k} tăng {v} điểm.", location=Location(paragraph=k))
        for k, v in enumerate(["3,8", "0,9"], start=1)
    ]
    total = Paragraph(text="Tổng tăng 4,06 điểm.", location=Location(paragraph=3))
    exps = [
        [{"location": Location(paragraph=1).model_dump(), "found": "3,8", "suggested": "3,4"}],
        [{"location": Location(paragraph=2).model_dump(), "found": "0,9", "suggested": "0,5"}],
    ]
    f = _finding("TO002", Location(paragraph=3), "4,06", data={"explanations": exps})
    page = _page(_doc(*paras, total), [f])
    c = _parse(page)
    assert [(m["class"], m["data-f"]) for m in c.marks] == [
        ("mk sev-error inv", ""),
        ("mk sev-error inv", ""),
        ("mk sev-error", "1"),
    ]
    assert '3,8<ins class="alt">(1) 3,4</ins></mark>' in page
    assert '0,9<ins class="alt">(2) 0,5</ins></mark>' in page
    assert '4,06<span class="many">2 cách giải thích</span></mark>' in page


def test_an_empty_cell_is_marked_with_its_suggestion() -> None:
    row = Row(
        index=1,
        location=Location(table=1, row=1),
        cells=[_cell(1, 1, 1, "1,2%"), _cell(1, 1, 2, "")],
    )
    t = Table(index=1, location=Location(table=1), rows=[row])
    f = _finding("DC002", Location(table=1, row=1, cell=2), "", "0", severity=Severity.WARNING)
    page = _page(_doc(t), [f])
    assert '<td><mark class="mk sev-warning"' in page and "<ins>0</ins></mark></td>" in page


def test_a_finding_about_a_row_marks_the_figure_in_that_row() -> None:
    cells = [_cell(1, 2, 1, "VI"), _cell(1, 2, 2, "ĐIỂM TỔNG HỢP VI")]
    t = Table(
        index=1,
        location=Location(table=1),
        rows=[Row(index=2, location=Location(table=1, row=2), cells=cells)],
    )
    f = _finding("DC003", Location(table=1, row=2), "VI", "VII", severity=Severity.WARNING)
    page = _page(_doc(t), [f])
    assert (
        '<td><mark class="mk sev-warning"' in page
        and "<del>VI</del><ins>VII</ins></mark></td>" in page
    )
    assert page.count("<del>") == 1


def test_english_page_has_the_same_marks(result: Result, result_en: Result) -> None:
    vi, en = _parse(render(result, "html")), _parse(render(result_en, "html", lang="en"))
    shape = [(m["id"], m["class"], m["data-f"]) for m in vi.marks]
    assert shape == [(m["id"], m["class"], m["data-f"]) for m in en.marks]


class _Text(HTMLParser):
    """The document's own text as the page shows it (inside ``<article>``): struck text
    kept, the inserted suggestions and badges left out."""

    SKIP = frozenset({"ins", "span"})

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth = 1
        elif self.depth and tag in self.SKIP:
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag == "article":
            self.depth = 0

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            self.out.append(data)


@given(
    text=st.text(alphabet="0123456789,.% <>&\"'aăđ\x01", min_size=1, max_size=40),
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 8)), max_size=6),
)
def test_marks_never_lose_or_repeat_document_text(text: str, spans: list[tuple[int, int]]) -> None:
    """Whatever findings point into a paragraph, the page shows its text exactly once
    (characters XML forbids shown as ``\\x01``, as in every XML output), and each finding
    once, on a mark or in the panel."""
    doc = _doc(Paragraph(text=text, location=Location(paragraph=1)))
    findings = [
        _finding("PC001", Location(paragraph=1), text[a : a + n] or "x", "1") for a, n in spans
    ]
    page = _page(doc, findings)
    t = _Text()
    t.feed(page)
    assert "".join(t.out) == text.replace("\x01", "\\x01")
    assert _numbers(_parse(page)) == list(range(1, len(findings) + 1))
