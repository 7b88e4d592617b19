"""Regenerate the screenshots of docs/publishing.rst: a term page and the category filter.

``python scripts/publishing_screenshots.py`` builds the docs into a temporary folder and opens
them in Chromium ($MSP_CHROMIUM, else ``chromium`` on PATH) through Playwright.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright
from sphinx.cmd.build import build_main

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "_static" / "publishing"


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("MSP_CHROMIUM") or shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        if build_main(["-q", "-b", "html", str(ROOT / "docs"), str(site)]):
            return 1
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1000, "height": 700})
            page.goto((site / "terms" / "sla.html").as_uri())
            box = page.locator("article").first.bounding_box()
            page.screenshot(path=str(TARGET / "term-page.png"),
                            clip={**box, "height": min(box["height"], 520)})
            page.goto((site / "glossary.html").as_uri())
            page.get_by_role("button", name="Backup & continuity", exact=True).first.click()
            box = page.locator(".msp-glossary").first.bounding_box()
            page.screenshot(path=str(TARGET / "category-filter.png"), full_page=True,
                            clip={"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16, "height": 480})
            browser.close()
    for png in sorted(TARGET.glob("*.png")):
        print(f"{png.relative_to(ROOT)}: {png.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
