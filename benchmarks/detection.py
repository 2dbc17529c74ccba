"""Detection benchmark: recall per error class and per layout, and false errors.

    python benchmarks/detection.py ../shared/devset/docs          # any folder of keyed reports
    python benchmarks/detection.py --zoo 3                        # the layout zoo, 3 seeds
    python benchmarks/detection.py --zoo 2 --libreoffice DIR...   # + LibreOffice's Word files

A *keyed folder* holds reports with answer keys beside them (``NAME.key.yaml``, the
format of ``../shared/devset/README.md``). The *zoo* is tests/zoo.py: one consistent
report per seed, rendered in every layout and format, clean and with one error of every
class injected. Documents are linted in process, through the same findings the JSON
contract carries, and matched the way the devset's reference scorer matches them:

* an error is found when an error or warning finding sits at one of its places (line,
  table row or paragraph, in ``location`` or ``related``) and carries its token in
  ``found``, the message or ``data``;
* a false error is an error-severity finding on a place the key calls clean, and every
  error-severity finding on a consistent report.

Markdown goes to stdout, the numbers to ``benchmarks/out/detection.json``.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from dvc_validate.api import lint_paths  # noqa: E402
from dvc_validate.errors import DvcValidateError  # noqa: E402


@dataclass
class Tally:
    """Counts for one group (a class, a layout, or everything)."""

    found: int = 0
    errors: int = 0
    false: int = 0
    documents: int = 0
    crashes: int = 0
    clean: int = 0
    clean_with_false: list[str] = field(default_factory=list)

    def recall(self) -> float:
        return self.found / self.errors if self.errors else 1.0


@dataclass
class Score:
    by_class: dict[str, Tally] = field(default_factory=lambda: collections.defaultdict(Tally))
    by_layout: dict[str, Tally] = field(default_factory=lambda: collections.defaultdict(Tally))
    total: Tally = field(default_factory=Tally)
    missed: list[str] = field(default_factory=list)

    def document(
        self, name: str, groups: list[str], clean: bool, crashed: bool, false: int
    ) -> None:
        """Count a document in the total and in each of its groups (layout, format)."""
        for t in [*(self.by_layout[g] for g in groups), self.total]:
            t.documents += 1
            t.crashes += crashed
            t.false += false
            if clean:
                t.clean += 1
                if false or crashed:
                    t.clean_with_false.append(name)

    def error(self, cls: str, groups: list[str], found: bool, what: str) -> None:
        for t in [self.by_class[cls], *(self.by_layout[g] for g in groups), self.total]:
            t.errors += 1
            t.found += found
        if not found:
            self.missed.append(what)


# ------------------------------------------------------------------ keyed folders


def _norm(s: object) -> str:
    return str(s or "").replace("\u2212", "-").replace("\u00a0", " ").strip()


def _at(f: dict[str, Any], item: dict[str, Any]) -> bool:
    """The reference scorer's rule: the finding is at the item's place, with its token."""
    rel = [f.get("location") or {}] + [r or {} for r in f.get("related") or []]
    lines = set(item.get("lines") or [])
    rows = {(c[0], c[1]) for c in item.get("cells") or []}
    paras = set(item.get("paragraphs") or [])
    placed = any(r.get("line") in lines for r in rel) if lines else False
    placed = placed or any((r.get("table"), r.get("row")) in rows for r in rel)
    placed = placed or any(r.get("paragraph") in paras for r in rel)
    tok = item.get("token")
    if not placed and paras and tok:
        placed = not any(r.get("paragraph") is not None or r.get("table") is not None for r in rel)
    if not placed:
        return False
    if not tok:
        return True
    hay = " | ".join(
        [
            _norm(f.get("found")),
            _norm(f.get("message")),
            json.dumps(f.get("data") or {}, ensure_ascii=False),
        ]
    )
    if _norm(tok) in hay:
        return True
    head = re.split(r"[/ ]", _norm(tok), maxsplit=1)[0]
    return head != _norm(tok) and _norm(f.get("found")) == head


def _is_false(f: dict[str, Any], key: dict[str, Any]) -> bool:
    if key.get("clean"):
        return True
    loc = f.get("location") or {}
    found = _norm(f.get("found"))
    if loc.get("line") is not None:
        if loc["line"] in set(key.get("clean_lines") or []):
            return True
        return any(
            loc["line"] == c["line"] and found == _norm(c["token"])
            for c in key.get("clean_tokens") or []
        )
    if loc.get("table") is not None and loc.get("row") is not None:
        cell = [loc.get("table"), loc.get("row"), loc.get("cell")]
        if cell in (key.get("clean_cells") or []):
            err_rows = {(c[0], c[1]) for e in key.get("errors") or [] for c in e.get("cells") or []}
            return (cell[0], cell[1]) not in err_rows
        return any(
            list(c["cell"]) == cell and found == _norm(c["token"])
            for c in key.get("clean_cell_tokens") or []
        )
    if loc.get("paragraph") is not None:
        return loc["paragraph"] in set(key.get("clean_paragraphs") or [])
    return False


def score_folder(folder: Path, score: Score) -> None:
    keys = sorted(folder.glob("*.key.yaml"))
    loaded = [(k, yaml.safe_load(k.read_text(encoding="utf-8"))) for k in keys]
    docs = [k.parent / key["document"] for k, key in loaded]
    result = lint_paths(docs)
    by_path = {f.path: f for f in result.files}
    for (_, key), doc in zip(loaded, docs, strict=True):
        fr = by_path.get(str(doc))
        layout = str(key.get("layout") or doc.suffix.lstrip("."))
        crashed = fr is None or fr.error is not None
        findings = [] if crashed or fr is None else [f.to_dict() for f in fr.findings]
        errors = [f for f in findings if f["severity"] == "error"]
        false = [f for f in errors if _is_false(f, key)]
        score.document(doc.name, [layout], bool(key.get("clean")), crashed, len(false))
        flagged = [f for f in findings if f["severity"] in ("error", "warning")]
        for e in key.get("errors") or []:
            found = any(_at(f, e) for f in flagged)
            score.error(
                str(e.get("class")),
                [layout],
                found,
                f"{doc.name}: {e.get('class')} {e.get('token')!r}",
            )


# ------------------------------------------------------------------ the zoo


_TRIES, _STRIDE = 40, 1009  # other reports tried for a class that does not apply


def _zoo_cases(seeds: int, formats: list[str]) -> Iterator[tuple[str, str, str, Any, Any]]:
    """(name, layout, format, rendering, injected or None) for every case of the zoo."""
    from zoo import INJECTIONS, LAYOUTS, render, zoo_doc

    for seed in range(seeds):
        for layout in LAYOUTS:
            for inject in [None, *INJECTIONS]:
                # a class that does not apply to this seed's report (no decimals to lose,
                # a 31-day month...) is taken from the next report it applies to
                for k in range(_TRIES):
                    doc, injected = zoo_doc(seed + k * _STRIDE, layout, inject)
                    if inject is None or injected is not None:
                        break
                if inject is not None and injected is None:
                    continue
                for fmt in formats:
                    name = f"{seed}-{layout}-{inject.__name__ if inject else 'clean'}.{fmt}"
                    yield (
                        name,
                        layout,
                        fmt,
                        render(doc, "docx" if fmt == "docx-lo" else fmt),
                        injected,
                    )


def score_zoo(seeds: int, libreoffice: bool, score: Score) -> None:
    from zoo import Rendered, errors_of, found_at, lint_rendered, via_libreoffice

    formats = ["txt", "md", "docx"] + (["docx-lo"] if libreoffice else [])
    cases = list(_zoo_cases(seeds, formats))
    if libreoffice:
        lo = {name: r.data for name, _, fmt, r, _ in cases if fmt == "docx-lo"}
        converted = via_libreoffice(lo)
        cases = [
            (n, lay, fmt, Rendered(converted[n], ".docx", r.where) if fmt == "docx-lo" else r, inj)
            for n, lay, fmt, r, inj in cases
        ]
    for name, layout, fmt, rendered, injected in cases:
        groups = [layout, f"format {fmt}"]
        try:
            findings = lint_rendered(rendered)
        except DvcValidateError:  # refused or unreadable: a crash, and its error is missed
            score.document(name, groups, injected is None, True, 0)
            if injected is not None:
                score.error(injected.cls, groups, False, f"{name}: not read")
            continue
        clean = injected is None
        score.document(name, groups, clean, False, len(errors_of(findings)) if clean else 0)
        if injected is not None:
            ok = found_at(findings, injected, rendered)
            score.error(injected.cls, groups, ok, f"{name}: {injected.cls} {injected.token!r}")


# ------------------------------------------------------------------ output


def _table(title: str, rows: dict[str, Tally], errors_only: bool = False) -> list[str]:
    if errors_only:
        out = [f"| {title} | found | recall |", "|---|---:|---:|"]
        return out + [
            f"| {k} | {t.found}/{t.errors} | {t.recall():.2f} |" for k, t in sorted(rows.items())
        ]
    out = [
        f"| {title} | found | recall | documents | false errors | consistent with a false error |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for k, t in sorted(rows.items()):
        out.append(
            f"| {k} | {t.found}/{t.errors} | {t.recall():.2f} | {t.documents} | {t.false} "
            f"| {len(t.clean_with_false)}/{t.clean} |"
        )
    return out


def report(name: str, score: Score, seconds: float) -> list[str]:
    t = score.total
    lines = [
        f"### {name}",
        "",
        f"Recall **{t.recall():.2f}** ({t.found}/{t.errors}), **{t.false}** false errors, "
        f"{t.crashes} crashes, {len(t.clean_with_false)}/{t.clean} consistent reports with a "
        f"false error; {t.documents} documents in {seconds:.0f} s.",
        "",
        *_table("error class", score.by_class, errors_only=True),
        "",
        *_table("layout", score.by_layout),
        "",
    ]
    if t.clean_with_false:
        lines += ["Consistent reports with an error-severity finding:", ""]
        lines += [f"- {n}" for n in t.clean_with_false[:40]] + [""]
    if score.missed:
        lines += ["Missed:", ""] + [f"- {m}" for m in score.missed[:40]] + [""]
    return lines


def _as_json(score: Score) -> dict[str, Any]:
    def tally(t: Tally) -> dict[str, Any]:
        return {**t.__dict__, "recall": t.recall()}

    return {
        "total": tally(score.total),
        "by_class": {k: tally(v) for k, v in score.by_class.items()},
        "by_layout": {k: tally(v) for k, v in score.by_layout.items()},
        "missed": score.missed,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", type=Path, help="folders of keyed reports")
    ap.add_argument("--zoo", type=int, default=0, metavar="SEEDS", help="score the layout zoo")
    ap.add_argument("--libreoffice", action="store_true", help="zoo: add LibreOffice's Word files")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "detection.json")
    a = ap.parse_args(argv)
    results: dict[str, Any] = {}
    lines: list[str] = []
    for folder in a.folders:
        s, t0 = Score(), time.perf_counter()
        score_folder(folder, s)
        lines += report(str(folder), s, time.perf_counter() - t0)
        results[str(folder)] = _as_json(s)
    if a.zoo:
        s, t0 = Score(), time.perf_counter()
        score_zoo(a.zoo, a.libreoffice, s)
        lines += report(f"layout zoo ({a.zoo} seeds)", s, time.perf_counter() - t0)
        results["zoo"] = _as_json(s)
    print("\n".join(lines))
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
