"""`pattern`: an unwanted pattern is absent — slang, emoji, shouting, desperation,
pressure, salary talk, apologies, negativity. Each group has its own message and
matches by cue (on lemmas, see `_cues`) or by regular expression on the text.

Regular expressions run with a time budget (see `_regex`): a pattern that runs out
of it is skipped, and the rule's detail names it."""

from __future__ import annotations

from dataclasses import dataclass

from thanklint.kinds import _regex, kind
from thanklint.kinds._common import finding, from_findings
from thanklint.kinds._cues import compile_cue, find
from thanklint.model import Severity, Suggestion


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
            _regex.compiled(r)
        if self.severity and self.severity not in ("error", "warning", "info"):
            raise ValueError("severity must be error, warning or info")
        if not (self.cues or self.regex):
            raise ValueError(f"group '{self.name}' needs cues or regex")


@dataclass(frozen=True)
class PatternParams:
    groups: tuple[Group, ...]
    scope: str = "letter"  # letter (greeting, body, sign-off) | body


@kind("pattern", params=PatternParams, needs=("lemmatizer",))
def check_pattern(analysis, ctx, rule):
    note = analysis.note
    p: PatternParams = rule.params
    start, end = (note.body_start, note.body_end) if p.scope == "body" else (note.content_start, len(note.text))
    findings, taken = [], []
    toks = analysis.tokens(start, end)
    slow = []  # patterns that ran out of time
    for g in p.groups:
        spans: list[tuple[int, int]] = []
        for c in g.cues:
            spans.extend((toks[s].idx, toks[e - 1].idx + len(toks[e - 1])) for s, e in find(compile_cue(c), toks))
        for r in g.regex:
            try:
                spans.extend(_regex.hits(note.text, start, end, r))
            except _regex.TooSlow:
                slow.append(r)
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
    return from_findings(rule, findings, _skipped(slow))


def _skipped(slow: list[str]) -> str:
    if not slow:
        return ""
    shown = ", ".join(repr(r if len(r) <= 40 else r[:39] + "…") for r in slow)
    return f"skipped {shown}: ran over {_regex.BUDGET:g} s (a pattern that backtracks; rewrite it)"
