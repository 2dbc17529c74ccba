"""Suppressions with a reason: in the config, or as Markdown/HTML comments.

``<!-- dvc-validate: ignore DL001 indicator=3.5.a reason="..." -->`` in a Markdown
or text source, or ``[[tool.dvc-validate.suppress]]`` in the config. A
suppression that matches no finding is reported as info (DV001), so stale ones
get cleaned up instead of hiding the next real error at the same spot.

The text reader drops HTML comments (they are not report content), so the
comments are read here from the source file itself; line numbers agree because
both decode the bytes the same way.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .errors import ConfigError
from .model.document import Document
from .model.finding import Finding
from .model.location import Location

__all__ = ["Directive", "apply_suppressions", "read_directives"]

_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)
_PREFIX_RE = re.compile(r"^\s*dvc-validate\s*:\s*", re.I)
_INT_KEYS = ("line", "paragraph", "table", "row", "cell")
_TEXT_FORMATS = ("text", "markdown")
_TEXT_SUFFIXES = (".md", ".markdown", ".txt", ".text")


@dataclass
class Directive:
    """One suppression, from the config or from a comment, and whether it was used."""

    codes: tuple[str, ...]
    reason: str
    indicator: str | None = None
    where: dict[str, int] = field(default_factory=dict)  # location fields that must match
    origin: Location = field(default_factory=Location)  # where it is written (comments)
    text: str | None = None  # the comment as written
    used: bool = False

    def matches(self, f: Finding) -> bool:
        if not any(c.upper() == f.code or c.lower() == f.name for c in self.codes):
            return False
        if self.indicator is not None and _norm(self.indicator) != _norm(f.location.indicator):
            return False
        return all(getattr(f.location, k) == v for k, v in self.where.items())


def apply_suppressions(
    findings: list[Finding], config: Config, path: str, doc: Document | None
) -> list[Finding]:
    """Drop the findings a suppression covers; add DV001 for each unused suppression.

    Raises :class:`ConfigError` for a malformed comment (e.g. one without a
    reason), so a suppression is never silently ignored.
    """
    directives = [*_from_config(config, path), *_from_source(path, doc)]
    if not directives:
        return findings
    kept: list[Finding] = []
    for f in findings:
        hits = [d for d in directives if d.matches(f)]
        for d in hits:
            d.used = True
        if not hits:
            kept.append(f)
    unused = [d for d in directives if not d.used]
    if unused and _dv001_selected(config, path):
        kept.extend(_unused_finding(d, config) for d in unused)
        kept.sort(key=lambda f: (f.location.sort_key(), f.code, f.found or ""))
    return kept


def _norm(indicator: str | None) -> str:
    return (indicator or "").strip().rstrip(".").lower()


def _from_config(config: Config, path: str) -> list[Directive]:
    out: list[Directive] = []
    for s in config.suppress:
        if s.path is not None and not config.matches_path(s.path, path):
            continue
        where = {k: v for k in _INT_KEYS if (v := getattr(s, k)) is not None}
        out.append(Directive(codes=(s.code,), reason=s.reason, indicator=s.indicator, where=where))
    return out


def _from_source(path: str, doc: Document | None) -> list[Directive]:
    """Comments in a text/Markdown file (stdin and Word files have none), read
    from the bytes the document was read from: the file is not opened again."""
    if doc is None or doc.format not in _TEXT_FORMATS or doc.data is None:
        return []
    if Path(path).suffix.lower() not in _TEXT_SUFFIXES:
        return []
    from .readers.encoding import decode_text
    from .vn import nfc

    text, _notes = decode_text(doc.data, path)
    return read_directives(nfc(text), path)


def read_directives(text: str, path: str = "<text>") -> list[Directive]:
    """Every ``<!-- dvc-validate: ... -->`` comment in ``text``, resolved to a target.

    A comment that gives neither ``line=`` nor ``indicator=`` applies to the
    line it ends (after text) or, alone on its line, to the next content line.
    """
    lines = text.split("\n")
    out: list[Directive] = []
    for m in _COMMENT_RE.finditer(text):
        body = m.group(1)
        head = _PREFIX_RE.match(body)
        if head is None:
            continue
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        d = _parse(body[head.end() :].strip(), path, line)
        d.origin = Location(line=line, column=col)
        if d.indicator is None and not d.where:
            before = lines[line - 1][: col - 1]
            end_line = text.count("\n", 0, m.end()) + 1
            target = line if before.strip() else _next_content_line(lines, end_line)
            if target is None:
                raise _error(
                    path,
                    line,
                    "chỉ thị bỏ qua ở cuối tệp không áp dụng cho dòng nào; "
                    "thêm line= hoặc indicator=",
                    "the suppression at the end of the file applies to no line; "
                    "add line= or indicator=",
                )
            d.where = {"line": target}
        out.append(d)
    return out


def _next_content_line(lines: list[str], after: int) -> int | None:
    """The 1-based number of the first non-blank, non-comment line after line ``after``."""
    in_comment = False
    for n in range(after + 1, len(lines) + 1):
        s = lines[n - 1].strip()
        if in_comment:
            in_comment = "-->" not in s
            continue
        if s.startswith("<!--"):
            in_comment = "-->" not in s
            continue
        if s:
            return n
    return None


def _parse(body: str, path: str, line: int) -> Directive:
    """``ignore CODE[,CODE] [indicator=..] [line=N] reason="..."`` → a directive."""
    body = body.replace("“", '"').replace("”", '"')  # quotes typed in Word
    try:
        lex = shlex.shlex(body, posix=True)
        lex.whitespace_split = True
        tokens = list(lex)
    except ValueError as exc:
        raise _error(
            path, line, f"chỉ thị bỏ qua sai cú pháp ({exc})", f"malformed suppression ({exc})"
        ) from exc
    if not tokens or tokens[0].lower() != "ignore":
        raise _error(
            path,
            line,
            "chỉ thị dvc-validate phải bắt đầu bằng 'ignore'",
            "a dvc-validate directive must start with 'ignore'",
        )
    codes: list[str] = []
    values: dict[str, str] = {}
    for tok in tokens[1:]:
        key, eq, value = tok.partition("=")
        if not eq:
            codes.extend(c for c in tok.split(",") if c)
            continue
        key = key.strip().lower()
        if key not in ("reason", "indicator", *_INT_KEYS):
            raise _error(path, line, f"khoá không được hỗ trợ '{key}'", f"unknown key '{key}'")
        values[key] = value.strip()
    if not codes:
        raise _error(
            path, line, "chỉ thị bỏ qua thiếu mã quy tắc", "the suppression names no rule code"
        )
    if not values.get("reason"):
        raise _error(
            path,
            line,
            'chỉ thị bỏ qua thiếu lý do (reason="...")',
            'the suppression has no reason (reason="...")',
        )
    where: dict[str, int] = {}
    for k in _INT_KEYS:
        if k in values:
            if not values[k].isdigit():
                raise _error(path, line, f"{k}= cần một số", f"{k}= needs a number")
            where[k] = int(values[k])
    return Directive(
        codes=tuple(codes),
        reason=values["reason"],
        indicator=values.get("indicator") or None,
        where=where,
        text=body.strip(),
    )


def _error(path: str, line: int, vi: str, en: str) -> ConfigError:
    return ConfigError(
        f"{path}, dòng {line}: {vi}.", f"{path}, line {line}: {en}.", file=path, line=line
    )


def _dv001_selected(config: Config, path: str) -> bool:
    from .engine import resolve_selection

    return any(r.code == "DV001" for r in resolve_selection(config.selection_for(path)))


def _unused_finding(d: Directive, config: Config) -> Finding:
    """DV001 at the comment (or, for a config entry, at the place it targeted)."""
    from .engine import REGISTRY

    r = REGISTRY["DV001"]
    codes = ",".join(d.codes)
    location = d.origin
    if d.text is None:  # from the config: point at what it was meant to silence
        location = Location(indicator=d.indicator, **d.where)
    f = Finding(
        code=r.code,
        name=r.name,
        severity=config.severity.get(r.code, r.severity),
        message=r.message(config.lang, {"code": codes}),
        location=location,
        found=d.text,
        data={"code": codes},
    )
    f.fingerprint = f.compute_fingerprint()
    return f
