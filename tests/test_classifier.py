"""The content model: paraphrases the cue lists missed, evidence that quotes the
right sentence, the model shipped in the package, reproducible training, and its
version in the JSON report."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import HARPER, REPO, result, run_cli

NOTE = "Hi Dana,\n\nThank you for your time today. {}\n\nBest,\nSam"


def _quote(report, rule_id: str) -> str | None:
    """The sentence a passing rule quotes as its evidence (None when it fails)."""
    res = result(report, rule_id)
    if res.status.value != "pass":
        return None
    assert res.detail.startswith("found: “"), res.detail
    return res.detail[len("found: “") :].rstrip("”").rstrip("…")


@pytest.mark.parametrize(
    "rule_id, sentence",
    [
        ("interest", "I'm energized about the possibility of contributing to EA's content pipeline."),
        ("interest", "It reinforced why this role is the one I most want to make my next move into."),
        ("interest", "I am very motivated to join Tiki."),
        ("specific-detail", "I loved getting to know your son Jake."),
        ("specific-detail", "It was fascinating to see how the lab triages incoming samples."),
    ],
)
def test_a_paraphrase_is_recognised_and_quoted(lint_text, rule_id, sentence):
    quote = _quote(lint_text(NOTE.format(sentence)), rule_id)
    assert quote is not None, f"{rule_id} missed: {sentence}"
    # the sentence's start, or (when that would cut the element off) the clause that carries it
    right = sentence.startswith(quote) or (quote.startswith("…") and sentence.endswith(quote[1:]))
    assert right, f"{rule_id} quoted {quote!r}, not {sentence!r}"


def test_hoping_to_be_considered_is_interest(lint_text):
    # from the unseen notes; the corpus has few sentences like it
    sentence = "I very much hope you consider me."
    assert _quote(lint_text(NOTE.format(sentence)), "interest") == sentence


@pytest.mark.parametrize(
    "rule_id, text, right",
    [
        # a cue ("working together") in the opening sentence; the close comes later
        ("closing", "Hi Dana,\n\nThank you for talking with me about working together on the data team. "
                    "I am keen to join Northwind.\n\nI look forward to hearing from you.\n\nBest,\nSam",
         "I look forward to hearing from you."),
        ("interest", None, "I'm excited about the chance to join Northwind."),  # conftest.STRONG_NOTE
        ("qualifications", "Hi Dana,\n\nThank you for the interview. I really really need this job, I've been "
                           "unemployed for eight months. I have six years of experience running payroll for "
                           "three hundred staff.\n\nBest,\nSam",
         "I have six years of experience running payroll for three hundred staff."),
        ("closing", "Hi Dana,\n\nThank you for the interview. I look forward to hearing from you about the next "
                    "steps. Please let me know by tomorrow because I have another offer.\n\nBest,\nSam",
         "I look forward to hearing from you about the next steps."),
        # two sentences the model is sure of: the first, which a cue backs too
        ("gratitude", "Dear [Interviewer Name],\n\nThank you for meeting with me about the {role} position at "
                      "{{company}}. I enjoyed our conversation about [specific topic].\n\nBest regards,\nYour Name",
         "Thank you for meeting with me about the {role} position at {{company}}."),
    ],
    ids=["closing-not-the-opening", "interest-not-the-experience", "qualifications-not-the-need",
         "closing-not-the-pressure", "gratitude-the-thanks-first"],
)
def test_the_evidence_is_the_right_sentence(lint_text, rule_id, text, right):
    from conftest import STRONG_NOTE

    quote = _quote(lint_text(text or STRONG_NOTE), rule_id)
    assert quote is not None and right.startswith(quote), f"{rule_id} quoted {quote!r}, want {right!r}"


def test_a_long_sentence_is_quoted_from_the_clause_that_carries_the_element(lint_text):
    # the README's example: interest is in the second clause; quoting the sentence's start
    # ("At Contoso I automated…") read as interest found in the candidate's experience
    text = ("Hi Dana,\n\nThank you for meeting with me on Tuesday.\n\nAt Contoso I automated our inventory "
            "reporting in SQL and Python, and I would love to bring that experience to Northwind.\n\nBest,\nSam")
    assert _quote(lint_text(text), "interest") == "…I would love to bring that experience to Northwind."
    assert _quote(lint_text(text), "qualifications").startswith("At Contoso I automated")


def test_the_model_off_in_config_is_the_cue_list_alone(tmp_path):
    """`model: ""` switches the model off for a rule; the paraphrase is then missed."""
    (tmp_path / "thanklint.toml").write_text('[rules]\ninterest = { model = "" }\n', encoding="utf-8")
    note = tmp_path / "note.txt"
    note.write_text(NOTE.format("I am very motivated to join Tiki."), encoding="utf-8")
    out = json.loads(run_cli("--format", "json", *HARPER, str(note), cwd=tmp_path).stdout)
    rules = {r["id"]: r["status"] for r in out["files"][0]["rules"]}
    assert rules["interest"] == "fail"


def test_the_model_ships_in_the_package_and_loads_from_anywhere(tmp_path):
    code = ("from thanklint import classifier; import thanklint, pathlib; "
            "print(pathlib.Path(thanklint.__file__).parent in classifier.MODEL_DIR.parents, classifier.describe())")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    inside, _, version = out.stdout.strip().partition(" ")
    assert inside == "True" and version.startswith("thanklint-content 2 ("), out.stdout
    size = sum(f.stat().st_size for f in (REPO / "thanklint" / "models" / "content").rglob("*") if f.is_file())
    assert size < 6_000_000, f"the content model is {size:,} bytes"


def test_the_json_report_names_the_content_model(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(NOTE.format("I look forward to hearing from you."), encoding="utf-8")
    proc = run_cli("--format", "json", *HARPER, str(note))
    engine = json.loads(proc.stdout)["files"][0]["engine"]
    from thanklint import classifier

    assert engine["content"] == classifier.describe()


SMALL = [
    (["thank", "you", "for", "your", "time"], {"gratitude"}),
    (["i", "appreciate", "the", "tour"], {"gratitude"}),
    (["i", "be", "excited", "to", "join", "-propn-"], {"interest"}),
    (["i", "would", "love", "to", "join", "the", "team"], {"interest"}),
    (["you", "mention", "the", "new", "billing", "system"], {"specific-detail"}),
    (["hear", "about", "the", "mentoring", "program", "be", "great"], {"specific-detail"}),
    (["i", "have", "-num-", "year", "of", "experience"], {"qualifications"}),
    (["my", "background", "in", "logistics", "fit"], {"qualifications"}),
    (["i", "look", "forward", "to", "hear", "from", "you"], {"closing"}),
    (["please", "let", "i", "know", "if", "you", "need", "anything"], {"closing"}),
    (["best", "regard"], set()),
    (["the", "weather", "be", "nice"], set()),
]


def test_training_is_reproducible():
    from spacy.tokens import Doc

    from thanklint.train import ENSEMBLE, train

    probe = [["thank", "you", "so", "much"], ["i", "be", "eager", "to", "join"], ["i", "look", "forward"]]

    def predictions():
        model = train(SMALL * 3)  # three passes of the toy set: the ensemble's small models need them
        docs = [Doc(model.vocab, words=w) for w in probe]
        return [[dict(d.cats) for d in pipe.pipe(docs)] for _, pipe in model.pipeline]  # each pipe rewrites the cats

    first, second = predictions(), predictions()
    assert first == second
    assert len(first) == ENSEMBLE > 1  # models trained alike but for the seed
    for cats in first:
        assert cats[0]["gratitude"] > cats[0]["closing"] and cats[2]["closing"] > cats[2]["gratitude"]  # each learned


def test_retraining_gives_the_shipped_model_and_its_figures(tmp_path):
    """Issue 8: retraining from the corpus gives the held-out figures the shipped model records
    (within 0.01), the shipped model scores those figures, and its hash is the code's and
    corpus's as they are now (a change to either needs `python -m thanklint.train`). The libraries
    that do the arithmetic are those the model was trained with (meta.json's "arithmetic"): the
    project's install resolves them; another numpy or thinc trains other weights."""
    from thanklint import classifier
    from thanklint.train import DATA, corpus_hash, held_out_figures, load_corpus, sentence_words

    shipped = json.loads((classifier.MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["thanklint"]
    assert shipped["hash"] == corpus_hash(DATA / "notes.jsonl", DATA / "sentences.jsonl"), "retrain the content model"
    proc = subprocess.run([sys.executable, "-m", "thanklint.train", "--out", str(tmp_path / "m")],
                          capture_output=True, text=True, timeout=600, cwd=REPO)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    retrained = json.loads((tmp_path / "m" / "meta.json").read_text(encoding="utf-8"))["thanklint"]
    for key in ("hash", "test_sites", "train_sentences", "not_trained_on", "arithmetic"):
        assert retrained[key] == shipped[key], key
    figures = shipped["test_split"]
    assert set(figures) == set(retrained["test_split"]) == set(classifier.LABELS) and all(n > 0 for *_, n in figures.values())
    for label, (p, r, f1, n) in retrained["test_split"].items():
        assert n == figures[label][3]
        assert abs(p - figures[label][0]) <= 0.01 and abs(r - figures[label][1]) <= 0.01, (label, retrained, figures)
        assert abs(f1 - figures[label][2]) <= 0.01, (label, retrained["test_split"], figures)

    # the shipped weights score what their meta.json says (scored here, unpinned: a rounding
    # difference moves a probability, not a decision at 0.5)
    notes, sentences, test_sites = load_corpus()
    site = {n["id"]: n["site"] for n in notes}
    test_idx = [i for i, s in enumerate(sentences) if site.get(s["note"]) in test_sites]
    words = sentence_words(notes, sentences)
    assert held_out_figures(classifier.load(), words, sentences, test_idx) == figures


def test_a_missing_corpus_is_one_line_and_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "thanklint.train", "--data", str(tmp_path), "--out", str(tmp_path / "m")],
                          capture_output=True, text=True, timeout=120, cwd=REPO)  # fmt: skip
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "cannot read the corpus" in proc.stderr
    assert not (tmp_path / "m").exists()


# Issue 8, "missing" precision: an element said in words the old cue lists did not
# know is found, and quoted (written for these tests, not taken from any corpus note).
@pytest.mark.parametrize(
    "rule_id, sentence",
    [
        ("qualifications", "Eight years of scheduling for a busy dental practice taught me to keep the front desk calm."),
        ("qualifications", "In my last job I rebuilt the returns process for forty stores."),
        ("closing", "You can reach me on my cell any evening this week."),
        ("closing", "I would welcome the chance to continue our conversation."),
        ("interest", "I would very much like this job."),
        ("interest", "It sounds like a great place to grow."),
    ],
)
def test_an_element_in_unlisted_words_is_not_reported_missing(lint_text, rule_id, sentence):
    text = f"Hi Dana,\n\nThank you for your time today. {sentence}\n\nBest,\nSam"
    quote = _quote(lint_text(text), rule_id)
    assert quote is not None, f"{rule_id} reported missing in: {sentence}"
    assert sentence.startswith(quote), f"{rule_id} quoted {quote!r}, not {sentence!r}"


def test_thanks_for_a_call_is_not_a_closing(lint_text):
    text = "Hi Dana,\n\nThank you for calling me on Monday. The tour of the bindery was a treat.\n\nBest,\nSam"
    assert _quote(lint_text(text), "closing") is None
