"""`signal`: a wanted element is present — thanks, interest, fit, a forward-looking
close. Cues are matched on lemmas within sentences (see `_cues`), so "thanked",
"thanks" and "thank you" are one cue, and negated cues do not count."""

from __future__ import annotations

from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import WHERE, missing, passed
from thanklint.kinds._cues import compile_cue, find


@dataclass(frozen=True)
class SignalParams:
    cues: tuple[str, ...]
    exclude: tuple[str, ...] = ()  # matches of these cues do not count (e.g. "thanks to")
    scope: str = "body"  # body | letter (greeting and sign-off too)
    missing_at: str = "first-paragraph"
    skip_placeholders: bool = False  # a cue inside an unfilled slot does not count

    def __post_init__(self):
        for c in self.cues + self.exclude:
            compile_cue(c)
        if self.scope not in ("body", "letter"):
            raise ValueError("scope must be body or letter")
        if self.missing_at not in WHERE:
            raise ValueError(f"missing_at must be one of {', '.join(WHERE)}")


def signal_matches(analysis, params: SignalParams) -> list[str]:
    """The sentence fragments in which a cue was found."""
    note = analysis.note
    start, end = (note.body_start, note.body_end) if params.scope == "body" else (note.content_start, len(note.text))
    cues = [compile_cue(c) for c in params.cues]
    excludes = [compile_cue(c) for c in params.exclude]
    hits = []
    for toks in analysis.sentence_tokens(start, end):
        banned = {i for ex in excludes for s, e in find(ex, toks, negatable=False) for i in range(s, e)}
        for cue in cues:
            for s, e in find(cue, toks):
                if banned & set(range(s, e)):
                    continue
                if params.skip_placeholders and note.in_placeholder(toks[s].idx, toks[e - 1].idx + 1):
                    continue
                hits.append(note.text[toks[0].idx : toks[-1].idx + len(toks[-1])])
                break
            else:
                continue
            break
    return hits


@kind("signal", params=SignalParams, needs=("lemmatizer", "parser"))
def check_signal(analysis, ctx, rule):
    hits = signal_matches(analysis, rule.params)
    if hits:
        return passed(rule, f"found: “{_short(hits[0])}”")
    return missing(analysis.note, rule, ctx, rule.params.missing_at)


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
