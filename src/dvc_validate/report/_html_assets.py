"""The inline stylesheet and script of the clerk's page.

Kept apart from ``html.py`` so the page logic reads in one screen. Both are
inlined into the page: the report is mailed around and opened from disk in
offices with no internet, so it may reference nothing outside itself.

Fonts: a sans-serif stack of faces that carry Vietnamese (stacked diacritics such
as "ệ", "ở"); no monospace anywhere, since monospace fallbacks misplace the accents.

The script never parses markup: it clones the explanation the page already holds
(escaped when the page was written) and sets ``textContent``, so report text cannot
inject anything.
"""

from __future__ import annotations

__all__ = ["CSS", "HIGHLIGHT", "JS"]

# Background of a flagged figure, by severity (the browser test checks these).
HIGHLIGHT = {"error": "#ffd7d5", "warning": "#fff1b8", "info": "#dbeafe"}
_LINE = {"error": "#c62828", "warning": "#9a6700", "info": "#0969da"}

FONTS = (
    '"Segoe UI", "Noto Sans", Roboto, "Helvetica Neue", Arial, "Liberation Sans", '
    '"DejaVu Sans", sans-serif'
)

_SEV_CSS = "".join(
    f"mark.sev-{s} {{ background-color: {HIGHLIGHT[s]}; box-shadow: inset 0 -2px 0 {_LINE[s]}; }}\n"
    f"mark.sev-{s} ins {{ color: {_LINE[s]}; }}\n"
    f".sev.sev-{s} {{ background: {HIGHLIGHT[s]}; color: {_LINE[s]}; }}\n"
    f".panel li.sev-{s} {{ border-left: 4px solid {_LINE[s]}; }}\n"
    for s in HIGHLIGHT
)

CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ font: 16px/1.55 {FONTS}; margin: 0; color: #1f2328; background: #f6f7f9; }}
.bar {{ position: sticky; top: 0; z-index: 5; display: flex; flex-wrap: wrap; gap: .4rem 1rem;
  align-items: center; padding: .5rem 1.5rem; background: #fff; border-bottom: 1px solid #d0d7de;
  box-shadow: 0 1px 4px rgba(0,0,0,.06); }}
.bar .count {{ margin: 0; font-weight: 700; font-size: 1.1rem; margin-right: auto; }}
.bar button {{ font: inherit; padding: .25rem .8rem; border: 1px solid #8c959f; border-radius: 6px;
  background: #fff; cursor: pointer; }}
.bar button#dvc-next {{ background: #c62828; color: #fff; border-color: #c62828; font-weight: 600; }}
.bar label {{ cursor: pointer; user-select: none; }}
main {{ padding: 0 1.5rem 4rem; }}
h2 {{ font-size: 1rem; color: #59636e; font-weight: 600; margin: 1rem 0 .4rem; }}
.meta {{ color: #59636e; margin: .2rem 0; }}
.doc {{ background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 1.2rem 2rem; }}
.doc p {{ margin: .3rem 0; white-space: pre-wrap; }}
.doc p.b {{ font-weight: 700; }}
.doc table.src {{ border-collapse: collapse; width: 100%; margin: .6rem 0; }}
.doc table.src td {{ border: 1px solid #9aa4af; padding: .2rem .4rem; vertical-align: top; }}
mark {{ color: inherit; border-radius: 3px; padding: 0 .15em; cursor: pointer; }}
mark del {{ text-decoration: line-through 2px; opacity: .75; }}
mark ins {{ text-decoration: none; font-weight: 700; margin-left: .25em; }}
mark ins.alt {{ font-weight: 600; font-style: italic; }}
mark.inv {{ background: transparent !important; outline: 2px dashed #c62828; outline-offset: 0; }}
mark.also {{ outline: 2px dashed #c62828; outline-offset: 1px; }}
mark .many {{ font-size: .75em; margin-left: .35em; padding: 0 .35em; border-radius: 1em;
  background: #fff; border: 1px solid currentColor; white-space: nowrap; }}
mark .hole {{ font-size: .8em; font-style: italic; color: #59636e; }}
mark:focus, mark.pinned {{ outline: 3px solid #1f2328; outline-offset: 1px; }}
{_SEV_CSS}
body.hide-warning mark.sev-warning, body.hide-info mark.sev-info {{ background: none;
  box-shadow: none; cursor: text; }}
body.hide-warning mark.sev-warning ins, body.hide-info mark.sev-info ins,
body.hide-warning mark.sev-warning .hole, body.hide-info mark.sev-info .hole {{ display: none; }}
body.hide-warning mark.sev-warning del, body.hide-info mark.sev-info del {{ text-decoration: none;
  opacity: 1; }}
body.hide-warning li.sev-warning, body.hide-info li.sev-info {{ display: none; }}
.sev {{ font-size: .8rem; font-weight: 700; padding: 0 .45em; border-radius: 1em; }}
.panel {{ background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: .3rem 1rem;
  margin: .5rem 0 1rem; }}
.panel, mark {{ scroll-margin-top: 5rem; }}
.panel button {{ font: inherit; padding: .25rem .9rem; border-radius: 6px; margin: .4rem .5rem .4rem 0;
  border: 1px solid #1f6feb; background: #1f6feb; color: #fff; cursor: pointer; }}
.bar a {{ font-weight: 600; }}
.panel h3 {{ font-size: 1rem; margin: .4rem 0; }}
.panel ul {{ list-style: none; padding: 0; margin: 0 0 .4rem; }}
.panel li {{ padding: .2rem .6rem; margin: .25rem 0; }}
.panel li:focus {{ outline: 3px solid #1f2328; }}
.error-box {{ border-left: 4px solid #c62828; background: #fff0f0; padding: .6rem 1rem;
  font-weight: 600; }}
.all {{ margin-top: 1.5rem; }}
.all li {{ margin: .15rem 0; }}
#dvc-pop {{ position: absolute; z-index: 10; max-width: 32rem; background: #fff;
  border: 1px solid #8c959f; border-radius: 6px; padding: .4rem .9rem;
  box-shadow: 0 8px 24px rgba(0,0,0,.18); }}
#dvc-pop p {{ margin: .25rem 0; }}
#dvc-pop p.h {{ font-weight: 600; }}
#dvc-pop hr {{ border: 0; border-top: 1px solid #d0d7de; }}
@page {{ size: A4; margin: 14mm 12mm; }}
@media print {{
  body {{ background: #fff; font-size: 11pt; }}
  .bar, #dvc-pop, .all, .exs, button {{ display: none !important; }}
  main {{ padding: 0; }}
  .doc {{ border: 0; padding: 0; }}
  .doc table.src {{ page-break-inside: auto; }}
  .doc table.src tr {{ break-inside: avoid; }}
  mark, .sev, .panel li {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
"""

JS = """
(function () {
  var pop = document.getElementById("dvc-pop");
  var body = document.body;
  var shown = null;
  var MARK = "mark[data-sev]";
  function visible(m) { return !body.classList.contains("hide-" + m.dataset.sev); }
  function show(m) {
    var ex = document.getElementById(m.getAttribute("aria-describedby"));
    if (!ex || !visible(m)) { return; }
    pop.textContent = "";
    pop.appendChild(ex.cloneNode(true)).removeAttribute("id");
    if (shown) { shown.classList.remove("pinned"); }
    shown = m;
    m.classList.add("pinned");
    pop.hidden = false;
    var r = m.getBoundingClientRect();
    var maxLeft = document.documentElement.clientWidth - pop.offsetWidth - 8;
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
    pop.style.left = (window.scrollX + Math.max(8, Math.min(r.left, maxLeft))) + "px";
  }
  function hide() {
    pop.hidden = true;
    if (shown) { shown.classList.remove("pinned"); shown = null; }
  }
  function markOf(t) { return t && t.closest ? t.closest(MARK) : null; }
  document.addEventListener("click", function (e) {
    var m = markOf(e.target);
    if (m) { if (m === shown) { hide(); } else { show(m); } return; }
    if (!pop.contains(e.target) && !e.target.closest(".bar")) { hide(); }
  });
  document.addEventListener("focusin", function (e) {
    var m = markOf(e.target);
    if (m) { show(m); } else if (!pop.contains(e.target)) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); return; }
    var m = markOf(e.target);
    if (m && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      if (m === shown) { hide(); } else { show(m); }
    }
  });
  var SEVS = ["warning", "info"];
  SEVS.forEach(function (s) {
    var box = document.getElementById("show-" + s);
    function apply() {
      body.classList.toggle("hide-" + s, !box.checked);
      document.querySelectorAll("mark.sev-" + s).forEach(function (m) {
        m.tabIndex = box.checked ? 0 : -1;
      });
      if (shown && !visible(shown)) { hide(); }
    }
    box.addEventListener("change", apply);
    apply();
  });
  var errors = function () {
    return Array.prototype.slice.call(
      document.querySelectorAll(".panel li[data-sev=error], mark.sev-error:not(.inv)"));
  };
  var bar = document.querySelector(".bar");
  function below(el) { return el.getBoundingClientRect().top > bar.offsetHeight; }
  var last = null;  // the error stop focused last: "next" goes on from it
  document.addEventListener("focusin", function (e) {
    if (errors().indexOf(e.target) >= 0) { last = e.target; }
  });
  document.getElementById("dvc-next").addEventListener("click", function () {
    var list = errors();
    if (!list.length) { return; }
    var cur = list.indexOf(last);
    var next = cur >= 0 ? (cur + 1) % list.length : Math.max(0, list.findIndex(below));
    list[next].scrollIntoView({block: "center"});
    list[next].focus({preventScroll: true});
  });
  document.getElementById("dvc-print").addEventListener("click", function () { window.print(); });
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var m = id ? document.getElementById(id) : null;
    if (m && m.matches(MARK)) { m.scrollIntoView({block: "center"}); m.focus({preventScroll: true}); }
  }
  window.addEventListener("hashchange", fromHash);
  function scrollBelowBar(el) {
    var top = el.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, Math.max(0, top - bar.offsetHeight - 8));
  }
  // First view: the first table with an error (where the figures are), else the
  // first error; the letterhead above it is one scroll away.
  if (location.hash) { fromHash(); } else {
    var marks = errors().filter(function (m) { return m.tagName === "MARK"; });
    var table = marks.map(function (m) { return m.closest("table.src"); })
      .filter(function (t) { return t; })[0];
    var target = table || marks[0];
    if (target) { scrollBelowBar(table ? table : target); }
  }
})();
"""
