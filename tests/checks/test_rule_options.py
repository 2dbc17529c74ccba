"""Per-rule options are validated with pydantic and change what a rule reports."""

from __future__ import annotations

import pytest

from dvc_validate.api import lint
from dvc_validate.casebook import Case, case_source
from dvc_validate.config import Config
from dvc_validate.errors import ConfigError

UNGROUPED = case_source(Case(name="x", kind="fail", replace=[("3.863", "3863")]))


def test_option_changes_the_threshold() -> None:
    default = lint(UNGROUPED, format="text")
    assert [f.found for f in default.findings if f.code == "NF003"] == ["3863"]
    relaxed = lint(UNGROUPED, format="text", config=Config(options={"NF003": {"min_value": 10000}}))
    assert [f for f in relaxed.findings if f.code == "NF003"] == []


@pytest.mark.parametrize(
    "options", [{"NF003": {"min_value": "many"}}, {"NF003": {"colour": 1}}, {"PC001": {"x": 1}}]
)
def test_bad_options_are_a_config_error(options: dict[str, dict[str, object]]) -> None:
    with pytest.raises(ConfigError) as err:
        lint(UNGROUPED, format="text", config=Config(options=options))
    assert next(iter(options)) in err.value.message("en")
