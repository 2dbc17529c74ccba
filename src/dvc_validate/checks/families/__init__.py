"""Rule families. Importing this package registers every built-in rule."""

from importlib import import_module

_FAMILIES = [
    "ranges",
    "arithmetic",
    "statements",
    "consistency",
    "dates",
    "number_format",
    "document",
    "reading",
    "meta",
    "continuity",
    "portal",
    "prose",
    "tables",
]

for _name in _FAMILIES:
    try:
        import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # pragma: no cover - only while a family is being written
        if exc.name != f"{__name__}.{_name}":
            raise
