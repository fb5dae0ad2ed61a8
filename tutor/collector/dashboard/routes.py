"""The dashboard's web pages, CSV exports and login, as Starlette routes.

Every page and export needs a live staff session (a cookie holding a random token); every
form that changes something carries the session's CSRF token, and the login form a
double-submit token. Failed logins are slowed down per account and per address. Pages are
Jinja2 templates with autoescaping on, served with a Content-Security-Policy that allows
nothing from other hosts and no scripts at all.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import csv
import functools
import hmac
import io
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader
from sqlalchemy.exc import OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from tutor.collector.cohorts import cohort_window, list_cohorts
from tutor.collector.dashboard import reports as rep
from tutor.collector.dashboard.charts import bar_chart
from tutor.collector.dashboard.cohort_reports import cohort_table
from tutor.collector.dashboard.curriculum_index import CurriculumIndex, load_index
from tutor.collector.dashboard.staff_accounts import StaffAccounts, StaffSession
from tutor.collector.dashboard.texts import texts
from tutor.collector.store import CollectorStore
from tutor.collector.summary_model import SITTING_GAP_MS

PREFIX = "/dashboard"
XAPI_PATH = "/xapi/statements"
SESSION_COOKIE = "tutor_staff"
LOGIN_CSRF_COOKIE = "tutor_login_csrf"
LANG_COOKIE = "tutor_lang"
MAX_FORM_BYTES = 4096
MAX_PARAM = 200
CSP = (
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
Sleep = Callable[[float], Awaitable[None]]


@dataclass
class LoginThrottle:
    """Failed logins per client address (accounts keep their own count in the database):
    each failure doubles the wait before the next answer, up to ``cap`` seconds."""

    cap: float = 16.0
    failures: dict[str, int] = field(default_factory=dict)

    def delay(self, count: int) -> float:
        return 0.0 if count <= 0 else min(self.cap, 0.5 * 2 ** (count - 1))

    def note(self, address: str, ok: bool) -> None:
        if ok:
            self.failures.pop(address, None)
        elif len(self.failures) < 100_000:
            self.failures[address] = self.failures.get(address, 0) + 1


@functools.lru_cache(maxsize=1)
def bundled_index() -> CurriculumIndex:
    """The bundled curriculum's index, read once per process on first use."""
    return load_index()


@dataclass
class Dashboard:
    store: CollectorStore
    accounts: StaffAccounts
    given_curriculum: CurriculumIndex | None
    sleep: Sleep
    secure_cookies: bool = False
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    env: Environment = field(init=False)

    @property
    def curriculum(self) -> CurriculumIndex:
        return self.given_curriculum if self.given_curriculum is not None else bundled_index()

    def __post_init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("tutor.collector.dashboard", "templates"),
            autoescape=True,
        )
        self.env.filters["when"] = format_time
        self.env.globals["time_columns"] = rep.TIME_COLUMNS
        self.env.filters["qs"] = lambda d: urlencode({k: v for k, v in d.items() if v})


def format_time(ms: Any) -> str:
    """Milliseconds since the epoch as a UTC date and time; blank when unknown."""
    if ms is None:
        return ""
    try:
        return datetime.fromtimestamp(int(ms) / 1000, tz=timezone.utc).strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):
        return ""


def iso_time(ms: Any) -> str:
    """Times in CSV files: ISO 8601 UTC, which spreadsheets and scripts both read."""
    text = format_time(ms)
    return text.replace(" ", "T") + "Z" if text else ""


def _headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
        "X-Frame-Options": "DENY",
    }


def _lang(request: Request) -> str:
    chosen = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE, "en")
    return chosen if chosen in ("en", "ur") else "en"


def _param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name)
    if value is None or value == "" or len(value) > MAX_PARAM:
        return None
    return value


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name, "")
    if raw.isdigit() and len(raw) <= 6 and low <= int(raw) <= high:
        return int(raw)
    return default


def csv_cell(value: Any) -> str:
    """A cell that a spreadsheet will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def table_csv(table: rep.Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    times = [c in rep.TIME_COLUMNS for c in table.columns]
    for row in table.rows:
        writer.writerow(
            [iso_time(v) if is_time else csv_cell(v) for v, is_time in zip(row, times, strict=True)]
        )
    return out.getvalue()


def dashboard_routes(
    store: CollectorStore,
    *,
    curriculum: CurriculumIndex | None = None,
    sleep: Sleep = asyncio.sleep,
    secure_cookies: bool = False,
) -> list[BaseRoute]:
    """The dashboard's routes over one store, to add to the collector's app."""
    dash = Dashboard(
        store,
        StaffAccounts(store.engine, store.clock_ms, store.rng),
        curriculum,
        sleep,
        secure_cookies,
    )
    pages = _Pages(dash)
    return [
        Route(f"{PREFIX}/login", pages.login_form, methods=["GET"]),
        Route(f"{PREFIX}/login", pages.login, methods=["POST"]),
        Route(f"{PREFIX}/logout", pages.logout, methods=["POST"]),
        Route(f"{PREFIX}/", pages.page("overview"), methods=["GET"]),
        Route(f"{PREFIX}/centres", pages.page("centres"), methods=["GET"]),
        Route(f"{PREFIX}/trainees", pages.page("trainees"), methods=["GET"]),
        Route(f"{PREFIX}/trainee", pages.page("trainee"), methods=["GET"]),
        Route(f"{PREFIX}/lessons", pages.page("lessons"), methods=["GET"]),
        Route(f"{PREFIX}/outcomes", pages.page("outcomes"), methods=["GET"]),
        Route(f"{PREFIX}/csv/{{table}}.csv", pages.export, methods=["GET"]),
        Route(XAPI_PATH, pages.statements, methods=["GET"]),
        Mount(
            f"{PREFIX}/static",
            app=StaticFiles(packages=[("tutor.collector.dashboard", "static")]),
        ),
    ]


class _Pages:
    """Handlers; each page's data is gathered by one function in the thread pool."""

    def __init__(self, dash: Dashboard) -> None:
        self.d = dash

    # ---- sessions ------------------------------------------------------------------
    async def staff(self, request: Request) -> tuple[StaffSession | None, str]:
        token = request.cookies.get(SESSION_COOKIE, "")
        if not token:
            return None, ""
        session = await run_in_threadpool(self.d.accounts.session, token)
        return session, token

    def render(self, request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        lang = _lang(request)
        html = self.d.env.get_template(name).render(
            T=texts(lang), lang=lang, rtl=lang == "ur", prefix=PREFIX, **ctx
        )
        response = HTMLResponse(html, status_code=status, headers=_headers())
        if request.query_params.get("lang") == lang:
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict")
        return response

    def _to_login(self) -> Response:
        return RedirectResponse(f"{PREFIX}/login", status_code=303, headers=_headers())

    # ---- login and logout ---------------------------------------------------------------
    async def login_form(self, request: Request, error: str = "", status: int = 200) -> Response:
        csrf = secrets.token_urlsafe(32)
        response = self.render(request, "login.html", status=status, csrf=csrf, error=error)
        response.set_cookie(
            LOGIN_CSRF_COOKIE,
            csrf,
            httponly=True,
            samesite="strict",
            secure=self.d.secure_cookies,
            path=f"{PREFIX}/login",
        )
        return response

    async def _form(self, request: Request) -> dict[str, str] | None:
        declared = request.headers.get("content-length", "")
        if not declared.isdigit() or int(declared) > MAX_FORM_BYTES:
            return None
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("application/x-www-form-urlencoded"):
            return None
        form = await request.form(max_files=0, max_fields=10)
        return {k: v for k, v in form.items() if isinstance(v, str)}

    async def login(self, request: Request) -> Response:
        t = texts(_lang(request))
        form = await self._form(request)
        cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        if form is None or not cookie or not hmac.compare_digest(cookie, form.get("csrf", "")):
            return await self.login_form(request, t["login_expired"], 400)
        username, password = form.get("username", "")[:64], form.get("password", "")[:1024]
        address = request.client.host if request.client else "?"
        per_user = await run_in_threadpool(self.d.accounts.recent_failures, username)
        per_addr = self.d.throttle.failures.get(address, 0)
        await self.d.sleep(self.d.throttle.delay(max(per_user, per_addr)))
        ok = await run_in_threadpool(self.d.accounts.verify, username, password)
        self.d.throttle.note(address, ok)
        if not ok:
            return await self.login_form(request, t["login_failed"], 401)
        token, _session = await run_in_threadpool(self.d.accounts.open_session, username)
        response = RedirectResponse(f"{PREFIX}/", status_code=303, headers=_headers())
        response.set_cookie(
            SESSION_COOKIE,
            token,
            max_age=8 * 3600,
            httponly=True,
            samesite="strict",
            secure=self.d.secure_cookies,
            path="/",
        )
        response.delete_cookie(LOGIN_CSRF_COOKIE, path=f"{PREFIX}/login")
        return response

    async def logout(self, request: Request) -> Response:
        session, token = await self.staff(request)
        if session is None:
            return self._to_login()
        form = await self._form(request)
        if form is None or not hmac.compare_digest(session.csrf, form.get("csrf", "")):
            return Response("CSRF", status_code=403, headers=_headers())
        await run_in_threadpool(self.d.accounts.close_session, token)
        response = self._to_login()
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    # ---- pages ------------------------------------------------------------------------
    def page(self, name: str):  # noqa: ANN201
        async def handler(request: Request) -> Response:
            session, _token = await self.staff(request)
            if session is None:
                return self._to_login()
            lang = _lang(request)
            try:
                data = await run_in_threadpool(self._gather, name, request, lang)
            except OperationalError:  # SQLite busy, PostgreSQL restarting: try again later
                return Response("busy", status_code=503, headers={**_headers(), "Retry-After": "5"})
            if data is None:
                return self.render(request, "missing.html", status=404, staff=session)
            return self.render(request, f"{name}.html", staff=session, page=name, **data)

        return handler

    def _scope(self, request: Request, conn) -> tuple[rep.Scope, list[str]]:  # noqa: ANN001
        names = rep.centre_names(conn)
        centre = _param(request, "centre")
        return rep.Scope(self.d.store.clock_ms(), centre if centre in names else None), names

    def _gather(self, name: str, request: Request, lang: str) -> dict[str, Any] | None:
        with self.d.store.engine.connect() as conn:
            scope, names = self._scope(request, conn)
            filters = {"centre": scope.centre or ""}
            data: dict[str, Any] = {"centres_list": names, "filters": filters}
            if name == "overview":
                data.update(self._overview(conn, scope, lang))
            elif name == "centres":
                data["centres"] = rep.centres(conn, scope)
                data["cohorts"] = cohort_table(conn, scope, self.d.curriculum.total_lessons)
                data["devices"] = rep.devices(conn, scope)
            elif name == "trainees":
                status = _param(request, "status")
                filters["status"] = status if status in rep.STATUSES else ""
                days = _int_param(request, "stuck_days", 14, 1, 3650)
                offset = _int_param(request, "offset", 0, 0, 10**6)
                filters["stuck_days"] = str(days)
                span = self._cohort(conn, request)
                filters["cohort"] = str(span[0]) if span else ""
                data["cohorts_list"] = list_cohorts(conn)
                data["trainees"] = self._trainees(conn, scope, request)
                data["statuses"] = rep.STATUSES
                data["next_offset"] = (
                    offset + rep.PAGE_ROWS if len(data["trainees"].rows) == rep.PAGE_ROWS else None
                )
            elif name == "trainee":
                learner = _param(request, "id")
                if learner is None:
                    return None
                data["learner"] = learner
                data["timeline"] = rep.timeline(conn, learner)
                if not data["timeline"].rows:
                    return None
            elif name == "lessons":
                data["funnel"] = self._titled(rep.lesson_funnel(conn, scope), lang)
                data["hardest"] = self._titled(rep.hardest_questions(conn, scope), lang)
                data["funnel_chart"] = self._funnel_chart(data["funnel"], lang)
                data["time_spent"] = self._titled(rep.time_spent(conn, scope), lang)
                data["gap_minutes"] = SITTING_GAP_MS // 60_000
            elif name == "outcomes":
                data["milestones"] = rep.milestone_counts(conn, scope)
                data["trajectories"] = rep.trajectories(conn, scope)
                data["trajectory_chart"] = self._trajectory_chart(data["trajectories"], lang)
            conn.rollback()
        return data

    def _cohort(self, conn, request: Request) -> tuple[int, rep.CohortSpan] | None:  # noqa: ANN001
        """The ``cohort`` filter when it names a defined cohort (by id), else None."""
        raw = _param(request, "cohort") or ""
        if not raw.isdigit() or len(raw) > 9:
            return None
        found = cohort_window(conn, int(raw))
        if found is None:
            return None
        cohort, end = found
        return cohort.id, rep.CohortSpan(cohort.centre, cohort.starts_at, end)

    def _trainees(self, conn, scope: rep.Scope, request: Request) -> rep.Table:  # noqa: ANN001
        status = _param(request, "status")
        span = self._cohort(conn, request)
        return rep.trainee_rows(
            conn,
            scope,
            status=status if status in rep.STATUSES else None,
            stuck_days=_int_param(request, "stuck_days", 14, 1, 3650),
            total_lessons=self.d.curriculum.total_lessons,
            offset=_int_param(request, "offset", 0, 0, 10**6),
            cohort=span[1] if span else None,
        )

    def _titled(self, table: rep.Table, lang: str) -> rep.Table:
        """Lesson rows in teaching order, with the lesson's title in the page's language."""
        order = {lid: i for i, lid in enumerate(self.d.curriculum.lesson_order)}
        rows = sorted(table.rows, key=lambda r: (order.get(r[0], len(order)), str(r[0])))
        titled = [(self.d.curriculum.lesson_title(r[0], lang), *r[1:]) for r in rows]
        return rep.Table(table.name, table.columns, titled)

    def module_completion(self, conn, scope: rep.Scope, lang: str) -> rep.Table:  # noqa: ANN001
        """Per module: lessons completed as a share of (trainees x lessons in the module)."""
        enrolled = rep.headline(conn, scope)["enrolled"]
        done = {r[0]: r[1] for r in rep.lesson_results(conn, scope).rows}
        rows = []
        for m in self.d.curriculum.modules:
            count = sum(int(done.get(lid, 0)) for lid in m.lessons)
            possible = enrolled * len(m.lessons)
            rows.append((m.title(lang), count, round(100 * count / possible) if possible else 0))
        return rep.Table("modules", ("module", "completed", "percent"), rows)

    def _overview(self, conn, scope: rep.Scope, lang: str) -> dict[str, Any]:  # noqa: ANN001
        t = texts(lang)
        modules = self.module_completion(conn, scope, lang)
        results = self._titled(rep.lesson_results(conn, scope), lang)
        pass_rates = rep.Table(
            "pass_rates",
            ("lesson", "quiz_takers", "quiz_passed", "pass_rate"),
            [
                (r[0], r[2], r[3], round(100 * r[3] / r[2]) if r[2] else 0)
                for r in results.rows
                if r[2]
            ],
        )
        chart = bar_chart(
            t["completion_by_module"],
            [r[0] for r in modules.rows],
            [(t["percent_completed"], [r[2] for r in modules.rows])],
            percent=True,
        )
        return {
            "headline": rep.headline(conn, scope),
            "modules": modules,
            "module_chart": chart,
            "pass_rates": pass_rates,
            "sim": rep.sim_results(conn, scope),
            "centres": rep.centres(conn, scope),
        }

    def _funnel_chart(self, funnel: rep.Table, lang: str):  # noqa: ANN202
        t = texts(lang)
        labels = [r[0] for r in funnel.rows]
        steps = ("opened", "read", "quiz_taken", "quiz_passed", "completed")
        series = [(t[f"col_{s}"], [r[funnel.columns.index(s)] for r in funnel.rows]) for s in steps]
        return bar_chart(t["funnel"], labels, series)

    def _trajectory_chart(self, table: rep.Table, lang: str):  # noqa: ANN202
        t = texts(lang)
        labels = [format_time(r[0])[:10] for r in table.rows]
        series = [
            (t[f"col_{k}"], [r[table.columns.index(k)] for r in table.rows])
            for k in rep.TRAJECTORIES
        ]
        return bar_chart(t["trajectories"], labels, series, stacked=True)

    # ---- CSV ----------------------------------------------------------------------------
    async def export(self, request: Request) -> Response:
        session, _token = await self.staff(request)
        if session is None:
            return Response("login required", status_code=401, headers=_headers())
        name = request.path_params["table"]
        table = await run_in_threadpool(self._export_table, name, request)
        if table is None:
            return Response("unknown table", status_code=404, headers=_headers())
        stamp = time.strftime("%Y%m%d")
        return Response(
            table_csv(table),
            media_type="text/csv; charset=utf-8",
            headers={
                **_headers(),
                "Content-Disposition": f'attachment; filename="{table.name}-{stamp}.csv"',
            },
        )

    def _export_table(self, name: str, request: Request) -> rep.Table | None:
        lang = _lang(request)
        simple: dict[str, Callable[..., rep.Table]] = {
            "lesson_results": rep.lesson_results,
            "sim_results": rep.sim_results,
            "centres": rep.centres,
            "devices": rep.devices,
            "funnel": rep.lesson_funnel,
            "hardest": rep.hardest_questions,
            "milestones": rep.milestone_counts,
            "trajectories": rep.trajectories,
        }
        with self.d.store.engine.connect() as conn:
            scope, _names = self._scope(request, conn)
            if name in simple:
                table = simple[name](conn, scope)
            elif name == "modules":
                table = self.module_completion(conn, scope, lang)
            elif name == "cohorts":
                table = cohort_table(conn, scope, self.d.curriculum.total_lessons)
            elif name == "time_spent":
                table = rep.time_spent(conn, scope)
            elif name == "trainees":
                table = self._trainees(conn, scope, request)
            elif name == "timeline":
                learner = _param(request, "id")
                table = rep.timeline(conn, learner) if learner else None
            else:
                table = None
            conn.rollback()
        return table

    # ---- xAPI -----------------------------------------------------------------------------
    async def _basic_auth(self, request: Request) -> bool:
        """HTTP Basic with a staff account, as LRS tools send it; throttled like logins."""
        scheme, _sep, encoded = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic" or not encoded or len(encoded) > 2000:
            return False
        try:
            username, _colon, password = (
                base64.b64decode(encoded, validate=True).decode().partition(":")
            )
        except (binascii.Error, UnicodeDecodeError):
            return False
        address = request.client.host if request.client else "?"
        per_user = await run_in_threadpool(self.d.accounts.recent_failures, username[:64])
        await self.d.sleep(
            self.d.throttle.delay(max(per_user, self.d.throttle.failures.get(address, 0)))
        )
        ok = await run_in_threadpool(self.d.accounts.verify, username[:64], password[:1024])
        self.d.throttle.note(address, ok)
        return ok

    async def statements(self, request: Request) -> Response:
        from tutor.collector import xapi

        headers = {"X-Experience-API-Version": xapi.VERSION, "Cache-Control": "no-store"}
        session, _token = await self.staff(request)
        if session is None and not await self._basic_auth(request):
            headers["WWW-Authenticate"] = 'Basic realm="tutor xAPI"'
            return JSONResponse({"error": "login required"}, status_code=401, headers=headers)
        params = dict(request.query_params)
        try:
            query = xapi.StatementQuery.from_params(params)
        except xapi.QueryError as exc:
            return JSONResponse(
                {"error": "bad_parameter", "parameter": str(exc)}, status_code=400, headers=headers
            )

        def run() -> tuple[list, str | None]:
            with self.d.store.engine.connect() as conn:
                found = xapi.fetch(conn, query)
                conn.rollback()
            return found

        found, cursor = await run_in_threadpool(run)
        headers["X-Experience-API-Consistent-Through"] = xapi.iso(self.d.store.clock_ms())
        more = xapi.more_link(XAPI_PATH, params, cursor)
        return JSONResponse({"statements": found, "more": more}, headers=headers)
