"""``tutor collector serve | enrol-code | revoke | import | add-cohort | ...``, for staff.

Only argparse at import time: the collector's libraries (the ``[collector]`` extra) are
imported inside the handlers, so a trainee's install without them still starts.
"""

from __future__ import annotations

import argparse
import sys

from tutor.i18n import _

DEFAULT_PORT = 8470


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("collector", help=_("the programme's progress collector"))
    sub = parser.add_subparsers(dest="collector_command", required=True)

    def add(name: str, help_text: str, func) -> argparse.ArgumentParser:  # noqa: ANN001
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", help=_("database URL (default: SQLite in the data folder)"))
        p.add_argument("--data", help=_("collector data folder (default: HOME/collector)"))
        p.set_defaults(func=func)
        return p

    serve = add("serve", _("run the collector web service"), _serve)
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on"))
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=_("port to listen on"))
    code = add("enrol-code", _("make a one-time enrolment code"), _enrol_code)
    code.add_argument("--centre", required=True, help=_("centre the PC belongs to"))
    revoke = add("revoke", _("revoke a device's token"), _revoke)
    revoke.add_argument("device", help=_("device id"))
    imp = add("import", _("import USB progress bundles from a folder"), _import)
    imp.add_argument("folder", help=_("folder holding progress-*.json.gz files"))
    fwd = add("xapi-forward", _("send statements to another LRS, carrying on after restarts"), _fwd)
    fwd.add_argument("--to", required=True, help=_("the LRS's xAPI address"))
    fwd.add_argument("--user", required=True, help=_("the LRS's key or user name"))
    fwd.add_argument("--password-file", required=True, help=_("file holding the LRS's secret"))
    fwd.add_argument("--every", type=int, default=0, help=_("repeat every N seconds (0: once)"))
    cohort = add("add-cohort", _("define a cohort of a centre by its start date"), _add_cohort)
    cohort.add_argument("--centre", required=True, help=_("centre the cohort belongs to"))
    cohort.add_argument("--name", required=True, help=_("the cohort's name"))
    cohort.add_argument("--starts", required=True, help=_("first day, YYYY-MM-DD"))
    user = add("add-user", _("add a dashboard user or set a new password"), _add_user)
    user.add_argument("username", help=_("letters, digits, dot, dash or underscore"))
    user.add_argument(
        "--password-stdin", action="store_true", help=_("read the password from standard input")
    )


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _open_store(args: argparse.Namespace):  # noqa: ANN202
    """The migrated store, or None after printing why it cannot be opened."""
    try:
        import sqlalchemy  # noqa: F401
    except ModuleNotFoundError:
        _fail(_("The collector needs its extra: pip install 'tutor[collector]'"))
        return None
    import secrets
    import time
    from pathlib import Path

    from sqlalchemy.exc import SQLAlchemyError

    from tutor.collector.database import database_url, make_engine
    from tutor.collector.store import CollectorStore
    from tutor.paths import resolve_home

    data = Path(args.data) if args.data else resolve_home(getattr(args, "home", None)) / "collector"
    try:
        engine = make_engine(database_url(args.db, data))
        store = CollectorStore(engine, lambda: int(time.time() * 1000), secrets.SystemRandom())
        store.migrate()
    except (SQLAlchemyError, OSError, RuntimeError, ValueError) as exc:
        _fail(_("Cannot open the collector database: {err}").format(err=exc))
        return None
    return store


def _serve(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if store is None:
        return 1
    import uvicorn

    from tutor.collector.api import create_app

    uvicorn.run(create_app(store), host=args.host, port=args.port, log_level="info")
    return 0


def _enrol_code(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if store is None:
        return 1
    centre = args.centre.strip()
    if not centre or len(centre) > 200:
        return _fail(_("Give the centre a name of 1 to 200 characters."))
    code = store.create_code(centre)
    print(code)
    print(_("Valid for 14 days, for one PC at {centre}.").format(centre=centre), file=sys.stderr)
    return 0


def _revoke(args: argparse.Namespace) -> int:
    store = _open_store(args)
    if store is None:
        return 1
    count = store.revoke(args.device)
    if count == 0:
        return _fail(_("No active enrolment for device {dev}.").format(dev=args.device))
    print(_("Revoked {n} enrolment(s) of device {dev}.").format(n=count, dev=args.device))
    return 0


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutor.collector.importer import import_folder

    folder = Path(args.folder)
    if not folder.is_dir():
        return _fail(_("The folder {folder} does not exist.").format(folder=folder))
    store = _open_store(args)
    if store is None:
        return 1
    results = import_folder(store, folder)
    for r in results:
        print(("✓ " if r.ok else "✗ ") + f"{r.file}: {r.message}")
    if not results:
        print(_("No progress-*.json.gz files in {folder}.").format(folder=folder))
    return 0 if all(r.ok for r in results) else 1


def _add_cohort(args: argparse.Namespace) -> int:
    from tutor.collector.cohorts import CohortError, add_cohort, start_ms

    try:  # check what needs no database first
        start_ms(args.starts.strip())
    except CohortError as exc:
        return _fail(str(exc))
    store = _open_store(args)
    if store is None:
        return 1
    try:
        with store.engine.begin() as conn:
            cohort = add_cohort(conn, args.centre, args.name, args.starts, store.clock_ms())
    except CohortError as exc:
        return _fail(str(exc))
    print(
        _("Cohort {name} of {centre} starts {starts}.").format(
            name=cohort.name, centre=cohort.centre, starts=cohort.starts
        )
    )
    return 0


def _add_user(args: argparse.Namespace) -> int:
    from tutor.collector.dashboard.user_command import add_user

    return add_user(args, _open_store)


def _fwd(args: argparse.Namespace) -> int:
    from tutor.collector.xapi_forward import forward_command

    return forward_command(args, _open_store)
