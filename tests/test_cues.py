"""The cue language (thanklint/kinds/_cues.py) on tiny real spaCy docs."""

from __future__ import annotations

import pytest

from thanklint import nlp
from thanklint.kinds._cues import CueError, compile_cue, find


@pytest.fixture(scope="module")
def spacy_nlp():
    return nlp.load()


@pytest.fixture(scope="module")
def matches(spacy_nlp):
    """matches(cue, sentence, negatable=True) -> the matched texts."""

    def run(cue: str, text: str, negatable: bool = True) -> list[str]:
        doc = spacy_nlp(text)
        toks = [t for t in doc if not t.is_space]
        return [doc[toks[s].i : toks[e - 1].i + 1].text for s, e in find(compile_cue(cue), toks, negatable=negatable)]

    return run


CASES = [
    # (cue, sentence, expected matches)
    ("thank|appreciate", "I appreciate your time.", ["appreciate"]),
    ("thank|appreciate", "Thank you for your time.", ["Thank"]),
    ("thank", "I thanked her twice.", ["thanked"]),  # lemma
    ("meet", "I met the whole team.", ["met"]),  # irregular lemma
    ("I am", "i am glad", ["i am"]),  # compared lower-case
    ("very? excited", "I am excited.", ["excited"]),
    ("very? excited", "I am very excited.", ["very excited"]),
    ("look ~2 forward", "I look so much forward to it.", ["look so much forward"]),
    ("look ~2 forward", "I look forward to it.", ["look forward"]),
    ("look ~2 forward", "I look really very much forward to it.", []),  # three tokens: too far
    ("look * forward", "I look forward to it.", []),  # * is exactly one token
    ("look * forward", "I look so forward to it.", ["look so forward"]),
    ("fit:NOUN", "I am a strong fit for the role.", ["fit"]),
    ("fit:NOUN", "My skills will fit the role.", []),
    ("@PROPN", "I met Dana.", ["Dana"]),
    ("join @PROPN", "I hope to join Northwind soon.", ["join Northwind"]),
    ("excited", "I am not excited about it.", []),  # negation within three tokens
    ("excited", "I was never really that excited.", []),
    ("excited", "Not only that, but I was excited.", ["excited"]),  # negation too far before
    ("n't|not hesitate", "Please don't hesitate to call.", ["n't hesitate"]),  # the cue spells it out
    ("thank", "Thank you. Thank you again.", ["Thank", "Thank"]),  # non-overlapping, every one
    # a part of speech before the first word: matches start one token before the word
    ("@CD year|years of", "After six years of payroll work, I moved.", ["six years of"]),
    ("@CD year|years of", "Years of work.", []),  # the word first: nothing before it to be @CD
    ("@CD * years", "I spent ten long years there.", ["ten long years"]),
]


@pytest.mark.parametrize("cue, text, want", CASES, ids=[f"{c}|{t}" for c, t, _ in CASES])
def test_cue(matches, cue, text, want):
    got = matches(cue, text)
    assert got == want, f"cue {cue!r} on {text!r}: expected {want}, got {got}"


def test_negatable_false_keeps_a_negated_match(matches):
    assert matches("excited", "I am not excited about it.", negatable=False) == ["excited"]


@pytest.mark.parametrize("cue", ["", "   ", "look ~x forward", "look ~ forward", "|", "thank ||"])
def test_bad_cue_syntax_raises(cue):
    with pytest.raises(CueError):
        compile_cue(cue)
