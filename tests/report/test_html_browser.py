"""The HTML report in a real (headless) browser: marks are visible, coloured,
and clicking one shows its explanation.

Needs Debian's ``chromium`` and ``chromium-driver`` (``apt-get install -y
chromium chromium-driver``). Without them the test is skipped, unless ``CI`` is
set: CI installs them, so there a missing browser is a failure, not a skip.

The screenshot ``docs/img/html-report.png`` is rewritten only when it is
missing or ``DVC_UPDATE_SCREENSHOTS=1`` is set, so a test run does not dirty the
work tree; every run saves one under pytest's tmp_path.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dvc_validate.report import render
from dvc_validate.report._html_assets import HIGHLIGHT

from .fixtures import build_result

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "html-report.png"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so the browser test must run)")
    pytest.skip(f"{reason}; install with: apt-get install -y chromium chromium-driver")


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        _unavailable(f"headless Chromium not installed ({', '.join(missing)} missing)")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _unavailable("selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(arg)
    browser = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()


def test_marks_are_visible_coloured_and_explained(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    result = build_result()
    page = tmp_path / "report.html"
    page.write_text(render(result, "html"), encoding="utf-8")
    driver.get(page.as_uri())

    marks = driver.find_elements(By.CSS_SELECTOR, "mark[data-code]")
    assert len(marks) == len(result.findings)
    for m in marks:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", m)
        assert m.is_displayed(), m.get_attribute("id")
        assert m.size["width"] > 0 and m.size["height"] > 0
        severity = (m.get_attribute("class") or "").split()[0].removeprefix("sev-")
        colour = driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", m)
        assert colour == _rgb(HIGHLIGHT[severity]), m.get_attribute("id")

    pop = driver.find_element(By.ID, "dvc-pop")
    assert not pop.is_displayed()
    # the table's 1000%: the screenshot then shows the text, the table and the popover
    target = next(
        m for m in marks if m.text == "1000%" and m.find_elements(By.XPATH, "ancestor::td")
    )
    driver.execute_script("window.scrollTo(0, 0)")
    target.click()
    WebDriverWait(driver, 5).until(lambda d: pop.is_displayed())
    assert "PC001" in pop.text
    assert "1000% → 100%" in pop.text
    assert target.get_attribute("data-msg") in pop.text
    assert "pinned" in (target.get_attribute("class") or "")

    shot = tmp_path / "html-report.png"
    driver.save_screenshot(str(shot))
    if not SCREENSHOT.exists() or os.environ.get("DVC_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)

    driver.find_element(By.TAG_NAME, "h1").click()  # a click elsewhere unpins
    WebDriverWait(driver, 5).until(lambda d: not pop.is_displayed())


def test_link_in_the_list_opens_the_explanation(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    page = tmp_path / "report.html"
    page.write_text(render(build_result(), "html", lang="en"), encoding="utf-8")
    driver.get(page.as_uri())
    mark_id = driver.find_element(By.CSS_SELECTOR, "mark[data-code='SC001']").get_attribute("id")
    link = driver.find_element(By.CSS_SELECTOR, f"ol.findings a[href='#{mark_id}']")
    link.click()
    pop = driver.find_element(By.ID, "dvc-pop")
    WebDriverWait(driver, 5).until(lambda d: pop.is_displayed())
    assert "SC001" in pop.text


def test_missing_browser_skips_locally_and_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception):
        _unavailable("no chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        _unavailable("no chromium")
