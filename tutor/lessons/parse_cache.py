"""A cache of parsed lesson files, so the tutor starts fast on old PCs.

Parsing Markdown and YAML costs ~0.3 ms per KB in pure Python; a full curriculum is about a
megabyte, and centre PCs are slower than a developer's. Lesson files rarely change between
starts, so each parsed file is kept in one JSON file keyed by a hash of the file's text, its
name and the parser's own source code (a new tutor version never reuses old results).

The cache is only ever a shortcut: an unreadable, corrupt or hostile cache file is treated
as empty, and a cache that cannot be written is skipped. JSON, not pickle: the data folder
must never become a way to run code.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from tutor.domain.lesson import Lesson, Option, Question, Section
from tutor.lessons.lesson_file import Header, ParsedLesson, SectionMark
from tutor.lessons.markdown_blocks import Link
from tutor.lessons.problems import Problem
from tutor.lessons.quiz_block import QuizBlock

FORMAT = "tutor-lesson-cache/1"
MAX_CACHE_BYTES = 64 * 1024 * 1024

# Modules whose code decides what a parsed lesson looks like.
_PARSER_MODULES = (
    "fields.py",
    "lesson_file.py",
    "markdown_blocks.py",
    "messages.py",
    "parse_cache.py",
    "problems.py",
    "quiz_block.py",
    "text_file.py",
    "yaml_block.py",
)


@lru_cache(maxsize=1)
def parser_stamp() -> str:
    """A hash of the parser's source, so results from other code are never reused."""
    digest = hashlib.sha256(FORMAT.encode())
    here = Path(__file__).resolve().parent
    for name in _PARSER_MODULES:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()


def cache_key(text: str, file: str, lang: str) -> str:
    digest = hashlib.sha256(parser_stamp().encode())
    for part in (file, lang, text):
        digest.update(b"\x00" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class ParseCache:
    """Parsed lessons by :func:`cache_key`, loaded from and saved to one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._stored = _read(self.path)
        self._used: dict[str, Any] = {}
        self._changed = False

    def get(self, key: str) -> ParsedLesson | None:
        raw = self._stored.get(key)
        if raw is None:
            return None
        try:
            parsed = _parsed_from_json(raw)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            self._changed = True  # a damaged entry: parse again and store a good one
            return None
        self._used[key] = raw
        return parsed

    def put(self, key: str, parsed: ParsedLesson) -> None:
        self._used[key] = _parsed_to_json(parsed)
        self._changed = True

    def save(self) -> None:
        """Write the entries used by this load (old ones drop out), if anything changed."""
        if not self._changed and len(self._used) == len(self._stored):
            return
        body = json.dumps({"format": FORMAT, "entries": self._used}, ensure_ascii=False)
        with contextlib.suppress(OSError):
            _write_atomically(self.path, body.encode("utf-8"))


def _read(path: Path) -> dict[str, Any]:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_CACHE_BYTES:
            return {}
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _write_atomically(path: Path, body: bytes) -> None:
    """Temp file in the same folder, fsync, rename: a power cut leaves old or new, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _parsed_to_json(parsed: ParsedLesson) -> dict[str, Any]:
    header = parsed.header
    return {
        "file": parsed.file,
        "lang": parsed.lang,
        "lesson": _lesson_to_json(parsed.lesson) if parsed.lesson else None,
        "header": [
            header.id,
            header.module,
            header.order,
            header.title,
            header.minutes,
            list(header.objectives) if header.objectives is not None else None,
            header.lines,
        ],
        "sections": [[s.id, s.line] for s in parsed.sections],
        "quizzes": [
            [
                q.line,
                q.id,
                _question_to_json(q.question) if q.question else None,
                [_problem_to_json(p) for p in q.problems],
                [[link.target, link.line] for link in q.links],
            ]
            for q in parsed.quizzes
        ],
        "links": [[link.target, link.line] for link in parsed.links],
        "problems": [_problem_to_json(p) for p in parsed.problems],
    }


def _parsed_from_json(raw: dict[str, Any]) -> ParsedLesson:
    hid, module, order, title, minutes, objectives, lines = raw["header"]
    return ParsedLesson(
        file=str(raw["file"]),
        lang=str(raw["lang"]),
        lesson=_lesson_from_json(raw["lesson"]) if raw["lesson"] is not None else None,
        header=Header(
            hid,
            module,
            order,
            title,
            minutes,
            tuple(objectives) if objectives is not None else None,
            dict(lines),
        ),
        sections=[SectionMark(str(sid), int(line)) for sid, line in raw["sections"]],
        quizzes=[
            QuizBlock(
                line=int(line),
                id=qid,
                question=_question_from_json(question) if question is not None else None,
                problems=[_problem_from_json(p) for p in problems],
                links=[Link(str(t), int(n)) for t, n in links],
            )
            for line, qid, question, problems, links in raw["quizzes"]
        ],
        links=[Link(str(t), int(n)) for t, n in raw["links"]],
        problems=[_problem_from_json(p) for p in raw["problems"]],
    )


def _lesson_to_json(lesson: Lesson) -> list[Any]:
    return [
        lesson.id,
        lesson.module,
        lesson.order,
        lesson.lang,
        lesson.title,
        lesson.minutes,
        list(lesson.objectives),
        [[s.id, s.title, s.body] for s in lesson.sections],
        [_question_to_json(q) for q in lesson.quiz],
        lesson.intro,
        lesson.source,
    ]


def _lesson_from_json(raw: list[Any]) -> Lesson:
    lid, module, order, lang, title, minutes, objectives, sections, quiz, intro, source = raw
    return Lesson(
        id=lid,
        module=module,
        order=int(order),
        lang=lang,
        title=title,
        minutes=int(minutes),
        objectives=tuple(objectives),
        sections=tuple(Section(sid, stitle, body) for sid, stitle, body in sections),
        quiz=tuple(_question_from_json(q) for q in quiz),
        intro=intro,
        source=source,
    )


def _question_to_json(question: Question) -> list[Any]:
    return [question.id, question.prompt, [[o.text, o.correct, o.why] for o in question.options]]


def _question_from_json(raw: list[Any]) -> Question:
    qid, prompt, options = raw
    return Question(qid, prompt, tuple(Option(t, bool(c), w) for t, c, w in options))


def _problem_to_json(p: Problem) -> list[Any]:
    return [p.file, p.line, p.code, p.message_en, p.message_ur, p.severity]


def _problem_from_json(raw: list[Any]) -> Problem:
    file, line, code, en, ur, severity = raw
    return Problem(str(file), int(line), str(code), str(en), str(ur), str(severity))
