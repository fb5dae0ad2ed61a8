"""Lesson texts and a tree writer shared by the lesson tests (a unique module name, so it
cannot clash with other test folders' helpers)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"

MODULE_YAML = """\
id: basics
order: 1
title:
  en: Basics
  ur: بنیادی باتیں
"""

# Line numbers matter: tests name them. Line 1 is '---'.
LESSON_EN = """\
---
id: first-steps
module: basics
order: 1
title: First steps
minutes: 8
objectives:
  - Say what a platform does
---

A short introduction.

## The idea {#idea}

A [platform](glossary:platform) sits between a client and you.

## Practice {#practice}

```quiz
id: q1
question: Which is true?
options:
  - text: A platform keeps a fee
    correct: true
    why: The fee pays for the service.
  - text: A platform is free
    why: Platforms earn from fees.
```
"""

LESSON_UR = """\
---
id: first-steps
module: basics
order: 1
title: پہلے قدم
minutes: 8
objectives:
  - بتائیں کہ پلیٹ فارم کیا کرتا ہے
---

ایک مختصر تعارف۔

## بنیادی خیال {#idea}

[پلیٹ فارم](glossary:platform) کلائنٹ اور آپ کے درمیان ہوتا ہے۔

## مشق {#practice}

```quiz
id: q1
question: کون سی بات درست ہے؟
options:
  - text: پلیٹ فارم فیس رکھتا ہے
    correct: true
    why: فیس سروس کا معاوضہ ہے۔
  - text: پلیٹ فارم مفت ہے
    why: پلیٹ فارم فیس سے کماتے ہیں۔
```
"""

GLOSSARY_EN = """\
# Glossary

## Platform {#platform}

A website where clients post work.
"""

GLOSSARY_UR = """\
# لغت

## پلیٹ فارم {#platform}

ایک ویب سائٹ جہاں کلائنٹ کام دیتے ہیں۔
"""

EN = "basics/first-steps.en.md"
UR = "basics/first-steps.ur.md"


def base_files() -> dict[str, str | bytes | None]:
    """A tree with no problems at all; tests change one thing in it."""
    return {
        "basics/module.yaml": MODULE_YAML,
        EN: LESSON_EN,
        UR: LESSON_UR,
        "glossary.en.md": GLOSSARY_EN,
        "glossary.ur.md": GLOSSARY_UR,
    }


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write ``files`` (relative path -> text or bytes; ``None`` = leave out) under root."""
    for rel, content in files.items():
        if content is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root
