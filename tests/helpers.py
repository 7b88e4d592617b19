"""What the tests share: reading built HTML and objects.inv, the warning stream, builds of
test-root copies, and the browser. Test modules import this module, never each other."""

from __future__ import annotations

import io
import json
import os
import posixpath
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sphinx.util.inventory import InventoryFile

ROOTS = Path(__file__).parent / "roots"


# -- built HTML ----------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text for c in self.children)

    def iter(self):
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> list[Element]:
        found = []
        for el in self.iter():
            if tag and el.tag != tag:
                continue
            if class_ and class_ not in el.classes:
                continue
            if any(el.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            found.append(el)
        return found

    def find(self, tag: str | None = None, class_: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, class_, **attrs)
        return found[0] if found else None

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        el = Element(tag, dict(attrs), self.current)
        self.current.children.append(el)
        if tag not in VOID:
            self.current = el

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse_html(source: str | Path) -> Element:
    text = source.read_text("utf-8") if isinstance(source, Path) else source
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root


TIPS_PREFIX = "self.mspGlossaryTips="


def file_tips(outdir: Path) -> dict[str, dict[str, str]]:
    """An HTML build's tooltip file as the page script reads it: ``a`` (card anchor -> text)
    and ``t`` (term id -> text)."""
    text = (outdir / "_static" / "msp-glossary-tips.js").read_text("utf-8")
    return json.loads(text[text.index(TIPS_PREFIX) + len(TIPS_PREFIX):].strip().rstrip(";"))


def tooltip(element: Element, tips: dict[str, dict[str, str]]) -> str | None:
    """The tooltip the page script shows for a reference: its title, else the tooltip file's
    text for the term it names (``data-msp-term``) or for the card its link leads to."""
    if element.get("title") is not None:
        return element.get("title")
    if element.get("data-msp-term"):
        return tips["t"].get(element.get("data-msp-term"))
    href = element.get("href") or ""
    return tips["a"].get(href.rpartition("#")[2]) if "#" in href else None


def in_card(element) -> bool:
    """Whether an element stands inside a term card."""
    while element is not None:
        if "msp-term-card" in element.classes:
            return True
        element = element.parent
    return False


def normalize_space(text: str) -> str:
    return " ".join(text.split())


# -- objects.inv ---------------------------------------------------------------


def msp_terms(data: bytes, uri: str) -> dict[str, str]:
    """name -> URI of every ``msp:term`` object, as intersphinx would read them."""
    if hasattr(InventoryFile, "loads"):  # Sphinx 8.2 and later
        inventory = InventoryFile.loads(data, uri=uri)
        return {name: item.uri for name, item in inventory.data.get("msp:term", {}).items()}
    inventory = InventoryFile.load(io.BytesIO(data), uri, posixpath.join)
    return {name: entry[2] for name, entry in inventory.get("msp:term", {}).items()}


# -- the warning stream ----------------------------------------------------------

#: ``file:line``, or ``command line: -D name`` for a setting given with -D
WARNING_LINE = re.compile(
    r"^(?:(?P<file>\S+?):(?P<line>\d+)|(?P<command>command line): -D \S+): WARNING: "
    r"(?P<message>.*) \[msp_glossary\.(?P<subtype>[\w-]+)\]$"
)


def msp_warnings(stream: str) -> list[tuple[str, int, str, str]]:
    """(file name, line, subtype, message) of every msp_glossary warning."""
    found = []
    for line in stream.splitlines():
        line = re.sub(r"\x1b\[[0-9;]*m", "", line)
        match = WARNING_LINE.match(line)
        if match:
            if match["command"]:
                found.append((match["command"], 0, match["subtype"], match["message"]))
            else:
                found.append((Path(match["file"]).name, int(match["line"]), match["subtype"], match["message"]))
        else:
            assert "msp_glossary" not in line, f"unlocated or malformed warning: {line}"
    return found


# -- builds of copies of a test root -----------------------------------------------


def copy_root(name: str, dest: Path) -> Path:
    shutil.copytree(ROOTS / f"test-{name}", dest)
    return dest


def build_root(make_app, name: str, dest: Path, builder: str = "html", **kwargs):
    """A build of a copy of test root ``name`` at ``dest``, its nodes unregistered after."""
    app = make_app(builder, srcdir=copy_root(name, dest), **kwargs)
    try:
        app.build()
    finally:
        app.cleanup()
    return app


def outputs(outdir: Path) -> dict[str, str]:
    """Every built page, the inventory and the tooltip file, by path."""
    files = {p.relative_to(outdir).as_posix(): p for p in outdir.rglob("*.html")}
    files["objects.inv"] = outdir / "objects.inv"
    if (outdir / "_static" / "msp-glossary-tips.js").is_file():
        files["_static/msp-glossary-tips.js"] = outdir / "_static" / "msp-glossary-tips.js"
    return {name: path.read_bytes().decode("latin-1") for name, path in sorted(files.items())}


class Builds:
    """Builds of copies of a test root, recording which documents each build read."""

    def __init__(self, make_app, tmp_path: Path) -> None:
        self.make_app = make_app
        self.tmp_path = tmp_path
        self.read: list[str] = []
        self.checked = False  # whether the last build checked consistency (it had something to do)

    def build(self, srcdir: Path, parallel: int = 0, **kwargs):
        app = self.make_app("html", srcdir=srcdir, parallel=parallel, **kwargs)
        self.read = []
        self.checked = False
        app.connect("env-before-read-docs", lambda app, env, docnames: self.read.extend(docnames))
        app.connect("env-check-consistency", lambda app, env: setattr(self, "checked", True))
        try:
            app.build()
        finally:
            app.cleanup()  # unregister nodes, so that the next app starts clean
        return app

    def fresh(self, srcdir: Path, label: str, **kwargs) -> dict[str, str]:
        copy = self.tmp_path / f"fresh-{label}"
        shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
        return outputs(self.build(copy, **kwargs).outdir)

    def fresh_outdir(self, label: str) -> Path:
        return self.tmp_path / f"fresh-{label}" / "_build" / "html"

    def fresh_app(self, srcdir: Path, label: str):
        """A fresh build of a copy of ``srcdir``; ``read`` and ``checked`` are left as they were."""
        read, checked = self.read, self.checked
        copy = self.tmp_path / f"fresh-{label}"
        shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
        try:
            return self.build(copy)
        finally:
            self.read, self.checked = read, checked


def warnings_of(app) -> str:
    """The warning stream of a build, its source folder written as ``SRC``: so that builds
    of copies of a project compare equal."""
    return app._warning.getvalue().replace(str(app.srcdir), "SRC")


def by_file(stream: str) -> dict[str, list[tuple[int, str, str]]]:
    """The msp_glossary warnings of a build, by file name, sorted."""
    found: dict[str, list[tuple[int, str, str]]] = {}
    for name, line, subtype, message in msp_warnings(stream):
        found.setdefault(name, []).append((line, subtype, message))
    return {name: sorted(warnings) for name, warnings in found.items()}


#: Subtypes of the checks across pages, which Sphinx runs only in a build that re-read or
#: rewrote some page (env-check-consistency).
ACROSS_PAGES = {"duplicate", "no-card", "unused", "unlinked"}


def warm_warning_problems(warm: str, fresh: str, fresh_before: str, reread: list[str],
                          checked: bool = True) -> list[str]:
    """How the warnings of an incremental build fall short of a fresh build's (none: they agree).

    A warm build warns again about the pages it re-reads, and, if it ``checked`` consistency
    (it re-read or rewrote any page), about what is checked across pages (or if
    msp_glossary_fail_on asks for those statuses, in every build). So a re-read page
    warns as in a fresh build; any other file may leave out warnings that a fresh build gave
    before the edit too (a new one means the warm build should have re-read a page)."""
    warm_w, fresh_w, before_w = by_file(warm), by_file(fresh), by_file(fresh_before)
    if not checked:  # the checks across pages may or may not have run (msp_glossary_fail_on)
        fresh_w = {name: [w for w in ws if w[1] not in ACROSS_PAGES or w in warm_w.get(name, [])]
                   for name, ws in fresh_w.items()}
    pages = {f"{docname}.rst" for docname in reread}
    problems = []
    for name in sorted(warm_w.keys() | fresh_w.keys() | before_w.keys()):
        ours, theirs = warm_w.get(name, []), fresh_w.get(name, [])
        if ours == theirs:
            continue
        missing = set(theirs) - set(ours)
        if name not in pages and set(ours) <= set(theirs) and missing <= set(before_w.get(name, [])):
            continue
        problems.append(f"{name}{'' if name in pages else ' (not re-read)'}: warm build warns {ours}, "
                        f"fresh build {theirs}, fresh build before the edit {before_w.get(name, [])}")
    return problems


def contents(outdir: Path) -> dict[str, str]:
    """The main content of every page and the inventory. (Sphinx itself leaves the
    prev/next links of a deleted page's neighbours as they were; that is not ours.)"""
    result = {}
    for name, text in outputs(outdir).items():
        if name.endswith(".html") and 'role="main">' in text:
            text = text.split('role="main">', 1)[1].split('<div class="sphinxsidebar"', 1)[0]
        result[name] = text
    return result


# -- the browser: Debian's Chromium driven by Playwright ---------------------------
# In CI (the CI environment variable set), a missing Playwright or Chromium fails the test;
# elsewhere it skips, so that a contributor without a browser can still run the rest.

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def playwright_api():
    """playwright.sync_api, or a failure in CI."""
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright for Python is not installed (pip install -e '.[test]')")
    return sync_api


def find_chromium() -> str:
    """The Chromium to drive: $MSP_CHROMIUM, else ``chromium`` on PATH."""
    path = os.environ.get("MSP_CHROMIUM") or shutil.which("chromium")
    if path and Path(path).is_file():
        return path
    missing("Chromium not found: set MSP_CHROMIUM or put chromium on PATH (apt-get install chromium)")


def launch() -> Iterator:
    """A browser for a module-scoped fixture."""
    sync_api = playwright_api()
    executable = find_chromium()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# -- colours, as WCAG measures them ---------------------------------------------


def parse_color(value: str) -> tuple[float, float, float, float]:
    match = re.fullmatch(r"rgba?\(([^)]*)\)", value.strip())
    if match:
        parts = [float(p) for p in re.split(r"[\s,/]+", match[1].strip()) if p]
        return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)  # type: ignore[return-value]
    match = re.fullmatch(r"color\(srgb ([^)]*)\)", value.strip())  # what color-mix() computes to
    assert match, f"unexpected colour format {value!r}"
    parts = [float(p) for p in re.split(r"[\s/]+", match[1].strip()) if p]
    return (*(255 * p for p in parts[:3]), parts[3] if len(parts) > 3 else 1.0)  # type: ignore[return-value]


def over(top: tuple[float, ...], bottom: tuple[float, ...]) -> tuple[float, float, float, float]:
    """``top`` composited over an opaque ``bottom``."""
    alpha = top[3]
    return (*(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom[:3])), 1.0)  # type: ignore[return-value]


def luminance(color: tuple[float, ...]) -> float:
    """WCAG 2 relative luminance."""

    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in color[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    lighter, darker = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
