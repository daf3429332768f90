"""Reading a note's bytes from a path or standard input, safely.

A path is read through thanklint.files (regular files only, opened without
blocking, at most `max_bytes + 1` bytes), so a FIFO or /dev/zero is refused and a
too-large input is refused without reading it all; standard input may be a pipe
or a device and is bounded the same way. Every failure is an InputError naming
the input.
"""

from __future__ import annotations

import sys

from thanklint.errors import InputError
from thanklint.files import NotRegular, TooLarge, Unreadable, read_bytes

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
    try:
        return read_bytes(path, max_bytes)
    except TooLarge as e:
        raise _too_big(name, max_bytes, e.size) from None
    except NotRegular as e:  # "is not a regular file (a named pipe)"
        raise InputError(f"{name}: {str(e).removeprefix('is ')}; give a note saved as a file") from None
    except Unreadable as e:  # "cannot be read (Permission denied)"
        raise InputError(f"{name} {e}") from None


def _too_big(name: str, max_bytes: int, size: int | None = None) -> InputError:
    what = f"is {size:,} bytes, over" if size is not None else "is over"
    return InputError(f"{name} {what} the {max_bytes:,}-byte limit for a note (raise it with max_bytes in thanklint.toml)")
