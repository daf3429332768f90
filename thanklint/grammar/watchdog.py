"""A watchdog process: starts a command, owns it, and stops it when it is no longer wanted.

    python -I -S watchdog.py OWNER_PID -- COMMAND [ARG...]
    python -I -S watchdog.py --shared STATE_FILE STATE_JSON -- COMMAND [ARG...]

thanklint runs this file as a script (``-I -S``: the standard library only, nothing of thanklint
or site-packages, so it is up in milliseconds) with ``start_new_session=True``, which runs no
Python between fork and exec. The watchdog is single-threaded, so it may do what a threaded
parent must not: it starts COMMAND with PR_SET_PDEATHSIG set in the child, so that COMMAND dies
with the watchdog however the watchdog ends (even SIGKILL).

COMMAND is stopped (SIGTERM, then SIGKILL after ``GRACE`` seconds) when the watchdog gets
SIGTERM, SIGINT or SIGHUP, and
  * (owner mode) OWNER_PID, the watchdog's parent, exits for any reason (a pidfd polled;
    ``getppid()`` polling where there is no pidfd);
  * (shared mode, the per-user LanguageTool server of shared_server.py: no owner, it outlives
    the run that started it) STATE_FILE is removed or replaced, the install named in the state
    changes, or nobody used the server for ``idle_timeout`` seconds: clients touch STATE_FILE's
    mtime on each use, and the watchdog does while a connection to the server is open (a check
    can take longer than the idle timeout: the first one loads the rules). The watchdog writes STATE_FILE itself (STATE_JSON plus its own pid,
    mode 0600) before COMMAND starts, and removes it when it ends, so a state file on disk
    always names a live watchdog or one that is about to remove it.
When COMMAND ends by itself, the watchdog exits with its status (128 + N for signal N), so the
owner sees COMMAND's death as the watchdog's.

``exit_with(pid)`` gives a worker process an owner watch of its own, in a thread.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import sys
import time

GRACE = 3.0  # seconds COMMAND gets to exit after SIGTERM
POLL = 0.2  # seconds between checks where there is no pidfd
TICK = 1.0  # seconds between a shared watchdog's looks at its state file
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def _pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux, or a kernel before 5.3
        return None


def _owner_fd(owner: int) -> int | None:
    """A pidfd on ``owner``, our parent (None: poll ``getppid()``); exits at once if it is gone."""
    fd = _pidfd(owner)
    # checked after pidfd_open, so the pidfd cannot name a process that reused the owner's pid:
    # once the owner is gone, our parent is another process
    if os.getppid() != owner:
        os._exit(1)
    return fd


def _spawn(cmd: list[str]) -> int:
    """fork + exec ``cmd``; on Linux the child gets PR_SET_PDEATHSIG (SIGKILL), so it dies with
    the watchdog. Python between fork and exec is safe here, unlike in thanklint: this process
    has one thread, and ctypes is loaded before the fork. An exec failure is written to stderr
    and ends the child with exit code 127, as in a shell."""
    prctl = None
    if sys.platform.startswith("linux"):
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    me = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    try:
        if prctl is not None:
            prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        if os.getppid() != me:  # the watchdog died before prctl took effect
            os._exit(1)
        os.execvp(cmd[0], cmd)
    except BaseException as e:
        os.write(2, f"thanklint watchdog: cannot start {cmd[0]}: {e}\n".encode())
    os._exit(127)


def _wait(child: int, stop_fd: int, unwanted, watch_fd: int | None = None, tick: float | None = None) -> int | None:
    """Block until ``child`` ends (its wait status), or until a stop signal arrives on
    ``stop_fd``, ``watch_fd`` (a pidfd) becomes readable or ``unwanted()`` is true (None).
    ``unwanted`` is asked every ``tick`` seconds (None: only when an fd is ready)."""
    child_fd = _pidfd(child)  # not reaped before we wait: the pid is still the child's
    if child_fd is None:
        tick = POLL if tick is None else min(tick, POLL)
    fds = [fd for fd in (watch_fd, child_fd, stop_fd) if fd is not None]
    while True:
        ready = select.select(fds, [], [], tick)[0]
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            return status
        if stop_fd in ready or (watch_fd is not None and watch_fd in ready) or unwanted():
            return None


class _Shared:
    """The state file of a shared server (see the module docstring)."""

    def __init__(self, path: str, state: dict) -> None:
        self.path = path
        self.idle = float(state["idle_timeout"])
        self.port = int(state["port"])
        self.jar, self.jar_mtime = state["jar"], state["jar_mtime_ns"]
        self.lock = os.path.join(os.path.dirname(path), state["lock"])
        tmp = f"{path}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump({**state, "pid": os.getpid(), "started": time.time()}, f)
        os.replace(tmp, path)
        self.inode = os.stat(path).st_ino

    def _mine(self) -> os.stat_result | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return st if st.st_ino == self.inode else None

    def unwanted(self) -> bool:
        st = self._mine()
        if st is None:  # removed ('thanklint server stop', a user) or replaced
            return True
        try:
            if os.stat(self.jar).st_mtime_ns != self.jar_mtime:
                return True  # the install was rebuilt or updated: the next run starts the new one
        except OSError:
            return True  # the install is gone
        if self.idle > 0 and time.time() - st.st_mtime > self.idle:
            if _connected(self.port):  # a check in progress (the first loads the rules: slow)
                os.utime(self.path)  # the idle time counts from the last one
                return False
            return self._idle_under_lock()
        return False

    def _idle_under_lock(self) -> bool:
        # under the clients' lock, so that a run that has just found the server (and touched
        # the state) is not left with a server that stops under it
        try:
            fd = os.open(self.lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a client holds it: look again at the next tick
            os.close(fd)
            return False
        try:
            st = self._mine()
            if st is not None and time.time() - st.st_mtime <= self.idle:
                return False
            self.remove()
            return True
        finally:
            os.close(fd)  # releases the lock

    def remove(self) -> None:
        if self._mine() is not None:
            try:
                os.unlink(self.path)
            except FileNotFoundError:
                pass


def _connected(port: int) -> bool:
    """Whether a connection to local ``port`` is open (Linux: /proc/net/tcp; elsewhere False)."""
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)  # the header
                for line in f:
                    local, state = line.split()[1:4:2]
                    if state == "01" and int(local.rsplit(":", 1)[1], 16) == port:  # 01: ESTABLISHED
                        return True
        except (OSError, StopIteration, ValueError, IndexError):
            continue
    return False


def _stop(child: int) -> int:
    """SIGTERM ``child``, SIGKILL it after ``GRACE`` s; its wait status."""
    os.kill(child, signal.SIGTERM)
    deadline = time.monotonic() + GRACE
    while time.monotonic() < deadline:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            return status
        time.sleep(0.05)
    os.kill(child, signal.SIGKILL)
    return os.waitpid(child, 0)[1]


USAGE = "usage: watchdog.py OWNER_PID -- COMMAND [ARG...] | watchdog.py --shared STATE_FILE STATE_JSON -- COMMAND [ARG...]"


def main(argv: list[str]) -> int:
    shared: _Shared | None = None
    if len(argv) >= 5 and argv[0] == "--shared" and argv[3] == "--":
        cmd = argv[4:]
    elif len(argv) >= 3 and argv[1] == "--" and argv[0].isdigit():
        owner, cmd = int(argv[0]), argv[2:]
        owner_fd = _owner_fd(owner)
    else:
        print(USAGE, file=sys.stderr)
        return 2
    # A stop signal only writes its number to a pipe that _wait polls. Set up before COMMAND
    # starts, so that none is missed and none interrupts the bookkeeping; exec resets the
    # handlers in the child, and the pipe is close-on-exec.
    stop_r, stop_w = os.pipe()
    os.set_blocking(stop_w, False)
    signal.set_wakeup_fd(stop_w)
    for s in STOP_SIGNALS:
        signal.signal(s, lambda signum, frame: None)
    if argv[0] == "--shared":
        shared = _Shared(argv[1], json.loads(argv[2]))
    child = _spawn(cmd)
    if shared is not None:
        status = _wait(child, stop_r, shared.unwanted, tick=TICK)
        shared.remove()  # before the JVM stops: no client finds a dying server
    else:
        gone = lambda: os.getppid() != owner  # noqa: E731
        status = _wait(child, stop_r, gone, watch_fd=owner_fd, tick=None if owner_fd is not None else POLL)
    if status is None:
        status = _stop(child)
    code = os.waitstatus_to_exitcode(status)
    return 128 - code if code < 0 else code  # killed by signal N: 128 + N, as in a shell


def exit_with(owner: int) -> None:
    """End this process (``os._exit``) as soon as process ``owner`` ends, from a thread.

    For -j worker processes, which own JVMs through watchdogs: when the run is killed (even with
    SIGKILL) its workers end, and their watchdogs then stop the JVMs. ``owner`` need not be the
    parent (with the forkserver start method it is not).
    """
    import threading

    try:
        fd: int | None = os.pidfd_open(owner)
    except ProcessLookupError:  # gone already
        os._exit(1)
    except (AttributeError, OSError):  # no pidfd: poll
        fd = None

    def watch() -> None:
        if fd is not None:
            select.select([fd], [], [])
        else:
            while pid_exists(owner):
                time.sleep(POLL)
        os._exit(1)

    threading.Thread(target=watch, name="thanklint-exit-with-owner", daemon=True).start()


def pid_exists(pid: int) -> bool:
    """Whether a process with this pid lives (ours or another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
