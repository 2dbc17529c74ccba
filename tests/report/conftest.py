"""Fixtures shared by the reporter tests: the fixed Result of ``fixtures.py``."""

from __future__ import annotations

import pytest

from dvc_validate.model.finding import Result

from .fixtures import build_result


@pytest.fixture
def result() -> Result:
    return build_result()


@pytest.fixture
def result_en() -> Result:
    return build_result(lang="en")
