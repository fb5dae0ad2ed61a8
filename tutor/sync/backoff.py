"""How long to wait before trying again.

Full jitter (a random delay between 0 and the exponential cap) keeps the PCs of a whole
region, back online at the same moment, from hitting the collector together. A
``Retry-After`` from the collector wins over our own guess.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from email.utils import parsedate_to_datetime


@dataclass(frozen=True)
class BackoffPolicy:
    base_s: float = 2.0
    cap_s: float = 900.0
    max_retry_after_s: float = 3600.0

    def delay(self, failures: int, rng: random.Random) -> float:
        """Seconds to wait after ``failures`` failures in a row (full jitter)."""
        if failures <= 0:
            return 0.0
        ceiling = min(self.cap_s, self.base_s * 2 ** min(failures - 1, 30))
        return rng.uniform(0, ceiling)

    def after_retry_after(self, retry_after: float, rng: random.Random) -> float:
        """The collector's wait plus a little jitter, bounded so a bad header cannot park us."""
        bounded = min(max(retry_after, 0.0), self.max_retry_after_s)
        return bounded + rng.uniform(0, min(self.base_s, bounded / 10 + 0.001))


def parse_retry_after(value: str | None, now_epoch_s: float) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date); None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - now_epoch_s)
