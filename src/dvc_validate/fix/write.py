"""Writing fixed files: atomically, next to the input, never over it by accident.

A crash or a full disk must never leave a half-written report: the new bytes go
to a temporary file in the same folder (so the final rename stays on one file
system), are flushed to disk, and only then replace the target with
``os.replace``. Rewriting the input itself (``--in-place``) first keeps a copy
of it as ``<name>.bak``.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from ..errors import DvcValidateError

__all__ = ["backup_path", "fixed_path", "keep_backup", "write_atomic"]


def fixed_path(source: Path) -> Path:
    """``draft.txt`` → ``draft.fixed.txt``, ``draft.docx`` → ``draft.fixed.docx``."""
    return source.with_name(f"{source.stem}.fixed{source.suffix}")


def backup_path(source: Path) -> Path:
    """``draft.txt`` → ``draft.txt.bak``."""
    return source.with_name(source.name + ".bak")


def write_atomic(target: Path, data: bytes, *, mode_from: Path | None = None) -> None:
    """Replace ``target`` by ``data`` in one step; readers see the old file or the new one."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode_from is not None:
            shutil.copymode(mode_from, tmp)
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise DvcValidateError(
            f"Không ghi được tệp {target}: {exc.strerror or exc}.",
            f"Cannot write the file {target}: {exc.strerror or exc}.",
        ) from exc


def keep_backup(source: Path) -> Path:
    """Copy ``source`` (content, mode and times) to ``<name>.bak`` before rewriting it."""
    bak = backup_path(source)
    try:
        shutil.copy2(source, bak)
    except OSError as exc:
        raise DvcValidateError(
            f"Không tạo được bản sao lưu {bak}: {exc.strerror or exc}.",
            f"Cannot make the backup {bak}: {exc.strerror or exc}.",
        ) from exc
    return bak
