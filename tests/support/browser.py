"""Headless Chromium (Debian's /usr/bin/chromium, installed by .ci/install-browser) driven by
Playwright. Playwright never downloads a browser here: it is pointed at the system binary."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = Path(os.environ.get("SEAMGUARD_CHROMIUM", "/usr/bin/chromium"))
# Flags that keep Chromium from calling home on a machine without network access.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> Path:
    """The browser binary; a clear failure (never a skip) when it is missing."""
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        raise RuntimeError(f"{CHROMIUM} is missing: run `bash .ci/install-browser` (as root)")
    return CHROMIUM if CHROMIUM.exists() else Path(str(shutil.which("chromium")))


@contextmanager
def chromium() -> Iterator[Any]:
    """A fresh headless browser (fresh temporary profile); close it by leaving the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path()),
                                             headless=True, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def new_page(browser: Any, width: int = 1400, height: int = 1000) -> tuple[Any, list[str]]:
    """A page, and the console errors, uncaught page errors and failed requests it collects."""
    errors: list[str] = []
    page = browser.new_page(viewport={"width": width, "height": height})
    page.on("console", lambda message: errors.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "assert") else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: errors.append(f"request failed: {request.url}"))
    return page, errors
