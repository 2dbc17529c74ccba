"""Report model files: JSON/YAML round trip, the extract wrapper, errors that say where."""

from __future__ import annotations

import json

import pytest
import yaml

from dvc_validate.errors import CorruptInputError
from dvc_validate.model.figure import Figure, FigureKind
from dvc_validate.model.location import Location
from dvc_validate.model.report import (
    AppendixRow,
    AppendixTable,
    DateRef,
    Header,
    Period,
    Report,
    Statement,
    TextRef,
    Trend,
)
from dvc_validate.readers import read_bytes
from dvc_validate.readers.model_file import SCHEMA, dump_model, read_model


def sample_report() -> Report:
    rate = Figure(
        raw="70,63%",
        value=70.63,
        decimals=2,
        kind=FigureKind.RATE,
        percent=True,
        location=Location(line=79, column=52, table=1, row=7, cell=4),
        role="old.rate",
    )
    score = Figure(
        raw="18,4/20",
        value=18.4,
        decimals=1,
        kind=FigureKind.SCORE,
        denominator=20,
        denominator_raw="20",
        location=Location(sheet="Phụ lục I", row=9, cell=4),
    )
    return Report(
        source="binh-thanh-2024-02.docx",
        format="docx",
        header=Header(
            issuer=TextRef(text="UBND XÃ BÌNH THÀNH", location=Location(paragraph=1)),
            number_blank=True,
            period=Period(year=2024, month=2, raw="tháng 02 năm 2024"),
            issue_date=DateRef(raw="ngày/03/2024", month=3, year=2024, placeholder=True),
        ),
        axes=[
            Statement(
                key="progress",
                label="Tiến độ giải quyết",
                score=score,
                trend=Trend.UP,
                trend_raw="tăng",
            )
        ],
        appendix=AppendixTable(
            rows=[
                AppendixRow(
                    number_raw="a)",
                    code="1.2.a",
                    label="Hồ sơ đã đồng bộ",
                    figures={"old.rate": rate},
                )
            ]
        ),
        missing=["rank"],
    )


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_round_trip(fmt: str) -> None:
    report = sample_report()
    text = dump_model(report, fmt)
    back = read_model(text.encode("utf-8"), f"model.{fmt}", fmt)
    assert back == report
    fig = back.appendix.rows[0].figures["old.rate"] if back.appendix else None
    assert fig is not None and fig.location == Location(line=79, column=52, table=1, row=7, cell=4)
    assert back.axes[0].score.location.sheet == "Phụ lục I"


def test_dump_is_the_extract_wrapper_in_readable_unicode() -> None:
    text = dump_model(sample_report(), "json")
    obj = json.loads(text)
    assert list(obj) == ["schema", "report"] and obj["schema"] == SCHEMA
    assert "UBND XÃ BÌNH THÀNH" in text  # ensure_ascii=False
    ytext = dump_model(sample_report(), "yaml")
    assert ytext.startswith(f"schema: {SCHEMA}\nreport:\n") and "Phụ lục I" in ytext
    with pytest.raises(ValueError):
        dump_model(sample_report(), "xml")


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_bare_model_is_accepted(fmt: str) -> None:
    report = sample_report()
    body = report.model_dump(mode="json")
    text = json.dumps(body) if fmt == "json" else yaml.safe_dump(body, allow_unicode=True)
    assert read_model(text.encode(), f"bare.{fmt}", fmt) == report


@pytest.mark.parametrize("name", ["model.json", "model.yaml", "model.yml"])
def test_dispatch(name: str) -> None:
    fmt = "json" if name.endswith("json") else "yaml"
    result = read_bytes(dump_model(sample_report(), fmt).encode(), name)
    assert isinstance(result, Report) and result.source == "binh-thanh-2024-02.docx"


def test_utf8_bom_is_fine() -> None:
    data = b"\xef\xbb\xbf" + dump_model(sample_report(), "json").encode()
    assert read_model(data, "bom.json", "json") == sample_report()


def _error(data: str, fmt: str) -> CorruptInputError:
    with pytest.raises(CorruptInputError) as info:
        read_model(data.encode(), f"bad.{fmt}", fmt)
    return info.value


def test_json_syntax_error_names_the_line() -> None:
    err = _error('{\n  "schema": "dvc-validate/report@1",\n  "report": {,}\n}\n', "json")
    assert err.data["line"] == 3
    assert "line 3" in err.message("en") and "dòng 3" in err.message("vi")


def test_yaml_syntax_error_names_the_line() -> None:
    err = _error("schema: dvc-validate/report@1\nreport:\n  source: x\n   format: [\n", "yaml")
    assert err.data["line"] == 4
    assert "line 4" in err.message("en")


def test_validation_error_names_the_field_path() -> None:
    body = sample_report().model_dump(mode="json")
    body["header"]["period"]["month"] = "hai"
    wrapped = json.dumps({"schema": SCHEMA, "report": body})
    err = _error(wrapped, "json")
    assert err.data["field"] == "report.header.period.month"
    assert "report.header.period.month" in err.message("en")
    bare = _error(json.dumps(body), "json")
    assert bare.data["field"] == "header.period.month"


def test_yaml_dates_are_not_silently_accepted() -> None:
    # an unquoted YAML date becomes a date object; the model wants the text as written
    err = _error("source: x.docx\ndates:\n  - raw: 2024-02-29\n", "yaml")
    assert err.data["field"] == "dates.0.raw"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"schema": "dvc-validate/findings@1", "files": []}', None),  # lint output, not a model
        ('{"schema": "dvc-validate/report@2", "report": {}}', None),
        ('{"schema": "dvc-validate/report@1", "report": [1, 2]}', None),
        ('{"name": "dvc-validate", "version": "0.1.0"}', "name"),  # any other JSON object
        ("[1, 2, 3]", None),
        ("{}", None),
        ("null", None),
    ],
)
def test_not_a_report_model(text: str, field: str | None) -> None:
    err = _error(text, "json")
    assert err.data.get("field") == field


def test_yaml_cannot_build_python_objects() -> None:
    err = _error("!!python/object/apply:os.system ['echo hacked']\n", "yaml")
    assert "YAML" in err.message("en")
