"""Steps a person takes in a browser window on ``reportgen serve``, for the browser tests
(tests/browser; its conftest makes the window and the server)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from serving import Server

PAGE_LOAD_SECONDS = 30

Shoot = Callable[[str], Path]
"""``shoot(name)``: saves the whole page as ``NN-name.png`` in the test's screenshot folder."""


def gone(element: WebElement) -> Callable[[WebDriver], bool]:
    """Whether ``element`` has left the page: stale, or (chromium's driver, when the document was
    replaced as it looked) "Node with given id does not belong to the document"."""

    def check(_driver: WebDriver) -> bool:
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as exc:
            if "does not belong to the document" in str(exc):
                return True
            raise
        return False

    return check


@dataclass
class Browser:
    """A headless chromium window on the server, with the steps a person takes in it."""

    driver: WebDriver
    server: Server
    downloads: Path
    _seen: set[str] = field(default_factory=set)

    def open(self, path: str) -> None:
        self.driver.get(f"{self.server.url}{path}")

    @property
    def path(self) -> str:
        """The current address without the server's origin (``/reports/1``)."""
        return self.driver.current_url.removeprefix(self.server.url)

    @property
    def text(self) -> str:
        """The page's visible text, its white space collapsed (read again if the page replaced
        its body while it was being read: after a navigation or an htmx swap)."""
        for _attempt in range(4):
            try:
                return " ".join(self.driver.find_element(By.TAG_NAME, "body").text.split())
            except StaleElementReferenceException:
                time.sleep(0.1)
        return " ".join(self.driver.find_element(By.TAG_NAME, "body").text.split())

    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def link(self, text: str) -> WebElement:
        return self.driver.find_element(By.PARTIAL_LINK_TEXT, text)

    def follow(self, element: WebElement) -> None:
        """Click ``element`` and wait for the page it leads to."""
        before = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        wait = WebDriverWait(self.driver, PAGE_LOAD_SECONDS)
        wait.until(gone(before))
        wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")

    def confirm_and_follow(self, element: WebElement, question: str) -> None:
        """Click ``element``, check the browser asks ``question`` (a confirm box), answer 确定
        and wait for the page it leads to."""
        before = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        wait = WebDriverWait(self.driver, PAGE_LOAD_SECONDS)
        alert = wait.until(expected_conditions.alert_is_present())
        assert question in alert.text, alert.text
        alert.accept()
        wait.until(gone(before))
        wait.until(lambda driver: driver.execute_script("return document.readyState") == "complete")

    def wait_for_text(self, text: str, timeout: float = PAGE_LOAD_SECONDS) -> None:
        """Wait until the page shows ``text``: after an htmx swap, which loads no new page."""
        WebDriverWait(self.driver, timeout).until(lambda _: text in self.text, f"the page never showed “{text}”")

    def settle(self, timeout: float = PAGE_LOAD_SECONDS) -> None:
        """Wait until htmx has no request under way (it marks an element sending one ``.htmx-request``)."""
        idle = "return document.querySelector('.htmx-request') === null"
        WebDriverWait(self.driver, timeout).until(lambda driver: driver.execute_script(idle), "htmx never settled")

    def upload(self, form: str, file: Path) -> None:
        """Choose ``file`` in the file field of the form matching the CSS selector ``form``, and send it."""
        self.find(f"{form} input[type=file]").send_keys(str(file.resolve()))
        self.follow(self.find(f"{form} button[type=submit]"))

    def download(self, element: WebElement, suffix: str, timeout: float = 30) -> Path:
        """Click a download link and wait until the browser has saved the file (``suffix``)."""
        element.click()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            finished = [
                path
                for path in self.downloads.iterdir()
                if path.name not in self._seen and path.suffix == suffix and not path.name.startswith(".")
            ]
            # Chromium writes into a hidden temporary file or NAME.crdownload and renames it when done.
            partial = [path for path in self.downloads.iterdir() if path.suffix == ".crdownload"]
            if finished and not partial:
                self._seen.add(finished[0].name)
                return finished[0]
            self.server.check_alive()
            time.sleep(0.1)
        listing = sorted(path.name for path in self.downloads.iterdir())
        raise AssertionError(f"no {suffix} file was downloaded within {timeout:.0f} s (folder: {listing})")
