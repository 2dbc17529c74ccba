"""Helpers of the fixer tests: arithmetic error codes and generated reports with one
determined slip (imported by the tests; conftest.py only holds fixtures)."""

from __future__ import annotations

import random
from pathlib import Path

from typoinject import NUMERIC, Injection, sample

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ARITHMETIC = ("PC", "DL", "TO", "SC", "CO")
# ambiguous by design: no single figure can be blamed, so no fix is proposed
AMBIGUOUS_IN_DRAFT = {"TO002", "CO002"}


def arithmetic_errors(findings: list) -> set[str]:  # type: ignore[type-arg]
    return {
        f.code for f in findings if f.severity.value == "error" and f.code.startswith(ARITHMETIC)
    }


def determined_slips(models: tuple[str, ...] = NUMERIC, per_model: int = 3) -> list[Injection]:
    """Slips whose original the document pins down, from a fixed seed."""
    out: list[Injection] = []
    for model in models:
        rng = random.Random(f"fix:{model}")
        found = 0
        while found < per_model:
            inj = sample(model, rng)
            if inj.determined:
                out.append(inj)
                found += 1
    return out
