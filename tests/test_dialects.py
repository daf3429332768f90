"""English variants: a note's own spellings choose the dictionary (auto), `language` and
--language set it, the report says which, and a note that mixes British and American
spelling gets one finding about the mix — through the real CLI, Harper and LanguageTool."""

from __future__ import annotations

import json

import pytest
from conftest import HARPER, run_cli
from test_grammar_cli import _languagetool_args

from thanklint import dialect

BRITISH = (
    "Dear Ms. Hughes,\n\nThank you for meeting me yesterday. I enjoyed hearing how your organisation "
    "will recognise the realisation of reorganising the synchronisation work, and how the colour "
    "scheme of the new centre came about.\n\nI look forward to hearing from you.\n\nBest regards,\nAviral\n"
)
AMERICAN = (
    "Dear Ms. Hughes,\n\nThank you for meeting me yesterday. I enjoyed hearing how your organization "
    "will recognize the color scheme of the new center and how the team traveled to analyze it.\n\n"
    "I look forward to hearing from you.\n\nBest regards,\nSam\n"
)
# British -our and -re with -ize: Oxford (or Canadian) spelling, not a mix
OXFORD = "Thank you. Your organization's colour scheme and the theatre were a delight; I realized why."
MIXED = (
    "Dear Ms. Hughes,\n\nThank you for meeting me yesterday. I enjoyed hearing how your organisation "
    "will recognise the colour scheme of the new centre, and the color of the lobby.\n\n"
    "I look forward to hearing from you.\n\nBest regards,\nSam\n"
)


# -- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, label",
    [
        (BRITISH, "en-GB (detected)"),
        (AMERICAN, "en-US (detected)"),
        (OXFORD, "en-GB (detected)"),
        ("Thank you for your time yesterday.", "en-US (default)"),
        # a closed compound of a regional spelling tells the variant
        ("The colourfastness tests on the cotton samples impressed me.", "en-GB (detected)"),
        ("The colorfastness tests on the cotton samples impressed me.", "en-US (detected)"),
        # "analyses" is analysis's plural in every English: no British evidence beside "fiber"
        ("I built LBO analyses for a fiber infrastructure deal.", "en-US (detected)"),
        # British forms whose American pair is a British word too ("license" the verb, "draft"):
        # evidence one way only
        ("My restricted licence covers deep-draught ships.", "en-GB (detected)"),
        ("I license the software and review each draft.", "en-US (default)"),
        # irregular pairs
        ("I will enrol in the jewellery course.", "en-GB (detected)"),
        ("I will enroll in the jewelry course.", "en-US (detected)"),
        # -isation words breame lacks, from wordfreq (stop 24: an Indian note's market capitalisation)
        ("Their combined market capitalisation is over four lakh crore.", "en-GB (detected)"),
        ("Their combined market capitalization is over four lakh crore.", "en-US (detected)"),
        # British -our/-re with American -yze is Canadian (Oxford spelling writes "analysed"): fresh-7
        ("The Toronto Centre's files showed the taxpayer's behaviour; I analyzed each one.", "en-CA (detected)"),
        ("The Toronto Center's files showed the taxpayer's behavior; I analyzed each one.", "en-US (detected)"),
        # ... and so is British -our with "aluminum" or "skeptical", which Canada spells as America
        # does (stop 35, fresh-22: an insulator's "vapour retarder" and "aluminum jacketing" was a mix)
        ("A poorly sealed vapour retarder fails first; I cut aluminum jacketing for elbows.", "en-CA (detected)"),
        ("The centre's engineers were skeptical of the new liner.", "en-CA (detected)"),
        ("A poorly sealed vapor retarder fails first; I cut aluminum jacketing for elbows.", "en-US (detected)"),
        # ... and so is British -our/-re with the e of medicine's words ("anesthesia", "pediatric"): the Canadian
        # Oxford's and Canadian Press's spelling (stop 69, fresh-68: an obstetric anesthesiologist's note was a mix)
        ("I was honoured to hear how your obstetric anesthesia team manages postpartum hemorrhage.", "en-CA (detected)"),
        ("The pediatric centre's labour ward impressed me.", "en-CA (detected)"),
        ("I was honored to hear how your obstetric anesthesia team manages postpartum hemorrhage.", "en-US (detected)"),
        ("I was honoured to hear how your obstetric anaesthesia team manages postpartum haemorrhage.", "en-GB (detected)"),
        # "medieval" is British too (Oxford: "also mediaeval"): no American evidence beside "prioritises"
        # (stop 31, fresh-16: a British note was read as American and given a mix finding)
        ("The medieval roof timbers were the part of the survey the team prioritises.", "en-GB (detected)"),
        ("The mediaeval roof timbers were surveyed.", "en-GB (detected)"),
        ("The fetal medicine unit's encyclopedic protocols impressed me.", "en-US (default)"),
        # a name is spelt as its owner spells it: "Arbor" (a schools' data system) is no American
        # spelling in a British note, and "honoraria" no "honor" + "aria" (stop 32, fresh-18)
        ("I used Arbor daily at Northgate, and I admired the calm, well-organised culture.", "en-GB (detected)"),
        ("I arranged transport and honoraria for the speakers, and I was honoured to meet the Elders.", "en-GB (detected)"),
        ("Working at the Harbour Centre taught me to analyze every color palette.", "en-US (detected)"),
        # ... nor is "literally" an American "liter" + "ally": English never writes "litreally"
        ("I literally reorganised every file in the archive.", "en-GB (detected)"),
        # "fulfil" inflected is no compound of "fulfil" and "ling"
        ("Someone was not fulfilling their responsibilities.", "en-US (default)"),
        # "sulphur" is no evidence: as British evidence (stop 62, fresh-61's "sulphate-to-carbon ratio") it made a
        # town ("Sulphur, Louisiana") and one "sulphate" among American "sulfate"s British (a review); withdrawn
        ("I grew up in Sulphur, Louisiana, and my favorite class was chemistry.", "en-US (detected)"),
        ("The sulphate level, the sulfate trend and the sulfate limits were my favorite part.", "en-US (detected)"),
    ],
)
def test_the_variant_is_told_from_the_notes_spellings(text, label):
    d = dialect.choose("auto", text)
    assert d.label == label
    assert not d.mixed


def test_a_configured_variant_wins_over_the_spellings():
    assert dialect.choose("en-AU", AMERICAN).label == "en-AU (configured)"
    assert not dialect.choose("en-US", MIXED).mixed  # the mix finding is for auto only


@pytest.mark.parametrize("text", ["The paediatric ward's colour scheme suits the pediatric nurses.",
                                  "The programme's centre trains pediatric nurses.",
                                  "I organised the honours night and a talk on leukemia."])
def test_medicines_e_beside_a_british_ae_or_ise_is_a_mix(text):
    # Canadian only beside -our/-re alone (stop 69's review: "paediatric ward … pediatric nurses" was read as Canadian)
    d = dialect.choose("auto", text)
    assert d.code == "en-GB" and d.mixed and [s.word for s in d.minority] == [w for w in ("pediatric", "leukemia") if w in text]


def test_a_mixed_note_names_its_minority_spellings():
    d = dialect.choose("auto", MIXED)
    assert d.code == "en-GB" and d.mixed
    assert [s.word for s in d.minority] == ["color"]
    assert "'color' → 'colour'" in dialect.mix_message(d)


# -- through the CLI ----------------------------------------------------------------------


def _by_path(proc) -> dict:
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return {f["path"]: f for f in json.loads(proc.stdout)["files"]}


def _spelling(f: dict) -> list[dict]:
    return [x for x in f["findings"] if x["rule"] == "spelling"]


CANADIAN = (
    "Dear Ms. Bélanger,\n\nThank you for meeting me at the Toronto Centre on Thursday. I analyzed the "
    "behaviour of renovation contractors' claims for two years, and I would welcome the chance to organize "
    "that work for your team.\n\nI look forward to hearing from you.\n\nBest regards,\nSam\n"
)


def _write(tmp_path):
    for name, text in (("gb.txt", BRITISH), ("us.txt", AMERICAN), ("mixed.txt", MIXED), ("ca.txt", CANADIAN)):
        (tmp_path / name).write_text(text, encoding="utf-8")


def _check_variants(files: dict) -> None:
    gb, us, mixed, ca = files["gb.txt"], files["us.txt"], files["mixed.txt"], files["ca.txt"]
    assert ca["engine"]["language"] == "en-CA (detected)"
    assert _spelling(ca) == []
    assert gb["engine"]["language"] == "en-GB (detected)"
    assert _spelling(gb) == []
    assert us["engine"]["language"] == "en-US (detected)"
    assert _spelling(us) == []
    assert mixed["engine"]["language"] == "en-GB (detected)"
    [mix] = _spelling(mixed)  # one finding for the mix, none on 'color' as a misspelling
    assert "mixes British" in mix["message"] and "'color' → 'colour'" in mix["message"], mix
    assert MIXED[mix["offset"] : mix["offset"] + mix["length"]] == "color"


def test_variants_with_harper(tmp_path):
    _write(tmp_path)
    _check_variants(_by_path(run_cli("--format", "json", *HARPER, "gb.txt", "us.txt", "mixed.txt", "ca.txt", cwd=tmp_path)))


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_variants_with_languagetool(tmp_path):
    _write(tmp_path)
    args = _languagetool_args()
    files = _by_path(run_cli("--format", "json", *args, "gb.txt", "us.txt", "mixed.txt", "ca.txt", cwd=tmp_path, timeout=300))
    assert files["gb.txt"]["engine"]["grammar"].startswith("languagetool")
    _check_variants(files)


def test_language_en_us_reports_british_spellings_by_name(tmp_path):
    (tmp_path / "gb.txt").write_text(BRITISH, encoding="utf-8")
    f = _by_path(run_cli("--format", "json", *HARPER, "--language", "en-US", "gb.txt", cwd=tmp_path))["gb.txt"]
    assert f["engine"]["language"] == "en-US (configured)"
    messages = [x["message"] for x in _spelling(f)]
    assert "'organisation' is the British spelling; in American English (en-US) it is 'organization'." in messages


def test_a_plural_in_yses_is_american_too(tmp_path):
    # "analyses" is the plural of "analysis" in every English; Harper called it British (fresh-3)
    note = ("Dear Ms. Hughes,\n\nThank you for meeting me yesterday. I built LBO analyses for a fiber deal "
            "and a color model, and it analyses well.\n\nI look forward to hearing from you.\n\nBest regards,\nSam\n")
    (tmp_path / "us.txt").write_text(note, encoding="utf-8")
    f = _by_path(run_cli("--format", "json", *HARPER, "us.txt", cwd=tmp_path))["us.txt"]
    assert f["engine"]["language"] == "en-US (detected)"
    assert _spelling(f) == []
    assert not dialect.regional("analyses") and dialect.regional("analyse") and dialect.regional("analyzes")


def test_language_from_config_and_shown_in_the_text_report(tmp_path):
    (tmp_path / "thanklint.toml").write_text('language = "en-GB"\n', encoding="utf-8")
    (tmp_path / "us.txt").write_text(AMERICAN, encoding="utf-8")
    proc = run_cli(*HARPER, "us.txt", cwd=tmp_path)
    out = proc.stdout.decode()
    assert "language: en-GB (configured)" in out, out
    assert "'color' is the American spelling; in en-GB it is 'colour'." in out, out


@pytest.mark.parametrize("how", ["config", "flag"])
def test_an_unknown_language_is_a_one_line_error(tmp_path, how):
    (tmp_path / "us.txt").write_text(AMERICAN, encoding="utf-8")
    if how == "config":
        (tmp_path / "thanklint.toml").write_text('language = "fr-FR"\n', encoding="utf-8")
        proc = run_cli(*HARPER, "us.txt", cwd=tmp_path)
    else:
        proc = run_cli(*HARPER, "--language", "fr-FR", "us.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b""
    assert "Traceback" not in err and "en-GB" in err, err


def test_oxford_ize_is_no_misspelling_in_a_british_note(tmp_path):
    # British -ce with -ize: Oxford (or Canadian) spelling; Harper's en-GB dictionary flagged
    # "sanitized" as American (stop 31, fresh-16's en-CA note)
    note = ("Dear Ms. Hughes,\n\nThank you for meeting me yesterday. I enjoyed hearing how your defence "
            "contracts team sanitized the board files before each design review.\n\n"
            "I look forward to hearing from you.\n\nBest regards,\nSam\n")
    (tmp_path / "gb.txt").write_text(note, encoding="utf-8")
    f = _by_path(run_cli("--format", "json", *HARPER, "gb.txt", cwd=tmp_path))["gb.txt"]
    assert f["engine"]["language"] == "en-GB (detected)"
    assert _spelling(f) == []


# an Australian note with no -ise spelling is checked as en-US by default; its Australian words
# are words of a variant it may be (stop 34, natural-2: "logbook servicing on utes"), and a
# British note's Australian ones likewise. A configured en-US keeps them misspellings; a slip
# beside them is still one.
AUSSIE = ("Hi Steve,\n\nThank you for the interview. You mentioned that a lot of your work is logbook servicing "
          "on utes for farmers out west, and I could start this arvo. I recieved the forms.\n\nThanks,\nJack\n")
AUSSIE_GB = AUSSIE.replace("I could start", "I realise I could start")


def test_a_default_or_british_note_keeps_its_australian_words(tmp_path):
    (tmp_path / "au.txt").write_text(AUSSIE, encoding="utf-8")
    (tmp_path / "gb.txt").write_text(AUSSIE_GB, encoding="utf-8")
    files = _by_path(run_cli("--format", "json", *HARPER, "au.txt", "gb.txt", cwd=tmp_path))
    assert files["au.txt"]["engine"]["language"] == "en-US (default)"
    assert files["gb.txt"]["engine"]["language"] == "en-GB (detected)"
    for name, text in (("au.txt", AUSSIE), ("gb.txt", AUSSIE_GB)):
        assert [text[x["offset"] : x["offset"] + x["length"]] for x in _spelling(files[name])] == ["recieved"]
    us = _by_path(run_cli("--format", "json", *HARPER, "--language", "en-US", "au.txt", cwd=tmp_path))["au.txt"]
    assert [AUSSIE[x["offset"] : x["offset"] + x["length"]] for x in _spelling(us)] == ["utes", "arvo", "recieved"]


# an Indian note spells as a British one does, or shows no regional spelling at all; Harper's
# Indian dictionary knows "lakh" (stop 35, fresh-22: "₹45 lakh" in a note read as en-US). One Hindi
# word alone, one edit from a common word ("lack"): the spelling rule's hindi_words check keeps it
INDIAN = ("Dear Mr. Kulkarni,\n\nThank you for meeting me at the office in Niphad. I arranged working capital of "
          "45 lakh rupees for a grading shed. I recieved the forms.\n\nWith warm regards,\nRohini Patil\n")


def test_a_default_or_british_note_keeps_its_indian_words(tmp_path):
    (tmp_path / "in.txt").write_text(INDIAN, encoding="utf-8")
    (tmp_path / "gb.txt").write_text(INDIAN.replace("I arranged", "I organised"), encoding="utf-8")
    files = _by_path(run_cli("--format", "json", *HARPER, "in.txt", "gb.txt", cwd=tmp_path))
    assert files["in.txt"]["engine"]["language"] == "en-US (default)"
    assert files["gb.txt"]["engine"]["language"] == "en-GB (detected)"
    for name in ("in.txt", "gb.txt"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert [text[x["offset"] : x["offset"] + x["length"]] for x in _spelling(files[name])] == ["recieved"]
    # configured en-US: no sibling's dictionary is asked, but LanguageTool's en-US dictionary (which
    # Harper checking alone also asks, stop 39) holds "lakh", as American dictionaries do
    us = _by_path(run_cli("--format", "json", *HARPER, "--language", "en-US", "in.txt", cwd=tmp_path))["in.txt"]
    assert [INDIAN[x["offset"] : x["offset"] + x["length"]] for x in _spelling(us)] == ["recieved"]


def test_only_words_a_sibling_dictionary_knows_are_let_through():
    # "alot" and "untill" draw Harper lints of other kinds in every dialect (LanguageTool calls them
    # misspellings): they must stay slips in a note of unknown variant, checked by both engines
    from thanklint.grammar.harper import HarperEngine

    words = {"utes", "arvo", "alot", "untill", "Infact", "recieved"}
    assert HarperEngine(language="en-US").known_in(words, ("en-GB", "en-AU", "en-CA")) == {"utes", "arvo"}
