"""``tutor sync``, ``tutor sync enrol URL CODE`` and ``tutor progress export DIR``.

Only argparse at import time; everything else is imported inside the handlers.
"""

from __future__ import annotations

import argparse
import sys

from tutor.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    sync = subparsers.add_parser("sync", help=_("send progress to the programme's collector"))
    sync.set_defaults(func=_sync)
    sync_sub = sync.add_subparsers(dest="sync_command")
    enrol = sync_sub.add_parser("enrol", help=_("enrol this PC with a code from the programme"))
    enrol.add_argument("url", help=_("collector address, e.g. https://collector.example.org"))
    enrol.add_argument("code", help=_("one-time enrolment code"))
    enrol.set_defaults(func=_enrol)

    progress = subparsers.add_parser("progress", help=_("progress files for a USB stick"))
    progress_sub = progress.add_subparsers(dest="progress_command", required=True)
    export = progress_sub.add_parser("export", help=_("write unsent progress to a folder"))
    export.add_argument("folder", help=_("folder on the USB stick"))
    export.set_defaults(func=_export)


def _home(args: argparse.Namespace):  # noqa: ANN202
    from tutor.paths import resolve_home

    return resolve_home(getattr(args, "home", None))


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _enrol(args: argparse.Namespace) -> int:
    from tutor.store.errors import StoreError
    from tutor.sync.enrolment import EnrolFailed, enrol
    from tutor.sync.local_pc import open_pc, state_file
    from tutor.sync.sync_state import SyncStateError
    from tutor.sync.transport import HttpTransport

    try:
        transport = HttpTransport(args.url)
    except ValueError:
        return _fail(_("Not a web address: {url}").format(url=args.url))
    try:
        with open_pc(_home(args)) as pc:
            enrol(transport, state_file(pc.paths), args.url, args.code, pc.dev)
    except (EnrolFailed, SyncStateError, StoreError) as exc:
        return _fail(str(exc))
    finally:
        transport.close()
    print(_("This PC is enrolled. Run 'tutor sync' to send progress."))
    return 0


def _progress_line(acked: int, last: int) -> None:
    print(
        "\r" + _("Sent {acked} of {last} events").format(acked=acked, last=last),
        end="",
        file=sys.stderr,
        flush=True,
    )


def _sync(args: argparse.Namespace) -> int:
    from tutor.store.errors import StoreError
    from tutor.sync.local_pc import open_pc, run_sync
    from tutor.sync.sync_state import SyncStateError
    from tutor.sync.uploader import Outcome

    try:
        with open_pc(_home(args)) as pc:
            report = run_sync(pc, _progress_line)
    except (SyncStateError, StoreError) as exc:
        return _fail(str(exc))
    print(file=sys.stderr)
    print(report.message)
    return 0 if report.outcome is Outcome.DONE else 2


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tutor.store.errors import StoreError
    from tutor.sync.local_pc import export_progress, open_pc
    from tutor.sync.sync_state import SyncStateError
    from tutor.sync.usb_bundle import BundleError

    try:
        with open_pc(_home(args)) as pc:
            bundles = export_progress(pc, Path(args.folder))
    except (BundleError, SyncStateError, StoreError) as exc:
        return _fail(str(exc))
    if not bundles:
        print(_("Nothing to export: the collector has all progress from this PC."))
    for bundle in bundles:
        print(
            _("Wrote {name} ({count} events), checked.").format(
                name=bundle.path.name, count=bundle.count
            )
        )
    return 0
