"""What the wheel ships: the ``py.typed`` marker that ``Typing :: Typed`` promises."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hatchling.builders.wheel import WheelBuilder

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_ships_py_typed_and_the_rule_pack(tmp_path: Path) -> None:
    builder = WheelBuilder(str(ROOT))
    (built,) = list(builder.build(directory=str(tmp_path), versions=["standard"]))
    names = set(zipfile.ZipFile(built).namelist())
    assert "dvc_validate/py.typed" in names
    assert "dvc_validate/_rules/qd766.yaml" in names
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(built).read(meta).decode()
    assert "Classifier: Typing :: Typed" in text
    assert "Requires-Dist: pyarrow>=15" in text
