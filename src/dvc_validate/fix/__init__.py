"""Apply the corrections that findings propose: ``dvc-validate lint --fix``.

``apply_fixes(path, result, *, relinter, unsafe=False, out=None)`` takes a lint
result, applies the fixes of one file in memory (only ``safe`` ones unless ``unsafe``),
lints the outcome again with the linter it is handed (``dvc_validate.api.relinter``:
the fixer sits below the API) and rolls back any fix that brings a new finding, then
writes a corrected copy (``draft.fixed.txt``, ``draft.fixed.docx``) or, with
``in_place=True``, replaces the input atomically after keeping ``draft.txt.bak``.

- ``edits.py``: a fix as a replacement at a location, found as a whole token;
- ``text.py``: text and Markdown, changed character by character;
- ``docx.py``: Word, changed run by run, every other part copied as it was;
- ``apply.py``: the fix loop and the report; ``write.py``: atomic writes.
"""

from __future__ import annotations

from .apply import FixReport, apply_fixes
from .edits import Edit

__all__ = ["Edit", "FixReport", "apply_fixes"]
