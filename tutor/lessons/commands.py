"""``tutor lessons check PATH`` and ``tutor lessons outline PATH``.

Only argparse wiring lives at the top level: ``tutor`` imports this module on every start,
so the loader (markdown-it, PyYAML) is imported inside the handlers.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from typing import TYPE_CHECKING, TextIO

from tutor.i18n import _, ngettext

if TYPE_CHECKING:
    from tutor.lessons.problems import Problem


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``lessons check`` and ``lessons outline`` to the ``tutor`` command."""
    lessons = subparsers.add_parser("lessons", help=_("check lesson files, print an outline"))
    sub = lessons.add_subparsers(dest="lessons_command", metavar="COMMAND")
    sub.required = True
    check = sub.add_parser(
        "check", help=_("report every problem in a lesson folder or file, in English and Urdu")
    )
    check.add_argument("path", metavar="PATH", help=_("lesson folder or one lesson file"))
    check.set_defaults(func=run_check)
    outline = sub.add_parser("outline", help=_("print a Markdown outline of a lesson folder"))
    outline.add_argument("path", metavar="PATH", help=_("lesson folder"))
    outline.set_defaults(func=run_outline)


def run_check(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print each problem (English, then Urdu) and a summary; 1 if any error, else 0."""
    from pathlib import Path

    from tutor.lessons.check import check_path

    out = out or sys.stdout
    report = check_path(Path(args.path))
    for found in report.problems:
        write_line(out, format_problem(found))
    files = ngettext("{n} file checked", "{n} files checked", report.files).format(n=report.files)
    errors = ngettext("{n} error", "{n} errors", report.errors).format(n=report.errors)
    warnings = ngettext("{n} warning", "{n} warnings", report.warnings).format(n=report.warnings)
    write_line(
        out,
        _("{files}: {errors}, {warnings}.").format(files=files, errors=errors, warnings=warnings),
    )
    return 1 if report.errors else 0


def run_outline(args: argparse.Namespace, out: TextIO | None = None) -> int:
    """Print the outline to stdout; problems go to stderr, and errors make the exit code 1."""
    from pathlib import Path

    from tutor.lessons.loader import load_tree
    from tutor.lessons.outline import render_outline
    from tutor.lessons.text_file import path_kind

    out = out or sys.stdout
    root = Path(args.path)
    if path_kind(root) != "dir":
        write_line(sys.stderr, _("Not a lesson folder: {path}").format(path=_safe(str(root))))
        return 1
    result = load_tree(root)
    write_line(out, render_outline(result.curriculum).rstrip("\n"))
    errors = sum(1 for p in result.problems if p.is_error)
    if errors:
        message = ngettext(
            "{n} error in the lessons; run 'tutor lessons check' to see it.",
            "{n} errors in the lessons; run 'tutor lessons check' to see them.",
            errors,
        )
        write_line(sys.stderr, message.format(n=errors))
    return 1 if errors else 0


def format_problem(found: Problem) -> str:
    """``FILE:LINE: error: English`` then the Urdu text indented on the next line.

    The first line keeps the shape compilers use, so editors can jump to the place. The
    words ``error``/``warning`` stay English for the same reason.
    """
    head = f"{_safe(found.file)}:{found.line}: {found.severity}: {found.message_en}"
    return f"{head}\n    {found.message_ur}"


def write_line(out: TextIO, text: str) -> None:
    """Write a line even to a console that cannot show Urdu (old Windows code pages)."""
    try:
        out.write(text + "\n")
    except UnicodeEncodeError:
        encoding = getattr(out, "encoding", None) or "ascii"
        out.write(text.encode(encoding, "replace").decode(encoding) + "\n")


def _safe(text: str) -> str:
    """File names can hold terminal control characters; show them harmlessly."""
    return "".join(
        "\N{REPLACEMENT CHARACTER}" if unicodedata.category(c) == "Cc" else c for c in text
    )
