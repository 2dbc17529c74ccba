"""A bound on how much a PDF's compressed streams inflate, checked before pdfminer parses it.

pdfminer inflates every Flate stream it meets in one call, with no limit, so a
400 KB PDF holding 400 MB of compressed blanks costs 900 MB of memory, and a file
just under the size limit could exhaust any machine. The zip readers have
:mod:`._zipsafe`; this is its PDF counterpart. :func:`check_pdf` finds every
``stream`` keyword, inflates what follows in bounded slices (so the check itself
uses little memory), follows nested zlib layers (``/Filter [/FlateDecode
/FlateDecode]``), and refuses the file once the total passes
``max_unzipped_bytes``. Data that is not zlib (other filters, images) stops at
its first bytes and costs nothing.
"""

from __future__ import annotations

import re
import zlib

from ..errors import InputTooLargeError
from .base import ReadLimits

__all__ = ["check_pdf"]

_STREAM_RE = re.compile(rb"(?<!end)stream\r?\n")
_SLICE = 1 << 16  # compressed bytes fed at a time
_OUT = 1 << 20  # inflated bytes produced at a time (then counted and dropped)
_MAX_LAYERS = 3


def _zlib_header(head: bytes) -> bool:
    return len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0


class _Layer:
    """One zlib layer, inflated in bounded pieces; a nested zlib layer is followed."""

    def __init__(self, limit: list[int], depth: int) -> None:
        self.limit = limit  # [bytes left], shared by every stream and layer of the file
        self.depth = depth
        self.d = zlib.decompressobj()
        self.inner: _Layer | None = None
        self.started = False

    def feed(self, data: bytes) -> bool | None:
        """Inflate ``data``: ``True`` over the limit, ``None`` at the end or on bad data."""
        while data:
            try:
                out = self.d.decompress(data, _OUT)
            except zlib.error:
                return None  # not zlib, or damaged: pdfminer will say so itself
            data = self.d.unconsumed_tail
            self.limit[0] -= len(out)
            if self.limit[0] < 0:
                return True
            if out and not self.started:
                self.started = True
                if self.depth < _MAX_LAYERS and _zlib_header(out):
                    self.inner = _Layer(self.limit, self.depth + 1)
            if out and self.inner is not None and self.inner.feed(out):
                return True
            if self.d.eof:
                return None
        return False


def check_pdf(data: bytes, source: str, limits: ReadLimits) -> None:
    """Refuse a PDF whose Flate streams inflate past ``limits.max_unzipped_bytes``."""
    left = [limits.max_unzipped_bytes]
    for m in _STREAM_RE.finditer(data):
        start = m.end()
        if not _zlib_header(data[start : start + 2]):
            continue
        layer = _Layer(left, 1)
        for i in range(start, len(data), _SLICE):
            verdict = layer.feed(data[i : i + _SLICE])
            if verdict:
                limit = limits.max_unzipped_bytes
                raise InputTooLargeError(
                    f"Tệp {source} có luồng nén giải nén ra quá nhiều dữ liệu (hơn "
                    f"{limit:,} byte): có thể là PDF bomb.",
                    f"File {source} has compressed streams that inflate to more than "
                    f"{limit:,} bytes: possibly a PDF bomb.",
                    limit=limit,
                )
            if verdict is None:
                break
