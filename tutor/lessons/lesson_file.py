"""One lesson file (``NAME.LANG.md``) -> a :class:`Lesson` plus everything the checks need.

A lesson with a usable header and at least one section is built even when some parts have
errors, so a trainee offline is never locked out of a lesson by a typo in one quiz: a quiz
block with errors is left out, and a section without an id gets ``section-N``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tutor.domain.lesson import Lesson, Question, Section
from tutor.lessons.fields import FieldReader, is_valid_id, yaml_failure_problem
from tutor.lessons.markdown_blocks import Heading, Link, MarkdownDoc, read_markdown
from tutor.lessons.problems import Problem, problem
from tutor.lessons.quiz_block import QuizBlock, read_quiz
from tutor.lessons.text_file import normalise_newlines
from tutor.lessons.yaml_block import LineDict, YamlFailure, load_yaml

LESSON_FIELDS = ("id", "module", "order", "title", "minutes", "objectives")


@dataclass
class Header:
    """The checked front matter; a field is ``None`` when missing or wrong."""

    id: str | None = None
    module: str | None = None
    order: int | None = None
    title: str | None = None
    minutes: int | None = None
    objectives: tuple[str, ...] | None = None
    lines: dict[str, int] = field(default_factory=dict)  # field -> 1-based line

    def complete(self) -> bool:
        return None not in (
            self.id,
            self.module,
            self.order,
            self.title,
            self.minutes,
            self.objectives,
        )

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)


@dataclass(frozen=True)
class SectionMark:
    """A section id and the line of its heading, for cross-language messages."""

    id: str
    line: int


@dataclass
class ParsedLesson:
    """A lesson file after parsing: the model (if usable) and what checks look at."""

    file: str
    lang: str
    lesson: Lesson | None = None
    header: Header = field(default_factory=Header)
    sections: list[SectionMark] = field(default_factory=list)
    quizzes: list[QuizBlock] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def parse_lesson_file(text: str, *, file: str, lang: str, links: bool = True) -> ParsedLesson:
    """Parse lesson text. Never raises on bad content; problems are collected.

    ``links=False`` leaves :attr:`ParsedLesson.links` empty, for loading without checking.
    """
    parsed = ParsedLesson(file=file, lang=lang)
    text = normalise_newlines(text.removeprefix("\ufeff"))
    if not text.strip():
        parsed.problems.append(problem("empty", file, 1))
        return parsed
    doc = read_markdown(text, links=links)
    parsed.header = _header(doc, file, parsed.problems)
    sections = _sections(doc, file, parsed)
    questions = _quizzes(doc, file, parsed, links)
    parsed.links = list(doc.links)
    for block in parsed.quizzes:
        parsed.links.extend(block.links)
    if not doc.headings:
        parsed.problems.append(problem("no-sections", file, _after_header(doc)))
    header = parsed.header
    if header.complete() and sections:
        parsed.lesson = Lesson(
            id=str(header.id),
            module=str(header.module),
            order=int(header.order or 0),
            lang=lang,
            title=str(header.title),
            minutes=int(header.minutes or 0),
            objectives=header.objectives or (),
            sections=tuple(sections),
            quiz=tuple(questions),
            intro=doc.source_between(*doc.intro_range()),
            source=file,
        )
    return parsed


def _after_header(doc: MarkdownDoc) -> int:
    return doc.body_start + 1 if doc.body_start < len(doc.lines) else 1


def _header(doc: MarkdownDoc, file: str, problems: list[Problem]) -> Header:
    token = doc.front_matter
    if token is None:
        code = "unclosed-front-matter" if doc.lines[0].rstrip() == "---" else "no-front-matter"
        problems.append(problem(code, file, 1))
        return Header()
    first_line = (token.map[0] if token.map else 0) + 2
    data = load_yaml(token.content)
    if isinstance(data, YamlFailure):
        problems.append(yaml_failure_problem(data, file, first_line))
        return Header()
    if not isinstance(data, LineDict):
        problems.append(problem("not-mapping", file, 1))
        return Header()
    reader = FieldReader(data, file, first_line)
    header = Header(
        id=reader.id(),
        module=reader.id("module"),
        order=reader.whole_number("order", "bad-order"),
        title=reader.text("title"),
        minutes=reader.whole_number("minutes", "bad-minutes", minimum=1),
        objectives=reader.text_list("objectives", "bad-objectives"),
        lines={key: reader.line(key) for key in data if isinstance(key, str)},
    )
    reader.warn_unknown(LESSON_FIELDS)
    problems.extend(reader.problems)
    return header


def _sections(doc: MarkdownDoc, file: str, parsed: ParsedLesson) -> list[Section]:
    sections: list[Section] = []
    first_line: dict[str, int] = {}
    for index, heading in enumerate(doc.headings):
        section_id = _section_id(heading, file, parsed.problems, first_line)
        if not heading.title:
            parsed.problems.append(problem("not-text", file, heading.line, field="## heading"))
        if section_id is not None:
            parsed.sections.append(SectionMark(section_id, heading.line))
        sections.append(
            Section(
                id=section_id or f"section-{index + 1}",
                title=heading.title,
                body=doc.source_between(*doc.section_range(index)),
            )
        )
    return sections


def _section_id(
    heading: Heading, file: str, problems: list[Problem], first_line: dict[str, int]
) -> str | None:
    """The heading's id if valid and new in this file; otherwise a problem and ``None``."""
    if heading.id is None:
        problems.append(problem("section-no-id", file, heading.line))
        return None
    if not is_valid_id(heading.id):
        problems.append(problem("bad-id", file, heading.line, value=heading.id))
        return None
    if heading.id in first_line:
        problems.append(
            problem(
                "duplicate-section",
                file,
                heading.line,
                id=heading.id,
                first=first_line[heading.id],
            )
        )
        return None
    first_line[heading.id] = heading.line
    return heading.id


def _quizzes(doc: MarkdownDoc, file: str, parsed: ParsedLesson, links: bool) -> list[Question]:
    questions: list[Question] = []
    first_line: dict[str, int] = {}
    for fence in doc.quizzes:
        block = read_quiz(fence, file, links=links)
        parsed.problems.extend(block.problems)
        if block.id is not None and block.id in first_line:
            parsed.problems.append(
                problem(
                    "duplicate-question", file, block.line, id=block.id, first=first_line[block.id]
                )
            )
            continue
        if block.id is not None:
            first_line[block.id] = block.line
        parsed.quizzes.append(block)
        if block.question is not None:
            questions.append(block.question)
    return questions
