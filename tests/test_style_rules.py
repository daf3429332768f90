"""Style is not grammar (issue 9, item 4): engine rules that express a register or style
preference are off in the pack (rules/thankyou/grammar.yaml: LanguageTool's style and
locale-violation categories and its formal-register rules, Harper's style lint kinds), so a
note written in plain, informal English gets no grammar finding for them — while a real
grammar error beside them is still reported, and a user can turn a rule back on."""

from __future__ import annotations

import json

import pytest
from conftest import HARPER, run_cli
from test_grammar_cli import _languagetool_args

# Each sentence holds a choice an engine rule reported before this policy (checked with the raw
# engines): "a couple things" (LanguageTool IF_OF[2], "In formal written English"; Harper
# QuantifierNeedsOf), "Thank you for ... Thank you for" (REPETITIONS_STYLE), "these ones"
# (THESE_ONES, "In formal contexts"), "at the weekend" (BRITISH_ENGLISH, a locale violation in
# en-US), "very good" (Harper Excellent: "use excellent"), a list without the Oxford comma
# (Harper's Style kind), open compounds ("lock keeper", "holiday makers", "home town": LanguageTool
# KEEPER_COMPOUNDS, MAKER_COMPOUNDS, HOME_COMPOUNDS_EN_US). The real error beside them: "could of visited".
CLEAN = (
    "Hi Dana,\n\n"
    "Thank you for the tour of the plant. Thank you for the coffee as well. I have a couple "
    "things to ask about the rollout, and I liked these ones you showed me most. The demo was very "
    "good, and I enjoyed the dashboards, reports and alerts. The lock keeper told me how holiday makers "
    "from my home town use the canal.\n\n"
    "I can start the week after next and could visit again at the weekend if that helps. I look "
    "forward to hearing from you.\n\nBest regards,\nSam\n"
)
ERROR = CLEAN.replace("could visit again", "could of visited again")


def _grammar(proc, text: str) -> list[str]:
    """The text of each grammar finding, as the user sees it in the JSON report."""
    assert proc.returncode in (0, 1), proc.stderr.decode()
    f = json.loads(proc.stdout)["files"][0]
    return [text[x["offset"] : x["offset"] + x["length"]] for x in f["findings"] if x["rule"] == "grammar"]


def _run(tmp_path, text: str, *engine: str, config: str | None = None) -> list[str]:
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    if config is not None:
        (tmp_path / "thanklint.toml").write_text(config, encoding="utf-8")
    return _grammar(run_cli("--format", "json", *engine, "note.txt", cwd=tmp_path, timeout=300), text)


def test_style_choices_are_clean_and_an_error_is_reported_with_harper(tmp_path):
    assert _run(tmp_path, CLEAN, *HARPER) == []
    assert any("of" in w.split() for w in _run(tmp_path, ERROR, *HARPER))


def test_a_user_can_turn_a_style_rule_back_on_with_harper(tmp_path):
    found = _run(tmp_path, CLEAN, *HARPER, config='[rules]\ngrammar = { enable = ["QuantifierNeedsOf", "Excellent"] }\n')
    assert "couple" in found and "very good" in found, found


lt = pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")


@pytest.mark.languagetool
@lt
def test_style_choices_are_clean_and_an_error_is_reported_with_languagetool(tmp_path):
    assert _run(tmp_path, CLEAN, *_languagetool_args()) == []
    assert any("of" in w.split() for w in _run(tmp_path, ERROR, *_languagetool_args()))


@pytest.mark.languagetool
@lt
def test_typos_in_a_partly_disabled_rule_group_are_still_reported_with_languagetool(tmp_path):
    # only IF_OF's "couple" sub-rule is off: its typo sub-rules ("one if the") still run
    text = CLEAN.replace("The demo was", "It was one if the best demos, and the demo was")
    assert any(w.startswith("one if") for w in _run(tmp_path, text, *_languagetool_args())), text


@pytest.mark.languagetool
@lt
def test_a_user_can_turn_a_style_category_back_on_with_languagetool(tmp_path):
    found = _run(tmp_path, CLEAN, *_languagetool_args(),
                 config='[rules]\ngrammar = { enable = ["IF_OF[2]", "REPETITIONS_STYLE"] }\n')
    assert "couple" in found and any(w.startswith("Thank you for") for w in found), found
