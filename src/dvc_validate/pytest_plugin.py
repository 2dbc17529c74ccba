"""A pytest plugin: ``pytest --dvc-validate reports/`` turns every report into a test.

Teams that already run pytest in CI get report checks without a new job: each
report file under the given paths becomes one test item that fails with the
findings (concise format) when any finding reaches ``--dvc-validate-fail-on``.

The plugin is registered through the ``pytest11`` entry point, so pytest loads
it in *every* run where dvc-validate is installed. It therefore stays inert
without ``--dvc-validate`` (nothing is collected) and imports only pytest and
the standard library at load time; the linter itself is imported by the first
item that runs.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .model.finding import Result

__all__ = ["DvcValidateFile", "DvcValidateItem"]

SUFFIXES = frozenset({".docx", ".md", ".txt", ".xlsx", ".pdf"})
_FAIL_ON = ("error", "warning", "info", "never")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("dvc-validate", "lint public-service-index reports")
    group.addoption(
        "--dvc-validate",
        action="store_true",
        default=False,
        help="collect report files (.docx .md .txt .xlsx .pdf) and lint each as a test",
    )
    group.addoption(
        "--dvc-validate-fail-on",
        choices=_FAIL_ON,
        default=None,
        help="lowest severity that fails a report item (default: the config's fail-on, else error)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "dvc_validate: a report linted by dvc-validate")


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> DvcValidateFile | None:
    """Collect a report only when the run asked for it: normal runs are untouched."""
    if not parent.config.getoption("dvc_validate"):
        return None
    name = file_path.name
    if (
        file_path.suffix.lower() not in SUFFIXES
        or ".fixed." in name
        or name.startswith(("~$", "."))
    ):
        return None
    return DvcValidateFile.from_parent(parent, path=file_path)


class DvcValidateFile(pytest.File):
    """One report file; it holds a single item so reports show up as ``file::dvc-validate``."""

    def collect(self) -> Iterator[DvcValidateItem]:
        yield DvcValidateItem.from_parent(self, name="dvc-validate")


class ReportFailed(Exception):
    """Raised by an item; its text is the whole failure report (no traceback)."""


class DvcValidateItem(pytest.Item):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_marker("dvc_validate")

    def runtest(self) -> None:
        from .api import lint_paths
        from .config import find_config, load_config

        found = find_config(self.path)
        config = load_config(found) if found else None
        result = lint_paths([_shown(self.path)], config=config)
        fail_on = self.config.getoption("dvc_validate_fail_on") or (
            config.fail_on if config else "error"
        )
        message = _failure(result, fail_on)
        if message:
            raise ReportFailed(message)

    def repr_failure(
        self,
        excinfo: pytest.ExceptionInfo[BaseException],
        style: Any = None,
    ) -> str:
        """The findings themselves, not a traceback into the plugin."""
        if isinstance(excinfo.value, ReportFailed):
            return str(excinfo.value)
        from .errors import DvcValidateError

        if isinstance(excinfo.value, DvcValidateError):
            return (
                f"dvc-validate: {excinfo.value.message('vi')}"  # the config (and its lang) failed
            )
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, f"dvc-validate: {self.path.name}"


def _failure(result: Result, fail_on: str) -> str:
    """The failure text for ``result``, or "" when the report passes."""
    from .config import reaches_fail_on
    from .report._escape import terminal

    errors = [terminal(fr.error.message) for fr in result.files if fr.error is not None]
    if errors:
        return "\n".join(errors)
    if not reaches_fail_on(result.findings, fail_on):
        return ""
    from .report import render

    return render(result, "concise", lang=result.lang, color=False)


def _shown(path: Path) -> str:
    """The path relative to where pytest runs, so failures read like the CLI's."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel
