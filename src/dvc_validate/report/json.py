"""The JSON report: exactly :meth:`Result.to_dict`, the ``dvc-validate/findings@1``
contract described by ``findings.schema.json`` beside this module.

Nothing is added or renamed here: consumers depend on the contract, and the
schema test keeps the two in step. ``lang`` and ``color`` are accepted for a
uniform reporter signature; the messages in the result are already localised.
"""

from __future__ import annotations

import json

from ..model.finding import Result

__all__ = ["SCHEMA_FILE", "render"]

SCHEMA_FILE = "findings.schema.json"


def render(result: Result, *, lang: str = "vi", color: bool = False) -> str:
    """Pretty JSON, UTF-8 text kept as is (Vietnamese stays readable)."""
    return json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
