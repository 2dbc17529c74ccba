"""``dvc-validate version``."""

from __future__ import annotations

from .. import __version__
from ._app import app
from ._output import _print


@app.command()
def version() -> int:
    """Print the version of dvc-validate, Python and pydantic."""
    import platform
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        pydantic = dist_version("pydantic")
    except PackageNotFoundError:  # pragma: no cover - pydantic is a dependency
        pydantic = "?"
    _print(f"dvc-validate {__version__}\nPython {platform.python_version()}, pydantic {pydantic}")
    return 0
