"""`specific-detail` on notes nobody tuned it for: generic praise, the candidate's
own skills and unfilled slots are no detail, whatever the model or a cue says;
a concrete project, person, number or thing seen still is, and is the sentence
the report quotes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import HARPER, REPO, describe, result, run_cli

NOTE = "Hi Dana,\n\nThank you for your time today. {}\n\nI look forward to hearing from you.\n\nBest,\nSam"


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a pleasure to learn more about the organization and its values.",
        "I enjoyed hearing about the culture and the direction the company is heading.",
        "Our conversation about how my skills and experience fit the needs of your team was very helpful.",
        "I was particularly interested in your approach to innovation and growth.",
        "I enjoyed our conversation about [specific topic] and {project}.",
        "Could you share any updates on the timeline for next steps?",
        "I have attached my resume and portfolio for your convenience.",
        # what any employer has or does, in general terms
        "I enjoyed hearing about the company's plans for expansion and its recent achievements.",
        "I enjoyed learning about the tools and technologies your engineers use every day.",
        "It was very interesting learning about the company and the software programs it creates.",
        "Your insights into the industry trends were invaluable.",
        "It was great to learn about the lab, its research, and the kind of candidate you are looking for.",
        # praise of a mission, and of an approach to a split hyphenated word
        "I enjoyed learning about your organization's mission to serve the community.",
        "I especially enjoyed hearing about the team's approach to problem-solving and collaboration.",
        # the employer named after the job title; the candidate joining; the process
        "I appreciated the chance to discuss the internship position at A1 Computing.",
        "I believe I would be a strong addition to your operations group.",
        "I look forward to hearing about the next stage of the process.",
        # a cue's own word is no detail, even when spaCy reads it as a noun
        "I enjoyed having a discussing about the nursing position.",
        # template praise that sounds specific: unnamed initiatives and efforts, a hyphenated
        # evaluative modifier, a vague aim a praise word governs, the brand's story
        "It was exciting to discuss the key initiatives the team is driving this year.",
        "I loved hearing about the exciting projects your team is working on and the cutting-edge technologies you are exploring.",
        "Hearing about the department's ongoing efforts to enhance the learner experience was truly inspiring.",
        "Learning about the brand's story, its values and the impactful work your team does every day was a joy.",
        # thanks for a tour: the place shown around is no detail (SOURCES.md), what was seen is
        "Thank you for showing me around the sleep lab on Monday.",
        # a reaction cue still needs a concrete thing after it
        "I was fascinated by the company's culture and its values.",
        # a thing praised and named by nothing else
        "I enjoyed learning about the innovative campaigns your marketing team has delivered.",
        # the meeting's courtesies, the opening by its title, the employer by its kind (stop 54, detail-notes-5 to -8)
        "I am grateful for your time and guidance, and for the warm welcome from you and the panel.",
        "I appreciated the chance to talk about the escrow officer opening and to discuss the role in depth.",
        "It was a pleasure to meet you and to learn about the academy.",
    ],
    ids=["organization-values", "culture-direction", "my-skills", "approach", "slots", "timeline", "attachments",
         "plans-achievements", "tools", "what-it-makes", "trends", "lab-research", "mission-clause", "hyphen",
         "employer-after-title", "joining-the-group", "next-stage", "cue-word", "key-initiatives",
         "cutting-edge", "efforts-to-enhance", "brand-story", "tour-place", "fascinated-generic", "praised-campaigns",
         "courtesies", "opening-in-depth", "employer-kind"],
)
def test_generic_praise_is_no_detail(lint_text, sentence):
    rep = lint_text(NOTE.format(sentence))
    res = result(rep, "specific-detail")
    assert res.status.value == "fail", f"passed on {sentence!r}:\n{describe(rep, 'specific-detail')}"
    assert res.findings and res.findings[0].rule == "specific-detail"


@pytest.mark.parametrize(
    "sentence",
    [
        "You mentioned that the clinic is moving its scheduling to a shared rota in spring.",
        "Meeting Dr. Oduya and hearing about the Maple Street pantry was the highlight of my day.",
        "The story about the server that melted on Black Friday made me laugh.",
        "Seeing the new Heidelberg press run forty sheets a minute was impressive.",
        "I loved getting to know your son Jake.",
        "I enjoyed hearing how the lab triages incoming samples.",
        # "our" discussion is the meeting both had, not the candidate's own
        "I particularly enjoyed our discussion about your new fraud detection project.",
        "Thanks for introducing me to the night-shift crew.",
        "The children's reading corner you are planning for the west wing is a wonderful idea.",
        "What you said about rebuilding the intro statistics course around weekly lab notebooks stayed with me.",
        "The part about the new delivery app was super cool.",
        # the same frames as template praise, with the thing itself said
        "I enjoyed learning how your team moved the dispatch service to event sourcing last quarter.",
        "I loved hearing about the project your team is working on to replace the paper picking lists with handheld scanners.",
        "Hearing about the podcast series your team is launching in March was truly inspiring.",
        "I enjoyed learning about the lab's work on zebrafish fin regeneration.",
        # an effort named by its topic, with no vague aim
        "I left amazed by all of your efforts around patient education and outreach.",
        # what was seen on the tour, beside the place toured
        "Thanks for walking me around the warehouse and showing me the new Heidelberg press.",
        # a reaction to something shown, with no cue noun
        "I was fascinated by the bilingual story hour the library runs on Saturdays.",
        # a praised thing that something names: a complement, a compound
        "I enjoyed learning about the innovative campaign your team ran for the Lisbon food festival.",
        "I enjoyed hearing about the exciting analytics dashboard your team is building.",
    ],
    ids=["plan", "person-place", "story", "tool-number", "person", "how-clause", "our-discussion", "introduced",
         "you-are-planning", "you-said", "the-part-about", "event-sourcing", "named-project", "podcast-series",
         "lab-work", "efforts-topic", "seen-on-tour", "fascinated-by", "praised-and-named", "praised-compound"],
)
def test_a_concrete_detail_passes_and_is_quoted(lint_text, sentence):
    rep = lint_text(NOTE.format(sentence))
    res = result(rep, "specific-detail")
    assert res.status.value == "pass", f"missed {sentence!r}:\n{describe(rep, 'specific-detail')}"
    quoted = res.detail[len("found: “") :].rstrip("”").strip("…")  # "…" where the quote starts at the clause
    assert quoted in sentence, res.detail


def test_generic_note_fails_in_the_cli_and_the_detail_fixes_it(tmp_path):
    """What a user sees: the JSON report fails the rule on praise alone, with a
    finding, and passes once one concrete thing is said."""
    generic = tmp_path / "generic.txt"
    generic.write_text(NOTE.format("It was great to hear more about the company, its mission and the team."),
                       encoding="utf-8")  # fmt: skip
    concrete = tmp_path / "concrete.txt"
    concrete.write_text(NOTE.format("It was great to hear how the team moved the invoices to the new Xero ledger."),
                        encoding="utf-8")  # fmt: skip
    proc = run_cli("--format", "json", *HARPER, str(generic), str(concrete), timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    files = {f["path"]: f for f in json.loads(proc.stdout)["files"]}
    status = {p: {r["id"]: r["status"] for r in f["rules"]} for p, f in files.items()}
    assert status[str(generic)]["specific-detail"] == "fail"
    assert any(f["rule"] == "specific-detail" for f in files[str(generic)]["findings"])
    assert status[str(concrete)]["specific-detail"] == "pass"


def test_the_model_alone_cannot_pass_a_sentence_that_names_nothing(lint_text):
    """The veto holds whatever the model rates: a sentence whose nouns are all
    generic is never the carrier, even with the threshold at its lowest."""
    from dataclasses import replace

    from thanklint.api import Linter
    from thanklint.config import Config, Grammar

    loose = Linter.create(replace(Config(grammar=Grammar(engine="off")),
                                  rules={"specific-detail": {"threshold": 0.01, "veto": 0.0}}))  # fmt: skip
    text = NOTE.format("I enjoyed learning more about the role, the team and the culture.")
    rep = loose.check([loose.parse(text, path="<text>")], None)[0]
    assert result(rep, "specific-detail").status.value == "fail", describe(rep, "specific-detail")


def test_train_tune_lists_the_train_notes_the_rule_gets_wrong(tmp_path):
    """The grouped-by-site view of the whole rule: `--tune --errors specific-detail`
    prints its F1 and missing precision as the rule file has it, and names the train
    notes it gets wrong (a tiny corpus: every site has the same four notes, two of
    them labelled against what the rule says)."""
    from thanklint.train import split_sites

    notes, train_sites = _tiny_corpus(tmp_path)
    train_sites = [s for s in train_sites if s not in split_sites(notes)]

    proc = subprocess.run([sys.executable, "-m", "thanklint.train", "--data", str(tmp_path), "--out",
                           str(tmp_path / "model"), "--tune", "--errors", "specific-detail"],
                          capture_output=True, text=True, timeout=600, cwd=REPO)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    wrong = {tuple(line.split()[:2]) for line in proc.stdout.splitlines() if line.startswith(("  FP ", "  FN "))}
    assert wrong == {("FP", f"{s}-press") for s in train_sites} | {("FN", f"{s}-role") for s in train_sites}
    row = next(line for line in proc.stdout.splitlines() if line.split()[:2] == ["specific-detail", "threshold:"])
    # per train site: one right find, one right miss, one false find, one false miss
    assert "as the rule file has it: F1 0.50, missing precision 0.50" in row, row


def _tiny_corpus(folder):
    """Six sites with the same four notes, two of them labelled against what the rule
    says; written to `folder`. Returns (notes, sites)."""
    kinds = {
        "billing": ("I enjoyed hearing about the new billing system you are building.", ["specific-detail"]),
        "generic": ("I enjoyed learning about the role and the team.", []),
        "press": ("I loved seeing the new Heidelberg press run.", []),  # labelled no detail: a false "found"
        "role": ("I enjoyed learning about the company.", ["specific-detail"]),  # labelled detail: a miss
    }
    sites = [f"site{k}.example" for k in range(6)]
    notes, sentences = [], []
    for site in sites:
        for kind, (sentence, labels) in kinds.items():
            nid = f"{site}-{kind}"
            notes.append({"id": nid, "source": f"https://{site}/", "site": site, "presented_as": "good",
                          "text": f"Hi Dana,\n\nThank you for your time. {sentence}\n\nBest,\nSam"})  # fmt: skip
            sentences += [{"note": nid, "i": 0, "text": "Thank you for your time.", "labels": ["gratitude"]},
                          {"note": nid, "i": 1, "text": sentence, "labels": labels}]  # fmt: skip
    for name, rows in (("notes", notes), ("sentences", sentences)):
        (folder / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return notes, sites


def test_rule_cv_runs_the_real_rules_on_train_sites_only(tmp_path):
    """`--rule-cv`: per rule, the note-level figures of the real rules on the train
    sites (each fold checked with a model that did not see it), with how often the
    quoted sentence is a labelled one; no held-out note is named, no model is written."""
    from thanklint.train import split_sites

    notes, sites = _tiny_corpus(tmp_path)
    held_out = split_sites(notes)
    train_sites = [s for s in sites if s not in held_out]
    proc = subprocess.run([sys.executable, "-m", "thanklint.train", "--data", str(tmp_path), "--out",
                           str(tmp_path / "model"), "--rule-cv", "--cv-errors", "specific-detail"],
                          capture_output=True, text=True, timeout=600, cwd=REPO)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert not (tmp_path / "model").exists()
    assert held_out and not any(s in proc.stdout for s in held_out), proc.stdout
    assert f"published train sites, {4 * len(train_sites)} notes" in proc.stdout
    row = next(line.split() for line in proc.stdout.splitlines() if line.startswith("specific-detail "))
    # per train site: the billing plan found (and quoted), the generic note missed rightly,
    # the press (labelled no detail) a false find, the company (labelled detail) a false miss
    n = len(train_sites)
    assert row == ["specific-detail", str(2 * n), "0.50", "0.50", "0.50", "0.50", f"({n}/{2 * n})", f"{n}/{n}"], row
    wrong = {tuple(line.split()[:2]) for line in proc.stdout.splitlines() if line.startswith(("  FP ", "  FN "))}
    assert wrong == {("FP", f"{s}-press") for s in train_sites} | {("FN", f"{s}-role") for s in train_sites}


@pytest.mark.parametrize("spec, says", [("specific-detail", "RULE:PARAM=VALUE"), ("nosuch:veto=0.1", "nosuch"),
                                         ("specific-detail:vto=0.1", "vto")])  # fmt: skip
def test_rule_cv_rejects_a_bad_variant_in_one_line(spec, says):
    proc = subprocess.run([sys.executable, "-m", "thanklint.train", "--rule-cv", "--try", spec],
                          capture_output=True, text=True, timeout=120, cwd=REPO)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and says in proc.stderr and not proc.stdout, proc.stderr

