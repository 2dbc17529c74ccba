"""The check every benchmark makes before its imports: what it needs is installed.

A benchmark run on a default install used to end in a traceback from deep inside
pandas (``ImportError … pyarrow``). This says, in one sentence, which module is
missing and what to install, and exits 2 like the CLI does for a tool error.
"""

from __future__ import annotations

import importlib.util
import sys

INSTALL = "pip install 'dvc-validate[bench]'"


def require(script: str, *modules: str) -> None:
    """Exit 2 with one plain line unless every module in ``modules`` can be imported."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if missing:
        sys.stderr.write(f"{script} needs {', '.join(missing)}: {INSTALL}\n")
        raise SystemExit(2)
