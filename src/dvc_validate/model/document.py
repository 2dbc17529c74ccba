"""The neutral document every reader produces: paragraphs and tables with locations.

Readers know formats, not reports; extraction knows reports, not formats. This
module is the seam between them. Text is NFC and free of inline markup
(``**bold**``, ``<i>``); ``columns`` maps each character back to its source
column where the source has columns (text, Markdown), so a figure found at
offset ``k`` of a cell is located exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, Field

from ._factories import new_dict, new_list
from .location import Location

__all__ = [
    "UNREAD_CONTENT",
    "Block",
    "Cell",
    "Document",
    "DocumentNote",
    "Paragraph",
    "Row",
    "Table",
    "TextBlock",
]

#: The code of a reader's note about content it does not read (rule DC017).
UNREAD_CONTENT = "unread-content"


class TextBlock(BaseModel):
    """A run of clean text and where it starts."""

    text: str
    location: Location
    columns: list[int] | None = None
    raw: str | None = None  # the source text before markup was removed, when it differs

    def locate(self, start: int = 0) -> Location:
        """The location of the character at ``start`` in :attr:`text`."""
        if self.columns and 0 <= start < len(self.columns):
            return self.location.model_copy(update={"column": self.columns[start]})
        return self.location


class Paragraph(TextBlock):
    kind: Literal["paragraph"] = "paragraph"
    bold: bool = False


class Cell(TextBlock):
    """One grid cell. A merged cell is named by its top-left grid position; the
    positions it covers to the right carry ``merged=True`` and no text."""

    col: int
    span: int = 1
    merged: bool = False
    tables: list[Table] = Field(default_factory=new_list)


class Row(BaseModel):
    index: int
    location: Location
    cells: list[Cell]

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def cell(self, col: int) -> Cell | None:
        """The cell at 1-based grid column ``col``, if the row has one."""
        for c in self.cells:
            if c.col == col:
                return c
        return None


class Table(BaseModel):
    kind: Literal["table"] = "table"
    index: int
    location: Location
    rows: list[Row]

    @property
    def width(self) -> int:
        return max((c.col + c.span - 1 for r in self.rows for c in r.cells), default=0)


Block = Paragraph | Table


class DocumentNote(BaseModel):
    """Something a reader noticed about the file itself (legacy encoding, ...).

    Turned into findings by the document rules, so it is reported, not lost."""

    code: str
    message_vi: str
    message_en: str
    location: Location = Field(default_factory=Location)
    data: dict[str, str] = Field(default_factory=new_dict)


class Document(BaseModel):
    source: str
    format: str
    blocks: list[Paragraph | Table] = Field(default_factory=new_list)
    notes: list[DocumentNote] = Field(default_factory=new_list)
    # the bytes it was read from, read once under the size limit: suppression
    # comments and fixes use these, so a file that changes on disk meanwhile is
    # checked and fixed in one version (docs/security.md)
    data: bytes | None = Field(default=None, exclude=True, repr=False)

    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))

    def plain_text(self) -> str:
        """All text in reading order, for recognition and search."""
        out: list[str] = []
        for b in self.blocks:
            if isinstance(b, Paragraph):
                out.append(b.text)
            else:
                out.extend("\t".join(r.texts()) for r in b.rows)
        return "\n".join(out)


Cell.model_rebuild()
