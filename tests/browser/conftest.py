"""The web application in a real browser: ``reportgen serve`` in its own process and Debian's
headless chromium driven by selenium through chromedriver.

Without chromium or chromedriver the browser tests skip on a developer machine and fail when
``CI`` is set (``.ci/run`` installs both and sets it). Each test's screenshots go to
``$REPORTGEN_SCREENSHOTS/<test>/`` or ``build/screenshots/<test>/`` and the folders are listed
at the end of the test report, so that a person can look at the pages.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from browser_steps import PAGE_LOAD_SECONDS, Browser, Shoot
from serving import Server, running_server

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
_shot_folders: dict[str, Path] = {}
_call_outcome = pytest.StashKey[pytest.TestReport]()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """``reportgen serve`` over a fresh workspace, on a free port of 127.0.0.1."""
    with running_server(tmp_path / "workspace", tmp_path / "serve-stderr.log") as running:
        yield running


@pytest.fixture(scope="session")
def chromium() -> None:
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must install {', '.join(missing)} (Debian's chromium and chromium-driver; .ci/run does)")
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install chromium chromium-driver)")


@pytest.fixture
def browser(chromium: None, server: Server, tmp_path: Path) -> Iterator[Browser]:
    """Headless chromium (1400×1000) in Chinese, its downloads saved without a prompt.

    The browser's own words (the file chooser's 选择文件) come from Debian's chromium-l10n,
    which .ci/run installs; without it they stay English."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
        "--window-size=1400,1000",
        "--lang=zh-CN",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "intl.accept_languages": "zh-CN,zh",
        },
    )
    service = Service(str(CHROMEDRIVER), env={**os.environ, "LANGUAGE": "zh_CN", "LANG": "C.UTF-8"})
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.set_page_load_timeout(PAGE_LOAD_SECONDS)
        yield Browser(driver, server, downloads)
    finally:
        driver.quit()


def screenshot_folder(test_name: str) -> Path:
    base = os.environ.get("REPORTGEN_SCREENSHOTS")
    root = Path(base) if base else ROOT / "build" / "screenshots"
    return root / re.sub(r"[^\w.-]+", "_", test_name).strip("_")


@pytest.fixture
def shoot(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Shoot]:
    """``shoot(name)`` saves the whole page (not only the window) as ``NN-name.png`` in the test's
    folder; a failed test's last page is saved too, as ``NN-failed.png``."""
    folder = screenshot_folder(request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _shot_folders[request.node.nodeid] = folder
    taken: list[Path] = []

    def take(name: str) -> Path:
        whole_page = {"format": "png", "captureBeyondViewport": True}
        shot = browser.driver.execute_cdp_cmd("Page.captureScreenshot", whole_page)
        path = folder / f"{len(taken) + 1:02d}-{name}.png"
        path.write_bytes(base64.b64decode(shot["data"]))
        taken.append(path)
        return path

    yield take
    outcome = request.node.stash.get(_call_outcome, None)
    if outcome is not None and outcome.failed:
        take("failed")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Keeps the outcome of a test's call phase on the item, for ``shoot`` to see at teardown."""
    report: pytest.TestReport = yield
    if report.when == "call":
        item.stash[_call_outcome] = report
    return report


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _shot_folders:
        return
    terminalreporter.section("screenshots of the browser tests")
    for nodeid, folder in _shot_folders.items():
        count = len(list(folder.glob("*.png")))
        terminalreporter.write_line(f"{folder}  ({count} pages; {nodeid})")
