"""dvc-validate: lint the figures of QĐ 766 public-service-index reports.

The public API, the same results as the CLI::

    import dvc_validate
    result = dvc_validate.lint("draft.docx")          # Result
    result.findings, result.to_dict(), result.to_frame()

Names are imported on first use, so ``import dvc_validate`` stays cheap and linting
a single report never loads pandas or pandera (only ``check_table`` does). The pandera
models a pandas user validates with are here too: ``TableFrame`` (the long table of
``check_table``) and ``IndicatorFrame`` (one report's Appendix I, ``Report.to_frame()``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Config",
    "DvcValidateError",
    "Finding",
    "IndicatorFrame",
    "Report",
    "Result",
    "Severity",
    "TableFrame",
    "__version__",
    "check_table",
    "extract_report",
    "lint",
    "lint_paths",
    "validate",
]

_WHERE = {
    "Config": ".config",
    "DvcValidateError": ".errors",
    "Finding": ".model.finding",
    "IndicatorFrame": ".tables.frame",
    "Report": ".model.report",
    "Result": ".model.finding",
    "Severity": ".model.finding",
    "TableFrame": ".tables.batch",
    "check_table": ".tables.batch",
    "extract_report": ".api",
    "lint": ".api",
    "lint_paths": ".api",
    "validate": ".api",
}

if TYPE_CHECKING:
    from .api import extract_report, lint, lint_paths, validate
    from .config import Config
    from .errors import DvcValidateError
    from .model.finding import Finding, Result, Severity
    from .model.report import Report
    from .tables.batch import TableFrame, check_table
    from .tables.frame import IndicatorFrame


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
