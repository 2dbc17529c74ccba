"""Configuration files: found from the checked path, nearest wins, obeyed, and a bad
one is a one-line error that names the file and the key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dvc_validate.config import Config, find_config, load_config
from dvc_validate.errors import ConfigError

from .conftest import BAD_REPORT, Run, slip_findings


def _toml_list(codes: list[str]) -> str:
    return "[" + ", ".join(f'"{c}"' for c in codes) + "]"


def _pyproject(folder: Path, body: str) -> Path:
    p = folder / "pyproject.toml"
    p.write_text('[project]\nname = "reports"\n\n[tool.dvc-validate]\n' + body, encoding="utf-8")
    return p


def test_pyproject_ignore_severity_and_lang_are_obeyed(
    cli: Callable[..., Run], bad: Path, slip_codes: list[str]
) -> None:
    _pyproject(bad.parent, f'lang = "en"\nignore = {_toml_list(slip_codes)}\n')
    run = cli("lint", bad, "--format", "json")
    assert run.code == 0
    assert not [f for f in run.findings() if f["code"] in slip_codes]

    body = 'lang = "en"\n[tool.dvc-validate.severity]\n'
    body += "".join(f'{c} = "warning"\n' for c in slip_codes)
    _pyproject(bad.parent, body)
    run = cli("lint", bad, "--format", "json")
    assert run.code == 0  # demoted below the default fail-on
    found = slip_findings(run)
    assert found and {f["severity"] for f in found} == {"warning"}
    english = cli(
        "lint", bad, "--format", "json", "--lang", "en", "--config", bad.parent / "pyproject.toml"
    )
    vietnamese = cli("lint", bad, "--format", "json", "--lang", "vi")
    assert [f["message"] for f in found] == [f["message"] for f in slip_findings(english)]
    assert [f["message"] for f in found] != [f["message"] for f in slip_findings(vietnamese)]


def test_nearest_config_wins_over_a_parent(
    cli: Callable[..., Run], tmp_path: Path, slip_codes: list[str]
) -> None:
    (tmp_path / "dvc-validate.toml").write_text(
        f'lang = "en"\nignore = {_toml_list(slip_codes)}\n', encoding="utf-8"
    )
    child = tmp_path / "drafts"
    child.mkdir()
    (child / "bad.txt").write_text(BAD_REPORT, encoding="utf-8")
    _pyproject(child, 'fail-on = "never"\n')
    run = cli("lint", child / "bad.txt", "--format", "json")
    assert run.code == 0  # the child's fail-on ...
    assert slip_findings(run)  # ... and not the parent's ignore: files are not merged

    # a pyproject without our table is not a config: the search goes on upwards
    (child / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(child / "bad.txt") == tmp_path / "dvc-validate.toml"
    run = cli("lint", child / "bad.txt", "--format", "json")
    assert run.code == 0 and not slip_findings(run)


def test_dvc_validate_toml_is_preferred_in_the_same_folder(tmp_path: Path) -> None:
    _pyproject(tmp_path, 'lang = "en"\n')
    (tmp_path / "dvc-validate.toml").write_text('lang = "vi"\n', encoding="utf-8")
    found = find_config(tmp_path)
    assert found == tmp_path / "dvc-validate.toml"
    assert load_config(found).lang == "vi"


def test_cli_options_override_the_config(cli: Callable[..., Run], bad: Path) -> None:
    (bad.parent / "dvc-validate.toml").write_text(
        'fail-on = "never"\nlang = "en"\n', encoding="utf-8"
    )
    assert cli("lint", bad, "--format", "json").code == 0
    assert cli("lint", bad, "--format", "json", "--fail-on", "error").code == 1
    missing = cli("lint", bad.parent / "nope.txt", "--lang", "vi")
    assert missing.err.startswith("dvc-validate: lỗi: ")
    missing = cli("lint", bad.parent / "nope.txt")
    assert missing.err.startswith("dvc-validate: error: ")  # the config's language


def test_explicit_config_file(
    cli: Callable[..., Run], bad: Path, tmp_path: Path, slip_codes: list[str]
) -> None:
    elsewhere = tmp_path / "conf" / "strict.toml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(f"ignore = {_toml_list(slip_codes)}\n", encoding="utf-8")
    run = cli("lint", bad, "--format", "json", "--config", elsewhere)
    assert run.code == 0 and not slip_findings(run)


def test_per_file_ignores_are_relative_to_the_config(
    cli: Callable[..., Run],
    tmp_path: Path,
    slip_codes: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drafts = tmp_path / "project" / "drafts"
    drafts.mkdir(parents=True)
    (drafts / "bad.txt").write_text(BAD_REPORT, encoding="utf-8")
    (tmp_path / "project" / "dvc-validate.toml").write_text(
        f'[per-file-ignores]\n"drafts/*.txt" = {_toml_list(slip_codes)}\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)  # not the project folder: the glob must still apply
    run = cli("lint", "project/drafts/bad.txt", "--format", "json")
    assert run.code == 0 and not slip_findings(run)
    (drafts.parent / "final").mkdir()
    (drafts.parent / "final" / "bad.txt").write_text(BAD_REPORT, encoding="utf-8")
    assert cli("lint", "project/final/bad.txt", "--format", "json").code == 1


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("bogus = 1\n", "tool.dvc-validate.bogus"),
        ('fail-on = "sometimes"\n', "tool.dvc-validate.fail-on"),
        ('[tool.dvc-validate.severity]\nDV001 = "loud"\n', "tool.dvc-validate.severity.DV001"),
        (
            '[[tool.dvc-validate.suppress]]\ncode = "DV001"\nline = 3\n',
            "tool.dvc-validate.suppress[1].reason",
        ),
        ("max-bytes = 0\n", "tool.dvc-validate.max-bytes"),
    ],
)
def test_a_bad_config_names_the_file_and_the_key(
    cli: Callable[..., Run], bad: Path, body: str, key: str
) -> None:
    path = _pyproject(bad.parent, body)
    run = cli("lint", bad)
    assert run.code == 2
    assert run.out == ""
    assert len(run.err.strip().splitlines()) == 1
    assert str(path) in run.err and f"'{key}'" in run.err
    with pytest.raises(ConfigError):
        load_config(path)


def test_broken_toml_is_reported_not_skipped(cli: Callable[..., Run], bad: Path) -> None:
    (bad.parent / "pyproject.toml").write_text("[tool.dvc-validate]\nlang = \n", encoding="utf-8")
    run = cli("lint", bad)
    assert run.code == 2 and "TOML" in run.err


def test_unknown_rule_codes_in_the_config_are_exit_2(cli: Callable[..., Run], bad: Path) -> None:
    _pyproject(bad.parent, 'ignore = ["ZZ999"]\n')
    run = cli("lint", bad)
    assert run.code == 2 and "ZZ999" in run.err and "ignore" in run.err
    _pyproject(bad.parent, '[tool.dvc-validate.severity]\nPC = "warning"\n')
    run = cli("lint", bad)
    assert run.code == 2 and "severity.PC" in run.err


def test_a_suppression_must_point_somewhere() -> None:
    with pytest.raises(ValueError, match="indicator"):
        Config.model_validate({"suppress": [{"code": "DV001", "reason": "why"}]})


def test_rule_pack_paths_are_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "dvc-validate.toml").write_text('rules = ["packs/extra.yaml"]\n', encoding="utf-8")
    config = load_config(tmp_path / "dvc-validate.toml")
    assert config.rules == [str(tmp_path.resolve() / "packs" / "extra.yaml")]
