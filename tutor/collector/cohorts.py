"""Cohorts: staff name intakes per centre on the collector; trainees' PCs send nothing new.

A cohort is a centre, a name and a start date. A trainee belongs to the cohort of their
home centre with the latest start on or before their first event, so a cohort added late
still claims everyone who started after it, and a trainee never belongs to two. Dates are
whole days in UTC (the collector's clock, not the PCs').
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone

from sqlalchemy import and_, select, union
from sqlalchemy.engine import Connection

from tutor.collector.schema import cohorts, enrol_codes, enrolments
from tutor.i18n import _

MAX_NAME = 200
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class CohortError(ValueError):
    """Bad input for a cohort; the message is translated and says what to fix."""


@dataclass(frozen=True)
class Cohort:
    id: int
    centre: str
    name: str
    starts: str
    starts_at: int


def start_ms(text: str) -> int:
    """The first millisecond (UTC) of a YYYY-MM-DD day; :class:`CohortError` if not a date."""
    if not _DATE.match(text):
        raise CohortError(_("Give the start date as YYYY-MM-DD, for example 2026-03-01."))
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise CohortError(_("{day} is not a real date.").format(day=text)) from None
    return int(datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp() * 1000)


def _clean_name(text: str, message: str) -> str:
    """The name without surrounding spaces; ``message`` if empty, too long or with control
    characters (which would garble the dashboard and CSV files)."""
    value = text.strip()
    if not value or len(value) > MAX_NAME or any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise CohortError(message)
    return value


def known_centres(conn: Connection) -> list[str]:
    """Centres named by an enrolment code or an enrolled PC."""
    q = union(select(enrol_codes.c.centre), select(enrolments.c.centre))
    return sorted(c for (c,) in conn.execute(q))


def add_cohort(conn: Connection, centre: str, name: str, starts: str, now_ms: int) -> Cohort:
    """Define a cohort; refuses an unknown centre, a name or a start date already used there."""
    centre = _clean_name(centre, _("Give the centre 1 to 200 characters, no control characters."))
    name = _clean_name(
        name, _("Give the cohort a name of 1 to 200 characters, no control characters.")
    )
    at = start_ms(starts.strip())
    if centre not in known_centres(conn):
        raise CohortError(
            _("No centre called {centre}: make an enrolment code for it first.").format(
                centre=centre
            )
        )
    same = conn.execute(
        select(cohorts.c.name, cohorts.c.starts).where(
            and_(cohorts.c.centre == centre, (cohorts.c.name == name) | (cohorts.c.starts_at == at))
        )
    ).first()
    if same is not None:
        raise CohortError(
            _("{centre} already has cohort {name} starting {starts}.").format(
                centre=centre, name=same[0], starts=same[1]
            )
        )
    result = conn.execute(
        cohorts.insert().values(
            centre=centre, name=name, starts=starts.strip(), starts_at=at, created_at=now_ms
        )
    )
    return Cohort(int(result.inserted_primary_key[0]), centre, name, starts.strip(), at)


def list_cohorts(conn: Connection, centre: str | None = None) -> list[Cohort]:
    c = cohorts.c
    q = select(c.id, c.centre, c.name, c.starts, c.starts_at)
    if centre is not None:
        q = q.where(cohorts.c.centre == centre)
    q = q.order_by(cohorts.c.centre, cohorts.c.starts_at)
    return [Cohort(int(i), c, n, s, int(a)) for i, c, n, s, a in conn.execute(q)]


def cohort_window(conn: Connection, cohort_id: int) -> tuple[Cohort, int | None] | None:
    """The cohort and when the next one at its centre starts (its members' first events
    fall in [start, next start)); None for an unknown id."""
    found = [c for c in list_cohorts(conn) if c.id == cohort_id]
    if not found:
        return None
    mine = found[0]
    later = [c.starts_at for c in list_cohorts(conn, mine.centre) if c.starts_at > mine.starts_at]
    return mine, min(later) if later else None
