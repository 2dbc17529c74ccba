"""What the tool loads is bounded (issue 14, items 6, 9-13).

Every hostile input here is built at test time. Each case asserts the outcome,
refused with exit 2 and one line, or finished, never a time: the times are in
``benchmarks/bench_hostile.py`` and ``docs/security.md``. A subprocess timeout
is only a safety net for the cases that used to hang.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest

from dvc_validate import lint
from dvc_validate.errors import CorruptInputError, InputTooLargeError, NotAReportError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
EXAMPLE = EXAMPLES / "binh-thanh-2024-02.txt"
sys.path.insert(0, str(ROOT / "tests" / "data" / "bad"))
from make_bad import document_xml, rezip  # noqa: E402

# ------------------------------------------------------------------ item 6: wide and many tables


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("tabs.txt", b"a" + b"\t" * 900_000 + b"b\n"),
        ("pipes.md", b"|" + b" 1 |" * 2_000 + b"\n"),
        ("wide.csv", b";".join([b"1"] * 2_000) + b"\n"),
        ("wide.tsv", b"\t".join([b"1"] * 2_000) + b"\n"),
    ],
    ids=["tabs.txt", "pipes.md", "wide.csv", "wide.tsv"],
)
def test_a_row_over_1000_columns_is_refused(name: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputTooLargeError) as err:
        lint(str(path))
    assert "1,000" in err.value.message("en")


def test_a_workbook_row_over_1000_columns_is_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.cell(row=1, column=1, value="BÁO CÁO")
    ws.cell(row=2, column=1_500, value=12)
    path = tmp_path / "wide.xlsx"
    wb.save(path)
    with pytest.raises(InputTooLargeError):
        lint(str(path))


def test_a_table_of_1000_columns_is_still_read(tmp_path: Path) -> None:
    """The limit is a limit, not an off-by-one: 1,000 cells are read."""
    from dvc_validate.readers.text import read_text

    doc = read_text(b"\t".join([b"x"] * 1_000) + b"\n", "t.txt")
    table = next(doc.tables())
    assert len(table.rows[0].cells) == 1_000


def test_six_thousand_tiny_tables_finish() -> None:
    """Table assembly counted every earlier table for each new one (quadratic)."""
    data = b"".join(b"%d\tx\n\nPara %d\n\n" % (i, i) for i in range(6_000))
    from dvc_validate.readers.text import read_text

    doc = read_text(data, "many.txt")
    assert [t.index for t in doc.tables()] == list(range(1, 6_001))
    assert next(iter(doc.tables())).location.table == 1
    with pytest.raises(NotAReportError):
        lint(data)


# ------------------------------------------------------------------ item 9: duplicate zip parts


def _with_duplicate(data: bytes, name: str, second: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")  # zipfile warns "Duplicate name": that is the point
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info))
        dst.writestr(name, second)
    return out.getvalue()


@pytest.mark.parametrize("name", ["word/document.xml", "WORD/Document.xml"])
def test_a_docx_with_a_part_twice_is_refused(name: str) -> None:
    seed = (EXAMPLES / "binh-thanh-2024-02.docx").read_bytes()
    body = document_xml(seed).replace("86,02", "99,99").encode("utf-8")
    with pytest.raises(CorruptInputError) as err:
        lint(_with_duplicate(seed, name, body))
    assert err.value.code == "DV103"
    assert "twice" in err.value.message("en")


# ------------------------------------------------------------------ item 12: altChunk


def test_an_altchunk_is_said_once_as_info() -> None:
    seed = (EXAMPLES / "binh-thanh-2024-02.docx").read_bytes()
    xml = document_xml(seed)
    chunk = '<w:altChunk r:id="rIdHtml1"/>'
    at = xml.index("<w:p", xml.index("<w:body>"))
    twice = xml[:at] + chunk + chunk + xml[at:]
    data = rezip(seed, {"word/document.xml": twice.encode("utf-8")})
    plain = [(f.code, f.found) for f in lint(seed).findings]
    findings = lint(data).findings
    dc017 = [f for f in findings if f.code == "DC017"]
    assert len(dc017) == 1 and dc017[0].severity.value == "info"
    assert "2" in dc017[0].message
    assert [(f.code, f.found) for f in findings if f.code != "DC017"] == plain
    assert "DC017" not in {c for c, _ in plain}


# ------------------------------------------------------------------ item 13: read once


@pytest.mark.parametrize("fix", [[], ["--fix"], ["--fix", "--unsafe-fixes", "--in-place"]])
def test_the_input_is_opened_once(
    tmp_path: Path, cli: Any, monkeypatch: pytest.MonkeyPatch, fix: list[str]
) -> None:
    path = tmp_path / "draft.txt"
    shutil.copy(EXAMPLE, path)
    opened: list[str] = []
    real = os.open

    def counting(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == str(path):
            opened.append(str(file))
        return real(file, *args, **kwargs)

    import builtins

    real_builtin = builtins.open

    def counting_builtin(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, os.PathLike)) and os.fspath(file) == str(path):
            opened.append(str(file))
        return real_builtin(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting)
    monkeypatch.setattr(builtins, "open", counting_builtin)
    monkeypatch.setattr(io, "open", counting_builtin)  # pathlib's read_bytes uses io.open
    run = cli("lint", path, "-f", "concise", *fix)
    assert run.code in (0, 1), run.err
    assert len(opened) == 1


def test_fix_writes_the_version_it_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file changes on disk after it was read: the fix is made to what was read."""
    from dvc_validate.api import lint_paths, relinter
    from dvc_validate.config import Config
    from dvc_validate.fix.run import run_fixes

    path = tmp_path / "draft.txt"
    shutil.copy(EXAMPLE, path)
    result = lint_paths([path])
    path.write_bytes(b"replaced after the check\n")
    fixed, _diff, _notes = run_fixes(
        result, Config(), relinter=relinter, unsafe=False, diff=False, in_place=False
    )
    out = (tmp_path / "draft.fixed.txt").read_text(encoding="utf-8")
    assert "replaced after the check" not in out and "BÌNH THÀNH" in out
    assert fixed.files[0].error is None


# ------------------------------------------------------------------ items 10, 11: configs and packs


def _alias_pack(items: int = 20_000) -> str:
    row = ", ".join(["x"] * items)
    # valid data once expanded: list[list[str]] of items × items strings
    return f"pack: p\nwholes: [&a [{row}]]\ncomplementary: [{', '.join(['*a'] * items)}]\n"


def _relation(expr: str) -> str:
    return f'pack: p\nrelations:\n- "{expr}"\n'


_PACKS = {
    "aliases": _alias_pack(),
    "recursive alias": "pack: p\nwholes: &a [*a]\n",
    "over 1 MiB": "pack: p\n# " + "x" * (1 << 20) + "\n",
    "400-digit number": _relation("9" * 400 + " == 1.1.new"),
    "50,000-term chain": _relation(" + ".join(["1.1.new"] * 50_000) + " == 1"),
    "50,000 unary minuses": _relation("-" * 50_000 + "1 == 1.1.new"),
}

_CONFIGS = {
    "20-digit max-bytes": "max-bytes = 12345678901234567890\n",
    "5,000-deep array": "x = " + "[" * 5_000 + "]" * 5_000 + "\n",
    "config over 1 MiB": "# " + "x" * (1 << 20) + "\n",
}


def _folder(tmp_path: Path, config: str) -> Path:
    shutil.copy(EXAMPLE, tmp_path / "draft.txt")
    (tmp_path / "dvc-validate.toml").write_text(config, encoding="utf-8")
    return tmp_path / "draft.txt"


def _one_line(run: Any, *names: str) -> None:
    assert run.code == 2, run.out
    assert run.err.count("\n") == 1, run.err
    assert "nội bộ" not in run.err and "internal" not in run.err and "Traceback" not in run.err
    for name in names:
        assert name in run.err, run.err


@pytest.mark.parametrize("case", list(_PACKS))
def test_a_hostile_pack_named_by_a_found_config_is_one_line(
    tmp_path: Path, cli: Any, case: str
) -> None:
    (tmp_path / "pack.yaml").write_text(_PACKS[case], encoding="utf-8")
    draft = _folder(tmp_path, 'rules = ["pack.yaml"]\n')
    _one_line(cli("lint", draft), "pack.yaml")


@pytest.mark.parametrize("case", list(_CONFIGS))
def test_a_hostile_config_is_one_line(tmp_path: Path, cli: Any, case: str) -> None:
    draft = _folder(tmp_path, _CONFIGS[case])
    _one_line(cli("lint", draft), "dvc-validate.toml")


def test_a_huge_max_bytes_option_is_a_usage_error(tmp_path: Path, cli: Any) -> None:
    shutil.copy(EXAMPLE, tmp_path / "draft.txt")
    _one_line(cli("lint", tmp_path / "draft.txt", "--max-bytes", "1" * 20), "--max-bytes")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_pack_or_config_that_never_ends_is_refused(tmp_path: Path, target: str) -> None:
    """These used to read 4.6 GB in 10 s, or hang for ever: a subprocess, with a timeout
    as the safety net; the assertion is the outcome."""
    if target == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs")
        os.mkfifo(tmp_path / "fifo.yaml")
        target = str(tmp_path / "fifo.yaml")
    draft = _folder(tmp_path, f'rules = ["{target}"]\n')
    for argv in (["lint", str(draft)], ["lint", str(draft), "--config", target]):
        proc = subprocess.run(
            [sys.executable, "-m", "dvc_validate", *argv],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        assert proc.returncode == 2
        assert proc.stderr.count("\n") == 1 and target in proc.stderr


def test_a_yaml_model_file_with_aliases_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "report.yaml"
    path.write_text(_alias_pack(), encoding="utf-8")
    with pytest.raises(InputTooLargeError):
        lint(str(path))
