"""Regular expressions from rule files and config, run so that none can hang the checker.

Python's `re` backtracks without limit: `(a|a)+$` against a line of forty a's runs
for hours. Rule files and config are data that users write, so their patterns run on the
`regex` engine — `re`'s syntax, lookaround and backreferences included (the bundled
rules use lookahead, which a non-backtracking engine such as RE2 refuses) — with a
time budget. A pattern that runs out of it raises TooSlow, and the rule says so."""

from __future__ import annotations

import time
from functools import lru_cache

import regex

# Seconds one pattern may spend on one note: BUDGET, plus one for every CHARS_PER_SECOND
# characters. The bundled patterns search a 1 MB note in 0.1–1.5 s (the latter on a
# machine loaded 5 times over), inside the 11 s it is allowed; a pattern that
# backtracks without end blows its budget on a single line.
BUDGET = 1.0
CHARS_PER_SECOND = 100_000
MAX_LINE = 2000  # longer lines are searched in pieces of this size

# Patterns that ran out of time in this process, and when: a folder of notes pays for
# each once, not its budget per note. A long-lived process (the language server) tries
# one again after RETRY_AFTER seconds, as a pattern may have timed out only because the
# machine was busy for a moment.
RETRY_AFTER = 300.0
_SLOW: dict[str, float] = {}


def _skipped(source: str) -> bool:
    since = _SLOW.get(source)
    if since is None:
        return False
    if time.monotonic() - since < RETRY_AFTER:
        return True
    del _SLOW[source]
    return False


def _budget(chars: int) -> float:
    return BUDGET + chars / CHARS_PER_SECOND


class TooSlow(Exception):
    """A pattern ran out of its time budget; str(e) is the pattern."""


@lru_cache(maxsize=1024)
def compiled(source: str):
    """The compiled pattern; ValueError says what is wrong with it."""
    try:
        return regex.compile(source)
    except regex.error as e:
        raise ValueError(f"bad regular expression {source!r}: {e}") from None


def matches(source: str, text: str) -> list:
    """Every match of `source` in the whole of `text` (for patterns whose groups
    matter, such as template syntaxes). Raises TooSlow."""
    if _skipped(source):
        raise TooSlow(source)
    try:
        return list(compiled(source).finditer(text, timeout=_budget(len(text))))
    except TimeoutError:
        _SLOW[source] = time.monotonic()
        raise TooSlow(source) from None


def hits(text: str, start: int, end: int, source: str) -> list[tuple[int, int]]:
    """(start, end) of the non-empty matches of `source` in text[start:end], one
    line (or piece of a long line) at a time. Raises TooSlow."""
    if _skipped(source):
        raise TooSlow(source)
    pattern = compiled(source)
    deadline = time.monotonic() + _budget(end - start)
    out = []
    pos = start
    try:
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            for piece in range(pos, stop, MAX_LINE):
                chunk = text[piece : min(stop, piece + MAX_LINE)]
                for m in pattern.finditer(chunk, timeout=max(deadline - time.monotonic(), 0.0)):
                    if m.end() > m.start():
                        out.append((piece + m.start(), piece + m.end()))
            pos = stop + 1
    except TimeoutError:
        _SLOW[source] = time.monotonic()
        raise TooSlow(source) from None
    return out
