"""Reading a note's bytes from a path or standard input, safely.

A path is opened without blocking (O_NONBLOCK: opening a FIFO with no writer
would otherwise wait forever) and must be a regular file: a FIFO, device or socket
could block or never end (/dev/zero). At most `max_bytes + 1` bytes are read, so
a too-large input is refused without reading it all; standard input may be a pipe
or a device and is bounded the same way. Every failure is an InputError naming
the input.
"""

from __future__ import annotations

import os
import stat
import sys

from thanklint.errors import InputError

STDIN = "-"


def read_input(path: str, *, max_bytes: int, name: str | None = None) -> bytes:
    """The bytes of `path` ('-' for standard input), at most `max_bytes` of them."""
    name = name or ("<stdin>" if path == STDIN else path)
    try:
        if path == STDIN:
            if sys.stdin is None:  # started with fd 0 closed
                raise InputError(f"{name}: standard input is closed")
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            data = _read_file(path, name, max_bytes)
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise _too_big(name, max_bytes)
    return data


def _read_file(path: str, name: str, max_bytes: int) -> bytes:
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with open(fd, "rb", closefd=True) as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{name}: not a regular file ({_kind(st.st_mode)}); give a note saved as a file")
        if st.st_size > max_bytes:  # said with its size, and not read at all
            raise _too_big(name, max_bytes, st.st_size)
        return f.read(max_bytes + 1)  # + 1: a file that grew since is still caught


def _too_big(name: str, max_bytes: int, size: int | None = None) -> InputError:
    what = f"is {size:,} bytes, over" if size is not None else "is over"
    return InputError(f"{name} {what} the {max_bytes:,}-byte limit for a note (raise it with max_bytes in thanklint.toml)")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
