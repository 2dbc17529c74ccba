"""Build the binary and large members of the bad-input corpus at test time.

Small text cases are committed next to this script; everything binary (damaged
Word files, zip bombs, OLE2 containers, a scanned PDF) or large (a 50 MB text, a
table of 100,000 rows) is made here, so the repository holds no opaque blobs and
every case shows how it was built. ``build(folder)`` writes them all and returns
``{file name: expected error code}``; the corpus test runs the CLI over each.

Run it by hand to look at the files::

    python tests/data/bad/make_bad.py /tmp/bad
"""

from __future__ import annotations

import io
import struct
import sys
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parents[2] / "examples"

# -------------------------------------------------------------------- Word helpers


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A small valid .docx (python-docx), the seed of every damaged variant."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(len(table), len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """``data`` with members replaced or added."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", method) as dst,
    ):
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info.filename, src.read(info))
        for name, blob in replace.items():
            dst.writestr(name, blob)
    return out.getvalue()


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("word/document.xml").decode("utf-8")


def with_prologue(prologue: str, body: str) -> bytes:
    """A .docx whose document.xml has ``prologue`` after the XML declaration."""
    seed = make_docx(["PLACEHOLDER"])
    xml = document_xml(seed)
    end = xml.index("?>") + 2
    xml = xml[:end] + prologue + xml[end:].replace("PLACEHOLDER", body)
    return rezip(seed, {"word/document.xml": xml.encode("utf-8")})


def nested_tables(levels: int) -> bytes:
    """A table inside a table ... ``levels`` deep, in raw WordprocessingML."""
    seed = make_docx(["PLACEHOLDER"])
    xml = document_xml(seed)
    inner = "<w:p><w:r><w:t>lõi</w:t></w:r></w:p>"
    for _ in range(levels):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    start = xml.index("<w:p>", xml.index("<w:body>"))
    stop = xml.index("</w:p>", start) + len("</w:p>")
    return rezip(seed, {"word/document.xml": (xml[:start] + inner + xml[stop:]).encode()})


def zip_bomb(size: int = 300 * 1024 * 1024) -> bytes:
    """A .docx whose document.xml inflates to ``size`` bytes of zeros-like XML.

    Written with a streaming compressor so the test never holds ``size`` bytes."""
    seed = make_docx(["x"])
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(seed)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info.filename, src.read(info))
        with dst.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                fh.write(chunk)
    return out.getvalue()


# -------------------------------------------------------------------- OLE2 (CFB)

_FREE, _END, _FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal, structurally valid OLE2 compound file (version 3, 512-byte sectors).

    Password-protected Office 2007+ files are such containers (streams
    ``EncryptionInfo`` and ``EncryptedPackage``); Word 97-2003 files too
    (``WordDocument``). Streams are padded to 4096 bytes so that they live in
    ordinary sectors and no mini stream is needed."""
    sector = 512
    names = list(streams)
    blobs = [streams[n].ljust(4096, b"\0") for n in names]
    n_dir = (len(names) + 1 + 3) // 4  # four 128-byte entries per sector
    layout: list[tuple[int, int]] = []  # first sector, sector count of each stream
    nxt = 1 + n_dir  # sector 0 is the FAT, then the directory
    for blob in blobs:
        count = (len(blob) + sector - 1) // sector
        layout.append((nxt, count))
        nxt += count
    if nxt > sector // 4:
        raise ValueError("one FAT sector is enough for this helper only")
    fat = [_FREE] * (sector // 4)
    fat[0] = _FATSECT
    for i in range(1, 1 + n_dir):
        fat[i] = i + 1 if i < n_dir else _END
    for first, count in layout:
        for k in range(count):
            fat[first + k] = first + k + 1 if k < count - 1 else _END

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (
            raw.ljust(64, b"\0")
            + struct.pack("<HBB", len(raw), kind, 1)  # name length, type, colour black
            + struct.pack("<III", _FREE, right, child)  # left, right sibling, child
            + bytes(16 + 4 + 8 + 8)  # CLSID, state bits, creation and modified times
            + struct.pack("<IQ", start, size)
        )

    entries = [entry("Root Entry", 5, 1 if names else _FREE, _FREE, _END, 0)]
    for i, (name, (first, _count)) in enumerate(zip(names, layout, strict=True)):
        right = i + 2 if i + 1 < len(names) else _FREE
        entries.append(entry(name, 2, _FREE, right, first, len(blobs[i])))
    directory = b"".join(entries).ljust(n_dir * sector, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", _FREE) * 108
    )
    assert len(header) == sector
    body = struct.pack(f"<{len(fat)}I", *fat) + directory + b"".join(blobs)
    return header + body


def encrypted_docx() -> bytes:
    """What Word writes for a password-protected .docx: the zip, encrypted, inside OLE2."""
    info = struct.pack("<HHI", 4, 4, 0x40) + b"<?xml version='1.0'?><encryption/>"
    return cfb({"EncryptionInfo": info, "EncryptedPackage": struct.pack("<Q", 1234) + bytes(64)})


def old_doc() -> bytes:
    """A Word 97-2003 container: the ``WordDocument`` stream (FIB magic 0xA5EC)."""
    return cfb({"WordDocument": struct.pack("<H", 0xA5EC) + bytes(32), "1Table": bytes(16)})


# -------------------------------------------------------------------- other formats


def odt() -> bytes:
    """An OpenDocument text: a zip whose first member ``mimetype`` says so."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def no_document_part() -> bytes:
    """A zip, but not a Word file: its main part is missing."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("notes.txt", "không phải Word")
    return out.getvalue()


def scanned_pdf() -> bytes:
    """A PDF with only a drawing on its page: what a scanner produces (no text layer)."""
    from reportlab.pdfgen import canvas  # type: ignore[import-untyped]

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.rect(72, 72, 300, 400, fill=1)  # stands in for the scanned image
    c.showPage()
    c.save()
    return out.getvalue()


def pdf_bomb(size: int = 300 * 1024 * 1024, layers: int = 1) -> bytes:
    """A one-page PDF whose content stream inflates to ``size`` bytes of blanks.

    With ``layers=2`` the stream is compressed twice (``[/FlateDecode /FlateDecode]``),
    so the outer layer alone looks harmless."""
    packer = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    blob = b"".join([*(packer.compress(chunk) for _ in range(size >> 20)), packer.flush()])
    filters = b"/FlateDecode"
    for _ in range(layers - 1):
        blob = zlib.compress(blob, 9)
        filters += b" /FlateDecode"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter [%s] >>\nstream\n" % (len(blob), filters) + blob + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def big_text(size: int) -> bytes:
    """``size`` bytes of ordinary Vietnamese prose: not a report, only large."""
    line = "Đây là một dòng văn bản dài bình thường, không có số liệu của Bộ chỉ số.\n"
    raw = line.encode("utf-8")
    return raw * (size // len(raw) + 1)


def long_table(rows: int) -> bytes:
    """An Appendix-I-like table of ``rows`` rows: over the row limit."""
    head = [
        "PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU THÁNG 02 NĂM 2024",
        "Số TT\tNội dung\tThống kê ngày 31/01/2024\t\tThống kê ngày 29/02/2024\t\tTăng/giảm",
        "\t\tSố liệu\tTỷ lệ (%)\tSố liệu\tTỷ lệ (%)\t",
    ]
    body = (
        f"{i % 50 + 1}.{i % 7 + 1}\tChỉ tiêu {i}\t{i}\t50%\t{i + 1}\t50%\t0%" for i in range(rows)
    )
    return ("\n".join([*head, *body]) + "\n").encode("utf-8")


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters (with â ê ô ă ơ ư)
    plus a combining tone mark, since the code page has few precomposed letters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out += base.encode("cp1258") + "".join(c for c in parts if c in tones).encode("cp1258")
    return bytes(out)


# -------------------------------------------------------------------- the corpus

#: generated file name → the error code the CLI must stop with (exit 2)
Builder = Callable[[], bytes]


def cases() -> dict[str, tuple[str, Builder]]:
    seed = make_docx(["Báo cáo tháng 02 năm 2024"], [["Số TT", "Nội dung"], ["1", "Một"]])

    def garbage() -> bytes:
        return bytes((i * 7919 + 13) % 256 for i in range(4096))

    return {
        "garbage.docx": ("DV103", garbage),
        "garbage.txt": ("DV103", garbage),
        "truncated.docx": ("DV103", lambda: seed[: len(seed) // 2]),
        "corrupt-xml.docx": (
            "DV103",
            lambda: rezip(seed, {"word/document.xml": b"<w:document><w:body><w:p>"}),
        ),
        "no-document-part.docx": ("DV103", no_document_part),
        "password.docx": ("DV102", encrypted_docx),
        "old-word.doc": ("DV102", old_doc),
        "old-word-renamed.docx": ("DV102", old_doc),
        "document.odt": ("DV102", odt),
        "odt-renamed.docx": ("DV102", odt),
        "scanned.pdf": ("DV105", scanned_pdf),
        "zip-bomb.docx": ("DV104", zip_bomb),
        "pdf-bomb.pdf": ("DV104", pdf_bomb),
        "pdf-bomb-two-layers.pdf": ("DV104", lambda: pdf_bomb(layers=2)),
        "xxe.docx": (
            "DV103",
            lambda: with_prologue(
                '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>', "&xxe;"
            ),
        ),
        "billion-laughs.docx": (
            "DV103",
            lambda: with_prologue(
                '<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>',
                "&d;",
            ),
        ),
        "nested-tables.docx": ("DV103", lambda: nested_tables(40)),
        "table-100000-rows.txt": ("DV104", lambda: long_table(100_000)),
    }


def build(folder: Path, *, big: bool = True) -> dict[str, str]:
    """Write the generated cases into ``folder``; return name → expected error code.

    ``big`` adds the 50 MB text, refused by a 10 MB ``--max-bytes`` in the test."""
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for name, (code, make) in cases().items():
        (folder / name).write_bytes(make())
        expected[name] = code
    if big:
        (folder / "big-50mb.txt").write_bytes(big_text(50 * 1024 * 1024))
        expected["big-50mb.txt"] = "DV104"
    return expected


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    for name, code in build(out).items():
        print(f"{code}  {out / name}")
