"""The header of a report: issuing body, number, place and date, period, legal basis."""

from __future__ import annotations

import re

from ..model.document import TextBlock
from ..model.report import DateRef, Header, Period, Placeholder, TextRef
from ..vn import find_dates, nfc
from .common import to_ref

__all__ = ["UNIT_LEVELS", "extract_header"]

UNIT_LEVELS = ["thị trấn", "thị xã", "thành phố", "xã", "phường", "huyện", "quận", "tỉnh"]
_LEVEL_RE = "|".join(UNIT_LEVELS)
_ISSUER_RE = re.compile(r"^(?:ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN\s*(?P<rest>.*)$", re.I)
_UNIT_RE = re.compile(rf"^(?P<level>{_LEVEL_RE})\s+(?P<name>.+)$", re.I)
_UBND_RE = re.compile(rf"^UBND\s+(?P<level>{_LEVEL_RE})\s+(?P<name>.+)$", re.I)
_NUMBER_RE = re.compile(r"^Số\s*:?\s*(?P<num>.*)$", re.I)
_PLACE_DATE_RE = re.compile(r"^(?P<place>[^,]{2,60}),\s*ngày", re.I)
_LEGAL_RE = re.compile(
    r"Quyết định\s+(?:số\s+)?(?P<num>\d+/QĐ-TTg)\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4})", re.I
)
_REPORTER_RE = re.compile(rf"(?:UBND|Ủy ban nhân dân)\s+(?P<level>{_LEVEL_RE})\s+báo cáo", re.I)
_SUBJECT_RE = re.compile(r"^V/v\b", re.I)


def _title(s: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())


def _unit(level: str, name: str) -> tuple[str, str]:
    return level.lower(), _title(name.strip())


def extract_header(blocks: list[TextBlock]) -> tuple[Header, list[DateRef], list[Placeholder]]:
    """Read the header from the text stream (paragraphs, then cells of layout tables)."""
    h = Header()
    dates: list[DateRef] = []
    holes: list[Placeholder] = []
    head = blocks[:40]
    for i, b in enumerate(head):
        t = nfc(b.text).strip()
        if h.issuer is None:
            m = _ISSUER_RE.match(t)
            m2 = _UBND_RE.match(t)
            if m and m.group("rest"):
                um = _UNIT_RE.match(m.group("rest"))
                if um:
                    h.unit_level, h.unit_name = _unit(um.group("level"), um.group("name"))
            elif m and i + 1 < len(head):
                um = _UNIT_RE.match(head[i + 1].text.strip())
                if um:
                    h.unit_level, h.unit_name = _unit(um.group("level"), um.group("name"))
            elif m2:
                h.unit_level, h.unit_name = _unit(m2.group("level"), m2.group("name"))
            if h.unit_level:
                h.issuer = TextRef(text=f"UBND {h.unit_level} {h.unit_name}", location=b.location)
        m = _NUMBER_RE.match(t)
        if m and m.group("num")[:1].islower():
            m = None  # "Số lượng hồ sơ …", "Số hồ sơ …" open a sentence, not a number line
        if h.number is None and m:
            h.number = TextRef(text=t, location=b.location)
            num = m.group("num").strip()
            h.number_blank = not re.match(r"^\d", num)
            if h.number_blank:
                holes.append(Placeholder(what="number", raw=t, location=b.locate(0)))
        if h.issue_date is None and _PLACE_DATE_RE.match(t) and "ngày" in t.lower():
            found = find_dates(b.text)
            if found:
                pm = _PLACE_DATE_RE.match(t)
                h.place = pm.group("place").strip() if pm else None
                h.issue_date = to_ref(found[0], b, "issue", "header")
                dates.append(h.issue_date)
                if h.issue_date.placeholder:
                    holes.append(
                        Placeholder(what="day", raw=found[0].raw, location=h.issue_date.location)
                    )
        if h.period is None and _SUBJECT_RE.match(t):
            # the subject runs over several short lines up to the salutation
            for b2 in head[i : i + 8]:
                if b2.text.strip().lower().startswith("kính gửi"):
                    break
                for d in find_dates(b2.text):
                    if d.style == "month" and d.period:
                        ref = to_ref(d, b2, "period", "subject")
                        dates.append(ref)
                        h.period = Period(
                            year=d.period[0], month=d.period[1], raw=d.raw, location=ref.location
                        )
                        break
                if h.period:
                    break
    for b in blocks:
        if h.legal_basis is None and (m := _LEGAL_RE.search(b.text)):
            h.legal_basis = TextRef(text=m.group(0), location=b.locate(m.start()))
            h.legal_number = m.group("num")
            cited = find_dates(m.group(0))
            if cited:
                h.legal_date = to_ref(cited[-1], b, "legal-basis", "text", offset=m.start())
                dates.append(h.legal_date)
        for m in _REPORTER_RE.finditer(b.text):
            h.reporter_mentions.append(TextRef(text=m.group(0), location=b.locate(m.start())))
    return h, dates, holes
