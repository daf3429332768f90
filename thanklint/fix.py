"""Safe fixes: apply the replacements a rule marked safe, show them as a unified
diff, and write the result atomically, keeping the file's encoding, BOM and line
endings. Nothing the user wrote is lost: the file is replaced in one rename, or
not at all.

How `--fix` writes (README, "Fixing"): through a symbolic link to its target (the link
stays a link); with the file's mode, owner and group (or not at all, with a message,
when they cannot be kept); never a file with more than one hard link (a rename would
split the names, an in-place write could leave every name half written); never a file
that changed since it was read. A temp file `.NAME.XXXXXXXX.thanklint` beside the note
exists only while it is written; SIGINT, SIGTERM and SIGHUP wait those milliseconds, so
they never leave one behind. Only SIGKILL can, and the next `--fix` of that note removes
temp files of that name older than the run.
"""

from __future__ import annotations

import difflib
import os
import re
import signal
import stat
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from thanklint.errors import ThanklintError
from thanklint.model import Suggestion
from thanklint.note import BOMS


def safe_edits(report) -> list[Suggestion]:
    """Non-overlapping safe replacements, in text order (the first of two overlapping wins)."""
    edits: list[Suggestion] = []
    for f in report.findings:
        for s in f.suggestions:
            if s.safe and s.kind == "replace":
                edits.append(s)
                break
    edits.sort(key=lambda s: (s.span.offset, s.span.length))
    out: list[Suggestion] = []
    end = -1
    for e in edits:
        if e.span.offset >= end:
            out.append(e)
            end = e.span.offset + e.span.length
    return out


def apply(source: str, edits: list[Suggestion]) -> str:
    """Offsets are code points in the note, whose length equals the source's (CRLF is
    normalised to " \\n" in place), so they index `source` directly."""
    parts, pos = [], 0
    for e in edits:
        parts.append(source[pos : e.span.offset])
        parts.append(e.text)
        pos = e.span.offset + e.span.length
    parts.append(source[pos:])
    return "".join(parts)


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                             fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}")  # fmt: skip
    )


class NotWritten(ThanklintError):
    """--fix left this file as it was; the message says why."""


TEMP_SUFFIX = ".thanklint"
STARTED = time.time()  # temp files older than this run are left over from a killed one
_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def write_atomic(path: Path, text: str, *, encoding: str = "utf-8", bom: bool = False,
                 expected: bytes | None = None) -> None:  # fmt: skip
    """Replace the file `path` (or, for a symbolic link, its target) with `text` in one
    rename. `expected`: the bytes the fixes were computed from; a file that no longer
    holds them is not written."""
    data = text.encode(encoding)
    if bom:
        data = next(b for b, codec in BOMS if codec == encoding) + data
    target = Path(os.path.realpath(path))
    try:
        st = target.stat()
        if not stat.S_ISREG(st.st_mode):
            raise NotWritten(f"{path}: not fixed: not a regular file")
        if st.st_nlink > 1:
            raise NotWritten(f"{path}: not fixed: it has {st.st_nlink} hard links, which a fix would split "
                             "(see --diff for the changes)")  # fmt: skip
        if expected is not None and target.read_bytes() != expected:
            raise NotWritten(f"{path}: not fixed: it changed while it was being checked")
        _remove_stale(target)
        _replace(target, data, st)
    except OSError as e:
        raise NotWritten(f"{path}: not fixed: {_why(e, target)}") from None


def _replace(target: Path, data: bytes, st: os.stat_result) -> None:
    with _signals_held():
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                if (os.fstat(f.fileno()).st_uid, os.fstat(f.fileno()).st_gid) != (st.st_uid, st.st_gid):
                    try:
                        os.fchown(f.fileno(), st.st_uid, st.st_gid)
                    except OSError as e:
                        raise OSError(e.errno, f"cannot keep its owner and group ({st.st_uid}:{st.st_gid})") from None
                os.fchmod(f.fileno(), stat.S_IMODE(st.st_mode))  # after chown, which clears set-id bits
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, target)
        except BaseException:
            _unlink(tmp)
            raise
    _fsync_folder(target.parent)


@contextmanager
def _signals_held():
    """SIGINT, SIGTERM and SIGHUP wait until the temp file is renamed or removed (a few
    milliseconds), then take effect as they would have: a signal never leaves a temp
    file behind. (Python runs and sets signal handlers in the main thread only.)"""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    old = {s: signal.signal(s, lambda signum, frame: pending.append(signum)) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, signal.SIG_DFL if handler is None else handler)
        for s in dict.fromkeys(pending):
            os.kill(os.getpid(), s)


def _remove_stale(target: Path) -> None:
    """Temp files of this note's name left by a run that was killed (SIGKILL)."""
    pattern = re.compile(re.escape(f".{target.name}.") + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for e in entries:
        try:
            if pattern.fullmatch(e.name) and e.is_file(follow_symlinks=False) and e.stat(follow_symlinks=False).st_mtime < STARTED:
                os.unlink(e.path)
        except OSError:
            pass  # not ours to remove after all; the fix itself goes on


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _fsync_folder(folder: Path) -> None:
    """So that the rename itself survives a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _why(e: OSError, target: Path) -> str:
    if isinstance(e, PermissionError) and not os.access(target.parent, os.W_OK):
        return f"its folder {target.parent} is not writable"
    return e.strerror or str(e)
