"""``lint_series``: one unit's reports in period order (from the reports, not the file
names), each against its predecessor, and a gap reported once, after it."""

from __future__ import annotations

from pathlib import Path

from dvc_validate.api import lint_series
from dvc_validate.model.finding import Result

from .chain import JANUARY, Spec, following, months, write

CONTINUITY = {"CO010", "CO011", "CO012", "CO013", "DT010", "DT011"}


def _continuity(result: Result) -> list[tuple[str, str | None, str]]:
    return [
        (fr.period or "", f.code, str(f.data.get("missing", f.found)))
        for fr in result.files
        for f in fr.findings
        if f.code in CONTINUITY
    ]


def _line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, ln in enumerate(lines, 1) if ln.startswith(start))


def test_a_shuffled_folder_is_ordered_by_period_and_is_clean(tmp_path: Path) -> None:
    chain = months(Spec(year=2023, month=11), 5)  # 11/2023 .. 03/2024
    names = ["e.txt", "a.txt", "d.txt", "b.txt", "c.txt"]  # name order is not period order
    paths = [write(tmp_path, spec, name) for spec, name in zip(chain, names, strict=True)]
    result = lint_series(sorted(paths))
    assert [fr.period for fr in result.files] == [
        "2023-11",
        "2023-12",
        "2024-01",
        "2024-02",
        "2024-03",
    ]
    assert _continuity(result) == []


def test_a_missing_month_is_reported_once_on_the_report_after_it(tmp_path: Path) -> None:
    chain = months(JANUARY, 6)  # 01..06/2024
    kept = [s for s in chain if s.month != 4]
    paths = [write(tmp_path, s) for s in reversed(kept)]
    result = lint_series(paths)
    assert _continuity(result) == [("2024-05", "DT011", "04/2024")]
    may = next(fr for fr in result.files if fr.period == "2024-05")
    gap = next(f for f in may.findings if f.code == "DT011")
    march = tmp_path / "hoa-binh-2024-03.txt"
    assert gap.location.line == _line_of(Path(may.path), "trên cổng DVCQG")
    assert gap.data["previous_path"] == str(march)
    assert gap.data["previous_period"] == "03/2024" and gap.data["period"] == "05/2024"
    assert [r.line for r in gap.related] == [_line_of(march, "trên cổng DVCQG")]
    assert gap.severity.value == "warning"


def test_several_missing_months_across_new_year(tmp_path: Path) -> None:
    november = Spec(year=2023, month=11)
    # February's old column continues November only in this test's fiction: the gap
    # is what is reported, and nothing is compared across it
    february = following(following(following(november)))
    result = lint_series([write(tmp_path, november), write(tmp_path, february)])
    assert _continuity(result) == [("2024-02", "DT011", "12/2023, 01/2024")]


def test_a_slip_inside_the_series_is_found_against_its_own_predecessor(tmp_path: Path) -> None:
    chain = months(JANUARY, 3)
    paths = [write(tmp_path, s) for s in chain]
    march = paths[2].read_text(encoding="utf-8")
    row = next(ln for ln in march.split("\n") if ln.startswith("1\tSố lượng"))
    cells = row.split("\t")
    copied = cells[2]  # February's new count of overdue files
    cells[2] = str(int(copied) + 5)
    paths[2].write_text(march.replace(row, "\t".join(cells)), encoding="utf-8")
    result = lint_series(paths)
    assert _continuity(result) == [("2024-03", "CO010", cells[2])]
    finding = next(f for fr in result.files for f in fr.findings if f.code == "CO010")
    assert finding.expected == copied and finding.data["previous_path"] == str(paths[1])


def test_the_same_month_twice_is_dt010_on_the_second(tmp_path: Path) -> None:
    february = following(JANUARY)
    paths = [
        write(tmp_path, JANUARY),
        write(tmp_path, february, "feb-a.txt"),
        write(tmp_path, february, "feb-b.txt"),
    ]
    result = lint_series(paths)
    assert _continuity(result) == [("2024-02", "DT010", "02/2024")]
    assert result.files[-1].path.endswith("feb-b.txt")


def test_an_unreadable_file_is_recorded_and_the_rest_is_checked(tmp_path: Path) -> None:
    chain = months(JANUARY, 2)
    paths = [write(tmp_path, s) for s in chain]
    result = lint_series([*paths, tmp_path / "missing.docx"])
    assert [fr.error is not None for fr in result.files] == [True, False, False]
    assert _continuity(result) == []
