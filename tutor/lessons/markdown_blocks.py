"""The Markdown side of lesson files: tokens, ``## Title {#id}`` sections, quiz fences, links.

Built on markdown-it-py's token stream (CommonMark plus front matter). Token ``map`` line
ranges cut the source into sections, so a section's body is exactly what the writer typed
and every problem can name its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

QUIZ_INFO = "quiz"
_HEADING_ID = re.compile(r"^(?P<title>.*?)[ \t]*\{#(?P<id>[^{}]*)\}$")


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The full CommonMark parser, for inline text. Shared: building one costs more than a
    lesson does to parse."""
    return MarkdownIt("commonmark")


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """Block structure only: inline parsing is half the cost, and only lines that may hold
    a link need it (see :func:`_may_link`)."""
    return MarkdownIt("commonmark").use(front_matter_plugin).disable("inline")


@dataclass(frozen=True)
class Link:
    """A link target as written, and the 1-based line it is on."""

    target: str
    line: int


@dataclass(frozen=True)
class Heading:
    """A top-level ``##`` heading. ``id`` is ``None`` when the writer gave no ``{#id}``."""

    title: str
    id: str | None
    line: int  # 1-based
    start: int  # 0-based index of the heading's first source line
    end: int  # 0-based index after its last source line


@dataclass(frozen=True)
class Fence:
    """A fenced ``quiz`` block: its YAML text and where it sits in the file."""

    content: str
    line: int  # 1-based line of the opening fence
    start: int
    end: int
    closed: bool


@dataclass
class MarkdownDoc:
    """What the rest of the loader needs from one file's tokens."""

    lines: list[str]
    front_matter: Token | None = None
    headings: list[Heading] = field(default_factory=list)
    quizzes: list[Fence] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    _hidden: frozenset[int] | None = field(default=None, repr=False)

    @property
    def body_start(self) -> int:
        """First source line after the front matter (0-based)."""
        if self.front_matter is not None and self.front_matter.map:
            return self.front_matter.map[1]
        return 0

    def source_between(self, start: int, end: int) -> str:
        """Source lines ``start..end`` without quiz fences or blank lines at either end."""
        hidden = self._quiz_lines()
        kept = [self.lines[i] for i in range(start, min(end, len(self.lines))) if i not in hidden]
        while kept and not kept[0].strip():
            kept.pop(0)
        while kept and not kept[-1].strip():
            kept.pop()
        return "\n".join(kept)

    def _quiz_lines(self) -> frozenset[int]:
        if self._hidden is None:
            self._hidden = frozenset(i for q in self.quizzes for i in range(q.start, q.end))
        return self._hidden

    def section_range(self, index: int) -> tuple[int, int]:
        """Source line range of the body under heading ``index``."""
        end = self.headings[index + 1].start if index + 1 < len(self.headings) else len(self.lines)
        return self.headings[index].end, end

    def intro_range(self) -> tuple[int, int]:
        end = self.headings[0].start if self.headings else len(self.lines)
        return self.body_start, end


def read_markdown(text: str, *, links: bool = True) -> MarkdownDoc:
    """Parse ``text`` (newline line ends) into headings, quiz fences and (if ``links``) links.

    Finding links means parsing inline Markdown, a third of the cost; only the checker
    needs them, so the app's loader skips it.
    """
    env: dict[str, object] = {}
    tokens = _block_parser().parse(text, env)
    doc = MarkdownDoc(lines=text.split("\n"))
    for index, token in enumerate(tokens):
        if token.type == "front_matter" and index == 0:
            doc.front_matter = token
        elif token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            doc.headings.append(_heading(token, tokens[index + 1]))
        elif token.type == "fence" and token.info.strip().split(maxsplit=1)[:1] == [QUIZ_INFO]:
            doc.quizzes.append(_fence(token, doc.lines))
        elif links and token.type == "inline" and _may_link(token.content, env):
            line = (token.map[0] if token.map else 0) + 1
            doc.links.extend(inline_links(token.content, line, env))
    return doc


def _may_link(text: str, env: dict[str, object]) -> bool:
    """Whether inline ``text`` can hold a link: ``[x](...)``, ``<scheme:...>`` or, when the
    file defines references, ``[x][ref]`` and ``[ref]``."""
    return "](" in text or "<" in text or (bool(env.get("references")) and "[" in text)


def _heading(token: Token, inline: Token) -> Heading:
    start, end = token.map or (0, 1)
    title, heading_id = split_heading_id(inline.content)
    return Heading(title=title, id=heading_id, line=start + 1, start=start, end=end)


def _fence(token: Token, lines: list[str]) -> Fence:
    start, end = token.map or (0, 1)
    last = lines[end - 1].strip().lstrip(">").strip() if end - 1 > start else ""
    marker = token.markup[:1]
    closed = bool(last) and set(last) == {marker} and len(last) >= len(token.markup)
    return Fence(content=token.content, line=start + 1, start=start, end=end, closed=closed)


def _links(inline: Token, line: int) -> list[Link]:
    """Links in an inline token, each with its own line (soft breaks move to the next)."""
    found: list[Link] = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "link_open":
            found.append(Link(str(child.attrs.get("href", "")), line))
        elif child.type in ("text", "code_inline", "html_inline"):
            line += child.content.count("\n")
    return found


def inline_links(text: str, line: int, env: dict[str, object] | None = None) -> list[Link]:
    """Links in inline Markdown ``text`` whose first line is ``line``."""
    if not _may_link(text, env or {}):
        return []
    found: list[Link] = []
    for token in markdown().parseInline(text, env if env is not None else {}):
        found.extend(_links(token, line))
    return found


def split_heading_id(raw: str) -> tuple[str, str | None]:
    """``"Title {#id}"`` -> ``("Title", "id")``; no ``{#id}`` -> ``(raw, None)``."""
    match = _HEADING_ID.match(raw.strip())
    if match is None:
        return raw.strip(), None
    return match["title"].strip(), match["id"].strip()
