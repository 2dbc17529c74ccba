"""JUnit XML: parsed back with xml.etree, one suite per file, one case per rule."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from dvc_validate.model.finding import Result
from dvc_validate.report import render

from .fixtures import CLEAN_PATH, DOCX_PATH, PDF_PATH, TEXT_PATH


def _root(result: Result) -> ET.Element:
    out = render(result, "junit")
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    return ET.fromstring(out.encode("utf-8"))


def test_suites_per_file(result: Result) -> None:
    root = _root(result)
    assert root.tag == "testsuites"
    assert [s.get("name") for s in root.findall("testsuite")] == [
        TEXT_PATH,
        DOCX_PATH,
        PDF_PATH,
        CLEAN_PATH,
    ]
    assert root.get("tests") == "8"
    assert root.get("failures") == "6"
    assert root.get("errors") == "1"


def test_one_case_per_rule_with_every_finding_listed(result: Result) -> None:
    suite = _root(result).find(f"testsuite[@name='{TEXT_PATH}']")
    assert suite is not None
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert set(cases) == {
        "PC001 percent-out-of-range",
        "DL001 change-mismatch",
        "TO001 axis-sum-mismatch",
    }
    assert all(c.get("classname") == TEXT_PATH for c in cases.values())
    pc = cases["PC001 percent-out-of-range"].find("failure")
    assert pc is not None
    assert pc.get("type") == "error"
    assert pc.text is not None
    assert pc.text.count("1000% → 100%") == 2  # both PC001 findings of the file
    assert "dòng 7:30" in pc.text and "dòng 4:39" in pc.text
    info = cases["TO001 axis-sum-mismatch"].find("failure")
    assert info is not None and info.get("type") == "info"  # every finding is a failure


def test_unreadable_file_is_an_error(result: Result) -> None:
    suite = _root(result).find(f"testsuite[@name='{PDF_PATH}']")
    assert suite is not None
    (case,) = suite.findall("testcase")
    err = case.find("error")
    assert err is not None and err.get("type") == "DV105"
    assert case.find("failure") is None


def test_clean_file_passes(result: Result) -> None:
    suite = _root(result).find(f"testsuite[@name='{CLEAN_PATH}']")
    assert suite is not None
    (case,) = suite.findall("testcase")
    assert case.get("name") == "dvc-validate"
    assert list(case) == []
    assert suite.get("failures") == "0" and suite.get("tests") == "1"
