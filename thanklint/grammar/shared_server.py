"""One local LanguageTool server per user, shared by runs, the language server and hooks.

The first run that wants the local install starts the server under a detached watchdog
(watchdog.py ``--shared``: its own session, no owner), which writes the state file
``languagetool.json`` in the state directory: port, pid, the install (path, version, the jar's
mtime), a random token and the idle timeout. Later runs find it there and reuse it; each use
touches the state file, and the watchdog stops the JVM and removes the state after
``idle_timeout`` seconds without a use, or when the state file goes or the install changes.

Trust. LanguageTool's HTTP server cannot check a token in a request, so a server is trusted
when all of these hold:
  * the state directory is ours: ``$XDG_RUNTIME_DIR/thanklint`` (else ``thanklint-UID`` in the
    temporary directory), owned by this uid, mode 0700, not a symlink;
  * the state file in it is a regular file owned by this uid, mode 0600 (only we can write it);
  * its pid is alive, owned by this uid, and its command line (``/proc/PID/cmdline``) carries
    the state's token: it is the watchdog that wrote the state, not a process that reused a
    dead watchdog's pid (its JVM dies with it: PR_SET_PDEATHSIG);
  * the port answers ``/v2/languages``, and the install matches the one this run would start.
A server started by another user or process is never trusted; a stale state is removed.

Two runs starting at the same moment start one server: find-or-start runs under an
``fcntl.flock`` on ``languagetool.lock`` in the state directory.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import GrammarUnavailable

IDLE_ENV = "THANKLINT_LANGUAGETOOL_IDLE_TIMEOUT"
DEFAULT_IDLE = 900.0  # seconds (15 min)
STATE, LOCK, LOG = "languagetool.json", "languagetool.lock", "languagetool.log"


def idle_timeout(configured: float | None) -> float:
    """``[grammar] idle_timeout`` when set, else env THANKLINT_LANGUAGETOOL_IDLE_TIMEOUT, else
    15 min. 0: no shared server (one JVM per run, stopped when the run ends)."""
    if configured is not None:
        return float(configured)
    env = os.environ.get(IDLE_ENV, "").strip()
    if env:
        try:
            value = float(env)
        except ValueError:
            raise GrammarUnavailable(f"{IDLE_ENV}={env!r} is not a number of seconds") from None
        if value >= 0:
            return value
        raise GrammarUnavailable(f"{IDLE_ENV}={env!r} must be 0 or more seconds")
    return DEFAULT_IDLE


def state_dir(create: bool = True) -> Path:
    """This user's state directory, checked (and created 0700 when ``create``)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "").strip()
    if runtime and os.path.isabs(runtime):
        d = Path(runtime) / "thanklint"
    else:
        d = Path(tempfile.gettempdir()) / f"thanklint-{os.getuid()}"
    if create:
        try:
            d.mkdir(mode=0o700, exist_ok=True)
        except OSError as e:
            raise GrammarUnavailable(f"cannot create the state directory {d}: {e.strerror}") from e
    try:
        st = os.lstat(d)
    except FileNotFoundError:
        return d
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
        raise GrammarUnavailable(
            f"the state directory {d} is not a private directory of yours (owner, mode 0700): "
            "remove it, or set XDG_RUNTIME_DIR"
        )
    return d


@dataclass(frozen=True)
class Install:
    home: Path
    version: str
    jar_mtime_ns: int

    @classmethod
    def of(cls, home: Path) -> "Install":
        from .languagetool import SERVER_JAR, _install_version

        return cls(home.resolve(), _install_version(home), os.stat(home / SERVER_JAR).st_mtime_ns)

    def matches(self, state: dict) -> bool:
        return (state.get("install"), state.get("version"), state.get("jar_mtime_ns")) == (
            str(self.home), self.version, self.jar_mtime_ns)  # fmt: skip


def _read_state(d: Path) -> dict | None:
    """The state file's content if it is ours (regular, our uid, 0600) and well formed."""
    path = d / STATE
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd) as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o177:
            return None
        try:
            state = json.loads(f.read(65536))
        except ValueError:
            return None
    keys = {"pid": int, "port": int, "token": str, "install": str, "version": str, "idle_timeout": (int, float)}
    if not isinstance(state, dict) or not all(isinstance(state.get(k), t) for k, t in keys.items()):
        return None
    return state


def _is_our_watchdog(state: dict) -> bool:
    pid = state["pid"]
    try:
        if os.stat(f"/proc/{pid}").st_uid != os.getuid():
            return False
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return state["token"].encode() in cmdline


def _answers(port: int, timeout: float = 2.0) -> bool:
    from .languagetool import _Http

    try:
        _Http(f"http://127.0.0.1:{port}", timeout).get("/v2/languages")
        return True
    except GrammarUnavailable:
        return False


def _gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1] == "Z":
                return True  # a zombie: exited, not yet reaped by its parent
        except OSError:
            return True
        time.sleep(0.05)
    return False


def _stop(state: dict, d: Path) -> None:
    """Stop the server ``state`` names (its watchdog removes the state and stops the JVM)."""
    from .watchdog import GRACE

    if _is_our_watchdog(state):
        try:
            os.kill(state["pid"], signal.SIGTERM)
        except ProcessLookupError:
            pass
        _gone(state["pid"], GRACE + 5)
    _remove_stale(d, state)


def _same(a: dict | None, b: dict) -> bool:
    return a is not None and a["token"] == b["token"]


def _remove_stale(d: Path, state: dict) -> None:
    if _same(_read_state(d), state):
        try:
            (d / STATE).unlink()
        except FileNotFoundError:
            pass


class _Lock:
    """``flock`` on the lock file, waited for in short steps (a blocking flock would keep a
    Ctrl-C'd run waiting for another run's start), at most ``seconds``."""

    def __init__(self, d: Path, seconds: float) -> None:
        self.path, self.seconds = d / LOCK, seconds

    def __enter__(self) -> "_Lock":
        import fcntl

        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        deadline = time.monotonic() + self.seconds
        while True:
            try:
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return self
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(self.fd)
                    raise GrammarUnavailable(f"another thanklint held {self.path} for {self.seconds:g} s") from None
                time.sleep(0.1)

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)  # releases the lock


class SharedServer:
    """A running shared server, as a run uses it (the ``server`` of a LanguageToolEngine)."""

    def __init__(self, d: Path, state: dict, started: bool) -> None:
        self.state_path = d / STATE
        self.pid, self.port = state["pid"], state["port"]
        self.url = f"http://127.0.0.1:{self.port}"
        self.started = started

    def ensure_alive(self) -> None:
        """Marks a use (the idle clock restarts); raises when the server has gone."""
        try:
            os.utime(self.state_path)
        except FileNotFoundError:
            raise GrammarUnavailable("the shared LanguageTool server stopped (its state file is gone)") from None

    def stop(self) -> None:
        """Nothing: the server outlives the run; its watchdog stops it when idle."""


def find_or_start(home: Path, idle: float, start_timeout: float) -> SharedServer:
    """The shared server of ``home``: the running one if it is alive and ours, else a new one."""
    from .languagetool import java_or_missing

    d = state_dir()
    install = Install.of(home)
    with _Lock(d, start_timeout + 30):
        state = _read_state(d)
        if state is not None:
            if _is_our_watchdog(state) and install.matches(state):
                # a run that started it and was stopped before it answered leaves it starting
                if _wait_ready(state, start_timeout, d):
                    server = SharedServer(d, state, started=False)
                    server.ensure_alive()
                    return server
            _stop(state, d)  # another install, stale, or not answering
        java = java_or_missing(home)
        for attempt in range(3):  # the free port may be taken between choosing and binding it
            try:
                server = SharedServer(d, _start(d, java, install, idle, start_timeout), started=True)
                server.ensure_alive()  # the idle clock starts now, not when the JVM was launched
                return server
            except _PortBusy:
                if attempt == 2:
                    raise
    raise AssertionError("unreachable")


class _PortBusy(GrammarUnavailable):
    pass


def _start(d: Path, java: str, install: Install, idle: float, start_timeout: float) -> dict:
    from .languagetool import SERVER_JAR, WATCHDOG, _free_port, jvm_command, port_busy

    port = _free_port()
    state = {
        "port": port,
        "token": secrets.token_hex(16),
        "install": str(install.home),
        "version": install.version,
        "jar": str(install.home / SERVER_JAR),
        "jar_mtime_ns": install.jar_mtime_ns,
        "idle_timeout": idle,
        "lock": LOCK,
    }
    cmd = [sys.executable, "-I", "-S", str(WATCHDOG), "--shared", str(d / STATE), json.dumps(state), "--",
           *jvm_command(java, install.home, port)]  # fmt: skip
    log_fd = os.open(d / LOG, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    try:
        # its own session and no preexec_fn: nothing runs between fork and exec (threads are
        # alive here), and the server is no child that dies with the run's terminal or group
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log_fd, stderr=subprocess.STDOUT,
                                cwd=str(install.home), start_new_session=True)  # fmt: skip
    except OSError as e:
        raise GrammarUnavailable(f"cannot start Java for LanguageTool: {e}") from e
    finally:
        os.close(log_fd)
    state["pid"] = proc.pid
    deadline = time.monotonic() + start_timeout
    while not _answers(port, 2.0):
        rc = proc.poll()
        if rc is not None:
            log = _log_tail(d, 10_000)
            if port_busy(log):
                raise _PortBusy(f"LanguageTool server could not listen on 127.0.0.1:{port} (port busy)")
            tail = _log_tail(d, 5)
            raise GrammarUnavailable(f"LanguageTool server in {install.home} stopped at start-up (exit code {rc})"
                                     + (f": {tail}" if tail else ""))  # fmt: skip
        if time.monotonic() > deadline:
            _stop(state, d)
            raise GrammarUnavailable(f"LanguageTool server in {install.home} did not start within {start_timeout:g} s")
        time.sleep(0.1)
    return state


def _wait_ready(state: dict, seconds: float, d: Path) -> bool:
    deadline = time.monotonic() + seconds
    while not _answers(state["port"]):
        if time.monotonic() > deadline or not _is_our_watchdog(state) or not _same(_read_state(d), state):
            return False
        time.sleep(0.2)
    return True


def _log_tail(d: Path, n: int) -> str:
    try:
        lines = [ln.strip()[:160] for ln in (d / LOG).read_text("utf-8", "replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    return " | ".join(lines[-n:])


# --------------------------------------------------------------------------- thanklint server


def status() -> dict | None:
    """The running shared server (pid, port, version, install, memory, idle time), or None."""
    d = state_dir(create=False)
    state = _read_state(d) if d.is_dir() else None
    if state is None or not _is_our_watchdog(state):
        return None
    try:
        idle = time.time() - os.stat(d / STATE).st_mtime
    except FileNotFoundError:
        return None
    return {**state, "idle_seconds": idle, "rss_bytes": _tree_rss(state["pid"]), "state": str(d / STATE),
            "answers": _answers(state["port"])}  # fmt: skip


def _tree_rss(pid: int) -> int | None:
    """Resident memory of the watchdog and its JVM (Linux /proc), or None."""
    total, found = 0, False
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    for p in [pid, *map(int, children)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    found = True
        except OSError:
            pass
    return total if found else None


def stop() -> dict | None:
    """Stop the shared server; the state of the one stopped, or None when none ran."""
    d = state_dir(create=False)
    if not d.is_dir():
        return None
    with _Lock(d, 120):
        state = _read_state(d)
        if state is None:
            return None
        running = _is_our_watchdog(state)
        _stop(state, d)
        return state if running else None


def _minutes(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m} min" + (f" {s} s" if s else "") if m else f"{s} s"


def command(argv: list[str]) -> int:
    """``thanklint server status|stop|start``: the shared local LanguageTool server."""
    import argparse

    from thanklint.errors import ThanklintError

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):  # one line, exit 2, no usage dump
            self.exit(2, f"thanklint server: {message} (see thanklint server --help)\n")

    p = _Parser(prog="thanklint server", description="The shared local LanguageTool server.")
    p.add_argument("action", choices=("status", "stop", "start"))
    p.add_argument("--config", metavar="FILE", help="start: the config whose [grammar] idle_timeout applies")
    args = p.parse_args(argv)
    try:
        if args.action == "status":
            s = status()
            if s is None:
                print("LanguageTool server: not running")
                return 0
            rss = s["rss_bytes"]
            print(f"LanguageTool server: running{'' if s['answers'] else ' (not answering yet)'}\n"
                  f"  version  {s['version']} ({s['install']})\n"
                  f"  pid      {s['pid']}\n"
                  f"  port     127.0.0.1:{s['port']}\n"
                  f"  memory   {f'{rss / 2**20:.0f} MB' if rss is not None else 'unknown'}\n"
                  f"  idle     {_minutes(s['idle_seconds'])} (stops after {_minutes(s['idle_timeout'])})\n"
                  f"  state    {s['state']}")  # fmt: skip
            return 0
        if args.action == "stop":
            s = stop()
            print(f"LanguageTool server stopped (pid {s['pid']})" if s else "LanguageTool server: not running")
            return 0
        return _start_command(args.config)
    except GrammarUnavailable as e:
        raise ThanklintError(str(e)) from None


def _start_command(config_file: str | None) -> int:
    from thanklint import config as cfgmod
    from thanklint.errors import ThanklintError

    from . import languagetool as lt

    idle = idle_timeout(cfgmod.load(explicit=config_file).grammar.idle_timeout)
    if idle == 0:
        raise ThanklintError("grammar.idle_timeout is 0: each run starts its own LanguageTool, there is no shared server to start")
    eng = lt.open_languagetool(idle_timeout=idle)
    try:
        server = eng._server
        how = "started" if server.started else "already running"
        print(f"LanguageTool server {how} on 127.0.0.1:{server.port} (pid {server.pid}); "
              f"it stops after {_minutes(idle)} without a check")  # fmt: skip
    finally:
        eng.close()
    return 0
