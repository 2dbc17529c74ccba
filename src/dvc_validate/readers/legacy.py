"""Legacy Vietnamese font encodings: TCVN3 (ABC, ``.VnTime``) and VNI (``VNI-Times``).

Before Unicode, Vietnamese offices typed into 8-bit fonts that draw Vietnamese
letters at Latin-1 code points. The bytes (or, inside Word, the Latin-1 characters)
are meaningless without the font: ``B¸o c¸o th¸ng`` is TCVN3 for "Báo cáo
tháng", ``Baùo caùo thaùng`` is VNI for the same. Old templates still carry such
text, and a figure's label read as ``Tû lÖ hå s¬`` matches nothing.

* **TCVN3** (TCVN 5712:1993, the "VN3" font layout) is one character per letter.
  Lower-case letters with tone marks sit at 0xA8–0xFE; the seven capital base
  letters Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7. Capitals with tone marks have no code: they
  are typed with the lower-case codes in a capital font (``.VnTimeH``), so text in
  an ``…H`` font is upper-cased after conversion.
* **VNI** (VNI-Windows) is a base letter followed by a mark character: ``aù`` =
  á, ``aâ`` = â, ``aá`` = ấ; a few letters are one character (``ñ`` = đ,
  ``ô`` = ơ, ``ö`` = ư, ``í`` ``ì`` ``æ`` ``ó`` ``ò`` = í ì ỉ ĩ ị, ``î`` = ỵ).

Sources: both tables were written from the published charts of the two
encodings; the lower-case TCVN3 range 0xA1–0xFE was checked byte by byte against
GNU libc's ``TCVN5712-1`` converter (``iconv -f TCVN5712-1``), and both tables
against the VNI/TCVN3 lists of the MIT-licensed ``duydev/vietnamese-conversion``
(``src/charsets.ts``). Only the letters are mapped; every other character is kept.

Detection is statistical and works on text (after a UTF-8 or Windows-1252
decode): legacy text is full of Latin-1 characters that Vietnamese never uses
(``¸ µ ¶ ¹ ® ¬ ø ï û ö ñ``...). VNI is told from TCVN3 because its marks follow a
vowel (``aù``), while TCVN3's letters stand alone between consonants (``B¸o``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ..model.document import DocumentNote
from ..model.location import Location

__all__ = [
    "TCVN3",
    "VNI",
    "convert_legacy",
    "detect_legacy",
    "font_encoding",
    "from_tcvn3",
    "from_vni",
    "legacy_note",
    "looks_unicode",
]

# ------------------------------------------------------------------ TCVN3 (ABC)

#: TCVN3 code point (as the Latin-1 character Word or a cp1252 decode gives) → letter
TCVN3: dict[str, str] = {
    # capital base letters
    "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ", "\xa6": "Ư", "\xa7": "Đ",
    # lower-case base letters
    "\xa8": "ă", "\xa9": "â", "\xaa": "ê", "\xab": "ô", "\xac": "ơ", "\xad": "ư", "\xae": "đ",
    # a
    "\xb5": "à", "\xb6": "ả", "\xb7": "ã", "\xb8": "á", "\xb9": "ạ",
    # ă
    "\xbb": "ằ", "\xbc": "ẳ", "\xbd": "ẵ", "\xbe": "ắ", "\xc6": "ặ",
    # â
    "\xc7": "ầ", "\xc8": "ẩ", "\xc9": "ẫ", "\xca": "ấ", "\xcb": "ậ",
    # e
    "\xcc": "è", "\xce": "ẻ", "\xcf": "ẽ", "\xd0": "é", "\xd1": "ẹ",
    # ê
    "\xd2": "ề", "\xd3": "ể", "\xd4": "ễ", "\xd5": "ế", "\xd6": "ệ",
    # i
    "\xd7": "ì", "\xd8": "ỉ", "\xdc": "ĩ", "\xdd": "í", "\xde": "ị",
    # o
    "\xdf": "ò", "\xe1": "ỏ", "\xe2": "õ", "\xe3": "ó", "\xe4": "ọ",
    # ô
    "\xe5": "ồ", "\xe6": "ổ", "\xe7": "ỗ", "\xe8": "ố", "\xe9": "ộ",
    # ơ
    "\xea": "ờ", "\xeb": "ở", "\xec": "ỡ", "\xed": "ớ", "\xee": "ợ",
    # u
    "\xef": "ù", "\xf1": "ủ", "\xf2": "ũ", "\xf3": "ú", "\xf4": "ụ",
    # ư
    "\xf5": "ừ", "\xf6": "ử", "\xf7": "ữ", "\xf8": "ứ", "\xf9": "ự",
    # y
    "\xfa": "ỳ", "\xfb": "ỷ", "\xfc": "ỹ", "\xfd": "ý", "\xfe": "ỵ",
}  # fmt: skip

_TCVN3_TABLE = str.maketrans(TCVN3)


def from_tcvn3(text: str, *, upper: bool = False) -> str:
    """TCVN3 text to Unicode; ``upper`` for a capital font such as ``.VnTimeH``."""
    out = text.translate(_TCVN3_TABLE)
    return out.upper() if upper else out


# ------------------------------------------------------------------ VNI

# marks after a vowel: VNI character → (lower-case mark name)
_VNI_TONES = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
# circumflex + tone, breve + tone: one VNI character each
_VNI_HAT = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_VNI_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# letters that are one VNI character
_VNI_SINGLE = {
    "ñ": "đ", "ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip


def _compose(base: str, *marks: str) -> str:
    return unicodedata.normalize("NFC", base + "".join(marks))


def _vni_table() -> dict[str, str]:
    """Every VNI sequence → its letter, lower and upper case."""
    lower: dict[str, str] = dict(_VNI_SINGLE)
    for vowel in "aeiouy":
        for mark, tone in _VNI_TONES.items():
            if vowel == "i":
                continue  # í ì ỉ ĩ ị are single VNI characters
            lower[vowel + mark] = _compose(vowel, tone)
    for vowel in "aeo":
        for mark, tone in _VNI_HAT.items():
            lower[vowel + mark] = _compose(vowel, "\u0302", tone)
    for mark, tone in _VNI_BREVE.items():
        lower["a" + mark] = _compose("a", "\u0306", tone)
    for base, letter in (("ô", "ơ"), ("ö", "ư")):  # ơ and ư take the tone marks too
        for mark, tone in _VNI_TONES.items():
            lower[base + mark] = _compose(letter, tone)
    table = dict(lower)
    for seq, letter in lower.items():
        table[seq.upper()] = letter.upper()
    return table


#: VNI sequence (one or two characters) → letter
VNI: dict[str, str] = _vni_table()
_VNI_RE = re.compile("|".join(sorted((re.escape(k) for k in VNI), key=len, reverse=True)))


def from_vni(text: str) -> str:
    """VNI text to Unicode; a two-character sequence wins over its first character."""
    return _VNI_RE.sub(lambda m: VNI[m.group(0)], text)


# ------------------------------------------------------------------ detection

# Latin-1 letters that Vietnamese itself uses, and symbols an honest report may hold;
# every other character of U+00A1–U+00FF is "junk" that only a legacy font explains
_NOT_JUNK = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ\xa0°±"
# spelled as the 61 characters themselves: the negated class over the whole of
# Unicode it equals took ~9 ms to compile, on every start-up
_JUNK_RE = re.compile(
    "[" + re.escape("".join(c for c in map(chr, range(0xA1, 0x100)) if c not in _NOT_JUNK)) + "]"
)
_HIGH_RE = re.compile(r"[\xa1-\xff]")
_VIET_RE = re.compile(r"[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9\u0300-\u0323]")
_VNI_MARKS = "".join(sorted({*_VNI_TONES, *_VNI_HAT, *_VNI_BREVE}))
_VNI_ALONE = "".join(sorted(_VNI_SINGLE))
_VNI_FIT_RE = re.compile(
    "(?<=[aeiouyAEIOUYôöÔÖ])[" + re.escape(_VNI_MARKS + _VNI_MARKS.upper()) + "]"
    "|[" + re.escape(_VNI_ALONE + _VNI_ALONE.upper()) + "]"
)
_LETTER_RE = re.compile(r"[^\W\d_]")
_MIN_JUNK = 3  # fewer stray characters than this is a typo or a symbol, not an encoding


def _junk(text: str) -> int:
    """Latin-1 characters that Vietnamese text never contains (``¸ µ ø ï ®``...)."""
    return len(_JUNK_RE.findall(text))


def _viet(text: str) -> int:
    """Letters only Vietnamese uses (ă đ ơ ư, U+1EA0–U+1EF9) and combining tone marks."""
    return len(_VIET_RE.findall(text))


def _vni_fit(text: str) -> float:
    """Share of the Latin-1 characters that VNI explains: a mark after a vowel, or
    one of its single-character letters."""
    high = len(_HIGH_RE.findall(text))
    return len(_VNI_FIT_RE.findall(text)) / high if high else 0.0


def _double_utf8(text: str) -> bool:
    """UTF-8 read as Windows-1252 ("BÃ¡o cÃ¡o") is mojibake, not a legacy font."""
    try:
        return text.encode("cp1252").decode("utf-8") != text
    except UnicodeError:
        return False


def detect_legacy(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` or ``None`` for ``text`` decoded as Latin-1/cp1252.

    Legacy text has many characters Vietnamese never uses; converting it must
    remove nearly all of them and yield Vietnamese letters. VNI explains its
    characters as marks after vowels; otherwise the layout is TCVN3.
    """
    junk = _junk(text)
    if junk < _MIN_JUNK or junk < 0.01 * len(_LETTER_RE.findall(text)) or _double_utf8(text):
        return None
    candidates: list[tuple[str, Callable[[str], str]]] = [("tcvn3", from_tcvn3)]
    if _vni_fit(text) >= 0.8:
        candidates.insert(0, ("vni", from_vni))
    for name, convert in candidates:
        out = convert(text)
        if _junk(out) <= 0.1 * junk and _viet(out) > _viet(text):
            return name
    return None


def convert_legacy(text: str) -> tuple[str, str | None]:
    """Convert the legacy-encoded lines of ``text``; return it and the encoding found.

    A line that already holds Unicode Vietnamese (ư, ơ, ạ... or combining marks)
    is kept as it is, so a Unicode document with a pasted TCVN3 paragraph, or the
    reverse, comes out whole. The rest is judged together and, if it is legacy
    text, converted line by line.
    """
    if not _HIGH_RE.search(text):
        return text, None
    lines = text.split("\n")
    legacy = [i for i, line in enumerate(lines) if not looks_unicode(line)]
    encoding = detect_legacy("\n".join(lines[i] for i in legacy))
    if encoding is None:
        return text, None
    convert = from_vni if encoding == "vni" else from_tcvn3
    for i in legacy:
        lines[i] = convert(lines[i])
    return "\n".join(lines), encoding


def font_encoding(font: str | None) -> str | None:
    """The legacy encoding a Word font implies: ``.VnTime`` → TCVN3, ``VNI-Times`` → VNI."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni-") or name.startswith("vni "):
        return "vni"
    return None


_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


def looks_unicode(text: str) -> bool:
    """Does ``text`` already hold Unicode Vietnamese (ư, ơ, ạ... or combining marks)?

    Such text is never converted: Word often keeps a ``.VnTime`` font on runs that
    were later typed in Unicode."""
    return _VIET_RE.search(text) is not None


def legacy_note(encoding: str, location: Location | None = None, font: str = "") -> DocumentNote:
    """The note that becomes a DC006 finding: the text was converted, re-save it."""
    what = _NAMES.get(encoding, encoding)
    return DocumentNote(
        code="legacy-encoding",
        message_vi=f"Tệp dùng bảng mã cũ {what}{f', phông {font}' if font else ''}; "
        "đã chuyển sang Unicode để kiểm tra. Hãy chuyển văn bản sang Unicode "
        "(ví dụ bằng Unikey) trước khi ban hành.",
        message_en=f"The file uses the legacy Vietnamese encoding {what}"
        f"{f', font {font}' if font else ''}; it was converted to Unicode for checking. "
        "Convert the text to Unicode (e.g. with Unikey) before publishing.",
        location=location or Location(),
        data={"encoding": encoding, "font": font},
    )
