"""The app's own pages: the upload form, the bar above the marked-up draft that
offers the corrected copy, and the page that hands the copy over with its changes.

Every string that came from the clerk's file or its name is escaped here or by the
reporter; the pages load nothing from outside (the app also sends a CSP saying so).
"""

from __future__ import annotations

import base64

from ..model.finding import Result
from ..report._html_assets import FONTS, HIGHLIGHT
from ..report.html import escape_html as _e
from ..report.html import page as report_page
from ..report.html import rule_title
from .work import ACCEPTED, Fixed

__all__ = ["error_page", "fixed_page", "result_page", "upload_page"]

_UI: dict[str, tuple[str, str]] = {
    "title": ("Kiểm tra dự thảo báo cáo", "Check a draft report"),
    "lead": (
        "Chọn hoặc kéo thả tệp dự thảo (.docx, .txt, .md, .xlsx, .pdf). Tệp chỉ được đọc "
        "trên máy này và không được lưu lại.",
        "Choose or drop the draft (.docx, .txt, .md, .xlsx, .pdf). The file is read on this "
        "computer only and is not kept.",
    ),
    "draft": ("Dự thảo cần kiểm tra", "Draft to check"),
    "previous": ("Báo cáo tháng trước (không bắt buộc)", "Last month's report (optional)"),
    "check": ("Kiểm tra", "Check"),
    "another": ("Kiểm tra tệp khác", "Check another file"),
    "download_title": ("Tải bản đã sửa", "Download the corrected copy"),
    "safe": ("Chỉ các sửa an toàn (định dạng số, dấu)", "Safe fixes only (number format, signs)"),
    "unsafe": (
        "Cả các sửa thay đổi giá trị (xem lại từng chỗ)",
        "Also fixes that change a value (review each one)",
    ),
    "make": ("Tạo bản đã sửa", "Make the corrected copy"),
    "fixed_title": ("Bản đã sửa", "The corrected copy"),
    "download": ("Tải về {name}", "Download {name}"),
    "changes": ("Đã sửa {n} chỗ", "{n} changes made"),
    "nothing": ("Không có chỗ nào sửa tự động được.", "Nothing could be fixed automatically."),
    "where": ("Vị trí", "Where"),
    "old": ("Cũ", "Was"),
    "new": ("Mới", "Now"),
    "rule": ("Quy tắc", "Rule"),
    "skipped": ("Không sửa được", "Not fixed"),
    "rolled_back": ("Bỏ qua vì làm xuất hiện lỗi khác", "Left out: it brought a new finding"),
    "left": (
        "Còn {n} phát hiện cần người xem (kiểm tra lại bản đã sửa để thấy chúng trong văn bản).",
        "{n} findings are left for a person (check the corrected copy to see them in place).",
    ),
    "error_title": ("Không kiểm tra được", "Could not check"),
}

_MIME = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain;charset=utf-8",
    ".md": "text/markdown;charset=utf-8",
}

_CSS = f"""
body {{ font: 16px/1.55 {FONTS}; margin: 0; color: #1f2328; background: #f6f7f9; }}
.box {{ max-width: 46rem; margin: 2rem auto; background: #fff; border: 1px solid #d0d7de;
  border-radius: 8px; padding: 1.2rem 2rem; }}
.drop {{ display: block; border: 2px dashed #8c959f; border-radius: 8px; padding: 1.2rem;
  margin: .6rem 0 1rem; background: #fbfbfc; }}
.drop input {{ display: block; margin-top: .5rem; font: inherit; }}
.drop.over {{ border-color: #1f6feb; background: #eef4ff; }}
button {{ font: inherit; padding: .35rem 1rem; border-radius: 6px; border: 1px solid #1f6feb;
  background: #1f6feb; color: #fff; cursor: pointer; }}
table {{ border-collapse: collapse; width: 100%; }}
td, th {{ border-bottom: 1px solid #d0d7de; padding: .25rem .5rem; text-align: left; }}
del {{ background: {HIGHLIGHT["error"]}; }}
ins {{ text-decoration: none; font-weight: 700; }}
.error-box {{ border-left: 4px solid #c62828; background: #fff0f0; padding: .6rem 1rem;
  font-weight: 600; }}
a.dl {{ display: inline-block; margin: .5rem 0 1rem; font-weight: 700; }}
"""


# The whole box takes a dropped file, not only the small input inside it.
_DROP_JS = """
document.querySelectorAll("label.drop").forEach(function (box) {
  var input = box.querySelector("input[type=file]");
  box.addEventListener("dragover", function (e) { e.preventDefault(); box.classList.add("over"); });
  box.addEventListener("dragleave", function () { box.classList.remove("over"); });
  box.addEventListener("drop", function (e) {
    e.preventDefault();
    box.classList.remove("over");
    if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; }
  });
});
"""


def _t(key: str, lang: str, **kw: object) -> str:
    vi, en = _UI[key]
    return (en if lang == "en" else vi).format(**kw)


def _title(code: str, lang: str) -> str:
    """``Tỷ lệ nằm ngoài 0–100% (PC001)``: the rule a change comes from, translated."""
    return f"{rule_title(code, lang)} ({code})"


def _shell(title: str, body: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{"en" if lang == "en" else "vi"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>"
        f'<body><main class="box">{body}</main></body></html>\n'
    )


def upload_page(lang: str) -> str:
    accept = ",".join(ACCEPTED)
    body = (
        f"<h1>{_e(_t('title', lang))}</h1><p>{_e(_t('lead', lang))}</p>"
        '<form method="post" action="/check" enctype="multipart/form-data">'
        f'<label class="drop">{_e(_t("draft", lang))}'
        f'<input type="file" name="draft" id="draft" accept="{accept}" required></label>'
        f'<label class="drop">{_e(_t("previous", lang))}'
        f'<input type="file" name="previous" id="previous" accept="{accept}"></label>'
        f'<button type="submit" id="check">{_e(_t("check", lang))}</button></form>'
        f"<script>{_DROP_JS}</script>"
    )
    return _shell(_t("title", lang), body, lang)


def _fix_form(data: bytes, name: str, lang: str) -> str:
    """The download offer. It carries the draft itself, so the server keeps nothing
    between the check and the fix."""
    payload = base64.b64encode(data).decode("ascii")
    radios = "".join(
        f'<label><input type="radio" name="mode" value="{mode}" id="mode-{mode}"'
        f"{' checked' if mode == 'safe' else ''}> {_e(_t(mode, lang))}</label><br>"
        for mode in ("safe", "unsafe")
    )
    return (
        '<form class="panel fix" id="fix" method="post" action="/fix" enctype="multipart/form-data">'
        f"<h3>{_e(_t('download_title', lang))}</h3>{radios}"
        f'<input type="hidden" name="name" value="{_e(name)}">'
        f'<input type="hidden" name="draft" value="{payload}">'
        f'<button type="submit" id="make-fixed">{_e(_t("make", lang))}</button> '
        f'<a href="/">{_e(_t("another", lang))}</a></form>'
    )


def result_page(result: Result, data: bytes, lang: str) -> str:
    """The marked-up draft with the download offer above it (none for an unreadable
    file, whose sentence the page shows instead)."""
    fr = result.files[0]
    fixable = fr.error is None and fr.path.lower().endswith((".docx", ".txt", ".md"))
    top = (
        _fix_form(data, fr.path, lang)
        if fixable
        else f'<p class="panel"><a href="/">{_e(_t("another", lang))}</a></p>'
    )
    link = f'<a href="#fix" id="to-fix">{_e(_t("download_title", lang))}</a>' if fixable else ""
    return report_page(result, lang=lang, top=top, actions=link)


def fixed_page(fixed: Fixed, lang: str) -> str:
    parts = [f"<h1>{_e(_t('fixed_title', lang))}</h1>"]
    if fixed.data is None or not fixed.applied:
        parts.append(f"<p>{_e(_t('nothing', lang))}</p>")
    else:
        suffix = "." + fixed.name.rpartition(".")[2].lower()
        mime = _MIME.get(suffix, "application/octet-stream")
        href = f"data:{mime};base64,{base64.b64encode(fixed.data).decode('ascii')}"
        parts.append(
            f'<a class="dl" id="download" download="{_e(fixed.name)}" href="{href}">'
            f"{_e(_t('download', lang, name=fixed.name))}</a>"
        )
        parts.append(f"<h2>{_e(_t('changes', lang, n=len(fixed.applied)))}</h2>")
        head = "".join(f"<th>{_e(_t(k, lang))}</th>" for k in ("where", "old", "new", "rule"))
        rows = "".join(
            f"<tr><td>{_e(e.location.describe(lang))}</td><td><del>{_e(e.found)}</del></td>"
            f"<td><ins>{_e(e.replacement)}</ins></td><td>{_e(_title(e.code, lang))}</td></tr>"
            for e in sorted(fixed.applied, key=lambda e: e.location.sort_key())
        )
        parts.append(f'<table id="changes"><tr>{head}</tr>{rows}</table>')
    left_out = [(e, _t("rolled_back", lang)) for e in fixed.rolled_back] + fixed.skipped
    if left_out:
        items = "".join(f"<li>{_e(e.describe(lang))}: {_e(why)}</li>" for e, why in left_out)
        parts.append(f"<h2>{_e(_t('skipped', lang))}</h2><ul>{items}</ul>")
    if fixed.left:
        parts.append(f"<p>{_e(_t('left', lang, n=len(fixed.left)))}</p>")
    parts.append(f'<p><a href="/">{_e(_t("another", lang))}</a></p>')
    return _shell(_t("fixed_title", lang), "".join(parts), lang)


def error_page(sentence: str, lang: str) -> str:
    body = (
        f"<h1>{_e(_t('error_title', lang))}</h1>"
        f'<p class="error-box" role="alert">{_e(sentence)}</p>'
        f'<p><a href="/">{_e(_t("another", lang))}</a></p>'
    )
    return _shell(_t("error_title", lang), body, lang)
