"""Readers: one module per input format, each producing the neutral :class:`Document`.

``read_source`` is the single entry point. It sniffs the format from the name and
the first bytes, enforces the size limit, and imports only the reader it needs
(so linting a ``.txt`` never imports python-docx, and nothing imports pandas).

Formats: text/Markdown (``text``), Word (``docx``), Excel and CSV (``xlsx``,
``csv``), PDF with a text layer (``pdf``), and the report model itself as JSON or
YAML (``json``, ``yaml``), which bypasses extraction.
"""

from __future__ import annotations

import os
from pathlib import Path

from .._safeio import Refused, read_limited
from ..errors import CorruptInputError, FileMissingError, UnsupportedFormatError
from ..model.document import Document
from ..model.report import Report
from ._zipsafe import OLE2_MAGIC, ole2_error
from .base import ReadLimits, check_size

__all__ = ["FORMATS", "ReadLimits", "detect_format", "read_bytes", "read_source"]

FORMATS = ("text", "markdown", "docx", "xlsx", "csv", "pdf", "json", "yaml")

_EXT = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".docx": "docx",
    ".docm": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".csv": "csv",
    ".tsv": "csv",
    ".pdf": "pdf",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}

_CONVERT_HINT_VI = 'Hãy chuyển sang .docx, ví dụ: libreoffice --headless --convert-to docx "{name}"'
_CONVERT_HINT_EN = (
    'Convert it to .docx first, e.g. libreoffice --headless --convert-to docx "{name}"'
)
_UNSUPPORTED = {
    ".doc": "Word 97-2003 (.doc)",
    ".odt": "OpenDocument (.odt)",
    ".rtf": "RTF",
    ".xls": "Excel 97-2003 (.xls)",
}


def detect_format(name: str, head: bytes = b"") -> str:
    """The reader to use for a file called ``name`` starting with ``head``."""
    ext = Path(name).suffix.lower()
    if ext in _UNSUPPORTED:
        hint = "xlsx" if ext == ".xls" else "docx"
        raise UnsupportedFormatError(
            f"Không đọc được định dạng {_UNSUPPORTED[ext]} của tệp {name}. "
            + _CONVERT_HINT_VI.format(name=name).replace("docx", hint),
            f"The {_UNSUPPORTED[ext]} format of {name} is not supported. "
            + _CONVERT_HINT_EN.format(name=name).replace("docx", hint),
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        # OLE2: an old .doc/.xls, or a password-protected (encrypted) Office file
        raise UnsupportedFormatError(
            f"Tệp {name} là tài liệu Office cũ (.doc) hoặc được đặt mật khẩu. "
            "Hãy bỏ mật khẩu và lưu lại dưới dạng .docx, ví dụ: "
            f'libreoffice --headless --convert-to docx "{name}"',
            f"File {name} is an old binary Office document (.doc) or is password-protected. "
            "Remove the password and save it as .docx, e.g. "
            f'libreoffice --headless --convert-to docx "{name}"',
        )
    if ext in _EXT:
        return _EXT[ext]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    return "text"


def read_bytes(
    data: bytes, name: str = "<stdin>", fmt: str | None = None, limits: ReadLimits | None = None
) -> Document | Report:
    """Read ``data`` (the content of ``name``) with the right reader."""
    limits = limits or ReadLimits()
    check_size(len(data), limits, name)
    if not data.strip():
        raise CorruptInputError(f"Tệp {name} trống.", f"File {name} is empty.")
    if data.startswith(OLE2_MAGIC) and Path(name).suffix.lower() not in _UNSUPPORTED:
        raise ole2_error(data, name)  # the stream names say encrypted, .doc or .xls
    fmt = fmt or detect_format(name, data[:8])
    doc = _read_document(data, name, fmt, limits)
    if doc is None:
        from .model_file import read_model

        return read_model(data, name, fmt) if fmt in ("json", "yaml") else _unsupported(fmt)
    doc.data = data  # the one copy later steps use; the file is not read again
    return doc


def _read_document(data: bytes, name: str, fmt: str, limits: ReadLimits) -> Document | None:
    """The reader of ``fmt``, imported only when needed; ``None`` for a model file."""
    if fmt in ("text", "markdown"):
        from .text import read_text

        doc = read_text(data, name, limits)
        if fmt == "markdown":
            doc.format = "markdown"
        return doc
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data, name, limits)
    if fmt in ("xlsx", "csv"):
        from .sheet import read_csv, read_xlsx

        return read_xlsx(data, name, limits) if fmt == "xlsx" else read_csv(data, name, limits)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name, limits)
    return None


def _unsupported(fmt: str) -> Report:
    raise UnsupportedFormatError(f"Định dạng không hỗ trợ: {fmt}.", f"Unsupported format: {fmt}.")


def read_source(
    path: str | os.PathLike[str], fmt: str | None = None, limits: ReadLimits | None = None
) -> Document | Report:
    """Read a file from disk. The file is opened read-only and never modified.

    Only regular files are read: a FIFO would block for ever and ``/dev/zero``
    never ends, so both are refused (the file is opened without blocking and
    checked on the open descriptor). At most ``max_bytes + 1`` bytes are read,
    so a file that grows (or lies about its size, as ``/proc`` files do) is
    still refused by the size limit. It is read once; the document keeps the
    bytes for the steps after it.
    """
    limits = limits or ReadLimits()
    name = str(path)
    try:
        data = read_limited(path, limits.max_bytes)
    except Refused as exc:
        if exc.why == "folder":
            raise FileMissingError(
                f"{name} là thư mục, không phải tệp.", f"{name} is a folder, not a file."
            ) from exc
        if exc.why == "special":
            raise FileMissingError(
                f"{name} không phải tệp thông thường (có thể là thiết bị hoặc ống dẫn); không đọc.",
                f"{name} is not a regular file (a device or a pipe?); it is not read.",
            ) from exc
        check_size(exc.size, limits, name)
        raise AssertionError("unreachable: too_large is over the limit") from exc
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise FileMissingError(f"Không tìm thấy tệp: {name}.", f"File not found: {name}.") from exc
    except PermissionError as exc:
        raise FileMissingError(
            f"Không có quyền đọc tệp: {name}.", f"No permission to read the file: {name}."
        ) from exc
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise FileMissingError(
            f"Không đọc được tệp {name}: {why}.", f"Cannot read {name}: {why}."
        ) from exc
    except ValueError as exc:  # a NUL byte in the path
        raise FileMissingError(
            f"Tên tệp không hợp lệ: {name!r}.", f"Invalid file name: {name!r}."
        ) from exc
    check_size(len(data), limits, name)
    return read_bytes(data, name, fmt, limits)
