"""Writing files: atomically, next to the input, never through a link, never over a
file by accident.

A crash or a full disk must never leave a half-written file: the new bytes go
to a temporary file in the same folder (so the final step stays on one file
system), are flushed to disk, and only then take the target's name.

A draft often arrives in an archive or a shared folder, together with whatever
its author put beside it. A link planted at ``draft.txt.bak`` or
``draft.fixed.txt`` must not let the tool overwrite the file it points at, so:

* nothing is written through a link, and a target that is a link (or a device
  or a pipe) is refused;
* a backup is a new file, created exclusively: ``NAME.EXT.bak``, or
  ``NAME.EXT.bak.1``, ``.bak.2``... when earlier backups exist, so a second
  ``--in-place`` never loses the original;
* a fixed copy never replaces an existing file unless asked (``--force``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path, PurePath
from typing import TypeVar

from ..errors import DvcValidateError

__all__ = [
    "backup_path",
    "fixed_path",
    "keep_backup",
    "write_atomic",
    "write_new",
]

_P = TypeVar("_P", bound=PurePath)

#: Backups kept before giving up: ``.bak``, ``.bak.1`` ... ``.bak.99``.
_MAX_BACKUPS = 100


def fixed_path(source: _P) -> _P:
    """``draft.txt`` → ``draft.fixed.txt``, ``draft.docx`` → ``draft.fixed.docx``
    (a file's path, or an uploaded file's bare name)."""
    return source.with_name(f"{source.stem}.fixed{source.suffix}")


def backup_path(source: Path, n: int = 0) -> Path:
    """``draft.txt`` → ``draft.txt.bak``; the ``n``-th further one ``draft.txt.bak.n``."""
    return source.with_name(source.name + (".bak" if n == 0 else f".bak.{n}"))


def _write_error(target: Path, exc: OSError) -> DvcValidateError:
    return DvcValidateError(
        f"Không ghi được tệp {target}: {exc.strerror or exc}.",
        f"Cannot write the file {target}: {exc.strerror or exc}.",
    )


def _refuse_special(target: Path) -> None:
    """A link, device or pipe at ``target`` is never written to or replaced."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _write_error(target, exc) from exc
    if stat.S_ISLNK(st.st_mode):
        raise DvcValidateError(
            f"{target} là liên kết (symlink); không ghi qua liên kết. Hãy xoá nó hoặc chọn tên khác.",
            f"{target} is a symbolic link; nothing is written through a link. "
            "Remove it or choose another name.",
            path=str(target),
        )
    if not stat.S_ISREG(st.st_mode):
        raise DvcValidateError(
            f"{target} không phải tệp thông thường; không ghi đè.",
            f"{target} is not a regular file; it is not overwritten.",
            path=str(target),
        )


def _default_mode() -> int:
    """0666 less the umask: what a plain ``open(..., "w")`` would have given."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _temp_copy(target: Path, data: bytes, mode_from: Path | None) -> str:
    """``data`` in a new temporary file beside ``target``, flushed to disk."""
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mode = stat.S_IMODE(os.stat(mode_from).st_mode) if mode_from else _default_mode()
        os.chmod(tmp, mode)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def write_atomic(target: Path, data: bytes, *, mode_from: Path | None = None) -> None:
    """Replace ``target`` by ``data`` in one step; readers see the old file or the new one.

    An existing regular file is replaced (the input with ``--in-place``, a report
    written again); a link, device or pipe at ``target`` is refused.
    """
    _refuse_special(target)
    try:
        tmp = _temp_copy(target, data, mode_from)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    try:
        os.replace(tmp, target)  # replaces a name, never writes through a link
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(target, exc) from exc


def write_new(target: Path, data: bytes, *, mode_from: Path | None = None) -> None:
    """Write ``data`` as a new file ``target``; refuse if anything has that name.

    The temporary copy is hard-linked to the name, which fails when the name
    exists (as a file, a link or anything else), so even a link planted between
    the check and the write is never followed or replaced.
    """
    _refuse_special(target)
    if os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "exists", str(target))
    try:
        tmp = _temp_copy(target, data, mode_from)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    try:
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create exclusively instead
            try:
                _write_exclusive(target, data, os.stat(tmp).st_mode)
            except FileExistsError:
                raise
            except OSError as exc:
                raise _write_error(target, exc) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _write_exclusive(target: Path, data: bytes, mode: int) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags | getattr(os, "O_BINARY", 0), stat.S_IMODE(mode))
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def keep_backup(source: Path, data: bytes) -> Path:
    """Keep ``data`` (the original, as it was read) as a new backup of ``source``.

    The first free name of ``NAME.EXT.bak``, ``NAME.EXT.bak.1``, ... is taken,
    created exclusively, with the source's mode and times. A link at the first
    name is refused: somebody put it there.
    """
    for n in range(_MAX_BACKUPS):
        bak = backup_path(source, n)
        try:
            write_new(bak, data, mode_from=source)
        except FileExistsError:
            continue
        except OSError as exc:
            raise _backup_error(bak, exc) from exc
        with contextlib.suppress(OSError):
            st = os.stat(source)
            os.utime(bak, ns=(st.st_atime_ns, st.st_mtime_ns), follow_symlinks=False)
        return bak
    raise DvcValidateError(
        f"Đã có {_MAX_BACKUPS} bản sao lưu của {source}; hãy dọn bớt rồi chạy lại.",
        f"There are already {_MAX_BACKUPS} backups of {source}; remove some and run again.",
    )


def _backup_error(bak: Path, exc: OSError) -> DvcValidateError:
    return DvcValidateError(
        f"Không tạo được bản sao lưu {bak}: {exc.strerror or exc}.",
        f"Cannot make the backup {bak}: {exc.strerror or exc}.",
    )
