"""A department's report in Word, headed as such reports are: a two-column table whose
left cell holds the parent authority, the department and the number. The unit is
read from those lines, not from the extracted issuer (the parent)."""

from __future__ import annotations

import io

from docx import Document

from dvc_validate.api import lint_file
from dvc_validate.portal import PortalData
from fix.docxgen import docx_from_text
from portal.drafts import draft, unit_id_of

DEPARTMENT = "Sở Tư pháp - Tỉnh Phú Thọ"


def _word(text: str) -> bytes:
    lines = text.split("\n")
    assert lines[3].startswith("Số:")
    doc = Document(io.BytesIO(docx_from_text("\n".join(lines[4:]), split=False)))
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "\n".join([lines[0], lines[1], "-----", lines[3]])
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    doc.element.body.insert(0, table._tbl)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_a_department_in_word_is_found_below_its_parent_authority(recorded: PortalData) -> None:
    text = draft(recorded, unit_id_of(recorded, DEPARTMENT))
    assert text.startswith("UBND TỈNH PHÚ THỌ\nSỞ TƯ PHÁP\n")
    clean = lint_file(_word(text), format="docx", portal=recorded)
    assert [f.code for f in clean.findings if f.code.startswith("PT")] == []  # found: no PT001
    wrong = text.replace("Số hóa hồ sơ đạt ", "Số hóa hồ sơ đạt 1", 1)
    found = lint_file(_word(wrong), format="docx", portal=recorded)
    assert [(f.code, f.location.indicator) for f in found.findings if f.code.startswith("PT")] == [
        ("PT010", None)
    ]
