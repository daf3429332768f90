"""CueList (thanklint/kinds/_cues.py): a rule tries a sentence only with the cues whose
anchor word the sentence has. That is a shortcut, never a change of verdict: for every
cue list of the shipped pack, on real sentences parsed by the real spaCy model, the cues
that match are the same, in the same order, as when every cue is tried."""

from __future__ import annotations

import json

import pytest

from conftest import REPO
from thanklint import nlp
from thanklint.kinds._cues import compile_cue, compile_cues, find

SENTENCES = [
    "Thank you so much for taking the time to meet with me yesterday!",
    "I'm gonna be honest, I can't wait to hear back from you.",
    "I really really need this job, I've been unemployed for months.",
    "At Contoso I automated our inventory reporting in Python.",
    "I am very exited about the position and would love to join the team.",
    "Please let me know by tomorrow because I have another offer.",
    "It was a pleasure hearing about how the lab triages incoming samples.",
    "Don't hesitate to contact me if you need anything else.",
]


def _cue_lists(linter) -> list[tuple[str, tuple[str, ...]]]:
    """Every cue list of every rule in the default pack (signal, detail, pattern, consistency)."""
    out = []
    for rule in linter.rules:
        p = rule.params
        for name in ("cues", "exclude", "never", "strong_cues", "employer_cues", "past_cues", "role_cues"):
            if getattr(p, name, ()):
                out.append((f"{rule.id}.{name}", tuple(getattr(p, name))))
        for g in getattr(p, "groups", ()):
            if g.cues:
                out.append((f"{rule.id}.{g.name}", tuple(g.cues)))
    return out


@pytest.fixture(scope="module")
def sentences(linter):
    texts = SENTENCES + [json.loads(line)["text"] for line in (REPO / "tests" / "notes" / "labelled.jsonl")
                         .read_text(encoding="utf-8").splitlines()[:10]]  # fmt: skip
    docs = nlp.load(linter.needs).pipe(texts)
    return [nlp.Words([t for t in s if not t.is_space]) for d in docs for s in d.sents]


def test_the_index_finds_what_trying_every_cue_finds(linter, sentences):
    lists = _cue_lists(linter)
    assert {n.split(".")[0] for n, _ in lists} >= {"gratitude", "interest", "qualifications", "closing",
                                                   "specific-detail", "tone", "consistency"}  # fmt: skip
    matched = 0
    for name, sources in lists:
        every = [compile_cue(c) for c in sources]
        for w in sentences:
            want = [(c.source, find(c, w)) for c in every if find(c, w)]
            got = [(c.source, find(c, w)) for c in compile_cues(sources).candidates(w) if find(c, w)]
            assert got == want, (name, " ".join(t.text for t in w))
            matched += len(want)
    assert matched > 50  # the sentences do exercise the cues


def test_a_cue_on_a_split_word_is_still_tried(spacy_words):
    """'gonna' is two tokens (gon|na): a cue anchored on the joined word is a candidate."""
    w = spacy_words("I'm gonna call you.")
    cues = compile_cues(("gonna", "wanna"))
    assert [c.source for c in cues.candidates(w)] == ["gonna"]
    assert find(cues.cues[0], w)


def test_cues_with_no_anchor_word_are_tried_in_every_sentence(spacy_words):
    w = spacy_words("Hello there.")
    cues = compile_cues(("@PROPN", "thank|appreciate", "~2 you"))
    assert [c.source for c in cues.candidates(w)] == ["@PROPN", "~2 you"]


@pytest.fixture(scope="module")
def spacy_words():
    model = nlp.load()
    return lambda text: nlp.Words([t for t in model(text) if not t.is_space])
