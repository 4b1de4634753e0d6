"""The web edition in a real browser: headless Chromium driven by selenium, checked by
axe-core for WCAG 2.1 A and AA, for console errors and for sideways scrolling.

Skipped where Chromium, chromedriver, selenium or axe-core is missing, except under CI
(``CI`` set), where that is a failure (conftest.missing): ``.ci/run`` installs them (axe-core
from npm into ``.ci/axe``; another copy can be named with ``AXE_CORE_JS``).
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DATA, EPOCH, ROOT, missing, require_tool

from reportgen.batch import plan_batch, run_batch
from reportgen.config import Settings
from reportgen.pipeline import build_memo

AXE = Path(
    os.environ.get("AXE_CORE_JS")
    or ROOT / ".ci" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing('selenium is not installed: pip install -c requirements.lock ".[test]"')
    chromium = require_tool("chromium", "chromium")
    chromedriver = require_tool("chromedriver", "chromium-driver")
    if not AXE.is_file():
        missing(f"axe-core is not at {AXE}: npm install --prefix .ci/axe axe-core@4.10.3")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in [*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    options.binary_location = chromium
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(chromedriver))
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory, dataset):
    """The pages to check: national memo and article in nb and nn, two county memos and a
    county article from the 2019 batch, and the batch's index."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("pages")
    formats = ("html", "article")
    try:
        for language in ("nb", "nn"):
            settings = Settings(
                year=2019, data=DATA, output=out, language=language, formats=formats
            )
            build_memo(settings, dataset)
        settings = Settings(year=2019, data=DATA, output=out, language="nb", formats=formats)
        counties, _ = plan_batch(settings)
        run_batch(settings, counties, dataset)
    finally:
        mp.undo()
    folder = out / "2019"
    return {
        "memo nb": folder / "karriereveiledning-2019-nb.html",
        "memo nn": folder / "karriereveiledning-2019-nn.html",
        "article nb": folder / "karriereveiledning-2019-nb-artikkel.html",
        "article nn": folder / "karriereveiledning-2019-nn-artikkel.html",
        "Oslo": folder / "fylker" / "03-oslo-2019-nb.html",
        "Finnmark": folder / "fylker" / "20-finnmark-2019-nb.html",
        "Finnmark article": folder / "fylker" / "20-finnmark-2019-nb-artikkel.html",
        "index": folder / "index.html",
    }


@pytest.fixture(scope="module")
def pages_2024(tmp_path_factory, dataset):
    """The 2024 national memo and article (bokmål), the Troms memo (Sami and Kven name) and
    the Vestland memo (nynorsk, a break in its series of years)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("pages2024")
    try:
        settings = Settings(year=2024, data=DATA, output=out, formats=("html", "article"))
        build_memo(settings, dataset)
        build_memo(replace(settings, language="nb"), dataset, county="55")
        build_memo(replace(settings, language="nn"), dataset, county="46")
    finally:
        mp.undo()
    folder = out / "2024"
    return {
        "memo 2024": folder / "karriereveiledning-2024-nb.html",
        "article 2024": folder / "karriereveiledning-2024-nb-artikkel.html",
        "Troms 2024": folder / "fylker" / "55-troms-2024-nb.html",
        "Vestland 2024": folder / "fylker" / "46-vestland-2024-nn.html",
    }


def _open(driver, path: Path, width: int) -> None:
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    driver.get(path.as_uri())


PAGES = [
    "memo nb",
    "memo nn",
    "article nb",
    "article nn",
    "Oslo",
    "Finnmark",
    "Finnmark article",
    "index",
]


def axe_violations(browser) -> list:
    """axe-core's WCAG 2.1 A/AA violations on the page open in ``browser``: [rule id,
    [the elements' selectors]] each."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    script = (
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        ".then(r => done(JSON.stringify(r.violations.map(v => "
        "[v.id, v.nodes.map(n => n.target.join(' '))]))));"
    )
    return json.loads(browser.execute_async_script(script, TAGS))


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violations(browser, pages, name):
    _open(browser, pages[name], 1280)
    assert axe_violations(browser) == []


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", [375, 1280])
def test_no_sideways_scrolling_and_no_console_errors(browser, pages, name, width):
    _open(browser, pages[name], width)
    scroll, client = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert scroll <= client
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_the_preview_page_updates_itself_and_keeps_its_place(browser, tmp_path):
    """An open page of `reportgen preview` shows a saved sentence, then a mistake with its
    file and line, then the memo again once fixed, without a manual reload, and stays
    where it was scrolled to."""
    from preview_server import MEMO, Preview
    from selenium.webdriver.support.wait import WebDriverWait

    preview = Preview(tmp_path)

    def shows(text: str) -> str:
        def ready(driver) -> bool:
            body = driver.execute_script(
                "return document.readyState === 'complete' ? document.body.innerText : ''"
            )
            return text in body.replace("\xa0", " ")

        WebDriverWait(browser, 30, poll_frequency=0.1).until(ready)
        return browser.execute_script("return document.body.innerText")

    try:
        browser.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )
        browser.get(preview.url + MEMO)
        shows("Karrieresentrene gjennomførte 1 062 kurs")
        browser.execute_script("window.scrollTo(0, 1500)")
        preview.edit("national.nb.md", "Karrieresentrene gjennomførte", "Sentrene holdt")
        shows("Sentrene holdt 1 062 kurs og gruppeveiledninger i 2019.")
        assert browser.execute_script("return window.scrollY") == 1500
        preview.edit("national.nb.md", "{{ sessions.current|num }}", "{{ sessions.curent|num }}")
        text = shows("unknown variable 'curent'")
        assert f"Error: {tmp_path}/mine/national.nb.md, line 30: unknown variable 'curent'" in text
        assert "Fix: did you mean 'sessions.current'?" in text
        preview.edit("national.nb.md", "{{ sessions.curent|num }}", "{{ sessions.current|num }}")
        shows("Sentrene holdt 1 062 kurs og gruppeveiledninger i 2019.")
        logged = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
        # the page with the mistake comes with status 500, which Chromium logs
        assert [m for m in logged if "status of 500" not in m] == []
    finally:
        preview.stop()


# Per chart: its width on the page, its viewBox width, the smallest type size of its text
# as set on the page (px), and the right edge of its rightmost text.
CHARTS = """
return [...document.querySelectorAll('figure svg')].map(svg => {
  const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')];
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const heights = texts.map(t => t.getBoundingClientRect().height);
  const right = Math.max(...texts.map(t => t.getBoundingClientRect().right));
  return {right: box.right, size: Math.min(...sizes), height: Math.min(...heights),
          textRight: right, last: texts.map(t => t.textContent)};
});
"""
WEB_PAGES = [
    "memo nb",
    "article nb",
    "Finnmark",
    "memo 2024",
    "article 2024",
    "Troms 2024",
    "Vestland 2024",
]


@pytest.fixture(scope="module")
def every_page(pages, pages_2024):
    return {**pages, **pages_2024}


@pytest.mark.parametrize("name", WEB_PAGES)
@pytest.mark.parametrize("width", [320, 375])
def test_a_phone_shows_the_whole_page_and_every_chart(browser, every_page, name, width):
    """At 320 and 375 px nothing is wider than the screen: the page does not scroll
    sideways, and every chart and every text of it (its last year too) is on the screen."""
    _open(browser, every_page[name], width)
    scroll, inner = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert scroll <= inner
    for chart in browser.execute_script(CHARTS):
        assert chart["right"] <= inner and chart["textRight"] <= inner, chart


@pytest.mark.parametrize(
    "name", ["memo nb", "Finnmark", "memo 2024", "Troms 2024", "Vestland 2024"]
)
def test_chart_text_is_at_least_12_px_on_a_375_px_phone(browser, every_page, name):
    _open(browser, every_page[name], 375)
    charts = browser.execute_script(CHARTS)
    assert charts
    for chart in charts:
        assert chart["size"] >= 12, chart
        assert chart["height"] >= 12, chart  # the text's box as laid out


def test_the_years_chart_ends_with_the_memos_year_on_a_phone(browser, every_page):
    """Figur 2 of 2019 and Figur 1 of Vestland 2024 show their last year, on screen."""
    for name, year in (("memo nb", "2019"), ("Vestland 2024", "2024")):
        _open(browser, every_page[name], 320)
        texts = [t for chart in browser.execute_script(CHARTS) for t in chart["last"]]
        assert year in texts, (name, texts)


@pytest.mark.parametrize("name", ["memo 2024", "article 2024", "Troms 2024", "Vestland 2024"])
def test_axe_finds_no_violations_in_2024(browser, every_page, name):
    test_axe_finds_no_violations(browser, every_page, name)


# Per table box: its caption, how wide its table is and how wide the box shows it (px).
TABLES = """
return [...document.querySelectorAll('.scroll')].map(box => [
  box.querySelector('caption').textContent, box.scrollWidth, box.clientWidth]);
"""


@pytest.mark.parametrize("name", ["memo nb", "memo 2024", "Vestland 2024", "Troms 2024"])
def test_every_table_fits_a_320_px_phone_without_scrolling(browser, every_page, name):
    """Tabell 1 of the 2019 and 2024 national memos (five columns, «Finnmark – Finnmárku –
    Finmarkku») and the county memos' centre tables («Kurs og grupperettleiingar») show
    their last column whole at 320 px: no table scrolls inside its box."""
    _open(browser, every_page[name], 320)
    boxes = browser.execute_script(TABLES)
    assert any(caption.startswith("Tabell 1") for caption, _, _ in boxes)
    for caption, wide, shown in boxes:
        assert wide <= shown, (caption, wide, shown)
