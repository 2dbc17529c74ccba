"""Exceptions raised by dvc-validate.

Tool failures are exceptions; problems in the data are findings, never exceptions.
Every exception the library raises on bad input derives from :class:`DvcValidateError`,
so callers can catch one type. The CLI maps all of them to exit code 2.

Tree::

    DvcValidateError
    ├── InputError                 the input cannot be read at all
    │   ├── FileMissingError       the path does not exist / is not readable
    │   ├── UnsupportedFormatError a format we do not read (.doc, .odt, ...)
    │   ├── CorruptInputError      damaged file (bad zip, garbage bytes, ...)
    │   ├── InputTooLargeError     over a configured size limit (incl. zip bombs)
    │   └── NoTextLayerError       a scanned PDF with no text to read
    ├── NotAReportError            readable, but not a report of the index
    ├── ConfigError                bad configuration or CLI option
    │   └── RulePackError          a bad rule pack (names file and line)
    └── UnknownRuleError           an unknown rule code/name in select/ignore

Each carries a stable ``code`` (used in the JSON ``files[].error.code``) and
a message in Vietnamese and English, so the CLI can speak the user's language.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ConfigError",
    "CorruptInputError",
    "DvcValidateError",
    "FileMissingError",
    "InputError",
    "InputTooLargeError",
    "NoTextLayerError",
    "NotAReportError",
    "RulePackError",
    "UnknownRuleError",
    "UnsupportedFormatError",
]


class DvcValidateError(Exception):
    """Base of every tool failure. ``message(lang)`` gives the text to show."""

    code = "DV000"

    def __init__(self, message_vi: str, message_en: str | None = None, **data: Any) -> None:
        super().__init__(message_en or message_vi)
        self.message_vi = message_vi
        self.message_en = message_en or message_vi
        self.data = data

    def message(self, lang: str = "vi") -> str:
        """The one-sentence explanation in ``lang`` (``vi`` or ``en``)."""
        return self.message_en if lang == "en" else self.message_vi


class InputError(DvcValidateError):
    code = "DV100"


class FileMissingError(InputError):
    code = "DV101"


class UnsupportedFormatError(InputError):
    code = "DV102"


class CorruptInputError(InputError):
    code = "DV103"


class InputTooLargeError(InputError):
    code = "DV104"


class NoTextLayerError(InputError):
    code = "DV105"


class NotAReportError(DvcValidateError):
    code = "DV200"


class ConfigError(DvcValidateError):
    code = "DV300"


class RulePackError(ConfigError):
    code = "DV301"


class UnknownRuleError(ConfigError):
    code = "DV302"
