"""Checks on the packaged glossary data, sphinx_msp_glossary/data/msp-glossary.toml.

Standard library only, and the file is read by path (not through the package),
so these tests run whether or not the package is importable.

The seed (tests/data/msp-glossary-seed.txt, a byte-identical copy of the source
text) has 5 lines per term: name, expansion, definition, "Why it matters: ...",
"Related: a, b, c". A trailing line that is not a term is ignored.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TOML_PATH = ROOT / "sphinx_msp_glossary" / "data" / "msp-glossary.toml"
SEED_PATH = Path(__file__).parent / "data" / "msp-glossary-seed.txt"

KEYS = ["name", "expansion", "definition", "why", "related", "aliases", "category", "alias_glosses"]
CATEGORY_KEYS = ["name", "description"]
WHY = "Why it matters: "
RELATED = "Related: "


def norm(text: str) -> str:
    """Normalized form used for every name/alias/id comparison."""
    return " ".join(text.casefold().split())


def slug(name: str) -> str:
    """Derived id: lowercase, runs of non-alphanumerics -> '-', trimmed."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def parse_seed(text: str) -> list[dict]:
    lines = text.splitlines()
    terms = []
    i = 0
    while i + 4 < len(lines) and lines[i + 3].startswith(WHY):
        name, expansion, definition, why, related = lines[i : i + 5]
        assert related.startswith(RELATED), f"seed line {i + 5}: {related!r}"
        terms.append(
            {
                "name": name,
                "expansion": expansion,
                "definition": definition,
                "why": why[len(WHY) :],
                "related": related[len(RELATED) :].split(", "),
            }
        )
        i += 5
    rest = [line for line in lines[i:] if line.strip()]
    # At most one trailing non-term line (the "No terms match..." message).
    assert len(rest) <= 1, f"unparsed seed lines from line {i + 1}: {rest!r}"
    assert not any(line.startswith((WHY, RELATED)) for line in rest), rest
    return terms


@pytest.fixture(scope="module")
def seed_terms() -> list[dict]:
    return parse_seed(SEED_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def terms() -> list[dict]:
    with TOML_PATH.open("rb") as f:
        data = tomllib.load(f)
    assert set(data) == {"category", "term"}, f"unexpected top-level keys: {sorted(data)}"
    assert isinstance(data["term"], list)
    return data["term"]


@pytest.fixture(scope="module")
def categories() -> list[dict]:
    with TOML_PATH.open("rb") as f:
        return tomllib.load(f)["category"]


def test_seed_has_26_terms(seed_terms):
    assert len(seed_terms) == 26
    assert len({t["name"] for t in seed_terms}) == 26


def test_seed_terms_reproduced_word_for_word(seed_terms, terms):
    by_name = {t["name"]: t for t in terms}
    for seed in seed_terms:
        assert seed["name"] in by_name, f"seed term missing from TOML: {seed['name']!r}"
        term = by_name[seed["name"]]
        for key in ("name", "expansion", "definition", "why", "related"):
            assert term[key] == seed[key], f"{seed['name']!r}: field {key!r} differs"


def test_seed_terms_come_first_in_seed_order(seed_terms, terms):
    assert [t["name"] for t in terms[: len(seed_terms)]] == [
        t["name"] for t in seed_terms
    ]


def test_every_term_table_is_a_term(terms):
    headers = re.findall(r"^\[\[term\]\]$", TOML_PATH.read_text("utf-8"), re.MULTILINE)
    assert len(terms) == len(headers) > 26


def test_category_keys_and_types(categories, terms):
    assert categories
    for category in categories:
        assert list(category) == CATEGORY_KEYS, category
        assert all(isinstance(v, str) and v.strip() for v in category.values()), category
    declared = {c["name"] for c in categories}
    for term in terms:
        assert term.get("category") in declared, f"{term['name']!r}: category {term.get('category')!r}"


def test_keys_and_types(terms):
    for term in terms:
        keys = list(term)
        assert keys == [k for k in KEYS if k in term], f"{term.get('name')!r}: key order {keys}"
        assert "name" in term
        assert "id" not in term, f"{term['name']!r}: ids are derived, not stored"
        for key in ("name", "expansion", "definition", "why"):
            assert isinstance(term.get(key, ""), str), (term["name"], key)
        for key in ("related", "aliases"):
            value = term.get(key, [])
            assert isinstance(value, list), (term["name"], key)
            assert all(isinstance(v, str) for v in value), (term["name"], key)


def test_required_fields_not_empty(terms):
    for term in terms:
        name = term.get("name", "")
        assert name.strip(), f"term with empty name: {term!r}"
        for key in ("expansion", "definition", "why"):
            assert term.get(key, "").strip(), f"{name!r}: empty {key!r}"
        related = term.get("related", [])
        assert related, f"{name!r}: empty related list"
        assert all(r.strip() for r in related), f"{name!r}: blank related entry"
        assert all(a.strip() for a in term.get("aliases", [])), f"{name!r}: blank alias"


def test_related_names_resolve(terms):
    known = set()
    for term in terms:
        known.add(norm(term["name"]))
        known.update(norm(a) for a in term.get("aliases", []))
    for term in terms:
        for rel in term.get("related", []):
            assert norm(rel) in known, f"{term['name']!r}: related {rel!r} resolves to no term"


def test_no_name_id_or_alias_shared_between_terms(terms):
    owner: dict[str, str] = {}  # normalized key -> owning term's name
    slug_owner: dict[str, str] = {}  # slug of any name/alias -> owning term

    def claim(table, key, name, what):
        other = table.setdefault(key, name)
        assert other == name, f"{what} {key!r} of {name!r} is already used by {other!r}"

    for term in terms:
        name = term["name"]
        term_id = slug(name)
        assert term_id, f"{name!r}: empty derived id"
        own = {norm(name), term_id}
        claim(owner, norm(name), name, "name")
        if term_id != norm(name):
            claim(owner, term_id, name, "id")
        aliases = [norm(a) for a in term.get("aliases", [])]
        assert len(aliases) == len(set(aliases)), f"{name!r}: duplicate alias"
        for alias in aliases:
            assert alias not in own, f"{name!r}: alias {alias!r} repeats its own name or id"
            claim(owner, alias, name, "alias")
        for label in [name, *term.get("aliases", [])]:
            claim(slug_owner, slug(label), name, "slug of")


def test_ids_are_slugs(terms):
    assert slug("Tier 1/2/3 Support") == "tier-1-2-3-support"
    assert slug("All-You-Can-Eat") == "all-you-can-eat"
    assert slug("  Co-managed IT ") == "co-managed-it"
    ids = [slug(t["name"]) for t in terms]
    for term_id in ids:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", term_id), term_id
    assert len(ids) == len(set(ids))
    assert "tier-1-2-3-support" in ids
    assert "msp" in ids


def test_tier_alias_resolves_to_tier_support(terms):
    by_name = {t["name"]: t for t in terms}
    assert "Tier 1/2/3" in by_name["Tier 1/2/3 Support"]["aliases"]
