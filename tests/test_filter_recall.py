"""The name filter keeps real misspellings: a capitalised slip that starts a sentence
("Therfore", "Althogh") is reported even when spaCy takes it for a proper noun, while names
at a sentence start ("Okonkwo", "Siobhán", "Anvi") and names that come back later in the
note stay clean. Sentences written for these tests, real Harper and spaCy (lint_text)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HARPER, run_cli
from test_grammar_cli import _languagetool_args
from thanklint.grammar import EngineMatch

NOTE = (
    "Hi Sam,\n\nThank you for meeting with me yesterday. {s} I look forward to hearing from you."
    "\n\nBest regards,\nRiley\n"
)


def _spelling(lint_text, sentence: str) -> list[str]:
    r = lint_text(NOTE.format(s=sentence))
    return [r.text[f.span.offset : f.span.offset + f.span.length] for res in r.results if res.rule == "spelling"
            for f in res.findings]  # fmt: skip


@pytest.mark.parametrize(
    "sentence, slip",
    [
        ("Therfore I wrote to you the same day.", "Therfore"),
        ("Althogh the role is new, I am excited about it.", "Althogh"),
        ("Gouverment clients were a theme of our talk.", "Gouverment"),
        ("Futhermore, the team's plans for the depot excite me.", "Futhermore"),
    ],
)
def test_a_slip_that_starts_a_sentence_is_reported(lint_text, sentence, slip):
    assert _spelling(lint_text, sentence) == [slip]


@pytest.mark.parametrize(
    "sentence",
    [
        "Okonkwo showed me the roadmap for next year.",
        "Brightline impressed me with its plans for the depot.",
        "Siobhán walked me through the lab.",
        "Dana explained the on-call rota.",  # a name one edit from "data", but common itself
        "Anvi asked me about my thesis.",  # "anti", "any", "and": no clear best guess
        "Keisha introduced me to the night shift.",
    ],
)
def test_a_name_that_starts_a_sentence_stays_clean(lint_text, sentence):
    assert _spelling(lint_text, sentence) == []


def test_a_name_the_note_writes_again_stays_clean(lint_text):
    # "Gouverment" would be a slip; written twice with its capital, it is someone's name
    text = "Gouverment showed me the wards. I enjoyed the round with Gouverment and the night nurses."
    assert _spelling(lint_text, text) == []


def test_the_start_slip_check_is_off_at_zero():
    from thanklint.kinds.proofread import ProofreadParams, _start_slip

    on = ProofreadParams(category="spelling", disable={}, start_slip_gap=2.0)
    off = ProofreadParams(category="spelling", disable={})
    text = "Therfore I wrote."
    assert _start_slip(text, 0, "Therfore", ["Therefore"], on)
    assert not _start_slip(text, 0, "Therfore", ["Therefore"], off)
    assert not _start_slip(text, 0, "Therfore", ["There fore"], on)  # a split is no slip of one word
    assert not _start_slip("THERFORE I wrote.", 0, "THERFORE", ["THEREFORE"], on)  # all capitals: an acronym


MIXED = NOTE.format(
    s="Althogh the role is new, I am excited about it. Okonkwo showed me the roadmap for next year. "
    "Anvi asked me about my thesis. Dana explained the on-call rota."
)


def _cli_spelling(tmp_path, args) -> list[str]:
    (tmp_path / "note.txt").write_text(MIXED, encoding="utf-8")
    proc = run_cli("--format", "json", *args, "note.txt", cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    f = json.loads(proc.stdout)["files"][0]
    return [MIXED[x["offset"] : x["offset"] + x["length"]] for x in f["findings"] if x["rule"] == "spelling"]


def test_the_cli_reports_the_slip_and_not_the_names_with_harper(tmp_path):
    assert _cli_spelling(tmp_path, HARPER) == ["Althogh"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_the_cli_reports_the_slip_and_not_the_names_with_languagetool(tmp_path):
    assert _cli_spelling(tmp_path, _languagetool_args()) == ["Althogh"]


# -- the measurement behind the filter: JFLEG test stays unseen while tuning (issue 9, item 5)

BENCH = Path(__file__).resolve().parents[1] / "bench" / "grammar.py"
JFLEG = Path(__file__).resolve().parents[2] / "shared" / "bench" / "jfleg"


def _bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not JFLEG.is_dir(), reason="benchmark data ../shared/bench/jfleg is not on this machine")
def test_bench_split_dev_prints_no_test_figure():
    r = _bench("--only", "jfleg", "--engines", "harper", "--split", "dev", "--limit", "5")
    assert r.returncode == 0, r.stderr
    assert "JFLEG dev" in r.stdout and "JFLEG test" not in r.stdout, r.stdout


def test_bench_split_rejects_an_unknown_split_in_one_line():
    r = _bench("--split", "held-out")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "--split" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_bench_tells_a_flag_on_a_slip_another_correction_fixes_from_one_on_kept_words():
    """JFLEG's first correction keeps some slips ("Peolple"); the bench reports, beside the false
    flags, the share on words every other correction keeps: a flag there is on words no
    annotator changed. Punctuation and quotes around the words do not count as a change."""
    sys.path.insert(0, str(BENCH.parent))
    from grammar import _changed_elsewhere

    def flag(text: str, words: str) -> EngineMatch:
        return EngineMatch(text.index(words), len(words), "", (), "spelling", "X", safe=False)

    ref0 = 'Peolple like the term "disking," and they like it.'
    others = ['People like the term "disking" and like it.', 'People like the term "disking", and they like it.']
    assert _changed_elsewhere(ref0, flag(ref0, "Peolple"), others)
    assert not _changed_elsewhere(ref0, flag(ref0, "disking"), others)
    assert _changed_elsewhere(ref0, flag(ref0, "they"), others)  # one correction drops it
    text = "It was late,but we stayed."
    assert not _changed_elsewhere(text, flag(text, ","), ["It was late, but we stayed."])
    assert _changed_elsewhere(text, flag(text, ","), ["It was late; however, we stayed."])
