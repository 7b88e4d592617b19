"""Incremental builds stay right under any sequence of edits.

A seeded random walk edits a small project (add or remove an ``msp-term`` card, add or
remove a ``:term-ref:``, rename, add, remove or redefine a term in the project glossary
file, retitle a page, turn the glossary page's ``:used-only:`` on or off, add a page,
delete a page and take it out of the toctree), builds incrementally
after each step, and compares the output with a fresh build of the same sources: the
main content of every page and objects.inv (``contents()`` of test_parallel_incremental).

By default two walks of 20 steps each run (about 25 s). For a longer walk, set
``MSP_FUZZ_EXAMPLES`` (the fuzzing switch of test_fuzz.py): each walk takes
MSP_FUZZ_EXAMPLES // 2 steps. ``MSP_WALK_SEED`` picks the seed of a single walk, to
replay one that failed (the failure message gives its seed and steps)::

    MSP_FUZZ_EXAMPLES=400 python -m pytest tests/test_incremental_walk.py
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import contents


pytestmark = pytest.mark.slow


STEPS = max(int(os.environ.get("MSP_FUZZ_EXAMPLES", "40")) // 2, 1)
SEEDS = [int(os.environ["MSP_WALK_SEED"])] if os.environ.get("MSP_WALK_SEED") else [1, 2]

PACKAGED = ["SLA", "MDR", "Help Desk", "RMM"]


@dataclass
class ProjectTerm:
    name: str
    definition: str
    id: str = ""  # explicit id, kept when the term is renamed
    related: list[str] = field(default_factory=list)


@dataclass
class Project:
    """The sources as data; ``write`` renders them, touching only the files that change."""

    terms: list[ProjectTerm]
    pages: dict[str, list[str]]  # page -> its blocks: ":term-ref:`X`" paragraphs, ".. msp-term:: X" cards
    renames: int = 0
    next_page: int = 0
    titles: dict[str, str] = field(default_factory=dict)
    used_only: bool = False

    def files(self) -> dict[str, str]:
        toml = []
        for term in self.terms:
            toml += ["[[term]]", f'name = "{term.name}"', f'definition = "{term.definition}"']
            if term.id:
                toml.append(f'id = "{term.id}"')
            if term.related:
                toml.append("related = [" + ", ".join(f'"{r}"' for r in term.related) + "]")
            toml.append("")
        files = {
            "conf.py": 'extensions = ["sphinx_msp_glossary"]\nmsp_glossary_files = ["terms.toml"]\n',
            "terms.toml": "\n".join(toml),
            "index.rst": "Walk\n====\n\n.. toctree::\n\n" + "".join(f"   {p}\n" for p in [*self.pages, "glossary"]),
            "glossary.rst": "Glossary\n========\n\n.. msp-glossary::\n" + ("   :used-only:\n" * self.used_only),
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


def initial() -> Project:
    return Project(
        terms=[
            ProjectTerm("Alpha Service", "The first service. It is managed.", related=["Beta Process"]),
            ProjectTerm("Beta Process", "A process.", id="beta"),
            ProjectTerm("Gamma Tool", "A tool.", related=["SLA"]),
        ],
        pages={
            "one": [":term-ref:`Alpha Service` and :term-ref:`SLA`.", ".. msp-term:: Beta Process"],
            "two": [":term-ref:`Beta Process`.", ".. msp-term:: SLA", ":term-ref:`Gamma Tool`."],
            "three": [":term-ref:`MDR`."],
        },
    )


# -- the edits -------------------------------------------------------------------


def add_card(project: Project, rng: random.Random) -> str:
    page = rng.choice(list(project.pages))
    name = rng.choice(project.names())
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
    name = rng.choice([*project.names(), "Nonexistent Term"])
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
    name = rng.choice(["Nonexistent Term", f"Delta {rng.randint(0, 99)}"])
    if name in project.names():
        name += " Two"
    project.terms.append(ProjectTerm(name, "Added.", related=[rng.choice(project.names())]))
    return f"add term {name!r}"


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
    project.pages[page] = [f":term-ref:`{rng.choice(project.names())}`.", f".. msp-term:: {rng.choice(project.names())}"]
    return f"add page {page}"


def delete_page(project: Project, rng: random.Random) -> str | None:
    if len(project.pages) < 2:
        return None
    page = rng.choice(list(project.pages))
    del project.pages[page]
    return f"delete page {page}"


EDITS = [add_card, remove_block(".. msp-term::"), add_ref, remove_block(":term-ref:"), rename_term,
         redefine_term, add_term, remove_term, retitle_page, toggle_used_only, add_page, delete_page]


# -- the walk ----------------------------------------------------------------------


def build(make_app, srcdir: Path) -> Path:
    app = make_app("html", srcdir=srcdir)
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_walk_of_edits(make_app, tmp_path, seed):
    rng = random.Random(seed)
    project = initial()
    src = tmp_path / "src"
    src.mkdir()
    project.write(src)
    build(make_app, src)
    steps: list[str] = []
    for step in range(STEPS):
        done = None
        while done is None:
            done = rng.choice(EDITS)(project, rng)
        steps.append(done)
        project.write(src)
        incremental = contents(build(make_app, src))

        fresh_src = tmp_path / f"fresh-{step}"
        fresh_src.mkdir()
        project.write(fresh_src)
        fresh = contents(build(make_app, fresh_src))
        shutil.rmtree(fresh_src)

        # a deleted page's old HTML stays in the output directory, as Sphinx leaves it
        incremental = {name: text for name, text in incremental.items() if name in fresh}
        history = "\n".join(f"  {i + 1}. {s}" for i, s in enumerate(steps))
        assert incremental.keys() == fresh.keys(), f"seed {seed}, after:\n{history}"
        for name in fresh:
            assert incremental[name] == fresh[name], f"{name} differs; seed {seed}, after:\n{history}"
