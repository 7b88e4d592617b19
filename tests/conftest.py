from pathlib import Path

import pytest

from collections.abc import Iterator

from helpers import Builds, launch

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def builds(make_app, tmp_path):
    """Builds of copies of a test root, recording which documents each build read."""
    return Builds(make_app, tmp_path)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Chromium, for the tests of one module (browser tests)."""
    yield from launch()


@pytest.fixture
def site(app) -> Path:
    """The built HTML of the test root (an unchanged root is not rebuilt)."""
    app.build()
    return Path(app.outdir)


@pytest.fixture
def glossary(app, site: Path):
    """The glossary of the build, for expected texts."""
    return app.env.get_domain("msp").glossary
