"""What the tests share: reading built HTML and objects.inv, the warning stream, builds of
test-root copies, and the browser. Test modules import this module, never each other."""

from __future__ import annotations

import io
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


def build_copy(make_app, root: str, dest: Path, buildername: str = "html", **confoverrides):
    """A build of a copy of test root ``root`` at ``dest``, with ``confoverrides``."""
    app = make_app(buildername, srcdir=copy_root(root, dest), confoverrides=confoverrides)
    try:
        app.build()
    finally:
        app.cleanup()  # unregister nodes, so that the next app starts clean
    return app


def outputs(outdir: Path) -> dict[str, str]:
    """Every built page and the inventory, by path."""
    files = {p.relative_to(outdir).as_posix(): p for p in outdir.rglob("*.html")}
    files["objects.inv"] = outdir / "objects.inv"
    return {name: path.read_bytes().decode("latin-1") for name, path in sorted(files.items())}


class Builds:
    """Builds of copies of a test root, recording which documents each build read."""

    def __init__(self, make_app, tmp_path: Path) -> None:
        self.make_app = make_app
        self.tmp_path = tmp_path
        self.read: list[str] = []

    def build(self, srcdir: Path, parallel: int = 0, **kwargs):
        app = self.make_app("html", srcdir=srcdir, parallel=parallel, **kwargs)
        self.read = []
        app.connect("env-before-read-docs", lambda app, env, docnames: self.read.extend(docnames))
        try:
            app.build()
        finally:
            app.cleanup()  # unregister nodes, so that the next app starts clean
        return app

    def fresh(self, srcdir: Path, label: str) -> dict[str, str]:
        copy = self.tmp_path / f"fresh-{label}"
        shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
        return outputs(self.build(copy).outdir)

    def fresh_outdir(self, label: str) -> Path:
        return self.tmp_path / f"fresh-{label}" / "_build" / "html"


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
