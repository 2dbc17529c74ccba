"""Safety checks on an Office Open XML zip (.docx, .xlsx) before a library parses it.

Reports arrive as e-mail attachments and portal uploads: untrusted bytes. The
parsing libraries (python-docx, openpyxl) trust the zip and its XML, so
:func:`check_zip` refuses, *before* they see the bytes:

* anything that is not a zip, or lacks the part the format needs;
* zip bombs: a total uncompressed size over ``max_unzipped_bytes``, a member over
  1 MiB that inflates more than ``max_zip_ratio`` times, or a central directory
  so large that merely listing it would exhaust memory. The declared sizes can be
  trusted because :mod:`zipfile` never inflates a member past its declared size
  (it stops there and then fails the CRC check);
* two members with the same name (compared without case, as Office does): one
  would be checked while Word may show the other;
* any XML part with a ``<!DOCTYPE`` or ``<!ENTITY``: Word and Excel never write
  one, and it is how external-entity (XXE) and "billion laughs" attacks start.
  Parts in an encoding other than UTF-8/UTF-16/ASCII-compatible ones are refused
  too, so a DTD cannot hide in UTF-7 or EBCDIC.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile

from ..errors import CorruptInputError, InputTooLargeError, UnsupportedFormatError
from .base import ReadLimits

__all__ = ["MAX_CENTRAL_DIRECTORY", "OLE2_MAGIC", "check_zip", "ole2_error"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
BIG_MEMBER = 1 << 20  # the ratio limit applies above this size: small parts compress well
MAX_CENTRAL_DIRECTORY = 8 << 20  # ~100,000 members; a real .docx has a few dozen

_DTD_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_DTD_TEXT_RE = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_DECL_ENCODING_RE = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)")
_SAFE_ENCODING_RE = re.compile(
    rb"utf-?8|(?:us-)?ascii|iso-?8859-\d+|latin-?1|(?:windows|cp)-?125\d", re.I
)
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


_KINDS = {"word": ("Word", ".doc", ".docx"), "xl": ("Excel", ".xls", ".xlsx")}


def _kind(required: str) -> tuple[str, str, str]:
    """(name, old binary extension, extension) of the format whose main part is ``required``."""
    return _KINDS.get(required.partition("/")[0], ("Office", ".doc/.xls", ".docx/.xlsx"))


def _damaged(source: str, why_vi: str, why_en: str, kind: str = "Office") -> CorruptInputError:
    return CorruptInputError(
        f"Tệp {source} không phải tệp {kind} hợp lệ ({why_vi}).",
        f"File {source} is not a valid {kind} file ({why_en}).",
    )


def _bomb(source: str, size: int, limit: float) -> InputTooLargeError:
    return InputTooLargeError(
        f"Tệp {source} giải nén ra quá nhiều dữ liệu ({size:,} byte): có thể là zip bomb.",
        f"File {source} unpacks to too much data ({size:,} bytes): possible zip bomb.",
        size=size,
        limit=limit,
    )


_CONVERT = 'libreoffice --headless --convert-to {ext} "{source}"'
_ODF = b"application/vnd.oasis.opendocument"


def ole2_error(data: bytes, source: str) -> UnsupportedFormatError:
    """Say what an OLE2 compound file is, from the stream names in its directory.

    A password-protected Word or Excel 2007+ file is such a container holding an
    ``EncryptedPackage`` stream (the encrypted zip); Word 97-2003 has a
    ``WordDocument`` stream and Excel 97-2003 a ``Workbook`` (or ``Book``) one.
    Directory names are UTF-16LE. Each case has its own remedy."""

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return UnsupportedFormatError(
            f"Tệp {source} được đặt mật khẩu (mã hoá) nên không đọc được. Hãy mở bằng Word "
            "hoặc Excel, bỏ mật khẩu (Tệp → Thông tin → Bảo vệ) rồi lưu lại và kiểm tra lại.",
            f"File {source} is password-protected (encrypted) and cannot be read. Open it in "
            "Word or Excel, remove the password (File → Info → Protect) and save it again.",
            kind="encrypted",
        )
    for stream, old, ext, label in (
        ("WordDocument", ".doc", "docx", "Word 97-2003"),
        ("Workbook", ".xls", "xlsx", "Excel 97-2003"),
        ("Book", ".xls", "xlsx", "Excel 95"),
    ):
        if has(stream):
            hint = _CONVERT.format(ext=ext, source=source)
            return UnsupportedFormatError(
                f"Tệp {source} là tài liệu {label} ({old}), định dạng không đọc được. "
                f"Hãy lưu lại dưới dạng .{ext}, ví dụ: {hint}",
                f"File {source} is a {label} document ({old}), which is not supported. "
                f"Save it as .{ext} first, e.g. {hint}",
                kind=old,
            )
    hint = _CONVERT.format(ext="docx", source=source)
    return UnsupportedFormatError(
        f"Tệp {source} được đặt mật khẩu hoặc là tài liệu Office cũ (.doc/.xls). "
        f"Hãy bỏ mật khẩu và lưu lại dưới dạng .docx/.xlsx, ví dụ: {hint}",
        f"File {source} is password-protected or an old Office file (.doc/.xls). "
        f"Remove the password and save it as .docx/.xlsx, e.g. {hint}",
        kind="ole2",
    )


def _central_directory_size(data: bytes) -> int:
    """Size of the zip's central directory, read from the end record (0 if not found).

    Checked before :class:`zipfile.ZipFile` builds one object per listed member."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if pos < 0 or pos + 22 > len(data):
        return 0
    size = int(struct.unpack_from("<L", data, pos + 12)[0])
    locator = pos - 20
    if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":  # zip64
        offset = int(struct.unpack_from("<Q", data, locator + 8)[0])
        if data[offset : offset + 4] == b"PK\x06\x06" and offset + 56 <= len(data):
            size = int(struct.unpack_from("<Q", data, offset + 40)[0])
    return size


def _has_dtd(raw: bytes) -> bool | None:
    """Whether an XML part declares a DTD; ``None`` if its encoding is not one we trust."""
    head = raw[:4]
    if head.startswith(
        (b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00", b"\x00\x00\x00<", b"<\x00\x00\x00")
    ):
        return None  # UTF-32: never written by Office
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        codec = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le"
        codec = "utf-16-be" if head[:2] == b"\x00<" else codec
        return bool(_DTD_TEXT_RE.search(raw.decode(codec, errors="replace")))
    start = raw[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    if start not in (b"<", b""):
        return None  # EBCDIC and other encodings where "<" is not the byte 0x3C
    declared = _DECL_ENCODING_RE.match(raw[:512])
    if declared and not _SAFE_ENCODING_RE.fullmatch(declared.group(1).strip()):
        return None
    return bool(_DTD_RE.search(raw))


def _xml_members(zf: zipfile.ZipFile, names: set[str], source: str, kind: str) -> list[str]:
    """Members a library will parse as XML: by name, or by their declared content type."""
    xml = {n for n in names if n.lower().endswith((".xml", ".rels"))}
    if "[Content_Types].xml" not in names:
        return sorted(xml)
    _scan(zf, "[Content_Types].xml", source, kind)
    from defusedxml.ElementTree import fromstring  # forbids DTDs and entities outright

    root = fromstring(zf.read("[Content_Types].xml"), forbid_dtd=True)
    defaults = {
        (d.get("Extension") or "").lower(): d.get("ContentType") or ""
        for d in root.iter(f"{_CT_NS}Default")
    }
    overrides = {
        (o.get("PartName") or "").lstrip("/").lower(): o.get("ContentType") or ""
        for o in root.iter(f"{_CT_NS}Override")
    }
    for name in names:
        # part names are case-insensitive in OPC, as python-docx and openpyxl treat them
        ctype = overrides.get(name.lower()) or defaults.get(name.rpartition(".")[2].lower(), "")
        if ctype.split(";")[0].strip().lower().endswith("xml"):
            xml.add(name)
    return sorted(xml)


def _scan(zf: zipfile.ZipFile, name: str, source: str, kind: str) -> None:
    verdict = _has_dtd(zf.read(name))
    if verdict is None:
        vi, en = f"phần {name} dùng bảng mã lạ", f"part {name} uses an unexpected encoding"
        raise _damaged(source, vi, en, kind)
    if verdict:
        raise _damaged(
            source,
            f"phần {name} chứa khai báo DOCTYPE/ENTITY, điều mà {kind} không bao giờ ghi",
            f"part {name} contains a DOCTYPE/ENTITY declaration, which {kind} never writes",
            kind,
        )


def _refuse_duplicates(infos: list[zipfile.ZipInfo], source: str, kind: str) -> None:
    """Two members with one name (part names are case-insensitive in Office files):
    the reader would check one and Word might show the other, so neither is read."""
    seen: set[str] = set()
    for info in infos:
        key = info.filename.casefold()
        if key in seen:
            raise _damaged(
                source,
                f"phần {info.filename} có hai lần trong tệp zip",
                f"the part {info.filename} is in the zip twice",
                kind,
            )
        seen.add(key)


def check_zip(data: bytes, source: str, limits: ReadLimits, required: str) -> None:
    """Refuse ``data`` unless it is a sane Office zip that contains ``required``.

    Raises only the project's errors: :class:`UnsupportedFormatError` (old binary or
    password-protected file), :class:`InputTooLargeError` (zip bomb) and
    :class:`CorruptInputError` (anything else)."""
    kind, _old, ext = _kind(required)
    if data.startswith(OLE2_MAGIC):
        raise ole2_error(data, source)
    if not data.startswith(b"PK"):
        raise _damaged(source, "không phải tệp zip", "not a zip archive", kind)
    directory = _central_directory_size(data)
    if directory > MAX_CENTRAL_DIRECTORY:
        raise _bomb(source, directory, MAX_CENTRAL_DIRECTORY)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            _refuse_duplicates(infos, source, kind)
            if "mimetype" in names and zf.read("mimetype")[:64].startswith(_ODF):
                hint = _CONVERT.format(ext=ext.lstrip("."), source=source)
                raise UnsupportedFormatError(
                    f"Tệp {source} là tài liệu OpenDocument (.odt/.ods), định dạng không đọc "
                    f"được. Hãy lưu lại dưới dạng {ext}, ví dụ: {hint}",
                    f"File {source} is an OpenDocument file (.odt/.ods), which is not "
                    f"supported. Save it as {ext} first, e.g. {hint}",
                )
            if required not in names:
                raise _damaged(source, f"thiếu phần {required}", f"{required} is missing", kind)
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise UnsupportedFormatError(
                        f"Tệp {source} được mã hoá (zip có mật khẩu).",
                        f"File {source} is encrypted (password-protected zip).",
                    )
                total += info.file_size
                if total > limits.max_unzipped_bytes:
                    raise _bomb(source, total, limits.max_unzipped_bytes)
                big = info.file_size > BIG_MEMBER
                if big and info.file_size > limits.max_zip_ratio * info.compress_size:
                    raise _bomb(source, info.file_size, limits.max_zip_ratio)
            for name in _xml_members(zf, names, source, kind):
                _scan(zf, name, source, kind)
    except (CorruptInputError, InputTooLargeError, UnsupportedFormatError):
        raise
    except Exception as exc:  # BadZipFile, bad CRC, unsupported compression, XML errors...
        raise _damaged(source, "tệp zip bị hỏng", f"damaged zip: {exc}", kind) from exc
