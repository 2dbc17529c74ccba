"""Opening a Word package without python-docx (``readers/_opc.py``): the same parts.

The reader used python-docx's ``Package.open`` until its import cost became the
largest part of a cold lint (issue 12). Each package below is opened both ways and
must give the same body and styles, element for element; python-docx builds the
fixtures, as in ``test_docx.py``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import docx
import pytest
from docx.package import Package
from lxml import etree  # type: ignore[import-untyped]

from dvc_validate.errors import CorruptInputError
from dvc_validate.readers._opc import open_word
from dvc_validate.readers.docx import read_docx

_RELS = "word/_rels/document.xml.rels"
_STYLES_REL = b"relationships/styles"


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Báo cáo tháng 02 năm 2024", level=1)
    table = document.add_table(2, 2, style="Table Grid")
    table.cell(1, 1).text = "95,6%"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _repack(data: bytes, change: Callable[[str, bytes], tuple[str, bytes] | None]) -> bytes:
    """``data`` with each member passed through ``change`` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            kept = change(info.filename, src.read(info))
            if kept is not None:
                dst.writestr(*kept)
    return out.getvalue()


def _without_styles(name: str, blob: bytes) -> tuple[str, bytes] | None:
    if name == "word/styles.xml":
        return None
    if name == _RELS:
        root = etree.fromstring(blob)
        for rel in list(root):
            if rel.get("Type", "").endswith("/styles"):
                root.remove(rel)
        return name, etree.tostring(root)
    return name, blob


def _moved_main(name: str, blob: bytes) -> tuple[str, bytes]:
    """The main part at /doc/main.xml, named by an absolute target and an override
    written in other case; its relationships move with it."""
    renames = {"word/document.xml": "doc/main.xml", _RELS: "doc/_rels/main.xml.rels"}
    if name == "_rels/.rels":
        blob = blob.replace(b'Target="word/document.xml"', b'Target="/doc/main.xml"')
    elif name == "[Content_Types].xml":
        blob = blob.replace(b'PartName="/word/document.xml"', b'PartName="/DOC/Main.XML"')
    elif name == _RELS:
        blob = blob.replace(b'Target="', b'Target="../word/')
    return renames.get(name, name), blob


def _two_styles(name: str, blob: bytes) -> tuple[str, bytes]:
    if name != _RELS:
        return name, blob
    root = etree.fromstring(blob)
    (styles,) = [r for r in root if r.get("Type", "").endswith("/styles")]
    twin = etree.SubElement(root, styles.tag, dict(styles.attrib))
    twin.set("Id", "rIdTwin")
    return name, etree.tostring(root)


_VARIANTS = {
    "plain": lambda data: data,
    "no styles part": lambda data: _repack(data, _without_styles),
    "moved main part": lambda data: _repack(data, _moved_main),
}


@pytest.mark.parametrize("variant", list(_VARIANTS))
def test_the_same_parts_as_python_docx(variant: str) -> None:
    data = _VARIANTS[variant](_docx())
    theirs = Package.open(io.BytesIO(data)).main_document_part
    ours = open_word(data)
    assert ours.content_type == theirs.content_type
    assert etree.tostring(ours.body) == etree.tostring(theirs.document.element.body)
    assert etree.tostring(ours.styles) == etree.tostring(theirs.document.styles.element)


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("no main part", lambda n, b: None if n == "word/document.xml" else (n, b)),
        ("two styles relationships", _two_styles),
        (
            "external main part",
            lambda n, b: (n, b.replace(b'Target="word/document.xml"',
                                       b'Target="word/document.xml" TargetMode="External"'))
            if n == "_rels/.rels" else (n, b),
        ),
        ("no content type", lambda n, b: (n, b.replace(b"/word/document.xml", b"/w/x.xml"))
            if n == "[Content_Types].xml" else (n, b)),
    ],
)  # fmt: skip
def test_what_python_docx_refuses_is_refused(
    what: str, change: Callable[[str, bytes], tuple[str, bytes] | None]
) -> None:
    data = _repack(_docx(), change)
    with pytest.raises(Exception):  # noqa: B017 - python-docx raises anything
        Package.open(io.BytesIO(data)).main_document_part.document.styles  # noqa: B018
    with pytest.raises(CorruptInputError) as err:
        read_docx(data, "r.docx")
    assert "not a valid Word file" in err.value.message_en, what


def test_a_damaged_part_the_reader_never_reads_no_longer_refuses_the_file() -> None:
    """The one difference, on purpose: python-docx parses every part, the reader
    opens only the body and the styles."""
    data = _repack(
        _docx(),
        lambda n, b: (n, b"<w:settings><broken") if n == "word/settings.xml" else (n, b),
    )
    with pytest.raises(Exception):  # noqa: B017
        Package.open(io.BytesIO(data))
    assert read_docx(data, "r.docx").tables()
