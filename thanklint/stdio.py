"""Standard output belongs to the output format (JSON, SARIF, LSP's JSON-RPC).

Native code writes to file descriptor 1 behind Python's back: Harper's Rust
library prints debugging lines ("gerund_form: -hearing- -- verb: -hear-") on some
notes, from the grammar worker thread, at any moment. Redirecting fd 1 around each
call would race with the main thread's own writes, so it is done once per process,
at start-up: the real stdout moves to a private descriptor that only our writer
uses, and fd 1 becomes /dev/null: native stdout prints are debugging noise, never
meant for the user (native errors go to stderr, which is left alone).
"""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

_private: BinaryIO | None = None


def claim_stdout() -> BinaryIO:
    """The real standard output as a binary stream on a private descriptor; from the
    first call on, fd 1 is /dev/null. Safe to call again (the same stream)."""
    global _private
    if _private is None:
        sys.stdout.flush()
        fd = os.dup(1)  # not inherited by child processes (Python's default for dup)
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.close(null)
        _private = os.fdopen(fd, "wb")
    return _private
