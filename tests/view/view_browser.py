"""Headless Chromium for the view tests and the view benchmark, driven with Selenium.

The browser is Debian's ``chromium`` with its ``chromium-driver``, both named by path so
that Selenium Manager never runs (it would try to download a browser or a driver), and
started offline: no component updates, no sync, no QUIC, no background networking, a
fresh profile. Every request the page makes is seen through the DevTools performance log
(``Network.requestWillBeSent``) and anything not ``file:`` or ``data:`` is blocked with
``Network.setBlockedURLs`` and counted.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("GRAPHKIT_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("GRAPHKIT_CHROMEDRIVER", "/usr/bin/chromedriver"))
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--metrics-recording-only",
    "--password-store=basic",
    "--window-size=1400,900",
)
BLOCKED = ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def available() -> bool:
    return CHROMIUM.is_file() and CHROMEDRIVER.is_file()


@dataclass
class PageLog:
    """What one page load did: requests it made and what it said on the console."""

    requests: list[str] = field(default_factory=list)
    console: list[dict[str, Any]] = field(default_factory=list)

    @property
    def outside(self) -> list[str]:
        """Requests that left file:// (data: URLs are the page's own bytes)."""
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]

    @property
    def errors(self) -> list[str]:
        return [entry["message"] for entry in self.console if entry.get("level") == "SEVERE"]


class Browser:
    """One headless Chromium for a test session."""

    def __init__(self) -> None:
        os.environ["SE_OFFLINE"] = "true"  # belt and braces: Selenium Manager stays offline
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.mkdtemp(prefix="graphkit-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={self.profile}")
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(60)
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": BLOCKED})

    def _drain(self) -> PageLog:
        log = PageLog()
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                log.requests.append(message["params"]["request"]["url"])
        log.console = self.driver.get_log("browser")
        return log

    def open(self, path: Path, *, wait_stabilized: bool = True, timeout: float = 60) -> PageLog:
        """Load a file, wait for the view to be laid out, return what the load did."""
        self.driver.get("about:blank")
        self._drain()
        self.driver.get(Path(path).resolve().as_uri())
        if wait_stabilized:
            self.wait_for(
                "return !!(window.graphkitView && window.graphkitView.stabilized)", timeout
            )
        return self._drain()

    def more_log(self) -> PageLog:
        """Requests and console messages since the last load (or the last call)."""
        return self._drain()

    def wait_for(self, script: str, timeout: float = 30) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            value = self.driver.execute_script(script)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for: {script}")
            time.sleep(0.05)

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def close(self) -> None:
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
