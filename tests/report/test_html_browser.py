"""The clerk's page of the corpus draft in a real (headless) browser: what the first
screen shows, corrections visible without a click, the keyboard, the next-error
button, the severity toggles, and printing.

The draft is linted from ``examples/`` (the hand-checked corpus draft), so these
tests see the page a clerk would. Screenshots go to ``docs/img/`` (see browser.py).
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dvc_validate.api import lint
from dvc_validate.config import Config
from dvc_validate.model.finding import Severity
from dvc_validate.report import render
from dvc_validate.report._common import sorted_findings
from dvc_validate.report._html_assets import HIGHLIGHT

from .browser import chromium, in_view, keep_screenshot, rgb, unavailable

pytestmark = pytest.mark.browser

DRAFT = Path(__file__).resolve().parents[2] / "examples" / "binh-thanh-2024-02.docx"


@pytest.fixture(scope="module")
def draft_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pages")
    pages = {}
    for lang in ("vi", "en"):
        page = out / f"draft-{lang}.html"
        page.write_text(render(lint(DRAFT, config=Config(lang=lang)), "html", lang=lang), "utf-8")
        pages[lang] = page
    return pages


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path / "profile") as browser:
        yield browser


def _by_css(driver: Any, css: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(driver.find_elements(By.CSS_SELECTOR, css))


def _mark_for(driver: Any, found: str) -> list[Any]:
    return [
        m
        for m in _by_css(driver, "mark.mk")
        if m.find_elements("css selector", "del")
        and m.find_element("css selector", "del").text == found
    ]


def test_first_screen_shows_the_summary_and_the_first_table_with_errors(
    driver: Any, draft_pages: dict[str, Path], tmp_path: Path
) -> None:
    driver.get(draft_pages["vi"].as_uri())
    count = _by_css(driver, "#dvc-count")[0]
    assert count.text == "16 lỗi cần sửa, 20 cảnh báo, 6 thông tin"
    assert in_view(driver, count)
    first_table = driver.execute_script(
        "return document.querySelector('mark.sev-error').closest('table.src') ||"
        " [...document.querySelectorAll('table.src')].find(t => t.querySelector('mark.sev-error'))"
    )
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", first_table)
    assert 0 <= top < 200
    (m1000,) = _mark_for(driver, "1000%")
    assert in_view(driver, m1000)
    shot = tmp_path / "first.png"
    driver.save_screenshot(str(shot))
    keep_screenshot(shot, "html-report-draft.png")


def test_corrections_show_without_a_click(driver: Any, draft_pages: dict[str, Path]) -> None:
    driver.get(draft_pages["vi"].as_uri())
    for found, expected, n in (("1000%", "100%", 1), ("29/01/2024", "29/02/2024", 5)):
        marks = _mark_for(driver, found)
        assert len(marks) == n
        for m in marks:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", m)
            ins = m.find_element("css selector", "ins")
            assert ins.is_displayed() and ins.text == expected
            deco = driver.execute_script(
                "return getComputedStyle(arguments[0]).textDecorationLine",
                m.find_element("css selector", "del"),
            )
            assert deco == "line-through"
            colour = driver.execute_script(
                "return getComputedStyle(arguments[0]).backgroundColor", m
            )
            assert colour == rgb(HIGHLIGHT["error"])
    assert not _by_css(driver, "#dvc-pop")[0].is_displayed()


def test_next_error_moves_focus_through_every_error(
    driver: Any, draft_pages: dict[str, Path]
) -> None:
    fr = lint(DRAFT).files[0]
    numbered = enumerate(sorted_findings(fr.findings, fr.document), start=1)
    errors = {str(n) for n, f in numbered if f.severity == Severity.ERROR}
    driver.get(draft_pages["vi"].as_uri())
    stops = _by_css(driver, ".panel li[data-sev=error], mark.sev-error:not(.inv)")
    on_stops = {n for s in stops for n in (s.get_attribute("data-f") or "").split()}
    on_stops |= {(s.get_attribute("id") or "")[2:] for s in stops if s.tag_name == "li"}
    assert errors <= on_stops  # every error has a stop
    button = _by_css(driver, "#dvc-next")[0]
    pop = _by_css(driver, "#dvc-pop")[0]
    seen = []
    for _ in stops:
        button.click()
        active = driver.switch_to.active_element
        seen.append(active.get_attribute("id"))
        assert in_view(driver, active)
        if active.tag_name == "mark":
            assert pop.is_displayed() and pop.text.startswith("lỗi ")
    assert sorted(seen) == sorted(s.get_attribute("id") for s in stops), seen
    button.click()  # and round again
    assert driver.switch_to.active_element.get_attribute("id") == seen[0]


def test_keyboard_tab_enter_escape(
    driver: Any, draft_pages: dict[str, Path], tmp_path: Path
) -> None:
    from selenium.webdriver.common.keys import Keys

    driver.get(draft_pages["en"].as_uri())
    pop = _by_css(driver, "#dvc-pop")[0]
    (m1000,) = _mark_for(driver, "1000%")
    assert not pop.is_displayed()
    driver.execute_script("arguments[0].focus()", m1000)  # as Tab would
    assert pop.is_displayed() and "Percentage" in pop.text and "1000% → 100%" in pop.text
    shot = tmp_path / "explained.png"
    driver.save_screenshot(str(shot))
    keep_screenshot(shot, "html-report-explained.png")
    m1000.send_keys(Keys.ESCAPE)
    assert not pop.is_displayed()
    m1000.send_keys(Keys.ENTER)
    assert pop.is_displayed()
    m1000.send_keys(Keys.ENTER)
    assert not pop.is_displayed()
    m1000.send_keys(Keys.TAB)
    nxt = driver.switch_to.active_element
    assert nxt.tag_name == "mark" and nxt.get_attribute("id") != m1000.get_attribute("id")
    assert pop.is_displayed()


def test_a_link_in_the_list_of_all_findings_opens_the_explanation(
    driver: Any, draft_pages: dict[str, Path]
) -> None:
    driver.get(draft_pages["vi"].as_uri())
    _by_css(driver, "details.all summary")[0].click()
    link = _by_css(driver, "details.all a[href^='#m-']")[-1]
    target = link.get_attribute("href").split("#", 1)[1]
    link.click()
    assert driver.switch_to.active_element.get_attribute("id") == target
    assert _by_css(driver, "#dvc-pop")[0].is_displayed()


def test_hiding_warnings_and_infos(driver: Any, draft_pages: dict[str, Path]) -> None:
    driver.get(draft_pages["vi"].as_uri())
    warning = _by_css(driver, "mark.sev-warning")[0]
    error = _by_css(driver, "mark.sev-error:not(.inv)")[0]
    driver.execute_script("document.getElementById('show-warning').click()")
    colour = driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", warning)
    assert colour == "rgba(0, 0, 0, 0)" and warning.get_attribute("tabindex") == "-1"
    assert driver.execute_script(
        "return getComputedStyle(arguments[0]).backgroundColor", error
    ) == rgb(HIGHLIGHT["error"])
    driver.execute_script("document.getElementById('show-warning').click()")
    assert warning.get_attribute("tabindex") == "0"


def test_print_keeps_the_appendix_tables_and_their_marks(
    driver: Any, draft_pages: dict[str, Path], tmp_path: Path
) -> None:
    import pdfplumber

    driver.get(draft_pages["vi"].as_uri())
    pdf = base64.b64decode(
        driver.execute_cdp_cmd(
            "Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True}
        )["data"]
    )
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        words = [(w, p.width) for p in doc.pages for w in p.extract_words()]
    assert "Lỗi tiếp theo" not in text and "Hiện cảnh báo" not in text  # controls hidden
    flat = " ".join(text.split())
    for found, expected in (("1000%", "100%"), ("29/01/2024", "29/02/2024"), ("-525%", "-5,45%")):
        assert re.search(rf"{re.escape(found)} ?{re.escape(expected)}", flat), found
    assert "PHỤ LỤC I. " in flat and "PHỤ LỤC SỐ II." in flat
    assert all(w["x1"] <= width for w, width in words)  # nothing cut off at the right
    last_column = [(w, width) for w, width in words if w["text"].endswith(("+0,10%", "-4,1%"))]
    assert len(last_column) == 2  # the change column of table 1, with its corrections
    assert all(w["x0"] > 0.7 * width for w, width in last_column)  # at the right, on the page
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    driver.execute_script("document.querySelector('table.src').scrollIntoView()")
    shot = tmp_path / "print.png"
    driver.save_screenshot(str(shot))
    keep_screenshot(shot, "html-report-print.png")


def test_missing_browser_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        unavailable("no chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        unavailable("no chromium")
