"""The tooltip file: every term's tooltip in one script that the pages of an HTML build share
(``_static/msp-glossary-tips.js``), read by the page script when it starts.

A reference then carries only its link: the script finds its tooltip by the card the link
leads to (``a``: card anchor -> text), or by the term id a card-less reference carries in
``data-msp-term`` (``t``: term id -> text). The page's first such reference keeps its tooltip
as its ``title`` too, for readers without the script (html.py). Pages do not name the file:
a page's output shows no other tooltip text than its first reference's.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .domain import MspDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

TIPS_FILE = "msp-glossary-tips.js"


@dataclass(frozen=True)
class TipTable:
    anchors: dict[str, str]  # term id -> its card's anchor, where no other term's card has that anchor
    texts: dict[str, str]  # term id -> its tooltip (the summary)

    def by_link(self, term_id: str, fragment: str) -> str | None:
        """The file's tooltip for a link to ``term_id`` that leads to ``#fragment``, when the
        script finds it by that fragment."""
        if fragment and self.anchors.get(term_id) == fragment:
            return self.texts.get(term_id)
        return None

    def by_term(self, term_id: str) -> str | None:
        """The file's tooltip for a reference carrying ``data-msp-term``: the terms listed by
        term id are those whose card anchor does not name them."""
        return self.texts.get(term_id) if term_id not in self.anchors else None

    def script(self) -> str:
        anchored = {anchor: self.texts[term_id] for term_id, anchor in self.anchors.items()}
        others = {term_id: text for term_id, text in self.texts.items() if term_id not in self.anchors}
        data = json.dumps({"a": anchored, "t": others}, sort_keys=True, separators=(",", ":"))
        return f"/* sphinx-msp-glossary: the tooltips of this build's terms. */\nself.mspGlossaryTips={data};\n"


def runs_script(builder: Builder) -> bool:
    """Whether the builder's pages get the script: HTML builders but embedded ones (EPUB)."""
    return builder.format == "html" and not getattr(builder, "embedded", False)


def writes_tips(app: Sphinx) -> bool:
    """Whether references leave their tooltips to the file: the script's tooltips are on."""
    return runs_script(app.builder) and bool(app.config.msp_glossary_tooltips)


def tip_table(domain: MspDomain) -> TipTable:
    """This build's table, made once after all reads (the link targets are known then)."""
    table = domain.derived.get("tips")
    if table is None:
        glossary = domain.glossary
        targets = {tid: card for tid, card in domain.data["targets"].items() if card.node_id and tid in glossary.terms}
        shared = Counter(card.node_id for card in targets.values())
        anchors = {tid: card.node_id for tid, card in sorted(targets.items()) if shared[card.node_id] == 1}
        texts = {term.id: glossary.tooltip(term) for term in sorted(glossary, key=lambda t: t.id)}
        table = domain.derived["tips"] = TipTable(anchors, texts)
    return table


def write_tips(app: Sphinx, exception: Exception | None) -> None:
    """Write the file once the build is done, only where its text changed."""
    if exception is not None or not writes_tips(app):
        return
    domain: MspDomain = app.env.get_domain("msp")  # type: ignore[assignment]
    path = app.builder.outdir / "_static" / TIPS_FILE
    text = tip_table(domain).script()
    if path.is_file() and path.read_text("utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")


def make_table(app: Sphinx, env: BuildEnvironment) -> None:
    """After the link targets are known, before writing (parallel writers inherit it)."""
    domain: MspDomain = env.get_domain("msp")  # type: ignore[assignment]
    domain.derived.pop("tips", None)
    tip_table(domain)


def setup_tips(app: Sphinx) -> None:
    app.connect("env-updated", make_table, priority=700)  # after after_reads.py's targets
    app.connect("build-finished", write_tips)
