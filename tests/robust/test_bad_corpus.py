"""Every bad input gets exit code 2 and one clear line on stderr: never a traceback.

The corpus is ``tests/data/bad/``: small text cases are committed there, and
``make_bad.py`` builds the binary and large ones (damaged and hostile Word
files, OLE2 containers, a scanned PDF, a 50 MB text, a 100,000-row table) at
test time. Paths that cannot be files in a repository (a missing path, an empty
folder, a FIFO) are made here. Each case also names the error code the JSON
output must carry, so the test asserts the exact outcome, not just "some error".
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from dvc_validate.cli import main

HERE = Path(__file__).resolve().parent
BAD = HERE.parent / "data" / "bad"
ROOT = HERE.parents[1]
sys.path.insert(0, str(BAD))
from make_bad import build  # noqa: E402

#: committed cases → the error code of ``files[].error``
COMMITTED = {
    "empty.txt": "DV103",
    "whitespace-only.md": "DV103",
    "letter.txt": "DV200",
    "thư mời họp Sở Nội vụ.txt": "DV200",  # a letter citing one total, in a Vietnamese path
    "truncated.json": "DV103",
    "broken.yaml": "DV103",
}
#: the 50 MB file is refused by this limit; every other case is far below it
MAX_BYTES = "20000000"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    """(path, expected code) for every bad input."""
    out = tmp_path_factory.mktemp("bad inputs ở đây")  # spaces and Vietnamese in the folder
    cases = [(str(out / name), code) for name, code in build(out).items()]
    cases += [(str(BAD / name), code) for name, code in COMMITTED.items()]
    cases += [
        (str(ROOT / "README.md"), "DV200"),
        (str(ROOT / "tests" / "data" / "not-a-report" / "daklak-chi-thi-012-2025.md"), "DV200"),
        (str(out / "không có tệp này.docx"), "DV101"),
    ]
    empty = out / "thư mục trống"
    empty.mkdir()
    (empty / "ghi chú.odt.bak").write_text("not a report name")  # walked past: not a report file
    cases.append((str(empty), "DV101"))
    if hasattr(os, "mkfifo"):
        fifo = out / "ống dẫn.txt"
        os.mkfifo(fifo)  # opening it would block for ever: it must be refused unopened
        cases.append((str(fifo), "DV101"))
    return cases


def test_every_bad_input_exits_2_with_one_clear_line(
    corpus: list[tuple[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(corpus) >= 25
    for path, code in corpus:
        rc = main(["lint", path, "--format", "json", "--max-bytes", MAX_BYTES, "--lang", "en"])
        out, err = capsys.readouterr()
        lines = err.splitlines()
        assert rc == 2, (path, rc, err)
        assert len(lines) == 1, (path, err)
        line = lines[0]
        assert line.startswith("dvc-validate: error: "), (path, line)
        assert "Traceback" not in err and "internal error" not in line, (path, err)
        assert len(line) > len("dvc-validate: error: ") + 15, (path, line)
        name = Path(path).name
        assert name in line, (path, line)  # the message names the file it is about
        files = json.loads(out)["files"]
        assert [f["error"]["code"] for f in files] == [code], (path, files)
        assert all(not f["findings"] for f in files), (path, files)
