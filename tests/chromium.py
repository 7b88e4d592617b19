"""Debian's Chromium driven by Playwright, shared by the browser tests.

In CI (the CI environment variable set), a missing Playwright or Chromium fails the test;
elsewhere it skips, so that a contributor without a browser can still run the rest.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def playwright_api():
    """playwright.sync_api, or a failure in CI."""
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[test]')")
    return sync_api


def find_chromium() -> str:
    """The Chromium to drive: $MSP_CHROMIUM, else ``chromium`` on PATH."""
    path = os.environ.get("MSP_CHROMIUM") or shutil.which("chromium")
    if path and Path(path).is_file():
        return path
    missing("Chromium not found: set MSP_CHROMIUM or put chromium on PATH (apt-get install chromium)")


def launch() -> Iterator:
    """A browser for a module-scoped fixture."""
    sync_api = playwright_api()
    executable = find_chromium()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
