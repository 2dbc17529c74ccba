"""The JSON report is the findings@1 contract, and the schema describes it."""

from __future__ import annotations

import copy
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from dvc_validate.model.finding import Result
from dvc_validate.report import render

ROOT = Path(__file__).resolve().parents[2]
DOCS_SCHEMA = ROOT / "docs" / "schema" / "findings-1.json"


def _schema() -> dict[str, Any]:
    text = files("dvc_validate.report").joinpath("findings.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = _schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_shipped_schema_and_published_schema_are_identical() -> None:
    shipped = files("dvc_validate.report").joinpath("findings.schema.json").read_bytes()
    assert DOCS_SCHEMA.read_bytes() == shipped


def test_json_is_result_to_dict(result: Result) -> None:
    out = render(result, "json")
    assert json.loads(out) == result.to_dict()
    assert "Công khai" in out  # ensure_ascii=False: Vietnamese stays readable


def test_json_validates_against_the_schema(result: Result, validator: Draft202012Validator) -> None:
    validator.validate(json.loads(render(result, "json")))


def test_empty_result_validates(validator: Draft202012Validator) -> None:
    validator.validate(json.loads(render(Result(), "json")))


def _mutations() -> list[tuple[str, Any]]:
    def loc(d: dict[str, Any]) -> dict[str, Any]:
        return d["files"][0]["findings"][0]["location"]  # type: ignore[no-any-return]

    def finding(d: dict[str, Any]) -> dict[str, Any]:
        return d["files"][0]["findings"][0]  # type: ignore[no-any-return]

    return [
        ("extra location key", lambda d: loc(d).update(offset=3)),
        ("missing location key", lambda d: loc(d).pop("sheet")),
        ("bad code", lambda d: finding(d).update(code="PC1")),
        ("bad severity", lambda d: finding(d).update(severity="fatal")),
        ("bad applicability", lambda d: finding(d)["fix"].update(applicability="maybe")),
        ("bad period", lambda d: d["files"][0].update(period="02/2024")),
        ("wrong schema id", lambda d: d.update(schema="dvc-validate/findings@2")),
        ("extra top-level key", lambda d: d.update(extra=1)),
    ]


@pytest.mark.parametrize(("what", "mutate"), _mutations(), ids=[m[0] for m in _mutations()])
def test_schema_rejects_what_the_contract_forbids(
    result: Result, validator: Draft202012Validator, what: str, mutate: Any
) -> None:
    data = copy.deepcopy(result.to_dict())
    mutate(data)
    assert not validator.is_valid(data), what
