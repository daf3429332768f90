"""qualifications and closing (issue 8): the ways people state their fit and close a
note are recognised — by the cue lists on their own too, since a user's pack builds on
them — and neither rule is "found" in a sentence that says something else (a plea
for the job, pressure with a deadline)."""

from __future__ import annotations

import json

import pytest

from conftest import HARPER, result, run_cli

NOTE = "Hi Dana,\n\nThank you for your time today. {}\n\nBest,\nSam"

FIT = [
    "My background in hospital billing lines up well with the claims backlog you described.",
    "Having led a team of six through a warehouse move, I know how to keep people calm.",
    "I believe I can help your team shorten the onboarding time you mentioned.",
    "The skills I bring from retail would carry over to the front desk.",
    "As a former teacher, I know how to explain complicated ideas simply.",
    "I am confident I could ramp up quickly on the Q3 launch.",
    "I'd love to bring that same data-driven approach to your team.",
    "I did a smaller version of that migration at Lumen and still have the runbook.",
    "I'm comfortable with Python, SQL and Tableau, all of which your team uses.",
    "I speak Spanish and Portuguese fluently, which would help with your clients in Brazil.",
    "I have a strong track record of closing enterprise deals.",
    "I was previously a paralegal, so contract review is familiar ground.",
    "As the lead on our ERP rollout, I learned how to keep a project on schedule.",
    "Much of what you described is what I do every day at Contoso.",
    "I bring a calm, organised approach to busy front desks.",
    "I have a lot of experience in this field.",
    "I have a knack for turning messy spreadsheets into clear reports.",
]

CLOSE = [
    "I hope to hear from you soon.",
    "Please don't hesitate to reach out if anything else would help.",
    "I'd welcome next steps whenever you are ready.",
    "Feel free to contact me at 555-0100.",
    "Thanks again, and I hope we can talk again soon.",  # a close inside the thanks
    "If it would be useful, I can send over the schedule I built for the Porto branch.",
    "I'm available for a follow-up call any day next week.",
    "I'll check in with you next Friday.",
    "I would be happy to come back and meet the rest of the team.",
    "I'd love the chance to keep talking about the role.",
    "I can be reached at sam@example.com.",
    "I hope our paths cross again soon.",
    "I would welcome the chance to meet with the rest of the team.",
    "I can send the references you asked for.",
    "I would be delighted to meet the Group Financial Controller, as you suggested, whenever suits her diary.",
]


@pytest.fixture(scope="module")
def cues_only():
    """The rules with the content model switched off (`model: ""`): the cue lists alone."""
    from thanklint.api import Linter
    from thanklint.config import Config, Grammar

    config = Config(grammar=Grammar(engine="off"), rules={r: {"model": ""} for r in ("qualifications", "closing")})
    with Linter.create(config) as linter:
        yield lambda text: linter.check([linter.parse(text)])[0]


def _quote(report, rule_id: str) -> str | None:
    """The sentence a passing rule quotes as its evidence (None when it fails)."""
    res = result(report, rule_id)
    if res.status.value != "pass":
        return None
    return res.detail[len("found: “") :].rstrip("”").rstrip("…").lstrip("…")


@pytest.mark.parametrize("rule_id, sentence", [("qualifications", s) for s in FIT] + [("closing", s) for s in CLOSE])
def test_a_paraphrase_is_found_and_quoted(lint_text, rule_id, sentence):
    quote = _quote(lint_text(NOTE.format(sentence)), rule_id)
    assert quote is not None, f"{rule_id} missed: {sentence}"
    assert quote in sentence, f"{rule_id} quoted {quote!r}, not {sentence!r}"


@pytest.mark.parametrize("rule_id, sentence", [("qualifications", s) for s in FIT] + [("closing", s) for s in CLOSE])
def test_the_cue_list_alone_finds_it(cues_only, rule_id, sentence):
    assert _quote(cues_only(NOTE.format(sentence)), rule_id) is not None, f"no {rule_id} cue matches: {sentence}"


NOT_FIT = [
    "I really really need this job, I've been unemployed for eight months.",  # the issue's case
    "I was laid off last spring and this job would mean everything to me.",
    "Thank you for the chance to discuss my qualifications.",
    "I know I'm probably not the most qualified candidate.",
    "I'm a big fan of your podcast.",
    "I would be thrilled to join the team.",
    "I have been thinking about our conversation all week.",
    "I did enjoy meeting the whole team.",
]

NOT_CLOSE = [
    "Please let me know by tomorrow because I have another offer.",  # the issue's case
    "I have another offer, so please let me know by Friday.",
    "I wanted to reach out and thank you for meeting with me.",
    "It was great to meet the team and see the new office.",
    "Thank you for welcoming me and letting me meet the whole team.",
    "I sent you my portfolio last week.",
]


@pytest.mark.parametrize("rule_id, sentence", [("qualifications", s) for s in NOT_FIT] + [("closing", s) for s in NOT_CLOSE])
def test_a_sentence_that_says_something_else_does_not_count(lint_text, cues_only, rule_id, sentence):
    for lint in (lint_text, cues_only):
        res = result(lint(NOTE.format(sentence)), rule_id)
        assert res.status.value == "fail" and res.findings, f"{rule_id} found in: {sentence} ({res.detail})"


def test_pressure_is_no_close_in_the_cli_and_the_close_is_asked_for_before_the_signoff(tmp_path):
    """The real CLI: the deadline is a tone error, and closing is reported missing
    (at the line before the sign-off), not found in the pressure."""
    note = tmp_path / "note.txt"
    note.write_text(NOTE.format("Please let me know by tomorrow because I have another offer."), encoding="utf-8")
    proc = run_cli("--format", "json", *HARPER, str(note))
    assert proc.returncode == 1, proc.stderr  # the tone error
    out = json.loads(proc.stdout)["files"][0]
    assert {r["id"]: r["status"] for r in out["rules"]}["closing"] == "fail"
    closing = [f for f in out["findings"] if f["rule"] == "closing"]
    assert len(closing) == 1 and closing[0]["line"] == 3, closing
    assert any(f["rule"] == "tone" and "another offer" in f["message"] for f in out["findings"])


def test_never_in_config_vetoes_the_model_too_and_a_broken_one_is_a_clear_error(tmp_path):
    """`never` is the pack's (and a user's) word: a sentence it matches carries no
    close even when the model is sure of it; a malformed cue is exit 2, one line."""
    note = tmp_path / "note.txt"
    note.write_text(NOTE.format("I look forward to hearing from you."), encoding="utf-8")
    (tmp_path / "thanklint.toml").write_text('[rules]\nclosing = { never = ["hear from"] }\n', encoding="utf-8")
    proc = run_cli("--format", "json", *HARPER, str(note), cwd=tmp_path)
    assert {r["id"]: r["status"] for r in json.loads(proc.stdout)["files"][0]["rules"]}["closing"] == "fail"

    (tmp_path / "thanklint.toml").write_text('[rules]\nclosing = { never = ["~x"] }\n', encoding="utf-8")
    proc = run_cli("--format", "json", *HARPER, str(note), cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"", err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "closing" in lines[0] and "~x" in lines[0], err
