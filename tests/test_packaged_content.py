"""Content review of the packaged glossary, done mechanically.

The packaged file (sphinx_msp_glossary/data/msp-glossary.toml) is meant to be adopted
as is: enough terms, every one in a declared category, related lists that resolve and
connect the terms to one another, and definitions in one plain, vendor-neutral voice.
The first 26 terms are the seed, reproduced word for word (tests/test_data.py); where
seed text breaks a rule here it cannot be changed, so it is listed as an exception by
name, with the reason, and the test fails if an exception is no longer needed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from sphinx_msp_glossary.layers import merge_layers, packaged_file
from sphinx_msp_glossary.terms import normalize, plural_stems

SEED_PATH = Path(__file__).parent / "data" / "msp-glossary-seed.txt"
TOML_PATH = Path(__file__).parent.parent / "sphinx_msp_glossary" / "data" / "msp-glossary.toml"

MIN_TERMS = 100
CATEGORY_COUNT = range(6, 13)  # 6 to 12 declared categories
MIN_TERMS_PER_CATEGORY = 5
RELATED_COUNT = range(2, 7)  # 2 to 6 related names
DEFINITION_LENGTH = range(120, 601)
WHY_LENGTH = range(80, 501)

#: Seed terms whose related list (seed text) has fewer than 2 names.
SEED_SHORT_RELATED = {"Co-managed IT", "Break-fix", "Offboarding", "Per-Device Pricing"}

#: Terms no other term lists as related (at most a tenth of the terms). None at present.
ORPHANS: set[str] = set()

#: Acronym terms whose expansion cannot be an alias: "System and Organization Controls 2"
#: (words, then a number) would read back from objects.inv as a shorter name, so the loader
#: rejects it as a name or alias.
EXPANSION_NOT_ALIAS = {"SOC 2"}

#: Acronym terms with no plural alias: readers use them as mass nouns, as modifiers
#: ("RMM platform") or as the name of one law, standard or metric, not in the plural.
NO_PLURAL = {
    # kinds of software or service, used as modifiers
    "RMM", "PSA", "SIEM", "MDR", "EDR", "XDR", "DRaaS", "MDM",
    # practices and approaches
    "ITIL", "MFA", "SSO", "PAM", "DLP", "SASE", "BCDR", "BYOD",
    # metrics
    "MTTR", "MTBF",
    # one law, regulation, standard or audit each
    "HIPAA", "PCI DSS", "SOC 2", "CMMC", "NIST CSF", "GDPR",
}

#: Abbreviations every business reader knows, allowed in text without being a term.
#: "IT" is in the seed's own text throughout; a term named "IT" (or "AI", "HR") would be a
#: card nobody needs, and with msp_glossary_check_unlinked it would flag almost every page
#: of an MSP's documentation.
COMMON_ABBREVIATIONS = {"IT", "AI", "HR"}

#: (seed term, field, check) for seed text that fails a voice check. Seed text cannot change.
SEED_VOICE_EXCEPTIONS = {
    # quotes a provider's own words: "we'll respond when we can"
    ("SLA", "why", "first person"),
    # quotes an employee: "we didn't know we couldn't do that"
    ("AUP", "why", "first person"),
    # opens with a quoted question: "Did you put in a ticket?"
    ("Ticket", "why", "capital"),
    # ends with a quotation, the full stop inside it: ... flat fee."
    ("All-You-Can-Eat", "definition", "full stop"),
    # "POS" (point of sale) is not a term
    ("Per-Device Pricing", "why", "acronym"),
}

FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)
#: An all-caps token of 2+ characters with at least one letter ("SOC", "M365", "2FA"), and
#: an "s" after it for a plural ("SLAs").
CAPS_TOKEN = re.compile(r"(?<!\w)([A-Z0-9]*[A-Z][A-Z0-9]*)(s?)(?!\w)")


def seed_names() -> list[str]:
    """The seed's term names: each term is 5 lines, the fourth "Why it matters: ..."."""
    lines = SEED_PATH.read_text("utf-8").splitlines()
    return [lines[i] for i in range(0, len(lines) - 4, 5) if lines[i + 3].startswith("Why it matters: ")]


@pytest.fixture(scope="module")
def parsed():
    return packaged_file()


@pytest.fixture(scope="module")
def terms(parsed):
    return parsed.terms


@pytest.fixture(scope="module")
def owners(terms) -> dict[str, str]:
    """Normalized name or alias -> name of the term it belongs to (first claim wins)."""
    table: dict[str, str] = {}
    for term in terms:
        table.setdefault(normalize(term.name), term.name)
    for term in terms:
        for alias in term.aliases:
            table.setdefault(normalize(alias), term.name)
    return table


def is_acronym(name: str) -> bool:
    """'SLA', 'vCIO', 'DRaaS', 'PCI DSS', 'SOC 2': at least two capitals, at least half the letters."""
    letters = [c for c in name if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return capitals >= 2 and 2 * capitals >= len(letters)


# -- size and categories -------------------------------------------------------


def test_loading_the_packaged_file_gives_no_problems(parsed):
    assert parsed.problems == []
    glossary = merge_layers([])
    assert glossary.problems == []
    assert glossary.related_problems() == []
    assert len(glossary) == len(parsed.terms)


def test_at_least_100_terms(terms):
    assert len(terms) >= MIN_TERMS, f"{len(terms)} terms"


def test_seed_terms_come_first(terms):
    seed = seed_names()
    assert len(seed) == 26
    assert [t.name for t in terms[: len(seed)]] == seed


def test_categories_are_declared_before_the_terms():
    headers = re.findall(r"^\[\[(category|term)\]\]", TOML_PATH.read_text("utf-8"), re.MULTILINE)
    assert "category" in headers
    assert headers == sorted(headers), "a [[category]] table after the first [[term]]"


def test_categories_declared_with_one_sentence_each(parsed):
    names = [c.name for c in parsed.categories]
    assert len(names) in CATEGORY_COUNT, f"{len(names)} categories"
    assert len({normalize(n) for n in names}) == len(names)
    for category in parsed.categories:
        description = category.description
        assert description, f"category {category.name!r}: no description"
        assert description[0].isupper() and description.endswith("."), category.name
        assert not re.search(r"[.!?]\s+[A-Z]", description), f"{category.name!r}: more than one sentence"


def test_every_term_in_a_declared_category(parsed):
    declared = {c.name for c in parsed.categories}
    for term in parsed.terms:
        assert term.category, f"{term.name!r}: no category"
        assert term.category in declared, f"{term.name!r}: undeclared category {term.category!r}"


def test_every_category_has_enough_terms(parsed):
    counts = Counter(term.category for term in parsed.terms)
    for category in parsed.categories:
        assert counts[category.name] >= MIN_TERMS_PER_CATEGORY, (category.name, counts[category.name])


# -- closed and connected ------------------------------------------------------


def test_related_names_resolve_by_name_or_alias(terms, owners):
    for term in terms:
        for name in term.related:
            assert normalize(name) in owners, f"{term.name!r}: related {name!r} is no term's name or alias"
            assert owners[normalize(name)] != term.name, f"{term.name!r}: related to itself"
        targets = [owners.get(normalize(name)) for name in term.related]
        assert len(targets) == len(set(targets)), f"{term.name!r}: a term is related twice"


def test_related_lists_have_2_to_6_names(terms):
    seed = set(seed_names())
    assert SEED_SHORT_RELATED <= seed
    short = set()
    for term in terms:
        count = len(term.related)
        assert count <= max(RELATED_COUNT), f"{term.name!r}: {count} related names"
        if count < min(RELATED_COUNT):
            short.add(term.name)
    # only seed terms, and only those whose seed text lists fewer; none left that is not short
    assert short == SEED_SHORT_RELATED


def test_every_term_is_related_to_from_another(terms, owners):
    linked = {owners[normalize(name)] for term in terms for name in term.related}
    orphans = {term.name for term in terms} - linked
    assert len(ORPHANS) <= len(terms) // 10
    assert orphans == ORPHANS


def test_acronyms_have_their_expansion_as_an_alias(terms):
    acronyms = [term for term in terms if is_acronym(term.name)]
    assert len(acronyms) >= 30  # the rule itself finds them: SLA, vCIO, DRaaS, PCI DSS, ...
    assert EXPANSION_NOT_ALIAS <= {t.name for t in acronyms}
    for term in acronyms:
        aliases = {normalize(a) for a in term.aliases}
        has_it = bool(term.expansion) and normalize(term.expansion) in aliases
        assert has_it != (term.name in EXPANSION_NOT_ALIAS), (
            f"{term.name!r}: expansion {term.expansion!r} " + ("is an alias: drop the exception" if has_it
                                                             else "is not among its aliases")
        )


def test_acronyms_have_a_plural_alias_or_take_none(terms):
    acronyms = {term.name: term for term in terms if is_acronym(term.name)}
    assert NO_PLURAL <= set(acronyms)
    for name, term in acronyms.items():
        plural = normalize(name + "s") in {normalize(a) for a in term.aliases}
        assert plural != (name in NO_PLURAL), (
            f"{name!r}: " + ("has a plural alias: drop it from NO_PLURAL" if plural else "no plural alias")
        )


def test_no_alias_is_another_terms_name_or_alias(terms):
    claimed: dict[str, str] = {}
    for term in terms:
        for label in (term.name, *term.aliases):
            key = normalize(label)
            other = claimed.setdefault(key, term.name)
            assert other == term.name, f"{label!r} of {term.name!r} is already {other!r}'s"


def test_no_name_or_alias_reads_as_a_plural_of_another_term(terms, owners):
    """Lookup tries singular stems ('slas' -> 'sla'): none may lead to a different term."""
    for term in terms:
        for label in (term.name, *term.aliases):
            for stem in plural_stems(normalize(label)):
                other = owners.get(stem)
                assert other in (None, term.name), f"{label!r} of {term.name!r} reads as a plural of {other!r}"


def test_no_expansion_is_another_terms_name_or_alias(terms, owners):
    for term in terms:
        other = owners.get(normalize(term.expansion))
        assert other in (None, term.name), f"{term.name!r}: expansion is {other!r}'s name or alias"


def test_every_name_and_alias_looks_up_its_own_term(terms):
    glossary = merge_layers([])
    for term in terms:
        for label in (term.name, *term.aliases):
            found = glossary.lookup(label)
            assert found is not None and found.id == term.id, (term.name, label)


# -- voice ---------------------------------------------------------------------


def voice_failures(terms, owners) -> set[tuple[str, str, str]]:
    """(term, field, check) for each check a definition or why fails."""
    masks = sorted((label for label in owners if " " in label), key=len, reverse=True)
    mask = re.compile("|".join(rf"(?<!\w){re.escape(m)}(?!\w)" for m in masks), re.IGNORECASE)
    failures = set()
    for term in terms:
        for field, lengths in (("definition", DEFINITION_LENGTH), ("why", WHY_LENGTH)):
            text = getattr(term, field)

            def fail(check, text=text, field=field):
                failures.add((term.name, field, check))

            if len(text) not in lengths:
                fail("length")
            if not text[:1].isupper() and not text[:1].isdigit():
                fail("capital")
            if not text.endswith("."):
                fail("full stop")
            if FIRST_PERSON.search(text):
                fail("first person")
            for match in CAPS_TOKEN.finditer(mask.sub(" ", text)):
                word, plural = match.groups()
                if len(word) < 2 or word in COMMON_ABBREVIATIONS:
                    continue
                if normalize(word + plural) not in owners and normalize(word) not in owners:
                    fail("acronym")
    return failures


def test_voice(terms, owners):
    failures = voice_failures(terms, owners)
    assert failures - SEED_VOICE_EXCEPTIONS == set()


def test_voice_exceptions_are_seed_text_and_still_needed(terms, owners):
    assert {name for name, _, _ in SEED_VOICE_EXCEPTIONS} <= set(seed_names())
    assert SEED_VOICE_EXCEPTIONS - voice_failures(terms, owners) == set()


def test_voice_checks_catch_what_they_should(owners):
    """The checks themselves, on made-up terms (so that a check that never fires is noticed)."""

    class Fake:
        def __init__(self, name, definition, why):
            self.name, self.definition, self.why = name, definition, why

    ok_definition = "A made-up term with a definition long enough to pass the length check, " * 2
    ok_definition = ok_definition.strip()[:-1] + "."
    ok_why = "Why this made-up term matters, in a sentence long enough to pass the check."
    ok_why = ok_why + " " + ok_why
    cases = {
        "length": ("Too short.", ok_why),
        "capital": ("a" + ok_definition[1:], ok_why),
        "full stop": (ok_definition[:-1], ok_why),
        "first person": (ok_definition[:-1] + " for our clients.", ok_why),
        "acronym": (ok_definition[:-1] + " by the XYZ.", ok_why),
    }
    for check, (definition, why) in cases.items():
        found = voice_failures([Fake("Fake", definition, why)], owners)
        assert found == {("Fake", "definition", check)}, (check, found)
    # known names and aliases, plurals of them, and multi-word names are not unexplained
    text = ok_definition[:-1] + " with SLAs, an MSP, M365, 2FA, PCI DSS, SOC 2 and IT."
    assert voice_failures([Fake("Fake", text, ok_why)], owners) == set()
