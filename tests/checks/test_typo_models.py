"""One slip of each typo model in a generated consistent report: the finding points at
the slipped figure and its top suggestion restores the original.

Only injections where the document pins the original down are asserted (defined in
tests/typoinject.py); benchmarks/typo_rates.py measures all of them, and
docs/localisation.md records the rates.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from dvc_validate.checks.typos import typo_candidates
from typoinject import MODELS, NUMERIC, evaluate, mutations, sample


@pytest.mark.parametrize("model", MODELS)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_a_slip_is_found_at_its_figure_and_undone(model: str, seed: int) -> None:
    inj = sample(model, random.Random(seed))
    assume(inj.determined)
    found, restored = evaluate(inj)
    assert found, f"{inj.original} → {inj.typo} (line {inj.line}) was not found there"
    assert restored, f"{inj.original} → {inj.typo} (line {inj.line}) was not restored"


@pytest.mark.parametrize("model", NUMERIC)
@given(
    st.decimals(min_value=-999, max_value=9999, places=2, allow_nan=False).map(
        lambda d: f"{d:.2f}".replace(".", ",")
    )
)
def test_every_slip_can_be_undone_by_a_candidate_of_its_model(model: str, raw: str) -> None:
    """The candidates of a slipped figure include the original: typo_candidates is the
    inverse of every injected slip."""
    for typo in mutations(raw, model)[:20]:
        back = {c.raw for c in typo_candidates(typo) if c.model == model}
        assert raw in back or raw.lstrip("+") in back, (raw, typo)


def test_a_transposition_across_the_decimal_mark_is_a_candidate() -> None:
    assert "70,83%" in {c.raw for c in typo_candidates("78,03%") if c.model == "transposed"}
