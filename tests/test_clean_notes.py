"""Proofreading does not cry wolf on a clean note (issue 9, items 3 and 4): the field words and
style choices the quoted notes had flagged are not reported, whichever engine, while a real
misspelling in the same note still is."""

from __future__ import annotations

import json

import pytest
from conftest import HARPER, run_cli
from test_grammar_cli import _languagetool_args

# Each sentence holds a word of a job's field or a style choice an engine used to report:
# hyphenation ("top notch", "stress free", "multi-touch"), "would" in a conditional, a count
# use of "passion", a noun adjunct ("payments ledger"), wordiness ("all of the"), "legit";
# field words ("v2", "non-specialists", "melanogaster"); a loanword typed with its diacritics
# ("phở"); and sound phrases engine rules misread ("call me as soon as possible", "what new
# tidbit", "speaking with you yesterday"). One real misspelling: "recieved".
NOTE = (
    "Hi Dana,\n\n"
    "Thank you for the top notch tour and the stress free interview. I enjoyed the staff lunch "
    "of phở and seeing the multi-touch kiosk, and I have a passion for this kind of work. The "
    "payments ledger demo was legit impressive, and I recieved the models you mentioned.\n\n"
    "It was great speaking with you yesterday. Your answer about the v2 release plan was clear, "
    "and I liked learning what new tidbit each session with non-specialists about Drosophila "
    "melanogaster brings. If it would help, I can share all of the notes from my last project.\n\n"
    "Please call me as soon as possible if you have any questions. I look forward to hearing "
    "from you.\n\nBest regards,\nSam\n"
)


def _proofread(proc) -> dict[str, list[str]]:
    """The words each proofreading rule reports, as the user sees them in the JSON report."""
    assert proc.returncode in (0, 1), proc.stderr.decode()
    f = json.loads(proc.stdout)["files"][0]
    out: dict[str, list[str]] = {"grammar": [], "spelling": []}
    for x in f["findings"]:
        if x["rule"] in out:
            out[x["rule"]].append(NOTE[x["offset"] : x["offset"] + x["length"]])
    return out


def _check(found: dict[str, list[str]]) -> None:
    assert found["grammar"] == [], found
    assert found["spelling"] == ["recieved"], found


def test_a_clean_note_with_field_words_and_style_choices_with_harper(tmp_path):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    _check(_proofread(run_cli("--format", "json", *HARPER, "note.txt", cwd=tmp_path)))


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_a_clean_note_with_field_words_and_style_choices_with_languagetool(tmp_path):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    proc = run_cli("--format", "json", *_languagetool_args(), "note.txt", cwd=tmp_path, timeout=300)
    assert json.loads(proc.stdout)["files"][0]["engine"]["grammar"].startswith("languagetool"), proc.stdout[:300]
    _check(_proofread(proc))


@pytest.mark.parametrize("word, split", [("alot", "a lot"), ("atleast", "at least"), ("everytime", "every time")])
def test_a_run_together_slip_is_not_a_field_word(word, split):
    # wordfreq lists these slips as common words (Zipf 3.5-3.9); the engine's own guess, the same
    # letters split in two, is 30x more common, so the slip stays a misspelling
    from thanklint.kinds.proofread import ProofreadParams, _field_word

    p = ProofreadParams(category="spelling", disable={}, common_zipf=3.3, known_zipf=1.5)
    assert not _field_word(word, [split], p)
    assert _field_word("anymore", ["any more"], p)  # a word in its own right stays one (10x, not 30x)


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_still_reports_alot(tmp_path):
    text = NOTE.replace("I recieved the models", "I learned alot from the models")
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    proc = run_cli("--format", "json", *_languagetool_args(), "note.txt", cwd=tmp_path, timeout=300)
    f = json.loads(proc.stdout)["files"][0]
    flagged = [text[x["offset"] : x["offset"] + x["length"]] for x in f["findings"] if x["rule"] in ("grammar", "spelling")]
    assert "alot" in flagged, flagged
