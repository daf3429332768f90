"""`signal`: a wanted element is present — thanks, interest, fit, a forward-looking
close. Cues are matched on lemmas within sentences (see `_cues`), so "thanked",
"thanks" and "thank you" are one cue, and negated cues do not count; the content
model judges each sentence too (see `_content` for how the two combine)."""

from __future__ import annotations

from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import WHERE, missing, passed
from thanklint.kinds._content import carrier, check_model_params, quote
from thanklint.kinds._cues import compile_cue, compile_cues, find


@dataclass(frozen=True)
class SignalParams:
    cues: tuple[str, ...]
    exclude: tuple[str, ...] = ()  # matches of these cues do not count (e.g. "thanks to")
    never: tuple[str, ...] = ()  # a sentence one of these matches in never carries the element, model or cue
    scope: str = "body"  # body | letter (greeting and sign-off too)
    missing_at: str = "first-paragraph"
    skip_placeholders: bool = False  # a cue inside an unfilled slot does not count
    model: str = ""  # the content model's label for this element ("": cues only)
    threshold: float = 0.5  # a sentence the model rates at least this carries the element
    veto: float = 0.0  # a cue match does not count in a sentence the model rates below this

    def __post_init__(self):
        check_model_params(self.model, self.threshold, self.veto)
        for c in self.cues + self.exclude + self.never:
            compile_cue(c)
        if self.scope not in ("body", "letter"):
            raise ValueError("scope must be body or letter")
        if self.missing_at not in WHERE:
            raise ValueError(f"missing_at must be one of {', '.join(WHERE)}")


def _range(note, params: SignalParams) -> tuple[int, int]:
    return (note.body_start, note.body_end) if params.scope == "body" else (note.content_start, len(note.text))


def _cue_at(note, toks, params: SignalParams):
    """The first token of the first cue that counts in a sentence, or None."""
    banned = None  # the excluded cues' tokens, found once a cue matches (most sentences have none)
    for cue in compile_cues(params.cues).candidates(toks):
        for s, e in find(cue, toks):
            if banned is None:
                excludes = compile_cues(params.exclude).candidates(toks)
                banned = {i for ex in excludes for a, b in find(ex, toks, negatable=False) for i in range(a, b)}
            if banned & set(range(s, e)):
                continue
            if params.skip_placeholders and note.in_placeholder(toks[s].idx, toks[e - 1].idx + 1):
                continue
            return toks[s]
    return None


def signal_matches(analysis, params: SignalParams) -> list[int]:
    """The indices of the sentences (of the rule's scope) in which a cue was found."""
    start, end = _range(analysis.note, params)
    sents = analysis.sentence_tokens(start, end)
    return [n for n, toks in enumerate(sents) if _cue_at(analysis.note, toks, params) is not None]


def _eligible(analysis, params: SignalParams) -> set[int] | None:
    """The sentences that may carry the element: those no `never` cue matches in
    (a demand with a deadline is pressure, however much the model reads it as a close)."""
    if not params.never:
        return None
    start, end = _range(analysis.note, params)
    nevers = compile_cues(params.never)
    return {n for n, toks in enumerate(analysis.sentence_tokens(start, end))
            if not any(find(c, toks) for c in nevers.candidates(toks))}  # fmt: skip


@kind("signal", params=SignalParams, needs=("lemmatizer", "parser"))
def check_signal(analysis, ctx, rule):
    start, end = _range(analysis.note, rule.params)
    best = carrier(analysis, rule.params, signal_matches(analysis, rule.params), start, end, _eligible(analysis, rule.params))
    if best is not None:
        toks = analysis.sentence_tokens(start, end)[best]
        focus = _cue_at(analysis.note, toks, rule.params)
        return passed(rule, f"found: “{quote(analysis.note, toks, focus=focus)}”")
    return missing(analysis.note, rule, ctx, rule.params.missing_at)
