"""The two parts of a Word package the reader needs, found as python-docx finds them.

Why not python-docx itself: importing it (its element classes, part classes and
constants) took 60-70 ms of every cold ``lint`` of a ``.docx``, more than reading
the document, and ``Package.open`` loads and parses every part of the package
(headers, footers, numbering, settings) where the reader walks only the main
document and its styles (issue 12). The reader never used python-docx's element
API either: it walks the XML itself (see :mod:`.docx`).

What is kept from python-docx, so that every file reads to the same elements:

* the main part is the package relationship of type ``officeDocument`` (exactly
  one), its content type from ``[Content_Types].xml`` (override by part name
  without case, else default by extension), its root ``w:document``;
* the styles are the main part's one ``styles`` relationship, or python-docx's
  default styles when there is none (Word files always have one);
* relationship targets resolve against the source part's folder, as ``PackURI``
  does; zip member names are matched exactly;
* the XML parser's settings (``remove_blank_text``, no entity resolution).

What differs: a damaged part the reader never reads (a header, an image a
relationship names but the zip lacks) no longer makes the whole file unreadable.
"""

from __future__ import annotations

import importlib.util
import io
import posixpath
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]  # python-docx depends on lxml; no stubs

__all__ = ["WordParts", "open_word"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_OFFICE_DOCUMENT, _STYLES = f"{_RT}officeDocument", f"{_RT}styles"
_STYLES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"

#: python-docx's own parser settings (docx/oxml/parser.py)
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class WordParts:
    """The main part's content type, its ``w:body`` and the styles root."""

    def __init__(self, content_type: str, body: Any, styles: Any) -> None:
        self.content_type = content_type
        self.body = body
        self.styles = styles


def open_word(data: bytes) -> WordParts:
    """The parts of the Word package ``data`` the reader walks. Any damage raises
    (``KeyError``, ``ValueError``, lxml's and zipfile's errors): the caller says
    the file is damaged."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = _content_types(zf)
        main = _related(zf, "/", _OFFICE_DOCUMENT)
        if main is None:
            raise KeyError(f"no relationship of type {_OFFICE_DOCUMENT!r}")
        content_type = _content_type(types, main)
        root = _parse(zf.read(main[1:]))
        if root.tag != f"{_W}document":
            raise ValueError(f"main part root is {root.tag!r}")
        body = root.find(f"{_W}body")
        if body is None:
            raise ValueError("the document has no body")
        styles_name = _related(zf, main, _STYLES)
        if styles_name is None:
            styles = _parse(_default_styles())
        elif _content_type(types, styles_name) != _STYLES_TYPE:
            raise ValueError(f"{styles_name} is not a styles part")
        else:
            styles = _parse(zf.read(styles_name[1:]))
    return WordParts(content_type, body, styles)


def _parse(xml: bytes) -> Any:
    return etree.fromstring(xml, _PARSER)


def _content_types(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """(overrides by lower-case part name, defaults by lower-case extension)."""
    root = _parse(zf.read("[Content_Types].xml"))
    overrides = {
        (o.get("PartName") or "").lower(): o.get("ContentType") for o in root.iter(f"{_CT}Override")
    }
    defaults = {
        (d.get("Extension") or "").lower(): d.get("ContentType") for d in root.iter(f"{_CT}Default")
    }
    return overrides, defaults


def _content_type(types: tuple[dict[str, str], dict[str, str]], partname: str) -> str:
    overrides, defaults = types
    if partname.lower() in overrides:
        return overrides[partname.lower()]
    ext = posixpath.splitext(partname)[1].removeprefix(".").lower()
    if ext in defaults:
        return defaults[ext]
    raise KeyError(f"no content type for partname {partname!r} in [Content_Types].xml")


def _related(zf: zipfile.ZipFile, source: str, reltype: str) -> str | None:
    """The part name of the one relationship of ``reltype`` from ``source`` (``/`` for
    the package), None when there is none; two, or an external one, raise."""
    folder, name = posixpath.split(source)
    try:
        xml = zf.read(posixpath.join(folder, "_rels", f"{name}.rels")[1:])
    except KeyError:
        return None
    matching = [r for r in _parse(xml).iter(f"{_PR}Relationship") if r.get("Type") == reltype]
    if not matching:
        return None
    if len(matching) > 1:
        raise ValueError(f"multiple relationships of type {reltype!r}")
    rel = matching[0]
    if rel.get("TargetMode", "Internal") == "External":
        raise ValueError(f"the {reltype!r} relationship points outside the package")
    return posixpath.abspath(posixpath.join(folder, rel.get("Target")))


def _default_styles() -> bytes:
    """python-docx's default styles part, read from its package data without
    importing it (what python-docx itself gives a document without styles)."""
    spec = importlib.util.find_spec("docx")
    for location in (spec and spec.submodule_search_locations) or []:
        template = Path(location) / "templates" / "default-styles.xml"
        if template.is_file():
            return template.read_bytes()
    return f'<w:styles xmlns:w="{_W[1:-1]}"/>'.encode()
