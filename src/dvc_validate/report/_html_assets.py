"""The inline stylesheet and script of the HTML report.

Kept apart from ``html.py`` so the page logic reads in one screen. Both are
inlined into the page: the report is mailed around and opened from disk in
offices with no internet, so it may reference nothing outside itself.

The script only reads ``data-*`` attributes and writes ``textContent``, never
``innerHTML``, so report text cannot inject markup into the popover.
"""

from __future__ import annotations

__all__ = ["CSS", "HIGHLIGHT", "JS"]

# Background of a flagged figure, by severity (the browser test checks these).
HIGHLIGHT = {"error": "#ffc9c9", "warning": "#ffe8a3", "info": "#cfe3ff"}

CSS = f"""
:root {{ color-scheme: light; }}
body {{ font: 15px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; color: #1f2328; }}
h1 {{ font-size: 1.5rem; margin: .5rem 0; }}
h2 {{ font-size: 1.2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem;
  margin-top: 2rem; }}
h3 {{ font-size: 1rem; margin: 1.2rem 0 .4rem; }}
.count {{ font-weight: 600; }}
.meta {{ color: #59636e; margin: .2rem 0; }}
.doc {{ border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem 1rem; background: #fbfbfc;
  max-height: 36rem; overflow: auto; }}
.doc p {{ margin: .35rem 0; white-space: pre-wrap; }}
.doc p.b {{ font-weight: 600; }}
table {{ border-collapse: collapse; margin: .5rem 0; }}
.doc table td {{ border: 1px solid #c8ced6; padding: .15rem .4rem; vertical-align: top; }}
.summary td, .summary th {{ border-bottom: 1px solid #d0d7de; padding: .2rem .8rem;
  text-align: left; }}
.summary td.n {{ text-align: right; }}
mark {{ padding: 0 .1em; border-radius: 3px; cursor: pointer; color: inherit; }}
mark.sev-error {{ background-color: {HIGHLIGHT["error"]}; box-shadow: inset 0 -2px 0 #d1242f; }}
mark.sev-warning {{ background-color: {HIGHLIGHT["warning"]}; box-shadow: inset 0 -2px 0 #bf8700; }}
mark.sev-info {{ background-color: {HIGHLIGHT["info"]}; box-shadow: inset 0 -2px 0 #0969da; }}
mark:hover, mark:focus, mark.pinned, mark:target {{ outline: 2px solid #1f2328;
  outline-offset: 1px; }}
.sev {{ font-size: .8rem; font-weight: 600; padding: 0 .4em; border-radius: 1em; }}
.sev.sev-error {{ background: {HIGHLIGHT["error"]}; }}
.sev.sev-warning {{ background: {HIGHLIGHT["warning"]}; }}
.sev.sev-info {{ background: {HIGHLIGHT["info"]}; }}
ol.findings li {{ margin: .3rem 0; }}
ol.findings .fe {{ font-family: ui-monospace, monospace; }}
.error-box {{ border-left: 4px solid #d1242f; background: #fff0f0; padding: .5rem 1rem; }}
#dvc-pop {{ position: absolute; z-index: 10; max-width: 28rem; background: #fff; color: #1f2328;
  border: 1px solid #8c959f; border-radius: 6px; padding: .5rem .8rem;
  box-shadow: 0 8px 24px rgba(0,0,0,.18); }}
#dvc-pop p {{ margin: .3rem 0; }}
#dvc-pop .fe {{ font-family: ui-monospace, monospace; }}
"""

JS = """
(function () {
  var pop = document.getElementById("dvc-pop");
  var pinned = null;
  function line(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = text;
    pop.appendChild(el);
  }
  function show(m) {
    pop.textContent = "";
    line("strong", "", m.dataset.code + " \\u00b7 " + m.dataset.sev + " \\u00b7 " + m.dataset.loc);
    line("p", "msg", m.dataset.msg);
    if (m.dataset.fe) { line("p", "fe", m.dataset.fe); }
    if (pinned) { pinned.classList.remove("pinned"); }
    pinned = m;
    m.classList.add("pinned");
    pop.hidden = false;
    var r = m.getBoundingClientRect();
    var maxLeft = document.documentElement.clientWidth - pop.offsetWidth - 8;
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
    pop.style.left = (window.scrollX + Math.max(8, Math.min(r.left, maxLeft))) + "px";
  }
  function hide() {
    pop.hidden = true;
    if (pinned) { pinned.classList.remove("pinned"); pinned = null; }
  }
  document.addEventListener("click", function (e) {
    var m = e.target.closest ? e.target.closest("mark[data-code]") : null;
    if (m) { if (m === pinned) { hide(); } else { show(m); } return; }
    if (!pop.contains(e.target)) { hide(); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { hide(); return; }
    var t = e.target;
    if ((e.key === "Enter" || e.key === " ") && t.matches && t.matches("mark[data-code]")) {
      e.preventDefault();
      show(t);
    }
  });
  function fromHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var m = id ? document.getElementById(id) : null;
    if (m && m.matches("mark[data-code]")) { show(m); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
"""
