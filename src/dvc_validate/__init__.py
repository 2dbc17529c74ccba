"""dvc-validate: lint the figures of QĐ 766 public-service-index reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["__version__", "check_table"]

if TYPE_CHECKING:
    from .batch import check_table


def __getattr__(name: str) -> Any:
    """``check_table`` is imported on first use: it needs pandas and pandera,
    which linting a single report never loads."""
    if name == "check_table":
        from .batch import check_table

        return check_table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
