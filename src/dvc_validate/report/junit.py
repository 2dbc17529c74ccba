"""JUnit XML, for CI servers that show test results (GitLab, Jenkins, Azure).

Shape: one ``<testsuite>`` per file; one ``<testcase>`` per rule that fired in
that file (``classname`` = the path, ``name`` = ``CODE rule-name``), whose
``<failure>`` lists every finding of that rule. Keeping one case per rule, not
per finding, keeps the case names stable between runs, so CI history can track
"PC001 in report.docx" across commits.

Every finding is a failure, whatever its severity: JUnit has no "warning", and
the severity stays visible in the failure's ``type``. (Whether warnings fail
the build is the CLI's exit-code decision, not this format's.) A file without
findings gets one passing case, ``dvc-validate``; a file that could not be read
gets that case with an ``<error>``.
"""

from __future__ import annotations

from ..model.finding import Finding, Result
from ._common import found_expected, sorted_findings
from ._escape import xml

__all__ = ["render"]

_PASS_CASE = "dvc-validate"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _failure_text(findings: list[Finding], lang: str) -> str:
    lines = []
    for f in findings:
        fe = found_expected(f)
        fe = f" {fe}" if fe else ""
        lines.append(f"{f.location.describe(lang)}:{fe} ({f.severity.value}) {f.message}")
    return "\n".join(lines)


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """The whole run as a ``<testsuites>`` document, indented, with an XML declaration."""
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="dvc-validate")
    total_tests = total_failures = total_errors = 0
    for fr in result.files:
        suite = ET.SubElement(root, "testsuite", name=fr.path)
        tests = failures = errors = 0
        if fr.error is not None:
            case = ET.SubElement(suite, "testcase", classname=fr.path, name=_PASS_CASE)
            err = ET.SubElement(case, "error", message=fr.error.message, type=fr.error.code)
            err.text = f"{fr.error.code}: {fr.error.message}"
            tests, errors = 1, 1
        by_code: dict[str, list[Finding]] = {}
        for f in sorted_findings(fr.findings, fr.document):
            by_code.setdefault(f.code, []).append(f)
        for code in sorted(by_code):
            group = by_code[code]
            worst = max((f.severity for f in group), key=lambda s: s.rank)
            case = ET.SubElement(
                suite, "testcase", classname=fr.path, name=f"{code} {group[0].name}"
            )
            n = len(group)
            message = group[0].message if n == 1 else f"{n} × {code}: {group[0].message}"
            fail = ET.SubElement(case, "failure", message=message, type=worst.value)
            fail.text = _failure_text(group, lang)
            tests += 1
            failures += 1
        if tests == 0:
            ET.SubElement(suite, "testcase", classname=fr.path, name=_PASS_CASE)
            tests = 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        total_tests += tests
        total_failures += failures
        total_errors += errors
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    for el in root.iter():  # document text and file names: only what XML 1.0 allows
        el.attrib.update({k: xml(v) for k, v in el.attrib.items()})
        el.text = xml(el.text) if el.text else el.text
    ET.indent(root)
    # the declaration is written by hand: ElementTree would name the locale's encoding
    return _DECLARATION + ET.tostring(root, encoding="unicode") + "\n"
