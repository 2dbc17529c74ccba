"""Reading a file the tool was pointed at, without trusting it.

Inputs, configs and rule packs all come from the user's folders, and a folder
received from outside may hold anything under a report's or a config's name: a
FIFO that blocks for ever, ``/dev/zero`` that never ends, a file that grows
while it is read. One function reads them all the same way:

* the file is opened without blocking (``O_NONBLOCK``: a FIFO opens at once)
  and checked on the open descriptor, so what is checked is what is read;
* only a regular file is read;
* at most ``limit + 1`` bytes are read, in pieces, so a huge limit never
  becomes a huge allocation and a growing file is still refused.

The callers turn :class:`Refused` and :class:`OSError` into the error of
their own kind (an input error, a config error, a rule-pack error).
"""

from __future__ import annotations

import os
import stat

__all__ = ["CHUNK", "Refused", "read_limited", "read_stream"]

CHUNK = 1 << 20


class Refused(Exception):
    """The file is not read: ``why`` is ``folder``, ``special`` or ``too_large``."""

    def __init__(self, why: str, size: int = 0) -> None:
        super().__init__(why)
        self.why = why
        self.size = size

    def words(self, limit: int) -> tuple[str, str]:
        """Why, as the end of a sentence that names the file (Vietnamese, English)."""
        if self.why == "folder":
            return "là thư mục", "is a folder"
        if self.why == "special":
            return (
                "không phải tệp thông thường (thiết bị hoặc ống dẫn?)",
                "is not a regular file (a device or a pipe?)",
            )
        return f"lớn hơn {limit:,} byte", f"is larger than {limit:,} bytes"


def read_stream(fh: object, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of a binary stream, in pieces."""
    read = getattr(fh, "read")  # noqa: B009 - any object with read(n) -> bytes
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        piece = read(min(CHUNK, limit + 1 - total))
        if not piece:
            break
        chunks.append(piece)
        total += len(piece)
    return b"".join(chunks)


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``; :class:`Refused` when it is not one
    or holds more than ``limit`` bytes. ``OSError`` (missing, no permission)
    passes through."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise Refused("folder")
        if not stat.S_ISREG(st.st_mode):
            raise Refused("special")
        if st.st_size > limit:
            raise Refused("too_large", st.st_size)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = read_stream(fh, limit)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Refused("too_large", len(data))
    return data
