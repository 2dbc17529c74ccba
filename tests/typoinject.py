"""One slip of a given typo model, injected into a generated consistent report.

Shared by the property tests (tests/checks/test_typo_models.py) and the measurement
(benchmarks/typo_rates.py), so the rates in docs/localisation.md are those of the
tested code path.

An injection is *determined* when the document itself pins the original:

1. the slip changes the value and breaks at least one relation (otherwise there is
   nothing to find: "20,60" → "20,6" is the same number);
2. the slipped figure is the only single figure whose change can repair every broken
   relation of its component (otherwise the relations cannot say which is wrong);
3. of the values one slip of the printed text could come from, the original is the
   only one that satisfies every relation.

Format slips (separator swap in a table, a month typed one off, a repeated section
numeral) are checked by rules that know the expected form, so they count as
determined when they change the text.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from dvc_validate.api import build_pack, extract_report, lint
from dvc_validate.checks.localise import _components, _required, explanations
from dvc_validate.checks.relations import build_relations
from dvc_validate.checks.suggest import fits
from dvc_validate.checks.typos import typo_candidates
from dvc_validate.model.figure import Figure, FigureKind
from dvc_validate.vn import parse_number
from reportgen import AXES, Spec, render

NUMERIC = (
    "decimal-lost",
    "extra-digit",
    "missing-digit",
    "transposed",
    "sign-flip",
    "separator-swap",
)
MODELS = (*NUMERIC, "month-slip", "section-repeat")

_PACK = build_pack()


@dataclass(frozen=True)
class Injection:
    model: str
    text: str  # the report with the slip
    line: int
    column: int
    original: str
    typo: str
    why: str = ""  # why the original is not determined; "" when it is

    @property
    def determined(self) -> bool:
        return not self.why


def random_spec(rng: random.Random) -> Spec:
    """A consistent report: the shape of tests/checks/test_injected_errors.py's specs."""
    scores: list[float] = []
    changes: list[float] = []
    for _, mx in AXES:
        s, prev = rng.randint(0, mx * 10) / 10, rng.randint(0, mx * 10) / 10
        scores.append(s)
        changes.append(round(s - prev, 1))
    n = rng.randint(3, 120)
    return Spec(
        year=rng.randint(2021, 2024),
        month=rng.randint(1, 12),
        old_counts=(rng.randint(1, 50_000), rng.randint(1, 50_000)),
        new_counts=(rng.randint(1, 50_000), rng.randint(1, 50_000)),
        decimals=rng.choice([1, 2]),
        scores=scores,
        changes=changes,
        ranks=(rng.randint(1, n), rng.randint(1, n), n),
        appendix2=rng.random() < 0.5,
    )


def _split(raw: str) -> tuple[str, str, str]:
    sign = raw[0] if raw[:1] in "+-" else ""
    body = raw[len(sign) :]
    suffix = ""
    while body and not body[-1].isdigit():
        suffix, body = body[-1] + suffix, body[:-1]
    return sign, body, suffix


def mutations(raw: str, model: str) -> list[str]:
    """Every slip of ``model`` applied to the printed figure ``raw``."""
    sign, body, suffix = _split(raw)
    digits = [i for i, c in enumerate(body) if c.isdigit()]
    out: list[str] = []
    if model == "decimal-lost" and "," in body:
        out.append(sign + body.replace(",", "") + suffix)
    elif model == "extra-digit":
        for i in range(len(body) + 1):
            out.extend(sign + body[:i] + d + body[i:] + suffix for d in "0123456789")
    elif model == "missing-digit" and len(digits) > 1:
        out.extend(sign + body[:i] + body[i + 1 :] + suffix for i in digits)
    elif model == "transposed":
        for i, j in pairwise(digits):
            if body[i] != body[j]:
                out.append(
                    sign + body[:i] + body[j] + body[i + 1 : j] + body[i] + body[j + 1 :] + suffix
                )
    elif model == "sign-flip" and any(c in "123456789" for c in body):
        out.append(("-" if sign != "-" else "+") + body + suffix)
    elif model == "separator-swap" and ("," in body or "." in body):
        out.append(sign + body.translate(str.maketrans(",.", ".,")) + suffix)
    return [m for m in out if m != raw and re.fullmatch(r"[+-]?\d[\d.,]*%?", m)]


def _eligible(fig: Figure, model: str, in_relation: set[int]) -> bool:
    if fig.value is None or fig.location.line is None or fig.location.column is None:
        return False
    if id(fig) not in in_relation or fig.denominator is not None:
        return False
    in_table = fig.location.table is not None
    if model == "sign-flip":  # in a sentence or a summary cell the sign is a word
        return in_table and fig.kind == FigureKind.CHANGE and fig.role == "change"
    if model == "separator-swap":
        return in_table
    return True


def _replace(text: str, line: int, column: int, old: str, new: str) -> str:
    lines = text.split("\n")
    ln = lines[line - 1]
    assert ln[column - 1 : column - 1 + len(old)] == old, (ln, column, old)
    lines[line - 1] = ln[: column - 1] + new + ln[column - 1 + len(old) :]
    return "\n".join(lines)


def inject(text: str, model: str, rng: random.Random) -> Injection | None:
    """One slip of ``model`` at a random eligible place of ``text``; None if none fits."""
    if model == "month-slip":
        return _month_slip(text, rng)
    if model == "section-repeat":
        return _section_repeat(text, rng)
    report, _ = extract_report(text.encode("utf-8"), format="text")
    rels = build_relations(report, _PACK)
    in_relation = {id(f) for r in rels for f in r.figs}
    sites = [f for f in report.figures() if _eligible(f, model, in_relation)]
    rng.shuffle(sites)
    for fig in sites:
        options = mutations(fig.raw, model)
        if not options:
            continue
        typo = rng.choice(options)
        line, column = fig.location.line or 0, fig.location.column or 0
        bad = _replace(text, line, column, fig.raw, typo)
        why = "" if model == "separator-swap" else _undetermined(bad, line, column, fig.raw, typo)
        return Injection(model, bad, line, column, fig.raw, typo, why)
    return None


def _undetermined(text: str, line: int, column: int, original: str, typo: str) -> str:
    """Which of conditions 1 to 3 of the module docstring fails ("" if none), checked
    on the relations alone, not on how localisation ranks its explanations."""
    orig, slipped = parse_number(original), parse_number(typo)
    if orig is None or slipped is None or abs(orig.value - slipped.value) < 1e-12:
        return "same value"
    report, _ = extract_report(text.encode("utf-8"), format="text")
    fig = next(
        (f for f in report.figures() if (f.location.line, f.location.column) == (line, column)),
        None,
    )
    if fig is None:
        return "not read as a figure"
    rels = build_relations(report, _PACK)
    failing = [r for r in rels if not r.holds({})]
    comp = next((c for c in _components(failing) if any(r.involves(fig) for r in c)), None)
    if comp is None:
        return "still consistent"
    singles = [e for e in explanations(comp, rels, {}) if len(e.changes) == 1]
    if not singles or any(e.changes[0].figure is not fig for e in singles):
        return "another figure explains it"
    req = _required(fig, [r for r in rels if r.involves(fig)], {})
    if req is None or req.lo > req.hi:
        return "no requirement"
    allowed = {fig.decimals, orig.decimals}
    integer = fig.kind == FigureKind.COUNT and orig.decimals == 0
    values = {
        c.value
        for c in typo_candidates(typo)
        if c.decimals in allowed and fits(c.value, c.decimals, req, integer=integer)
    }
    return "" if values == {orig.value} else "several slips fit"


def why_undetermined(inj: Injection) -> str:
    return inj.why


def _month_slip(text: str, rng: random.Random) -> Injection | None:
    """A comparison date of a table header with its month one off (a real date)."""
    lines = text.split("\n")
    headers = [i for i, ln in enumerate(lines) if ln.startswith("Số TT\t")]
    if not headers:
        return None
    i = rng.choice(headers)
    m = rng.choice(list(re.finditer(r"(\d\d)/(\d\d)/(\d{4})", lines[i])))
    day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    slipped = month + rng.choice([-1, 1])
    if not 1 <= slipped <= 12:
        return None
    try:
        date(year, slipped, day)
    except ValueError:
        return None
    new = f"{day:02d}/{slipped:02d}/{year}"
    bad = _replace(text, i + 1, m.start() + 1, m.group(0), new)
    return Injection("month-slip", bad, i + 1, m.start() + 1, m.group(0), new)


def _section_repeat(text: str, rng: random.Random) -> Injection | None:
    """A section numeral that repeats the one before it (II, II instead of II, III)."""
    lines = text.split("\n")
    romans = ["I", "II", "III", "IV", "V", "VI", "VII"]
    rows = [i for i, ln in enumerate(lines) if ln.split("\t")[0] in romans[1:]]
    if not rows:
        return None
    i = rng.choice(rows)
    numeral = lines[i].split("\t")[0]
    before = romans[romans.index(numeral) - 1]
    bad = _replace(text, i + 1, 1, numeral, before)
    return Injection("section-repeat", bad, i + 1, 1, numeral, before)


def evaluate(inj: Injection) -> tuple[bool, bool]:
    """(a finding points at the slipped figure, its suggestion restores the original)."""
    result = lint(inj.text.encode("utf-8"), format="text")
    at = [  # a row-level location (a section numeral) has a line but no column
        f
        for f in result.findings
        if f.location.line == inj.line
        and (f.location.column == inj.column or (f.location.column is None and f.found == inj.typo))
    ]
    return bool(at), any(f.expected == inj.original for f in at)


def sample(model: str, rng: random.Random) -> Injection:
    """An injection of ``model`` into a fresh random report (retrying until one fits)."""
    for _ in range(50):
        inj = inject(render(random_spec(rng)), model, rng)
        if inj is not None:
            return inj
    raise RuntimeError(f"no place for a {model} slip")
