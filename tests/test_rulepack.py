"""The index as data: the built-in pack, user packs, and errors that name the line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dvc_validate.errors import RulePackError
from dvc_validate.pack import builtin_pack, load_pack, merge_packs, parse_ref


def test_builtin_pack_defines_the_six_axes_totalling_100() -> None:
    pack = builtin_pack()
    assert [(a.key, a.max) for a in pack.axes] == [
        ("cong_khai", 18), ("tien_do", 20), ("dvc_truc_tuyen", 12),
        ("thanh_toan", 10), ("hai_long", 18), ("so_hoa", 22),
    ]  # fmt: skip
    assert sum(a.max for a in pack.axes) == pack.total.max == 100
    assert ["1.2.a", "1.2.b"] in pack.wholes and ["2.1", "2.2"] in pack.complementary
    assert {(r.a, r.b) for r in pack.repeated} == {("3.4.a", "appendix2.2"), ("6.1", "appendix2.4")}
    assert pack.legal_basis.number == "766/QĐ-TTg"


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "pack.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    p = _write(
        tmp_path, 'pack: mine\nrelations:\n  - "6.1.new == appendix2.4.new"\n  - [unclosed\n'
    )
    with pytest.raises(RulePackError) as err:
        load_pack(p)
    assert "dòng 5 (bắt đầu ở dòng 4)" in err.value.message("vi")
    assert str(p) in err.value.message("en")


def test_bad_field_names_the_line(tmp_path: Path) -> None:
    p = _write(tmp_path, "pack: mine\naxes:\n  - key: x\n    name_vi: X\n    max: lots\n")
    with pytest.raises(RulePackError) as err:
        load_pack(p)
    assert "line 5" in err.value.message("en") and "axes.0.max" in err.value.message("en")


def test_bad_expression_names_the_line(tmp_path: Path) -> None:
    p = _write(tmp_path, 'pack: mine\nrelations:\n  - "6.1.new == 1"\n  - "__import__(\'os\')"\n')
    with pytest.raises(RulePackError) as err:
        load_pack(p)
    assert "line 4" in err.value.message("en")


def test_user_pack_adds_relations_to_the_index(tmp_path: Path) -> None:
    p = _write(tmp_path, 'pack: mine\nrelations:\n  - "6.1.new == appendix2.4.new"\n')
    merged = merge_packs(builtin_pack(), load_pack(p))
    # the index's own relations come first, the user's after them
    assert merged.relations[: len(builtin_pack().relations)] == builtin_pack().relations
    mine = merged.relations[len(builtin_pack().relations) :]
    assert [(r.expr, r.over, r.code) for r in mine] == [
        ("6.1.new == appendix2.4.new", "refs", "CO003")
    ]
    assert mine[0].line == 3
    assert len(merged.axes) == 6


@pytest.mark.parametrize(
    ("ref", "parts"),
    [
        ("6.1.new", ("appendix1", "6.1", "new")),
        ("appendix2.4.old", ("appendix2", "4", "old")),
        ("1.2.a.old.count", ("appendix1", "1.2.a", "old.count")),
    ],
)
def test_references(ref: str, parts: tuple[str, str, str]) -> None:
    assert parse_ref(ref) == parts


def test_a_relation_entry_that_is_not_linear_names_the_line(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "pack: mine\nrelations:\n"
        '  - {code: DL001, kind: change, over: row, check: "change == new * old"}\n',
    )
    with pytest.raises(RulePackError) as err:
        load_pack(p)
    message = err.value.message("en")
    assert "line 3" in message and "not linear" in message


def test_a_relation_over_an_unknown_scope_is_refused(tmp_path: Path) -> None:
    p = _write(tmp_path, 'pack: mine\nrelations:\n  - {over: page, check: "x == 1"}\n')
    with pytest.raises(RulePackError) as err:
        load_pack(p)
    assert "unknown scope 'page'" in err.value.message("en")


def test_every_relation_of_the_index_compiles_and_names_a_registered_rule() -> None:
    from dvc_validate.checks import REGISTRY, load_rules

    load_rules()
    for rel in builtin_pack().relations:
        assert rel.code in REGISTRY, rel.check
        assert rel.over == "refs" or rel.compiled()


def test_a_scoped_user_relation_is_reported_by_lint(tmp_path: Path, cli: Any) -> None:
    """A user's entry in the relation form fires in ``lint`` as CO003, at the figure the
    localisation names: in the draft, 3.3's procedures fell from 161 to 152 (1.2.a's
    fall is reported once, by the slip that explains it, not twice)."""
    p = _write(
        tmp_path,
        "pack: mine\nrelations:\n"
        '  - {code: CO003, kind: user, over: row, check: "new.count >= old.count"}\n',
    )
    draft = Path(__file__).resolve().parents[1] / "examples" / "binh-thanh-2024-02.txt"
    plain = {
        (f["code"], f["location"].get("indicator"))
        for f in cli("lint", draft, "--format", "json").findings()
    }
    mine = {
        (f["code"], f["location"].get("indicator"))
        for f in cli("lint", draft, "--rules", p, "--format", "json").findings()
    }
    assert ("CO003", "3.3") in mine - plain
    assert not any(code == "CO003" for code, _ in plain)


def test_each_relation_is_reported_by_a_rule_that_declares_its_kind() -> None:
    """The pack names the code of each relation; that rule declares the relation's kind,
    so no relation is checked and then dropped, and no rule reports a kind the pack
    never states (sign slips, DL002/DL003, are reported for the pack's sign_slip
    relations; CO003 for a user's)."""
    from dvc_validate.checks import REGISTRY, load_rules

    load_rules()
    pack = builtin_pack()
    undeclared = [
        (r.code, r.kind) for r in pack.relations if r.kind not in REGISTRY[r.code].relations
    ]
    assert undeclared == []
    stated = {(r.code, r.kind) for r in pack.relations}
    slipping = {r.kind for r in pack.relations if r.sign_slip}
    for rule in REGISTRY.values():
        for kind in rule.relations:
            if rule.code in ("DL002", "DL003"):
                assert kind in slipping, (rule.code, kind)
            elif rule.code != "CO003":
                assert (rule.code, kind) in stated, (rule.code, kind)


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ('{code: DL001, kind: user, over: row, check: "new.count >= old.count"}',
         "rule DL001 does not report relations of kind 'user' (it reports: change)"),
        ('{code: ZZ001, kind: user, over: row, check: "new.count >= old.count"}',
         "there is no rule ZZ001"),
    ],
)  # fmt: skip
def test_a_user_relation_no_rule_reports_is_refused_with_its_line(
    tmp_path: Path, cli: Any, entry: str, words: str
) -> None:
    """A relation whose code's rule does not report its kind would be checked and never
    said: the pack is refused, naming the line, rather than silently ignored."""
    p = _write(tmp_path, f"pack: mine\nrelations:\n  - {entry}\n")
    draft = Path(__file__).resolve().parents[1] / "examples" / "binh-thanh-2024-02.txt"
    run = cli("lint", draft, "--rules", p, "--lang", "en")
    assert run.code == 2
    assert f"line 3: {words}." in run.err


def test_check_table_takes_a_users_pack_as_lint_does(tmp_path: Path, cli: Any) -> None:
    """``--rules`` on check-table: the user's relation fires on the table's rows, under the
    same code as in a document (issue 12: a pack with "2.1.new <= 0" changed nothing)."""
    p = _write(tmp_path, 'pack: mine\nrelations:\n  - "2.1.new <= 0"\n')
    table = Path(__file__).resolve().parents[1] / "examples" / "province-table-2024-02.csv"
    plain = cli("check-table", table, "--format", "json").findings()
    mine = cli("check-table", table, "--rules", p, "--format", "json").findings()
    added = [f for f in mine if f["code"] == "CO003"]
    assert not any(f["code"] == "CO003" for f in plain)
    assert added and {f["location"]["indicator"] for f in added} == {"2.1"}
