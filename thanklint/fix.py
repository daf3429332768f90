"""Safe fixes: apply the replacements a rule marked safe, show them as a unified
diff, and write the result atomically, keeping the file's encoding, BOM and line
endings. Nothing the user wrote is lost: the file is replaced in one rename, or
not at all."""

from __future__ import annotations

import difflib
import os
import tempfile
from pathlib import Path

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


def write_atomic(path: Path, text: str, *, encoding: str = "utf-8", bom: bool = False) -> None:
    data = text.encode(encoding)
    if bom:
        data = next(b for b, codec in BOMS if codec == encoding) + data
    mode = path.stat().st_mode
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".thanklint", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
