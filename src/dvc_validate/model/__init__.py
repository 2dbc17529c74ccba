"""Pydantic models: the neutral document, figures, the report and findings."""

from .document import Cell, Document, DocumentNote, Paragraph, Row, Table
from .figure import Figure, FigureKind, figure_from_text
from .finding import Applicability, FileError, FileResult, Finding, Fix, Result, Severity
from .interval import Interval
from .location import Location
from .report import (
    AppendixRef,
    AppendixRow,
    AppendixTable,
    ColumnRole,
    DateRef,
    DetailItem,
    Header,
    Period,
    Placeholder,
    RankStatement,
    Report,
    Statement,
    SummaryRow,
    TextRef,
    Trend,
)

__all__ = [
    "AppendixRef",
    "AppendixRow",
    "AppendixTable",
    "Applicability",
    "Cell",
    "ColumnRole",
    "DateRef",
    "DetailItem",
    "Document",
    "DocumentNote",
    "Figure",
    "FigureKind",
    "FileError",
    "FileResult",
    "Finding",
    "Fix",
    "Header",
    "Interval",
    "Location",
    "Paragraph",
    "Period",
    "Placeholder",
    "RankStatement",
    "Report",
    "Result",
    "Row",
    "Severity",
    "Statement",
    "SummaryRow",
    "Table",
    "TextRef",
    "Trend",
    "figure_from_text",
]
