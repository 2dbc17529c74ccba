"""Reporters: one pure function per output format, ``render(result, ...) -> str``.

Every reporter takes the same :class:`~dvc_validate.model.finding.Result` and
returns text; none prints or touches files, so the CLI, the library and the
tests share them. ``REPORTERS`` maps a format name to its function. Each entry
imports its module on first call, so choosing ``--format json`` never pays for
rich or xml.etree.

Formats: ``text`` (terminal, rich), ``concise`` (one line a finding), ``json``
(the ``dvc-validate/findings@1`` contract), ``sarif`` (SARIF 2.1.0), ``github``
(workflow commands), ``junit`` (JUnit XML), ``markdown`` (merge-request
comments) and ``html`` (one self-contained page with the source highlighted).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from ..model.finding import Result

__all__ = ["FORMATS", "REPORTERS", "render"]

_MODULES: dict[str, tuple[str, str]] = {
    "text": ("text", "render"),
    "concise": ("concise", "render"),
    "json": ("json", "render"),
    "sarif": ("sarif", "render"),
    "github": ("github", "render"),
    "junit": ("junit", "render"),
    "markdown": ("markdown", "render"),
    "html": ("html", "render"),
}

FORMATS = tuple(_MODULES)


def _lazy(module: str, attr: str) -> Callable[..., str]:
    """A stand-in that imports ``report.<module>`` when first called."""

    def call(result: Result, **kw: Any) -> str:
        fn: Callable[..., str] = getattr(import_module(f"{__name__}.{module}"), attr)
        return fn(result, **kw)

    call.__name__ = f"render_{module}"
    call.__qualname__ = call.__name__
    call.__doc__ = f"Render a result as {module} (imports dvc_validate.report.{module} lazily)."
    return call


REPORTERS: dict[str, Callable[..., str]] = {
    fmt: _lazy(module, attr) for fmt, (module, attr) in _MODULES.items()
}


def render(result: Result, fmt: str, **kw: Any) -> str:
    """Render ``result`` in format ``fmt`` (a key of :data:`REPORTERS`).

    Keyword arguments (``lang``, ``color``) go to the reporter. An unknown
    format is a programming error here (the CLI validates its option), so it
    raises :class:`ValueError`. A file name that is not UTF-8 is shown with
    U+FFFD, so every format can be written (``report/_escape.py``).
    """
    from ._escape import no_surrogates

    try:
        reporter = REPORTERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}"
        ) from None
    return no_surrogates(reporter(result, **kw))
