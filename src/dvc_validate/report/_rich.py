"""rich output as a string: one console set-up for every table the tool prints."""

from __future__ import annotations

import io
from typing import IO, Any

from rich.console import Console

__all__ = ["console", "render_rich"]


def console(color: bool, file: IO[str] | None = None) -> Console:
    """A pipe or file gets plain text wide enough for tables; a terminal keeps its width.
    Markup is off: strings here may come from a document and are never read as markup."""
    return Console(
        file=file,
        color_system="auto" if color else None,
        force_terminal=color or None,
        highlight=False,
        markup=False,
        emoji=False,
        width=None if color else 160,
        soft_wrap=False,
    )


def render_rich(*renderables: Any, color: bool = False) -> str:
    """What ``renderables`` print, as one string."""
    buf = io.StringIO()
    out = console(color, buf)
    for r in renderables:
        out.print(r)
    return buf.getvalue()
