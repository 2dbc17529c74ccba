"""PDF compression bombs are refused before pdfminer inflates them (readers/_pdfsafe.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dvc_validate.errors import InputTooLargeError, NoTextLayerError
from dvc_validate.readers import read_bytes
from dvc_validate.readers.base import ReadLimits

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "data" / "bad"))
from make_bad import pdf_bomb

SMALL = ReadLimits(max_unzipped_bytes=4 << 20)


@pytest.mark.parametrize("layers", [1, 2], ids=["flate", "flate-in-flate"])
def test_a_stream_over_the_inflation_limit_is_refused(layers: int) -> None:
    with pytest.raises(InputTooLargeError) as err:
        read_bytes(pdf_bomb(size=8 << 20, layers=layers), "bom.pdf", limits=SMALL)
    assert "PDF bomb" in err.value.message("en") and "bom.pdf" in err.value.message("vi")


@pytest.mark.parametrize("layers", [1, 2])
def test_a_stream_under_the_limit_is_read(layers: int) -> None:
    with pytest.raises(NoTextLayerError):  # blanks only: read, and found to have no text
        read_bytes(pdf_bomb(size=2 << 20, layers=layers), "ok.pdf", limits=SMALL)
