"""SARIF output, validated against the official SARIF 2.1.0 schema (vendored in
tests/data/schemas, see the README there)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, FormatChecker

from dvc_validate.model.finding import Result
from dvc_validate.report import render
from dvc_validate.report.sarif import artifact_uri

from .fixtures import DOCX_PATH, PDF_PATH, TEXT_PATH, col_of

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA.read_text("utf-8"))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, format_checker=FormatChecker())


@pytest.fixture
def log(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(render(result, "sarif"))
    return data


def _results(log: dict[str, Any], path: str) -> list[dict[str, Any]]:
    uri = artifact_uri(path)
    return [
        r
        for r in log["runs"][0]["results"]
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri
    ]


def test_validates_against_the_official_schema(
    log: dict[str, Any], validator: Draft7Validator
) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_empty_result_validates(validator: Draft7Validator) -> None:
    validator.validate(json.loads(render(Result(), "sarif")))


def test_header_and_rules(log: dict[str, Any], result: Result) -> None:
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "dvc-validate"
    assert [r["id"] for r in driver["rules"]] == sorted({f.code for f in result.findings})
    pc = next(r for r in driver["rules"] if r["id"] == "PC001")
    assert pc["name"] == "percent-out-of-range"
    assert pc["shortDescription"]["text"]
    for r in log["runs"][0]["results"]:
        assert driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"]


def test_levels_and_counts(log: dict[str, Any], result: Result) -> None:
    levels = [r["level"] for r in log["runs"][0]["results"]]
    assert len(levels) == len(result.findings)
    assert levels.count("error") == 3
    assert levels.count("warning") == 2
    assert levels.count("note") == 2


def test_text_source_has_line_and_column(log: dict[str, Any]) -> None:
    pc = next(r for r in _results(log, TEXT_PATH) if r["ruleId"] == "PC001")
    region = pc["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 7
    assert region["startColumn"] == col_of(7, "1000%")
    assert "logicalLocations" not in pc["locations"][0]
    assert pc["partialFingerprints"]["dvcValidate/v1"]
    assert pc["properties"] == {"found": "1000%", "expected": "100%", "indicator": "1.1"}
    assert pc["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"] == {
        "text": "100%"
    }


def test_word_source_uses_line_1_and_a_logical_location(log: dict[str, Any]) -> None:
    found = {r["ruleId"]: r for r in _results(log, DOCX_PATH)}
    assert set(found) == {"SC001", "DT001", "NF005"}
    sc = found["SC001"]["locations"][0]
    assert sc["physicalLocation"]["region"] == {"startLine": 1}
    assert sc["logicalLocations"] == [
        {
            "name": "table 1, row 3, cell 4",
            "kind": "element",
            "fullyQualifiedName": "table[1]/row[3]/cell[4]",
        }
    ]
    # a viewer shows the result at line 1 of a binary file: the message says where it is
    assert found["SC001"]["message"]["text"].startswith("bảng 1, hàng 3, ô 4: ")
    dt = found["DT001"]["locations"][0]
    assert dt["logicalLocations"][0]["name"] == "paragraph 2"
    assert dt["logicalLocations"][0]["fullyQualifiedName"] == "paragraph[2]"
    assert "fixes" not in found["DT001"]  # no line and column: no SARIF region to replace


def test_related_locations(log: dict[str, Any]) -> None:
    dl = next(r for r in _results(log, TEXT_PATH) if r["ruleId"] == "DL001")
    ids = [loc["id"] for loc in dl["relatedLocations"]]
    assert ids == [1, 2]


def test_unreadable_file_is_a_tool_notification(log: dict[str, Any]) -> None:
    inv = log["runs"][0]["invocations"][0]
    assert inv["executionSuccessful"] is False
    (note,) = inv["toolExecutionNotifications"]
    assert note["descriptor"] == {"id": "DV105"}
    uri = note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == artifact_uri(PDF_PATH)


@pytest.mark.parametrize(
    ("path", "uri"),
    [
        ("reports/a.md", "reports/a.md"),
        ("reports/Báo cáo.docx", "reports/B%C3%A1o%20c%C3%A1o.docx"),
        ("reports\\a b.md", "reports/a%20b.md"),
        ("/srv/reports/a.md", "file:///srv/reports/a.md"),
        ("C:\\Reports\\a.md", "file:///C:/Reports/a.md"),
    ],
)
def test_artifact_uri(path: str, uri: str) -> None:
    assert artifact_uri(path) == uri


def test_rules_describe_themselves_and_link_their_page(
    result: Result, monkeypatch: pytest.MonkeyPatch, validator: Draft7Validator
) -> None:
    from dvc_validate.report.sarif import DOCS_URL_ENV

    monkeypatch.setenv(DOCS_URL_ENV, "https://example.org/dvc-validate/rules/")
    english = result.model_copy(update={"lang": "en"})  # the language the messages are in
    log = json.loads(render(english, "sarif", lang="en"))
    validator.validate(log)
    pc = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "PC001")
    assert pc["shortDescription"]["text"] == "Percentage outside 0–100%"
    assert pc["fullDescription"]["text"].startswith("A rate is a share of a whole")
    assert "Fix: unsafe" in pc["help"]["text"] and "## Why" in pc["help"]["markdown"]
    assert pc["helpUri"] == "https://example.org/dvc-validate/rules/PC001/"
    assert pc["defaultConfiguration"] == {"level": "error"}
    monkeypatch.setenv(DOCS_URL_ENV, "https://github.com/o/dvc-validate/blob/v1/docs/rules")
    log = json.loads(render(result, "sarif"))
    pc = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "PC001")
    assert pc["helpUri"] == "https://github.com/o/dvc-validate/blob/v1/docs/rules/PC001.md"
    assert pc["shortDescription"]["text"] == "Tỷ lệ nằm ngoài 0–100%"
