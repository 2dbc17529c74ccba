"""Escapers for document text, one per consumer of the output.

A draft is written by someone else: its text and its file name reach a
terminal, an XML parser, a Markdown renderer, a CI runner that reads workflow
commands from the log, and rich's markup parser. Each of these gives some
characters a meaning, so every string that comes from a document (or from a
file name) goes through the escaper of the consumer it is written for, at the
place it enters the output. Our own words and codes never need it.

* terminal (text, concise, stderr, ``extract``): control characters shown as
  ``\\x1b``, line breaks as ``␤``; a word that starts with ``::`` gets a
  zero-width space, so no line can start a GitHub workflow command;
* XML 1.0 (JUnit, HTML, SARIF texts): the characters XML 1.0 forbids shown as
  ``\\x01``;
* Markdown: ``[ ] ( ) !`` escaped, so no link or image is live;
* GitHub workflow commands: ``%``, CR and LF (and ``:`` ``,`` in properties)
  percent-encoded; other controls shown as ``\\x1b``;
* rich: document strings are :class:`rich.text.Text`, never parsed as markup.

File names that are not valid UTF-8 arrive as lone surrogates
(``surrogateescape``); every escaper shows them as U+FFFD, so the file is
still reported and every output can still be encoded.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

__all__ = [
    "LINE_BREAK",
    "controls",
    "markdown",
    "no_surrogates",
    "rich_text",
    "terminal",
    "xml",
]

LINE_BREAK = "␤"

_SURROGATES = re.compile("[\ud800-\udfff]")
#: Line breaks as Python, terminals and the GitHub runner see them.
_BREAKS = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: C0 and C1 controls but the tab, LF and CR (the consumer decides about those),
#: DEL, the Unicode line separators, and the bidirectional overrides that can
#: make a terminal show text in another order than it is stored.
_CONTROLS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
#: What XML 1.0 forbids (the complement of its ``Char`` production), surrogates
#: included. Spelled as the forbidden ranges: the negated class of the allowed ones
#: took ~7 ms to compile on every start-up; a test keeps the two the same set.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_COMMAND_START = re.compile(r"(?<!\S)::")
_MARKDOWN = re.compile(r"([\[\]()!])")


def _visible(m: re.Match[str]) -> str:
    c = m.group(0)
    n = ord(c)
    if 0xD800 <= n <= 0xDFFF:
        return "\ufffd"
    return f"\\x{n:02x}" if n <= 0xFF else f"\\u{n:04x}"


def no_surrogates(text: str) -> str:
    """Lone surrogates (an undecodable file name) as U+FFFD, so UTF-8 can encode it."""
    return _SURROGATES.sub("\ufffd", text)


def controls(text: str) -> str:
    """Control characters but line breaks and tabs shown as ``\\x1b``, for
    consumers that escape line breaks themselves (GitHub workflow commands)."""
    return _CONTROLS.sub(_visible, no_surrogates(text))


def terminal(text: str) -> str:
    """One line of document text, safe for a terminal and for a CI log.

    ESC and the other controls are shown as ``\\x1b``, line breaks as ``␤``, and
    a word that starts with ``::`` (a GitHub workflow command, should the line
    be wrapped there) gets a zero-width space after its first colon.
    """
    text = _BREAKS.sub(LINE_BREAK, text)
    text = controls(text)
    return _COMMAND_START.sub(":\u200b:", text)


def xml(text: str) -> str:
    """Text an XML 1.0 parser accepts: forbidden characters shown as ``\\x01``."""
    return _NOT_XML.sub(_visible, text)


def markdown(text: str) -> str:
    """Brackets, parentheses and ``!`` escaped, so no link or image is live."""
    return _MARKDOWN.sub(r"\\\1", text)


def rich_text(text: str, style: str = "") -> Text:
    """Document text as a :class:`rich.text.Text`: shown as is, never read as markup."""
    from rich.text import Text  # rich costs start-up time; only its users pay it

    return Text(terminal(text), style=style)
