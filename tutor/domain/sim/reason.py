"""A reason: one explainable finding shown to the trainee, as a code plus small params.

Engine code returns these instead of sentences so the same result can be shown in English
or Urdu (``tutor.domain.sim.reason_text`` renders them) and recorded in events by code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

ParamValue = str | int | float


@dataclass(frozen=True)
class Reason:
    """``ok`` says whether this finding helped (shown with ✓) or hurt (shown with ✗)."""

    code: str
    ok: bool
    params: Mapping[str, ParamValue] = field(default_factory=dict)
