"""What every reader shares: size limits and byte-to-text decoding.

Readers receive bytes, never open files themselves, and never touch the network.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputTooLargeError

__all__ = ["MAX_COLUMNS", "ReadLimits", "check_size", "too_many_columns", "too_many_rows"]

#: Columns of one table row in any format. Word allows 63 grid columns and a
#: report's widest table has 8; a row of 900,000 tabs would otherwise become
#: 900,000 cells, each with its location (over 2 GB).
MAX_COLUMNS = 1000


@dataclass(frozen=True)
class ReadLimits:
    """Limits against hostile or runaway inputs. Configurable; defaults are generous
    for a monthly report (a real one is well under 1 MB)."""

    max_bytes: int = 32 * 1024 * 1024  # on-disk size; text costs ~30x its size in memory
    max_unzipped_bytes: int = 256 * 1024 * 1024  # total uncompressed size of a .docx/.xlsx
    max_zip_ratio: float = 200.0  # uncompressed/compressed, per member
    # Appendix I has about 60 rows; 5,000 rows is no monthly report, and the checks'
    # cost grows faster than linearly with rows, so the limit keeps a run to seconds
    max_table_rows: int = 5_000
    max_nesting: int = 8  # nested tables in Word


def check_size(size: int, limits: ReadLimits, source: str) -> None:
    if size > limits.max_bytes:
        raise InputTooLargeError(
            f"Tệp {source} quá lớn ({size:,} byte), vượt giới hạn {limits.max_bytes:,} byte.",
            f"File {source} is too large ({size:,} bytes); the limit is {limits.max_bytes:,} bytes.",
            size=size,
            limit=limits.max_bytes,
        )


def too_many_columns(source: str, table: int, limit: int = MAX_COLUMNS) -> InputTooLargeError:
    """The error for a row over :data:`MAX_COLUMNS` cells, in text, CSV and xlsx."""
    return InputTooLargeError(
        f"Bảng {table} của tệp {source} có hơn {limit:,} cột, quá lớn đối với một báo cáo.",
        f"Table {table} of {source} has more than {limit:,} columns, too many for a report.",
        limit=limit,
    )


def too_many_rows(source: str, table: int, limit: int) -> InputTooLargeError:
    """The error for a table over ``max_table_rows``: refused, never silently cut short."""
    return InputTooLargeError(
        f"Bảng {table} của tệp {source} có hơn {limit:,} hàng, quá lớn đối với một báo cáo.",
        f"Table {table} of {source} has more than {limit:,} rows, too many for a report.",
        limit=limit,
    )
