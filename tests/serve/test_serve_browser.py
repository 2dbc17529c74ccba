"""``dvc-validate serve`` in headless Chromium, as a clerk uses it: choose the
corpus draft in the file input, see the marked-up page, download the corrected
copy, and find nothing of the upload left on disk."""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dvc_validate.api import lint
from dvc_validate.model.finding import Severity
from report.browser import chromium, keep_screenshot

from .conftest import Server

pytestmark = pytest.mark.browser

DRAFT = Path(__file__).resolve().parents[2] / "examples" / "binh-thanh-2024-02.docx"


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    with chromium(tmp_path / "profile") as browser:
        yield browser


def _wait(driver: Any, css: str, timeout: float = 60) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, css))
    )


def test_upload_check_download(
    driver: Any, start_server: Callable[..., Server], tmp_path: Path
) -> None:
    import docx

    server = start_server()
    driver.get(server.url)
    shot = tmp_path / "upload.png"
    driver.save_screenshot(str(shot))
    keep_screenshot(shot, "serve-upload.png")

    _wait(driver, "#draft").send_keys(str(DRAFT))
    driver.find_element("css selector", "#check").click()
    count = _wait(driver, "#dvc-count")
    assert count.text == "16 lỗi cần sửa, 20 cảnh báo, 6 thông tin"
    marks = driver.find_elements("css selector", "mark.mk del")
    assert "1000%" in [m.text for m in marks]
    driver.find_element("css selector", "#to-fix").click()
    time.sleep(0.3)
    shot = tmp_path / "checked.png"
    driver.save_screenshot(str(shot))
    keep_screenshot(shot, "serve-page.png")

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.find_element("css selector", "#mode-unsafe").click()
    driver.find_element("css selector", "#make-fixed").click()
    link = _wait(driver, "#download", timeout=120)
    rows = driver.find_elements("css selector", "#changes tr")
    assert len(rows) > 1 and "1000%" in driver.find_element("css selector", "#changes").text
    shot = tmp_path / "fixed.png"
    driver.save_screenshot(str(shot))
    keep_screenshot(shot, "serve-fixed.png")

    link.click()
    target = downloads / "binh-thanh-2024-02.fixed.docx"
    for _ in range(100):
        if target.exists():
            break
        time.sleep(0.1)
    fixed = target.read_bytes()
    assert fixed == base64.b64decode(link.get_attribute("href").split(",", 1)[1])
    docx.Document(io.BytesIO(fixed))
    errors = [f for f in lint(fixed, format="docx").findings if f.severity == Severity.ERROR]
    assert all(f.fix is None for f in errors)  # what is left needs a person's choice

    assert server.files() == []
    server.stop()
    assert list(server.tmp.iterdir()) == []
