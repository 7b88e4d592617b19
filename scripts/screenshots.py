"""Regenerate the screenshots in the docs from the browser tests' own run.

``python scripts/screenshots.py`` runs tests/test_browser.py (a real furo build driven
in Debian's chromium) with MSP_SCREENSHOTS_DIR pointing at docs/_static/screenshots.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "_static" / "screenshots"


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MSP_SCREENSHOTS_DIR": str(TARGET)}
    status = subprocess.call([sys.executable, "-m", "pytest", "-q", "tests/test_browser.py"], cwd=ROOT, env=env)
    for png in sorted(TARGET.glob("*.png")):
        print(f"{png.relative_to(ROOT)}: {png.stat().st_size} bytes")
    return status


if __name__ == "__main__":
    sys.exit(main())
