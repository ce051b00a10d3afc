"""Headless Chromium for the view tests and the view benchmark, driven with Selenium (and
the checks the browser tests share: a clean load, a still camera, a PNG's pixels).

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
import struct
import tempfile
import time
import zlib
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


def assert_clean(log: PageLog) -> None:
    assert log.outside == [], f"requests left file://: {log.outside}"
    assert log.errors == [], f"console errors: {log.errors}"


def settle(browser: Browser) -> None:
    """Wait until the camera stops moving (a search focuses its node with an animation)."""
    browser.wait_for("return !window.graphkitView.animating", 10)
    view = "var n = window.graphkitView.network; return [n.getViewPosition(), n.getScale()]"
    last, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:
        now = browser.js(view)
        if now == last:
            return
        last = now
        time.sleep(0.1)
    raise TimeoutError("the camera never stopped moving")


def decode_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes (row by row) of a PNG screenshot: with Pillow when
    installed, else a tiny reader (8-bit RGB/RGBA, not interlaced: what Chromium writes)."""
    try:
        from PIL import Image
    except ImportError:
        return _decode_png(data)
    import io

    image = Image.open(io.BytesIO(data)).convert("RGB")
    return image.size[0], image.size[1], image.tobytes()


def _decode_png(data: bytes) -> tuple[int, int, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert header is not None
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    out, previous = bytearray(), bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        for x in range(width):
            out += line[x * bpp : x * bpp + 3]
        previous = line
    return width, height, bytes(out)
