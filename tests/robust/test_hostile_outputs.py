"""What the tool writes is an attack surface too (issue 14, items 2-5, 7, 8).

A corpus of hostile strings (terminal escapes, workflow commands behind line
breaks, live Markdown links, rich markup, characters XML forbids, a file name
that is not UTF-8) is put where document text goes: file names, messages,
found and expected values, and the source excerpt. Every output format must
then parse with a strict parser, and the terminal formats must show no raw
control character and no line a CI runner would take as a command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from dvc_validate.model.document import Document, Paragraph
from dvc_validate.model.finding import FileError, FileResult, Finding, Result, Severity
from dvc_validate.model.location import Location
from dvc_validate.report import FORMATS, render
from dvc_validate.report._escape import LINE_BREAK, markdown, terminal, xml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "binh-thanh-2024-02.txt"
SARIF_SCHEMA = ROOT / "tests" / "data" / "schemas" / "sarif-schema-2.1.0.json"
FINDINGS_SCHEMA = ROOT / "docs" / "schema" / "findings-1.json"

HOSTILE = [
    "\x1b[8mthe rest is hidden",
    "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07",
    "bell\x07 nul\x00 del\x7f csi\x9b soh\x01",
    "label\n::error title=pwned::owned",
    "lone\r::add-mask::secret",
    "crlf\r\n::warning::x and ls\u2028::notice::y",
    "  ::error::at the start",
    "[phish](https://evil.example) ![](https://evil.example/pixel.png)",
    "[/] [link=https://evil.example]x[/link] [bold red]loud",
    "<script>alert(1)</script> & ]]> \"quoted\" 'single'",
    "\u202eevil order",
    "not utf-8 \udcff\udce1",
]

_SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours, with --color


def _hostile_result() -> Result:
    files: list[FileResult] = []
    for i, s in enumerate(HOSTILE, 1):
        loc = Location(line=1, column=1, indicator=f"1.{i}")
        finding = Finding(
            code="PC001",
            name="percent-out-of-range",
            severity=Severity.ERROR,
            message=f"{s}: tỷ lệ nằm ngoài 0–100%",
            location=loc,
            found=s,
            expected=f"→{s}",
            related=[Location(line=2, column=3)],
        )
        finding.fingerprint = f"{i:016x}"  # document text never holds a surrogate; names may
        doc = Document(
            source=s,
            format="text",
            blocks=[Paragraph(text=f"{s} 1000%", location=Location(line=1, column=1))],
        )
        files.append(FileResult(path=f"drafts/{s}.txt", findings=[finding], document=doc))
        files.append(
            FileResult(path=f"{s}.docx", error=FileError(code="DV103", message=f"damaged {s}"))
        )
    return Result(files=files, lang="vi", tool_version="0.0.0", config=f"./{HOSTILE[0]}.toml")


@pytest.fixture(scope="module")
def outputs() -> dict[tuple[str, bool], str]:
    result = _hostile_result()
    return {
        (fmt, color): render(result, fmt, lang="vi", color=color)
        for fmt in FORMATS
        for color in (False, True)
    }


def test_every_output_is_utf8(outputs: dict[tuple[str, bool], str]) -> None:
    for text in outputs.values():
        text.encode("utf-8")  # a lone surrogate would raise here


def test_json_parses_and_keeps_the_contract(outputs: dict[tuple[str, bool], str]) -> None:
    data = json.loads(outputs["json", False])
    schema = json.loads(FINDINGS_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(data)
    assert data["files"][0]["path"] == "drafts/\x1b[8mthe rest is hidden.txt"


def test_sarif_parses_and_is_valid(outputs: dict[tuple[str, bool], str]) -> None:
    log = json.loads(outputs["sarif", False])
    Draft7Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    for text in re.findall(r'"text": "((?:[^"\\]|\\.)*)"', outputs["sarif", False]):
        assert not re.search(r"\\u00(?:0[0-8bcef]|1[0-9a-f])", text), text


def test_sarif_uri_keeps_the_bytes_of_a_name_that_is_not_utf8(
    outputs: dict[tuple[str, bool], str],
) -> None:
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for run in json.loads(outputs["sarif", False])["runs"]
        for res in run["results"]
        for loc in res["locations"]
    }
    assert any(u.endswith("utf-8%20%FF%E1.txt") for u in uris)


def test_junit_is_well_formed_xml(outputs: dict[tuple[str, bool], str]) -> None:
    root = ET.fromstring(outputs["junit", False].encode("utf-8"))  # expat: strict XML 1.0
    names = [s.get("name") for s in root.iter("testsuite")]
    assert "drafts/\\x1b[8mthe rest is hidden.txt" in names


def test_html_holds_no_character_xml_forbids_and_no_live_markup(
    outputs: dict[tuple[str, bool], str],
) -> None:
    page = outputs["html", False]
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", page)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page


def test_markdown_has_no_live_link_or_image(outputs: dict[tuple[str, bool], str]) -> None:
    md = outputs["markdown", False]
    assert not re.search(r"(?<!\\)\]\((?!\s)", md), "a live [text](url)"
    assert not re.search(r"(?<!\\)!\[", md), "a live image"
    assert r"\[phish\]\(https://evil.example\)" in md
    assert "\x1b" not in md


@pytest.mark.parametrize("fmt", ["text", "concise"])
@pytest.mark.parametrize("color", [False, True])
def test_terminal_outputs_show_controls_and_start_no_command(
    outputs: dict[tuple[str, bool], str], fmt: str, color: bool
) -> None:
    text = _SGR.sub("", outputs[fmt, color])
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert "\r" not in text and "\u2028" not in text and "\u202e" not in text
    for line in text.split("\n"):
        assert not line.lstrip().startswith("::"), line
    assert "\\x1b[8mthe rest is hidden" in text
    assert f"label{LINE_BREAK}::error title=pwned" in text
    assert ":\u200b:error::at the start" in text


def test_text_report_keeps_rich_markup_as_text(outputs: dict[tuple[str, bool], str]) -> None:
    assert "[/] [link=https://evil.example]x[/link] [bold red]loud" in outputs["text", False]


def test_github_commands_are_one_line_each(outputs: dict[tuple[str, bool], str]) -> None:
    lines = outputs["github", False].splitlines()
    assert len(lines) == 2 * len(HOSTILE)
    assert all(re.match(r"::(error|warning|notice) file=", ln) for ln in lines)
    assert not any(c in outputs["github", False] for c in "\x1b\x07\x00\r")


# ------------------------------------------------------------------ the escapers


@pytest.mark.parametrize("s", HOSTILE)
def test_escapers_leave_nothing_for_their_consumer(s: str) -> None:
    shown = terminal(s)
    assert not re.search("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]", shown)
    assert not re.search(r"(?<!\S)::", shown)
    element = ET.Element("a", b=xml(s))
    element.text = xml(s)
    ET.fromstring(ET.tostring(element, encoding="utf-8"))  # a strict XML 1.0 parser
    assert not re.search(r"(?<!\\)[\[\]()!]", markdown(s))


def test_plain_vietnamese_passes_unchanged() -> None:
    s = "Tỷ lệ 95,6% (tăng 1,2 điểm) [mục 1.2] - 07/2024!"
    assert terminal(s) == xml(s) == s


# ------------------------------------------------------------------ end to end


def _draft_with(tmp_path: Path, extra: str) -> tuple[Path, int]:
    """The example draft with ``extra`` appended to a line that has a finding."""
    from dvc_validate.api import lint

    first = next(f for f in lint(EXAMPLE).findings if f.location.line and f.found)
    assert first.location.line is not None
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    lines[first.location.line - 1] += extra
    path = tmp_path / "draft.txt"
    path.write_text("\n".join(lines), encoding="utf-8", newline="")
    return path, first.location.line


@pytest.mark.parametrize("fmt", ["text", "concise"])
def test_a_lone_cr_and_escapes_in_a_draft_reach_the_terminal_escaped(
    tmp_path: Path, cli: Any, fmt: str
) -> None:
    path, _line = _draft_with(tmp_path, " \r::add-mask::secret \x1b]8;;https://evil.example\x07")
    run = cli("lint", path, "--no-color", "-f", fmt)
    assert run.code == 1
    for out in (run.out, run.err):
        assert "\x1b" not in out and "\r" not in out
        assert not any(ln.lstrip().startswith("::") for ln in out.split("\n"))


def test_extract_shows_markup_in_a_draft_as_text(tmp_path: Path, cli: Any) -> None:
    """``[/]`` crashed ``extract`` with a MarkupError; ``[link=…]`` became a live link."""
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.split("\t")[1:2] == ["Còn lại"])
    cells = lines[k].split("\t")
    cells[1] += " [/] [link=https://evil.example]x[/link]"
    lines[k] = "\t".join(cells)
    path = tmp_path / "draft.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    run = cli("extract", path, "--no-color")
    assert run.code == 0, run.err
    assert "Còn lại [/] [link=https://evil.example]x[/link]" in run.out
    assert "\x1b]8" not in run.out


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_a_name_that_is_not_utf8_breaks_no_report(tmp_path: Path, cli: Any) -> None:
    """Every -o/--report format is written, for the good file and the badly named one."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "good.txt")
    bad = os.path.join(os.fsencode(folder), b"b\xe1o c\xe1o \x1b[8m.txt")
    shutil.copy(EXAMPLE, os.fsdecode(bad))
    out = tmp_path / "out"
    reports = [f"--report={fmt}={out / ('r.' + fmt)}" for fmt in FORMATS if fmt != "json"]
    run = cli("lint", folder, "-f", "json", "-o", out / "r.json", *reports)
    assert run.code == 1, run.err
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    paths = [f["path"] for f in data["files"]]
    assert len(paths) == 2 and any("\ufffd" in p for p in paths)
    assert all(not f["error"] and f["findings"] for f in data["files"])
    for fmt in FORMATS:
        written = (out / f"r.{fmt}").read_bytes().decode("utf-8")  # strict UTF-8
        assert "\x1b" not in written or fmt == "json"
    ET.fromstring((out / "r.junit").read_bytes())
    json.loads((out / "r.sarif").read_text(encoding="utf-8"))


def test_text_report_names_the_config_in_effect(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A config found beside a draft can change what is checked: the header says so."""
    shutil.copy(EXAMPLE, tmp_path / "draft.txt")
    (tmp_path / "dvc-validate.toml").write_text('ignore = ["PC"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("lint", "draft.txt", "--no-color")
    assert run.out.splitlines()[0] == "cấu hình: ./dvc-validate.toml"
    run = cli("lint", "draft.txt", "-f", "json")
    schema = json.loads(FINDINGS_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator(schema).validate(run.json())
    (tmp_path / "dvc-validate.toml").unlink()
    run = cli("lint", "draft.txt", "--no-color")
    assert not run.out.startswith("cấu hình")


def test_a_line_break_in_a_word_cell_starts_no_command(tmp_path: Path, cli: Any) -> None:
    """``<w:br/>`` in a cell is a line break in the cell's text; the excerpt of a
    finding in that cell must not put ``::error`` at the start of a line."""
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "data" / "bad"))
    from make_bad import document_xml, rezip

    seed = (ROOT / "examples" / "binh-thanh-2024-02.docx").read_bytes()
    xml = document_xml(seed)
    figure = ">-0,13%</w:t>"  # DL001's figure, once in the document
    assert xml.count(figure) == 1
    xml = xml.replace(figure, figure + "<w:br/><w:t>::error title=x::pwned</w:t>")
    path = tmp_path / "draft.docx"
    path.write_bytes(rezip(seed, {"word/document.xml": xml.encode("utf-8")}))
    for fmt in ("text", "concise"):
        run = cli("lint", path, "--no-color", "-f", fmt)
        assert run.code == 1, run.err
        assert not any(ln.lstrip().startswith("::") for ln in run.out.split("\n"))
    assert f"{LINE_BREAK}::error title=x::pwned" in cli("lint", path, "--no-color").out


def test_the_xml_escaper_refuses_exactly_what_xml_forbids() -> None:
    """The forbidden class is spelled as its ranges (fast to compile); it must be the
    complement of XML 1.0's ``Char`` production over every code point."""
    from dvc_validate.report import _escape

    allowed = re.compile("[\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    every = "".join(map(chr, range(0x110000)))
    assert _escape._NOT_XML.findall(every) == [c for c in every if not allowed.fullmatch(c)]
