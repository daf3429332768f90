"""`length`: concise — not a one-liner, not a cover letter."""

from __future__ import annotations

import re
from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import finding, from_findings


@dataclass(frozen=True)
class LengthParams:
    min_words: int
    max_words: int
    short_message: str
    long_message: str

    def __post_init__(self):
        if not 0 <= self.min_words < self.max_words:
            raise ValueError("min_words must be below max_words")


def count_words(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text))


@kind("length", params=LengthParams, uses_nlp=False)
def check_length(analysis, ctx, rule):
    note, p = analysis.note, rule.params
    start = note.content_start
    words = count_words(note.analysis_text[start:])
    lines = note.content_lines
    if not lines:
        return from_findings(rule, [])
    s, e = lines[0].start, lines[-1].end
    if words < p.min_words:
        msg = p.short_message.format(words=words, min=p.min_words, max=p.max_words)
        return from_findings(rule, [finding(note, rule, s, lines[0].end, msg)], f"{words} words")
    if words > p.max_words:
        msg = p.long_message.format(words=words, min=p.min_words, max=p.max_words)
        return from_findings(rule, [finding(note, rule, s, e, msg)], f"{words} words")
    return from_findings(rule, [], f"{words} words")
