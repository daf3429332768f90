"""Note text made safe to echo to a terminal.

A note (or a file name) can hold escape sequences that would recolour or retitle
the user's terminal, and bidi overrides that reorder what is shown: each such
character is shown as an escape instead (`\\x1b`, `\\u202e`). A character the
output encoding lacks (an emoji under PYTHONIOENCODING=ascii) is shown as its
nearest ASCII (“ → ", — → -) or as a backslash escape: the error handler
`PLAIN` does that, for the CLI's streams too. Both work one character at a time,
so the prefix of a line shows as the prefix of the shown line and underlines
measured on it stay aligned."""

from __future__ import annotations

import codecs

# C0 controls, DEL and C1 controls (Unicode category Cc), and the bidirectional
# formatting characters: embeddings/overrides, isolates, and the directional marks.
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TABLE = {c: (f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}") for c in _CONTROLS + _BIDI}

# What the report's own marks and the packs' typography become without Unicode.
_ASCII = {
    **dict.fromkeys("“”„‟″", '"'), **dict.fromkeys("‘’‚‛′", "'"), **dict.fromkeys("‐‑‒–—―−", "-"),
    "…": "...", "•": "*", "→": "->", "\u00a0": " ", "✓": "+", "✗": "x", "█": "#", "░": ".", "│": "|",
}  # fmt: skip

PLAIN = "thanklint-plain"


def _plain(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeEncodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(_ASCII.get(c) or c.encode("ascii", "backslashreplace").decode() for c in bad), err.end


codecs.register_error(PLAIN, _plain)


def visible(text: str, encoding: str | None = None) -> str:
    """`text` with every control and bidi formatting character shown as an escape;
    with `encoding`, also what that encoding cannot write, as `PLAIN` writes it."""
    text = text.translate(_TABLE)
    if encoding:
        text = text.encode(encoding, PLAIN).decode(encoding)
    return text
