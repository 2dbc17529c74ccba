"""The vocabulary is data: another family adds its words without code; a bad file is a
tool error. And the fixes a text of statements gets leave it clean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from dvc_validate.api import lint, relinter
from dvc_validate.errors import RulePackError
from dvc_validate.extract.prose import extract_prose
from dvc_validate.fix import apply_fixes
from dvc_validate.model.document import Paragraph
from dvc_validate.model.location import Location
from dvc_validate.pack.prose import builtin_vocabulary, load_vocabulary

REAL = Path(__file__).resolve().parents[1] / "data" / "real"
TEXT = "Cấp xã tiếp nhận 200 hồ sơ, với 50 hồ sơ qua dịch vụ bưu chính công ích (25%)."


def _facts(text: str, vocab_path: Path | None = None):  # type: ignore[no-untyped-def]
    vocab = load_vocabulary(vocab_path) if vocab_path else builtin_vocabulary()
    return extract_prose([Paragraph(text=text, location=Location(line=1))], vocab)


def test_a_family_adds_a_measure_as_words_only(tmp_path: Path) -> None:
    assert _facts(TEXT).shares == []  # "bưu chính công ích" is not a measure of the pack
    data = yaml.safe_load(
        (Path(__file__).resolve().parents[2] / "rules" / "prose.yaml").read_text()
    )
    data["parts"]["postal"] = ["qua dịch vụ bưu chính công ích"]
    data["partitions"]["received"].append(["online", "postal"])
    path = tmp_path / "family.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (share,) = _facts(TEXT, path).shares
    assert (share.rate.raw, share.part.raw, share.whole.raw) == ("25%", "50", "200")


def test_a_partition_naming_an_unknown_part_is_a_tool_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("wholes: {received: [tiếp nhận]}\npartitions: {received: [[nowhere]]}\n")
    with pytest.raises(RulePackError):
        load_vocabulary(path)


def test_fixing_a_published_text_leaves_it_clean(tmp_path: Path) -> None:
    src = tmp_path / "kontum.txt"
    shutil.copy(REAL / "03_kontum_tinh_quy1_2023.txt", src)
    before = src.read_bytes()
    fixed = apply_fixes(src, lint(src), unsafe=True, relinter=relinter).output
    assert fixed is not None and src.read_bytes() == before  # the input is never modified
    text = Path(fixed).read_text(encoding="utf-8")
    assert "(đạt tỷ lệ 37,20%)" in text and "(đạt tỷ lệ 13,06%)" in text
    assert [f.code for f in lint(fixed).files[0].findings] == []
