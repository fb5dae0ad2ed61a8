"""Keep the translation catalogs in step with the code, in one command.

    python -m tutor.i18n.catalog_tools update   # extract tutor/ -> locales/tutor.pot, merge en + ur
    python -m tutor.i18n.catalog_tools check    # what Urdu still lacks (exit 1 if anything)
    python -m tutor.i18n.catalog_tools compile  # .po -> .mo beside it (the wheel build does this)

Why not plain ``pybabel update``: it fuzzy-matches new messages to old translations (a "Next
lesson" silently became "Start lesson" in RTL.md §4.1) and its statistics count fuzzy entries
as translated. Here merging never guesses, and ``check`` refuses empty, fuzzy and
placeholder-mismatched translations. Placeholders are ``{name}`` and ``%(name)s`` / ``%d``.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tutor.i18n import _, ngettext
from tutor.i18n.catalog import DOMAIN

TARGET_LANGUAGES = ("en", "ur")
REQUIRED_LANGUAGE = "ur"  # English falls back to the msgid, Urdu must be complete
PROJECT = "tutor"

_PLACEHOLDER = re.compile(
    r"\{[A-Za-z_][A-Za-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}"  # {name}, {name:>5}
    r"|%(?:\([A-Za-z_]\w*\))?[#0 +-]*\d*(?:\.\d+)?[sdifr%]"  # %(name)s, %d, %%
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one message of a catalog."""

    msgid: str
    lineno: int
    reason: str

    def __str__(self) -> str:
        where = f"line {self.lineno}: " if self.lineno else ""
        return f"{where}{self.reason}: {self.msgid!r}"


class CatalogError(Exception):
    """A catalog file that cannot be read; the message is for people."""


def repo_root() -> Path:
    """The checkout this module lives in (catalog tools work on sources, not a wheel)."""
    return Path(__file__).resolve().parents[2]


def placeholders(text: str) -> Counter[str]:
    """The placeholders in a message, with counts (``%%`` is an escaped percent, not one)."""
    return Counter(p for p in _PLACEHOLDER.findall(text) if p != "%%")


def read_catalog(path: Path, locale: str | None = None):  # -> babel Catalog
    """A .po/.pot file as a Babel catalog, or CatalogError saying what is wrong."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(_("Cannot read {path}: {error}").format(path=path, error=exc)) from exc
    try:
        _check_lines(data.decode("utf-8"))
        return read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        raise CatalogError(
            _("{path} is not a valid translation file: {error}").format(path=path, error=exc)
        ) from exc


_PO_LINE = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"')


def _check_lines(text: str) -> None:
    """Refuse what Babel's lenient parser would silently misread (an unclosed quote loses
    its last letter there)."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#") and not _PO_LINE.fullmatch(line):
            raise ValueError(
                _("line {number} is not valid: {line}").format(number=number, line=line[:60])
            )


def check_catalog(catalog, require_translation: bool = True) -> list[Problem]:
    """Messages that would show wrongly: untranslated, fuzzy, or placeholders changed."""
    problems: list[Problem] = []
    if catalog.fuzzy:
        problems.append(Problem("", 0, _("the header is marked fuzzy, so no message is used")))
    for message in catalog:
        if not message.id:
            continue
        problems.extend(_check_message(message, require_translation))
    return problems


def check_against_code(root: Path, lang: str = REQUIRED_LANGUAGE) -> list[Problem]:
    """Every text in the code must have a usable translation in ``lang`` (the CI check)."""
    catalog = read_catalog(root / "locales" / lang / "LC_MESSAGES" / f"{DOMAIN}.po", lang)
    problems = check_catalog(catalog)
    for message in extract(root):
        if message.id and catalog.get(message.id, message.context) is None:
            where = ", ".join(f"{f}:{n}" for f, n in message.locations)
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            problems.append(
                Problem(msgid, 0, _("in {where} but not in the catalog").format(where=where))
            )
    return problems


def _check_message(message, require_translation: bool) -> Iterable[Problem]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    line = message.lineno or 0
    if message.fuzzy:
        yield Problem(ids[0], line, _("marked fuzzy (a guess, not used)"))
        return
    if not all(strings):
        if require_translation:
            yield Problem(ids[0], line, _("no translation"))
        return
    expected = placeholders(ids[-1])
    for form, text in enumerate(strings):
        if placeholders(text) != expected:
            yield Problem(
                ids[0],
                line,
                _("placeholders differ in form {form}: {found} instead of {expected}").format(
                    form=form,
                    found=sorted(placeholders(text)),
                    expected=sorted(expected),
                ),
            )


def extract(root: Path):  # -> babel Catalog
    """Every ``_()``/``ngettext()`` text under ``tutor/``, as configured in ``babel.cfg``."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir
    from babel.messages.frontend import parse_mapping_cfg

    cfg = root / "babel.cfg"
    with cfg.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(cfg))
    template = Catalog(project=PROJECT, domain=DOMAIN, fuzzy=False, charset="utf-8")
    found = extract_from_dir(
        str(root),
        method_map,
        options_map,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            None,
            [(filename.replace("\\", "/"), lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def update(root: Path, languages: Sequence[str] = TARGET_LANGUAGES) -> list[Path]:
    """Write ``locales/tutor.pot`` and merge it into each language's .po, never fuzzily."""
    from babel.messages.catalog import Catalog

    template = extract(root)
    locales = root / "locales"
    pot = locales / f"{DOMAIN}.pot"
    _write(pot, template)
    written = [pot]
    for lang in languages:
        po = locales / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if po.is_file():
            catalog = read_catalog(po, locale=lang)
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project=PROJECT, fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.fuzzy = False
        _write(po, catalog)
        written.append(po)
    return written


def _write(path: Path, catalog) -> None:
    """Write atomically: a crash mid-write must not leave a half catalog behind."""
    from babel.messages.pofile import write_po

    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=True, ignore_obsolete=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)


def compile_po(po: Path, mo: Path) -> None:
    """Compile one .po to .mo; fuzzy entries are left out (English is shown instead)."""
    from babel.messages.mofile import write_mo

    catalog = read_catalog(po)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    mo.parent.mkdir(parents=True, exist_ok=True)
    mo.write_bytes(buf.getvalue())


def catalog_paths(root: Path) -> list[Path]:
    return sorted((root / "locales").glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tutor.i18n.catalog_tools")
    parser.add_argument("command", choices=("update", "check", "compile"))
    parser.add_argument("--root", type=Path, default=repo_root(), help="checkout to work on")
    args = parser.parse_args(argv)
    try:
        if args.command == "update":
            for path in update(args.root):
                print(_("wrote {path}").format(path=path))
            return 0
        if args.command == "compile":
            for po in catalog_paths(args.root):
                compile_po(po, po.with_suffix(".mo"))
                print(_("compiled {path}").format(path=po))
            return 0
        po = args.root / "locales" / REQUIRED_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
        problems = check_against_code(args.root)
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 2
    for problem in problems:
        print(f"{po}: {problem}")
    print(
        ngettext("{count} problem", "{count} problems", len(problems)).format(count=len(problems))
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
