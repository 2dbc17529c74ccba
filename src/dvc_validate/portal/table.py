"""``check-table DIR``: the portal pack's relations over every unit of a portal folder.

The same relations as ``lint --portal`` runs for one report's unit, over the
whole long table at once; the findings are those of the registered PT1xx rules,
located at the response file and the unit's place in it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .. import __version__
from ..checks import REGISTRY, RuleContext, load_rules
from ..checks.families.portal import relation_finding
from ..model.finding import FileResult, Result, Severity
from ..pack import builtin_pack
from .pack import portal_pack
from .read import PortalData, is_portal_source, read_portal
from .relations import evaluate_relations

__all__ = ["check_portal_table", "is_portal_source"]


def check_portal_table(
    source: PortalData | str | os.PathLike[str] | Mapping[str, bytes],
    *,
    lang: str = "vi",
    period: str | None = None,
    severities: Mapping[str, Severity] | None = None,
    name: str | None = None,
) -> Result:
    """Check the portal's figures against the relations ``rules/portal.yaml`` states;
    ``name`` is the result's path (default: the folder's name)."""
    data = source if isinstance(source, PortalData) else read_portal(source, period=period)
    load_rules()
    pack = portal_pack()
    contexts: dict[str, RuleContext] = {}
    findings = []
    for failure in evaluate_relations(data.table, pack):
        code = failure.relation.code
        if code not in contexts:
            contexts[code] = RuleContext(
                rule=REGISTRY[code],
                pack=builtin_pack(),
                lang=lang,
                severity=(severities or {}).get(code),
            )
        findings.append(relation_finding(contexts[code], failure, data.table))
    periods = data.periods
    fr = FileResult(
        path=name or Path(data.source).name or data.source,
        period=periods[0] if len(periods) == 1 else None,
        findings=findings,
    )
    return Result(files=[fr], lang=lang, tool_version=__version__)
