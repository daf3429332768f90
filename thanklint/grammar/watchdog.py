"""A watchdog process: starts a command, owns it, and stops it when its owner goes.

    python -I -S watchdog.py OWNER_PID -- COMMAND [ARG...]

thanklint runs this file as a script (``-I -S``: the standard library only, nothing of thanklint
or site-packages, so it is up in milliseconds) with ``start_new_session=True``, which runs no
Python between fork and exec. The watchdog is single-threaded, so it may do what a threaded
parent must not: it starts COMMAND with PR_SET_PDEATHSIG set in the child, so that COMMAND dies
with the watchdog however the watchdog ends (even SIGKILL).

COMMAND is stopped (SIGTERM, then SIGKILL after ``GRACE`` seconds) when
  * OWNER_PID, the watchdog's parent, exits for any reason (a pidfd polled; ``getppid()``
    polling where there is no pidfd);
  * the watchdog gets SIGTERM, SIGINT or SIGHUP.
When COMMAND ends by itself, the watchdog exits with its status (128 + N for signal N), so the
owner sees COMMAND's death as the watchdog's.

``exit_with(pid)`` gives a worker process an owner watch of its own, in a thread.

(A per-user LanguageTool server shared by several runs, a later issue, would extend ``_wait``
with more owners and an idle timer.)
"""

from __future__ import annotations

import os
import select
import signal
import sys
import time

GRACE = 3.0  # seconds COMMAND gets to exit after SIGTERM
POLL = 0.2  # seconds between checks where there is no pidfd
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


def _wait(owner: int, owner_fd: int | None, child: int, stop_fd: int) -> int | None:
    """Block until ``child`` ends (its wait status), or until ``owner`` ends or a stop signal
    arrives on ``stop_fd`` (None)."""
    child_fd = _pidfd(child)  # not reaped before we wait: the pid is still the child's
    if owner_fd is not None and child_fd is not None:
        poller = select.poll()
        for fd in (owner_fd, child_fd, stop_fd):
            poller.register(fd, select.POLLIN)
        if child_fd in {fd for fd, _ in poller.poll()}:
            return os.waitpid(child, 0)[1]
        return None
    while True:
        pid, status = os.waitpid(child, os.WNOHANG)
        if pid:
            return status
        if os.getppid() != owner or select.select([stop_fd], [], [], POLL)[0]:
            return None


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


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--" or not argv[0].isdigit():
        print("usage: watchdog.py OWNER_PID -- COMMAND [ARG...]", file=sys.stderr)
        return 2
    owner, cmd = int(argv[0]), argv[2:]
    owner_fd = _owner_fd(owner)
    # A stop signal only writes its number to a pipe that _wait polls. Set up before COMMAND
    # starts, so that none is missed and none interrupts the bookkeeping; exec resets the
    # handlers in the child, and the pipe is close-on-exec.
    stop_r, stop_w = os.pipe()
    os.set_blocking(stop_w, False)
    signal.set_wakeup_fd(stop_w)
    for s in STOP_SIGNALS:
        signal.signal(s, lambda signum, frame: None)
    child = _spawn(cmd)
    status = _wait(owner, owner_fd, child, stop_r)
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
            while _exists(owner):
                time.sleep(POLL)
        os._exit(1)

    threading.Thread(target=watch, name="thanklint-exit-with-owner", daemon=True).start()


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    return True


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
