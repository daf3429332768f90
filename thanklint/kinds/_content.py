"""How a content rule combines the content model with its cue list.

A sentence carries the element when the model rates it at least `threshold`, or
when a cue matches in it and the model does not clearly disagree (rates it at
least `veto`). The cues stay the readable, user-editable layer: a pack can add a
cue, and it counts unless the model is confident the sentence says something else.
Of the sentences that carry the element, the one the model rates highest (to two
places; then one with a cue, then the first) is the evidence the report quotes.
With `model: ""` the rule uses its cues alone (the first sentence a cue matches in).
"""

from __future__ import annotations

from thanklint import classifier


def check_model_params(label: str, threshold: float, veto: float) -> None:
    if label and label not in classifier.LABELS:
        raise ValueError(f"model must be one of {', '.join(classifier.LABELS)} (or empty for cues only)")
    if not (0 <= veto <= 1 and 0 < threshold <= 1):
        raise ValueError("threshold must be in (0, 1] and veto in [0, 1]")


def carrier(analysis, params, cue_sentences: list[int], start: int | None = None, end: int | None = None,
            eligible: set[int] | None = None) -> int | None:  # fmt: skip
    """Index (in analysis.sentence_tokens(start, end)) of the sentence that carries
    the element, or None. With `eligible`, only those sentences can carry it (a
    kind's own veto on both the model and the cues)."""
    if eligible is not None:
        cue_sentences = [i for i in cue_sentences if i in eligible]
    if not params.model:
        return cue_sentences[0] if cue_sentences else None
    probs = [s[params.model] for s in classifier.sentence_scores(analysis, start, end)]
    cued = set(cue_sentences)
    ok = [i for i, p in enumerate(probs)
          if (eligible is None or i in eligible) and (p >= params.threshold or (i in cued and p >= params.veto))]  # fmt: skip
    # near-equal ratings (a sure model gives several sentences ~1.0): the one a cue backs, then the first
    return max(ok, key=lambda i: (round(probs[i], 2), i in cued, -i)) if ok else None


def quote(note, toks, n: int = 60, focus=None) -> str:
    """The sentence of `toks`, on one line, shortened to `n` characters. `focus`: the
    token that carries the element (a cue, a detail); when shortening would cut it off,
    the quote starts at the clause it is in ("…I would love to bring…", not "At Contoso
    I automated…" for interest)."""
    end = toks[-1].idx + len(toks[-1])
    text = " ".join(note.text[toks[0].idx : end].split())
    if len(text) <= n:
        return text
    if focus is not None:
        if len(" ".join(note.text[toks[0].idx : focus.idx + len(focus)].split())) > n - 1:
            start = max(_clause(focus).left_edge.idx, toks[0].idx)
            text = "…" + " ".join(note.text[start:end].split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _clause(tok):
    """The verb whose clause holds `tok`: up the parse to the sentence root or a
    coordinated or subordinate clause."""
    while tok.dep_ not in ("ROOT", "conj", "advcl", "ccomp", "relcl") and tok.head.i != tok.i:
        tok = tok.head
    return tok
