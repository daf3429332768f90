"""`pattern`: an unwanted pattern is absent — slang, emoji, shouting, desperation,
pressure, salary talk, apologies, negativity. Each group has its own message and
matches by cue (on lemmas, see `_cues`) or by regular expression on the text.

Regular expressions run one line at a time on lines of bounded length, so a
user's pattern cannot make the checker hang on a huge paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import finding, from_findings
from thanklint.kinds._cues import compile_cue, find
from thanklint.model import Severity, Suggestion

MAX_LINE = 2000  # longer lines are checked in pieces of this size


@dataclass(frozen=True)
class Group:
    name: str
    message: str
    cues: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()  # whole matches that are fine (acronyms in the caps group)
    severity: str = ""
    replace: str | None = None  # a replacement to offer for every match ("" deletes)
    safe: bool = False  # the replacement is mechanical enough for --fix to apply

    def __post_init__(self):
        for c in self.cues:
            compile_cue(c)
        for r in self.regex:
            try:
                re.compile(r)
            except re.error as e:
                raise ValueError(f"bad regular expression {r!r}: {e}") from None
        if self.severity and self.severity not in ("error", "warning", "info"):
            raise ValueError("severity must be error, warning or info")
        if not (self.cues or self.regex):
            raise ValueError(f"group '{self.name}' needs cues or regex")


@dataclass(frozen=True)
class PatternParams:
    groups: tuple[Group, ...]
    scope: str = "letter"  # letter (greeting, body, sign-off) | body


def _regex_hits(text: str, start: int, end: int, pattern: re.Pattern):
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        for piece in range(pos, stop, MAX_LINE):
            chunk = text[piece : min(stop, piece + MAX_LINE)]
            for m in pattern.finditer(chunk):
                if m.end() > m.start():
                    yield piece + m.start(), piece + m.end()
        pos = stop + 1


@kind("pattern", params=PatternParams, needs=("lemmatizer",))
def check_pattern(analysis, ctx, rule):
    note = analysis.note
    p: PatternParams = rule.params
    start, end = (note.body_start, note.body_end) if p.scope == "body" else (note.content_start, len(note.text))
    findings, taken = [], []
    toks = analysis.tokens(start, end)
    for g in p.groups:
        spans: list[tuple[int, int]] = []
        for c in g.cues:
            spans.extend((toks[s].idx, toks[e - 1].idx + len(toks[e - 1])) for s, e in find(compile_cue(c), toks))
        for r in g.regex:
            spans.extend(_regex_hits(note.text, start, end, re.compile(r)))
        allow = {a.lower() for a in g.allow}
        for s, e in sorted(spans, key=lambda se: (se[0], -se[1])):  # the longest match at a place wins
            if note.text[s:e].lower() in allow or note.in_placeholder(s, e):
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            sev = Severity(g.severity) if g.severity else None
            sugg = (Suggestion("replace", g.replace, note.span(s, e), g.safe),) if g.replace is not None else ()
            msg = g.message.replace("{match}", " ".join(note.text[s:e].split()))
            findings.append(finding(note, rule, s, e, msg, sugg, sev))
    findings.sort(key=lambda f: f.span.offset)
    return from_findings(rule, findings)
