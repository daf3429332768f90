"""How `thanklint --fix` writes a note: through a symbolic link, never splitting hard
links, keeping owner, group and mode (or leaving the note, with a message, when it
cannot), refusing a read-only folder with one line, never overwriting an edit made
during the check, and leaving no temp file after SIGTERM (and none that outlives the
next run after SIGKILL).

The real CLI as a subprocess. The tests run as root here; a child that must meet
permissions as a user would runs as root without the matching capabilities. The grammar engine is off: the fix under test is the
tone rule's "!!!" → "!", and the engine would only make each run slower.
"""

from __future__ import annotations

import ctypes
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, run_cli

ARGS = ("--grammar-engine", "off", "--format", "line", "--fix")
NOTE = b"Hi Dana,\n\nThank you for the tour of the lab yesterday!!! I loved the robots.\n\nBest,\nSam\n"
FIXED = NOTE.replace(b"!!!", b"!")
ROOT = os.geteuid() == 0


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".thanklint"))


# -- one run over links and owners -------------------------------------------------------
@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    d = tmp_path_factory.mktemp("fix")
    (d / "real").mkdir()
    (d / "real" / "target.txt").write_bytes(NOTE)
    (d / "via-link.txt").symlink_to("real/target.txt")
    (d / "hard-a.txt").write_bytes(NOTE)
    os.link(d / "hard-a.txt", d / "hard-b.txt")
    (d / "owned.txt").write_bytes(NOTE)
    os.chmod(d / "owned.txt", 0o640)
    if ROOT:  # (works for any uid, whether or not such a user exists)
        os.chown(d / "owned.txt", 1000, 1000)
    proc = run_cli(*ARGS, "via-link.txt", "hard-a.txt", "owned.txt", cwd=d)
    return d, proc


def test_a_symlink_stays_a_link_and_its_target_is_fixed(fixed):
    d, proc = fixed
    assert b"fixed 1 problem in via-link.txt" in proc.stderr, proc.stderr.decode()
    assert (d / "via-link.txt").is_symlink() and os.readlink(d / "via-link.txt") == "real/target.txt"
    assert (d / "real" / "target.txt").read_bytes() == FIXED
    assert temp_files(d) == temp_files(d / "real") == []


def test_a_hard_linked_note_is_left_alone_with_a_message(fixed):
    d, proc = fixed
    a, b = d / "hard-a.txt", d / "hard-b.txt"
    assert a.read_bytes() == b.read_bytes() == NOTE
    assert a.stat().st_ino == b.stat().st_ino, "still one file under two names"
    assert b"thanklint: hard-a.txt: not fixed: it has 2 hard links" in proc.stderr
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr


@pytest.mark.skipif(not ROOT, reason="giving a file to another user needs root")
def test_owner_group_and_mode_are_kept(fixed):
    d, proc = fixed
    st = (d / "owned.txt").stat()
    assert (d / "owned.txt").read_bytes() == FIXED, proc.stderr.decode()
    assert (st.st_uid, st.st_gid, st.st_mode & 0o7777) == (1000, 1000, 0o640)


def _without(*caps: int):
    """A preexec_fn: drop `caps` from the capability bounding set, so that the child,
    though uid 0, lacks those powers of root after exec, as any user would."""

    def drop() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in caps:
            if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 0, 1, 2


@pytest.mark.skipif(not ROOT, reason="giving a file to another user needs root")
def test_an_owner_that_cannot_be_kept_leaves_the_note_with_a_message(tmp_path):
    note = tmp_path / "theirs.txt"
    note.write_bytes(NOTE)
    os.chown(note, 1000, 1000)
    proc = subprocess.run([sys.executable, "-m", "thanklint", *ARGS, "theirs.txt"], capture_output=True,
                          cwd=tmp_path, env=_env(tmp_path), timeout=120, preexec_fn=_without(CAP_CHOWN))  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.decode() == "thanklint: theirs.txt: not fixed: cannot keep its owner and group (1000:1000)\n"
    assert note.read_bytes() == NOTE and (note.stat().st_uid, note.stat().st_gid) == (1000, 1000)
    assert temp_files(tmp_path) == []


# -- a folder the user cannot write ------------------------------------------------------
def test_a_read_only_folder_is_one_line_exit_2_and_the_note_unchanged(tmp_path):
    d = tmp_path / "locked"
    d.mkdir()
    (d / "note.txt").write_bytes(NOTE)
    d.chmod(0o555)
    # root passes any permission check (CAP_DAC_OVERRIDE); without it, uid 0 meets the mode
    try:
        proc = subprocess.run([sys.executable, "-m", "thanklint", *ARGS, "note.txt"], capture_output=True, cwd=d,
                              env=_env(d), timeout=120, preexec_fn=_without(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) if ROOT else None)  # fmt: skip
    finally:
        d.chmod(0o755)
    assert proc.returncode == 2
    assert proc.stderr.decode() == f"thanklint: note.txt: not fixed: its folder {d} is not writable\n"
    assert (d / "note.txt").read_bytes() == NOTE
    assert proc.stdout.startswith(b"note.txt:"), "the report is still printed"


# -- signals --------------------------------------------------------------------------------
# A real signal cannot be aimed at a window of a few milliseconds, so the CLI runs with
# os.fsync wrapped: on the temp file it says so on stderr and pauses, the temp file
# written and not yet renamed. Everything else is the real CLI.
PAUSED_CLI = r"""
import os, sys, time
real_fsync = os.fsync
def fsync(fd):
    if os.readlink(f"/proc/self/fd/{fd}").endswith(".thanklint"):
        print("IN-WINDOW", file=sys.stderr, flush=True)
        time.sleep(float(os.environ["PAUSE"]))
    real_fsync(fd)
os.fsync = fsync
from thanklint.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _env(folder: Path, **extra: str) -> dict:
    env = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": str(folder / ".no-user-config"), **extra}
    env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    env["PYTHONPATH"] = str(REPO)
    return env


def _signal_in_window(folder: Path, signum: int, pause: float) -> tuple[int, bytes]:
    proc = subprocess.Popen([sys.executable, "-c", PAUSED_CLI, *ARGS, "note.txt"], cwd=folder,
                            env=_env(folder, PAUSE=str(pause)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(ln) for ln in proc.stderr], daemon=True).start()
    seen, end = [], time.monotonic() + 120
    try:
        while b"IN-WINDOW\n" not in seen:
            seen.append(lines.get(timeout=max(0.1, end - time.monotonic())))
        assert temp_files(folder), "paused with the temp file written"
        proc.send_signal(signum)
        rc = proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    time.sleep(0.1)
    while not lines.empty():
        seen.append(lines.get())
    return rc, b"".join(seen)


def test_sigterm_while_writing_leaves_no_temp_file(tmp_path):
    (tmp_path / "note.txt").write_bytes(NOTE)
    rc, err = _signal_in_window(tmp_path, signal.SIGTERM, pause=1.0)
    assert rc == -signal.SIGTERM, err.decode()  # it still ends the way SIGTERM ends a process
    assert temp_files(tmp_path) == []
    assert (tmp_path / "note.txt").read_bytes() == FIXED, "the write it had begun was finished, whole"
    assert b"Traceback" not in err


def test_a_temp_file_left_by_sigkill_is_removed_by_the_next_fix(tmp_path):
    (tmp_path / "note.txt").write_bytes(NOTE)
    rc, _ = _signal_in_window(tmp_path, signal.SIGKILL, pause=60)
    assert rc == -signal.SIGKILL
    left = temp_files(tmp_path)
    assert len(left) == 1 and left[0].startswith(".note.txt."), "SIGKILL cannot be caught: one is left"
    assert (tmp_path / "note.txt").read_bytes() == NOTE, "the note itself is whole"
    # the next run removes it, but not another note's, nor one newer than the run
    (tmp_path / ".other.txt.abcd1234.thanklint").write_bytes(b"x")
    newer = tmp_path / ".note.txt.zzzz9999.thanklint"
    newer.write_bytes(b"x")
    os.utime(newer, (time.time() + 3600, time.time() + 3600))
    proc = run_cli(*ARGS, "note.txt", cwd=tmp_path)
    assert b"fixed 1 problem in note.txt" in proc.stderr, proc.stderr.decode()
    assert temp_files(tmp_path) == [".note.txt.zzzz9999.thanklint", ".other.txt.abcd1234.thanklint"]
    assert (tmp_path / "note.txt").read_bytes() == FIXED


# -- an edit made while the note is being checked -------------------------------------------
# A person's edit cannot be timed into the seconds between the read and the write, so the
# CLI runs with the input reader wrapped: right after reading note.txt it appends a line
# to the file, as an editor saving meanwhile would. Everything else is the real CLI.
EDITED_CLI = r"""
import sys
import thanklint.source as source
real_read = source.read_input
def read_input(path, **kw):
    data = real_read(path, **kw)
    if path == "note.txt":
        with open(path, "ab") as f:
            f.write(b"P.S. written meanwhile\n")
    return data
source.read_input = read_input
from thanklint.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_note_edited_during_the_check_is_not_overwritten(tmp_path):
    (tmp_path / "note.txt").write_bytes(NOTE)
    proc = subprocess.run([sys.executable, "-c", EDITED_CLI, *ARGS, "note.txt"], capture_output=True, cwd=tmp_path,
                          env=_env(tmp_path), timeout=120)  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.decode() == "thanklint: note.txt: not fixed: it changed while it was being checked\n"
    assert (tmp_path / "note.txt").read_bytes() == NOTE + b"P.S. written meanwhile\n"
    assert temp_files(tmp_path) == []
