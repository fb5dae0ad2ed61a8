"""The glossary model: short explanations of the words lessons use, in every language.

Lessons link to a term with ``[text](glossary:TERM-ID)``; the reader shows the explanation
and the glossary screen lists every term. Built by the lesson loader from ``glossary.*.md``
files; nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    """One glossary entry. ``titles`` and ``explanations`` are keyed by language code."""

    id: str
    titles: dict[str, str]
    explanations: dict[str, str]  # Markdown source, per language

    def title(self, lang: str) -> str:
        """The term's name in ``lang``, else in English, else its id."""
        return self.titles.get(lang) or self.titles.get("en") or self.id

    def explanation(self, lang: str) -> str:
        """The explanation in ``lang``, else in English (a term may lack an Urdu text)."""
        return self.explanations.get(lang) or self.explanations.get("en") or ""


@dataclass(frozen=True)
class Glossary:
    """Every term of a lesson tree, merged from all its glossary files."""

    terms: dict[str, Term] = field(default_factory=dict)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms

    def __len__(self) -> int:
        return len(self.terms)

    def get(self, term_id: str) -> Term | None:
        return self.terms.get(term_id)

    def sorted_terms(self, lang: str) -> list[Term]:
        """Terms in the order a trainee looks them up: alphabetical by title in ``lang``."""
        return sorted(self.terms.values(), key=lambda t: (t.title(lang).casefold(), t.id))
