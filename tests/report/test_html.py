"""The HTML page: self-contained, well formed, every finding marked in the source."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

from dvc_validate.model.document import Document, Paragraph
from dvc_validate.model.finding import FileResult, Finding, Result, Severity
from dvc_validate.model.location import Location
from dvc_validate.report import render

from .fixtures import build_result

VOID = {"meta", "br", "hr", "img", "input", "link"}


class _Checker(HTMLParser):
    """Collects marks and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.marks: list[dict[str, str | None]] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.attr_names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.attr_names |= set(a)
        if a.get("id"):
            self.ids.append(str(a["id"]))
        if a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag == "mark":
            self.marks.append(a)
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


def _document_texts(result: Result) -> list[str]:
    texts = []
    for fr in result.files:
        if fr.document is not None:
            texts += [p.text for p in fr.document.paragraphs()]
    return texts


def test_self_contained(result: Result) -> None:
    page = render(result, "html")
    # the only URLs allowed are those the report itself quotes
    rest = page
    for text in _document_texts(result):
        rest = rest.replace(escape(text, quote=True), "")
    assert "https://dichvucong.gov.vn" in page  # the fixture quotes one
    assert "http://" not in rest and "https://" not in rest
    assert "<link" not in page and " src=" not in page and "url(" not in page
    assert "@import" not in page
    c = _parse(page)
    assert all(h.startswith("#") for h in c.hrefs)


def test_every_finding_has_a_mark(result: Result) -> None:
    c = _parse(render(result, "html"))
    assert len(c.marks) == len(result.findings)
    assert sorted(m["data-code"] or "" for m in c.marks) == sorted(f.code for f in result.findings)
    for m in c.marks:
        assert re.fullmatch(r"f-\d+", m["id"] or "")
        assert m["class"] in {"sev-error", "sev-warning", "sev-info"}
        assert (m["title"] or "").startswith(f"{m['data-code']}: ")
    assert len(set(c.ids)) == len(c.ids)  # ids are unique across files


def test_marks_wrap_the_flagged_figures(result: Result) -> None:
    page = render(result, "html")
    figures = re.findall(r"<mark [^>]*>([^<]*)</mark>", page)
    assert sorted(figures) == sorted(f.found or "" for f in result.findings)


def test_list_links_to_each_mark(result: Result) -> None:
    c = _parse(render(result, "html"))
    mark_ids = {m["id"] for m in c.marks}
    assert {h[1:] for h in c.hrefs} == mark_ids


def test_merged_cells_become_colspan(result: Result) -> None:
    page = render(result, "html")
    assert '<td colspan="2">Điểm</td></tr>' in page


def test_labels_follow_lang(result: Result) -> None:
    vi, en = render(result, "html"), render(result, "html", lang="en")
    assert '<html lang="vi">' in vi and "Phát hiện" in vi and "Tổng hợp" in vi
    assert '<html lang="en">' in en and "Findings" in en and "Summary" in en


def test_text_is_escaped() -> None:
    evil = '<script>alert("x")</script>'
    doc = Document(
        source="a.md",
        format="text",
        blocks=[Paragraph(text=f"Tỷ lệ 1000% {evil}", location=Location(line=1, column=1))],
    )
    f = Finding(
        code="PC001",
        name="percent-out-of-range",
        severity=Severity.ERROR,
        message=f"bad {evil}",
        location=Location(line=1),
        found="1000%",
        expected="100%",
    )
    page = render(Result(files=[FileResult(path=f"{evil}.md", findings=[f], document=doc)]), "html")
    assert evil not in page
    assert page.count("<script>") == 1  # only the page's own script
    assert _parse(page).marks[0]["data-msg"] == f"bad {evil}"


def test_without_a_document_only_the_list() -> None:
    r = build_result()
    for fr in r.files:
        fr.document = None
    page = render(r, "html")
    c = _parse(page)
    assert c.marks == [] and c.hrefs == []
    assert 'class="doc"' not in page
    assert page.count("<li ") == len(r.findings)


def test_overlapping_and_empty_marks_nest() -> None:
    doc = Document(
        source="a.md",
        format="text",
        blocks=[Paragraph(text="đạt 1000% và", location=Location(line=1, column=1))],
    )
    loc = Location(line=1, column=5)
    findings = [
        Finding(
            code="PC001",
            name="a",
            severity=Severity.ERROR,
            message="m",
            location=loc,
            found="1000%",
        ),
        Finding(
            code="NF001", name="b", severity=Severity.INFO, message="m", location=loc, found="1000"
        ),
        Finding(
            code="NF005",
            name="c",
            severity=Severity.INFO,
            message="m",
            location=loc,
            found="1000% và xyz",
        ),
    ]
    page = render(Result(files=[FileResult(path="a.md", findings=findings, document=doc)]), "html")
    c = _parse(page)
    assert len(c.marks) == 3
