"""``tutor doctor`` on real data folders: what it reads, what it prints, what it never changes."""

from __future__ import annotations

import argparse
import datetime as dt
import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from kit_testkit import REPO, tree_digest

from tutor import doctor
from tutor.doctor import Facts, run_checks
from tutor.i18n import set_language

FIXTURE_LESSONS = REPO / "tests" / "ui" / "fixtures" / "lessons"
GOOD_TERMINAL = Facts(
    (120, 40), "truecolor", "utf-8", {}, "linux", dt.datetime.now(dt.timezone.utc)
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("en")


def by_key(checks: list) -> dict:
    return {c.key: c for c in checks}


def ready_pc(home: Path) -> Ed25519PrivateKey:
    """A PC as a trainer leaves it: Urdu checked, programme key trusted, a pack installed."""
    from tutor.packs.pack_build import build_pack
    from tutor.packs.pack_keys import public_line
    from tutor.packs.pack_library import PackLibrary
    from tutor.packs.pack_verify import verify_pack
    from tutor.packs.trust_store import trust
    from tutor.services.startup import open_services

    key = Ed25519PrivateKey.generate()
    pack = home.parent / "basics.tpack"
    build_pack(FIXTURE_LESSONS, key, pack, pack_id="basics", version=7, check=False)
    services = open_services(home)
    try:
        services.settings.set("rtl", "app")
        services.settings.set("language", "en")
        trust(services.settings, public_line(key.public_key()))
        line = public_line(key.public_key())
        PackLibrary(services.paths.packs).install(verify_pack(pack, [line]))
    finally:
        services.close()
    return key


def test_ready_pc_passes(tmp_path: Path) -> None:
    home = tmp_path / "data"
    ready_pc(home)
    checks = by_key(run_checks(home, GOOD_TERMINAL, probe=None))
    assert checks["urdu"].status == "ok"
    assert checks["packs"].status == "ok" and "basics v7" in checks["packs"].detail
    assert checks["data"].status == "ok"
    assert checks["clock"].status == "ok"
    assert checks["collector"].status == "skip"  # not enrolled
    assert "tutor 0.1" in checks["version"].detail


def test_doctor_changes_nothing_and_works_while_the_tutor_is_open(tmp_path: Path) -> None:
    from tutor.services.startup import open_services

    home = tmp_path / "data"
    ready_pc(home)
    services = open_services(home)  # holds the data-folder lock, as the running TUI does
    try:
        before = tree_digest(home)
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        code = doctor.cmd_doctor(
            argparse.Namespace(home=str(home), lang=None, offline=True), out=out
        )
        assert tree_digest(home) == before
    finally:
        services.close()
    out.flush()
    text = out.buffer.getvalue().decode("utf-8")
    assert code == 0, text
    assert "Lesson packs: all trusted: basics v7" in text
    assert "This PC is ready for trainees." in text


def test_missing_data_folder_is_not_created(tmp_path: Path) -> None:
    home = tmp_path / "new" / "data"
    checks = by_key(run_checks(home, GOOD_TERMINAL, probe=None))
    assert not home.exists() and not home.parent.exists()
    assert checks["data"].status == "ok" and "will be made" in checks["data"].detail
    assert checks["urdu"].status == "warn"
    assert checks["packs"].status == "skip"


def test_unwritable_data_folder_fails(tmp_path: Path) -> None:
    checks = by_key(run_checks(Path("/proc/tutor-doctor-test"), GOOD_TERMINAL, probe=None))
    assert checks["data"].status == "fail"
    assert "--home" in checks["data"].fix


def test_damaged_state_file_is_reported_as_defaults_and_left_alone(tmp_path: Path) -> None:
    home = tmp_path / "data"
    home.mkdir()
    (home / "state.json").write_bytes(b"\x00garbage{{{" * 50)
    before = tree_digest(home)
    checks = by_key(run_checks(home, GOOD_TERMINAL, probe=None))
    assert checks["urdu"].status == "warn"  # as if never chosen
    assert tree_digest(home) == before  # not moved aside: the tutor itself does that


def test_clock_behind_saved_files_is_flagged(tmp_path: Path) -> None:
    home = tmp_path / "data"
    ready_pc(home)
    back = Facts(
        (120, 40),
        "truecolor",
        "utf-8",
        {},
        "linux",
        dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=40),
    )
    clock = by_key(run_checks(home, back, probe=None))["clock"]
    assert clock.status in ("warn", "fail")
    assert "date and time" in clock.fix


def enrol(home: Path, url: str) -> None:
    from tutor.paths import DataPaths
    from tutor.sync.local_pc import state_file
    from tutor.sync.sync_state import Stream, SyncState

    state_file(DataPaths(home)).path.parent.mkdir(parents=True, exist_ok=True)
    state_file(DataPaths(home)).save(SyncState(url=url, token="t", streams=(Stream("d1"),)))


@pytest.fixture
def health_server() -> Iterator[str]:
    """A loopback stand-in for the collector's health address."""

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            ok = self.path == "/v1/health"
            body = b'{"ok": true}' if ok else b"{}"
            self.send_response(200 if ok else 404)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_collector_reachable(tmp_path: Path, health_server: str) -> None:
    home = tmp_path / "data"
    enrol(home, health_server)
    check = by_key(run_checks(home, GOOD_TERMINAL, probe=doctor.http_probe))["collector"]
    assert check.status == "ok" and health_server in check.detail


def test_collector_down_is_a_warning_not_a_failure(tmp_path: Path, health_server: str) -> None:
    home = tmp_path / "data"
    enrol(home, health_server + "/nowhere")  # answers 404 there
    check = by_key(run_checks(home, GOOD_TERMINAL, probe=doctor.http_probe))["collector"]
    assert check.status == "warn" and "404" in check.detail


def test_collector_refused(tmp_path: Path) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    home = tmp_path / "data"
    enrol(home, f"http://127.0.0.1:{port}")
    check = by_key(run_checks(home, GOOD_TERMINAL, probe=doctor.http_probe))["collector"]
    assert check.status == "warn" and "sent later" in check.fix


def test_damaged_sync_state_is_named(tmp_path: Path) -> None:
    from tutor.paths import DataPaths
    from tutor.sync.local_pc import state_file

    home = tmp_path / "data"
    path = state_file(DataPaths(home)).path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not json at all")
    check = by_key(run_checks(home, GOOD_TERMINAL, probe=doctor.http_probe))["collector"]
    assert check.status == "warn" and "damaged" in check.detail


def test_untrusted_pack_is_flagged(tmp_path: Path) -> None:
    from tutor.packs.pack_keys import public_line
    from tutor.packs.trust_store import SETTING
    from tutor.services.startup import open_services

    home = tmp_path / "data"
    ready_pc(home)
    services = open_services(home)
    try:  # the trainer replaced the trusted key with another one
        services.settings.set(SETTING, [public_line(Ed25519PrivateKey.generate().public_key())])
    finally:
        services.close()
    check = by_key(run_checks(home, GOOD_TERMINAL, probe=None))["packs"]
    assert check.status == "warn" and "basics v7" in check.detail


def test_report_in_urdu_lays_out_right_to_left(tmp_path: Path) -> None:
    home = tmp_path / "data"
    lines = doctor.render(run_checks(home, GOOD_TERMINAL, probe=None), 60, "app", urdu_report=True)
    sample = [line for line in lines if "ﺵﻮﺧ" in line]  # shaped, in visual order
    assert sample and all(len(line) <= 60 for line in sample)
    assert sample[0].startswith(" ")  # right-aligned


def test_report_falls_back_to_english_when_the_terminal_cannot_show_urdu(tmp_path: Path) -> None:
    args = argparse.Namespace(home=str(tmp_path), lang="ur", offline=True)
    assert doctor.report_language(args, tmp_path, "cp437") == "en"
    assert doctor.report_language(args, tmp_path, "utf-8") == "ur"


def test_cli_registers_doctor() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    doctor.register(sub)
    args = parser.parse_args(["doctor", "--lang", "ur", "--offline"])
    assert args.func is doctor.cmd_doctor and args.lang == "ur" and args.offline


def test_doctor_module_is_light_to_import() -> None:
    import subprocess
    import sys

    code = (
        "import sys, tutor.doctor, tutor.doctor_checks; "
        "print(sorted(m for m in ('textual', 'rich', 'cryptography') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_doctor_runs_as_a_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    home = tmp_path / "data"
    ready_pc(home)
    out = subprocess.run(
        [sys.executable, "-m", "tutor.doctor", "--home", str(home), "doctor", "--offline"],
        capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8", "TERM": "xterm-256color"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "[✓ OK] Urdu display (right to left): checked on this PC" in out.stdout
    assert "This PC is ready for trainees." in out.stdout


def test_failing_pc_exits_1_and_counts_what_to_fix() -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    args = argparse.Namespace(home="/proc/tutor-doctor-test", lang="en", offline=True)
    code = doctor.cmd_doctor(args, out=out)
    out.flush()
    text = out.buffer.getvalue().decode("utf-8")
    assert code == 1
    assert "[✗ Fix] Data folder: /proc/tutor-doctor-test cannot be written" in text
    assert "1 thing to fix before trainees use this PC." in text


def test_version_line_says_when_the_standalone_build_runs(monkeypatch) -> None:
    import sys

    monkeypatch.delattr(sys, "frozen", raising=False)
    assert doctor._build_kind("win32") == "win32"
    monkeypatch.setattr(sys, "frozen", True, raising=False)  # what PyInstaller sets
    assert doctor._build_kind("win32") == "win32, standalone build"
