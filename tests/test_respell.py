"""Misspellings do not hide content (issue 8, item 4): the content rules judge the note
with its unambiguous misspellings corrected (thanklint/respell.py), the evidence and
every finding still on what the user wrote, and the spelling rule still reports them."""

from __future__ import annotations

import json

import pytest

from tests.conftest import HARPER, describe, excerpt, result, run_cli
from thanklint import nlp, respell

EXITED = (
    "Dear Ms. Alvarez,\n\n"
    "Thank you for taking the time to meet with me on Tuesday about the data analyst role. I enjoyed hearing "
    "how your team rebuilt the weekly forecasting dashboard in Python.\n\n"
    "I am very exited about the position. My three years of SQL reporting at Contoso would let me "
    "contribute from the first week.\n\n"
    "I look forward to hearing from you about the next steps.\n\n"
    "Best regards,\nSam Lee\n"
)


@pytest.fixture(scope="module")
def pack_words():
    from thanklint.api import Linter

    return Linter.create()._pack_words


@pytest.fixture(scope="module")
def speller(pack_words):
    return respell.speller(nlp.load(), pack_words)


def _fixed(text: str, speller) -> str:
    return respell.apply(text, respell.corrections(text, 0, len(text), speller))


def test_the_quoted_note_passes_interest_through_the_cli(tmp_path):
    """The issue's case: "I am very exited about the position" is interest. With the content
    model off for interest (cues only, as a user pack may have it), only the corrected
    reading finds it; the rule quotes the sentence as written, and the grammar engine
    still flags "exited" where it stands. "Thnak you" is thanks the same way."""
    (tmp_path / "thanklint.toml").write_text('[rules]\ninterest = { model = "" }\n', encoding="utf-8")
    (tmp_path / "note.txt").write_text(EXITED, encoding="utf-8")
    (tmp_path / "fixed.txt").write_text(EXITED.replace("exited", "excited"), encoding="utf-8")
    thnak = EXITED.replace("Thank you", "Thnak you").replace("I enjoyed hearing", "I liked hearing")
    (tmp_path / "thnak.txt").write_text(thnak.replace("exited", "excited"), encoding="utf-8")
    done = run_cli("--no-cache", *HARPER, "--format", "json", "note.txt", "fixed.txt", "thnak.txt", cwd=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    slip, fixed, thanks = json.loads(done.stdout)["files"]
    rules = {r["id"]: r for r in slip["rules"]}
    assert rules["interest"]["status"] == "pass", rules["interest"]
    assert rules["interest"]["detail"] == "found: “I am very exited about the position.”"
    # the slip costs only what the proofreading rules charge for it, no content rule
    assert [r["id"] for r in slip["rules"] if r["status"] == "fail"] == ["grammar"], slip["rules"]
    assert all(r["status"] == "pass" for r in fixed["rules"]), fixed["rules"]
    assert fixed["score"] == 100 and slip["grade"] == "Almost there"
    flagged = [f for f in slip["findings"] if f["rule"] in ("grammar", "spelling")]
    assert [EXITED[f["offset"] : f["offset"] + f["length"]] for f in flagged] == ["exited"]
    assert (flagged[0]["line"], flagged[0]["column"]) == (5, 11)
    gratitude = next(r for r in thanks["rules"] if r["id"] == "gratitude")
    assert gratitude["status"] == "pass" and gratitude["detail"].startswith("found: “Thnak you for taking")
    spelled = [f for f in thanks["findings"] if f["rule"] == "spelling"]
    assert [thnak[f["offset"] : f["offset"] + f["length"]] for f in spelled] == ["Thnak"]


@pytest.mark.parametrize(
    "word, fix",
    [("intrested", "interested"), ("oppurtunity", "opportunity"), ("apreciate", "appreciate"), ("thnak", "thank"),
     ("excitied", "excited"), ("enthousiastic", "enthusiastic"), ("recieve", "receive"), ("sincerly", "sincerely"),
     ("interveiw", "interview"), ("posistion", "position")],
)  # fmt: skip
def test_non_words_with_one_correction_are_corrected(speller, word, fix):
    assert speller.correct(word) == fix


def test_two_edits_reach_only_the_packs_words(speller):
    """"greatful" is two edits from "grateful", a gratitude cue; with the pack's words known
    it is corrected, without them (nothing the pack cares about is that close) it is not."""
    assert speller.correct("greatful") == "grateful"
    assert respell.speller(nlp.load(), frozenset()).correct("greatful") is None


@pytest.mark.parametrize(
    "word",
    [
        "collegues",  # colleagues and colleges: two candidates alike
        "backend",  # rare but real: "backed" is not a hundred times as frequent
        "curation",
        "docent",  # a WordNet lemma
        "preceptor",
        "retros",  # an inflection of a WordNet lemma
        "conversing",  # converse + ing ("converting" is one edit away)
        "kubernetes",  # no candidate at all
        "teh",  # too short to be sure
        "exited",  # a real word, outside a known slip
    ],
)
def test_real_words_and_ambiguous_slips_are_left_alone(speller, word):
    assert speller.correct(word) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I'm exited to join the team.", "I'm excited to join the team."),
        ("We were so exited about the demo.", "We were so excited about the demo."),
        ("It is an exiting opportunity.", "It is an exciting opportunity."),
        ("Thanks you for your time.", "Thank you for your time."),
        ("Than you for the tour.", "Thank you for the tour."),
        ("I hope to here from you soon.", "I hope to hear from you soon."),
        ("I look forward to hearing form you.", "I look forward to hearing from you."),
        ("Thank you for you time.", "Thank you for your time."),
        # the same words where they are right
        ("I exited the building at noon.", "I exited the building at noon."),
        ("We all exited through the side door.", "We all exited through the side door."),
        ("I moved here from Boston.", "I moved here from Boston."),
        ("It meant more than you know.", "It meant more than you know."),
        ("Jane thanks you for the referral.", "Jane thanks you for the referral."),
        ("Fill in the form you received.", "Fill in the form you received."),
    ],
)
def test_real_word_slips_only_in_their_context(speller, text, expected):
    assert _fixed(text, speller) == expected


def test_names_are_never_corrected(speller):
    """"Jonh" is one swap from "John", "Pryce" one letter from "price": a capitalised word is
    a name, mid-sentence or after "Mr."; at the start of a sentence only a slip of a word the
    pack looks for is corrected ("Thnak"); a name the context knows is never touched."""
    text = "I enjoyed meeting Jonh and Intrested Labs.\nJonh showed me the lab. Mr. Pryce agreed. Thnak you."
    assert _fixed(text, speller) == text.replace("Thnak", "Thank")
    knows = respell.speller(nlp.load(), frozenset({"thnak"}))
    assert _fixed(text, knows) == text


def test_greeting_and_sign_off_are_left_alone():
    """Names and formulas live there: "Ngā mihi" (a Māori sign-off), a signature."""
    from thanklint.api import Linter

    linter = Linter.create()
    text = "Dear Dana,\n\nThank you for the interview. I am intrested in the role.\n\nNgā mihi,\nAbena Mensah\n"
    n = linter.parse(text)
    [a] = nlp.analyse_many([n], known=[linter._pack_words])
    read_as = {a.doc[i].text: w for i, w in a.doc.user_data[respell.RESPELLED].items()}
    assert read_as == {"intrested": "interested"}


def test_offsets_map_back_exactly(speller):
    """Every token of the restored parse is the original text at its offset; the corrected
    ones carry the corrected word's lemma and say what they were read as."""
    text = "Thnak you, Dana!\r\n\r\nI am  very intrested in the oppurtunity — truly excitied 😀 to apreciate it."
    edits = respell.corrections(text, 0, len(text), speller)
    assert [text[e.start : e.end] for e in edits] == ["Thnak", "intrested", "oppurtunity", "excitied", "apreciate"]
    fixed = respell.apply(text, edits)
    to_original = respell.OffsetMap(edits)
    for e in edits:  # each corrected word's ends map to the original word's
        at = fixed.index(e.word)
        assert (to_original(at), to_original(at + len(e.word))) == (e.start, e.end)
    assert to_original(len(fixed)) == len(text)
    assert to_original(fixed.index("😀")) == text.index("😀")
    doc = respell.restore(nlp.load()(fixed), text, edits)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)
    read_as = {doc[i].text: w for i, w in doc.user_data[respell.RESPELLED].items()}
    assert read_as == {"Thnak": "thank", "intrested": "interested", "oppurtunity": "opportunity",
                       "excitied": "excited", "apreciate": "appreciate"}  # fmt: skip
    assert {t.text: t.lemma_ for t in doc if t.text in read_as}["oppurtunity"] == "opportunity"


@pytest.mark.parametrize(
    "thanks",
    ["Thnak you for the interview on Monday.", "I am greatful for the interview on Monday.",
     "I apreciate the interview on Monday."],
)  # fmt: skip
def test_thanks_written_with_a_non_word_counts(lint_text, thanks):
    """The gratitude rule judges by its cues alone: without the corrected reading these
    notes have no thanks. The spelling rule still reports the word, where it stands."""
    text = (
        "Hi Dana,\n\n" + thanks + " I liked learning how your team sorts incoming samples in the Denver lab.\n\n"
        "I am very intrested in the oppurtunity to join Northwind. My four years running assays at Contoso "
        "fit the role well.\n\nI look forward to hearing from you.\n\nBest,\nSam\n"
    )
    report = lint_text(text)
    assert result(report, "gratitude").status.value == "pass", describe(report)
    assert result(report, "gratitude").detail == f"found: “{thanks}”"
    assert result(report, "interest").status.value == "pass", describe(report)
    slip = next(w for w in thanks.split() if w in ("Thnak", "greatful", "apreciate"))
    spelled = sorted(excerpt(report, f) for f in result(report, "spelling").findings)
    assert spelled == sorted([slip, "intrested", "oppurtunity"]), describe(report, "spelling")


def test_a_template_slot_is_not_corrected(speller):
    from thanklint.api import Linter

    linter = Linter.create()
    text = "Hi [Intrested person],\n\nThank you for [oppurtunity].\n\nBest,\nSam\n"
    n = linter.parse(text)
    assert respell.corrections(n.analysis_text, n.content_start, len(text), speller, skip=n.in_placeholder) == []


def test_a_note_without_corrections_is_parsed_as_before(lint_text):
    """No correction, no rebuilt Doc: the parse is spaCy's own."""
    from thanklint.api import Linter

    linter = Linter.create()
    n = linter.parse("Hi Dana,\n\nThank you for the interview.\n\nBest,\nSam\n")
    [a] = nlp.analyse_many([n], known=[frozenset()])
    assert respell.RESPELLED not in a.doc.user_data


@pytest.mark.parametrize("word", ["recieve", "dont", "dbt", "runbook", "colour", "café"])
@pytest.mark.parametrize("limit", [1, 2])
def test_near_finds_exactly_the_common_words_within_the_limit(word, limit):
    # the spelling rule's field-word tests ask near(); one edit is looked up, two walked as a
    # trie: both must give what comparing with every common word gives
    every = tuple(sorted(w for w in respell.common_words() if abs(len(w) - len(word)) <= limit
                         and respell.distance(word, w) <= limit))  # fmt: skip
    assert respell.near(word, limit) == every
