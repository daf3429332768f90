"""The content model: a sentence classifier that says which elements of a good note
(thanks, interest, a concrete detail, fit, a forward-looking close) a sentence
carries. It is three spaCy `textcat_multilabel` components (each a bag of lemma n-grams
ensembled with a tiny CNN, trained alike but for the seed; their probabilities are averaged)
trained by `python -m thanklint.train` and shipped in `thanklint/models/content`.

It reads the sentences spaCy already parsed for the rules (no second parse): each
sentence becomes a short Doc of its features — lower-case lemmas, with names and
numbers folded to one token each ("excited to join -propn-"), so a paraphrase
with an unseen inflection or company name still looks like the ones it learned;
the few words after a negation are marked ("not not:interested"), so "I am not
interested in relocating" does not look like interest; a template slot is one
token ("about -slot-"), whatever its words.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from thanklint.errors import ThanklintError

if TYPE_CHECKING:
    from thanklint.nlp import Analysis, Words

NEGATORS = frozenset({"not", "n't", "never", "no", "nothing", "hardly"})
NEGATION_SCOPE = 3  # words after a negator that it marks (up to punctuation)
_OPEN, _CLOSE = frozenset({"[", "{", "{{", "<"}), frozenset({"]", "}", "}}", ">"})
LABELS = ("gratitude", "interest", "specific-detail", "qualifications", "closing")
MODEL_DIR = Path(__file__).parent / "models" / "content"
PIPE = "textcat_multilabel"
_in_use: list = []  # a model set by `using` (train.py's rule-level cross-validation)


def features(words: "Words") -> list[str]:
    """What the model sees of a sentence (the same at training and checking time)."""
    out = []
    negated = 0  # words left in the current negation's scope
    slot = False  # inside a template slot: "[specific topic]" is no detail
    for tok, lower, lemma, pos in zip(words.tokens, words.lower, words.lemma, words.pos):
        if lower in _OPEN:
            slot = True
            continue
        if slot:
            if lower in _CLOSE:
                slot = False
                out.append("-slot-")
            continue
        if tok.is_punct or tok.is_space:
            negated = 0
            continue
        if pos == "NUM" or tok.like_num:
            word = "-num-"
        elif pos == "PROPN":
            word = "-propn-"
        else:
            word = lemma
        if negated:
            word, negated = "not:" + word, negated - 1
        out.append(word)
        if lower in NEGATORS:
            negated = NEGATION_SCOPE
    return out or ["-empty-"]


@lru_cache(maxsize=1)
def load():
    """The trained pipeline (loaded once, on first use)."""
    from thanklint.nlp import fast_ops, import_spacy

    spacy = import_spacy()
    if not (MODEL_DIR / "meta.json").is_file():
        raise ThanklintError(f"the content model is missing ({MODEL_DIR}): reinstall thanklint, or run "
                             "`python -m thanklint.train` in a checkout")  # fmt: skip
    # Without its tokenizer: score() makes Docs from words, never from text, and reading the
    # tokenizer's special cases was half the model's load (~0.15 s of a cold run's CPU).
    with fast_ops():
        return spacy.load(MODEL_DIR, exclude=["tokenizer"])


@contextmanager
def using(model):
    """Score with `model` instead of the shipped one inside the block: the rule-level
    cross-validation runs the real rules with each fold's model."""
    _in_use.append(model)
    try:
        yield
    finally:
        _in_use.pop()


def describe() -> str:
    """The model's name and version for the report's `engine` object."""
    info = load().meta.get("thanklint", {})
    return f"thanklint-content {info.get('version', '?')} ({info.get('hash', '?')[:8]})"


def score(sentences: list["Words"], nlp=None) -> list[dict[str, float]]:
    """Each sentence's probability for each label, in one batch."""
    from spacy.tokens import Doc

    if not sentences:
        return []
    nlp = nlp or (_in_use[-1] if _in_use else load())
    docs = [Doc(nlp.vocab, words=features(w)) for w in sentences]
    # the mean of the ensemble's models (train.ENSEMBLE), each asked once for the whole batch
    pipes = [pipe for name, pipe in nlp.pipeline if name.startswith(PIPE)]
    mean = sum(pipe.predict(docs) for pipe in pipes) / len(pipes)
    return [dict(zip(pipes[0].labels, map(float, row))) for row in mean]


def sentence_scores(analysis: "Analysis", start: int | None = None, end: int | None = None) -> list[dict[str, float]]:
    """Scores for `analysis.sentence_tokens(start, end)`, one dict per sentence,
    computed once per range (score_all may have batched them already)."""
    key = _key(analysis, start, end)
    if key not in analysis._memo:
        score_all([analysis], start, end)
    return analysis._memo[key]


def score_all(analyses: list["Analysis"], start: int | None = None, end: int | None = None) -> None:
    """Score the sentences of many notes in one batch (the body by default)."""
    todo = [a for a in analyses if _key(a, start, end) not in a._memo]
    sents = [a.sentence_tokens(start, end) for a in todo]
    scores = iter(score([w for s in sents for w in s]))
    for a, s in zip(todo, sents):
        a._memo[_key(a, start, end)] = [next(scores) for _ in s]


def _key(analysis: "Analysis", start: int | None, end: int | None) -> tuple:
    note = analysis.note
    return ("content", note.body_start if start is None else start, note.body_end if end is None else end)
