# ruff: noqa: E501  (report lines are templates of real report sentences and rows)
"""The layout zoo: one consistent report, rendered in every layout the tool claims to read.

A report is drawn from a seed (:func:`make_facts`): parts, then wholes, then rounded rates,
then changes, then axis scores, total and ranks, then month-end dates. :func:`build` lays
its figures out as an abstract document of paragraphs and tables in one *layout* (columns
in another order, axis scores as a table, Appendix I split, dates in words, NBSP, U+2212,
other total wordings...). Every figure keeps a *key* ("1.2.a:new.rate", "total:change"), so
an injected error (:data:`INJECTIONS`, one per error class of the devset) knows the places
where a finding must be. :func:`render` writes the document as ``.txt``, ``.md`` or
``.docx`` and maps each place to its location in that file; :func:`via_libreoffice` turns
python-docx files into LibreOffice-written ones (a second Word producer).

The zoo is used by tests/checks/test_layout_zoo.py and benchmarks/detection.py.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from dvc_validate.vn import format_number, last_day_of_month, previous_month
from reportgen import AXES

NBSP = "\u00a0"
MINUS = "\u2212"

LAYOUTS = [
    "base",
    "new-first",
    "change-first",
    "axis-table",
    "split-sections",
    "break-header",
    "break-noheader",
    "title-row",
    "one-header",
    "change-pp",
    "change-pp-words",
    "rows-left-out",
    "dates-words",
    "nbsp",
    "minus",
    "total-words",
    "total-words-tren",
    "rate-first",
    "vmerge",
    "no-sections",
    "axis-table-dated",
    "axis-table-fractions",
    "month-headers",
    "header-words",
]
FORMATS = ["txt", "md", "docx", "docx-lo"]

# ---------------------------------------------------------------------------- facts


@dataclass
class Facts:
    """Every figure of one consistent report, before it is laid out."""

    level: str
    name: str
    group: str
    year: int
    month: int
    decimals: int
    scores: list[float]
    prev: list[float]
    ranks: tuple[int, int, int]  # old, new, N
    counts: dict[str, tuple[int, int, int, int]]  # code → old a, old b, new a, new b
    rate_pairs: dict[str, tuple[float, float]]  # code → old a, new a (rates only)
    rates: dict[str, tuple[float, float]]  # single rates: old, new
    totals: dict[str, tuple[int, int]]  # single counts: old, new


def make_facts(seed: int) -> Facts:
    rng = random.Random(seed)
    level, group = rng.choice(
        [("xã", "xã, thị trấn"), ("huyện", "huyện, thị xã, thành phố"), ("tỉnh", "tỉnh, thành phố")]
    )
    scores, prev = [], []
    for _, mx in AXES:
        s = rng.randint(mx * 4, mx * 10) / 10
        p = rng.randint(mx * 4, mx * 10) / 10
        if rng.random() < 0.3:
            p = s
        scores.append(s)
        prev.append(p)
    n = rng.randint(5, 60)
    ranks = (rng.randint(1, n), rng.randint(1, n), n)

    def c() -> int:
        return rng.choice([rng.randint(1, 99), rng.randint(100, 60_000)])

    d = rng.choice([1, 2])
    return Facts(
        level=level,
        name=rng.choice(["Hòa Bình", "Phú Lương", "Tân Lập", "Kim Sơn"]),
        group=group,
        year=rng.randint(2022, 2025),
        month=rng.randint(1, 12),
        decimals=d,
        scores=scores,
        prev=prev,
        ranks=ranks,
        counts={"1.2": (c(), c(), c(), c()), "4.2": (c(), c(), c(), c())},
        rate_pairs={
            "3.4": (rng.randint(0, 10**d * 100) / 10**d, rng.randint(0, 10**d * 100) / 10**d)
        },
        rates={"5.2": (rng.randint(0, 10**d * 100) / 10**d, rng.randint(0, 10**d * 100) / 10**d)},
        totals={"6.3": (rng.randint(0, 300_000), rng.randint(0, 300_000))},
    )


# ---------------------------------------------------------------------------- document


@dataclass
class Para:
    text: str


@dataclass
class Tab:
    rows: list[list[str]]
    merges: list[tuple[int, int, int]] = field(default_factory=list)  # row, first col, last col
    vmerges: list[tuple[int, int, int]] = field(default_factory=list)  # col, first row, last row


Block = Para | Tab
Place = tuple[int, int | None]  # block index, row index (None for a paragraph)


@dataclass
class Doc:
    """An abstract report and where each figure stands: key → (block, row, col, token)."""

    blocks: list[Block]
    figures: dict[str, tuple[int, int | None, int | None, str]]
    facts: Facts
    layout: str

    def place(self, key: str) -> Place:
        b, r, _, _ = self.figures[key]
        return (b, r)

    def token(self, key: str) -> str:
        return self.figures[key][3]

    def text_of(self, key: str) -> str:
        b, r, c, _ = self.figures[key]
        block = self.blocks[b]
        if isinstance(block, Para):
            return block.text
        assert r is not None and c is not None
        return block.rows[r][c]

    def replace(self, key: str, new: str) -> Place:
        """Write ``new`` where the figure ``key`` stands; its place."""
        b, r, c, tok = self.figures[key]
        block = self.blocks[b]
        if isinstance(block, Para):
            assert tok in block.text, (key, tok)
            block.text = block.text.replace(tok, new, 1)
        else:
            assert r is not None and c is not None
            assert tok in block.rows[r][c], (key, tok, block.rows[r][c])
            block.rows[r][c] = block.rows[r][c].replace(tok, new, 1)
        self.figures[key] = (b, r, c, new)
        return (b, r)


class _Builder:
    def __init__(self, facts: Facts, layout: str) -> None:
        self.f, self.layout = facts, layout
        self.blocks: list[Block] = []
        self.figures: dict[str, tuple[int, int | None, int | None, str]] = {}

    def para(self, text: str, figs: dict[str, str] | None = None) -> None:
        for k, tok in (figs or {}).items():
            assert tok in text, (k, tok, text)
            self.figures[k] = (len(self.blocks), None, None, tok)
        self.blocks.append(Para(text))

    def table(
        self,
        rows: list[tuple[list[str], dict[int, str]]],
        merges: list[tuple[int, int, int]],
        vmerges: list[tuple[int, int, int]] | None = None,
    ) -> None:
        b = len(self.blocks)
        for ri, (_, figs) in enumerate(rows):
            for ci, key in figs.items():
                self.figures[key] = (b, ri, ci, rows[ri][0][ci])
        self.blocks.append(Tab([list(r) for r, _ in rows], merges, vmerges or []))


def _num(v: float, d: int, layout: str, *, percent: bool = False, plus: bool = False) -> str:
    s = format_number(v, d, percent=percent, plus=plus)
    if layout == "nbsp":
        s = s.replace(".", NBSP) if not percent else s
        s = s.replace("%", NBSP + "%")
    if layout == "minus":
        s = s.replace("-", MINUS)
    return s


def _date(d: date, layout: str) -> str:
    if layout == "dates-words":
        return f"{d.day:02d} tháng {d.month:02d} năm {d.year}"
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _rate(c: int, total: int, d: int) -> float:
    return round(100 * c / total, d) if total else 0.0


def build(facts: Facts, layout: str) -> Doc:
    """Lay the facts out as paragraphs and tables in ``layout``."""
    f, L = facts, layout
    b = _Builder(f, L)
    y, m = f.year, f.month
    py, pm = previous_month(y, m)
    old_d, new_d = last_day_of_month(py, pm), last_day_of_month(y, m)
    d = f.decimals

    def n(v: float, dd: int = 0, **kw: bool) -> str:
        return _num(v, dd, L, **kw)

    b.para("ỦY BAN NHÂN DÂN")
    b.para(f"{f.level.upper()} {f.name.upper()}")
    b.para("Số: 12/UBND-VP")
    nm, ny = (m % 12) + 1, y + (m == 12)
    b.para(
        f"{f.name}, ngày 05 tháng {nm:02d} năm {ny}"
        if nm < 3
        else f"{f.name}, ngày 05 tháng {nm} năm {ny}"
    )
    b.para(f"V/v kết quả đánh giá chất lượng phục vụ trên cổng DVCQG tháng {m:02d} năm {y}")
    b.para(
        f"Thực hiện Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ, UBND {f.level} {f.name} báo cáo như sau:"
    )
    changes = [round(s - p, 1) for s, p in zip(f.scores, f.prev, strict=True)]
    total = round(sum(f.scores), 2)
    ptotal = round(sum(f.prev), 2)
    tchange = round(total - ptotal, 2)
    if L in ("axis-table", "axis-table-dated", "axis-table-fractions"):
        b.para("1. Điểm số các trục nội dung Bộ chỉ số trên Cổng DVCQG")
        heads = ["Trục nội dung", "Điểm tối đa", "Tháng trước", "Tháng này", "Tăng/giảm"]
        if L == "axis-table-dated":
            heads = [
                "Trục nội dung",
                "Điểm tối đa",
                f"Tháng {pm:02d}/{py}",
                f"Tháng {m:02d}/{y}",
                "Tăng (+)/Giảm (-)",
            ]
        if L == "axis-table-fractions":  # "15,5/18": the maximum beside each score
            heads = ["STT", "Trục nội dung", "Tháng trước", "Tháng này", "Tăng, giảm (điểm)"]
        rows: list[tuple[list[str], dict[int, str]]] = [(heads, {})]
        for i, ((axis, mx), s, p, c) in enumerate(
            zip(AXES, f.scores, f.prev, changes, strict=True), 1
        ):
            if L == "axis-table-fractions":
                cells = [str(i), axis, f"{n(p, 1)}/{mx}", f"{n(s, 1)}/{mx}", n(c, 1, plus=True)]
            else:
                cells = [axis, str(mx), n(p, 1), n(s, 1), n(c, 1, plus=True)]
            rows.append((cells, {2: f"axis{i}:prev", 3: f"axis{i}:score", 4: f"axis{i}:change"}))
        if L == "axis-table-dated":
            rows.append(
                (
                    [
                        "Tổng điểm",
                        "100",
                        n(round(sum(f.prev), 2), 2),
                        n(round(sum(f.scores), 2), 2),
                        n(round(sum(f.scores) - sum(f.prev), 2), 2, plus=True),
                    ],
                    {},
                )
            )
        b.table(rows, [])
    else:
        for i, ((axis, mx), s, c) in enumerate(zip(AXES, f.scores, changes, strict=True), 1):
            if c == 0:
                trend, figs = "giữ nguyên điểm số", {}
            else:
                word = "tăng" if c > 0 else "giảm"
                tok = f"{word} {n(abs(c), 1)} điểm"
                trend, figs = tok, {f"axis{i}:change": tok}
            score = n(s, 1)
            b.para(
                f"1.{i}. Điểm số trục nội dung {axis} đạt {score}/{mx} điểm, {trend} so với tháng {pm:02d}/{py}.",
                {f"axis{i}:score": f"{score}/{mx}", **figs},
            )
    ro, rn, big_n = f.ranks
    k = ro - rn
    rank_words = (
        f"tăng {k} bậc" if k > 0 else (f"giảm {-k} bậc" if k < 0 else "giữ nguyên thứ hạng")
    )
    rank_figs = {"rank:change": rank_words} if k else {}
    if tchange > 0:
        ttrend = f"tăng {n(tchange, 2)} điểm"
    elif tchange < 0:
        ttrend = f"giảm {n(-tchange, 2)} điểm"
    else:
        ttrend = "giữ nguyên điểm số"
    tfigs = {"total:change": ttrend} if tchange else {}
    tot = n(total, 2)
    if L == "total-words":
        rank_tok = f"{rn}/{big_n}"
        text = f"1.7. Tổng điểm đạt {tot}/100 điểm, {ttrend}; đứng thứ {rank_tok} {f.group}, {rank_words} so với tháng {pm:02d} năm {py}."
    elif L == "total-words-tren":
        rank_tok = f"{rn} trên {big_n}"
        text = f"1.7. Tổng điểm đạt {tot}/100 điểm, {ttrend}; xếp thứ {rank_tok} {f.group}, {rank_words} so với tháng {pm:02d} năm {py}."
    else:
        rank_tok = f"{rn:02d}/{big_n}"
        text = f"1.7. Điểm tổng hợp đạt {tot}/100 điểm, {ttrend}; xếp hạng {rank_tok} {f.group} và {rank_words} so với tháng {pm:02d} năm {py}."
    b.para(text, {"total:score": f"{tot}/100", "rank:new": rank_tok, **tfigs, **rank_figs})
    b.para(f"PHỤ LỤC I. BIỂU TỔNG HỢP SỐ LIỆU THÁNG {m:02d} NĂM {y}")

    # ---- Appendix I rows: (number, label, old count, old rate, new count, new rate, change, keys)
    Row = tuple[str, str, str, str, str, str, str, str | None]
    body: list[Row] = []

    def section(num: str, label: str) -> None:
        if L != "no-sections":
            body.append((num, label, "", "", "", "", "", None))

    def counts_pair(code: str, label: str, la: str, lb: str) -> None:
        oa, ob, na, nb = f.counts[code]
        ra_o, ra_n = _rate(oa, oa + ob, d), _rate(na, na + nb, d)
        rb_o, rb_n = round(100 - ra_o, d), round(100 - ra_n, d)
        body.append((code, label, "", "", "", "", "", None))
        for part, lab, co, cn, r_o, r_n in (
            ("a", la, oa, na, ra_o, ra_n),
            ("b", lb, ob, nb, rb_o, rb_n),
        ):
            body.append(
                (
                    f"{part})",
                    lab,
                    n(co),
                    n(r_o, d, percent=True),
                    n(cn),
                    n(r_n, d, percent=True),
                    n(round(r_n - r_o, d), d, percent=True, plus=True),
                    f"{code}.{part}",
                )
            )

    def rates_pair(code: str, label: str, la: str, lb: str, olda: float, newa: float) -> None:
        body.append((code, label, "", "", "", "", "", None))
        oldb, newb = round(100 - olda, d), round(100 - newa, d)
        for part, lab, r_o, r_n in (("a", la, olda, newa), ("b", lb, oldb, newb)):
            body.append(
                (
                    f"{part})",
                    lab,
                    "",
                    n(r_o, d, percent=True),
                    "",
                    n(r_n, d, percent=True),
                    n(round(r_n - r_o, d), d, percent=True, plus=True),
                    f"{code}.{part}",
                )
            )

    section("I", "Công khai, minh bạch")
    counts_pair("1.2", "Số hồ sơ tiếp nhận đã đồng bộ", "Hồ sơ đã đồng bộ", "Hồ sơ chưa đồng bộ")
    section("II", "Tiến độ giải quyết TTHC")
    on_new, on_old = round(f.scores[1] * 5, 2), round(f.prev[1] * 5, 2)
    for code, label, o, nw in (
        ("2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn", on_old, on_new),
        ("2.2", "Tỷ lệ hồ sơ giải quyết quá hạn", round(100 - on_old, 2), round(100 - on_new, 2)),
    ):
        body.append(
            (
                code,
                label,
                "",
                n(o, 2, percent=True),
                "",
                n(nw, 2, percent=True),
                n(round(nw - o, 2), 2, percent=True, plus=True),
                code,
            )
        )
    if L != "rows-left-out":
        section("III", "Dịch vụ công trực tuyến")
        rates_pair(
            "3.4",
            "Tỷ lệ nộp hồ sơ trực tuyến",
            "Hồ sơ nộp trực tuyến",
            "Hồ sơ nộp trực tiếp và theo hình thức khác",
            *f.rate_pairs["3.4"],
        )
    section("IV", "Thanh toán trực tuyến")
    counts_pair(
        "4.2",
        "Tỷ lệ hồ sơ thanh toán trực tuyến",
        "Thanh toán trực tuyến",
        "Thanh toán trực tiếp và hình thức khác",
    )
    if L != "rows-left-out":
        section("V", "Mức độ hài lòng")
        o, nw = f.rates["5.2"]
        body.append(
            (
                "5.2",
                "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC",
                "",
                n(o, d, percent=True),
                "",
                n(nw, d, percent=True),
                n(round(nw - o, d), d, percent=True, plus=True),
                "5.2",
            )
        )
    section("VI", "Số hóa hồ sơ, kết quả giải quyết TTHC")
    o6, n6 = f.totals["6.3"]
    body.append(
        (
            "6.3",
            "Số lượng tài khoản Cổng DVC quốc gia được xác thực với cơ sở dữ liệu quốc gia Dân cư",
            n(o6),
            "",
            n(n6),
            "",
            n(n6 - o6, plus=True),
            "6.3",
        )
    )
    summary_old = f"Đạt {n(ptotal, 2)}/100 điểm; xếp hạng {ro:02d}/{big_n} {f.group}"
    summary_new = f"Đạt {tot}/100 điểm; xếp hạng {rn:02d}/{big_n} {f.group}"
    summary_chg = f"{ttrend[0].upper()}{ttrend[1:]}, {rank_words}"
    body.append(
        ("VII", "ĐIỂM TỔNG HỢP VÀ XẾP HẠNG", summary_old, "", summary_new, "", summary_chg, "VII")
    )

    # ---- columns: which fields, in which order, under which headers
    od, nd = _date(old_d, L), _date(new_d, L)
    chg_head = f"Tăng (+)/Giảm (-) so với ngày {od}"
    if L == "change-pp":
        chg_head = f"Tăng/giảm (điểm %) so với ngày {od}"
    elif L == "change-pp-words":
        chg_head = f"Tăng (+)/Giảm (-) (điểm phần trăm) so với ngày {od}"
    # field index in a body row: 2 old count, 3 old rate, 4 new count, 5 new rate, 6 change
    order = [2, 3, 4, 5, 6]
    if L == "new-first":
        order = [4, 5, 2, 3, 6]
    elif L == "change-first":
        order = [6, 2, 3, 4, 5]
    elif L == "rate-first":
        order = [3, 2, 5, 4, 6]
    side_of = {2: "old", 3: "old", 4: "new", 5: "new", 6: "change"}
    group_head = {"old": f"Thống kê ngày {od}", "new": f"Thống kê ngày {nd}"}
    if L == "month-headers":  # months, not month-end dates, name the two sides
        group_head = {"old": f"Tháng {pm:02d}/{py}", "new": f"Tháng {m:02d}/{y}"}
        chg_head = f"Tăng (+)/Giảm (-) so với tháng {pm:02d}/{py}"
    sub_head = {2: "Số liệu", 3: "Tỷ lệ (%)", 4: "Số liệu", 5: "Tỷ lệ (%)", 6: ""}
    first_heads = ["Số TT", "Nội dung"]
    if L == "header-words":  # other words for the same columns
        sub_head = {2: "Số lượng", 3: "%", 4: "Số lượng", 5: "%", 6: ""}
        first_heads = ["TT", "Chỉ tiêu"]
        chg_head = f"Chênh lệch so với ngày {od}"
    if L in ("change-pp", "change-pp-words"):
        body = [(*r[:6], _no_percent(r[6]) if r[0] != "VII" else r[6], r[7]) for r in body]
    width = 2 + len(order)
    headers: list[list[str]] = []
    merges: list[tuple[int, int, int]] = []
    if L == "one-header":
        top = list(first_heads)
        for fi in order:
            if fi == 6:
                top.append(chg_head)
            else:
                side = od if fi in (2, 3) else nd
                top.append(f"{sub_head[fi]} ngày {side}")
        headers = [top]
    else:
        top, sub = list(first_heads), ["", ""]
        for j, fi in enumerate(order):
            starts = j == 0 or side_of[order[j - 1]] != side_of[fi]
            if fi == 6:
                top.append(chg_head)
            elif starts:
                top.append(group_head[side_of[fi]])
                if j + 1 < len(order) and side_of[order[j + 1]] == side_of[fi]:
                    merges.append((0, 2 + j, 3 + j))
            else:
                top.append("")
            sub.append(sub_head[fi])
        headers = [top, sub]
    title: list[list[str]] = []
    if L == "title-row":
        title = [[f"BIỂU TỔNG HỢP SỐ LIỆU THÁNG {m:02d} NĂM {y}"] + [""] * (width - 1)]

    keyname = {2: "old.count", 3: "old.rate", 4: "new.count", 5: "new.rate", 6: "change"}

    def data_row(r: Row) -> tuple[list[str], dict[int, str]]:
        cells = [r[0], r[1]] + [r[fi] for fi in order]
        figs: dict[int, str] = {}
        if r[7] is not None:
            for j, fi in enumerate(order):
                if cells[2 + j]:
                    figs[2 + j] = f"{r[7]}:{keyname[fi]}"
        return cells, figs

    def head_rows(
        with_title: bool,
    ) -> tuple[list[tuple[list[str], dict[int, str]]], list[tuple[int, int, int]]]:
        rows_ = [(list(h), {}) for h in ((title if with_title else []) + headers)]
        shift = len(title) if with_title else 0
        ms = [(r + shift, a, z) for r, a, z in merges]
        if with_title and title:
            ms.append((0, 0, width - 1))
        return rows_, ms  # type: ignore[return-value]

    data = [data_row(r) for r in body]
    if L == "split-sections":
        chunks: list[list[tuple[list[str], dict[int, str]]]] = []
        for r in data:
            if re.fullmatch(r"[IVX]+", r[0][0]) and r[0][0] != "VII":
                chunks.append([])
            chunks[-1].append(r)
        for ci, chunk in enumerate(chunks):
            hr, ms = head_rows(False)
            if ci:
                b.para(f"Bảng {ci + 1}")
            b.table(hr + chunk, ms)
    elif L in ("break-header", "break-noheader"):
        half = len(data) // 2
        hr, ms = head_rows(False)
        b.table(hr + data[:half], ms)
        if L == "break-header":
            b.table(hr + data[half:], ms)
        else:
            b.table(data[half:], [])
    else:
        hr, ms = head_rows(True)
        vms = []
        if L == "vmerge":  # Word merges the titles of single columns down the header rows
            vms = [(j, 0, 1) for j, t in enumerate(headers[1]) if not t]
        b.table(hr + data, ms, vms)
        # the dates are figures too: the header cells that carry them
    _key_dates(b, od, nd)
    b.para(f"PHỤ LỤC II. THỐNG KÊ CHI TIẾT THÁNG {m:02d} NĂM {y}")
    b.table(
        [
            (
                [
                    "Số TT",
                    "Nội dung",
                    f"Số hồ sơ ngày {od}",
                    f"Số hồ sơ ngày {nd}",
                    chg_head.replace("(điểm %) ", "").replace("(điểm phần trăm) ", ""),
                ],
                {},
            ),
            (["1", "Số lượng hồ sơ quá hạn", "4", "3", n(-1, plus=True)], {}),
        ],
        [],
    )
    return Doc(b.blocks, b.figures, f, L)


def _no_percent(s: str) -> str:
    return s.replace(NBSP + "%", "").replace("%", "")


def _key_dates(b: _Builder, od: str, nd: str) -> None:
    """Key the first header cells that carry the old and the new date."""
    for bi, block in enumerate(b.blocks):
        if not isinstance(block, Tab):
            continue
        for ri, row in enumerate(block.rows):
            for ci, cell in enumerate(row):
                for key, tok in (("date:old", od), ("date:new", nd)):
                    if (
                        key not in b.figures
                        and tok in cell
                        and not re.search("tăng|giảm", cell, re.I)
                    ):
                        b.figures[key] = (bi, ri, ci, tok)


# ---------------------------------------------------------------------------- rendering


@dataclass
class Rendered:
    """A file's bytes, its suffix and each place's location (line or (table, row) or paragraph)."""

    data: bytes
    suffix: str
    where: dict[Place, dict[str, int]]


def render(doc: Doc, fmt: str) -> Rendered:
    if fmt == "txt":
        return _render_text(doc, pipe=False)
    if fmt == "md":
        return _render_text(doc, pipe=True)
    return _render_docx(doc)


def _render_text(doc: Doc, pipe: bool) -> Rendered:
    lines: list[str] = []
    where: dict[Place, dict[str, int]] = {}
    for bi, block in enumerate(doc.blocks):
        if isinstance(block, Para):
            where[(bi, None)] = {"line": len(lines) + 1}
            lines += [block.text, ""]
            continue
        for ri, row in enumerate(block.rows):
            if pipe:
                lines.append("| " + " | ".join(c or " " for c in row) + " |")
                if ri == 0:
                    lines.append("|" + "---|" * len(row))
                where[(bi, ri)] = {"line": len(lines) - (1 if ri == 0 else 0)}
            else:
                lines.append("\t".join(row))
                where[(bi, ri)] = {"line": len(lines)}
        lines.append("")
    return Rendered(("\n".join(lines) + "\n").encode("utf-8"), ".md" if pipe else ".txt", where)


def _render_docx(doc: Doc) -> Rendered:
    from docx import Document as Word

    w = Word()
    where: dict[Place, dict[str, int]] = {}
    paragraphs = tables = 0
    for bi, block in enumerate(doc.blocks):
        if isinstance(block, Para):
            paragraphs += 1
            w.add_paragraph(block.text)
            where[(bi, None)] = {"paragraph": paragraphs}
            continue
        tables += 1
        width = max(len(r) for r in block.rows)
        t = w.add_table(rows=len(block.rows), cols=width)
        for ri, row in enumerate(block.rows):
            for ci, text in enumerate(row):
                if text:
                    t.cell(ri, ci).paragraphs[0].add_run(text)
            where[(bi, ri)] = {"table": tables, "row": ri + 1}
        for ri, a, z in block.merges:
            t.cell(ri, a).merge(t.cell(ri, z))
        for ci, top, bottom in block.vmerges:
            t.cell(top, ci).merge(t.cell(bottom, ci))
        # python-docx puts every table right after the last paragraph; an empty paragraph
        # between two tables keeps Word from gluing them into one
        paragraphs += 1
        w.add_paragraph("")
    buf = io.BytesIO()
    w.save(buf)
    return Rendered(buf.getvalue(), ".docx", where)


def via_libreoffice(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same Word files written again by LibreOffice, converted in one batch (a file
    LibreOffice skipped is tried once more)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp, "in"), Path(tmp, "out")
        src.mkdir()
        for name, data in files.items():
            (src / f"{name}.docx").write_bytes(data)
        for _ in range(2):
            todo = [str(src / f"{n}.docx") for n in files if not (out / f"{n}.docx").exists()]
            if not todo:
                break
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(out),
                    *todo,
                ],
                check=True,
                capture_output=True,
                timeout=900,
            )
        return {name: (out / f"{name}.docx").read_bytes() for name in files}


# ---------------------------------------------------------------------------- injections


@dataclass
class Injected:
    """An error injected into a document: its class, places and the token a finding carries."""

    cls: str
    places: list[Place]
    token: str | None


Injection = Callable[[Doc], Injected | None]


def _pct_value(s: str) -> float:
    return float(
        s.replace(NBSP, "").replace("%", "").replace(".", "").replace(",", ".").replace(MINUS, "-")
    )


def _figs(doc: Doc, suffix: str) -> list[str]:
    return [k for k in doc.figures if k.endswith(suffix)]


def _first(doc: Doc, keys: list[str], ok: Callable[[str], bool]) -> str | None:
    for k in keys:
        if ok(doc.token(k)):
            return k
    return None


def percent_over_100(doc: Doc) -> Injected | None:
    k = _first(doc, _figs(doc, ":new.rate"), lambda t: _pct_value(t) < 100 and "," in t)
    if k is None:
        return None
    tok = doc.token(k)
    bad = "1" + tok if _pct_value(tok) >= 10 else tok.replace(",", "", 1)
    if _pct_value(bad) <= 100:
        return None
    return Injected(
        "percent_over_100", [doc.replace(k, bad)], bad.replace(NBSP, " ").rstrip("%").strip()
    )


def lost_decimal_separator(doc: Doc) -> Injected | None:
    k = _first(
        doc,
        [x for x in _figs(doc, ":change") if "." in x.split(":")[0] or x[0].isdigit()],
        lambda t: "," in t and re.search("[1-9]", t) is not None,
    )
    if k is None:
        return None
    bad = doc.token(k).replace(",", "", 1)
    return Injected("lost_decimal_separator", [doc.replace(k, bad)], _core(bad))


def _core(tok: str) -> str:
    """The figure as a finding's ``found`` carries it, give or take the % and spaces."""
    return tok.replace(NBSP, " ").replace("%", "").strip()


def delta_sign_flip(doc: Doc) -> Injected | None:
    k = _first(
        doc,
        [x for x in _figs(doc, ":change") if x[0].isdigit()],
        lambda t: t[:1] in "+-" + MINUS and re.search("[1-9]", t) is not None,
    )
    if k is None:
        return None
    tok = doc.token(k)
    bad = ("+" if tok[0] in "-" + MINUS else ("-" if doc.layout != "minus" else MINUS)) + tok[1:]
    return Injected("delta_sign_flip", [doc.replace(k, bad)], _core(bad))


def delta_wrong_value(doc: Doc) -> Injected | None:
    k = _first(doc, [x for x in _figs(doc, ":change") if x[0].isdigit()], lambda t: "," in t)
    if k is None:
        return None
    tok = doc.token(k)
    m = re.search(r"(\d+),(\d+)", tok)
    assert m is not None
    bad = tok[: m.start()] + f"{int(m.group(1)) + 3},{m.group(2)}" + tok[m.end() :]
    return Injected("delta_wrong_value", [doc.replace(k, bad)], _core(bad))


def _retype_rate(doc: Doc, key: str, new_value: float) -> tuple[str, list[Place]]:
    """Put a new rate in ``key`` and recompute its row's change from the printed rates."""
    d = doc.facts.decimals
    bad = _num(new_value, d, doc.layout, percent=True)
    places = [doc.replace(key, bad)]
    code = key.split(":")[0]
    other = f"{code}:old.rate" if key.endswith("new.rate") else f"{code}:new.rate"
    chg = f"{code}:change"
    if chg in doc.figures and other in doc.figures:
        o = _pct_value(doc.token(other))
        nv = new_value if key.endswith("new.rate") else o
        ov = o if key.endswith("new.rate") else new_value
        c = _num(round(nv - ov, d), d, doc.layout, percent=True, plus=True)
        if doc.layout in ("change-pp", "change-pp-words"):
            c = _no_percent(c)
        doc.replace(chg, c)
    return bad, places


def ratio_digit_typo(doc: Doc) -> Injected | None:
    k = _first(
        doc,
        [x for x in _figs(doc, ":new.rate") if x.split(":")[0] in ("1.2.a", "4.2.a")],
        lambda t: 5 < _pct_value(t) < 95,
    )
    if k is None:
        return None
    v = _pct_value(doc.token(k))
    bad, places = _retype_rate(doc, k, round(v + (3 if v < 50 else -3), doc.facts.decimals))
    b = k.replace(".a:", ".b:")
    return Injected("ratio_digit_typo", [*places, doc.place(b)], _core(bad))


def parts_not_100(doc: Doc) -> Injected | None:
    k = "3.4.a:new.rate"
    if k not in doc.figures:
        k = "1.2.a:new.rate"
    v = _pct_value(doc.token(k))
    if not 5 < v < 95:
        return None
    bad, places = _retype_rate(doc, k, round(v + 1.5, doc.facts.decimals))
    return Injected("parts_not_100", [*places, doc.place(k.replace(".a:", ".b:"))], _core(bad))


def _count(tok: str) -> int:
    return int(re.sub(r"\D", "", tok))


def digit_transposition(doc: Doc) -> Injected | None:
    d = doc.facts.decimals
    for code in ("1.2", "4.2"):
        for part, other in (("a", "b"), ("b", "a")):
            k = f"{code}.{part}:old.count"
            tok = doc.token(k)
            digits = re.sub(r"\D", "", tok)
            if len(digits) < 2 or digits[-1] == digits[-2]:
                continue
            bad = tok[:-2] + tok[-1] + tok[-2]
            mine, theirs = _count(bad), _count(doc.token(f"{code}.{other}:old.count"))
            printed = _pct_value(doc.token(f"{code}.{part}:old.rate"))
            if _rate(mine, mine + theirs, d) == printed:
                continue  # the printed rate cannot tell: no evidence of the slip
            return Injected("digit_transposition", [doc.replace(k, bad)], _core(bad))
    return None


def thousands_separator_wrong(doc: Doc) -> Injected | None:
    for k in ("1.2.a:new.count", "4.2.a:new.count", "1.2.b:new.count", "4.2.b:new.count"):
        tok = doc.token(k)
        if re.fullmatch(r"\d{1,2}[.\u00a0]\d{3}", tok):  # "12.345" reads as a decimal once mistyped
            bad = re.sub("[.\u00a0]", ",", tok)
            return Injected("thousands_separator_wrong", [doc.replace(k, bad)], bad)
    return None


def total_text_vs_appendix(doc: Doc) -> Injected | None:
    tok = doc.token("VII:new.count")
    m = re.search(r"Đạt (\d+),(\d\d)/100", tok)
    assert m is not None
    whole = int(m.group(1))
    bad = f"{whole - 9 if whole > 20 else whole + 9},{m.group(2)}"
    doc.replace("VII:new.count", tok.replace(f"{m.group(1)},{m.group(2)}", bad, 1))
    return Injected(
        "total_text_vs_appendix", [doc.place("VII:new.count"), doc.place("total:score")], bad
    )


def _axis_key(doc: Doc, i: int) -> str:
    return f"axis{i}:score"


def axis_sum_mismatch(doc: Doc) -> Injected | None:
    for i in range(1, len(AXES) + 1):
        k = _axis_key(doc, i)
        tok = doc.token(k)
        v = doc.facts.scores[i - 1]
        if v >= 2:
            new = _num(round(v - 1.5, 1), 1, doc.layout)
            bad = tok.replace(_num(v, 1, doc.layout), new, 1)
            return Injected(
                "axis_sum_mismatch", [doc.replace(k, bad), doc.place("total:score")], new
            )
    return None


def axis_over_max(doc: Doc) -> Injected | None:
    i = 5
    mx = AXES[i - 1][1]
    k = _axis_key(doc, i)
    tok = doc.token(k)
    new = str(mx + 2)
    bad = tok.replace(_num(doc.facts.scores[i - 1], 1, doc.layout), new, 1)
    return Injected("axis_over_max", [doc.replace(k, bad)], new)


def rank_change_wrong(doc: Doc) -> Injected | None:
    if "rank:change" not in doc.figures:
        return None
    tok = doc.token("rank:change")
    m = re.search(r"(\d+) bậc", tok)
    assert m is not None
    bad = tok.replace(m.group(0), f"{int(m.group(1)) + 2} bậc")
    return Injected(
        "rank_change_wrong",
        [doc.replace("rank:change", bad), doc.place("VII:change")],
        str(int(m.group(1)) + 2),
    )


def rank_over_count(doc: Doc) -> Injected | None:
    tok = doc.token("rank:new")
    big_n = doc.facts.ranks[2]
    m = re.match(r"0?(\d+)", tok)
    assert m is not None
    bad = tok.replace(m.group(0), str(big_n + 4), 1)
    return Injected("rank_over_count", [doc.replace("rank:new", bad)], str(big_n + 4))


def _date_tok(doc: Doc, d: date) -> str:
    return _date(d, doc.layout)


def comparison_date_wrong_month(doc: Doc) -> Injected | None:
    if "date:old" not in doc.figures or "date:new" not in doc.figures:
        return None  # the columns are named by months: no day to get wrong
    f = doc.facts
    py, pm = previous_month(f.year, f.month)
    ppy, ppm = previous_month(py, pm)
    wrong = last_day_of_month(ppy, ppm)
    if wrong.day != last_day_of_month(py, pm).day:
        return None  # keep the day, change only the month
    bad = _date_tok(doc, wrong)
    return Injected("comparison_date_wrong_month", [doc.replace("date:old", bad)], bad)


def invalid_calendar_date(doc: Doc) -> Injected | None:
    if "date:old" not in doc.figures or "date:new" not in doc.figures:
        return None  # the columns are named by months: no day to get wrong
    f = doc.facts
    last = last_day_of_month(f.year, f.month)
    if last.day == 31:
        return None
    tok = doc.token("date:new")
    bad = tok.replace(f"{last.day:02d}", f"{last.day + 1:02d}", 1)
    return Injected("invalid_calendar_date", [doc.replace("date:new", bad)], bad)


def previous_date_not_month_end(doc: Doc) -> Injected | None:
    if "date:old" not in doc.figures or "date:new" not in doc.figures:
        return None  # the columns are named by months: no day to get wrong
    f = doc.facts
    py, pm = previous_month(f.year, f.month)
    last = last_day_of_month(py, pm)
    bad = _date_tok(doc, last.replace(day=last.day - 1))
    return Injected("previous_date_not_month_end", [doc.replace("date:old", bad)], bad)


def trend_word_mismatch(doc: Doc) -> Injected | None:
    if "total:change" not in doc.figures:
        return None
    tok = doc.token("total:change")
    bad = tok.replace("tăng", "giảm") if tok.startswith("tăng") else tok.replace("giảm", "tăng")
    return Injected(
        "trend_word_mismatch", [doc.replace("total:change", bad), doc.place("VII:change")], None
    )


def score_delta_wrong(doc: Doc) -> Injected | None:
    if "total:change" not in doc.figures:
        return None
    tok = doc.token("total:change")
    m = re.search(r"(\d+),(\d+)", tok)
    if m is None:
        return None
    new = f"{int(m.group(1)) + 2},{m.group(2)}"
    bad = tok.replace(m.group(0), new, 1)
    return Injected(
        "score_delta_wrong", [doc.replace("total:change", bad), doc.place("VII:change")], new
    )


INJECTIONS: list[Injection] = [
    percent_over_100,
    lost_decimal_separator,
    delta_sign_flip,
    delta_wrong_value,
    ratio_digit_typo,
    digit_transposition,
    parts_not_100,
    thousands_separator_wrong,
    total_text_vs_appendix,
    axis_sum_mismatch,
    axis_over_max,
    rank_change_wrong,
    rank_over_count,
    comparison_date_wrong_month,
    invalid_calendar_date,
    previous_date_not_month_end,
    trend_word_mismatch,
    score_delta_wrong,
]


def zoo_doc(seed: int, layout: str, inject: Injection | None = None) -> tuple[Doc, Injected | None]:
    doc = build(make_facts(seed), layout)
    return doc, (inject(doc) if inject is not None else None)


__all__ = [
    "FORMATS",
    "INJECTIONS",
    "LAYOUTS",
    "Doc",
    "Injected",
    "Rendered",
    "build",
    "make_facts",
    "render",
    "via_libreoffice",
    "zoo_doc",
]


# ---------------------------------------------------------------------------- scoring


def lint_rendered(r: Rendered) -> list[object]:
    """Every finding of the tool on a rendering (the API, in process)."""
    from dvc_validate.api import lint

    fmt = {".txt": "text", ".md": "markdown", ".docx": "docx"}[r.suffix]
    return list(lint(r.data, format=fmt).findings)


def _norm(s: str | None) -> str:
    return (s or "").replace(MINUS, "-").replace(NBSP, " ").strip()


def _locs(f: object) -> list[dict[str, int | None]]:
    loc = f.location  # type: ignore[attr-defined]
    rel = list(getattr(f, "related", None) or [])
    out = []
    for x in [loc, *rel]:
        x = getattr(x, "location", x)
        out.append({"line": x.line, "paragraph": x.paragraph, "table": x.table, "row": x.row})
    return out


def found_at(findings: list[object], inj: Injected, r: Rendered) -> bool:
    """An error or warning finding at one of the injection's places, carrying its token."""
    places = [r.where[p] for p in inj.places if p in r.where]
    for f in findings:
        if f.severity.value not in ("error", "warning"):  # type: ignore[attr-defined]
            continue
        if not any(all(loc.get(k) == v for k, v in p.items()) for loc in _locs(f) for p in places):
            continue
        if inj.token is None:
            return True
        hay = " | ".join(
            [_norm(f.found), _norm(f.message), _norm(str(getattr(f, "data", "")))]  # type: ignore[attr-defined]
        )
        if _norm(inj.token) in hay:
            return True
    return False


def errors_of(findings: list[object]) -> list[object]:
    return [f for f in findings if f.severity.value == "error"]  # type: ignore[attr-defined]
