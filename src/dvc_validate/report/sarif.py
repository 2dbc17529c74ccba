"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; the driver lists a rule for each code that fired, with its title, what
it checks (the first paragraph of its docs), ``help`` (the whole rationale and
the fix) and, when it is known where the docs are published, a ``helpUri`` to
its page (:func:`docs_url`). Each result has a physical location in the file as
given. Text sources carry their line and
column (counted in Unicode code points, hence ``columnKind``). Word, Excel and
PDF sources have no line in the file, so the region is line 1 and the real
position goes in a logical location (``table 1, row 4, cell 6``) and at the
start of the message, which is what a viewer shows.
``partialFingerprints`` carries the finding's fingerprint, which ignores line
moves, so code scanning keeps an alert open across edits instead of
reopening it.

Files that could not be read are tool execution notifications: they are not
findings about the report, and SARIF keeps the two apart.
"""

from __future__ import annotations

import json
import os
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from ..model.finding import Finding, Result, Severity
from ..model.location import Location
from ._common import by_rule, found_expected
from ._escape import xml

__all__ = ["DOCS_URL_ENV", "SARIF_SCHEMA", "artifact_uri", "docs_url", "render"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str) -> str:
    """A URI reference for ``path``: forward slashes, percent-encoded, ``file:`` if absolute.

    SARIF wants a valid URI; ``báo cáo.docx`` is not one, ``b%C3%A1o%20c%C3%A1o.docx`` is.
    """
    win = PureWindowsPath(path)
    if win.drive and win.is_absolute():
        return win.as_uri()
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return PurePosixPath(posix).as_uri()
    # a name that is not UTF-8 (surrogateescape) is percent-encoded as its own bytes
    return quote(posix, safe="/-_.~", errors="surrogateescape")


def _has_line(loc: Location) -> bool:
    return loc.line is not None and loc.page is None and loc.sheet is None


def _location(uri: str, loc: Location, found: str | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": loc.line if _has_line(loc) else 1}
    if _has_line(loc) and loc.column is not None:
        region["startColumn"] = loc.column
        if found:
            region["endColumn"] = loc.column + len(found)
    out: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": uri}, "region": region},
    }
    if not _has_line(loc) and loc.describe("en") != "-":
        logical: dict[str, Any] = {"name": loc.describe("en"), "kind": "element"}
        path = [
            f"{word}[{value}]"
            for word, value in (
                ("sheet", loc.sheet),
                ("page", loc.page),
                ("paragraph", loc.paragraph),
                ("table", loc.table),
                ("row", loc.row),
                ("cell", loc.cell),
            )
            if value is not None
        ]
        if path:  # e.g. table[1]/row[4]/cell[6]: the same place, for tools to parse
            logical["fullyQualifiedName"] = "/".join(path)
        out["logicalLocations"] = [logical]
    return out


def _fix(uri: str, f: Finding) -> list[dict[str, Any]]:
    """A SARIF fix when the figure's exact span in a text source is known."""
    loc = f.location
    if f.fix is None or not f.found or not _has_line(loc) or loc.column is None:
        return []
    region = {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endColumn": loc.column + len(f.found),
    }
    return [
        {
            "description": {
                "text": f"{f.found} → {f.fix.replacement} ({f.fix.applicability.value})"
            },
            "artifactChanges": [
                {
                    "artifactLocation": {"uri": uri},
                    "replacements": [
                        {"deletedRegion": region, "insertedContent": {"text": f.fix.replacement}}
                    ],
                }
            ],
        }
    ]


def _result(uri: str, f: Finding, rule_index: int, lang: str) -> dict[str, Any]:
    fe = found_expected(f)
    text = f"{f.message} ({fe})" if fe else f.message
    if not _has_line(f.location) and f.location.describe(lang) != "-":
        # a viewer shows a Word or Excel result at "line 1": say where it really is
        text = f"{f.location.describe(lang)}: {text}"
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[f.severity],
        "message": {"text": text},
        "locations": [_location(uri, f.location, f.found)],
    }
    related = [
        {"id": i, **_location(uri, r)} for i, r in enumerate(dict.fromkeys(f.related), start=1)
    ]
    if related:
        out["relatedLocations"] = related
    if f.fingerprint:
        out["partialFingerprints"] = {"dvcValidate/v1": f.fingerprint}
    fixes = _fix(uri, f)
    if fixes:
        out["fixes"] = fixes
    out["properties"] = {
        "found": f.found,
        "expected": f.expected,
        "indicator": f.location.indicator,
    }
    return out


#: Where the rule pages are published (``docs/rules/CODE.md`` built by mkdocs). The
#: GitHub Action sets it to the action's own repository; without it, and without a
#: ``Documentation`` project URL in the installed metadata, rules carry no helpUri.
DOCS_URL_ENV = "DVC_VALIDATE_DOCS_URL"


def docs_url(code: str) -> str | None:
    """The rule's documentation page, when it is known where the docs are."""
    base = os.environ.get(DOCS_URL_ENV, "").strip()
    if not base:
        try:
            urls = metadata("dvc-validate").get_all("Project-URL") or []
        except PackageNotFoundError:
            urls = []
        base = next(
            (u.split(",", 1)[1].strip() for u in urls if u.startswith("Documentation,")), ""
        )
        base = base and base.rstrip("/") + "/rules/"
    if not base:
        return None
    if "github.com/" in base and "/blob/" in base:
        return f"{base.rstrip('/')}/{code}.md"  # the Markdown page in the repository
    return f"{base.rstrip('/')}/{code}/"  # the mkdocs site: one folder a page


def _summary(rationale: str) -> str:
    """The first paragraph of a rule's docstring, on one line."""
    first = rationale.strip().split("\n\n", 1)[0]
    return " ".join(first.split())


def _rule(code: str, name: str, lang: str) -> dict[str, Any]:
    """The rule as code scanning shows it: its title, what it checks, why and how to fix.

    Rule metadata comes from the registry, which holds every code any path emits
    (``check-table``'s too); a code it does not know (a user relation's, say) keeps
    its name only."""
    from ..checks import REGISTRY, Selection, resolve_selection

    resolve_selection(Selection())  # imports the rule families
    r = REGISTRY.get(code)
    out: dict[str, Any] = {"id": code, "name": name}
    if r is None:
        out["shortDescription"] = {"text": name.replace("-", " ").capitalize()}
        return out
    summary = _summary(r.rationale) or r.title(lang)
    fix = {"safe": "safe", "unsafe": "unsafe", "display": "advice only"}
    fix_line = f"Fix: {fix[r.fix.value]} (dvc-validate lint --fix)." if r.fix else ""
    url = docs_url(code)
    out["shortDescription"] = {"text": r.title(lang)}
    out["fullDescription"] = {"text": summary}
    help_md = f"**{r.title_vi}** / {r.title_en}\n\n{r.rationale}"
    if fix_line:
        help_md += f"\n\n{fix_line}"
    out["help"] = {
        "text": " ".join(f"{r.title(lang)}. {summary} {fix_line}".split()),
        "markdown": help_md,
    }
    if url is not None:
        out["helpUri"] = url
    out["defaultConfiguration"] = {"level": _LEVEL[r.severity]}
    out["properties"] = {"family": r.family, "tags": [r.family]}
    return out


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """The SARIF log as indented JSON text (UTF-8 kept as is)."""
    rules = by_rule(result)
    index = {code: i for i, (code, _, _) in enumerate(rules)}
    driver: dict[str, Any] = {"name": "dvc-validate"}
    if result.tool_version:
        driver["version"] = result.tool_version
    driver["rules"] = [_rule(code, name, result.lang) for code, name, _ in rules]
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for fr in result.files:
        uri = artifact_uri(fr.path)
        if fr.error is not None:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": fr.error.message},
                    "descriptor": {"id": fr.error.code},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
        results.extend(_result(uri, f, index[f.code], result.lang) for f in fr.findings)
    invocation: dict[str, Any] = {"executionSuccessful": not result.has_errors}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "language": "en" if result.lang == "en" else "vi",  # the messages' language
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(_clean(log), ensure_ascii=False, indent=2)


def _clean(value: Any) -> Any:
    """Every string of the log as XML 1.0 allows: SARIF viewers show messages as
    HTML or in a terminal, and a lone surrogate cannot be written as UTF-8."""
    if isinstance(value, str):
        return xml(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value
