"""End to end in headless Chromium: the page a reader opens from disk, clicked the way they would.

Skips when no browser is installed, except under CI (env CI set), where .ci/install-browser
puts Debian's chromium and chromium-driver in place and a skip would hide a broken page.
Screenshots go to tmp_path, and to $FACTSHEET_SCREENSHOT_DIR when set, for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factsheet.models import FactSheet
from factsheet.render import render_html
from tests.render_samples import XSS_IMG, tricky_sheet

CHROMIUM = os.environ.get("FACTSHEET_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FACTSHEET_CHROMEDRIVER", "/usr/bin/chromedriver")
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.isfile(path) and os.access(path, os.X_OK)):
            return f"{path} not found: run .ci/install-browser (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    missing = _missing()
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI installs a browser for this test, but: {missing}")
        pytest.skip(missing)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver: Any, sheet: FactSheet, path: Path) -> None:
    path.write_text(render_html(sheet), encoding="utf-8")
    driver.get(path.resolve().as_uri())
    driver.get_log("browser")  # start each page with an empty console


def console_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def click(driver: Any, css: str) -> None:
    from selenium.webdriver.common.by import By

    el = driver.find_element(By.CSS_SELECTOR, css)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def highlight(driver: Any) -> str:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 5).until(
        lambda d: d.execute_script(
            "var m = document.querySelector('#v-text mark'); return m && m.textContent"
        )
    )


def highlight_is_in_view(driver: Any) -> bool:
    """Within the viewer and the window; waits out the phone sheet's slide-in."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, 2).until(_in_view)
    except TimeoutException:
        return False


def _in_view(driver: Any) -> bool:
    return driver.execute_script(
        "var m = document.querySelector('#v-text mark').getBoundingClientRect();"
        "var v = document.getElementById('viewer').getBoundingClientRect();"
        "return m.height > 0 && m.top >= v.top && m.bottom <= v.bottom"
        " && m.top >= 0 && m.bottom <= window.innerHeight;"
    )


def screenshot(driver: Any, tmp_path: Path, name: str) -> Path:
    out = tmp_path / name
    driver.save_screenshot(str(out))
    extra = os.environ.get("FACTSHEET_SCREENSHOT_DIR")
    if extra:
        Path(extra).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, Path(extra) / name)
    return out


def seeds_merged() -> FactSheet:
    """The seeds through verify, normalise and merge, from hand-written extractions (no model)."""
    from factsheet.pipeline import merge
    from tests.builders import handwritten_seed_extractions

    return merge(handwritten_seed_extractions())


def test_clicking_a_value_shows_its_quote_in_the_article(browser: Any, tmp_path: Path) -> None:
    sheet = seeds_merged()
    open_page(browser, sheet, tmp_path / "seeds.html")
    killed = sheet.event.killed
    quotes = [q for a in killed.alternatives if a.value == killed.value for q in a.evidence]
    texts = {s.id: s.text or "" for s in sheet.sources}

    click(browser, "#f-killed a.v")
    assert highlight(browser) == quotes[0].quote
    assert highlight_is_in_view(browser)
    assert browser.find_element("id", "v-title").text == "Killed: 3"

    # one tab per outlet's quote; each highlights that article's words at its offsets
    tabs = browser.find_elements("css selector", "#v-tabs button")
    assert len(tabs) == len(quotes) >= 2
    for tab, q in zip(tabs, quotes, strict=True):
        tab.click()
        assert q.start is not None and q.end is not None
        assert highlight(browser) == texts[q.source][q.start : q.end]
        assert " ".join(highlight(browser).split()) == " ".join(q.quote.split())
        assert highlight_is_in_view(browser)
    assert console_errors(browser) == []  # the CSP let the page's own script run, and nothing else
    shot = screenshot(browser, tmp_path, "factsheet-desktop.png")
    assert shot.stat().st_size > 10_000


def test_phone_width_reads_without_sideways_scrolling(browser: Any, tmp_path: Path) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        open_page(browser, seeds_merged(), tmp_path / "seeds.html")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= PHONE["width"]
        viewer = browser.find_element("id", "viewer")
        assert not viewer.is_displayed()

        click(browser, "#disagreements tbody tr:nth-child(3) td:nth-child(3) a.v")  # UTC time, US News Hub
        assert "18:30" in highlight(browser)
        assert viewer.is_displayed() and highlight_is_in_view(browser)
        screenshot(browser, tmp_path, "factsheet-phone.png")
        browser.find_element("id", "v-close").click()
        assert (
            browser.execute_script("return document.getElementById('viewer').classList.contains('open')")
            is False
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_hostile_article_is_shown_as_text_and_emoji_do_not_shift_highlights(
    browser: Any, tmp_path: Path
) -> None:
    open_page(browser, tricky_sheet(), tmp_path / "tricky.html")
    assert browser.execute_script("return document.querySelectorAll('img, iframe, object').length") == 0

    click(browser, "#f-killed li a.v")  # the contradicting '5', quoted from the hostile article
    assert highlight(browser) == f"{XSS_IMG} five people died"
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0

    click(browser, "#f-killed .fout a.chip:nth-child(2)")  # 'Wire 🚑': emoji before its quote
    assert highlight(browser) == "seven people were killed"
    assert console_errors(browser) == []
    screenshot(browser, tmp_path, "factsheet-hostile.png")


ARABIC_REPORT = (
    "مصادر: غارة بطائرة مسيرة تقتل قياديين في بغداد\n\n"
    "قالت مصادر أمنية عراقية إن غارة بطائرة مسيّرة أمريكية استهدفت سيارة في حي المشتل شرقي بغداد "
    "مساء الأربعاء، ما أسفر عن مقتل ٣ أشخاص بينهم القيادي أبو باقر الساعدي."
)


def arabic_sheet() -> FactSheet:
    """An Arabic report (written for this test) beside an English one, as a model would read them."""
    from factsheet.pipeline import merge
    from tests.builders import article, extraction

    english = "A US drone strike in Baghdad killed three people, including commander Abu Baqir al-Saadi."
    ar = article(ARABIC_REPORT, "Arabic Daily", id="ar").model_copy(update={"language": "ar"})
    en = article(english, "English Wire", id="en").model_copy(update={"language": "en"})
    return merge(
        [
            extraction(ar, {"killed": ["3", "مقتل ٣ أشخاص"], "city": ["Baghdad", "شرقي بغداد"]}),
            extraction(en, {"killed": ["three", "killed three people"], "city": ["Baghdad", "in Baghdad"]}),
        ]
    )


def test_an_arabic_article_reads_right_to_left_with_its_quote_highlighted(
    browser: Any, tmp_path: Path
) -> None:
    sheet = arabic_sheet()
    assert sheet.event.killed.status == "agreed" and len(sheet.event.killed.support) == 2
    open_page(browser, sheet, tmp_path / "arabic.html")
    click(browser, "#f-killed a.v")
    tabs = browser.find_elements("css selector", "#v-tabs button")
    arabic_tab = next(t for t in tabs if "Arabic Daily" in t.text)
    arabic_tab.click()
    assert highlight(browser) == "مقتل ٣ أشخاص"
    body = browser.find_element("id", "v-text")
    assert body.get_attribute("dir") == "rtl" and body.get_attribute("lang") == "ar"
    assert (
        browser.execute_script("return getComputedStyle(document.getElementById('v-text')).direction")
        == "rtl"
    )
    screenshot(browser, tmp_path, "factsheet-arabic.png")
    english_tab = next(t for t in tabs if "English Wire" in t.text)
    english_tab.click()
    assert body.get_attribute("dir") == "auto"
    assert highlight(browser) == "killed three people"
    assert console_errors(browser) == []
