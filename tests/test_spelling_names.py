"""The spelling layer does not cry wolf: the sender's name in the sign-off, a greeting name
with diacritics and ordinary words of a job's field are not misspellings, whichever engine;
a real misspelling is still found, and its message names the word and the best guess."""

from __future__ import annotations

import json

import pytest
from conftest import HARPER, run_cli
from test_grammar_cli import _languagetool_args

SIGNOFF = (
    "Hi Dana,\n\nThank you for meeting with me yesterday. I enjoyed our conversation about the "
    "quarterly planning review.\n\nI look forward to hearing from you.\n\nBest regards,\nAviral\n"
)
SIGNATURE = SIGNOFF.replace("Aviral\n", "Aviral Tyagi\nSenior Analyst, Quorvex Labs\n")
GREETING = SIGNOFF.replace("Hi Dana,", "Dear Ms. Ngô Thị Huệ,")
# field words the quoted notes had flagged, that wordfreq knows as words
FIELD = (
    "Hi Dana,\n\nThank you for walking me through the v2 release plan and the sessions with "
    "non-specialists, and for your lab's work on Drosophila melanogaster and its telemetry.\n\n"
    "I look forward to hearing from you.\n\nBest regards,\nSam\n"
)
# closed compounds of a field, which the engines read as two words run together ("run book")
# ("head cut": a noun of three letters closes it; "shot firer": a noun and the agent noun that works
# on it, as "bricklayer": stop 35)
COMPOUND = FIELD.replace("the v2 release plan", "the runbook, the codebase tour, the playtests, the headcut "
                         "survey, the shotfirers, the basecutter")
# the names the note signs and greets with, again in the body where a sentence starts with them
BODY = SIGNOFF.replace("Hi Dana,", "Dear Ms. Okafor,").replace(
    "I look forward", "Okafor Lab's notes helped. Aviral is keen to start. I look forward")
TYPO = SIGNOFF.replace("conversation", "conversashun").replace(
    "I look", "I recieve your notes on my carear and the questionare and look")


def _files(proc) -> dict:
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return {f["path"]: f for f in json.loads(proc.stdout)["files"]}


def _spelling(f: dict) -> list[tuple[str, str]]:
    text = NOTES[f["path"]]
    return [(text[x["offset"] : x["offset"] + x["length"]], x["message"]) for x in f["findings"] if x["rule"] == "spelling"]


NOTES = {"signoff.txt": SIGNOFF, "signature.txt": SIGNATURE, "greeting.txt": GREETING, "field.txt": FIELD,
         "body.txt": BODY, "compound.txt": COMPOUND, "typo.txt": TYPO}  # fmt: skip


def _check(files: dict) -> None:
    for name in ("signoff.txt", "signature.txt", "greeting.txt", "field.txt", "body.txt", "compound.txt"):
        assert _spelling(files[name]) == [], (name, _spelling(files[name]))
    found = dict(_spelling(files["typo.txt"]))
    assert found.get("recieve") == "'recieve' is misspelled; did you mean 'receive'?", found
    assert "carear" in found, found  # split "car ear" by Harper, but one edit from "career": a slip
    assert "questionare" in found, found  # split "question are" by Harper: "are" is a verb's form, no noun
    assert "conversashun" in found and found["conversashun"].startswith("'conversashun' is misspelled"), found


def _write(tmp_path) -> list[str]:
    for name, text in NOTES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return list(NOTES)


def test_names_and_field_words_with_harper(tmp_path):
    _check(_files(run_cli("--format", "json", *HARPER, *_write(tmp_path), cwd=tmp_path)))


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_names_and_field_words_with_languagetool(tmp_path):
    files = _files(run_cli("--format", "json", *_languagetool_args(), *_write(tmp_path), cwd=tmp_path, timeout=300))
    assert files["typo.txt"]["engine"]["grammar"].startswith("languagetool")
    _check(files)


def test_a_lower_case_misspelling_in_the_signature_is_still_found(lint_text):
    # the frame (greeting, sign-off, signature) trusts capitalised words only
    r = lint_text(SIGNOFF.replace("Aviral\n", "Aviral\nAnalyst, data platfrom team\n"))
    words = [r.text[f.span.offset : f.span.offset + f.span.length] for res in r.results if res.rule == "spelling"
             for f in res.findings]  # fmt: skip
    assert words == ["platfrom"], words


def test_the_roles_words_and_their_plural_are_spelt_as_the_user_means(lint_text):
    # the context's role names the job in its own words: "shuttler" and "shuttlers" (stop 56, natural-12); a slip
    # beside them is still found
    note = SIGNOFF.replace("I look forward", "The shuttlers move cars between branches, and a shuttler recieves keys. "
                           "I look forward")
    def words(ctx):
        r = lint_text(note, ctx)
        return [r.text[f.span.offset : f.span.offset + f.span.length] for res in r.results if res.rule == "spelling"
                for f in res.findings]  # fmt: skip
    assert words({"role": "vehicle shuttler"}) == ["recieves"]
    assert "shuttler" in words(None)  # without the context the word is the engine's to judge
