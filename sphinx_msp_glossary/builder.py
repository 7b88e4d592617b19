"""The ``msp-termcheck`` builder: a report of every term use for CI, and its exit status."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Set
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.builders import Builder
from sphinx.util import logging

from .config import STATUSES
from .diagnostics import warn
from .report import sorted_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class MspTermcheckBuilder(Builder):
    """Checks every :term-ref:, msp-term card and related name; writes no HTML."""

    name = "msp-termcheck"
    epilog = "Term check complete; look for problems in %(outdir)s/output.txt."
    allow_parallel = True

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> str:
        return "all documents"  # the report always covers the whole project

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        pass  # the report comes from the domain's records; no doctree is resolved

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def finish(self) -> None:
        entries = sorted_entries(self.env)
        self.outdir.mkdir(parents=True, exist_ok=True)
        with open(self.outdir / "output.txt", "w", encoding="utf-8") as text:
            for entry in entries:
                text.write(entry.line() + "\n")
        with open(self.outdir / "output.json", "w", encoding="utf-8") as jsonl:
            for entry in entries:
                jsonl.write(json.dumps(entry.as_json(), ensure_ascii=False) + "\n")

        fail_on = set(self.config.msp_glossary_fail_on)
        counts = Counter(entry.status for entry in entries)
        summary = ", ".join(f"{counts[status]} {status}" for status in STATUSES if counts[status])
        logger.info("msp-termcheck: %s", summary or "nothing to check")
        failing = sum(counts[status] for status in fail_on)
        if failing:  # each of them was warned once already, during the build
            logger.info("msp-termcheck: %d problem(s) with status %s", failing,
                        ", ".join(sorted(s for s in fail_on if counts[s])))
            app = getattr(self, "_app", None) or self.app
            app.statuscode = 1


def warn_report_statuses(app: Sphinx, env: BuildEnvironment) -> None:
    """Every builder, msp-termcheck too: warn about the report statuses that
    msp_glossary_fail_on names and that no other check warns about (no-card, unused,
    unlinked), once each."""
    extra = set(app.config.msp_glossary_fail_on) & {"no-card", "unused", "unlinked"}
    if not extra:
        return
    for entry in sorted_entries(env):
        if entry.status in extra:
            path = os.path.normpath(os.path.join(env.srcdir, entry.filename))
            warn(entry.status, f"{entry.target}: {entry.info}", f"{path}:{entry.lineno}")


def setup_builder(app: Sphinx) -> None:
    app.add_builder(MspTermcheckBuilder)
    app.connect("env-updated", warn_report_statuses, priority=600)  # after after_reads, every build
