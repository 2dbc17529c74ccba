"""Default factories for the models' empty lists and dicts.

Why not ``Field(default_factory=list)``: pydantic inspects every default factory's
signature when it builds a class (to know whether it takes the validated data),
and the signature of a builtin such as ``list`` is parsed from its text with the
tokenizer, ~0.2 ms each. With 40 such fields in this package that was ~8 ms of
every start-up (issue 12); a plain function's signature is read at once, and the
default is the same fresh empty container.
"""

from __future__ import annotations

from typing import Any

__all__ = ["new_dict", "new_list"]


def new_list() -> list[Any]:
    return []


def new_dict() -> dict[str, Any]:
    return {}
