"""Bytes to text: BOMs, UTF-16, Windows-1258 and legacy Vietnamese font encodings.

Decoding never guesses silently: whatever was not plain UTF-8 is reported as a
document note, so the user learns the file was converted.
"""

from __future__ import annotations

from ..errors import CorruptInputError
from ..model.document import DocumentNote

__all__ = ["decode_text"]


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return ctrl / len(sample) > 0.05


def decode_text(data: bytes, source: str) -> tuple[str, list[DocumentNote]]:
    """Decode text bytes; raise :class:`CorruptInputError` for binary garbage."""
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
    text = data.decode("cp1258", errors="replace")
    notes.append(
        DocumentNote(
            code="encoding-cp1258",
            message_vi="Tệp không phải UTF-8; đã đọc theo bảng mã Windows-1258.",
            message_en="The file is not UTF-8; it was read as Windows-1258.",
            data={"encoding": "cp1258"},
        )
    )
    return text, notes
