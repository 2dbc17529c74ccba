"""Bytes to text: BOMs, UTF-16, Windows-1258 and legacy Vietnamese font encodings.

Decoding never guesses silently: whatever was not plain UTF-8 is reported as a
document note, so the user learns the file was converted.
"""

from __future__ import annotations

import contextlib
import unicodedata

from ..errors import CorruptInputError
from ..model.document import DocumentNote
from .legacy import convert_legacy, detect_legacy, legacy_note

__all__ = ["decode_text"]


# every byte but the control characters that text never holds (tab to CR are text)
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 9 or 13 < b < 32))


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    # deleting every other byte leaves the control bytes: a C loop, where a generator
    # over 4 KiB cost about as much as the rest of decoding (it runs twice per text lint)
    ctrl = len(sample.translate(None, _NOT_CONTROL))
    return ctrl / len(sample) > 0.05


def decode_text(data: bytes, source: str) -> tuple[str, list[DocumentNote]]:
    """Decode text bytes; raise :class:`CorruptInputError` for binary garbage.

    UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as such. Other
    bytes are tried as Windows-1258; when that leaves characters Vietnamese
    never uses, as TCVN3 or VNI (see :mod:`.legacy`). Lines in a legacy font
    encoding are converted even inside UTF-8 text (a template typed in
    ``.VnTime`` and saved as UTF-8 keeps its ``B¸o c¸o``). Every conversion
    leaves a note, which the DC006 rule reports.
    """
    text, notes = _decode(data, source)
    text, legacy = convert_legacy(text)
    if legacy is not None:
        notes = [n for n in notes if n.code != "encoding-cp1258"]
        notes.append(legacy_note(legacy))
    return text, notes


def _decode(data: bytes, source: str) -> tuple[str, list[DocumentNote]]:
    notes: list[DocumentNote] = []
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), notes
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), notes
        except UnicodeDecodeError as exc:
            raise CorruptInputError(
                f"Tệp {source} khai báo UTF-16 nhưng không giải mã được.",
                f"File {source} declares UTF-16 but cannot be decoded.",
            ) from exc
    if _looks_binary(data):
        raise CorruptInputError(
            f"Tệp {source} không phải văn bản (có dữ liệu nhị phân).",
            f"File {source} is not text (it contains binary data).",
        )
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError:
        pass
    # 8-bit text: Windows-1258 composes to clean Vietnamese; a legacy font's bytes
    # read as Windows-1252 give the Latin-1 characters its tables are written for
    cp1258 = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    latin = data.decode("latin-1").translate(_CP1252)
    if detect_legacy(latin) is not None and detect_legacy(cp1258) is not None:
        return latin, notes
    notes.append(
        DocumentNote(
            code="encoding-cp1258",
            message_vi="Tệp không phải UTF-8; đã đọc theo bảng mã Windows-1258.",
            message_en="The file is not UTF-8; it was read as Windows-1258.",
            data={"encoding": "cp1258"},
        )
    )
    return cp1258, notes


def _cp1252_table() -> dict[int, str]:
    """Windows-1252 for the bytes it defines, Latin-1 for the five it leaves undefined."""
    table: dict[int, str] = {}
    for b in range(0x80, 0xA0):
        with contextlib.suppress(UnicodeDecodeError):
            table[b] = bytes([b]).decode("cp1252")
    return table


_CP1252 = _cp1252_table()
