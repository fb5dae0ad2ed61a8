"""Translation catalogs: the CI completeness check, the checker itself, merging, building."""

from __future__ import annotations

import gettext
import io
import sys
import textwrap
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tutor.i18n import _, gettext_in, ngettext, set_language
from tutor.i18n.catalog_tools import (
    CatalogError,
    check_against_code,
    check_catalog,
    main,
    placeholders,
    read_catalog,
    repo_root,
    update,
)
from tutor.ui.screens.calibration import PROMPT

ROOT = repo_root()
UR_PO = ROOT / "locales" / "ur" / "LC_MESSAGES" / "tutor.po"


def test_every_text_in_the_code_has_urdu() -> None:
    """The CI check: fails on a message without Urdu, fuzzy, or with changed placeholders.

    Fix with ``python -m tutor.i18n.catalog_tools update`` and translating the empty entries.
    """
    problems = check_against_code(ROOT)
    assert not problems, "\n".join(str(p) for p in problems)


def _po(body: str, header_fuzzy: bool = False) -> object:
    header = textwrap.dedent(
        f"""\
        {"#, fuzzy" if header_fuzzy else ""}
        msgid ""
        msgstr ""
        "Language: ur\\n"
        "Plural-Forms: nplurals=2; plural=(n != 1);\\n"
        "Content-Type: text/plain; charset=utf-8\\n"

        """
    )
    return read_po(io.BytesIO((header + textwrap.dedent(body)).encode()), locale="ur")


def test_checker_finds_missing_fuzzy_and_placeholder_problems() -> None:
    catalog = _po(
        """\
        msgid "Quit"
        msgstr "بند کریں"

        msgid "Start lesson"
        msgstr ""

        #, fuzzy
        msgid "Next lesson"
        msgstr "سبق شروع کریں"

        msgid "Hello {name}"
        msgstr "سلام {naam}"

        msgid "{count} lesson"
        msgid_plural "{count} lessons"
        msgstr[0] "{count} سبق"
        msgstr[1] "اسباق"
        """
    )
    problems = {p.msgid: p.reason for p in check_catalog(catalog)}
    assert set(problems) == {"Start lesson", "Next lesson", "Hello {name}", "{count} lesson"}
    assert "no translation" in problems["Start lesson"]
    assert "fuzzy" in problems["Next lesson"]
    assert "{naam}" in problems["Hello {name}"]
    assert "form 1" in problems["{count} lesson"]


def test_fuzzy_header_is_reported() -> None:
    catalog = _po('msgid "Quit"\nmsgstr "بند کریں"\n', header_fuzzy=True)
    assert any("header" in p.reason for p in check_catalog(catalog))


def test_placeholders_are_counted_and_escaped_percent_ignored() -> None:
    assert placeholders("{n} of {total}, 100%% %(name)s %d") == {
        "{n}": 1,
        "{total}": 1,
        "%(name)s": 1,
        "%d": 1,
    }


def test_corrupt_catalog_gives_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "tutor.po"
    bad.write_bytes(b'msgid "a"\nmsgstr "b\n\x00\xff garbage "unterminated')
    with pytest.raises(CatalogError, match="not a valid translation file"):
        read_catalog(bad)
    with pytest.raises(CatalogError, match="Cannot read"):
        read_catalog(tmp_path / "missing.po")


def _project(tmp_path: Path, code: str) -> Path:
    (tmp_path / "tutor").mkdir(exist_ok=True)
    (tmp_path / "tutor" / "screen.py").write_text(code, encoding="utf-8")
    (tmp_path / "babel.cfg").write_text("[python: tutor/**.py]\n", encoding="utf-8")
    return tmp_path


def test_update_never_guesses_translations(tmp_path: Path) -> None:
    root = _project(tmp_path, 'from tutor.i18n import _\n_("Start lesson")\n')
    update(root)
    po = root / "locales" / "ur" / "LC_MESSAGES" / "tutor.po"
    po.write_text(
        po.read_text("utf-8")
        .replace('msgstr ""\n\n', 'msgstr ""\n\n', 1)
        .replace('msgid "Start lesson"\nmsgstr ""', 'msgid "Start lesson"\nmsgstr "سبق شروع کریں"'),
        "utf-8",
    )
    _project(tmp_path, 'from tutor.i18n import _\n_("Start lesson")\n_("Next lesson")\n')
    update(root)
    catalog = read_catalog(po, "ur")
    assert catalog.get("Start lesson").string == "سبق شروع کریں"
    new = catalog.get("Next lesson")
    assert new.string == "" and not new.fuzzy  # pybabel would have guessed "سبق شروع کریں"
    problems = check_against_code(root)
    assert [p.msgid for p in problems] == ["Next lesson"]


def test_update_refuses_corrupt_catalog_and_leaves_it(tmp_path: Path) -> None:
    root = _project(tmp_path, 'from tutor.i18n import _\n_("Quit")\n')
    po = root / "locales" / "ur" / "LC_MESSAGES" / "tutor.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(b'msgid "Quit"\nmsgstr "unterminated')
    with pytest.raises(CatalogError):
        update(root)
    assert po.read_bytes() == b'msgid "Quit"\nmsgstr "unterminated'
    assert main(["check", "--root", str(root)]) == 2


def test_check_command_exit_codes(tmp_path: Path, capsys) -> None:
    root = _project(tmp_path, 'from tutor.i18n import _\n_("Quit")\n')
    assert main(["update", "--root", str(root)]) == 0
    assert main(["check", "--root", str(root)]) == 1
    assert "Quit" in capsys.readouterr().out


def test_runtime_follows_language_and_falls_back_to_english() -> None:
    set_language("ur")
    assert _(PROMPT) != PROMPT and "{key}" in _(PROMPT)
    assert _("A text nobody translated") == "A text nobody translated"
    set_language("xx")
    assert _(PROMPT) == PROMPT
    assert gettext_in("ur", PROMPT) != PROMPT


def test_plural_forms_follow_urdu_rule() -> None:
    set_language("ur")
    # no catalog entry: English forms, but chosen with n
    assert ngettext("{n} lesson", "{n} lessons", 1) == "{n} lesson"
    assert ngettext("{n} lesson", "{n} lessons", 0) == "{n} lessons"
    # a real entry: form 0 only for exactly one, as CLDR says for Urdu
    one = ngettext("{count} problem", "{count} problems", 1)
    many = [ngettext("{count} problem", "{count} problems", n) for n in (0, 2, 5)]
    assert one != "{count} problem" and "{count}" in one
    assert len(set(many)) == 1 and many[0] not in (one, "{count} problems")


def test_urdu_catalog_plural_rule_matches_cldr() -> None:
    from babel import Locale

    catalog = read_catalog(UR_PO, "ur")
    rule = Locale.parse("ur").plural_form
    assert catalog.num_plurals == 2
    for n in range(0, 12):
        gettext_form = int(eval(catalog.plural_expr, {"n": n}))  # noqa: S307 - our own header
        assert gettext_form == (0 if rule(n) == "one" else 1)


def test_wheel_build_hook_compiles_every_catalog(tmp_path: Path) -> None:
    pytest.importorskip("hatchling")
    sys.path.insert(0, str(ROOT))
    try:
        from hatch_build import compile_catalogs
    finally:
        sys.path.remove(str(ROOT))
    mapping = compile_catalogs(ROOT / "locales", tmp_path)
    assert sorted(mapping.values()) == [
        "tutor/_bundled/locales/en/LC_MESSAGES/tutor.mo",
        "tutor/_bundled/locales/ur/LC_MESSAGES/tutor.mo",
    ]
    mo = tmp_path / "ur" / "LC_MESSAGES" / "tutor.mo"
    with mo.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    assert compiled.gettext(PROMPT) == gettext_in("ur", PROMPT) != PROMPT
