"""Regenerate the screenshots in the docs from the browser tests' own run.

``python scripts/screenshots.py`` runs tests/test_browser.py (a real furo build driven
in Debian's chromium) with MSP_SCREENSHOTS_DIR pointing at docs/_static/screenshots, then
the card-and-tooltip tests of tests/test_themes.py (every theme, light and dark) with it
pointing at docs/_static/themes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = [
    (ROOT / "docs" / "_static" / "screenshots", ["tests/test_browser.py"]),
    (ROOT / "docs" / "_static" / "themes", ["tests/test_themes.py", "-k", "test_card_and_tooltip"]),
]


def main() -> int:
    status = 0
    for target, args in RUNS:
        target.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "MSP_SCREENSHOTS_DIR": str(target)}
        status |= subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                                  cwd=ROOT, env=env)
        for png in sorted(target.glob("*.png")):
            print(f"{png.relative_to(ROOT)}: {png.stat().st_size} bytes")
    return status


if __name__ == "__main__":
    sys.exit(main())
