"""Reading the small files thanklint is pointed at — config, vocabulary, rule files,
cache entries — safely: only regular files, and never more than a cap. A FIFO, a
device or a huge file under one of those names would otherwise block the checker
or read without end."""

from __future__ import annotations

import os
import stat

# Opening a FIFO for reading blocks until a writer comes; O_NONBLOCK opens it at once
# (and changes nothing for a regular file), so fstat can refuse it.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class Unreadable(Exception):
    """`str(e)` is the reason, to follow the file's name: "is not a regular file (a named pipe)"."""


class NotRegular(Unreadable):
    """A FIFO, device, socket or folder where a file was expected."""


class TooLarge(Unreadable):
    """Over the cap; `size` is the file's size when it was known before reading."""

    def __init__(self, limit: int, size: int | None = None) -> None:
        super().__init__(f"is larger than {_size(limit)}")
        self.limit, self.size = limit, size


def read_bytes(path, limit: int) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them. FileNotFoundError
    passes through (some callers treat a missing file as empty); every other problem
    is Unreadable."""
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise
    except OSError as e:
        raise Unreadable(f"cannot be read ({e.strerror})") from None
    with os.fdopen(fd, "rb") as f:
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise NotRegular(f"is not a regular file ({_kind(st.st_mode)})")
            if st.st_size > limit:  # refused by its size, without reading it
                raise TooLarge(limit, st.st_size)
            data = f.read(limit + 1)  # + 1: a file that grew since is still caught
        except OSError as e:
            raise Unreadable(f"cannot be read ({e.strerror})") from None
    if len(data) > limit:
        raise TooLarge(limit)
    return data


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


def _size(n: int) -> str:
    return f"{n // 1_000_000} MB" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n} bytes"
