"""Coverage-guided fuzzing of the readers and extraction with atheris (optional).

The property: whatever the bytes, ``read_bytes`` + ``extract`` either return a
result or raise one of the project's documented errors (``DvcValidateError``).
Any other exception, a hang or a crash is a finding.

Install and run (atheris builds from PyPI on Linux with Python 3.11)::

    pip install atheris
    python fuzz/fuzz_readers.py -max_total_time=300 -timeout=20 -rss_limit_mb=2048 \\
        fuzz/corpus

``fuzz/corpus`` is seeded on first run with the example report (text and Word)
and a few small fixtures; libFuzzer adds the inputs that reach new code. The
first byte of each input picks the format, so one target covers text,
Markdown, Word, CSV and JSON. See docs/security.md for what a run found.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    # the readers are imported lazily by read_bytes: import them here so that they
    # are instrumented too (coverage guidance sees only instrumented modules)
    import dvc_validate.readers.docx
    import dvc_validate.readers.legacy
    import dvc_validate.readers.model_file
    import dvc_validate.readers.sheet
    import dvc_validate.readers.text
    import dvc_validate.vn  # noqa: F401
    from dvc_validate.errors import DvcValidateError
    from dvc_validate.extract import extract
    from dvc_validate.model.document import Document
    from dvc_validate.readers import ReadLimits, read_bytes

FORMATS = ("text", "markdown", "docx", "csv", "json")
LIMITS = ReadLimits(max_bytes=1 << 20, max_unzipped_bytes=16 << 20)
ROOT = Path(__file__).resolve().parents[1]


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    try:
        doc = read_bytes(data[1:], f"fuzz.{fmt}", fmt, LIMITS)
        if isinstance(doc, Document):
            extract(doc)
    except DvcValidateError:
        pass  # a documented refusal: the behaviour we want


def seed(corpus: Path) -> None:
    """Put the example draft and small fixtures in an empty corpus folder."""
    if corpus.exists() and any(corpus.iterdir()):
        return
    corpus.mkdir(parents=True, exist_ok=True)
    examples = ROOT / "examples"
    for i, (fmt, path) in enumerate(
        [("text", "binh-thanh-2024-02.txt"), ("docx", "binh-thanh-2024-02.docx")]
    ):
        blob = (examples / path).read_bytes()
        (corpus / f"seed-{i}").write_bytes(bytes([FORMATS.index(fmt)]) + blob)
    (corpus / "seed-csv").write_bytes(bytes([3]) + "Số TT;Nội dung;Tỷ lệ\n1;Một;70,63%\n".encode())


if __name__ == "__main__":
    folders = [a for a in sys.argv[1:] if not a.startswith("-")]
    if folders:
        seed(Path(folders[0]))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
