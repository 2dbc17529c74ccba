"""Where a piece of text came from. One shape for every source format.

The field names are the JSON contract (``findings@1``): fields that do not
apply to a source stay ``None``.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Location"]


class Location(BaseModel):
    """A 1-based position: line/column in text, paragraph or table/row/cell in Word,
    ``sheet`` + row/cell in a spreadsheet, ``page`` + line in a PDF."""

    model_config = ConfigDict(frozen=True)

    line: int | None = None
    column: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    sheet: str | None = None
    page: int | None = None
    indicator: str | None = None

    def with_indicator(self, indicator: str | None) -> Location:
        return self.model_copy(update={"indicator": indicator})

    def sort_key(self) -> tuple[int, int, int, int, int, int, int, str]:
        """Document order, whatever the source format."""
        return (
            self.page or 0,
            self.line or 0,
            self.paragraph or 0,
            self.table or 0,
            self.row or 0,
            self.cell or 0,
            self.column or 0,
            self.sheet or "",
        )

    def describe(self, lang: str = "vi") -> str:
        """Short human form, e.g. ``dòng 75:52`` or ``bảng 1, hàng 4, ô 6``."""
        vi = lang != "en"
        parts: list[str] = []
        if self.sheet is not None:
            parts.append(self.sheet)
        if self.page is not None:
            parts.append(f"{'trang' if vi else 'page'} {self.page}")
        if self.line is not None:
            pos = f"{self.line}:{self.column}" if self.column else str(self.line)
            parts.append(f"{'dòng' if vi else 'line'} {pos}")
        if self.paragraph is not None:
            parts.append(f"{'đoạn' if vi else 'paragraph'} {self.paragraph}")
        if self.table is not None and self.line is None:
            parts.append(f"{'bảng' if vi else 'table'} {self.table}")
        if self.row is not None and self.line is None:
            parts.append(f"{'hàng' if vi else 'row'} {self.row}")
        if self.cell is not None and self.line is None:
            parts.append(f"{'ô' if vi else 'cell'} {self.cell}")
        return ", ".join(parts) or "-"
