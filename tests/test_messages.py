"""Every message points at the cause: rejected data, a file that did not parse, an excluded
term, suggestions among names and aliases, unknown keys and settings, and their locations."""

from __future__ import annotations

import pytest

from helpers import msp_warnings


def located(app, warning) -> list[tuple[str, int, str, str]]:
    """The warnings, with the source folder left out of the messages."""
    return msp_warnings(warning.getvalue().replace(f"{app.srcdir}/", ""))


@pytest.mark.sphinx("html", testroot="messages")
def test_each_reference_names_the_cause(app, warning):
    app.build()
    found = located(app, warning)
    vault = "contoso.toml:9: field 'defintion': unknown key (did you mean 'definition'?); without 'definition' the term is not loaded"
    review = "contoso.toml:14: field 'definition': must be a string, not int"
    broken = "broken.toml:3: the file is not valid TOML (unterminated string: the closing quote is missing)"
    assert [w for w in found if w[2] == "unknown"] == [
        ("index.rst", 4, "unknown", f"term 'Vault' was not loaded: {vault}"),
        ("index.rst", 4, "unknown", f"term 'Contoso Review' was not loaded: {review}"),
        ("index.rst", 6, "unknown", f"'Yearly Review' names term 'Contoso Review', which was not loaded: {review}"),
        ("index.rst", 6, "unknown", f"term 'Site Survey' was not loaded: {broken}"),
        ("index.rst", 6, "unknown", f"'Cabling Plans' names term 'Cabling Plan', which was not loaded: {broken}"),
        ("index.rst", 8, "unknown", "term 'Break-fix' was excluded by msp_glossary_exclude (conf.py:3)"),
        ("index.rst", 8, "unknown", "unknown term 'Teir 2' (did you mean 'Tier 2'?)"),
        ("index.rst", 8, "unknown", "unknown term 'Portl' (did you mean 'Portal'?)"),
    ]
    assert [w for w in found if w[2] == "related"] == [
        ("contoso.toml", 5, "related", f"term 'Client Portal': related name 'Vault': term 'Vault' was not loaded: {vault}"),
        ("contoso.toml", 5, "related",
         f"term 'Client Portal': related name 'Site Survey': term 'Site Survey' was not loaded: {broken}"),
    ]


@pytest.mark.sphinx("html", testroot="messages")
def test_one_data_message_per_mistake_at_its_field(app, warning):
    app.build()
    assert [w for w in located(app, warning) if w[2] == "data"] == [
        ("contoso.toml", 9, "data", "term 'Vault': field 'defintion': unknown key (did you mean 'definition'?); "
                                    "without 'definition' the term is not loaded"),
        ("contoso.toml", 14, "data", "term 'Contoso Review': field 'definition': must be a string, not int"),
        ("broken.toml", 3, "data", "TOML syntax error at line 3, column 69: unterminated string: the closing "
                                   "quote is missing; the file is not loaded (2 terms)"),
        ("contoso.toml", 4, "data", "term 'Client Portal': field 'aliases': 'Ticket' is already the name of term "
                                    "'Ticket' (the packaged glossary, line 156); it is ignored for 'Client Portal'"),
    ]


@pytest.mark.sphinx("html", testroot="config-names")
def test_misspelled_settings_and_statuses_suggest_the_real_one(app, warning):
    app.build()
    assert located(app, warning) == [
        ("conf.py", 3, "config", "msp_glossary_fail_on: unknown status 'no_card' (did you mean 'no-card'?); it is "
         "ignored (known: unknown, related, duplicate, no-card, unused, unlinked, deprecated, override, ok)"),
        ("conf.py", 4, "config", "unknown setting 'msp_glossary_tooltip' (did you mean 'msp_glossary_tooltips'?); "
         "it has no effect"),
        ("conf.py", 2, "config", "msp_glossary_exclude names 'Brake-fix', which is not a packaged term "
         "(did you mean 'Break-fix'?)"),
    ]


@pytest.mark.sphinx("html", testroot="unlinked-scope")
def test_first_unlinked_mention_per_page_and_unlinked_on_purpose(app, warning):
    app.build()
    # "first": one mention of RMM per page; `!MDR` is unlinked on purpose, and the bare MDR
    # after it on the same page is the first real unlinked mention of MDR
    assert located(app, warning) == [
        ("index.rst", 4, "unlinked", "RMM: write :term-ref:`RMM` to link it"),
        ("index.rst", 7, "unlinked", "MDR: write :term-ref:`MDR` to link it"),
        ("other.rst", 4, "unlinked", "RMM: write :term-ref:`RMM` to link it"),
    ]


@pytest.mark.sphinx("html", testroot="config-names", confoverrides={"msp_glossary_backlink": False})
def test_misspelled_setting_given_with_d_suggests_the_real_one(app, warning):
    app.build()
    # Sphinx says it ignores the name, and no more; ours names the setting meant
    ours = "\n".join(line for line in warning.getvalue().splitlines() if "in override, ignoring" not in line)
    assert ("command line", 0, "config", "unknown setting 'msp_glossary_backlink' (did you mean "
            "'msp_glossary_backlinks'?); it has no effect") in msp_warnings(ours)
