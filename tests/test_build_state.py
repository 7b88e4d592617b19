"""State belongs to a build: two projects built in one process, with their applications set up
before either builds and then alternately, give what separate processes give."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from helpers import ROOTS, contents

#: Two projects that disagree on a term: project-terms overrides SLA and excludes Break-fix.
PROJECTS = ("basic", "project-terms")


def in_this_process(src) -> Sphinx:
    return Sphinx(src, src, src / "_build", src / "_doctrees", "html",
                  status=io.StringIO(), warning=io.StringIO(), freshenv=True)


@pytest.mark.slow
def test_builds_in_one_process_share_nothing(tmp_path):
    expected = {}
    for root in PROJECTS:
        src = shutil.copytree(ROOTS / f"test-{root}", tmp_path / f"alone-{root}")
        subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(src), str(src / "_build")],
                       check=True, capture_output=True)
        expected[root] = contents(src / "_build")
    # every application is set up (config, builder, glossary) before the first one builds; the
    # namespace gives docutils' registries back as they were, for the tests that follow
    with docutils_namespace():
        apps = {
            (root, round_): in_this_process(shutil.copytree(ROOTS / f"test-{root}", tmp_path / f"{root}-{round_}"))
            for round_ in (1, 2)
            for root in PROJECTS
        }
        for (root, round_), app in apps.items():
            app.build()
            assert contents(app.outdir) == expected[root], (root, round_)
