"""Other domains keep their references (docs/builders.rst, "Other domains").

tests/roots/test-other-domains: ``default_role = "any"``, a Python class ``Ticket`` and a
function ``escalate``, a C function, a section label, and backtick names that are also
packaged terms: Ticket (no card), Escalation and SLA (cards, on an orphan page), Help Desk
(no card, nothing else). The same project is built without the extension (and without the
page of cards): every link that is not ours, and every warning that is not about a name with
a card, must be the same.
"""

from __future__ import annotations

import re

from helpers import build_root, parse_html

PAGES = ("index.html", "api.html")
#: The names the project has cards for: only these may resolve differently.
CARDED = {"SLA", "Escalation"}


def build(make_app, tmp_path, label, **confoverrides):
    return build_root(make_app, "other-domains", tmp_path / label, confoverrides=confoverrides)


def other_links(outdir):
    """(page, text, href, classes of the link and of its first child) of each link in the
    pages' bodies that is not one of ours."""
    found = []
    for page in PAGES:
        body = parse_html(outdir / page).find(role="main")
        for link in body.find_all("a"):
            if "msp-term-ref" in link.classes or "headerlink" in link.classes:
                continue
            inner = next((c for c in link.children if not isinstance(c, str)), None)
            found.append((page, link.text, link.get("href"), link.get("class"), inner.get("class") if inner else None))
    return found


def warnings_of(app):
    lines = re.sub(r"\x1b\[[0-9;]*m", "", app._warning.getvalue()).splitlines()
    return [line.replace(str(app.srcdir), "") for line in lines if "WARNING" in line]


def test_any_and_default_role_resolve_as_without_the_extension(make_app, tmp_path):
    with_us = build(make_app, tmp_path, "with")
    without = build(make_app, tmp_path, "without", extensions=[], exclude_patterns=["cards.rst"])
    links = other_links(with_us.outdir)
    assert links == other_links(without.outdir)
    backticks = {text: (href, inner) for page, text, href, _, inner in links
                 if page == "index.html" and "xref any" in (inner or "")}
    assert backticks["Ticket"] == ("api.html#Ticket", "xref any py py-class docutils literal notranslate")
    assert backticks["escalate"] == ("api.html#escalate", "xref any py py-func docutils literal notranslate")
    assert backticks["open_ticket"] == ("api.html#c.open_ticket", "xref any c c-func docutils literal notranslate")
    # Sphinx's own warnings, word for word, but for the names that have a card here
    expected = [w for w in warnings_of(without) if not any(f"not found: {name}" in w for name in CARDED)]
    assert warnings_of(with_us) == expected
    assert any("not found: Help Desk" in w for w in expected)  # no card: as if we were not there


def test_names_with_a_card_link_to_it(make_app, tmp_path):
    app = build(make_app, tmp_path, "with")
    body = parse_html(app.outdir / "index.html").find(role="main")
    ours = {a.text: a.get("href") for a in body.find_all("a", class_="msp-term-ref")}
    assert ours == {"SLA": "cards.html#msp-term-sla", "Escalation": "cards.html#msp-term-escalation"}
