"""Build a :class:`Scenario` from plain data (already-parsed YAML), rejecting bad values.

Scenario files come from trainers and from packs copied on USB sticks, so every value is
checked for type and range. A problem raises :class:`ScenarioError` carrying the key path
(``("jobs", 3, "budget", "max")``) so the file loader can point at the line, and a message
through ``_()`` so it reads in the trainee's or trainer's language.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from tutor.domain.sim.scenario import (
    FIVERR,
    FIXED,
    FREELANCER,
    HOURLY,
    RED_FLAGS,
    SCAM_KINDS,
    STYLES,
    UPWORK,
    Band,
    CareerRules,
    Category,
    ClientProfile,
    ConnectsStep,
    Exchange,
    Fees,
    JobTemplate,
    Need,
    Platform,
    RivalKind,
    Scenario,
    Span,
)
from tutor.i18n import _

FORMAT = 1
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
MAX_TEXT = 4000
MAX_ITEMS = 500
COMPETITION_LEVELS = ("low", "medium", "high", "crowded")
T = TypeVar("T")
Path = tuple[str | int, ...]


class ScenarioError(ValueError):
    """A scenario value is wrong; ``path`` locates it, ``message`` says what is wrong."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def where(self) -> str:
        """The key path as people write it: ``jobs[3].budget.max``."""
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out


def _get(data: Any, path: Path, key: str, required: bool = True) -> Any:
    if not isinstance(data, dict):
        raise ScenarioError(path, _("Expected a mapping of keys and values here."))
    if key not in data:
        if required:
            raise ScenarioError(path, _("The key '{key}' is missing.").format(key=key))
        return None
    return data[key]


def _text(value: Any, path: Path, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(path, _("Expected some text here."))
    if len(value) > limit:
        raise ScenarioError(path, _("This text is longer than {n} characters.").format(n=limit))
    return value.strip()


def _ident(value: Any, path: Path) -> str:
    if not isinstance(value, str) or not ID_RE.match(value):
        raise ScenarioError(
            path, _("An id uses only a-z, 0-9 and '-', and starts with a letter or digit.")
        )
    return value


def _number(value: Any, path: Path, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ScenarioError(path, _("Expected a number here."))
    if not low <= value <= high:
        raise ScenarioError(
            path, _("This number must be between {low} and {high}.").format(low=low, high=high)
        )
    return float(value)


def _int(value: Any, path: Path, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScenarioError(path, _("Expected a whole number here."))
    return int(_number(value, path, low, high))


def _decimal(value: Any, path: Path, low: float, high: float) -> Decimal:
    number = _number(value, path, low, high)
    try:
        return Decimal(str(value)) if not isinstance(value, float) else Decimal(repr(number))
    except InvalidOperation as exc:  # pragma: no cover - _number already checked
        raise ScenarioError(path, _("Expected a number here.")) from exc


def _list(value: Any, path: Path, min_items: int = 1) -> list[Any]:
    if not isinstance(value, list):
        raise ScenarioError(path, _("Expected a list here."))
    if not min_items <= len(value) <= MAX_ITEMS:
        raise ScenarioError(
            path,
            _("This list needs between {low} and {high} items.").format(
                low=min_items, high=MAX_ITEMS
            ),
        )
    return value


def _each(value: Any, path: Path, build: Callable[[Any, Path], T], min_items: int = 1) -> list[T]:
    return [build(item, (*path, i)) for i, item in enumerate(_list(value, path, min_items))]


def _span(value: Any, path: Path, low: float, high: float) -> Span:
    """A ``[low, high]`` pair (or one number, meaning exactly that value)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = _number(value, path, low, high)
        return Span(number, number)
    pair = _list(value, path, 2)
    if len(pair) != 2:
        raise ScenarioError(path, _("Expected a pair [lowest, highest]."))
    a = _number(pair[0], (*path, 0), low, high)
    b = _number(pair[1], (*path, 1), low, high)
    if a > b:
        raise ScenarioError(path, _("The first number must not be larger than the second."))
    return Span(a, b)


def _unique(items: Sequence[Any], path: Path, key: Callable[[Any], str]) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        k = key(item)
        if k in seen:
            raise ScenarioError((*path, i), _("The id '{id}' is used twice.").format(id=k))
        seen.add(k)


def _connects_step(value: Any, path: Path) -> ConnectsStep:
    up_to = _get(value, path, "up_to", required=False)
    return ConnectsStep(
        up_to=None if up_to is None else _number(up_to, (*path, "up_to"), 0, 1e7),
        connects=_int(_get(value, path, "connects"), (*path, "connects"), 0, 100),
    )


def _words(value: Any, path: Path) -> tuple[int, int]:
    if value is None:
        return (80, 300)
    span = _span(value, path, 1, 2000)
    return (int(span.low), int(span.high))


def _platform(value: Any, path: Path) -> Platform:
    style = _get(value, path, "style")
    if style not in STYLES:
        raise ScenarioError(
            (*path, "style"),
            _("The platform style must be one of: {styles}.").format(styles=", ".join(STYLES)),
        )
    if style == FREELANCER:
        return _freelancer_platform(value, path)
    if style == FIVERR:
        return _fiverr_platform(value, path)
    return _upwork_platform(value, path)


def _pint(value: Any, path: Path, key: str, low: int, high: int) -> int:
    return _int(_get(value, path, key), (*path, key), low, high)


def _upwork_platform(value: Any, path: Path) -> Platform:
    steps = _each(
        _get(value, path, "connects_by_budget"), (*path, "connects_by_budget"), _connects_step
    )
    return Platform(
        style=UPWORK,
        preview_chars=_pint(value, path, "preview_chars", 40, 2000),
        shortlist=_pint(value, path, "shortlist", 1, 50),
        connect_price_usd=_decimal(
            _get(value, path, "connect_price_usd"), (*path, "connect_price_usd"), 0, 100
        ),
        connects_by_budget=tuple(steps),
        starting_connects=_pint(value, path, "starting_connects", 0, 10000),
        monthly_free_connects=_pint(value, path, "monthly_free_connects", 0, 1000),
        proposal_words=_words(
            _get(value, path, "proposal_words", False), (*path, "proposal_words")
        ),
    )


def _freelancer_platform(value: Any, path: Path) -> Platform:
    """Bids are free but rationed: one bid per proposal from a monthly quota (DOMAIN §1.10)."""
    bids = _pint(value, path, "monthly_bids", 1, 1000)
    return Platform(
        style=FREELANCER,
        preview_chars=_pint(value, path, "preview_chars", 40, 2000),
        shortlist=_pint(value, path, "shortlist", 1, 50),
        connect_price_usd=Decimal(0),
        connects_by_budget=(ConnectsStep(None, 1),),
        starting_connects=bids,
        monthly_free_connects=bids,
        proposal_words=_words(
            _get(value, path, "proposal_words", False), (*path, "proposal_words")
        ),
        monthly_bids=bids,
    )


def _fiverr_platform(value: Any, path: Path) -> Platform:
    """No bidding cost: a gig found by search, and free offers on buyer briefs (DOMAIN §1.9)."""
    low = _number(_get(value, path, "package_min_usd"), (*path, "package_min_usd"), 1, 1e5)
    high = _number(_get(value, path, "package_max_usd"), (*path, "package_max_usd"), 1, 1e5)
    if low > high:
        raise ScenarioError(
            (*path, "package_min_usd"),
            _("'package_min_usd' must not be larger than 'package_max_usd'."),
        )
    return Platform(
        style=FIVERR,
        preview_chars=_pint(value, path, "preview_chars", 40, 2000),
        shortlist=_pint(value, path, "shortlist", 1, 50),
        connect_price_usd=Decimal(0),
        connects_by_budget=(ConnectsStep(None, 0),),
        starting_connects=0,
        monthly_free_connects=0,
        proposal_words=_words(
            _get(value, path, "proposal_words", False), (*path, "proposal_words")
        ),
        search_slots=_pint(value, path, "search_slots", 1, 100),
        searches_per_week=_pint(value, path, "searches_per_week", 0, 200),
        rival_gigs=_pint(value, path, "rival_gigs", 1, 2000),
        package_min_usd=low,
        package_max_usd=high,
    )


def _fees(value: Any, path: Path) -> Fees:
    def pct(key: str) -> Decimal:
        return _decimal(_get(value, path, key), (*path, key), 0, 100)

    def usd(key: str) -> Decimal:
        return _decimal(_get(value, path, key), (*path, key), 0, 1000)

    def days(key: str) -> int:
        return _int(_get(value, path, key), (*path, key), 0, 365)

    sources = _get(value, path, "sources", required=False) or []
    return Fees(
        as_of=_text(_get(value, path, "as_of"), (*path, "as_of"), 40),
        platform_pct=pct("platform_pct"),
        platform_min_usd=usd("platform_min_usd"),
        withdrawal_usd=usd("withdrawal_usd"),
        withdrawal_pct=pct("withdrawal_pct"),
        tax_pct_registered=pct("tax_pct_registered"),
        tax_pct_unregistered=pct("tax_pct_unregistered"),
        review_days=days("review_days"),
        security_days=days("security_days"),
        bank_days=days("bank_days"),
        sources=tuple(_each(sources, (*path, "sources"), _text, 0)),
        withdrawal_tier_usd=_decimal(
            _get(value, path, "withdrawal_tier_usd", False) or 0,
            (*path, "withdrawal_tier_usd"),
            0,
            1e6,
        ),
    )


def _exchange(value: Any, path: Path) -> Exchange:
    return Exchange(
        usd_pkr=_decimal(_get(value, path, "usd_pkr"), (*path, "usd_pkr"), 1, 100000),
        as_of=_text(_get(value, path, "as_of"), (*path, "as_of"), 40),
    )


def _band(value: Any, path: Path) -> Band:
    low = _int(_get(value, path, "min"), (*path, "min"), 0, 2000)
    high = _int(_get(value, path, "max"), (*path, "max"), 0, 2000)
    if low > high:
        raise ScenarioError(path, _("'min' must not be larger than 'max'."))
    return Band(low, high, _number(_get(value, path, "weight"), (*path, "weight"), 0, 1000))


def _competition(value: Any, path: Path) -> dict[str, tuple[Band, ...]]:
    out: dict[str, tuple[Band, ...]] = {}
    for level in COMPETITION_LEVELS:
        bands = _each(_get(value, path, level), (*path, level), _band)
        if sum(b.weight for b in bands) <= 0:
            raise ScenarioError((*path, level), _("At least one band needs a weight above 0."))
        out[level] = tuple(bands)
    return out


def _rival(value: Any, path: Path) -> RivalKind:
    return RivalKind(
        id=_ident(_get(value, path, "id"), (*path, "id")),
        share=_number(_get(value, path, "share"), (*path, "share"), 0, 1),
        preview=_span(_get(value, path, "preview"), (*path, "preview"), 0, 1),
        quality=_span(_get(value, path, "quality"), (*path, "quality"), 0, 1),
        reputation=_span(_get(value, path, "reputation"), (*path, "reputation"), 0, 1),
        price=_span(_get(value, path, "price"), (*path, "price"), 0.05, 10),
    )


def _category(value: Any, path: Path) -> Category:
    terms = _get(value, path, "terms", required=False) or []
    level = _get(value, path, "competition")
    if level not in COMPETITION_LEVELS:
        raise ScenarioError(
            (*path, "competition"),
            _("Competition must be one of: {levels}.").format(levels=", ".join(COMPETITION_LEVELS)),
        )
    return Category(
        id=_ident(_get(value, path, "id"), (*path, "id")),
        title=_text(_get(value, path, "title"), (*path, "title"), 80),
        competition=level,
        market=_span(_get(value, path, "market"), (*path, "market"), 0.5, 1e6),
        terms=tuple(t.lower() for t in _each(terms, (*path, "terms"), _short_text, 0)),
        min_days=_int(_get(value, path, "min_days", False) or 1, (*path, "min_days"), 1, 365),
    )


def _short_text(value: Any, path: Path) -> str:
    return _text(value, path, 60)


def _need(value: Any, path: Path) -> Need:
    terms = _each(_get(value, path, "terms"), (*path, "terms"), lambda v, p: _text(v, p, 60))
    return Need(
        id=_ident(_get(value, path, "id"), (*path, "id")),
        label=_text(_get(value, path, "label"), (*path, "label"), 80),
        terms=tuple(t.lower() for t in terms),
    )


def _client(value: Any, path: Path) -> ClientProfile:
    countries = _get(value, path, "countries", required=False) or ["US"]
    return ClientProfile(
        hire_rate=_span(_get(value, path, "hire_rate"), (*path, "hire_rate"), 0, 1),
        jobs_posted=_span(_get(value, path, "jobs_posted"), (*path, "jobs_posted"), 0, 10000),
        rating=_span(_get(value, path, "rating"), (*path, "rating"), 0, 5),
        verified=bool(_get(value, path, "verified")),
        countries=tuple(_each(countries, (*path, "countries"), lambda v, p: _text(v, p, 40))),
        price_focus=_number(
            _get(value, path, "price_focus", required=False) or 0.0, (*path, "price_focus"), 0, 1
        ),
    )


def _red_flag(value: Any, path: Path) -> str:
    if value not in RED_FLAGS:
        raise ScenarioError(
            path, _("A red flag must be one of: {flags}.").format(flags=", ".join(RED_FLAGS))
        )
    return str(value)


def _job(value: Any, path: Path, categories: dict[str, Category], scam: bool) -> JobTemplate:
    category = _get(value, path, "category")
    if category not in categories:
        raise ScenarioError((*path, "category"), _("This category is not defined."))
    pay = _get(value, path, "pay")
    if pay not in (FIXED, HOURLY):
        raise ScenarioError((*path, "pay"), _("'pay' must be 'fixed' or 'hourly'."))
    red_flags = _get(value, path, "red_flags", required=False) or []
    kind, message, loss = "", "", 0.0
    if scam:
        kind = _get(value, path, "kind")
        if kind not in SCAM_KINDS:
            raise ScenarioError(
                (*path, "kind"),
                _("A scam kind must be one of: {kinds}.").format(kinds=", ".join(SCAM_KINDS)),
            )
        message = _text(_get(value, path, "message"), (*path, "message"))
        loss_value = _get(value, path, "loss_usd", required=False)
        loss = 0.0 if loss_value is None else _number(loss_value, (*path, "loss_usd"), 0, 1e6)
    needs = _each(_get(value, path, "needs"), (*path, "needs"), _need)
    _unique(needs, (*path, "needs"), lambda n: n.id)
    return JobTemplate(
        id=_ident(_get(value, path, "id"), (*path, "id")),
        category=category,
        title=_text(_get(value, path, "title"), (*path, "title"), 120),
        description=_text(_get(value, path, "description"), (*path, "description")),
        pay=pay,
        budget=_span(_get(value, path, "budget"), (*path, "budget"), 1, 1e6),
        hours=_int(_get(value, path, "hours", required=False) or 1, (*path, "hours"), 1, 2000),
        days=_int(_get(value, path, "days", required=False) or 0, (*path, "days"), 0, 365),
        needs=tuple(needs),
        client=_client(_get(value, path, "client"), (*path, "client")),
        red_flags=tuple(_each(red_flags, (*path, "red_flags"), _red_flag, 0)),
        scam_kind=kind,
        scam_message=message,
        scam_loss_usd=loss,
    )


def _career(value: Any, path: Path) -> CareerRules:
    return CareerRules(
        weeks=_int(_get(value, path, "weeks"), (*path, "weeks"), 1, 104),
        jobs_per_week=_int(_get(value, path, "jobs_per_week"), (*path, "jobs_per_week"), 1, 50),
        scam_share=_number(_get(value, path, "scam_share"), (*path, "scam_share"), 0, 1),
        jss_after_contracts=_int(
            _get(value, path, "jss_after_contracts"), (*path, "jss_after_contracts"), 1, 100
        ),
        jss_min_clients=_int(
            _get(value, path, "jss_min_clients"), (*path, "jss_min_clients"), 1, 100
        ),
    )


def scenario_from_dict(data: Any) -> Scenario:
    """Validate ``data`` (parsed YAML) and build the scenario, or raise ScenarioError."""
    root: Path = ()
    fmt = _get(data, root, "format")
    if fmt != FORMAT:
        raise ScenarioError(("format",), _("Only scenario format 1 is supported."))
    categories_list = _each(_get(data, root, "categories"), ("categories",), _category)
    _unique(categories_list, ("categories",), lambda c: c.id)
    categories = {c.id: c for c in categories_list}
    jobs = _each(_get(data, root, "jobs"), ("jobs",), lambda v, p: _job(v, p, categories, False))
    scams = _each(
        _get(data, root, "scams", required=False) or [],
        ("scams",),
        lambda v, p: _job(v, p, categories, True),
        0,
    )
    _unique(jobs + scams, ("jobs",), lambda j: j.id)
    rivals = _each(_get(data, root, "rivals"), ("rivals",), _rival)
    if sum(r.share for r in rivals) <= 0:
        raise ScenarioError(("rivals",), _("At least one rival kind needs a share above 0."))
    phrases = _get(data, root, "template_phrases", required=False) or []
    return Scenario(
        id=_ident(_get(data, root, "id"), ("id",)),
        title=_text(_get(data, root, "title"), ("title",), 120),
        platform=_platform(_get(data, root, "platform"), ("platform",)),
        fees=_fees(_get(data, root, "fees"), ("fees",)),
        exchange=_exchange(_get(data, root, "exchange"), ("exchange",)),
        competition=_competition(_get(data, root, "competition"), ("competition",)),
        rivals=tuple(rivals),
        categories=categories,
        jobs=tuple(jobs),
        scams=tuple(scams),
        career=_career(_get(data, root, "career"), ("career",)),
        template_phrases=tuple(
            p.lower()
            for p in _each(phrases, ("template_phrases",), lambda v, p: _text(v, p, 120), 0)
        ),
    )
