"""The wording of every lesson-checker problem, in English and in Urdu.

DESIGN §4 asks for checker messages in both languages at once (a trainer fixing an Urdu
lesson may read either), so they are kept here as pairs instead of going through the
current-language ``_()``. Each entry: code -> (severity, English, Urdu). The codes are
stable: tests and other tools match on them, never on the wording.
"""

from __future__ import annotations

E = "error"
W = "warning"

MESSAGES: dict[str, tuple[str, str, str]] = {
    # Files and folders
    "path-missing": (
        E,
        "This path does not exist.",
        "یہ راستہ (path) موجود نہیں ہے۔",
    ),
    "unreadable": (
        E,
        "Cannot read this file or folder ({reason}).",
        "یہ فائل یا فولڈر پڑھا نہیں جا سکا ({reason})۔",
    ),
    "too-large": (
        E,
        "The file is too large ({size} bytes; the limit is {limit}).",
        "فائل بہت بڑی ہے ({size} بائٹس؛ حد {limit} ہے)۔",
    ),
    "binary": (
        E,
        "This is not a text file (it contains NUL bytes).",
        "یہ ٹیکسٹ فائل نہیں ہے (اس میں NUL بائٹس ہیں)۔",
    ),
    "not-utf8": (
        E,
        "This file is not UTF-8 text; save it again with UTF-8 encoding.",
        "یہ فائل UTF-8 ٹیکسٹ نہیں ہے؛ اسے UTF-8 انکوڈنگ کے ساتھ دوبارہ محفوظ کریں۔",
    ),
    "empty": (
        E,
        "The file is empty.",
        "فائل خالی ہے۔",
    ),
    "file-name": (
        W,
        "Ignored: lesson files are named NAME.en.md or NAME.ur.md.",
        "نظر انداز کی گئی: سبق کی فائلوں کے نام NAME.en.md یا NAME.ur.md ہوتے ہیں۔",
    ),
    "not-lesson-file": (
        E,
        "Not a lesson tree file: expected a folder, module.yaml, NAME.en.md or NAME.ur.md.",
        "یہ سبق کی فائل نہیں ہے: فولڈر، module.yaml، NAME.en.md یا NAME.ur.md ہونا چاہیے۔",
    ),
    "missing-module-yaml": (
        E,
        "This folder holds lesson files but has no module.yaml.",
        "اس فولڈر میں سبق کی فائلیں ہیں مگر module.yaml موجود نہیں ہے۔",
    ),
    # YAML (module.yaml, lesson headers, quiz blocks)
    "yaml-syntax": (
        E,
        "YAML error: {detail}.",
        "YAML کی غلطی: {detail}۔",
    ),
    "yaml-alias": (
        E,
        "Anchors and aliases (& and *) are not allowed; put text starting with & or * in quotes.",
        "اینکر اور ایلیاس (& اور *) کی اجازت نہیں؛ "
        "& یا * سے شروع ہونے والا ٹیکسٹ quotes میں لکھیں۔",
    ),
    "yaml-too-complex": (
        E,
        "This YAML block is too large or too deeply nested to be a lesson header or quiz.",
        "یہ YAML حصہ سبق کے ہیڈر یا کوئز کے لیے بہت بڑا ہے یا اس میں بہت گہری تہیں ہیں۔",
    ),
    "duplicate-key": (
        E,
        "'{key}' is written twice; only one is allowed.",
        "'{key}' دو بار لکھا گیا ہے؛ صرف ایک بار لکھیں۔",
    ),
    "not-mapping": (
        E,
        "Expected 'name: value' lines here.",
        "یہاں 'name: value' والی سطریں ہونی چاہییں۔",
    ),
    "missing-field": (
        E,
        "The required field '{field}' is missing.",
        "ضروری خانہ '{field}' موجود نہیں ہے۔",
    ),
    "unknown-field": (
        W,
        "Unknown field '{field}' is ignored; is it misspelt?",
        "نامعلوم خانہ '{field}' نظر انداز کیا گیا؛ کیا اس کے ہجے غلط ہیں؟",
    ),
    "bad-id": (
        E,
        "'{value}' is not a valid id: use only a-z, 0-9 and '-' (like 'my-lesson-2').",
        "'{value}' درست id نہیں ہے: صرف a-z، 0-9 اور '-' استعمال کریں (جیسے 'my-lesson-2')۔",
    ),
    "not-text": (
        E,
        "'{field}' must be a line of text and not empty.",
        "'{field}' میں ٹیکسٹ ہونا ضروری ہے اور یہ خالی نہیں ہو سکتا۔",
    ),
    "bad-order": (
        E,
        "'order' must be a whole number, like 1, 2 or 3.",
        "'order' ایک مکمل عدد ہونا چاہیے، جیسے 1، 2 یا 3۔",
    ),
    "bad-minutes": (
        E,
        "'minutes' must be a whole number greater than 0.",
        "'minutes' صفر سے بڑا مکمل عدد ہونا چاہیے۔",
    ),
    "bad-objectives": (
        E,
        "'objectives' must be a list with at least one line of text.",
        "'objectives' میں کم از کم ایک سطر والی فہرست ہونی چاہیے۔",
    ),
    "bad-lang-map": (
        E,
        "'{field}' must list the text per language, like 'en: ...' and 'ur: ...'.",
        "'{field}' میں ہر زبان کا ٹیکسٹ الگ لکھیں، جیسے 'en: ...' اور 'ur: ...'۔",
    ),
    "no-english": (
        E,
        "'{field}' has no English text ('en:').",
        "'{field}' میں انگریزی ٹیکسٹ ('en:') موجود نہیں ہے۔",
    ),
    "no-urdu": (
        W,
        "'{field}' has no Urdu text ('ur:'); English is shown instead.",
        "'{field}' میں اردو ٹیکسٹ ('ur:') موجود نہیں؛ اس کی جگہ انگریزی دکھائی جائے گی۔",
    ),
    "duplicate-module": (
        E,
        "Module id '{id}' is already used by {other}.",
        "ماڈیول id '{id}' پہلے ہی {other} میں استعمال ہو چکی ہے۔",
    ),
    # Lesson header
    "no-front-matter": (
        E,
        "A lesson must start with a header between two '---' lines.",
        "سبق کا آغاز دو '---' سطروں کے درمیان ہیڈر سے ہونا چاہیے۔",
    ),
    "unclosed-front-matter": (
        E,
        "The header that starts here is never closed with a '---' line.",
        "یہاں سے شروع ہونے والا ہیڈر '---' کی سطر سے بند نہیں کیا گیا۔",
    ),
    "module-mismatch": (
        E,
        "The lesson says module '{module}' but its folder is module '{folder}'.",
        "سبق میں ماڈیول '{module}' لکھا ہے مگر اس کا فولڈر ماڈیول '{folder}' کا ہے۔",
    ),
    "unknown-module": (
        E,
        "There is no module '{module}' in this lesson tree (ids come from module.yaml).",
        "اس سبق کے ذخیرے میں '{module}' نام کا کوئی ماڈیول نہیں (id فائل module.yaml سے آتی ہے)۔",
    ),
    "duplicate-lesson": (
        E,
        "Lesson id '{id}' ({lang}) is already used by {other}.",
        "سبق کی id '{id}' ({lang}) پہلے ہی {other} میں استعمال ہو چکی ہے۔",
    ),
    "duplicate-order": (
        W,
        "Lessons '{id}' and '{other}' have the same order {order} in module '{module}'.",
        "ماڈیول '{module}' میں سبق '{id}' اور '{other}' کا order ایک ہی ({order}) ہے۔",
    ),
    # Lesson body
    "no-sections": (
        E,
        "The lesson has no '##' section.",
        "سبق میں کوئی '##' حصہ (section) نہیں ہے۔",
    ),
    "section-no-id": (
        E,
        "This '##' heading has no id; end it with {{#some-id}}.",
        "اس '##' سرخی کی کوئی id نہیں؛ اس کے آخر میں {{#some-id}} لکھیں۔",
    ),
    "duplicate-section": (
        E,
        "Id '{id}' is used twice in this file (first on line {first}).",
        "id '{id}' اس فائل میں دو بار استعمال ہوئی ہے (پہلی بار سطر {first} پر)۔",
    ),
    "unclosed-fence": (
        E,
        "This quiz block is never closed with a ``` line.",
        "یہ کوئز بلاک ``` والی سطر سے بند نہیں کیا گیا۔",
    ),
    "bad-options": (
        E,
        "'options' must be a list of options, each starting with '- text:'.",
        "'options' جوابات کی فہرست ہونی چاہیے، ہر جواب '- text:' سے شروع ہو۔",
    ),
    "option-count": (
        E,
        "A question needs 2 to 6 options; this one has {count}.",
        "ہر سوال کے 2 سے 6 جواب (options) ہونے چاہییں؛ اس میں {count} ہیں۔",
    ),
    "no-correct-option": (
        E,
        "No option is marked 'correct: true'.",
        "کسی جواب پر 'correct: true' نہیں لکھا گیا۔",
    ),
    "bad-correct": (
        E,
        "'correct' must be true or false.",
        "'correct' کی قدر true یا false ہونی چاہیے۔",
    ),
    "duplicate-question": (
        E,
        "Question id '{id}' is used twice in this lesson (first on line {first}).",
        "سوال کی id '{id}' اس سبق میں دو بار استعمال ہوئی ہے (پہلی بار سطر {first} پر)۔",
    ),
    # Between languages
    "urdu-missing": (
        W,
        "This lesson has no Urdu file ({name}); trainees will see it in English.",
        "اس سبق کی اردو فائل ({name}) موجود نہیں؛ تربیت حاصل کرنے والے اسے انگریزی میں دیکھیں گے۔",
    ),
    "english-missing": (
        E,
        "This Urdu lesson has no English file ({name}); English is required.",
        "اس اردو سبق کی انگریزی فائل ({name}) موجود نہیں؛ انگریزی فائل ضروری ہے۔",
    ),
    "id-mismatch": (
        E,
        "Lesson id '{id}' differs from '{other_id}' in the English file; use the same id.",
        "سبق کی id '{id}' انگریزی فائل کی id '{other_id}' سے مختلف ہے؛ ایک ہی id استعمال کریں۔",
    ),
    "header-differs": (
        E,
        "'{field}' is {value} here but {expected} in the English file.",
        "'{field}' یہاں {value} ہے مگر انگریزی فائل میں {expected} ہے۔",
    ),
    "sections-differ": (
        E,
        "Section {index} is '{found}' here but '{expected}' in the English file.",
        "حصہ نمبر {index} یہاں '{found}' ہے مگر انگریزی فائل میں '{expected}' ہے۔",
    ),
    "questions-differ": (
        E,
        "Question {index} is '{found}' here but '{expected}' in the English file.",
        "سوال نمبر {index} یہاں '{found}' ہے مگر انگریزی فائل میں '{expected}' ہے۔",
    ),
    "options-differ": (
        E,
        "Question '{id}' has {count} options here but {expected} in the English file.",
        "سوال '{id}' کے یہاں {count} جواب ہیں مگر انگریزی فائل میں {expected} ہیں۔",
    ),
    "answers-differ": (
        E,
        "Question '{id}' has correct option(s) {found} here but {expected} in the English file.",
        "سوال '{id}' کے درست جواب یہاں {found} ہیں مگر انگریزی فائل میں {expected} ہیں۔",
    ),
    # Links and glossary
    "unknown-practice": (
        E,
        "Link '{target}': there is no such practice; use {known}.",
        "لنک '{target}': اس نام کی کوئی مشق نہیں ہے؛ {known} استعمال کریں۔",
    ),
    "broken-lesson-link": (
        E,
        "Link '{target}': there is no lesson '{lesson}'.",
        "لنک '{target}': '{lesson}' نام کا کوئی سبق نہیں ہے۔",
    ),
    "broken-section-link": (
        E,
        "Link '{target}': lesson '{lesson}' has no section '{section}'.",
        "لنک '{target}': سبق '{lesson}' میں '{section}' نام کا کوئی حصہ نہیں ہے۔",
    ),
    "missing-glossary-term": (
        E,
        "Link '{target}': the glossary has no term '{term}'.",
        "لنک '{target}': لغت (glossary) میں '{term}' نام کی کوئی اصطلاح نہیں ہے۔",
    ),
    "file-link": (
        W,
        "Link '{target}' will not open in the tutor; use lesson:ID or glossary:ID.",
        "لنک '{target}' ٹیوٹر میں نہیں کھلے گا؛ lesson:ID یا glossary:ID استعمال کریں۔",
    ),
    "duplicate-term": (
        E,
        "Glossary term '{id}' ({lang}) is already defined in {other}.",
        "لغت کی اصطلاح '{id}' ({lang}) پہلے ہی {other} میں موجود ہے۔",
    ),
    "empty-term": (
        E,
        "Glossary term '{id}' has no explanation under its heading.",
        "لغت کی اصطلاح '{id}' کی سرخی کے نیچے کوئی وضاحت نہیں ہے۔",
    ),
    "term-urdu-missing": (
        W,
        "Glossary term '{id}' has no Urdu explanation; English is shown instead.",
        "لغت کی اصطلاح '{id}' کی اردو وضاحت موجود نہیں؛ اس کی جگہ انگریزی دکھائی جائے گی۔",
    ),
    "term-english-missing": (
        E,
        "Glossary term '{id}' is in Urdu but not in any English glossary file.",
        "لغت کی اصطلاح '{id}' اردو میں ہے مگر کسی انگریزی لغت کی فائل میں نہیں ہے۔",
    ),
}
