"""The app's own pages, without a server: escaping, names, and what is offered."""

from __future__ import annotations

import base64

from dvc_validate.fix.edits import Edit
from dvc_validate.model.finding import Applicability, FileError, FileResult, Result
from dvc_validate.model.location import Location
from dvc_validate.serve.pages import fixed_page, result_page
from dvc_validate.serve.work import Fixed, fixed_name, safe_name


def test_change_list_escapes_document_text() -> None:
    edit = Edit(
        "PC001", Location(table=1, row=2, cell=3), "<b>1000%\x01", "100%", Applicability.UNSAFE
    )
    page = fixed_page(Fixed("a.fixed.docx", b"PK", [edit]), "vi")
    assert "<b>1000%" not in page and "\x01" not in page
    assert "<td><del>&lt;b&gt;1000%\\x01</del></td><td><ins>100%</ins></td>" in page
    assert (
        f'href="data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,{base64.b64encode(b"PK").decode()}"'
        in page
    )


def test_nothing_to_fix_offers_no_download() -> None:
    page = fixed_page(Fixed("a.fixed.txt", None), "en")
    assert 'id="download"' not in page and "Nothing could be fixed automatically." in page


def test_only_fixable_formats_are_offered_a_corrected_copy() -> None:
    for name, offered in (("a.docx", True), ("a.txt", True), ("a.xlsx", False), ("a.pdf", False)):
        page = result_page(Result(files=[FileResult(path=name)]), b"x", "vi")
        assert ('id="make-fixed"' in page) is offered, name
    bad = Result(files=[FileResult(path="a.docx", error=FileError(code="DV102", message="hỏng"))])
    assert 'id="make-fixed"' not in result_page(bad, b"x", "vi")


def test_client_file_names_are_reduced_to_a_harmless_base_name() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\x\\Báo cáo <3>.docx") == "Báo cáo _3_.docx"
    assert safe_name("\x00\x01.docx") == "__.docx"
    assert safe_name("") == "draft"
    assert fixed_name("bc.tháng 2.docx") == "bc.tháng 2.fixed.docx"
