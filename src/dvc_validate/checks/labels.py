"""The one label table: how a finding names what it is about, in the user's language.

Relations and rules address figures by internal keys (``total``, ``1.2.a``,
``appendix2.3 (2)``, column roles such as ``new.rate``). Those keys stay in a
finding's ``data`` for tools; a message a person reads names the figure in words
("chỉ tiêu 1.2.a, tỷ lệ mới" / "indicator 1.2.a, new rate"). Every rule and every
reporter takes its words from here, so one subject is never named two ways.

A figure of running text is known by its vocabulary key (``received.online@huyen``);
its words in each language are data (``rules/prose.yaml``, ``names``), so a report
family that adds a measure names it there too.

A subject that matches no internal key is document text (a row's label) and is
shown as written: translating it would be a guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["label_placeholders", "role_label", "subject_label", "term"]

# internal key -> (Vietnamese, English)
_TERMS: dict[str, tuple[str, str]] = {
    "total": ("tổng điểm", "total score"),
    "appendix-total": ("Phụ lục I, điểm tổng hợp", "Appendix I, total score"),
    "total-change": ("mức thay đổi tổng điểm", "total score's change"),
    "previous-total": ("tổng điểm tháng trước", "last month's total score"),
    "previous-rank": ("xếp hạng tháng trước", "last month's rank"),
    "rank": ("xếp hạng", "rank"),
    "rank-change": ("số bậc thay đổi", "rank change"),
    "score": ("điểm", "score"),
    "period": ("kỳ báo cáo", "period"),
    "count": ("số lượng", "count"),
    "rate": ("tỷ lệ", "rate"),
    "old": ("cũ", "old"),
    "new": ("mới", "new"),
    "previous": ("tháng trước", "previous month"),
    "change": ("mức tăng/giảm", "change"),
    "indicator": ("chỉ tiêu", "indicator"),
    "appendix": ("Phụ lục", "Appendix"),
    "item": ("mục", "item"),
    "group": ("nhóm cột", "column group"),
}

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII"}
_INDICATOR = re.compile(r"\d+(?:\.\d+)*(?:\.[a-zđ])?")
_APPENDIX = re.compile(r"appendix(\d)\.(\w+)")
_SIDE = re.compile(r"(?P<base>.+) \((?P<side>[^()]+)\)")
_PROSE_KEY = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*(?:@[a-z][a-z0-9_]*)?")


def term(key: str, lang: str) -> str:
    """One word of the table in ``lang`` (Vietnamese unless ``lang`` is ``en``)."""
    vi, en = _TERMS[key]
    return en if lang == "en" else vi


def role_label(role: str, lang: str) -> str:
    """A column role in words: ``new.rate`` → "tỷ lệ mới" / "new rate".

    Vietnamese puts the side after the measure, English before it."""
    parts = role.split(".")
    if not all(p in _TERMS for p in parts):
        return role
    if len(parts) == 2 and parts[0] in ("old", "new", "change"):
        side, measure = parts
        if lang == "en":
            return f"{term(side, lang)} {term(measure, lang)}"
        if side == "change":
            return f"{term('change', lang)} {term(measure, lang)}"
        return f"{term(measure, lang)} {term(side, lang)}"
    return " ".join(term(p, lang) for p in parts)


def subject_label(
    subject: str, lang: str, role: str = "", axes: Mapping[str, tuple[str, str]] | None = None
) -> str:
    """What a finding is about, in words; document text passes through unchanged.

    ``role`` (a column role) is added after an indicator: "chỉ tiêu 1.2.a, tỷ lệ mới".
    ``axes`` maps the pack's axis keys to their names (``name_vi``, ``name_en``)."""
    side = _SIDE.fullmatch(subject)
    if side and side["side"] in ("old", "new", "change", "previous"):
        return f"{subject_label(side['base'], lang, axes=axes)} ({term(side['side'], lang)})"
    if axes and subject in axes:
        vi, en = axes[subject]
        return (en or vi) if lang == "en" else vi
    if side and side["base"].startswith("appendix"):
        base = subject_label(side["base"], lang, role)
        return f"{base}, {term('group', lang)} {side['side']}"
    if subject in _TERMS:
        return term(subject, lang)
    m = _APPENDIX.fullmatch(subject)
    if m:
        number = _ROMAN.get(int(m[1]), m[1])
        text = f"{term('appendix', lang)} {number} {term('item', lang)} {m[2]}"
        return f"{text}, {role_label(role, lang)}" if role else text
    if _INDICATOR.fullmatch(subject):
        text = f"{term('indicator', lang)} {subject}"
        return f"{text}, {role_label(role, lang)}" if role else text
    if all(p in _TERMS for p in subject.split(".")):  # a column role: "new.rate"
        return role_label(subject, lang)
    prose = _prose_label(subject, lang)
    return subject if prose is None else prose


def _prose_label(subject: str, lang: str) -> str | None:
    """A figure of running text by its vocabulary key, in words:
    ``received.online.rate@huyen`` → "hồ sơ tiếp nhận, trực tuyến (cấp huyện), tỷ lệ" /
    "files received, online (district level), rate". ``None`` for any other subject."""
    if not _PROSE_KEY.fullmatch(subject):
        return None  # document text or another key: the vocabulary is not even loaded
    from ..pack.prose import builtin_vocabulary

    vocab = builtin_vocabulary()
    key = vocab.read_subject_key(subject)
    if key is None:
        return None
    text = ", ".join(vocab.name(m, lang) for m in key.measures)
    if key.level:
        text += f" ({vocab.name(key.level, lang)})"
    return f"{text}, {term('rate', lang)}" if key.rate else text


def label_placeholders(
    data: Mapping[str, object], lang: str, axes: Mapping[str, tuple[str, str]] | None = None
) -> dict[str, str]:
    """The message words for a finding's internal keys: ``subject`` (with its ``role``),
    an ``axis``, a table ``side`` and a ``column`` role. Keys absent from ``data`` are
    left out."""
    shown: dict[str, str] = {}
    subject, role = data.get("subject"), data.get("role")
    if isinstance(subject, str):
        shown["subject"] = subject_label(
            subject, lang, role if isinstance(role, str) else "", axes=axes
        )
    axis = data.get("axis")
    if isinstance(axis, str):
        shown["axis"] = subject_label(axis, lang, axes=axes)
    side = data.get("side")
    if isinstance(side, str) and side in ("old", "new", "change"):
        shown["side"] = term(side, lang)
    column = data.get("column")
    if isinstance(column, str):
        shown["column"] = role_label(column, lang)
    return shown
