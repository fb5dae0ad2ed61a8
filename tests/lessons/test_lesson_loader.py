"""load_tree / parse_lesson: the exact model from a valid tree, and what survives errors."""

from __future__ import annotations

from pathlib import Path

from lesson_texts import EN, FIXTURES, LESSON_EN

from tutor.domain.glossary import Glossary, Term
from tutor.domain.lesson import Curriculum, Lesson, Module, Option, Question, Section
from tutor.lessons.loader import load_tree, parse_lesson
from tutor.lessons.tree_scan import scan_tree

VALID = FIXTURES / "valid"


def _first_steps(lang: str) -> Lesson:
    en = lang == "en"
    return Lesson(
        id="first-steps",
        module="basics",
        order=1,
        lang=lang,
        title="First steps" if en else "پہلے قدم",
        minutes=8 if en else 9,
        objectives=("Say what a platform does", "Name two platforms")
        if en
        else ("بتائیں کہ پلیٹ فارم کیا کرتا ہے", "دو پلیٹ فارم کے نام لیں"),
        sections=(
            Section(
                "idea",
                "The idea" if en else "بنیادی خیال",
                "A [platform](glossary:platform) sits between a client and you."
                if en
                else "[پلیٹ فارم](glossary:platform) کلائنٹ اور آپ کے درمیان ہوتا ہے۔",
            ),
            Section(
                "practice",
                "Practice" if en else "مشق",
                "Try the question below." if en else "نیچے دیا گیا سوال حل کریں۔",
            ),
        ),
        quiz=(
            Question(
                id="q-platform",
                prompt="What does a platform keep?" if en else "پلیٹ فارم کیا رکھتا ہے؟",
                options=(
                    Option(
                        "A fee from each payment" if en else "ہر ادائیگی سے فیس",
                        True,
                        "The fee pays for the service." if en else "فیس سروس کا معاوضہ ہے۔",
                    ),
                    Option(
                        "Nothing at all" if en else "کچھ بھی نہیں",
                        False,
                        "Platforms earn from fees." if en else "پلیٹ فارم فیس سے کماتے ہیں۔",
                    ),
                ),
            ),
        ),
        intro="A short introduction." if en else "ایک مختصر تعارف۔",
        source=str(VALID / "01-basics" / f"first-steps.{lang}.md"),
    )


def _spotting_scams(lang: str) -> Lesson:
    en = lang == "en"
    body = (
        "A client who asks you to pay first is a red flag.\n"
        "See [the idea](lesson:first-steps#idea) again."
        if en
        else "جو کلائنٹ پہلے آپ سے پیسے مانگے، یہ خطرے کی علامت ہے۔\n"
        "[بنیادی خیال](lesson:first-steps#idea) دوبارہ دیکھیں۔"
    )
    return Lesson(
        id="spotting-scams",
        module="safety",
        order=1,
        lang=lang,
        title="Spotting scams" if en else "دھوکے پہچاننا",
        minutes=10,
        objectives=("Name one red flag",) if en else ("ایک خطرے کی علامت بتائیں",),
        sections=(Section("red-flags", "Red flags" if en else "خطرے کی علامتیں", body),),
        source=str(VALID / "02-safety" / f"spotting-scams.{lang}.md"),
    )


def test_valid_tree_loads_into_the_exact_model() -> None:
    result = load_tree(VALID)
    assert result.problems == []
    assert result.curriculum == Curriculum(
        modules=(
            Module(
                "basics",
                1,
                {"en": "Basics", "ur": "بنیادی باتیں"},
                {"en": "What a platform is.", "ur": "پلیٹ فارم کیا ہے۔"},
            ),
            Module("safety", 2, {"en": "Staying safe", "ur": "محفوظ رہنا"}),
        ),
        lessons={
            (lid, lang): make(lang)
            for lid, make in (("first-steps", _first_steps), ("spotting-scams", _spotting_scams))
            for lang in ("en", "ur")
        },
    )
    assert result.glossary == Glossary(
        {
            "platform": Term(
                "platform",
                {"en": "Platform", "ur": "پلیٹ فارم"},
                {
                    "en": "A website where clients post work and freelancers apply.",
                    "ur": "ایک ویب سائٹ جہاں کلائنٹ کام دیتے ہیں اور فری لانسر درخواست دیتے ہیں۔",
                },
            )
        }
    )
    assert result.curriculum.all_lesson_ids() == ["first-steps", "spotting-scams"]


def test_simulator_folder_and_data_files_are_skipped() -> None:
    # The fixture's simulator/ and 01-basics/data.yaml hold broken YAML and a stray .md.
    files = {p.file for p in load_tree(VALID).problems}
    assert files == set()
    assert (VALID / "simulator" / "notes.md").is_file()


def test_parse_lesson_keeps_a_lesson_whose_quiz_is_broken() -> None:
    text = LESSON_EN.replace("    correct: true\n", "")
    lesson, problems = parse_lesson(text, source="x.en.md", lang="en")
    assert lesson is not None
    assert lesson.quiz == ()
    assert [s.id for s in lesson.sections] == ["idea", "practice"]
    assert [(p.code, p.line) for p in problems] == [("no-correct-option", 22)]


def test_section_without_id_gets_a_position_id_and_an_error() -> None:
    text = LESSON_EN.replace("## Practice {#practice}", "## Practice")
    lesson, problems = parse_lesson(text, source="x.en.md", lang="en")
    assert lesson is not None
    assert [s.id for s in lesson.sections] == ["idea", "section-2"]
    assert [p.code for p in problems] == ["section-no-id"]


def test_broken_header_gives_no_lesson() -> None:
    lesson, problems = parse_lesson(
        LESSON_EN.replace("title: First steps\n", ""), source="x", lang="en"
    )
    assert lesson is None
    assert [(p.code, p.line) for p in problems] == [("missing-field", 2)]


def test_section_body_leaves_out_quiz_fences_and_keeps_markdown() -> None:
    text = LESSON_EN.replace(
        "## Practice {#practice}\n", "## Practice {#practice}\n\n- one\n- *two*\n"
    )
    lesson, _ = parse_lesson(text, source="x", lang="en")
    assert lesson is not None
    assert lesson.sections[1].body == "- one\n- *two*"
    assert lesson.quiz[0].id == "q1"


def test_quiz_inside_a_list_item_is_collected_and_cut_from_the_body() -> None:
    fence = LESSON_EN.split("```quiz\n", 1)[1].split("```", 1)[0]
    indented = "".join("   " + line + "\n" for line in fence.splitlines())
    text = LESSON_EN.split("```quiz", 1)[0] + "1. Answer this:\n\n   ```quiz\n" + indented
    text += "   ```\n\nAfter.\n"
    lesson, problems = parse_lesson(text, source="x", lang="en")
    assert problems == []
    assert lesson is not None
    assert lesson.quiz[0].options[0].correct is True
    assert lesson.sections[1].body == "1. Answer this:\n\n\nAfter."


def test_windows_line_endings_and_bom_give_the_same_lesson() -> None:
    plain, _ = parse_lesson(LESSON_EN, source="x", lang="en")
    windows, problems = parse_lesson(
        "\ufeff" + LESSON_EN.replace("\n", "\r\n"), source="x", lang="en"
    )
    assert problems == []
    assert windows == plain


def test_heading_inside_a_code_block_is_not_a_section() -> None:
    text = LESSON_EN.replace("A short introduction.", "```text\n## Not a section {#fake}\n```")
    lesson, problems = parse_lesson(text, source="x", lang="en")
    assert problems == []
    assert lesson is not None
    assert [s.id for s in lesson.sections] == ["idea", "practice"]
    assert "## Not a section" in lesson.intro


def test_load_tree_leaves_out_lessons_of_unknown_modules(tree) -> None:
    root = tree({EN: LESSON_EN.replace("module: basics", "module: nowhere")})
    result = load_tree(root)
    assert ("first-steps", "en") not in result.curriculum.lessons
    assert ("first-steps", "ur") in result.curriculum.lessons
    assert result.curriculum.get("first-steps", "en") is None
    assert [p.code for p in result.problems] == ["unknown-module"]


def test_duplicate_lesson_keeps_the_first_file(tree) -> None:
    root = tree({"basics/zz-copy.en.md": LESSON_EN.replace("First steps", "Copy")})
    result = load_tree(root)
    lesson = result.curriculum.lessons[("first-steps", "en")]
    assert lesson.title == "First steps"
    assert Path(lesson.source).name == "first-steps.en.md"
    dup = [p for p in result.problems if p.code == "duplicate-lesson"]
    assert [Path(p.file).name for p in dup] == ["zz-copy.en.md"]


def test_loading_without_links_builds_the_same_model_as_checking() -> None:
    checked = scan_tree(VALID)
    loaded = scan_tree(VALID, links=False)
    assert loaded.curriculum == checked.curriculum
    assert loaded.glossary == checked.glossary
    assert [p.links for p in loaded.lessons] == [[] for _ in checked.lessons]
    assert any(p.links for p in checked.lessons)
