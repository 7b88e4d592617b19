"""The benchmark's corpora: set-ups (theme, markup, extensions) and the projects built for them.

Every project has N pages with K term references each and a glossary page with every
packaged term (106 in this release). What changes from one *variant* to the next is how the
references and the glossary are written:

- ``native``: Sphinx's ``glossary`` directive and ``:term:`` role;
- ``ext``: ``msp-glossary`` and ``:term-ref:`` (this extension, everything on);
- ``floor``: no glossary tooling at all: the term's name as plain text, the glossary page a
  plain definition list (the cost of the words alone);
- ``tippy``: ``native`` plus sphinx-tippy, which adds tooltips to the ``:term:`` links.

A set-up says under which theme, in which markup and with which other extensions the
variants are built. The four set-ups of users are built as ``native`` and ``ext``; the two
peers (``floor`` and ``tippy``) are single variants under the plain set-up.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple


class Setup(NamedTuple):
    theme: str
    markup: str  # "rst" or "md"
    extensions: tuple[str, ...]  # besides the glossary tooling
    kinds: tuple[str, ...]  # the variants built in this set-up
    description: str
    design: bool = False  # pages also carry a code block and a sphinx-design card


SETUPS: dict[str, Setup] = {
    "plain": Setup("alabaster", "rst", (), ("native", "ext"), "reStructuredText, alabaster"),
    "plain-furo": Setup("furo", "rst", (), ("native", "ext"), "reStructuredText, furo"),
    "myst": Setup("alabaster", "md", ("myst_parser",), ("native", "ext"), "MyST Markdown, alabaster"),
    "furo-typical": Setup(
        "furo", "md", ("myst_parser", "sphinx_design", "sphinx_copybutton"), ("native", "ext"),
        "MyST + sphinx-design + sphinx-copybutton, furo", design=True,
    ),
    "floor": Setup("alabaster", "rst", (), ("floor",), "peer: no glossary tooling (plain text)"),
    "tippy": Setup("alabaster", "rst", ("sphinx_tippy",), ("tippy",), "peer: Sphinx glossary + sphinx-tippy"),
}
#: The peers are compared with the plain set-up's native variant.
PEERS = ("floor", "tippy")
#: The sizes at which each set-up's build-time target is judged.
TARGET_SIZES = {"plain": (100, 300, 1000), "myst": (100, 300, 1000), "plain-furo": (100, 300),
                "furo-typical": (100, 300)}

#: The term an incremental "edit one term" rebuild changes (referenced from most pages).
EDITED_TERM = "SLA"


def packaged_terms() -> list:
    """The package's packaged glossary: the one place the benchmark imports the package's
    glossary module (it may be renamed)."""
    from sphinx_msp_glossary.layers import packaged_terms as load

    return load()


def glossary_module() -> str:
    """The module :func:`packaged_terms` comes from, for the import-time measurement."""
    from sphinx_msp_glossary.layers import packaged_terms as load

    return load.__module__


CONF = '''\
project = "bench"
extensions = {extensions!r}
html_theme = {theme!r}
exclude_patterns = ["_build"]
{extra}
FULL_NAV = {full_nav!r}


def _no_navigation(app, pagename, templatename, context, doctree):
    # Before the themes' own handlers: furo renders the whole toctree into every page
    # whatever the sidebars, alabaster's navigation sidebar does too; give them nothing
    # to render (the same work for every variant, growing with the square of the pages).
    context["toctree"] = lambda **kwargs: ""


def setup(app):
    if not FULL_NAV:
        app.connect("html-page-context", _no_navigation, priority=400)
'''

TIPPY_CONF = "tippy_enable_wikitips = False\ntippy_enable_doitips = False  # no network during builds\n"

#: Prose around the references. Two sentences have an apostrophe, as most English prose
#: does (Sphinx's smart quotes make it a curly one, so a page is not pure ASCII text);
#: ``--ascii`` drops them.
FILLER = (
    "The team reviewed {0} before the quarterly meeting.",
    "Every contract mentions {0} at least once.",
    "A client asked how {0} affects the monthly invoice.",
    "Our runbook explains {0} in plain words; it's short.",
    "Nobody should confuse {0} with the vendor's terms.",
)
ASCII_FILLER = tuple(f.replace("; it's short", "").replace("the vendor's terms", "something else") for f in FILLER)


class Corpus(NamedTuple):
    setup: str
    kind: str
    pages: int
    refs: int
    filler: tuple[str, ...] = FILLER
    full_nav: bool = False
    own_terms: bool = False  # ext: the edited term comes from a project glossary file

    @property
    def suffix(self) -> str:
        return ".md" if SETUPS[self.setup].markup == "md" else ".rst"


def page_name(index: int) -> str:
    return f"p{index:04d}"


def _reference(corpus: Corpus, name: str) -> str:
    if corpus.kind == "floor":
        return name
    role = "term-ref" if corpus.kind == "ext" else "term"
    return f"{{{role}}}`{name}`" if corpus.suffix == ".md" else f":{role}:`{name}`"


def page_text(corpus: Corpus, index: int, names: list[str], extra: str = "") -> str:
    md = corpus.suffix == ".md"
    lines = [f"# Page {index:04d}", ""] if md else [f"Page {index:04d}", "=" * 9, ""]
    sentences = []
    for j in range(corpus.refs):
        name = names[(index * 7 + j) % len(names)]
        sentences.append(corpus.filler[j % len(corpus.filler)].format(_reference(corpus, name)))
    for start in range(0, len(sentences), 5):  # paragraphs of five references
        lines += [" ".join(sentences[start : start + 5]), ""]
    if SETUPS[corpus.setup].design:  # what a furo + sphinx-design project's pages carry
        lines += ["```{code-block} shell", f"pip install example-{index}", "```", "",
                  "```{card} Next step", "Read the runbook before the first call.", "```", ""]
    return "\n".join(lines) + extra


def _definition(term) -> str:
    return " ".join(term.definition.split())


def glossary_text(corpus: Corpus, terms: list, edit: str = "") -> str:
    """The glossary page; ``edit`` is appended to the edited term's definition (native, floor)."""
    md = corpus.suffix == ".md"
    lines = ["# Glossary", ""] if md else ["Glossary", "========", ""]

    def definition(term) -> str:
        return _definition(term) + (edit if term.name == EDITED_TERM else "")

    if corpus.kind == "ext":
        lines += ["```{msp-glossary}", "```", ""] if md else [".. msp-glossary::", ""]
    elif corpus.kind == "floor":  # a definition list in reStructuredText, paragraphs in Markdown
        for term in terms:
            lines += [f"**{term.name}**: {definition(term)}", ""] if md else [term.name, f"   {definition(term)}", ""]
    else:
        body = [x for t in terms for x in (f"   {t.name}", f"      {definition(t)}", "")]
        if md:
            lines += ["```{glossary}"] + [x[3:] for x in body] + ["```", ""]
        else:
            lines += [".. glossary::", ""] + body
    return "\n".join(lines)


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def terms_toml(terms: list, edit: str = "") -> str:
    """A project glossary file that replaces the edited term with a copy of itself."""
    term = next(t for t in terms if t.name == EDITED_TERM)
    lines = ["[[term]]", f"name = {_toml_string(term.name)}"]
    if term.expansion:
        lines.append(f"expansion = {_toml_string(term.expansion)}")
    lines.append(f"definition = {_toml_string(_definition(term) + edit)}")
    if term.why:
        lines.append(f"why = {_toml_string(term.why)}")
    lines.append("related = [" + ", ".join(map(_toml_string, term.related)) + "]")
    lines.append("aliases = [" + ", ".join(map(_toml_string, term.aliases)) + "]")
    if term.category:
        lines.append(f"category = {_toml_string(term.category)}")
    return "\n".join(lines) + "\n"


def generate(corpus: Corpus, root: Path) -> Path:
    """Write the project of ``corpus`` into ``root`` (emptied first)."""
    setup = SETUPS[corpus.setup]
    terms = packaged_terms()
    names = [t.name for t in terms]
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    extensions = list(setup.extensions) + (["sphinx_msp_glossary"] if corpus.kind == "ext" else [])
    extra = TIPPY_CONF if corpus.kind == "tippy" else ""
    if corpus.own_terms and corpus.kind == "ext":
        extra += 'msp_glossary_files = ["terms.toml"]\n'
        (root / "terms.toml").write_text(terms_toml(terms), "utf-8")
    conf = CONF.format(extensions=extensions, theme=setup.theme, extra=extra, full_nav=corpus.full_nav)
    (root / "conf.py").write_text(conf, "utf-8")
    docs = ["glossary"] + [page_name(i) for i in range(1, corpus.pages + 1)]
    index = ["Benchmark", "=========", "", ".. toctree::", "   :maxdepth: 1", "   :hidden:", ""]
    (root / "index.rst").write_text("\n".join(index + [f"   {doc}" for doc in docs]) + "\n", "utf-8")
    (root / f"glossary{corpus.suffix}").write_text(glossary_text(corpus, terms), "utf-8")
    for i in range(1, corpus.pages + 1):
        (root / f"{page_name(i)}{corpus.suffix}").write_text(page_text(corpus, i, names), "utf-8")
    return root


def touch_page(corpus: Corpus, root: Path, index: int, note: str | None) -> None:
    """Append a line to one page (``note``), or restore it (``None``)."""
    names = [t.name for t in packaged_terms()]
    extra = f"\nEdited: {note}.\n" if note else ""
    (root / f"{page_name(index)}{corpus.suffix}").write_text(page_text(corpus, index, names, extra), "utf-8")


def edit_term(corpus: Corpus, root: Path, note: str | None) -> None:
    """Change one term's definition where the project keeps it (``note``), or restore it.

    Native: its entry on the glossary page. Extension: the project glossary file
    (``own_terms``), which replaces the packaged term with a copy of itself."""
    terms = packaged_terms()
    edit = f" Edited: {note}." if note else ""
    if corpus.kind == "ext":
        (root / "terms.toml").write_text(terms_toml(terms, edit), "utf-8")
    else:
        (root / f"glossary{corpus.suffix}").write_text(glossary_text(corpus, terms, edit), "utf-8")
