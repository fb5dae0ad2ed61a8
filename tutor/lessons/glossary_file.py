"""Glossary files (``glossary.LANG.md``): one ``## Term {#term-id}`` section per term."""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.lessons.fields import is_valid_id
from tutor.lessons.markdown_blocks import Link, read_markdown
from tutor.lessons.problems import Problem, problem
from tutor.lessons.text_file import normalise_newlines

GLOSSARY_NAME = "glossary"


@dataclass(frozen=True)
class TermEntry:
    """One term as written in one glossary file."""

    id: str
    title: str
    explanation: str  # Markdown source
    line: int


@dataclass
class ParsedGlossary:
    file: str
    lang: str
    terms: list[TermEntry] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_glossary_file(text: str, *, file: str, lang: str, links: bool = True) -> ParsedGlossary:
    """Read the terms of one glossary file; text before the first ``##`` is ignored."""
    parsed = ParsedGlossary(file=file, lang=lang)
    text = normalise_newlines(text.removeprefix("\ufeff"))
    if not text.strip():
        parsed.problems.append(problem("empty", file, 1))
        return parsed
    doc = read_markdown(text, links=links)
    parsed.links = list(doc.links)
    seen: dict[str, int] = {}
    for index, heading in enumerate(doc.headings):
        if heading.id is None:
            parsed.problems.append(problem("section-no-id", file, heading.line))
            continue
        if not is_valid_id(heading.id):
            parsed.problems.append(problem("bad-id", file, heading.line, value=heading.id))
            continue
        if heading.id in seen:
            parsed.problems.append(
                problem(
                    "duplicate-section", file, heading.line, id=heading.id, first=seen[heading.id]
                )
            )
            continue
        seen[heading.id] = heading.line
        explanation = doc.source_between(*doc.section_range(index))
        if not explanation:
            parsed.problems.append(problem("empty-term", file, heading.line, id=heading.id))
            continue
        title = heading.title or heading.id
        parsed.terms.append(TermEntry(heading.id, title, explanation, heading.line))
    return parsed
