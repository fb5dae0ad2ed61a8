"""``tutor pack ...``: keys, build, verify, install, list, roll back, trust."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from tutor.i18n import _

PASS_ENV = "TUTOR_PACK_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:
    pack = sub.add_parser("pack", help=_("lesson packs: build, sign, verify, install"))
    cmds = pack.add_subparsers(dest="pack_command", required=True)

    p = cmds.add_parser("keygen", help=_("make the programme's signing key pair"))
    p.add_argument("-o", "--out", default=".", help=_("folder for the key files"))
    p.add_argument("--passphrase-file", help=_("read the passphrase from this file"))
    p.set_defaults(func=cmd_keygen)

    p = cmds.add_parser("build", help=_("check lessons and write one signed pack file"))
    p.add_argument("src")
    p.add_argument("--key", required=True)
    p.add_argument("-o", "--out", required=True)
    p.add_argument("--id", default="default", dest="pack_id")
    p.add_argument("--version", type=int, help=_("a whole number; higher is newer"))
    p.add_argument("--title", default="")
    p.add_argument("--passphrase-file")
    p.set_defaults(func=cmd_build)

    p = cmds.add_parser("verify", help=_("say what a pack holds and whether it is trusted"))
    p.add_argument("file")
    p.set_defaults(func=cmd_verify)

    p = cmds.add_parser("install", help=_("install a pack file, or the packs in a folder"))
    p.add_argument("path", nargs="?", help=_("pack file or folder (default: USB drives)"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.add_argument("--allow-older", action="store_true")
    p.add_argument("--allow-untrusted", action="store_true")
    p.set_defaults(func=cmd_install)

    p = cmds.add_parser("list", help=_("installed packs"))
    p.set_defaults(func=cmd_list)

    p = cmds.add_parser("rollback", help=_("go back to the previous version of a pack"))
    p.add_argument("pack")
    p.set_defaults(func=cmd_rollback)

    p = cmds.add_parser("trust", help=_("trust packs signed with this public key"))
    p.add_argument("pubkey", help=_("the public key line, or a file holding it"))
    p.set_defaults(func=cmd_trust)


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> bytes:
    if getattr(args, "passphrase_file", None):
        return Path(args.passphrase_file).read_text("utf-8").strip().encode()
    if os.environ.get(PASS_ENV):
        return os.environ[PASS_ENV].encode()
    first = getpass.getpass(_("Passphrase: "))
    if confirm and getpass.getpass(_("Passphrase again: ")) != first:
        raise SystemExit(_("The two passphrases are not the same."))
    return first.encode()


def _fail(message: str) -> int:
    print(_("Error: {message}").format(message=message), file=sys.stderr)
    return 1


def cmd_keygen(args: argparse.Namespace) -> int:
    from tutor.packs.pack_errors import PackError
    from tutor.packs.pack_keys import generate, key_id

    out = Path(args.out)
    private, public = out / "programme.key", out / "programme.pub"
    if private.exists():
        return _fail(_("{path} already exists; it was not replaced.").format(path=private))
    try:
        pem, line = generate(_passphrase(args, confirm=True))
        out.mkdir(parents=True, exist_ok=True)
        private.write_bytes(pem)
        os.chmod(private, 0o600)
        public.write_text(line + "\n", "utf-8")
    except PackError as exc:
        return _fail(str(exc))
    print(_("Private key (keep it safe, never on a centre PC): {path}").format(path=private))
    print(_("Public key (trust it on each PC): {path}").format(path=public))
    print(_("Key id: {id}").format(id=key_id(line)))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    import datetime as dt

    from tutor.packs.pack_build import build_pack
    from tutor.packs.pack_errors import PackError
    from tutor.packs.pack_keys import load_private

    version = args.version or int(dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M"))
    try:
        key = load_private(Path(args.key), _passphrase(args, confirm=False))
        manifest = build_pack(
            Path(args.src),
            key,
            Path(args.out),
            pack_id=args.pack_id,
            version=version,
            title=args.title,
        )
    except PackError as exc:
        return _fail(str(exc))
    print(
        _("Wrote {path}: pack {id}, version {version}, {n} files.").format(
            path=args.out, id=manifest.pack_id, version=manifest.version, n=len(manifest.files)
        )
    )
    return 0


def _trusted(home: str | None) -> list[str]:
    from tutor.packs.trust_store import trusted_keys
    from tutor.paths import resolve_home
    from tutor.services.startup import StateSession

    with StateSession(resolve_home(home)) as state:
        return trusted_keys(state.settings)


TRUST_WORDS = {
    "trusted": "trusted: signed with a key this PC trusts",
    "unknown-key": "NOT trusted: signed with a key this PC does not know",
    "unsigned": "NOT trusted: the pack is not signed",
}


def cmd_verify(args: argparse.Namespace) -> int:
    from tutor.packs.pack_errors import PackError
    from tutor.packs.pack_verify import verify_pack
    from tutor.store.errors import StoreError

    try:
        pack = verify_pack(Path(args.file), _trusted(args.home))
    except (PackError, StoreError) as exc:
        return _fail(str(exc))
    m = pack.manifest
    print(
        _("Pack {id}, version {version}, created {created}").format(
            id=m.pack_id, version=m.version, created=m.created or "?"
        )
    )
    print(
        _("Languages: {langs}; {n} files, all intact.").format(
            langs=", ".join(m.languages) or "-", n=len(m.files)
        )
    )
    print(_(TRUST_WORDS[pack.trust]) + (f" ({pack.signer})" if pack.signer else ""))
    return 0 if pack.trust == "trusted" else 3


def cmd_install(args: argparse.Namespace) -> int:
    from tutor.packs.pack_finder import find_packs, removable_roots

    folders = [Path(args.path)] if args.path else removable_roots()
    packs = find_packs(folders)
    if not packs:
        return _fail(
            _("No pack files (*.tpack) found in {where}.").format(
                where=", ".join(str(f) for f in folders) or _("any USB drive")
            )
        )
    return max(_install_one(args, path) for path in packs)


def _install_one(args: argparse.Namespace, path: Path) -> int:
    from tutor.packs.pack_errors import PackError
    from tutor.packs.pack_library import PackLibrary
    from tutor.packs.pack_verify import verify_pack
    from tutor.packs.trust_store import trusted_keys
    from tutor.paths import resolve_home
    from tutor.services.startup import StateSession
    from tutor.store.errors import StoreError

    try:
        with StateSession(resolve_home(args.home)) as state:
            pack = verify_pack(path, trusted_keys(state.settings))
            if pack.trust != "trusted" and not args.allow_untrusted:
                return _fail(
                    _("{path} is {why}. Use --allow-untrusted to install it anyway.").format(
                        path=path, why=_(TRUST_WORDS[pack.trust])
                    )
                )
            library = PackLibrary(state.paths.packs)
            current, plan = library.plan(pack)
            print(
                _("{path}: pack {id} version {version}").format(
                    path=path, id=pack.manifest.pack_id, version=pack.manifest.version
                )
            )
            print(
                _("New lessons: {n}; updated: {u}; removed: {r}").format(
                    n=len(plan.new), u=len(plan.updated), r=len(plan.removed)
                )
            )
            older = current is not None and pack.manifest.version < current.version
            if older and not args.allow_older:
                return _fail(
                    _("It is older than the installed version {v}; use --allow-older.").format(
                        v=current.version
                    )
                )
            installed = library.install(pack, allow_older=True, progress=_progress)
    except (PackError, StoreError) as exc:
        print(file=sys.stderr)
        return _fail(str(exc))
    print()
    print(
        _("Installed pack {id} version {version}.").format(
            id=installed.pack_id, version=installed.version
        )
    )
    return 0


def _progress(done: int, total: int) -> None:
    """A counter that rewrites itself on a terminal; in a log (the kit installer keeps
    one) only the last count is written, not one long line of every count."""
    if sys.stdout.isatty():
        print(f"\r{done}/{total}", end="", flush=True)
    elif done == total:
        print(f"{done}/{total}", end="", flush=True)


def cmd_list(args: argparse.Namespace) -> int:
    from tutor.packs.pack_library import PackLibrary
    from tutor.paths import DataPaths, resolve_home

    packs = PackLibrary(DataPaths(resolve_home(args.home)).packs).installed()
    if not packs:
        print(_("No packs installed; the tutor uses its built-in lessons."))
    for p in packs:
        prev = p.previous_version if p.previous_version is not None else "-"
        print(
            _("{id}: version {version} (previous: {prev}), {n} files").format(
                id=p.pack_id, version=p.version, prev=prev, n=len(p.manifest.files)
            )
        )
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    from tutor.packs.pack_errors import PackError
    from tutor.packs.pack_library import PackLibrary
    from tutor.paths import resolve_home
    from tutor.services.startup import StateSession
    from tutor.store.errors import StoreError

    try:
        with StateSession(resolve_home(args.home)) as state:
            pack = PackLibrary(state.paths.packs).rollback(args.pack)
    except (PackError, StoreError) as exc:
        return _fail(str(exc))
    print(
        _("Pack {id} is back at version {version}.").format(id=pack.pack_id, version=pack.version)
    )
    return 0


def cmd_trust(args: argparse.Namespace) -> int:
    from tutor.packs.pack_errors import PackError
    from tutor.packs.trust_store import trust, trusted_keys
    from tutor.paths import resolve_home
    from tutor.services.startup import StateSession
    from tutor.store.errors import StoreError

    line = args.pubkey
    if Path(line).is_file():
        line = Path(line).read_text("utf-8").strip()
    try:
        with StateSession(resolve_home(args.home)) as state:
            before = len(trusted_keys(state.settings))
            kid = trust(state.settings, line)
            added = len(trusted_keys(state.settings)) > before
    except (PackError, StoreError) as exc:
        return _fail(str(exc))
    if added:
        print(_("This PC now trusts packs signed with key {id}.").format(id=kid))
    else:
        print(_("This PC already trusted packs signed with key {id}.").format(id=kid))
    return 0
