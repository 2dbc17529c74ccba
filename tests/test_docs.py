"""The documentation builds with mkdocs --strict: no broken link, no missing page."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(
    shutil.which("mkdocs") is None and sys.platform != "linux", reason="mkdocs not installed"
)
def test_mkdocs_builds_strict(tmp_path: Path) -> None:
    proc = subprocess.run(
        # not -q: mkdocs 1.6 then hides the strict-mode abort and exits 0
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0 and "WARNING" not in proc.stderr, proc.stderr
    assert "not included in the" not in proc.stderr, proc.stderr  # every page is in the nav
    assert (tmp_path / "site" / "rules" / "PC001" / "index.html").is_file()
