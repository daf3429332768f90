"""interest (issue 8): the idioms of wanting a job ("I'd jump at the chance", "I really hope I
get it") are interest for the cue list on its own, as a user's pack builds on it; their near
neighbours that want nothing are not. Sentences written for this test, not taken from a corpus note."""

from __future__ import annotations

import pytest

from conftest import result

NOTE = "Hi Dana,\n\nThank you for your time today. {}\n\nBest,\nSam"

IDIOMS = [
    "I'd jump at the chance to run the early bake with you.",
    "I would leap at this opportunity.",
    "I really hope I get the job.",
    "Hoping to land the role!",
    "I'd love a place on the weekend brunch crew.",
    "I would like a seat at that table.",
    "I'm looking forward to hopefully joining the team in spring.",
    "I'm hoping to be part of what you're building.",  # the model's lemma of "hoping" is "hop" (stop 41)
    "Nothing would make me happier than joining the crew this spring.",
]

NEIGHBOURS = [
    "I hope to get the references to you by Friday.",
    "I hope I get to meet the rest of the team soon.",
    "I would like a copy of the job description.",
    "I jumped at the sound of the fire alarm.",
    "Nothing would make me happier than a long weekend.",
]


@pytest.fixture(scope="module")
def cues_only():
    """The rule with the content model switched off (`model: ""`): the cue list alone."""
    from thanklint.api import Linter
    from thanklint.config import Config, Grammar

    with Linter.create(Config(grammar=Grammar(engine="off"), rules={"interest": {"model": ""}})) as linter:
        yield lambda text: linter.check([linter.parse(text)])[0]


@pytest.mark.parametrize("sentence", IDIOMS)
def test_an_idiom_of_wanting_the_job_is_interest(cues_only, sentence):
    res = result(cues_only(NOTE.format(sentence)), "interest")
    assert res.status.value == "pass", f"no interest cue matches: {sentence}"
    assert sentence.rstrip(".!")[:40] in res.detail.replace("’", "'"), res.detail


@pytest.mark.parametrize("sentence", NEIGHBOURS)
def test_its_neighbours_are_not(cues_only, sentence):
    assert result(cues_only(NOTE.format(sentence)), "interest").status.value == "fail", sentence
