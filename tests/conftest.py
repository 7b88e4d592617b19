from pathlib import Path

import pytest

from helpers import Builds

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture
def builds(make_app, tmp_path):
    """Builds of copies of a test root, recording which documents each build read."""
    return Builds(make_app, tmp_path)
