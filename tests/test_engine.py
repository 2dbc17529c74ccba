"""The engine below the checks: the registry learns of the rules through a source.

The configuration and the suppressions resolve selectors through the engine, which
never imports the checks that declare the rules; ``dvc_validate.checks`` adds its
families as a source when it is imported.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dvc_validate.engine import (
    MissingPlaceholderError,
    Rule,
    Selection,
    add_rule_source,
    load_rules,
    registry,
    resolve_selection,
)
from dvc_validate.model.finding import Finding, Severity
from dvc_validate.model.report import Report

ROOT = Path(__file__).resolve().parents[1]


def _no_findings(report: Report, ctx: object) -> Iterator[Finding]:
    """A rule that finds nothing."""
    yield from ()


def test_selecting_before_any_rule_source_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a source every selector would look unknown: a bug, not a user's error."""
    monkeypatch.setattr(registry, "_SOURCES", [])
    with pytest.raises(RuntimeError, match=r"import dvc_validate\.checks"):
        resolve_selection(Selection(select=("PC001",)))


def test_a_source_is_added_once_and_run_on_every_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_SOURCES", [])
    calls: list[str] = []

    def source() -> None:
        calls.append("loaded")

    add_rule_source(source)
    add_rule_source(source)
    load_rules()
    load_rules()
    assert calls == ["loaded", "loaded"]


def test_a_message_without_its_value_raises() -> None:
    r = Rule(
        code="DC999",
        name="test-rule",
        family="document",
        title_vi="t",
        title_en="t",
        severity=Severity.ERROR,
        message_vi="{subject}: sai {found}",
        message_en="{subject}: wrong {found}",
        func=_no_findings,
    )
    assert r.message("en", {"subject": "total score", "found": "86,2"}) == (
        "total score: wrong 86,2"
    )
    assert r.message("vi", {"subject": "tổng điểm", "found": "86,2"}) == "tổng điểm: sai 86,2"
    with pytest.raises(MissingPlaceholderError, match=r"DC999: .*\{subject\}"):
        r.message("vi", {"found": "86,2"})


def test_the_config_resolves_rules_once_checks_is_imported() -> None:
    """In a fresh process: the config alone has no rules to name; importing the checks
    (as the API and the CLI do) adds the built-in families."""
    code = (
        "import sys\n"
        "from dvc_validate.config import Config, check_rule_references\n"
        "assert 'dvc_validate.checks' not in sys.modules\n"
        "try:\n"
        "    check_rule_references(Config(select=['PC']))\n"
        "except RuntimeError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('resolved without any rule source')\n"
        "import dvc_validate.checks\n"
        "check_rule_references(Config(select=['PC'], ignore=['percentages']))\n"
        "from dvc_validate.engine import Selection, resolve_selection\n"
        "print(' '.join(r.code for r in resolve_selection(Selection(select=('PC00',)))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    codes = done.stdout.split()
    assert codes and all(c.startswith("PC00") for c in codes) and codes == sorted(codes)
