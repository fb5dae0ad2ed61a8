"""The examples in docs/sync.md are real: the batch decodes, the chain rule is the code's."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from tutor.sync.batch_format import decode_batch

DOC = Path(__file__).resolve().parents[2] / "docs" / "sync.md"


def test_documented_batch_is_a_valid_batch() -> None:
    text = DOC.read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.S).group(1)
    batch = decode_batch(gzip.compress(json.dumps(json.loads(example)).encode()))
    assert (batch.first, batch.last, len(batch.events)) == (41, 42, 2)


def test_documented_commands_exist() -> None:
    import shlex

    from tutor.cli import build_parser

    parser = build_parser()
    lines = re.findall(r"^tutor (.+?)(?:\s+#.*)?$", DOC.read_text(encoding="utf-8"), re.M)
    assert len(lines) >= 7
    for line in lines:
        parsed = parser.parse_args(shlex.split(line.replace("\\", "/")))
        assert parsed.func is not None, line
