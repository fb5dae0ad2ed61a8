"""The glossary model's look-ups, merged glossary files, and outline edge cases."""

from __future__ import annotations

from tutor.domain.glossary import Glossary, Term
from tutor.domain.lesson import Curriculum, Lesson, Module, Section
from tutor.lessons.loader import load_tree
from tutor.lessons.outline import render_outline


def test_term_falls_back_to_english_then_to_its_id() -> None:
    term = Term("escrow", {"en": "Escrow"}, {"en": "Money held by the platform."})
    assert term.title("ur") == "Escrow"
    assert term.explanation("ur") == "Money held by the platform."
    assert Term("x", {}, {}).title("en") == "x"


def test_sorted_terms_follow_the_title_in_the_language() -> None:
    glossary = Glossary(
        {
            "b": Term("b", {"en": "apple", "ur": "ب"}, {"en": "."}),
            "a": Term("a", {"en": "Zebra", "ur": "ا"}, {"en": "."}),
        }
    )
    assert [t.id for t in glossary.sorted_terms("en")] == ["b", "a"]
    assert [t.id for t in glossary.sorted_terms("ur")] == ["a", "b"]
    assert "a" in glossary and "c" not in glossary and len(glossary) == 2


def test_glossary_files_in_module_folders_are_merged(tree) -> None:
    extra_en = "## Escrow {#escrow}\n\nMoney held until the work is approved.\n"
    extra_ur = "## ایسکرو {#escrow}\n\nکام کی منظوری تک روکی گئی رقم۔\n"
    root = tree({"basics/glossary.en.md": extra_en, "basics/glossary.ur.md": extra_ur})
    result = load_tree(root)
    assert result.problems == []
    assert list(result.glossary.terms) == ["platform", "escrow"]
    assert result.glossary.terms["escrow"].explanation("ur") == "کام کی منظوری تک روکی گئی رقم۔"
    assert result.glossary.terms["platform"].title("ur") == "پلیٹ فارم"


def _lesson(lesson_id: str, lang: str, order: int) -> Lesson:
    return Lesson(
        id=lesson_id,
        module="m",
        order=order,
        lang=lang,
        title=f"{lesson_id} {lang}",
        minutes=5,
        objectives=("Do it",),
        sections=(Section("s", "S", "Body"),),
    )


def test_outline_orders_lessons_and_leaves_out_urdu_only_lessons() -> None:
    curriculum = Curriculum(
        modules=(Module("m", 1, {"en": "Mod", "ur": "م"}),),
        lessons={
            ("later", "en"): _lesson("later", "en", 2),
            ("first", "en"): _lesson("first", "en", 1),
            ("urdu-only", "ur"): _lesson("urdu-only", "ur", 0),
        },
    )
    text = render_outline(curriculum)
    assert "1 module, 2 lessons, 10 minutes of reading." in text
    assert text.index("### 1.1 first en (5 min)") < text.index("### 1.2 later en (5 min)")
    assert "urdu-only" not in text
