"""The LanguageTool JVM's lifecycle: it starts every time (no hang while other threads import),
it never outlives the thanklint process that asked for it (SIGKILL, SIGTERM, -j workers), an
engine asked for by name must be there, and a URL that is not LanguageTool says so.

The JVM tests use the local install (THANKLINT_LANGUAGETOOL_HOME or the default folder) and
skip with the reason when there is none; the others need neither Java nor a server.
"""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, STRONG_NOTE, run_cli
from proctable import alive, processes
from test_grammar_cli import descendants
from test_grammar_engines import _is_jvm, jvm_of

from thanklint.grammar import GrammarUnavailable, open_engine
from thanklint.grammar import languagetool as ltmod

TESTS = Path(__file__).resolve().parent

needs_install = pytest.mark.skipif(
    ltmod.find_install() is None,
    reason="no local LanguageTool install (build one: mvn -f languagetool/pom.xml package "
    "-DoutputDir=DIR and set THANKLINT_LANGUAGETOOL_HOME=DIR)",
)

# A JVM that is stopped as soon as it runs needs no JIT and little heap: cheaper starts.
QUICK_JVM = {"THANKLINT_LANGUAGETOOL_JAVA_OPTS": "-Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"}


def _env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "THANKLINT_LANGUAGETOOL_URL"}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), str(TESTS), env.get("PYTHONPATH", "")])
    return {**env, **extra}


def _wait_gone(pids, seconds: float) -> list[int]:
    """The pids still alive after up to `seconds`."""
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


# -- starting: 50 in a row while another thread imports ----------------------------------

_STARTS = textwrap.dedent(
    """
    import importlib, json, sys, threading, time
    from thanklint.grammar import languagetool as lt
    from test_grammar_engines import jvm_of

    stop = threading.Event()

    def import_ctypes_again_and_again():
        # What spaCy's import of numpy does in a real run, kept up for the whole test: a
        # module (ctypes) being imported, its import lock held, while LanguageTool starts.
        while not stop.is_set():
            for name in [m for m in sys.modules if m == "ctypes" or m.startswith("ctypes.")]:
                del sys.modules[name]
            importlib.import_module("ctypes")

    threading.Thread(target=import_ctypes_again_and_again, daemon=True).start()
    home, started = lt.find_install(), []
    for n in range(int(sys.argv[1])):
        server = lt._LocalServer(home)  # the call that could hang
        jvm = jvm_of(server.proc.pid)  # the JVM runs, under its watchdog
        server.stop()
        started.append([server.proc.pid, jvm])
    stop.set()
    print(json.dumps(started))
    """
)


@pytest.mark.languagetool
@needs_install
def test_fifty_starts_in_a_row_while_a_thread_imports():
    proc = subprocess.Popen([sys.executable, "-c", _STARTS, "50"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=REPO, env=_env(**QUICK_JVM), start_new_session=True)  # fmt: skip
    try:
        out, err = proc.communicate(timeout=240)  # ~0.2 s a start on an idle machine
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"LanguageTool did not start 50 times in 240 s (a start hung): {err.decode()[-2000:]}")
    assert proc.returncode == 0, err.decode()[-2000:]
    started = json.loads(out)
    assert len(started) == 50 and len({jvm for _, jvm in started}) == 50
    assert _wait_gone([pid for pair in started for pid in pair], 5) == [], "a watchdog or JVM outlived stop()"


@pytest.mark.languagetool
@needs_install
def test_a_jvm_started_from_a_thread_outlives_the_thread():
    # the language server and the proofreader start LanguageTool from threads that may end
    box: dict = {}
    t = threading.Thread(target=lambda: box.setdefault("server", ltmod._LocalServer(ltmod.find_install())))
    t.start()
    t.join(30)
    server = box["server"]
    try:
        jvm = jvm_of(server.proc.pid)
        time.sleep(1)
        assert alive(jvm) and server.proc.poll() is None, "the JVM died with the thread that started it"
    finally:
        server.stop()
    assert _wait_gone([jvm, server.proc.pid], 5) == []


# -- the watchdog (any command; no Java needed) -----------------------------------------------

_OWNER = textwrap.dedent(
    """
    import os, subprocess, sys, time
    from thanklint.grammar.languagetool import WATCHDOG
    w = subprocess.Popen([sys.executable, "-I", "-S", str(WATCHDOG), str(os.getpid()), "--", "sleep", "60"],
                         start_new_session=True)
    print(w.pid, flush=True)
    time.sleep(60)
    """
)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_the_watchdog_stops_its_command_when_its_owner_dies(sig):
    owner = subprocess.Popen([sys.executable, "-c", _OWNER], stdout=subprocess.PIPE, cwd=REPO, env=_env())
    try:
        watchdog = int(owner.stdout.readline())
        command = _child_of(watchdog)
        owner.send_signal(sig)
        owner.wait(10)
        assert _wait_gone([watchdog, command], 5) == [], f"the command outlived {sig.name} of its owner"
    finally:
        if owner.poll() is None:
            owner.kill()


def _watched(*cmd: str) -> list[str]:
    """`cmd` under a watchdog owned by this test process."""
    return [sys.executable, "-I", "-S", str(ltmod.WATCHDOG), str(os.getpid()), "--", *cmd]


def test_a_command_dies_with_its_watchdog_even_on_sigkill():
    watchdog = subprocess.Popen(_watched("sleep", "60"), start_new_session=True)
    command = _child_of(watchdog.pid)
    watchdog.kill()
    watchdog.wait(10)
    assert _wait_gone([command], 5) == [], "PR_SET_PDEATHSIG did not stop the command"


def test_the_watchdog_exits_with_its_commands_status():
    run = lambda *cmd: subprocess.run(_watched(*cmd), capture_output=True, timeout=30)  # noqa: E731
    assert run("sh", "-c", "exit 7").returncode == 7
    assert run("sh", "-c", "kill -9 $$").returncode == 128 + 9
    missing = run("/no/such/java")
    assert missing.returncode == 127 and b"cannot start /no/such/java" in missing.stderr


def _child_of(pid: int) -> int:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        kids = [p.pid for p in processes() if p.ppid == pid]
        if kids:
            return kids[0]
        time.sleep(0.02)
    raise AssertionError(f"process {pid} started nothing")


@pytest.mark.languagetool
@needs_install
def test_sigkill_of_the_watchdog_takes_the_jvm_with_it():
    server = ltmod._LocalServer(ltmod.find_install())
    jvm = jvm_of(server.proc.pid)
    server.proc.kill()
    server.proc.wait(10)
    assert _wait_gone([jvm], 5) == [], "the JVM outlived its watchdog"
    server.stop()


# -- killing the run -----------------------------------------------------------------------

TYPO = "Hi Dana,\n\nThank you for the demo of the kubectl plugin your team wrote.\n\nBest,\nSam\n"


def _start_run(tmp_path: Path, notes: int, *args: str) -> subprocess.Popen:
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(notes):
        (folder / f"note{i:03d}.txt").write_text(TYPO.replace("Dana", f"Dana {i}"), encoding="utf-8")
    # output to files, not pipes: a full pipe would stall the run while the test watches it
    out, err = (tmp_path / "out.json").open("wb"), (tmp_path / "err.txt").open("wb")
    cmd = [sys.executable, "-m", "thanklint", "--grammar-engine", "languagetool", "--format", "json", *args,
           str(folder)]  # fmt: skip
    return subprocess.Popen(cmd, cwd=tmp_path, env=_env(**QUICK_JVM, NO_COLOR="1"), stdout=out, stderr=err)


def _wait_for_jvms(proc: subprocess.Popen, n: int, seconds: float) -> list:
    """The run's processes once `n` JVMs run below it."""
    deadline = time.monotonic() + seconds
    while proc.poll() is None and time.monotonic() < deadline:
        below = descendants(proc.pid)
        if len([p for p in below if _is_jvm(p)]) >= n:
            return below
        time.sleep(0.1)
    raise AssertionError(f"the run did not start {n} JVM(s) in {seconds:g} s (exit code {proc.poll()}); "
                         f"{_what_the_run_said(Path(proc.args[-1]).parent)}")


def _what_the_run_said(tmp_path: Path) -> str:
    """The run's stderr and grammar verdicts: why it ended without a JVM the test could see."""
    err = (tmp_path / "err.txt").read_text(encoding="utf-8", errors="replace")[-1500:]
    try:
        files = json.loads((tmp_path / "out.json").read_bytes())["files"]
        grammar = [(f["engine"]["grammar"], r["status"], r.get("detail", "")) for f in files
                   for r in f["rules"] if r["id"] == "grammar"]  # fmt: skip
    except (OSError, ValueError, KeyError) as e:
        grammar = f"no report ({e})"
    return f"stderr: {err!r}; grammar: {grammar}"


@pytest.mark.languagetool
@needs_install
def test_sigkill_of_a_run_leaves_no_jvm(tmp_path):
    # 12 notes: the JVM checks long enough for a loaded machine's process scans to see it
    proc = _start_run(tmp_path, 12)
    try:
        below = _wait_for_jvms(proc, 1, 120)
        proc.kill()
        proc.wait(10)
        # the watchdog stops the JVM: SIGTERM, SIGKILL after 3 s
        left = _wait_gone([p.pid for p in below], 6)
        assert left == [], f"left behind: {[p.cmdline[:80] for p in below if p.pid in left]}"
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.languagetool
@needs_install
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_j2_run_killed_leaves_no_worker_and_no_jvm(tmp_path, sig):
    proc = _start_run(tmp_path, 40, "-j", "2")  # 40 notes: two batches, one for each worker
    try:
        below = _wait_for_jvms(proc, 2, 180)
        assert len([p for p in below if p.ppid == proc.pid]) >= 2, "two workers"
        proc.send_signal(sig)
        proc.wait(10)
        left = _wait_gone([p.pid for p in below], 6)
        assert left == [], f"left behind after {sig.name}: {[p.cmdline[:80] for p in below if p.pid in left]}"
    finally:
        if proc.poll() is None:
            proc.kill()


# -- an engine asked for by name must be there ------------------------------------------------


def test_languagetool_by_name_without_an_install_or_url_exits_2(tmp_path):
    (tmp_path / "note.txt").write_text(STRONG_NOTE, encoding="utf-8")
    nowhere = {"THANKLINT_LANGUAGETOOL_HOME": str(tmp_path / "no-install")}
    for args in (["--grammar-engine", "languagetool"], []):
        if not args:  # the same, asked for in the config file
            (tmp_path / "thanklint.toml").write_text('[grammar]\nengine = "languagetool"\n', encoding="utf-8")
        proc = run_cli(*args, "note.txt", cwd=tmp_path, env=nowhere)
        err = proc.stderr.decode()
        assert proc.returncode == 2, (args, err)
        assert proc.stdout == b"" and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
        assert "thanklint setup languagetool" in err and "--languagetool-url" in err, err


def test_auto_without_languagetool_still_checks_with_harper(tmp_path):
    (tmp_path / "note.txt").write_text(STRONG_NOTE, encoding="utf-8")
    env = {"THANKLINT_LANGUAGETOOL_HOME": str(tmp_path / "no-install")}
    proc = run_cli("--format", "json", "--grammar-engine", "auto", "note.txt", cwd=tmp_path, env=env)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert json.loads(proc.stdout)["files"][0]["engine"]["grammar"].startswith("harper")


# -- a URL that is not LanguageTool -------------------------------------------------------------


class _WebServer:
    """Any web server: answers every request with an HTML page (404 for unknown paths)."""

    def __init__(self, root: Path) -> None:
        (root / "index.html").write_text("<html><body><h1>It works</h1></body></html>", encoding="utf-8")
        handler = lambda *a, **k: _QuietHandler(*a, directory=str(root), **k)  # noqa: E731
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep the test output clean
        pass


def test_a_url_that_answers_html_is_not_a_languagetool_server(tmp_path):
    web = _WebServer(tmp_path)
    try:
        with pytest.raises(GrammarUnavailable) as e:
            open_engine("languagetool", url=web.url, timeout=5)
        assert str(e.value) == f"{web.url} is not a LanguageTool server (it answered a web page)"

        (tmp_path / "note.txt").write_text(STRONG_NOTE, encoding="utf-8")
        proc = run_cli("--format", "json", "--grammar-engine", "languagetool", "--languagetool-url", web.url + "/",
                       "note.txt", cwd=tmp_path)  # fmt: skip
    finally:
        web.close()
    assert proc.returncode in (0, 1), proc.stderr.decode()
    grammar = next(r for r in json.loads(proc.stdout)["files"][0]["rules"] if r["id"] == "grammar")
    assert grammar["status"] == "skip" and "is not a LanguageTool server" in grammar["detail"], grammar
