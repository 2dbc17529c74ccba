"""The recorded portal data (``../shared/portal/phu-tho-2026-08``, beside the worktree)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dvc_validate.portal import PortalData, read_portal

RECORDED = Path(__file__).resolve().parents[3] / "shared" / "portal" / "phu-tho-2026-08"


@pytest.fixture(scope="session")
def recorded_dir() -> Path:
    if not (RECORDED / "CAPTURES.json").is_file():
        pytest.skip("the recorded portal data (../shared/portal) is not here")
    return RECORDED


@pytest.fixture(scope="session")
def recorded(recorded_dir: Path) -> PortalData:
    return read_portal(recorded_dir)
