"""Every rule's case book runs: fail cases give exactly the listed findings of that rule
(code, location, found, expected), pass cases give none. The same books are the
examples in docs/rules/ and `dvc-validate explain`."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from dvc_validate.api import build_pack, extract_report, lint_file
from dvc_validate.casebook import Case, case_source, load_casebook, portal_files, previous_source
from dvc_validate.checks import REGISTRY, load_rules
from dvc_validate.config import Config
from dvc_validate.model.finding import Result
from dvc_validate.pack import Relation
from dvc_validate.portal import read_portal

load_rules()
CODES = sorted(REGISTRY)


def lint_case(case: Case, lang: str = "vi") -> Result:
    """A case's document linted as ``lint`` would, with its config, pack, previous
    report and portal data (also used by tests/checks/test_message_language.py)."""
    config = Config.model_validate({**case.config, "lang": lang})
    if case.base == "table":
        return check_case_table(case, lang)
    pack = build_pack(config)
    if case.relations:
        pack = pack.model_copy(update={"relations": [Relation(expr=e) for e in case.relations]})
    prev = previous_source(case)
    previous = None if prev is None else extract_report(prev, format="text", pack=pack)[0]
    portal = portal_files(case)
    return lint_file(
        case_source(case),
        format=case.format,
        config=config,
        pack=pack,
        previous=previous,
        series=case.series,
        portal=None if portal is None else read_portal(portal),
    )


def check_case_table(case: Case, lang: str = "vi") -> Result:
    """A table case checked as ``check-table`` would, from a CSV file; its findings'
    table row is reported as their ``line``, as the case book states it."""
    from dvc_validate.batch import check_table

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.csv"
        path.write_bytes(case_source(case))
        result = check_table(path, lang=lang)
    files = [
        fr.model_copy(
            update={
                "findings": [
                    f.model_copy(
                        update={"location": f.location.model_copy(update={"line": f.location.row})}
                    )
                    for f in fr.findings
                ]
            }
        )
        for fr in result.files
    ]
    return result.model_copy(update={"files": files})


def _run(code: str, case: Case) -> list[tuple[str | None, str | None, int | None, int | None]]:
    result = lint_case(case)
    return [
        (f.found, f.expected, f.location.line, f.location.column)
        for f in result.findings
        if f.code == code
    ]


def _cases() -> list[tuple[str, Case]]:
    out: list[tuple[str, Case]] = []
    for code in CODES:
        book = load_casebook(code)
        if book is not None:
            out.extend((code, c) for c in book.cases)
    return out


@pytest.mark.parametrize("code", CODES)
def test_every_rule_has_a_case_book_with_a_pass_and_a_fail_case(code: str) -> None:
    book = load_casebook(code)
    assert book is not None, f"{code} has no case book in src/dvc_validate/cases/"
    assert book.first("fail") is not None and book.first("pass") is not None


@pytest.mark.parametrize(
    ("code", "case"), _cases(), ids=lambda v: v if isinstance(v, str) else v.name
)
def test_case(code: str, case: Case) -> None:
    got = _run(code, case)
    if case.kind == "pass":
        assert got == []
    else:
        want = [(e.found, e.expected, e.line, e.column) for e in case.expect]
        assert got == want and want


def test_the_base_report_is_clean() -> None:
    result = lint_file(case_source(Case(name="base", kind="pass")), format="text")
    assert result.findings == []


def test_the_base_report_is_clean_against_last_month_and_so_is_last_month() -> None:
    case = Case(name="base", kind="pass", previous=[])
    previous = previous_source(case)
    assert previous is not None
    last = extract_report(previous)[0]
    assert lint_file(case_source(case), format="text", previous=last).findings == []
    assert lint_file(previous, format="text").findings == []


def test_rule_docs_are_generated_from_the_registry_and_up_to_date(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from dvc_validate.docgen import write_docs

    committed = Path(__file__).resolve().parents[2] / "docs" / "rules"
    for page in write_docs(tmp_path):
        assert (committed / page.name).read_text(encoding="utf-8") == page.read_text(
            encoding="utf-8"
        ), f"docs/rules/{page.name} is stale: run python -m dvc_validate.docgen docs/rules"
