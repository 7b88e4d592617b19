"""Incremental builds stay right under any sequence of edits.

A seeded random walk edits a small project (add or remove an ``msp-term`` card, add or
remove a ``:term-ref:``, rename, add, remove or redefine a term in the project glossary
file, override a packaged term, add, remove or move an alias, add or remove a related name
(to a term, to none, to one added later), exclude a packaged term or stop excluding it,
retitle a page, turn the glossary page's ``:used-only:`` on or off, set or drop its
``:terms:``, group it by letter or category, show, hide or only list deprecated terms, add a
page, delete a page and take it out of the toctree, give a term a category, deprecate a term
or replace it by another, add or remove prose that mentions terms, and switch autolinking,
expanding first references and term pages). Names are written
as names, aliases and plurals, so that a new term or alias takes over a plural, and so on.
After each step it builds incrementally and compares the output with a fresh build of the
same sources: the main content of every page and objects.inv (``contents()``), and the
warnings (``warm_warning_problems()``: a warm build warns again about the pages it re-reads).

By default two walks of 20 steps each run (about a minute). For a longer walk, set
``MSP_FUZZ_EXAMPLES`` (the fuzzing switch of test_fuzz.py): each walk takes
MSP_FUZZ_EXAMPLES // 2 steps. ``MSP_WALK_SEED`` picks the seed of a single walk, to
replay one that failed (the failure message gives its seed and steps)::

    MSP_FUZZ_EXAMPLES=400 python -m pytest tests/test_incremental_walk.py
"""

from __future__ import annotations

import os
import random
from pathlib import Path
import re
import shutil
from dataclasses import dataclass, field

import pytest
from helpers import contents, warm_warning_problems, warnings_of


pytestmark = pytest.mark.slow


STEPS = max(int(os.environ.get("MSP_FUZZ_EXAMPLES", "40")) // 2, 1)
SEEDS = [int(os.environ["MSP_WALK_SEED"])] if os.environ.get("MSP_WALK_SEED") else [1, 2]

PACKAGED = ["SLA", "MDR", "Help Desk", "RMM"]
#: Names of no term at first: unknown references and related names, until a term takes one.
MISSING = ["Nonexistent Term", "Runbook Plus"]
#: Report statuses that no read-time check warns about, warned after every build (from the records).
FAIL_ON = ["unknown", "related", "duplicate", "no-card", "unused"]
#: A category the project glossary declares; the others are packaged ones (or none).
OWN_CATEGORY = "Our process"
CATEGORIES = [OWN_CATEGORY, "Security", "Service levels & metrics", ""]


@dataclass
class ProjectTerm:
    name: str
    definition: str
    id: str = ""  # explicit id, kept when the term is renamed
    related: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    category: str = ""
    deprecated: bool = False
    replaced_by: str = ""


@dataclass
class Project:
    """The sources as data; ``write`` renders them, touching only the files that change."""

    terms: list[ProjectTerm]
    pages: dict[str, list[str]]  # page -> its blocks: ":term-ref:`X`" paragraphs, ".. msp-term:: X" cards
    renames: int = 0
    next_page: int = 0
    titles: dict[str, str] = field(default_factory=dict)
    used_only: bool = False
    glossary_terms: list[str] = field(default_factory=list)  # the glossary page's :terms:, if any
    exclude: list[str] = field(default_factory=list)  # msp_glossary_exclude
    group_by: str = "letter"  # the glossary page's :group-by:
    deprecated: str = "show"  # the glossary page's :deprecated:
    autolink: bool | str = False  # msp_glossary_autolink
    expand_first: bool = False  # msp_glossary_expand_first
    term_pages: bool | str = False  # msp_glossary_term_pages

    def files(self) -> dict[str, str]:
        toml = ["[[category]]", f'name = "{OWN_CATEGORY}"', 'description = "Ours."', ""]
        for term in self.terms:
            toml += ["[[term]]", f'name = "{term.name}"', f'definition = "{term.definition}"']
            for key in ("id", "category", "replaced_by"):
                if getattr(term, key):
                    toml.append(f'{key} = "{getattr(term, key)}"')
            if term.deprecated:
                toml.append("deprecated = true")
            for key in ("related", "aliases"):
                if getattr(term, key):
                    toml.append(f"{key} = [" + ", ".join(f'"{r}"' for r in getattr(term, key)) + "]")
            toml.append("")
        conf = (f'extensions = ["sphinx_msp_glossary"]\nmsp_glossary_files = ["terms.toml"]\n'
                f"msp_glossary_fail_on = {FAIL_ON!r}\n")
        if self.exclude:
            conf += f"msp_glossary_exclude = {self.exclude!r}\n"
        for key in ("autolink", "expand_first", "term_pages"):
            if getattr(self, key):
                conf += f"msp_glossary_{key} = {getattr(self, key)!r}\n"
        options = ("   :used-only:\n" * self.used_only
                   + (f"   :terms: {', '.join(self.glossary_terms)}\n" if self.glossary_terms else "")
                   + (f"   :group-by: {self.group_by}\n" if self.group_by != "letter" else "")
                   + (f"   :deprecated: {self.deprecated}\n" if self.deprecated != "show" else ""))
        files = {
            "conf.py": conf,
            "terms.toml": "\n".join(toml),
            "index.rst": "Walk\n====\n\n.. toctree::\n\n" + "".join(f"   {p}\n" for p in [*self.pages, "glossary"]),
            "glossary.rst": "Glossary\n========\n\n.. msp-glossary::\n" + options,
        }
        for page, blocks in self.pages.items():
            title = self.titles.get(page, f"Page {page}")
            files[f"{page}.rst"] = f"{title}\n{'=' * len(title)}\n\n" + "\n\n".join(blocks) + "\n"
        return files

    def write(self, srcdir: Path) -> None:
        files = self.files()
        for path in srcdir.glob("*.rst"):
            if path.name not in files:
                path.unlink()
        for name, text in files.items():
            path = srcdir / name
            if not path.exists() or path.read_text("utf-8") != text:
                path.write_text(text, "utf-8")

    def names(self) -> list[str]:
        return [*PACKAGED, *(t.name for t in self.terms)]

    def written(self) -> list[str]:
        """Every name the pages, the related lists and the glossary page's :terms: write."""
        names = [m for blocks in self.pages.values() for b in blocks for m in re.findall(r"`([^`]+)`", b)]
        names += [t.replaced_by for t in self.terms if t.replaced_by]
        names += [b.split(":: ", 1)[1].split("\n")[0] for blocks in self.pages.values() for b in blocks
                  if b.startswith(".. msp-term::")]
        return sorted({*names, *(r for t in self.terms for r in t.related), *self.glossary_terms})

    def taken(self, rng: random.Random) -> str:
        """A name for a new term or alias: often one already written, which it may take over."""
        return rng.choice(self.written()) if rng.random() < 0.6 else rng.choice(
            [*MISSING, f"Delta {rng.randint(0, 99)}", rng.choice(self.names()) + "s"])

    def spelling(self, rng: random.Random) -> str:
        """A name as a page may write it: a term's name, an alias, a plural, or no term's."""
        kind = rng.choice(["name", "name", "alias", "plural", "missing"])
        aliases = [alias for term in self.terms for alias in term.aliases]
        if kind == "alias" and aliases:
            return rng.choice(aliases)
        if kind == "plural":
            return rng.choice(self.names()) + "s"
        if kind == "missing":
            return rng.choice(MISSING)
        return rng.choice(self.names())


def initial(seed: int) -> Project:
    """The project a walk starts from; every other walk starts with the features that are off
    by default switched on."""
    features = {"term_pages": "used", "autolink": "page", "group_by": "category"} if seed % 2 == 0 else {}
    return Project(
        terms=[
            ProjectTerm("Alpha Service", "The first service. It is managed.", related=["Beta Process", "Runbook Plus"]),
            ProjectTerm("Beta Process", "A process.", id="beta", aliases=["Beta"]),
            ProjectTerm("Gamma Tool", "A tool.", related=["SLA", "MDRs"], category=OWN_CATEGORY),
        ],
        pages={
            "one": [":term-ref:`Alpha Service` and :term-ref:`SLA`.", ".. msp-term:: Beta Process"],
            "two": [":term-ref:`Beta Process`.", ".. msp-term:: SLA", ":term-ref:`Gamma Tools`.",
                    "Prose about the Help Desk, and then the Gamma Tool and the Help Desk again."],
            "three": [":term-ref:`MDRs` and :term-ref:`Beta`.", ".. msp-term:: Alpha Service"],
        },
        **features,
    )


# -- the edits -------------------------------------------------------------------


def add_card(project: Project, rng: random.Random) -> str:
    page = rng.choice(list(project.pages))
    name = project.spelling(rng)
    options = rng.choice(["", "\n   :no-index:"])
    project.pages[page].insert(rng.randint(0, len(project.pages[page])), f".. msp-term:: {name}{options}")
    return f"add card {name!r}{' (no-index)' if options else ''} to {page}"


def remove_block(kind: str):
    def edit(project: Project, rng: random.Random) -> str | None:
        choices = [(p, i) for p, blocks in project.pages.items() for i, b in enumerate(blocks) if b.startswith(kind)]
        if not choices:
            return None
        page, index = rng.choice(choices)
        block = project.pages[page].pop(index)
        return f"remove {block!r} from {page}"

    return edit


def add_ref(project: Project, rng: random.Random) -> str:
    page = rng.choice(list(project.pages))
    name = project.spelling(rng)
    project.pages[page].insert(rng.randint(0, len(project.pages[page])), f":term-ref:`{name}` here.")
    return f"add a reference to {name!r} to {page}"


def rename_term(project: Project, rng: random.Random) -> str:
    term = rng.choice(project.terms)
    old = term.name
    project.renames += 1
    term.name = f"{old.split(' v')[0]} v{project.renames}"
    return f"rename {old!r} to {term.name!r} (id {term.id or 'from the name'})"


def redefine_term(project: Project, rng: random.Random) -> str:
    term = rng.choice(project.terms)
    term.definition = f"{term.name}, defined again ({rng.randint(0, 999)})."
    return f"redefine {term.name!r}"


def add_term(project: Project, rng: random.Random) -> str:
    # a name no term has yet, or the plural of one: it takes over that plural
    name = project.taken(rng)
    if name in project.names():
        name += " Two"
    project.terms.append(ProjectTerm(name, "Added.", related=[project.spelling(rng)]))
    return f"add term {name!r}"


def override_term(project: Project, rng: random.Random) -> str | None:
    name = rng.choice(PACKAGED)
    if name in (t.name for t in project.terms):
        return None
    project.terms.append(ProjectTerm(name, f"Our own {name}.", aliases=[f"Our {name}"]))
    return f"override packaged {name!r}"


def add_alias(project: Project, rng: random.Random) -> str:
    term = rng.choice(project.terms)
    # a new name, a plural of a term (taken over), a name no term has yet, or another term's
    # name (a clash: ignored, with a warning)
    alias = rng.choice([project.taken(rng), f"Epsilon {rng.randint(0, 99)}", rng.choice(project.names())])
    if alias in term.aliases or alias == term.name:
        return f"nothing: {alias!r} is already a name of {term.name!r}"
    term.aliases.append(alias)
    return f"add alias {alias!r} to {term.name!r}"


def remove_name(key: str, what: str):
    """An edit that removes one name from a term's ``key`` list (aliases, related)."""

    def edit(project: Project, rng: random.Random) -> str | None:
        terms = [t for t in project.terms if getattr(t, key)]
        if not terms:
            return None
        term = rng.choice(terms)
        names = getattr(term, key)
        name = names.pop(rng.randrange(len(names)))
        return f"remove {what} {name!r} from {term.name!r}"

    return edit


def move_alias(project: Project, rng: random.Random) -> str | None:
    terms = [t for t in project.terms if t.aliases]
    if not terms or len(project.terms) < 2:
        return None
    source = rng.choice(terms)
    target = rng.choice([t for t in project.terms if t is not source])
    alias = source.aliases.pop(rng.randrange(len(source.aliases)))
    target.aliases.append(alias)
    return f"move alias {alias!r} from {source.name!r} to {target.name!r}"


def add_related(project: Project, rng: random.Random) -> str:
    term = rng.choice(project.terms)
    name = project.spelling(rng)
    term.related.append(name)
    return f"add related name {name!r} to {term.name!r}"


def toggle_exclude(project: Project, rng: random.Random) -> str:
    name = rng.choice(PACKAGED)
    if name in project.exclude:
        project.exclude.remove(name)
        return f"stop excluding {name!r}"
    project.exclude.append(name)
    return f"exclude packaged {name!r}"


def set_glossary_terms(project: Project, rng: random.Random) -> str:
    if project.glossary_terms and rng.random() < 0.5:
        project.glossary_terms = []
        return "glossary page without :terms:"
    project.glossary_terms = list(dict.fromkeys(project.spelling(rng) for _ in range(3)))
    return f"glossary page :terms: {', '.join(project.glossary_terms)}"


def remove_term(project: Project, rng: random.Random) -> str | None:
    if len(project.terms) < 2:
        return None
    term = project.terms.pop(rng.randrange(len(project.terms)))
    return f"remove term {term.name!r}"


def retitle_page(project: Project, rng: random.Random) -> str:
    page = rng.choice(list(project.pages))
    project.titles[page] = f"Page {page}, retitled {rng.randint(0, 99)}"
    return f"retitle {page}"


def toggle_used_only(project: Project, rng: random.Random) -> str:
    project.used_only = not project.used_only
    return f"glossary page :used-only: {'on' if project.used_only else 'off'}"


def add_page(project: Project, rng: random.Random) -> str:
    project.next_page += 1
    page = f"new{project.next_page}"
    project.pages[page] = [f":term-ref:`{project.spelling(rng)}`.", f".. msp-term:: {project.spelling(rng)}"]
    return f"add page {page}"


def delete_page(project: Project, rng: random.Random) -> str | None:
    if len(project.pages) < 2:
        return None
    page = rng.choice(list(project.pages))
    del project.pages[page]
    return f"delete page {page}"


def set_category(project: Project, rng: random.Random) -> str:
    term = rng.choice(project.terms)
    term.category = rng.choice(CATEGORIES)
    return f"category of {term.name!r}: {term.category or 'none'}"


def deprecate_term(project: Project, rng: random.Random) -> str:
    term = rng.choice(project.terms)
    kind = rng.choice(["deprecated", "replaced", "current"])
    term.deprecated, term.replaced_by = kind == "deprecated", project.spelling(rng) if kind == "replaced" else ""
    return f"{term.name!r}: {kind} {term.replaced_by!r}"


def add_prose(project: Project, rng: random.Random) -> str:
    """Plain text that mentions names: what autolinking links and expanding spells out."""
    page = rng.choice(list(project.pages))
    names = [project.spelling(rng) for _ in range(2)]
    block = f"Prose about the {names[0]}, and then the {names[1]} and the {names[0]} again."
    if rng.random() < 0.3:
        block = f"Part {rng.randint(0, 99)}\n{'-' * 8}\n\n{block}"
    project.pages[page].insert(rng.randint(0, len(project.pages[page])), block)
    return f"add prose mentioning {names!r} to {page}"


def choose(attribute: str, values: list) -> object:
    """An edit that sets a project-wide option to another of its values."""

    def edit(project: Project, rng: random.Random) -> str:
        value = rng.choice([v for v in values if v != getattr(project, attribute)])
        setattr(project, attribute, value)
        return f"{attribute} = {value!r}"

    return edit


EDITS = [add_card, remove_block(".. msp-term::"), add_ref, remove_block(":term-ref:"), rename_term,
         redefine_term, add_term, remove_term, retitle_page, toggle_used_only, add_page, delete_page,
         override_term, add_alias, remove_name("aliases", "alias"), move_alias, add_related,
         remove_name("related", "related name"), toggle_exclude, set_glossary_terms,
         set_category, deprecate_term, add_prose, add_prose, remove_block("Prose"), remove_block("Part"),
         choose("group_by", ["letter", "category"]), choose("deprecated", ["show", "hide", "only"]),
         choose("autolink", [False, "page", "section"]), choose("expand_first", [False, True]),
         choose("term_pages", [False, "used", True]),
         # the edits that change what names name, once more each
         add_term, add_term, add_alias, add_alias, add_related]


# -- the walk ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_random_walk_of_edits(builds, tmp_path, seed):
    rng = random.Random(seed)
    project = initial(seed)
    src = tmp_path / "src"
    src.mkdir()
    project.write(src)
    fresh_warnings = warnings_of(builds.build(src))
    steps: list[str] = []
    for step in range(STEPS):
        done = None
        while done is None:
            done = rng.choice(EDITS)(project, rng)
        steps.append(done)
        project.write(src)
        app = builds.build(src)
        incremental, incremental_warnings = contents(app.outdir), warnings_of(app)
        reread, checked = builds.read, builds.checked

        fresh_src = tmp_path / f"fresh-{step}"
        fresh_src.mkdir()
        project.write(fresh_src)
        fresh_app = builds.build(fresh_src)
        fresh, fresh_before, fresh_warnings = contents(fresh_app.outdir), fresh_warnings, warnings_of(fresh_app)
        shutil.rmtree(fresh_src)

        # a deleted page's old HTML stays in the output directory, as Sphinx leaves it (a term
        # page the build no longer has is deleted)
        incremental = {name: text for name, text in incremental.items()
                       if name in fresh or name.startswith("terms/")}
        history = "\n".join(f"  {i + 1}. {s}" for i, s in enumerate(steps))
        assert incremental.keys() == fresh.keys(), f"seed {seed}, after:\n{history}"
        for name in fresh:
            assert incremental[name] == fresh[name], f"{name} differs; seed {seed}, after:\n{history}"
        problems = warm_warning_problems(incremental_warnings, fresh_warnings, fresh_before, reread, checked)
        assert not problems, "\n".join(problems) + f"\nseed {seed}, after:\n{history}"
