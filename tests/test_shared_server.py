"""The shared local LanguageTool server (thanklint/grammar/shared_server.py): one per user,
found again by later runs, trusted only when it is really ours, stopped by its watchdog when
idle, when its state file goes or when the install changes; `thanklint server status|stop|start`.

Each test has its own XDG_RUNTIME_DIR (tmp_path) and stops what it started. The watchdog tests
run `sleep` under a shared watchdog (no Java needed); the end-to-end test needs the local
install (THANKLINT_LANGUAGETOOL_HOME) and skips with the reason without one.
"""

from __future__ import annotations

import json
import re
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, ctrl_c_reaches, run_cli
from proctable import alive, processes
from test_grammar_engines import _is_jvm

from thanklint.grammar import languagetool as ltmod
from thanklint.grammar import shared_server as ss

IDLE = ss.IDLE_ENV


def _env(tmp_path: Path, **extra: str) -> dict:
    return {"XDG_RUNTIME_DIR": str(tmp_path / "run"), **extra}


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    """This test's own XDG_RUNTIME_DIR (0700), also for in-process calls."""
    d = tmp_path / "run"
    d.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(d))
    return d


def _wait(pred, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return pred()


# -- the shared watchdog, over `sleep` --------------------------------------------------------


def _start_shared(state_dir: Path, jar: Path, idle: float, token: str = "t0k3n") -> subprocess.Popen:
    """A shared watchdog running `sleep 60`, started from a process that exits at once (as a
    run that starts the server does)."""
    state = {"port": 9, "token": token, "install": str(jar.parent), "version": "6.6", "jar": str(jar),
             "jar_mtime_ns": jar.stat().st_mtime_ns, "idle_timeout": idle, "lock": ss.LOCK}  # fmt: skip
    cmd = [sys.executable, "-I", "-S", str(ltmod.WATCHDOG), "--shared", str(state_dir / ss.STATE), json.dumps(state),
           "--", "sleep", "60"]  # fmt: skip
    starter = ("import subprocess, sys; p = subprocess.Popen(sys.argv[1:], start_new_session=True, "
               "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(p.pid)")
    out = subprocess.run([sys.executable, "-c", starter, *cmd], capture_output=True, text=True, timeout=30, check=True)
    pid = int(out.stdout)
    assert _wait(lambda: (state_dir / ss.STATE).exists(), 10), "the watchdog wrote no state file"
    return pid


def _sleep_child(pid: int) -> int:
    def kids() -> list[int]:
        return [p.pid for p in processes() if p.ppid == pid and p.cmdline.startswith(b"sleep\0")]

    assert _wait(kids, 10), f"watchdog {pid} runs no command"
    return kids()[0]


@pytest.fixture
def fake_install(tmp_path):
    jar = tmp_path / "lt" / ltmod.SERVER_JAR
    jar.parent.mkdir()
    jar.write_bytes(b"not a jar")
    return jar


def _kill(*pids: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_the_shared_watchdog_outlives_its_starter_and_writes_a_private_state(runtime, fake_install):
    d = ss.state_dir()
    pid = _start_shared(d, fake_install, idle=60)
    try:
        child = _sleep_child(pid)
        state = json.loads((d / ss.STATE).read_text())
        mode = stat.S_IMODE(os.stat(d / ss.STATE).st_mode)
        assert state["pid"] == pid and state["token"] == "t0k3n" and mode == 0o600, (state, oct(mode))
        assert stat.S_IMODE(os.stat(d).st_mode) == 0o700
        time.sleep(1.5)  # a few of its looks at the state
        assert alive(pid) and alive(child), "the shared server died with the run that started it"
    finally:
        _kill(pid)


@pytest.mark.parametrize("how", ["state removed", "install changed", "idle"])
def test_the_shared_watchdog_stops_its_command(runtime, fake_install, how):
    d = ss.state_dir()
    pid = _start_shared(d, fake_install, idle=2 if how == "idle" else 60)
    try:
        child = _sleep_child(pid)
        if how == "state removed":
            (d / ss.STATE).unlink()
        elif how == "install changed":
            os.utime(fake_install, ns=(0, fake_install.stat().st_mtime_ns + 10**9))
        else:
            # used for a while (each use touches the state): it stays
            for _ in range(3):
                time.sleep(1)
                os.utime(d / ss.STATE)
            assert alive(pid), "stopped while in use"
        assert _wait(lambda: not alive(pid) and not alive(child), 8), f"still running after '{how}'"
        assert not (d / ss.STATE).exists(), "the state outlived the server"
    finally:
        _kill(pid)


def test_server_stop_and_status_over_a_running_watchdog(runtime, tmp_path, fake_install):
    pid = _start_shared(ss.state_dir(), fake_install, idle=60)
    try:
        st = run_cli("server", "status", env=_env(tmp_path))
        assert st.returncode == 0 and f"pid      {pid}".encode() in st.stdout and b": running" in st.stdout, st
        # the resident memory of the watchdog and its command, and how long it has been idle
        assert re.search(rb"\n  memory   \d+ MB\n  idle     \d+ s \(stops after 1 min\)\n", st.stdout), st.stdout
        stop = run_cli("server", "stop", env=_env(tmp_path))
        assert stop.returncode == 0 and f"stopped (pid {pid})".encode() in stop.stdout, stop
        assert not alive(pid)
        again = run_cli("server", "status", env=_env(tmp_path))
        assert again.returncode == 0 and b"not running" in again.stdout, again
    finally:
        _kill(pid)


# -- trust -----------------------------------------------------------------------------------


def test_a_state_naming_someone_elses_process_is_not_trusted(runtime, tmp_path):
    # a live process that is not our watchdog (no token on its command line) under the pid
    other = subprocess.Popen(["sleep", "60"])
    try:
        d = ss.state_dir()
        fd = os.open(d / ss.STATE, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, json.dumps({"pid": other.pid, "port": 9, "token": "f00", "install": "/x", "version": "6.6",
                                 "idle_timeout": 60}).encode())  # fmt: skip
        os.close(fd)
        st = run_cli("server", "status", env=_env(tmp_path))
        assert st.returncode == 0 and b"not running" in st.stdout, st
        stop = run_cli("server", "stop", env=_env(tmp_path))
        assert stop.returncode == 0 and b"not running" in stop.stdout, stop
        assert other.poll() is None, "'server stop' killed a process that is not its server"
        assert not (d / ss.STATE).exists(), "the stale state stayed"
    finally:
        other.kill()
        other.wait()


def test_a_state_file_others_may_write_is_not_read(runtime, fake_install):
    d = ss.state_dir()
    pid = _start_shared(d, fake_install, idle=60)
    try:
        assert ss.status() is not None
        os.chmod(d / ss.STATE, 0o666)
        assert ss.status() is None, "a state file anyone may write was trusted"
    finally:
        _kill(pid)


@pytest.mark.parametrize("mode", [0o755, 0o777])
def test_a_state_dir_others_may_enter_is_refused(tmp_path, mode):
    run = tmp_path / "run"
    (run / "thanklint").mkdir(parents=True)
    os.chmod(run / "thanklint", mode)
    r = run_cli("server", "status", env=_env(tmp_path))
    assert r.returncode == 2 and r.stderr.count(b"\n") == 1 and b"not a private directory" in r.stderr, r
    assert b"Traceback" not in r.stderr


def test_without_xdg_runtime_dir_the_state_is_in_a_private_temp_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    d = ss.state_dir()
    assert d == tmp_path / f"thanklint-{os.getuid()}" and stat.S_IMODE(os.stat(d).st_mode) == 0o700


@pytest.mark.parametrize("value", ["-1", "\"soon\"", "1e9"])
def test_a_bad_idle_timeout_is_a_one_line_config_error(tmp_path, value):
    (tmp_path / "thanklint.toml").write_text(f"[grammar]\nidle_timeout = {value}\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("Hi Dana,\n\nThank you.\n\nBest,\nSam\n", encoding="utf-8")
    r = run_cli("--grammar-engine", "harper", "note.txt", cwd=tmp_path, env=_env(tmp_path))
    assert r.returncode == 2 and r.stderr.count(b"\n") == 1 and b"idle_timeout" in r.stderr, r


def test_server_start_with_idle_timeout_0_says_there_is_nothing_to_start(tmp_path):
    r = run_cli("server", "start", cwd=tmp_path, env=_env(tmp_path, **{IDLE: "0"}))
    assert r.returncode == 2 and b"idle_timeout is 0" in r.stderr and r.stderr.count(b"\n") == 1, r


# -- the real server ---------------------------------------------------------------------------

needs_install = pytest.mark.skipif(
    ltmod.find_install() is None,
    reason="no local LanguageTool install (THANKLINT_LANGUAGETOOL_HOME): 'thanklint setup languagetool'",
)
TYPO = "Hi Dana,\n\nThank you for the demo of the kubectl plugin your team wrote. I enjoyed it alot.\n\nBest,\nSam\n"
START = os.environ.get("THANKLINT_LANGUAGETOOL_START_TIMEOUT", "240")


def _run(tmp_path: Path, name: str, idle: str) -> subprocess.Popen:
    note = tmp_path / f"{name}.txt"
    note.write_text(TYPO.replace("Dana", name), encoding="utf-8")
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path / "run"), IDLE: idle, "NO_COLOR": "1",
           "THANKLINT_LANGUAGETOOL_START_TIMEOUT": START, "XDG_CONFIG_HOME": str(tmp_path / "no-config")}  # fmt: skip
    env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    cmd = [sys.executable, "-m", "thanklint", "--no-cache", "--grammar-engine", "languagetool", "--format", "json",
           str(note)]  # fmt: skip
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.languagetool
@needs_install
def test_two_runs_at_once_share_one_server_that_stops_when_idle(runtime, tmp_path):
    watchdog_pid = None
    try:
        runs = [_run(tmp_path, name, idle="20") for name in ("Ana", "Bo")]
        outs = [r.communicate(timeout=float(START) + 120) for r in runs]
        engines = []
        for r, (out, err) in zip(runs, outs):
            assert r.returncode in (0, 1), err.decode()[-2000:]
            f = json.loads(out)["files"][0]
            engines.append(f["engine"]["grammar"])
            assert "kubectl" in json.dumps(f["findings"]), "LanguageTool found no misspelling"
        assert sorted(e.rsplit(" ", 1)[-1] for e in engines) == ["(started)", "(warm)"], engines
        state = ss.status()
        assert state is not None and state["answers"], "no shared server after the runs"
        watchdog_pid = state["pid"]
        assert len([p for p in processes() if p.ppid == watchdog_pid and _is_jvm(p)]) == 1
        assert ss.status()["idle_seconds"] < 20
        # nobody uses it: its watchdog stops it and removes the state
        assert _wait(lambda: not alive(watchdog_pid), 20 + 15), "the idle server did not stop"
        assert not (runtime / "thanklint" / ss.STATE).exists()
        assert [p for p in processes() if p.ppid == watchdog_pid] == []
    finally:
        subprocess.run([sys.executable, "-m", "thanklint", "server", "stop"], cwd=REPO, timeout=60,
                       env={**os.environ, "XDG_RUNTIME_DIR": str(runtime)}, capture_output=True)  # fmt: skip
        if watchdog_pid:
            _kill(watchdog_pid)


@pytest.mark.languagetool
@needs_install
def test_the_editor_starts_the_shared_server_again_after_it_stopped(runtime, monkeypatch):
    from thanklint.lsp.engines import SharedEngine

    monkeypatch.setenv("THANKLINT_LANGUAGETOOL_START_TIMEOUT", START)
    monkeypatch.setattr(ltmod, "START_TIMEOUT", float(START))
    monkeypatch.delenv("THANKLINT_LANGUAGETOOL_URL", raising=False)
    eng = SharedEngine("languagetool", None, 60.0, frozenset(), on_change=lambda m: None, idle_timeout=600)
    try:
        first = eng.check(TYPO)
        assert any(m.rule_id and TYPO[m.offset : m.end] == "kubectl" for m in first), first
        before = ss.status()
        assert before is not None
        assert ss.stop() is not None  # as when it stops after idle_timeout
        again = eng.check(TYPO)  # 'languagetool' asked for by name: waits for the new server
        assert any(TYPO[m.offset : m.end] == "kubectl" for m in again), again
        after = ss.status()
        assert after is not None and after["pid"] != before["pid"] and eng.name.endswith("(started)"), eng.name
    finally:
        eng.shutdown()
        ss.stop()


# -- Ctrl-C while LanguageTool starts --------------------------------------------------------


def _interrupt_during_start(tmp_path: Path, idle: str, started) -> subprocess.Popen:
    """A run with LanguageTool, sent SIGINT (as Ctrl-C does) once ``started(run)`` is true:
    its JVM is starting, long before it answers and loads its rules (tens of seconds here)."""
    run = _run(tmp_path, "Ana", idle)
    try:
        assert _wait(lambda: started(run), 120), "the run started no LanguageTool"
        run.send_signal(signal.SIGINT)
        t0 = time.monotonic()
        out, err = run.communicate(timeout=60)
        took = time.monotonic() - t0
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 130 and err == b"thanklint: interrupted\n" and out == b"", (run.returncode, err)
    assert took < 10, f"the run took {took:.1f} s to end after Ctrl-C"
    return run


@pytest.mark.languagetool
@needs_install
@ctrl_c_reaches
def test_ctrl_c_while_the_runs_own_jvm_starts_ends_the_run_and_the_jvm(runtime, tmp_path):
    from test_grammar_cli import descendants

    below: list = []

    def jvm_started(run) -> bool:
        below[:] = descendants(run.pid)
        return any(_is_jvm(p) for p in below)

    _interrupt_during_start(tmp_path, "0", jvm_started)
    # its watchdog stops the JVM when the run ends (SIGTERM, SIGKILL after 3 s)
    assert _wait(lambda: not any(alive(p.pid) for p in below), 8), [p.cmdline[:80] for p in below if alive(p.pid)]
    assert not (runtime / "thanklint" / ss.STATE).exists(), "idle_timeout 0 wrote a shared server's state"


@pytest.mark.languagetool
@needs_install
@ctrl_c_reaches
def test_ctrl_c_while_the_shared_server_starts_ends_the_run_and_leaves_the_server_starting(runtime, tmp_path):
    try:
        _interrupt_during_start(tmp_path, "60", lambda run: ss.status() is not None)
        # the server was started detached: it goes on for the next run, which finds it
        state = ss.status()
        assert state is not None, "the shared server died with the interrupted run"
        again = _run(tmp_path, "Bo", "60")
        out, err = again.communicate(timeout=float(START) + 120)
        assert again.returncode in (0, 1), err.decode()[-2000:]
        assert json.loads(out)["files"][0]["engine"]["grammar"].startswith("languagetool 6"), out[:300]
        assert ss.status()["pid"] == state["pid"], "the next run started a second server"
    finally:
        ss.stop()


# -- the engine line in the cache ------------------------------------------------------------


@pytest.mark.parametrize("line,stored", [
    ("languagetool 6.6 (started) + harper 0.2.0", "languagetool 6.6 + harper 0.2.0"),
    ("languagetool 6.6 (warm)", "languagetool 6.6"),
    ("harper 0.2.0", "harper 0.2.0"),
])  # fmt: skip
def test_a_cached_report_does_not_say_how_an_earlier_run_found_the_server(tmp_path, lint_text, line, stored):
    # "(started)"/"(warm)" are about the run that checked the note; a cache hit checks nothing
    from dataclasses import replace

    from thanklint.cache import Cache

    report = replace(lint_text(TYPO), engines={"grammar": line, "nlp": "spacy"})
    cache = Cache(tmp_path / "cache")
    cache.put("ab" * 32, report)
    hit, _ = cache.get("ab" * 32)
    assert hit.engines == {"grammar": stored, "nlp": "spacy"} and hit.findings == report.findings


# -- stale state, replaced ----------------------------------------------------------------------


def test_a_state_for_another_install_version_is_stopped_and_replaced(runtime, fake_install, tmp_path):
    # a live server of ours for LanguageTool 6.6 in the fake folder; the install there now has
    # no version files ('?'): another install. Java starts (and fails on the fake jar) only
    # after the old server was stopped and its state removed.
    d = ss.state_dir()
    old = _start_shared(d, fake_install, idle=60)
    try:
        child = _sleep_child(old)
        with pytest.raises(ss.GrammarUnavailable, match="stopped at start-up"):
            ss.find_or_start(fake_install.parent, 60, 30)
        assert not alive(old) and not alive(child), "the server of the other install still runs"
        assert ss.status() is None and not (d / ss.STATE).exists()
    finally:
        _kill(old)


def _dead_pid() -> int:
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def _write_state(d: Path, **state) -> None:
    fd = os.open(d / ss.STATE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(state, f)


def _notes(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"n{i:02}.txt").write_text(TYPO.replace("Dana", f"Dana{i}"), encoding="utf-8")
    return folder


def _cli(tmp_path: Path, *args: str, idle: str = "60", cwd: Path | None = None) -> subprocess.Popen:
    env = {**os.environ, "XDG_RUNTIME_DIR": str(tmp_path / "run"), IDLE: idle, "NO_COLOR": "1",
           "THANKLINT_LANGUAGETOOL_START_TIMEOUT": START, "XDG_CONFIG_HOME": str(tmp_path / "no-config"),
           "PYTHONPATH": str(REPO)}  # fmt: skip
    env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    cmd = [sys.executable, "-m", "thanklint", "--grammar-engine", "languagetool", "--format", "json", *args]
    return subprocess.Popen(cmd, cwd=cwd or tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _done(p: subprocess.Popen, seconds: float) -> tuple[dict, str]:
    out, err = p.communicate(timeout=seconds)
    assert p.returncode in (0, 1) and b"Traceback" not in err, (p.returncode, err.decode()[-2000:])
    return json.loads(out), err.decode()


def _jvms_below(run: subprocess.Popen, seconds: float) -> tuple[dict, str, set[int]]:
    """The run's JSON report and stderr, and the JVMs it started below itself (seen while it ran;
    its output is read meanwhile, so that a long report cannot block it)."""
    import threading

    from test_grammar_cli import descendants

    box: list = []
    reader = threading.Thread(target=lambda: box.append(_done(run, seconds)), daemon=True)
    reader.start()
    jvms: set[int] = set()
    while reader.is_alive():
        jvms |= {p.pid for p in descendants(run.pid) if _is_jvm(p)}
        reader.join(0.2)
    assert box, "the run failed or took too long"
    return (*box[0], jvms)


@pytest.mark.languagetool
@needs_install
def test_one_shared_server_for_a_stale_state_j2_and_stop_while_checking(runtime, tmp_path):
    """One server start, then what uses it: a stale state (dead watchdog, its port now someone
    else's) replaced; -j 2 on one server; `server stop` while a run checks."""
    import socket
    import threading

    d = ss.state_dir()
    install = ss.Install.of(ltmod.find_install())
    squatter = socket.create_server(("127.0.0.1", 0))  # holds the dead server's port now
    calls = []
    threading.Thread(target=lambda: calls.append(squatter.accept()), daemon=True).start()
    port = squatter.getsockname()[1]
    _write_state(d, pid=_dead_pid(), port=port, token="0" * 32, install=str(install.home), version=install.version,
                 jar_mtime_ns=install.jar_mtime_ns, idle_timeout=60)  # fmt: skip
    (tmp_path / "note.txt").write_text(TYPO, encoding="utf-8")
    try:
        first, _ = _done(_cli(tmp_path, "--no-cache", "note.txt"), float(START) + 120)
        assert first["files"][0]["engine"]["grammar"] == f"languagetool {install.version} (started)", first["files"][0]
        state = ss.status()
        assert state is not None and state["port"] != port and calls == [], "the stale state was used"

        # -j 2 over a folder: both workers check with the one server
        folder = _notes(tmp_path / "notes", 33)  # two batches of 32: one for each worker
        report, _, jvms = _jvms_below(_cli(tmp_path, "--no-cache", "-j", "2", str(folder)), 300)
        assert len(report["files"]) == 33 and {f["engine"]["grammar"] for f in report["files"]} == {
            f"languagetool {install.version} (warm)"}, {f["engine"]["grammar"] for f in report["files"]}  # fmt: skip
        assert jvms == set(), "a -j worker started a JVM of its own"
        assert ss.status()["pid"] == state["pid"]
        assert len([p for p in processes() if p.ppid == state["pid"] and _is_jvm(p)]) == 1

        # `server stop` while a run checks: the run ends with a clear result, the rest unchecked
        t0 = time.time()
        run = _cli(tmp_path, "--no-cache", str(folder))
        assert _wait(lambda: os.stat(d / ss.STATE).st_mtime > t0, 120), "the run did not find the server"
        stopped = run_cli("server", "stop", env=_env(tmp_path))
        assert stopped.returncode == 0 and f"stopped (pid {state['pid']})".encode() in stopped.stdout, stopped
        report, err = _done(run, 120)
        engines = [f["engine"]["grammar"] for f in report["files"]]
        skipped = [e for e in engines if e.startswith("skipped (")]
        assert skipped and all("stopped" in e for e in skipped), engines
        assert all(e.startswith(("languagetool", "skipped (")) for e in engines), engines
        assert not alive(state["pid"]) and ss.status() is None
    finally:
        squatter.close()
        ss.stop()


@pytest.mark.languagetool
@needs_install
@pytest.mark.asyncio
async def test_the_language_server_and_the_cli_share_one_server(runtime, tmp_path):
    from test_grammar_cli import descendants
    from test_lsp import findings, open_note, published, start

    root = tmp_path / "ws"
    root.mkdir()
    (root / "thanklint.toml").write_text('[grammar]\nengine = "languagetool"\n', encoding="utf-8")
    (tmp_path / "note.txt").write_text(TYPO, encoding="utf-8")
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), IDLE: "60", "THANKLINT_LANGUAGETOOL_START_TIMEOUT": START,
           "XDG_CONFIG_HOME": str(tmp_path / "no-config")}  # fmt: skip
    env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    try:
        report, _ = _done(_cli(tmp_path, "note.txt"), float(START) + 120)  # starts the shared server
        assert report["files"][0]["engine"]["grammar"].endswith("(started)"), report["files"][0]["engine"]
        pid = ss.status()["pid"]
        c = await start(root, env=env)
        try:
            uri = open_note(c, root / "note.txt", TYPO)
            ds = await published(c, uri, where=lambda ds: findings(ds, "spelling"), timeout=120)
            assert any("kubectl" in d.message for d in findings(ds, "spelling")), [d.message for d in ds]
            assert ss.status()["pid"] == pid, "the language server started a second server"
            assert not [p for p in descendants(c._server.pid) if _is_jvm(p)], "the language server started a JVM"
        finally:
            await c.shutdown_session()
            await c.stop()
        assert ss.status() is not None and ss.status()["pid"] == pid, "the shared server ended with the editor"
    finally:
        ss.stop()


@pytest.mark.languagetool
@needs_install
def test_idle_timeout_0_keeps_one_jvm_per_run_and_no_state(runtime, tmp_path):
    (tmp_path / "note.txt").write_text(TYPO, encoding="utf-8")
    report, _, jvms = _jvms_below(_cli(tmp_path, "--no-cache", "note.txt", idle="0"), float(START) + 120)
    engine = report["files"][0]["engine"]["grammar"]  # its own JVM: neither warm nor started as shared
    assert engine.startswith("languagetool 6") and not engine.endswith(("(warm)", "(started)")), engine
    assert len(jvms) == 1, "the run did not start its own JVM"
    assert not any(alive(pid) for pid in jvms), "the run's JVM outlived it"
    assert not (runtime / "thanklint" / ss.STATE).exists() and ss.status() is None
