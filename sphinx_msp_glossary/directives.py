"""The ``msp-term`` and ``msp-glossary`` directives."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .categories import (
    category_groups,
    category_label,
    chosen_categories,
    filter_buttons,
    group_heading,
    grouping,
)
from .diagnostics import warn
from .domain import MspDomain
from .card_body import related_ids_of
from .glossary import Glossary
from .nodes import BODY_PENDING, msp_backlinks, msp_glossary, msp_term_card
from .records import CardRecord, NameRecord, RefRecord, included_source
from .terms import Term

if TYPE_CHECKING:
    from sphinx.application import Sphinx

ANCHOR_PREFIX = "msp-term-"
FLAG_OPTIONS = frozenset({"no-index", "noindex", "used-only"})


class _AnyOption(dict):
    """An option spec that accepts every option, so that the directive itself
    reports unknown ones as located ``msp_glossary.usage`` warnings."""

    def __missing__(self, key: str):
        return _raw

    def __bool__(self) -> bool:  # docutils parses options only for a truthy spec
        return True


def _raw(value: str | None) -> str | None:
    return value


class CardDirectiveBase(SphinxDirective):
    """What both directives share: options checked by hand, cards built from terms."""

    known_options: ClassVar[frozenset[str]] = frozenset()
    option_spec = _AnyOption()

    @property
    def domain(self) -> MspDomain:
        return self.env.get_domain("msp")  # type: ignore[return-value]

    @property
    def glossary(self) -> Glossary:
        return self.domain.glossary

    def check_options(self) -> None:
        for name, value in list(self.options.items()):
            if name not in self.known_options:
                warn("usage", f"{self.name}: unknown option :{name}: (known: "
                     + ", ".join(f":{o}:" for o in sorted(self.known_options)) + ")", self.get_location())
                del self.options[name]
            elif name in FLAG_OPTIONS and value:
                warn("usage", f"{self.name}: option :{name}: takes no value (got {value!r})",
                     self.get_location())
            elif name not in FLAG_OPTIONS and not (value or "").strip():
                warn("usage", f"{self.name}: option :{name}: needs a value", self.get_location())
                del self.options[name]

    def flag(self, name: str) -> bool:
        return name in self.options

    def is_indexed(self) -> bool:
        return not (self.flag("no-index") or self.flag("noindex"))

    def extra_classes(self) -> list[str]:
        return (self.options.get("class") or "").split()

    def unique_id(self, anchor: str) -> str:
        """``anchor``, or ``anchor-2``, ``-3``... if the page already has it."""
        document = self.state.document
        candidate, n = anchor, 1
        while candidate in document.ids:
            n += 1
            candidate = f"{anchor}-{n}"
        return candidate

    def place(self) -> tuple[int, str]:
        """The directive's line in its own file, and the record's ``source`` (the included
        file it stands in, else "")."""
        source, line = self.get_source_info()
        document = str(self.env.doc2path(self.env.docname))
        return line or self.lineno, included_source(str(self.env.srcdir), document, source)

    def make_card(self, term: Term, *, on_glossary_page: bool, used_only: bool = False,
                  used_depth: int = -1) -> list[nodes.Node]:
        """A card node, its index entry, and its record in the domain."""
        anchor = self.unique_id(ANCHOR_PREFIX + term.id) if self.is_indexed() else ""
        deprecated = ["msp-term-card--deprecated"] if term.deprecated else []
        card = msp_term_card(classes=["msp-term-card", *deprecated, *self.extra_classes()], term_id=term.id)
        if used_only:
            card["used_only"] = True
            card["used_depth"] = used_depth
        self.set_source_info(card)
        related_ids = related_ids_of(term, self.glossary)
        card[BODY_PENDING] = self.env.docname  # its body comes when its page is resolved
        if on_glossary_page:
            card += msp_backlinks(term_id=term.id)
        result: list[nodes.Node] = []
        if anchor:
            card["ids"].append(anchor)
            self.state.document.note_explicit_target(card)
            if not used_only:  # the index is collected while reading; used-only cards are known later
                result.append(addnodes.index(entries=[("single", term.name, anchor, "", None)]))
        result.append(card)
        lineno, source = self.place()
        self.domain.note_card(
            CardRecord(self.env.docname, lineno, term.id, anchor, on_glossary_page, tuple(related_ids),
                       used_only, used_depth, source)
        )
        return result


class MspTermDirective(CardDirectiveBase):
    """``.. msp-term:: NAME``: one term's card, with optional local notes as content."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    known_options = frozenset({"no-index", "noindex", "class"})

    def run(self) -> list[nodes.Node]:
        self.check_options()
        name = self.arguments[0].strip() if self.arguments else ""
        term = self.glossary.lookup(name) if name else None
        if name:
            self.domain.note_name(NameRecord(self.env.docname, name, term.id if term else None))
        if term is not None:
            result = self.make_card(term, on_glossary_page=False)
            card = result[-1]
        else:
            if not name:
                warn("usage", "msp-term needs a term name as its argument", self.get_location())
            else:
                warn("unknown", self.glossary.unknown_message(name), self.get_location())
                lineno, source = self.place()
                self.domain.note_ref(RefRecord(self.env.docname, lineno, None, name, "msp-term", source))
            card = nodes.container(classes=["msp-term-card", "msp-term-card--unknown", *self.extra_classes()])
            if name:
                card += nodes.paragraph("", "", nodes.strong(name, name, classes=["msp-term-card__name"]))
            result = [card]
        if self.content:
            notes = nodes.container(classes=["msp-term-card__notes"])
            self.state.nested_parse(self.content, self.content_offset, notes)
            card += notes
        return result


def parse_names(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


def initial_of(term: Term) -> str:
    first = term.name[:1].upper()
    return first if first.isalpha() else "#"


class MspGlossaryDirective(CardDirectiveBase):
    """``.. msp-glossary::``: every term's card, sorted A-Z and grouped by letter."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True  # so that stray content is our located warning, not a docutils error
    known_options = frozenset({"terms", "exclude", "class", "no-index", "noindex", "used-only", "related-depth",
                               "deprecated", "group-by", "categories"})
    deprecated_values = ("show", "hide", "only")

    def related_depth(self) -> int:
        """``:related-depth:`` of ``:used-only:``: 0 only used terms, 1 and their related
        terms, ...; -1 (the default) the whole closure of related terms."""
        value = self.options.get("related-depth")
        if value is None:
            return -1
        if not value.strip().isdigit():
            warn("usage", f"msp-glossary: option :related-depth: must be a whole number, 0 or more "
                 f"(got {value!r}); the full closure of related terms is used", self.get_location())
            return -1
        if not self.flag("used-only"):
            warn("usage", "msp-glossary: option :related-depth: has an effect only with :used-only:",
                 self.get_location())
        return int(value)

    def select_terms(self) -> list[Term]:
        terms = self.glossary.sorted_terms()
        for option in ("terms", "exclude"):
            if option not in self.options:
                continue
            chosen = set()
            for name in parse_names(self.options[option]):
                term = self.glossary.lookup(name)
                self.domain.note_name(NameRecord(self.env.docname, name, term.id if term else None))
                if term is None:
                    warn("unknown", f"msp-glossary :{option}: " + self.glossary.unknown_message(name),
                         self.get_location())
                    lineno, source = self.place()
                    self.domain.note_ref(RefRecord(self.env.docname, lineno, None, name, "option", source))
                else:
                    chosen.add(term.id)
            if option == "terms":
                terms = [t for t in terms if t.id in chosen]
            else:
                terms = [t for t in terms if t.id not in chosen]
        deprecated = (self.options.get("deprecated") or "show").strip()
        if deprecated not in self.deprecated_values:
            warn("usage", f"msp-glossary: option :deprecated: must be one of "
                 f"{', '.join(self.deprecated_values)} (got {deprecated!r}); showing them", self.get_location())
        elif deprecated != "show":
            terms = [t for t in terms if t.deprecated == (deprecated == "only")]
        categories = chosen_categories(self.glossary, self.options.get("categories"), self.get_location())
        if categories is not None:
            terms = [t for t in terms if t.category in categories]
        return terms

    def run(self) -> list[nodes.Node]:
        self.check_options()
        if self.content:
            warn("usage", "msp-glossary takes no content; it is ignored", self.get_location())
        if self.arguments:
            warn("usage", "msp-glossary takes no argument; it is ignored", self.get_location())
        self.domain.note_glossary(self.env.docname, self.lineno)
        container = msp_glossary(classes=["msp-glossary", *self.extra_classes()])
        self.set_source_info(container)
        result: list[nodes.Node] = []
        terms = self.select_terms()
        buttons = filter_buttons(terms, self.glossary)
        if buttons is not None:
            container += buttons
        if grouping(self.options.get("group-by"), self.get_location()) == "category":
            container["group_by"] = "category"
            self.group_by_category(container, terms, result)
            result.append(container)
            return result
        group: nodes.container | None = None
        depth = self.related_depth()
        for term in terms:
            letter = initial_of(term)
            if group is None or group["letter"] != letter:
                group = nodes.container(classes=["msp-glossary__group"], letter=letter)
                group["ids"].append(self.unique_id("msp-glossary-" + (letter.lower() if letter != "#" else "other")))
                self.state.document.note_explicit_target(group)
                group += nodes.paragraph(letter, letter, classes=["msp-glossary__letter"])
                container += group
            for node in self.make_card(term, on_glossary_page=True, used_only=self.flag("used-only"),
                                       used_depth=depth):
                if isinstance(node, addnodes.index):
                    result.append(node)
                else:
                    group += node
        result.append(container)
        return result

    def group_by_category(self, container: msp_glossary, terms: list[Term], result: list[nodes.Node]) -> None:
        """Groups in the declared order of categories, each with its label and description."""
        for name, members in category_groups(self.glossary, terms):
            group = nodes.container(classes=["msp-glossary__group"], category=name)
            group["ids"].append(self.unique_id(category_label(name)))
            if self.is_indexed():
                group["names"].append(category_label(name))
            self.state.document.note_explicit_target(group)
            group.extend(group_heading(self.glossary, name))
            container += group
            for term in members:
                for node in self.make_card(term, on_glossary_page=True, used_only=self.flag("used-only"),
                                           used_depth=self.related_depth()):
                    (result if isinstance(node, addnodes.index) else group).append(node)


def setup_directives(app: Sphinx) -> None:
    app.add_directive("msp-term", MspTermDirective)
    app.add_directive("msp-glossary", MspGlossaryDirective)
