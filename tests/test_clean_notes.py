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


# Clean notes of fields the quoted notes did not cover (medicine, the trades, science, games),
# each with one real misspelling beside its field words. What each one holds that an engine
# used to report: the pack's own greeting and valediction in te reo Māori ("Kia ora", "Ngā
# mihi"), the plural of a WordNet word ("statins"), WordNet words the engine knows no near word
# for ("lisinopril", "dipteran"), "-est" adjectives after "most" ("most
# honest", "most modest") and a sentence that goes on after "Co." (Harper's sentence-start
# rule), an open compound ("health care"), a time of day that modifies a noun ("on the evening
# shift": LanguageTool's "in the evening"), a verb as a noun adjunct ("the deploy pipeline"),
# words Harper would split ("confocal" -> "con focal", "hydrological" -> "hydro logical").
FIELD_NOTES = {
    "medicine.txt": (
        "Kia ora Dr. Ngata,\n\n"
        "Thank you for showing me how the ward pharmacists review statins, lisinopril and "
        "anticoagulants before discharge. The most honest answer I heard all day was yours about "
        "how hard it is to stop a medicine, and I was glad to see the health care team at Tamaki "
        "Health & Co. and its nurses plan the rounds together.\n\n"
        "I would welcome the chance to bring my hospital placement experience to the pharmacists "
        "on the evening shift, and I am happy to send my referees' detials.\n\nNgā mihi,\nAroha Tane\n",
        "detials",
    ),
    "trades.txt": (
        "Hi Mr. Doyle,\n\n"
        "Thank you for the walk through the Eastgate site on Monday. Seeing your crew label the "
        "breakers and pull cable through the conduits showed me how carefully you plan each "
        "fit-out around the hydrological survey, and the most modest quote on the board was still "
        "the most complete.\n\n"
        "I have four years of experience wiring commercial kitchens, and I would be glad to help "
        "with the switchboard upgrades you mentoined. I look forward to hearing from you.\n\n"
        "Best regards,\nCallum Reid\n",
        "mentoined",
    ),
    "science.txt": (
        "Dear Professor Lindqvist,\n\n"
        "Thank you for the tour of the genomics lab and for explaining how the team validates its "
        "assays before each sequencing run. I enjoyed hearing how the postdocs share protocols "
        "and how the core facility schedules the confocal microscopes for the dipteran larvae.\n\n"
        "My thesis work on enzyme kinetics prepared me for the assay development you described, "
        "and I would be glad to acheive results for the project.\n\nKind regards,\nMei Chen\n",
        "acheive",
    ),
    "games.txt": (
        "Hi Jordan,\n\n"
        "Thank you for showing me the level editor and the deploy pipeline for the next update. I "
        "liked how the designers log each bug from the weekly test sessions and how the producers "
        "triage the backlog before each sprint.\n\n"
        "I have shipped two mobile titles as a gameplay programmer, and I would love to bring that "
        "experiance to your studio. I look forward to hearing about next steps.\n\nCheers,\nPriya Nair\n",
        "experiance",
    ),
}


def _field_findings(proc) -> dict[str, dict[str, list[str]]]:
    """Per note, the words each proofreading rule reports in the JSON report."""
    assert proc.returncode in (0, 1), proc.stderr.decode()
    out = {}
    for f in json.loads(proc.stdout)["files"]:
        text = FIELD_NOTES[f["path"]][0]
        found: dict[str, list[str]] = {"grammar": [], "spelling": []}
        for x in f["findings"]:
            if x["rule"] in found:
                found[x["rule"]].append(text[x["offset"] : x["offset"] + x["length"]])
        out[f["path"]] = found
    return out


def _check_fields(found: dict[str, dict[str, list[str]]]) -> None:
    assert sorted(found) == sorted(FIELD_NOTES), found
    for name, (_, typo) in FIELD_NOTES.items():
        assert found[name] == {"grammar": [], "spelling": [typo]}, (name, found[name])


def _write_fields(tmp_path) -> list[str]:
    for name, (text, _) in FIELD_NOTES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return list(FIELD_NOTES)


def test_clean_notes_of_other_fields_with_harper(tmp_path):
    _check_fields(_field_findings(run_cli("--format", "json", *HARPER, *_write_fields(tmp_path), cwd=tmp_path)))


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_clean_notes_of_other_fields_with_languagetool(tmp_path):
    proc = run_cli("--format", "json", *_languagetool_args(), *_write_fields(tmp_path), cwd=tmp_path, timeout=300)
    assert all(f["engine"]["grammar"].startswith("languagetool") for f in json.loads(proc.stdout)["files"])
    _check_fields(_field_findings(proc))


# The same slips in the places the filters now trust: a valediction that matches no phrase of
# the pack, a double superlative, a lower-case sentence start after a full stop.
SLIPS = (
    "Hi Dana,\n\nThank you for the tour. the lab was great, though it was the most worst weather.\n\n"
    "I look forward to hearing from you.\n\nBest regrads,\nSam\n"
)


def test_slips_beside_the_trusted_places_are_still_reported(tmp_path):
    (tmp_path / "note.txt").write_text(SLIPS, encoding="utf-8")
    proc = run_cli("--format", "json", *HARPER, "note.txt", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    f = json.loads(proc.stdout)["files"][0]
    found = {(x["rule"], SLIPS[x["offset"] : x["offset"] + x["length"]]) for x in f["findings"]}
    assert {("spelling", "regrads"), ("grammar", "most worst"), ("grammar", "the")} <= found, found


@pytest.mark.parametrize("word, lemma", [("statins", "statin"), ("assays", "assay"), ("centrifuging", "centrifuge"),
                                         ("phenotypes", "phenotype")])  # fmt: skip
def test_a_regular_inflection_of_a_wordnet_word(word, lemma):
    from thanklint import wordforms

    assert lemma in wordforms.lemmas(word)


@pytest.mark.parametrize("slip", ["familys", "monthes", "stoped", "timeing", "controled", "emploies", "shortend"])
def test_a_misspelt_inflection_is_no_form(slip):
    # Norvig's inflection slips: English would write families, months, stopped, timing,
    # controlled, employs, shortened
    from thanklint import wordforms

    assert wordforms.lemmas(slip) == set()


def test_a_learners_plural_of_a_mass_noun_is_still_a_misspelling():
    # "informations" is a regular plural of a WordNet noun, but a thousand times rarer than it
    from thanklint.kinds.proofread import ProofreadParams, _field_word

    p = ProofreadParams(category="spelling", disable={}, common_zipf=3.3, known_zipf=1.5, form_gap=1.0)
    assert not _field_word("informations", ["information", "information's"], p)
    assert not _field_word("puls", ["plus", "pulls", "pulse"], p)  # a guess 100x as common
    assert _field_word("statins", ["stains", "statics", "stations"], p)


def test_a_wordnet_word_the_engine_has_no_near_guess_for():
    # Harper offers "devastating" for "simvastatin": no slip is three edits from its word, while a
    # WordNet word that is a near slip of a common one ("wether": whether) is still reported
    from thanklint.kinds.proofread import ProofreadParams, _field_word

    p = ProofreadParams(category="spelling", disable={}, common_zipf=3.3, known_zipf=1.5, far_guess_edits=3)
    assert _field_word("simvastatin", ["devastating", "devastation"], p)
    assert not _field_word("wether", ["whether", "weather", "ether"], p)
    assert not _field_word("simvastatinn", ["devastating"], p)  # not a WordNet word


def test_a_lower_case_word_likened_only_to_far_names_is_a_field_word():
    # LanguageTool's guesses for Carnatic music's "sarali" are "Sarah" and "Sara": no slip of a name
    # is two edits from it, and a slip of a word gets the word in lower case among its guesses
    from thanklint.kinds.proofread import ProofreadParams, _field_word

    p = ProofreadParams(category="spelling", disable={}, common_zipf=3.3, known_zipf=1.5, name_guess_edits=2)
    assert _field_word("sarali", ["Sarah", "Sara"], p)
    assert _field_word("alapana", ["Alabama", "Alamein"], p)
    assert not _field_word("febuary", ["February"], p)  # a name one edit away
    assert not _field_word("certans", ["Cretans"], p)  # two letters swapped: one edit
    assert not _field_word("juce", ["June", "juice", "Jude"], p)  # a word in lower case among them
    assert not _field_word("Sarali", ["Sarah", "Sara"], p)  # capitalised: the name checks judge it


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_still_reports_the_time_of_day_and_the_verb_as_a_noun(tmp_path):
    # the noun adjuncts ("evening shift", "deploy pipeline") pass; the phrases they head do not
    text = ("Hi Mei,\n\nThanks for introducing me to the pharmacists on the evening shift yesterday. "
            "I can visit again on the evening of your choice, or call you on the evening. I trust your "
            "deploy pipeline. After the deploy, we can talk.\n\nBest,\nSam\n")
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    proc = run_cli("--format", "json", *_languagetool_args(), "note.txt", cwd=tmp_path, timeout=300)
    f = json.loads(proc.stdout)["files"][0]
    flagged = [(x["offset"], text[x["offset"] : x["offset"] + x["length"]]) for x in f["findings"] if x["rule"] == "grammar"]
    assert flagged == [(text.rindex("on the evening"), "on the evening"), (text.rindex("deploy"), "deploy")], flagged


def _grammar_words(tmp_path, text: str, engine: tuple[str, ...]) -> tuple[list[str], str]:
    """The words the grammar rule reports in `text` checked by the CLI with `engine`, and the JSON."""
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    proc = run_cli("--format", "json", *engine, "note.txt", cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    f = json.loads(proc.stdout)["files"][0]
    words = [text[x["offset"] : x["offset"] + x["length"]] for x in f["findings"] if x["rule"] == "grammar"]
    return words, proc.stdout.decode()


def test_harper_reports_my_self_but_not_a_self_compound(tmp_path):
    # Harper's "Myself" read "my self-motivated work style" as "my self" + "-motivated"
    text = ("Hi Dana,\n\nThank you for your time. My self-motivated work style fits the remote team, "
            "and I set up the rota my self.\n\nBest,\nSam\n")
    words, out = _grammar_words(tmp_path, text, HARPER)
    assert words == ["my self"]
    assert out.count('"myself"') == 1


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_reports_a_pronoun_and_bare_ing_verb_but_not_a_gerund_clause(tmp_path):
    # LanguageTool's PRP_VBG ("an auxiliary verb seems to be missing") also fired on a clause that
    # "appreciate" takes: "I appreciate … you accommodating our discussion"
    text = ("Hi Dana,\n\nThank you for your time. I appreciate Jane making the introduction and you "
            "accommodating our discussion in your busy schedule. They enjoying the mentoring.\n\nBest,\nSam\n")
    assert _grammar_words(tmp_path, text, _languagetool_args())[0] == ["They enjoying"]


def test_harper_reports_a_phrasal_verb_written_as_a_noun_only_where_it_is_a_verb(tmp_path):
    # PhrasalVerbAsCompoundNoun: "Please checkout the repo" is the verb "check out"; the noun in
    # "geo-holdout tests" is a marketing term, not "hold out"
    text = ("Hi Dana,\n\nThank you for your time. We introduced geo-holdout tests alongside the model. "
            "Please checkout the repo I sent.\n\nBest,\nSam\n")
    assert _grammar_words(tmp_path, text, HARPER)[0] == ["checkout"]


# LanguageTool's house styles, not errors: BACHELOR_ABBR asked for "a more common abbreviation" of
# "MSc"; LIGATURES called "Kjær" a word with a ligature ("Modern English does not usually use
# ligatures"), but "æ" is a letter of the name; it fires in en-GB, so that note is British (stop 38, fresh-26)
HOUSE_STYLES = [
    pytest.param("Hi Dana,\n\nThank you for your time. My MSc thesis on soil moisture fits the irrigation "
                 "trials you described, and I would love to join the team.\n\nBest,\nSam\n", id="degree-abbreviation"),
    pytest.param("Dear Dr Kjær,\n\nThank you for showing me the implant clinic and its colour-matching studio. "
                 "I was glad to hear how Dr Kjær organised the digital workflow.\n\nKind regards,\nSam\n", id="danish-name"),
]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
@pytest.mark.parametrize("text", HOUSE_STYLES)
def test_languagetool_leaves_house_styles_alone(tmp_path, text):
    assert _grammar_words(tmp_path, text, _languagetool_args())[0] == []


@pytest.mark.parametrize("word, guesses", [("misrouted", ["mis routed", "misquoted"]),
                                           ("overprovisioning", ["over provisioning"]),
                                           ("relabelling", ["relabeling"]), ("unreviewed", ["reviewed"]),
                                           ("spheroid", ["spheroids"]), ("neuroimaging", ["neuro imaging"]),
                                           ("spectrometry", ["spectrometer"])])  # a combining form and a final
def test_a_common_word_with_a_prefix_or_suffix_is_a_field_word(word, guesses):
    from thanklint.kinds.proofread import ProofreadParams, _field_word

    p = ProofreadParams(category="spelling", disable={}, common_zipf=3.3, compounds=True, base_zipf=3.0,
                        prefixes=("mis", "over", "re", "un", "neuro", "spectro"),
                        suffixes=("ing", "s", "able", "oid", "metry"))
    assert _field_word(word, guesses, p)


@pytest.mark.parametrize("slip, guesses", [("untill", ["until", "till"]), ("begining", ["beginning"]),
                                           ("goverment", ["government"]), ("occuring", ["occurring"])])
def test_a_slip_one_edit_from_a_common_word_is_no_derived_word(slip, guesses):
    # "un" + "till", "begin" + "ing", "govern" + "ment": the parts are words, the word is a slip
    from thanklint.kinds.proofread import ProofreadParams, _field_word

    p = ProofreadParams(category="spelling", disable={}, common_zipf=3.3, compounds=True, base_zipf=3.0,
                        prefixes=("un", "re"), suffixes=("ing", "ment", "s"))
    assert not _field_word(slip, guesses, p)


@pytest.mark.parametrize("word, field", [("upstreamed", True), ("onboarded", True),
                                         # "-d" on a noun one edit from its own base; "extented" is one from "extended"
                                         ("sludged", True), ("extented", False),
                                         # an irregular verb's "-ed", a verb's misspelt past, two words in one span
                                         ("teached", False), ("runned", False), ("stoped", False), ("word stoped", False)])
def test_the_past_of_a_verb_made_from_a_word_that_is_no_verb(word, field):
    from thanklint.kinds.proofread import ProofreadParams, _field_word

    p = ProofreadParams(category="spelling", disable={}, common_zipf=3.3, base_zipf=3.0, denominal_ed=True)
    assert _field_word(word, ["stopped"] if "stop" in word else [], p) is field


# Each engine rule that misread a clean note's noun or name, with the slip it is there for:
# "the batch effects you described" / "This will effects", "combining hop tests" / "I hop you
# are well", "I prepare site plans" / "We need talk about", "help that model succeed" / "This
# model succeed", "Te Moana Research" / "te report"
PREMISES = (
    "Hi Dana,\n\nThank you for your time. I have been reflecting on the batch effects you described, and "
    "I liked combining hop tests with strength benchmarks. In my current role I prepare site plans. We need "
    "talk about the budget. This will effects the results, and the move had a great affect on me. I hop you "
    "are well. I would love to help that model succeed. This model succeed in most cases. I enjoyed meeting "
    "the team at Te Moana Research. te report was clear.\n\nBest,\nSam\n"
)


def _last(text: str, words: list[str]) -> list[int]:
    """Where each slip stands: its last place in the note (the clean uses come first)."""
    return [text.rindex(w) for w in words]


def test_harper_reports_the_slips_but_not_the_nouns_and_names_its_rules_misread(tmp_path):
    (tmp_path / "note.txt").write_text(PREMISES, encoding="utf-8")
    proc = run_cli("--format", "json", *HARPER, "note.txt", cwd=tmp_path)
    found = [(x["offset"], PREMISES[x["offset"] : x["offset"] + x["length"]])
             for x in json.loads(proc.stdout)["files"][0]["findings"] if x["rule"] == "grammar"]
    slips = ["need", "effects", "affect", "hop", "succeed", "te"]
    assert found == list(zip(_last(PREMISES, slips), slips)), found


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_reports_the_slips_but_not_the_bare_infinitive(tmp_path):
    (tmp_path / "note.txt").write_text(PREMISES, encoding="utf-8")
    proc = run_cli("--format", "json", *_languagetool_args(), "note.txt", cwd=tmp_path, timeout=300)
    found = [(x["offset"], PREMISES[x["offset"] : x["offset"] + x["length"]])
             for x in json.loads(proc.stdout)["files"][0]["findings"] if x["rule"] == "grammar"]
    slips = ["need talk", "effects", "affect", "hop", "succeed"]
    assert found == list(zip(_last(PREMISES, slips), slips)), found


# What fresh-4's clean notes showed (stop 22), each beside the slip the rule is there for: a dotted
# credential before a lower-case word ("a P.Geo. with", "an M.Tech. in") / a sentence that starts in
# lower case; a place or a name written twice or split ("Wagga Wagga", "Karim El-Amin") / "the the",
# "thec at"; te reo in a note with a macron ("te reo") / none; the "S" of "S&OP" / none; and
# LanguageTool's "home.He".
NAMES_AND_CREDENTIALS = (
    "Kia ora Aroha,\n\nThank you for your time on Tuesday. I am registered as a P.Geo. with the provincial "
    "body, and I hold an M.Tech. in water resources. Our trials near Wagga Wagga ran for two seasons. I am "
    "continuing my te reo journey at Te Wānanga o Aotearoa. We planned a monthly S&OP cadence. I went "
    "home.He called me later. we talked again on Friday. I read the the report twice. It was thec at in "
    "the hat.\n\nNgā mihi,\nKarim El-Amin\n"
)


def _spans(tmp_path, args, text) -> list[tuple[str, int, str]]:
    """(rule, offset, the words) of each grammar and spelling finding on `text`."""
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    proc = run_cli("--format", "json", "--no-cache", *args, "note.txt", cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return [(x["rule"], x["offset"], text[x["offset"] : x["offset"] + x["length"]])
            for x in json.loads(proc.stdout)["files"][0]["findings"] if x["rule"] in ("grammar", "spelling")]


def _by_rule(tmp_path, args, text) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"grammar": [], "spelling": []}
    for rule, _, words in _spans(tmp_path, args, text):
        found[rule].append(words)
    return found


def test_harper_leaves_credentials_place_names_and_te_reo_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, NAMES_AND_CREDENTIALS) == {"grammar": ["we", "the the"], "spelling": ["thec"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_credentials_place_names_and_te_reo_alone(tmp_path):
    found = _by_rule(tmp_path, _languagetool_args(), NAMES_AND_CREDENTIALS)
    assert found == {"grammar": ["He", "we", "the the"], "spelling": ["thec at"]}


# fresh-3's clean notes, read at stop 22: an acronym said as a word ("a STEM club"), a capitalised
# title's plural ("a Marine Emergency Duties certificate"), a second verb sharing "I" ("I am a member
# and am working towards …"); beside them the slips each rule is there for ("a apple", "a books").
ARTICLES = (
    "Hi Dana,\n\nThank you for your time on Tuesday. I also run a STEM club and hold a Marine Emergency "
    "Duties certificate. I am a Full Member of the AIOH and am working towards my certification. I ate a "
    "apple and read a books.\n\nBest,\nSam\n"
)


def _grammar_spans(tmp_path, args) -> list[tuple[int, str]]:
    return [(offset, words) for _, offset, words in _spans(tmp_path, args, ARTICLES)]


def test_harper_leaves_acronyms_alone(tmp_path):
    # (A_NNS and AM_I are LanguageTool's rules: the test below checks those)
    slips = [(ARTICLES.index("a apple"), "a"), (ARTICLES.index("books"), "books")]
    assert _grammar_spans(tmp_path, HARPER) == slips


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_acronyms_titles_and_shared_subjects_alone(tmp_path):
    slips = [(ARTICLES.index("a apple"), "a"), (ARTICLES.index("a books"), "a books")]
    assert _grammar_spans(tmp_path, _languagetool_args()) == slips


# The slips the stop-22 exceptions must not hide (a review tried each): "te report" in a note that
# writes te reo and signs off "Ngā mihi"; "a MBA" (said letter by letter); "I I"; a slip ending in
# a drug stem ("preparin": -parin); a function word run on ("incase", a dictionary headword); a
# lower-case sentence start after "Vue.js", which is no dotted credential.
HIDDEN = (
    "Kia ora Aroha,\n\nThank you for your time on Tuesday. I am continuing my te reo journey. We filed te "
    "report on Friday. I hold a MBA and I I am grateful. We were preparin the dosing plan. Bring a jacket "
    "incase it rains. I built it in Vue.js. we shipped it in May.\n\nNgā mihi,\nSam\n"
)


def test_harper_still_reports_the_slips_beside_the_exceptions(tmp_path):
    found = _by_rule(tmp_path, HARPER, HIDDEN)
    assert found == {"grammar": ["te", "a", "I I", "incase", "we"], "spelling": ["preparin"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_still_reports_the_slips_beside_the_exceptions(tmp_path):
    found = _by_rule(tmp_path, _languagetool_args(), HIDDEN)
    assert found == {"grammar": ["a", "I I"], "spelling": ["te", "preparin", "incase"]}


# What fresh-5's clean notes showed (stop 23), beside the slips each exception must not hide: a
# species' name ("Phytoseiulus persimilis", "Encarsia formosa") / "Okonkwo talkes" (a name, then a
# verb's slip); a program's dotted name ("phenix.refine") / "the day.the team"; Latin phrases ("ex
# situ", "inter partes") / "in sitiu"; "a" before a list ("a CMM, bore gauges, and height gauges")
# / "a tools"; a participle as an adjective ("your move to minimized circuits") / "need to
# finalized"; an acronym ("a DECA"); a translator's "C. Tr." in the signature.
SPECIES_AND_CODE = (
    "Hi Dana,\n\nThank you for your time on Tuesday. We released Phytoseiulus persimilis and Encarsia formosa "
    "in the glasshouse, and I cultured E. coli for the assay. I refined the model in phenix.refine and Coot. "
    "Your work on ex situ collections and the inter partes review was new to me. I check parts with a CMM, "
    "bore gauges, and height gauges. I liked your move to minimized circuits, and I hold a DECA. Dr. Okonkwo "
    "talkes about the in sitiu tests. We need to finalized the plan. I enjoyed the day.the team was kind. I "
    "bought a tools.\n\nBest regards,\nHélène Gagnon, C. Tr.\n"
)


def test_harper_leaves_species_programs_and_latin_alone(tmp_path):
    found = _by_rule(tmp_path, HARPER, SPECIES_AND_CODE)
    assert found == {"grammar": ["to finalized", "the", "tools"], "spelling": ["talkes", "sitiu"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_species_programs_and_latin_alone(tmp_path):
    found = _by_rule(tmp_path, _languagetool_args(), SPECIES_AND_CODE)
    assert found == {"grammar": ["finalized", "the", "a tools"], "spelling": ["talkes", "sitiu"]}


# What fresh-6's clean notes showed (stop 24), each beside a slip: a chemical formula's subscript
# ("H₂S": Harper read "S" as a word), a run of initials ("Cer.A.T.T.": LanguageTool asked for a space
# before "A"), a te reo name after a lower-case word ("to Te Mana o te Wai": Harper's MergeWords), and
# two style opinions switched off as the issue asks ("full time" hyphenated, "and also" -> "and");
# the slips "mesured" and "you.He" are still reported.
FORMULAS_AND_INITIALS = (
    "Hi Dana,\n\nThank you for your time on Tuesday. We measured H₂S and SO₂ at the vents, and I logged each "
    "reading. As a Cer.A.T.T. I check every machine before the first case. I advise councils on how to give "
    "effect to Te Mana o te Wai. I want to work full time, and also to mentor new staff. I enjoyed meeting "
    "you.He was kind. I mesured the gas twice.\n\nNgā mihi,\nAroha Smith\n"
)


def test_harper_leaves_formulas_initials_and_style_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FORMULAS_AND_INITIALS) == {"grammar": [], "spelling": ["mesured"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_formulas_initials_and_style_alone(tmp_path):
    found = _by_rule(tmp_path, _languagetool_args(), FORMULAS_AND_INITIALS)
    assert found == {"grammar": ["He"], "spelling": ["mesured"]}


# fresh-7's clean notes, read at stop 25: a silent "h" in British spelling ("an honour"), an aircraft's
# A-check after "its", a noun "fine tuning", and dictionary words wordfreq never saw ("venepuncture",
# "boltrope", "tensiometers"); beside them the slips the checks must still leave reported: "its a"
# and the misspelling "recieved".
FRESH_7 = (
    "Dear Dr Adeyemi,\n\nThank you for your time on Tuesday. I would consider it an honour to join your team. "
    "Seeing the E175 in for its A-check was a highlight. A pitch raise is needed before any fine tuning can "
    "begin. I have taught venepuncture, stitched a boltrope and read tensiometers. I know its a busy season. "
    "I recieved your note an hour ago.\n\nKind regards,\nSam\n"
)


def test_harper_leaves_silent_h_compounds_and_headwords_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_7) == {"grammar": ["its"], "spelling": ["recieved"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_silent_h_compounds_and_headwords_alone(tmp_path):
    found = _by_rule(tmp_path, _languagetool_args(), FRESH_7)
    assert found == {"grammar": ["its"], "spelling": ["recieved"]}


# fresh-8's clean notes, read at stop 26: "some" before a number ("some 12,000": about), an acronym
# after "the" ("the WHO Surgical Safety Checklist"), a model's plural ("793s and D10T dozers": no
# "sand"), an acronym said as a word ("a FTSE 250 distributor": "footsie"), a plural noun adjunct ("a
# payments platform"), and a species named to its subspecies ("Festuca rubra subsp. commutata", "the
# Poa annua"); beside them the slips the checks must still leave reported: "a apple", "a books", a
# lower-case sentence start after a full stop, and a name's verb slip ("Okonkwo talkes").
FRESH_8 = (
    "Dear Dr Adeyemi,\n\nThank you for your time on Tuesday. Bringing some 12,000 pamphlets into Alma is the "
    "challenge. Your theatres turned the WHO Surgical Safety Checklist into a team brief. I serviced 793s and "
    "D10T dozers at a FTSE 250 distributor. Your team tests a payments platform. Sowing red grass (Festuca rubra "
    "subsp. commutata) could squeeze out the Poa annua. I ate a apple and read a books. I enjoyed the day. we "
    "met the team. Dr. Okonkwo talkes about it.\n\nKind regards,\nSam\n"
)


def test_harper_leaves_quantities_acronyms_adjuncts_and_subspecies_alone(tmp_path):
    found = _by_rule(tmp_path, HARPER, FRESH_8)
    assert found == {"grammar": ["a", "books", "we"], "spelling": ["talkes"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_quantities_acronyms_adjuncts_and_subspecies_alone(tmp_path):
    found = _by_rule(tmp_path, _languagetool_args(), FRESH_8)
    assert found == {"grammar": ["a", "a books", "we"], "spelling": ["talkes"]}


def test_a_premise_list_in_config_is_checked_and_an_unknown_premise_is_a_config_error(tmp_path):
    # verify takes one premise or a list: with the pack's own list for MergeWords replaced by a list
    # that lacks "whole-words", Harper's "s and" -> "sand" inside "793s and" comes back
    text = "Hi Dana,\n\nThank you for your time. I serviced 793s and D10T dozers.\n\nBest,\nSam\n"
    assert _by_rule(tmp_path, HARPER, text)["grammar"] == []
    (tmp_path / "thanklint.toml").write_text(
        '[rules]\ngrammar = { verify = { MergeWords = ["not-a-name"] } }\n', encoding="utf-8")
    assert _by_rule(tmp_path, HARPER, text)["grammar"] == ["s and"]
    (tmp_path / "thanklint.toml").write_text(
        '[rules]\ngrammar = { verify = { MergeWords = ["not-a-name", "no-such-premise"] } }\n', encoding="utf-8")
    proc = run_cli("--format", "json", "--no-cache", *HARPER, "note.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"", err
    assert "no-such-premise" in err and "Traceback" not in err, err
    (tmp_path / "thanklint.toml").write_text('[rules]\ngrammar = { verify = { MergeWords = 5 } }\n', encoding="utf-8")
    proc = run_cli("--format", "json", "--no-cache", *HARPER, "note.txt", cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"", err
    assert "verify.MergeWords must be a premise or a list" in err and "Traceback" not in err, err


# fresh-9's clean notes, read at stop 26: "un-" on a participle ("unvented cylinders": Harper offered
# "invented"), "-d" on a noun one edit from it ("sludged"), a unit after its number ("1 ng/L"), a
# prefix English builds job titles with ("paraplanner"), a decade that modifies a noun ("set in 1920s
# Havana"), a condition put first ("Should you need anything further, I would …": no question); beside
# them the slips each check is there for: "unpossible", "extented", "in 1990s" and a question that
# ends in a full stop.
FRESH_9 = (
    "Dear Ms Papadopoulos,\n\nThank you for meeting with me on Friday. I install unvented cylinders and have "
    "power-flushed sludged systems. Our reporting limits came down to 1 ng/L for most analytes. I worked as "
    "a paraplanner for three years. I loved your plans for Twelfth Night, set in 1920s Havana. Should you need "
    "anything further, such as samples of my work, I would be happy to provide it. It is unpossible to say "
    "more. We met in 1990s and I was extented. Would you like me to send the report.\n\nKind regards,\nLachlan\n"
)


def test_harper_leaves_participles_units_and_prefixed_titles_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_9) == {"grammar": ["unpossible"], "spelling": ["extented"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_decades_as_modifiers_and_inverted_conditions_alone(tmp_path):
    found = _by_rule(tmp_path, _languagetool_args(), FRESH_9)
    assert found == {"grammar": ["in 1990s", "."], "spelling": ["extented"]}


# fresh-10's clean notes, read at stop 27: a closed form WordNet holds that Harper splits
# ("wellbeing" -> "well being"), the letter of a standard's name ("IHO S-44"), an open compound
# ("case worker" -> "caseworker": LanguageTool) and a region's name ("Mid Canterbury" -> "Mid-"); beside
# them the slips each check is there for: "welbeing", "I has" and "mid year".
FRESH_10 = (
    "Dear Ms Ruru,\n\nThank you for meeting with me on Friday. We talked about student wellbeing and surveys "
    "to IHO S-44 Order 1a. I worked as a case worker in Mid Canterbury for three years. We met mid year to "
    "plan it. I has a welbeing plan to share.\n\nKind regards,\nAroha\n"
)


def test_harper_leaves_wellbeing_and_a_standards_letter_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_10) == {"grammar": ["has"], "spelling": ["welbeing"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_open_compounds_and_region_names_alone(tmp_path):
    found = _by_rule(tmp_path, _languagetool_args(), FRESH_10)
    assert found == {"grammar": ["mid year", "has"], "spelling": ["welbeing"]}


# The slips each check is there for, after the clean words of fresh-11 to fresh-13 below: "a
# apple", "will helps", "a books", "I has" and "welbeing" are still found, whichever engine.
FRESH_SLIPS = "I ate a apple. That will helps us. She sent a books. I has a welbeing plan.\n\nKind regards,\nKavya\n"

# fresh-11's clean notes, read at stop 27: the "A" of a code ("DRC-01A") before a vowel, a can of
# beer after "every", a French phrase ("a mur de mots", "Carnaval d'hiver"), dotted degrees
# ("B.V.Sc.", "M.V.Sc."), "two staff", a name after its capital and apostrophe ("K'iche'") and an
# honorific after a name ("Ramesh ji").
FRESH_11 = (
    "Dear Mr Agarwal,\n\nThank you for meeting me on Monday. I drafted the reply to the DRC-01A intimation and "
    "want every can tastes the way your brewers intended. I build a mur de mots with my students and loved the "
    "Carnaval d'hiver. I completed my B.V.Sc. & A.H. and my M.V.Sc. in Surgery, and managed two staff. Some "
    "clients speak K'iche', and I met Ramesh ji. " + FRESH_SLIPS
)

# fresh-12's clean notes (bench/data/clean-notes-12.jsonl, read in stop 28): a piece of a hyphenated
# word ("bain-marie"), the British -ise form of a known -ize word ("ruggedised"), a gerund's phrase as
# the subject ("Seeing the new rigs … was"), "in depth" as an adverb, "wrote" as a verb before
# "learning", and compound nouns the parse reads as a verb ("prism cover tests", "results updates",
# fresh-6).
FRESH_12 = (
    "Dear Ms Carter,\n\nThank you for meeting me on Friday. Holding a second batch of hollandaise in a "
    "bain-marie would save time. I kept every record on a ruggedised tablet. Seeing the new track-mounted "
    "rigs ready for mobilisation was a highlight. The chance to work on a single field in depth, rather "
    "than dipping in and out, draws me to this role. I co-led our nature programme and wrote learning "
    "stories in Storypark. I regularly perform cover tests, prism cover tests and Hess charts, and I "
    "prepare quarterly results updates within hours of earnings calls. " + FRESH_SLIPS
)
# fresh-13's clean notes (bench/data/clean-notes-13.jsonl, read in stop 29): "your father's day"
# (his time, no holiday), a plural possessive after "a" ("a weavers' producer company") and a
# common noun the dictionary spells in lower case ("lucerne", the crop; LanguageTool offers "Lucerne").
FRESH_13 = (
    "Dear Mr Rao,\n\nThank you for showing me the shed. I hope it runs as smoothly as the one you described "
    "from your father's day. In my four years with a weavers' producer company, I organised yarn supply, and "
    "after shearing the mobs went back onto the lucerne. " + FRESH_SLIPS
)
FRESH_14 = (
    "Dear Ms Thomas,\n\nThank you once again for your kind hospitality, and for letting me hear the junior batch "
    "sing varisai. I hope this weekend's playtest goes "
    "smoothly. I understand how closely the engineering and environmental work have to move together, and I "
    "think there's real value in starting dry matter sampling a week earlier and mapping it block by block. " + FRESH_SLIPS
)
FRESH_15 = (
    "Dear Mr Shah,\n\nI ran Bowie-Dick tests each morning. During my four years at a manufacturing unit near the "
    "market, I assorted polished goods from 0.30 to 2.00 carats. I know how much a patient mentor matters, and "
    "how much patience a level sheet demands. " + FRESH_SLIPS
)
# fresh-17 (stop 31): a list of verbs sharing "I" (AM_I), "fascinated to" + a verb (Harper's
# FascinatedBy), a verb and a noun adjunct the parser misreads after "a" (the a-plural shape), and a
# word built with "down" ("downlink")
FRESH_17 = (
    "Dear Ms Bellamy,\n\nI hold a CSCS card, am working towards ACIfA accreditation, and enjoy teaching newer "
    "staff. I was also fascinated to learn how the observations feed into slow-slip monitoring. Your point that "
    "a good operator questions every switching order before acting on it is one I share. I was struck by your "
    "focus on moving away from a generic activities calendar. The downlink schedule was tight. " + FRESH_SLIPS
)
# fresh-18 (stop 32): "materiel" in a directorate's name, the "i" of a lithography tool's "193i", the
# noun "setup" before a relative clause, a noun after "expects" ("database lock"), a fish's plural
# without -s ("the chum start") and the open noun "problem solving"
FRESH_18 = (
    "Dear Mr Chowdhury,\n\nThank you for the interview with the Materiel and Procurement Directorate. Our "
    "discussion of CD uniformity drift on your 193i immersion tools was valuable, and I enjoyed seeing the phased "
    "array setup your crew uses on pressure vessel welds. The sponsor, as you explained, expects database lock "
    "within six weeks. I would be thrilled to be on the crew when the chum start returning this fall. That kind "
    "of work is where I do my best problem solving. " + FRESH_SLIPS
)
# fresh-19 (stop 33), its sentences as written: a possessive of a field word ("underkeeper's"), a
# verb and its particle ("hop out" is no "hope"), "to" before a bare verb (no "too"), the British
# "-yser" of a "-yzer" word, the -ing of a headword ("larviciding": larvicide), the verb of a clause "why" opens, a noun in an "as" phrase before
# its plural's verb, and "'d" as "had" before a participle
FRESH_19 = (
    "Dear Ms Pryor,\n\nThank you for showing me round Glenbrack on Saturday and for talking me through the beat "
    "underkeeper's job. Running the extractor fans a bit harder costs you some cane, but a load docked for dirt and "
    "trash costs more, and I liked that you'd rather your operators hop out and check the billets than guess. In my "
    "four years as a by-law officer with the Town of Hollis Bay, I have investigated property standards, noise, "
    "parking and zoning complaints, issued orders to comply, and prepared Provincial Offences Act files for court. "
    "I also handled machine priming and dialyser reprocessing, and I know how a district balances larviciding "
    "against truck-mounted ULV adulticiding. Just as important, I enjoy explaining to residents "
    "why a flowerpot saucer matters.\n\nMy four years as a street works coordinator have given me a solid grounding "
    "in NRSWA, Section 74 overruns and reinstatement standards, and I'm used to being on site at 7 a.m. I really "
    "enjoyed talking shop, and it was a nice surprise to learn we'd both planted the same burn near Williams Lake "
    "back in 2021. " + FRESH_SLIPS
)
# fresh-20's clean notes, read at stop 34: a British -ise spelling Harper's en-GB dictionary lacks
# ("anonymised"), a fish the engine splits into a pronoun and a word ("megrim": "me grim"), and
# "everyday" before its noun
FRESH_20 = (
    "Dear Ms Castle,\n\nThank you for meeting me on Tuesday and for the tour of your organisation. The "
    "anonymised case you shared, an intestate estate in Bootle, stayed with me. I was struck by what you said about "
    "the restaurant trade moving away from cod and towards hake, gurnard and megrim, and I especially enjoyed our "
    "discussion about the challenge of portraying the everyday lives of soldiers, fishers and servants. " + FRESH_SLIPS
)
FRESH = [pytest.param(FRESH_11, id="fresh-11"), pytest.param(FRESH_12, id="fresh-12"), pytest.param(FRESH_13, id="fresh-13"),
         pytest.param(FRESH_14, id="fresh-14"), pytest.param(FRESH_15, id="fresh-15"), pytest.param(FRESH_17, id="fresh-17"),
         pytest.param(FRESH_18, id="fresh-18"), pytest.param(FRESH_19, id="fresh-19"),
         pytest.param(FRESH_20, id="fresh-20")]


@pytest.mark.parametrize("text", FRESH)
def test_harper_leaves_the_fresh_notes_words_alone_and_finds_the_slips(tmp_path, text):
    found = _by_rule(tmp_path, HARPER, text)
    assert found == {"grammar": ["a", "helps", "books", "has"], "spelling": ["welbeing"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
@pytest.mark.parametrize("text", FRESH)
def test_languagetool_leaves_the_fresh_notes_words_alone_and_finds_the_slips(tmp_path, text):
    found = _by_rule(tmp_path, _languagetool_args(), text)
    assert found == {"grammar": ["a", "helps", "a books", "has"], "spelling": ["welbeing"]}


# the slips beside fresh-19's words are still found: "hop" for "hope" before a clause, "'d" before
# an irregular past; and the sender's full name after "Many thanks," is LanguageTool's phrase
# speller's to leave alone, like any name in the frame (stop 33)
SIGNED_IN_FULL = ("Dear Ms Pryor,\n\nThank you for the interview. I hop you are well. I'd went there before, and I "
                  "enjoyed the walk.\n\nMany thanks,\nTom Ferrier\n")


def test_harper_still_reports_hop_for_hope_and_went_after_had(tmp_path):
    assert _by_rule(tmp_path, HARPER, SIGNED_IN_FULL) == {"grammar": ["hop", "went"], "spelling": []}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_full_name_in_the_signoff_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), SIGNED_IN_FULL) == {"grammar": ["hop", "went"], "spelling": []}


# natural-2's clean notes, read at stop 34: a noun the verb takes as its object is no missing
# "to" ("residents who want help with online forms"); "We need talk about it" still is one
def test_harper_leaves_a_verbs_noun_object_alone_and_still_reports_a_missing_to(tmp_path):
    text = ("Dear Ms Castle,\n\nThank you for the interview. I enjoyed hearing about the digital drop-in for older "
            "residents who want help with online forms. We need talk about it.\n\nKind regards,\nKavya\n")
    assert _by_rule(tmp_path, HARPER, text) == {"grammar": ["need"], "spelling": []}


# natural-1's clean notes, read at stop 34: Harper's ToTwoToo on a preposition before its object's
# adjective ("your commitment to friendly, personalised service"), LanguageTool's PREPOSITION_VERB on
# a "re-" noun ("the rebrand you are working on"); "After the deploy" is still reported
NATURAL_1 = ("Hi Marc,\n\nThanks for meeting with me. I really enjoyed hearing about the rebrand you are working on "
             "for the market. Your commitment to friendly, personalised service really appealed to me. After the "
             "deploy, we can talk.\n\nBest regards,\nSofia\n")


def test_harper_leaves_a_preposition_before_its_objects_adjective_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, NATURAL_1) == {"grammar": [], "spelling": []}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_re_noun_alone_and_still_reports_the_deploy(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), NATURAL_1) == {"grammar": ["deploy"], "spelling": []}


# fresh-21's clean notes, read at stop 34: a form's name ("Form T661") is no "from", a hyphenated
# pair of words ("steamfitter-pipefitter") no misspelling; a slip in a piece, or "form" for "from",
# still is
FRESH_21 = ("Dear Mr. Tremblay,\n\nThank you for meeting with me to discuss the steamfitter-pipefitter position. "
            "I have prepared Form T661 technical narratives for clients. I got a letter form my bank. The plan "
            "was recieve-based.\n\nBest regards,\nAnna\n")


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_forms_name_and_hyphenated_words_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_21) == {"grammar": ["form"], "spelling": ["recieve-based"]}


# fresh-24's clean notes, read at stop 36: "every one" of a set of things (Harper asks "everyone"
# of every one), "a ewe" (said "a yoo"), a name after a preposition ("in Studio 3", no article);
# "a apple" is still reported
FRESH_24 = ("Dear Ms Rao,\n\nThank you for the chance to sit in on a session in Studio 3. We replaced the tubes "
            "and every one passed X-ray on the first shot. I would rather lose a few minutes than wrongly call a "
            "ewe dry. I ate a apple on the way.\n\nWarm wishes,\nFarhan\n")


def test_harper_leaves_every_one_a_ewe_and_a_name_after_in_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_24) == {"grammar": ["a"], "spelling": []}


# fresh-25's clean notes, read at stop 37: an agent noun in -or from a common verb ("rehabilitator":
# rehabilitate) is a word; "sissors", one edit from "scissors", is still a slip
FRESH_25 = ("Dear Dr. Bhattacharya,\n\nThank you for meeting with me about the wildlife rehabilitator position. "
            "I enjoyed seeing the new flight cage, and I brought my own sissors for the bandages.\n\n"
            "Warm regards,\nNoémie\n")


def test_harper_leaves_an_agent_noun_in_or_alone_and_still_reports_sissors(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_25) == {"grammar": [], "spelling": ["sissors"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_an_agent_noun_in_or_alone_and_still_reports_sissors(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_25) == {"grammar": [], "spelling": ["sissors"]}


# fresh-1 to fresh-28's clean notes, read at stop 40: a hyphenated pair of a field's words, each
# no slip of a common word ("prosthetist-orthotist", "washer-disinfectors"); a slip in a piece
# ("recieve-based"; Harper checks the pieces: "recieve") still is
FRESH_40 = ("Dear Ms Lee,\n\nThank you for showing me the clinic. As a prosthetist-orthotist I have validated "
            "washer-disinfectors and sockets alike. The plan was recieve-based.\n\nKind regards,\nTomás\n")


def test_harper_leaves_hyphenated_field_words_alone_and_still_reports_a_slip_in_one(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_40) == {"grammar": [], "spelling": ["recieve"]}  # Harper: piece by piece


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_hyphenated_field_words_alone_and_still_reports_a_slip_in_one(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_40) == {"grammar": [], "spelling": ["recieve-based"]}


# fresh-30's clean notes, read in the next session of stop 40: a company's name that starts with a
# place's ("with Coral Sea Towage") takes no "the", and "both" as a pronoun before a comma takes no
# "and" ("contribute to both, as well as to teaching"); the place alone, and "both … as well as"
# opening a pair, are still reported
FRESH_30 = ("Dear Captain Hollis,\n\nThank you for interviewing me for the tug master position with Coral Sea "
            "Towage. I would be keen to contribute to both, as well as to training the deckhands.\n\n"
            "Kind regards,\nJarrah\n")
FRESH_30_SLIPS = ("Dear Captain Hollis,\n\nThank you for the interview. After ten years of towing across Coral Sea I "
                  "know the reefs, and I would help both, the harbour crew as well as the escort team.\n\n"
                  "Kind regards,\nJarrah\n")  # "I" is no name after the place; "both," opens the pair here (a review)


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_companys_place_name_and_a_pronoun_both_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_30) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_30_SLIPS) == {
        "grammar": ["across Coral Sea", "as well as"], "spelling": []}


# fresh-31's clean notes, read at stop 41: a combining form with a rarer word ("microlaryngeal",
# "chemoproteomics"), two common nouns closed up ("beamline"), a common word SCOWL
# holds with its plural one edit away ("townhouse"), a word whose only neighbours are names
# ("zoea": Zoe, Zoey; "lyra", which LanguageTool would capitalise: Lara, Myra), a list of noun adjuncts before its head ("a
# fats, oils and grease problem") and a symbol's bracket ("Si(111)"). A two-letter prefix's rare
# word ("biscutes", Norvig), "a" before a plain plural and a clause's bracket glued on stay reported
FRESH_31 = ("Dear Dr Okafor,\n\nThank you for the tour of the beamline. I have done microlaryngeal and "
            "chemoproteomics work, fitted trims in a townhouse, cleared a fats, oils and grease "
            "problem, aligned the Si(111) crystal pairs, reared shrimp past the zoea stage and coached lyra.\n\nKind regards,\nTomás\n")
FRESH_31_SLIPS = ("Dear Dr Okafor,\n\nThank you for the tour. I baked biscutes and bought a books for the team, "
                  "and my friends(who are engineers) came too, though they shouldnt have.\n\nKind regards,\nTomás\n")
# slips a review found passing with the first version of these filters: two nouns run together that
# wordfreq never saw, "inter" with a rare word, a plural after "a" before "X and Y structure", a year's bracket
FRESH_31_REVIEW = ("Dear Dr Okafor,\n\nThank you for the tour. I missplace a paceholder now and then, the teams are "
                   "interelated, we talked about a projects and team structure, and I finished my degree(2019).\n\n"
                   "Kind regards,\nTomás\n")


def test_harper_leaves_closed_compounds_and_a_list_of_noun_adjuncts_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_31) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, HARPER, FRESH_31_SLIPS) == {"grammar": ["books"], "spelling": ["biscutes", "shouldnt"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_closed_compounds_and_a_symbols_bracket_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_31) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_31_SLIPS) == {
        "grammar": ["a books", "(", "shouldnt"], "spelling": ["biscutes"]}  # LanguageTool: a missing apostrophe is grammar


# fresh-32's clean notes, read at stop 41: Harper's HowTo before a clause's own subject ("how service
# control policies have grown") and WrongNegative on a word SCOWL lists more commonly than its guess
# ("unseasonal" -> "nonseasonal"); a missing "to" and a wrong negative prefix are still reported
FRESH_32 = ("Dear Chidi,\n\nThank you for the interview. You described how service control policies have grown "
            "organically, and I once handled unseasonal rain on a wedding day.\n\nKind regards,\nDeepa\n")
FRESH_32_SLIPS = ("Dear Chidi,\n\nThank you for the interview. I learned how clone a repository, though the "
                  "plan was unpossible.\n\nKind regards,\nDeepa\n")


def test_harper_leaves_a_clauses_subject_and_a_listed_negative_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_32) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, HARPER, FRESH_32_SLIPS) == {"grammar": ["how", "unpossible"], "spelling": []}


def test_harper_still_reports_the_slips_a_review_found_passing(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_31_REVIEW) == {"grammar": ["projects"], "spelling": ["missplace", "interelated"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_still_reports_the_slips_a_review_found_passing(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_31_REVIEW) == {
        "grammar": ["projects", "("], "spelling": ["missplace", "paceholder", "interelated"]}


# fresh-33's clean notes, read at stop 42: a verb's particle before "more" ("turned out more"), the
# "A" of "Q&A", a hyphened modifier opening the subject after "how" ("how take-home ration
# distribution … are being coordinated"), a plural noun adjunct the parser took for the head ("a
# secondary social studies teacher"), "super users" written open and "trans" before a long common
# word ("transcritical"); "out" for "our", "a" before a letter said with a vowel and "transfred" are
# still reported
FRESH_33 = ("Dear Ms Pawar,\n\nThank you for the interview. I appreciated learning how the team coordinates the "
            "MD&A and earnings release with finance and legal, manages the quiet period, and prepares the Q&A "
            "document for the conference call. I also appreciated meeting Sunita Pawar, who explained how "
            "take-home ration distribution and the Village Health, Sanitation and Nutrition Days are being "
            "coordinated with the ASHAs and ANMs. I trained as a secondary social studies teacher and taught for "
            "four years at a college in Porirua and serviced transcritical CO2 racks. At my last pizzeria we turned out more than 300 pizzas on "
            "Friday nights, and I enjoyed hearing how super users will be trained on each unit.\n\n"
            "Kind regards,\nAroha\n")
FRESH_33_SLIPS = ("Dear Ms Pawar,\n\nThank you for the interview. We were out guests at the launch last year, and I "
                  "am finishing a MBA this year, though I once transfred a file.\n\nKind regards,\nAroha\n")


def test_harper_leaves_particles_ampersand_letters_and_noun_adjuncts_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_33) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, HARPER, FRESH_33_SLIPS) == {"grammar": ["a"], "spelling": ["transfred"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_particles_and_open_compounds_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_33) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_33_SLIPS)
    assert "out" in slips["grammar"] and slips["spelling"] == ["transfred"]


# fresh-34's clean notes, read at stop 42: a combining form said alone ("neuro, MSK and body exams"),
# an Italian title ("Le nozze di Figaro") and a noun after "prepared" ("prepared disclosure", which
# Harper would make "prepared to disclosure"); a missing "to" before a verb and a slip inside a
# French phrase ("chef de partei") are still reported
FRESH_34 = ("Dear Ms Lane,\n\nThank you for the audition. I have performed neuro, MSK and body exams, played the Act II "
            "finale of Le nozze di Figaro from the vocal score, and as a Crown prosecutor I handled bail hearings, "
            "summary conviction trials and sentencing submissions, prepared disclosure, and responded to Charter "
            "applications.\n\nKind regards,\nGiulia\n")
FRESH_34_SLIPS = ("Dear Ms Lane,\n\nThank you for the audition. Throughts our lives needs talk about our families, and I "
                  "once trained under a chef de partei.\n\nKind regards,\nGiulia\n")


def test_harper_leaves_clipped_forms_italian_titles_and_nouns_after_participles_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_34) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_34_SLIPS)
    assert "needs" in slips["grammar"] and "partei" in slips["spelling"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_clipped_forms_and_italian_titles_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_34) == {"grammar": [], "spelling": []}
    assert "partei" in _by_rule(tmp_path, _languagetool_args(), FRESH_34_SLIPS)["spelling"]


# slips a review found passing with the first version of stop 42's filters: a hyphened verb after
# "how" before its object, a verb WordNet lacks after "need", an English slip beside an abbreviation's
# letter that another language has ("vender, e.g."), "trans" before a common word two edits from a
# word ("transportion"), and "out" for "our" after a preposition
REVIEW_42 = ("Dear Ms Shah,\n\nThank you for explaining how pre-plan the delivery routes. We need benchmark the new "
             "router, I met every fuel and tyre vender, e.g. the card schemes, and I managed the transportion "
             "budget.\n\nKind regards,\nSam\n")
REVIEW_42_OUT = "Dear Ms Shah,\n\nThank you for the interview. I went over out notes from the interview last night.\n\nKind regards,\nSam\n"


def test_harper_still_reports_the_slips_a_review_found_passing_at_stop_42(tmp_path):
    found = _by_rule(tmp_path, HARPER, REVIEW_42)
    assert {"how", "need"} <= set(found["grammar"]) and {"vender", "transportion"} <= set(found["spelling"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_still_reports_the_slips_a_review_found_passing_at_stop_42(tmp_path):
    assert {"vender", "transportion"} <= set(_by_rule(tmp_path, _languagetool_args(), REVIEW_42)["spelling"])
    assert "out" in _by_rule(tmp_path, _languagetool_args(), REVIEW_42_OUT)["grammar"]


# fresh-35's clean notes, read at stop 42: a noun the parser took for the verb of the noun before it
# ("The pump rebuild on the bench was a highlight"), a unit's full stop ("1/8 in. when"), "everyday"
# before a noun in te reo Māori, a noun "relay" before "on", a te reo word's possessive ("the kura's
# own pepeha"); "relay on" as a verb, "everyday" as an adverb and a subject-verb slip are still reported
FRESH_35 = ("Kia ora Huia,\n\nThank you for the kōrero. The pump rebuild on the bench was a highlight. I kept the "
            "reveals consistent at 1/8 in. when the boxes were fitted. I would run sessions with karakia, mihi and "
            "everyday kīwaha, set the reach of a distance relay on a 220 kV line, and ground the courses in the "
            "kura's own pepeha.\n\nNgā mihi,\nAroha\n")
FRESH_35_SLIPS = ("Kia ora Huia,\n\nThank you for the kōrero. I relay on my team, I go running everyday, and the "
                  "manager know the plan.\n\nNgā mihi,\nAroha\n")
# ... and the slips a review found passing with the first version of these: a clause's subject that "what"
# opens, a new sentence after a unit's stop, "everyday" before a full stop, "relay on" after a possessive
REVIEW_42B = ("Dear Ms Hall,\n\nThank you for the interview. What the student need most is a patient mentor. I lift "
              "boxes up to 50 lb. my back has never been a problem. I review patient charts everyday. Nurses on my ward "
              "read them, and our night staff relay on the handover sheet.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_nouns_compound_a_units_stop_and_a_possessive_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_35) == {"grammar": [], "spelling": []}
    grammar = _by_rule(tmp_path, HARPER, FRESH_35_SLIPS)["grammar"]
    assert "relay on" in grammar and "know" in grammar
    assert {"need", "my", "relay on"} <= set(_by_rule(tmp_path, HARPER, REVIEW_42B)["grammar"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_everyday_before_a_noun_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_35) == {"grammar": [], "spelling": []}
    assert "everyday" in _by_rule(tmp_path, _languagetool_args(), FRESH_35_SLIPS)["grammar"]
    assert "everyday" in _by_rule(tmp_path, _languagetool_args(), REVIEW_42B)["grammar"]


# stop 43, from fresh-36: a label's "A" before "and", a modifier joined to an adjective after "prepare", a verb
# with its particle, a subject the parse split off by a te reo word, "install" as a noun, the "Ph" of "Ph.D."
FRESH_36 = ("Dear Ms Tsosie,\n\nThank you for the interview. We talked about the Wolfcamp A and B. I prepare draft and "
            "final bills of lading, and I plot growth, screen mothers and follow up immunisations due at six weeks. My "
            "training in Te Tiriti o Waitangi and my ongoing te reo Māori study help me build trust. The install "
            "process was clear, and I completed my Ph.D. on audit quality.\n\nKind regards,\nSam\n")
# ... while the slips of those shapes are still reported
FRESH_36_SLIPS = ("Dear Ms Tsosie,\n\nThank you for the interview. I scheduled a follow up call for Monday. We need "
                  "benchmark and test the router. I bought a apple and a banana. We met at noon, and the manager know "
                  "the plan.\n\nKind regards,\nSam\n")
# ... and the slips a review found passing with the first version of these: a verb the parser tags JJ after "and", a
# compound's "follow up" after a verb, a run-on sentence that opens with a determiner
REVIEW_43 = ("Dear Ms Tsosie,\n\nThank you for the interview. In my current job I need find and correct errors in the "
             "ledger. At my current clinic I manage follow up care for discharged patients. It was great to meet the "
             "team yesterday My manager always say I am reliable.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_label_a_joined_modifier_and_a_dotted_degree_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_36) == {"grammar": [], "spelling": []}
    assert {"need", "a", "know"} <= set(_by_rule(tmp_path, HARPER, FRESH_36_SLIPS)["grammar"])
    assert {"need", "say"} <= set(_by_rule(tmp_path, HARPER, REVIEW_43)["grammar"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_phrasal_verb_and_install_as_a_noun_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_36) == {"grammar": [], "spelling": []}
    assert {"follow up", "a", "know"} <= set(_by_rule(tmp_path, _languagetool_args(), FRESH_36_SLIPS)["grammar"])
    assert {"follow up", "say"} <= set(_by_rule(tmp_path, _languagetool_args(), REVIEW_43)["grammar"])


# stop 43, from fresh-37: a code's lower-case "i", two subjects the parser attached apart, a clause's verb after
# "before a", an adverb's superlative, the noun "set-up", a rating's name
FRESH_37 = (
    "Dear Ms Tsosie,\n\nThank you for the interview. I inspect Ex d, Ex e and Ex i equipment, and I shot on the Cooke "
    "Anamorphic/i set. The pot plant sitting inside the 900 mm zone and the gate that stalled just short of its latch "
    "are exactly the items I look for. Many clients need a quick turnaround before a new tenancy starts. Most club "
    "golfers improve fastest through simple changes to set-up and more time on the short game. The client wanted a 6 "
    "Star Green Star Interiors rating.\n\nKind regards,\nSam\n")
FRESH_37_SLIPS = ("Dear Ms Tsosie,\n\nThank you for the interview. Yesterday i met the team, and Dana i really liked. I "
                  "finished a reports before the deadline. She is best student in the class. I will set-up the call for "
                  "Monday. We stayed in a 5 star hotel.\n\nKind regards,\nSam\n")


# ... and the slips a review found passing with the first version of these: a pair inside the subject, a verb after
# "when a … orders", "i" before a noun that is a verb too, a capital "Star" before a lower-case noun, "setup" after
# "the chance to"
REVIEW_43B = ("Dear Ms Tsosie,\n\nThank you for the interview. The opportunity to work with engineers and designers excite "
              "me. When a work orders comes in, I log it. At Costa i tutor maths in the evenings. I worked at a 5 Star "
              "hotel, and I would welcome the chance to setup your new CRM.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_codes_letter_and_a_clause_after_before_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_37) == {"grammar": [], "spelling": []}
    grammar = _by_rule(tmp_path, HARPER, FRESH_37_SLIPS)["grammar"]
    assert grammar.count("i") == 2 and {"reports", "set-up"} <= set(grammar)
    assert {"excite", "orders", "i"} <= set(_by_rule(tmp_path, HARPER, REVIEW_43B)["grammar"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_an_adverbs_superlative_and_a_ratings_name_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_37) == {"grammar": [], "spelling": []}
    grammar = _by_rule(tmp_path, _languagetool_args(), FRESH_37_SLIPS)["grammar"]
    assert {"is best", "set-up", "5 star", "a reports"} <= set(grammar)
    assert {"excite", "5 Star", "setup"} <= set(_by_rule(tmp_path, _languagetool_args(), REVIEW_43B)["grammar"])


# stop 43, from fresh-38: a noun adjunct before a head the parser took for a verb, a researcher's participle the
# parser took for a noun, a valediction the pack lists, a signed name with a hyphen
FRESH_38 = ("Dear Dr Bianchi,\n\nThank you for the interview. For the past four years I have worked as a fault studies "
            "engineer on a decommissioning site. I have worked as a postdoctoral researcher building Casal2 models for "
            "deepwater species.\n\nWith warmest thanks,\nHye-jin Kwon\n")
FRESH_38_SLIPS = ("Dear Dr Bianchi,\n\nThank you for the interview. I bought a books yesterday. The seminar was a best "
                  "experience.\n\nYour sincerely,\nHye-jin Kwon\n")


# ... and the slips a review found passing with the first version of these: a plural before a verb that is also a
# noun, a compound with an -ing word, a transposed space in the signed name, a valediction without its capital
REVIEW_43C = ("Dear Dr Bianchi,\n\nThank you for the interview. I asked what happens when a customers call with an urgent "
              "fault. I completed an investment banking summer internships last year.\n\nbest regards,\nJoh nSmith\n")


def test_harper_leaves_a_noun_adjunct_and_a_signed_name_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_38) == {"grammar": [], "spelling": []}
    assert "books" in _by_rule(tmp_path, HARPER, FRESH_38_SLIPS)["grammar"]
    assert {"customers", "internships", "Joh nSmith"} <= set(_by_rule(tmp_path, HARPER, REVIEW_43C)["grammar"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_listed_valediction_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_38) == {"grammar": [], "spelling": []}
    assert {"books", "Your"} <= set(_by_rule(tmp_path, _languagetool_args(), FRESH_38_SLIPS)["grammar"])
    assert "best" in _by_rule(tmp_path, _languagetool_args(), REVIEW_43C)["grammar"]


# fresh-39's clean notes (bench/data/clean-notes-39.jsonl, read in stop 44): an acronym that spells "ITS", a second
# object with its passive participle, a section of an Act, a relative clause on what is coming and a form's
# number
FRESH_39 = ("Dear Ms Hale,\n\nThank you for the interview. During my MSc I sequenced ITS and matK regions. I also enjoyed "
            "hearing about your plans for a second underwater treadmill and a dedicated IVDD programme run jointly with "
            "the referral neurologist. I ran responses to s 155 notices. I enjoyed hearing about the contracts you have "
            "coming up across South Yorkshire. I am comfortable with FAA 8130-3 releases.\n\nKind regards,\nSam\n")
# ... and the slips of the same shapes, still reported ("come" is no transitive verb: no passive participle)
FRESH_39_SLIPS = ("Dear Ms Hale,\n\nThank you for the interview. I asked about the roster and the supervisor come in early. I want "
                  "to go to s chool. The work you have doing is hard. I was on on the farm. It takes 10-12 weeks. The "
                  "colourfull toolroom was great.\n\nKind regards,\nSam\n")
# ... and those a review of the first version found passing: "ITS" for "it's", a repeated word before a hyphened
# compound after an article, a particle verb or a stranded preposition after "have", a broken word before a
# number, a closed compound of a British spelling, a misspelling one edit from a rarer word,
# a year's range
REVIEW_44 = ("Dear Ms Hale,\n\nThank you for the interview. I think ITS a great fit. I enjoyed the in in-person "
             "interview. I am proud of the skills I have picking up. I understand the changes we have going through. "
             "I manag ed 12 people. I worked as a theatrenurse and a bookeeper. The 2023-24 results were good."
             "\n\nKind regards,\nSam\n")
# ... and those a second review found passing: a broken word before a number, "ITS" in a sentence in capitals,
# a stranded preposition after the -ing word, a range of hours, a word with a digit for a letter
REVIEW_44B = ("Dear Ms Hale,\n\nThank you for the interview. I have ove r 10 years in logistics. ITS MY DREAM JOB. I "
              "can help with the audits you have coming up against. I worked 12-8 shifts. Th1s role suits me."
              "\n\nKind regards,\nSam\n")


def test_harper_leaves_an_acronym_a_section_and_a_participle_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_39) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_39_SLIPS)
    assert {"come", "you have", "on on"} <= set(slips["grammar"]) and "colourfull" in slips["spelling"]
    review = _by_rule(tmp_path, HARPER, REVIEW_44)
    assert {"ITS", "in in", "I have", "we have", "manag ed"} <= set(review["grammar"])
    assert {"theatrenurse", "bookeeper"} <= set(review["spelling"])
    assert {"ove r", "you have"} <= set(_by_rule(tmp_path, HARPER, REVIEW_44B)["grammar"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_an_acronym_and_a_forms_number_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_39) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_39_SLIPS)
    assert {"come", "on on", "10-12"} <= set(slips["grammar"]) and "colourfull" in slips["spelling"]
    review = _by_rule(tmp_path, _languagetool_args(), REVIEW_44)
    assert {"ITS", "2023-24"} <= set(review["grammar"]) and {"theatrenurse", "bookeeper"} <= set(review["spelling"])
    assert {"ITS", "12-8", "Th1s"} <= set(_by_rule(tmp_path, _languagetool_args(), REVIEW_44B)["grammar"])


# fresh-40's clean notes (bench/data/clean-notes-40.jsonl, read in stop 44): a model's name in the plural; the
# digits inside a word are still a slip
SET_40 = ("Dear Ms Hale,\n\nThank you for the interview. We lit the set with a package of Creamsource Vortex8s and "
            "SkyPanels, and we flew three A320s.\n\nKind regards,\nSam\n")
SET_40_SLIPS = "Dear Ms Hale,\n\nThank you for the interview. I want to do th1s job.\n\nKind regards,\nSam\n"


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_models_plural_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), SET_40) == {"grammar": [], "spelling": []}
    assert "th1s" in _by_rule(tmp_path, _languagetool_args(), SET_40_SLIPS)["grammar"]


# fresh-41's clean notes (bench/data/clean-notes-41.jsonl, read in stop 45): "an" before a vowel with a mark, an
# isotope's symbol after its mass number, a hyphened verb that describes the noun after it, "cyber security"
# written open; the slips of the same shapes are still reported
FRESH_41 = ("Dear Ms Hale,\n\nThank you for the interview. I helped run a fast-track early inflammatory arthritis "
            "clinic. I worked for an “Ōtautahi-based” production company. I measured ²³⁰Th disequilibrium in young "
            "zircons and 230Th/232Th ratios. The bank is ahead of its next cyber security audit.\n\nKind regards,\nSam\n")
# ... and those a review found passing: "a" for "to" before a hyphened verb and a plural, an ordinal's capital
FRESH_41_SLIPS = ("Dear Ms Hale,\n\nThank you for the interview. Th cat sat on the mat. I ate a apple and an banana. "
                  "I made a decide to apply. I helped a fast-track urgent referrals. We met on the 4TH floor. I came "
                  "231Th in the race."
                  "\n\nKind regards,\nSam\n")


def test_harper_leaves_an_article_before_a_marked_vowel_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_41) == {"grammar": [], "spelling": []}
    assert {"a", "an", "TH", "Th"} <= set(_by_rule(tmp_path, HARPER, FRESH_41_SLIPS)["grammar"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_an_isotope_a_hyphened_modifier_and_cyber_security_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_41) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_41_SLIPS)["grammar"]
    assert {"Th", "a", "an", "a decide"} <= set(slips) and sum(w.startswith("a fast-track") for w in slips) == 1


# fresh-42's clean notes (bench/data/clean-notes-42.jsonl, read in stop 45): the "A" of "A&E", "your" owning a
# subject, a Hindi word among Hindi words, a word made from a name in lower case, a closed "proforma"; the slips
# of the same shapes are still reported
FRESH_42 = ("Dear Ms Hale,\n\nThank you for the interview. I reviewed notes from the first A&E attendance. I wrote the "
            "clean-handling procedures, so your gowning and wipe-down routine felt familiar. Your tokeniser split a "
            "romanised Hinglish query such as \"kal tak refund ho jayega?\" into many pieces. I use the Spotting the "
            "Signs proforma with young people.\n\nKind regards,\nSam\n")
FRESH_42_SLIPS = ("Dear Ms Hale,\n\nThank you for the interview. Your going to love it. I tak the bus to work every day. "
                  "I ate a apple.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_code_and_a_hindi_phrase_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_42) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_42_SLIPS)
    assert "tak" in slips["spelling"] and "a" in slips["grammar"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_subjects_owner_and_a_closed_proforma_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_42) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_42_SLIPS)
    assert "tak" in slips["spelling"] and {"Your", "a"} <= set(slips["grammar"])


# stop 46, fresh-43: a vowelless token said letter by letter takes its first letter's article; a
# common word of SCOWL's size 50 that LanguageTool's British list lacks; a medical combining form
FRESH_43 = ("Dear Ms Hale,\n\nThank you for the interview. The runs you showed me for an Mw 9.0 rupture were "
            "striking. I know the cemetery bylaws that councils make. I led the orthogeriatric service and organised its audits.\n\n"
            "Kind regards,\nSam\n")
FRESH_43_SLIPS = ("Dear Ms Hale,\n\nThank you for the interview. I studied for a MSc in Leeds. I came to an "
                  "Pb workshop. I wrote the bylawz. I spoke to an Mr Jones there.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_letter_read_token_and_a_combining_form_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_43) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_43_SLIPS)
    # "an Mr Jones": "Mr" has no vowel but is said as a word, "mister" (a review)
    assert "bylawz" in slips["spelling"] and slips["grammar"].count("a") + slips["grammar"].count("an") == 3


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_letter_read_token_and_british_bylaws_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_43) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_43_SLIPS)
    assert "bylawz" in slips["spelling"] and {"a", "an"} <= set(slips["grammar"])


# stop 47, fresh-44: a noun the parser hangs on a verb as its object after "that" and a noun, a library
# named as a word with a version, a word all three word lists hold though one edit from a common one
FRESH_44 = ("Dear Ms Hale,\n\nThank you for the interview. I hope to bring that gate etch back under control. I "
            "introduced Resilience4j circuit breakers. A dedicated shunter on nights could help.\n\nKind regards,\nSam\n")
# ... "carful" is in all three lists too, but a slip of "careful" alone (JFLEG dev)
FRESH_44_SLIPS = ("Dear Ms Hale,\n\nThank you for the interview. This model succeed every time. I want to do Wor4k "
                  "there. I think Th1s is fine. I met the hunnter. Please be carful.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_word_three_lists_hold_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_44) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, HARPER, FRESH_44_SLIPS)["spelling"] == ["hunnter", "carful"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_an_object_noun_and_a_librarys_name_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_44) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_44_SLIPS)
    assert slips["spelling"] == ["hunnter", "carful"] and {"succeed", "Wor4k", "Th1s"} <= set(slips["grammar"])


# stop 47, fresh-37: a post named with a title word takes no article ("where I was assistant manager");
# a missing article before an ordinary noun is still reported
FRESH_37_POST = ("Dear Ms Hale,\n\nThank you for the interview. At Willow Creek, where I was assistant manager for six "
                 "years, we rebuilt the yard.\n\nKind regards,\nSam\n")
FRESH_37_POST_SLIP = "Dear Ms Hale,\n\nThank you for the interview. I was good student.\n\nKind regards,\nSam\n"


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_post_without_an_article_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_37_POST) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_37_POST_SLIP)["grammar"] == ["was good"]


# stop 49, natural-3 and -4: a noun adjunct of the object "keep" holds in a state (LanguageTool's KEEP_SEEING), and "up
# stairs" in a list of paths (its STAIRS_COMPOUNDS); a bare verb after "keep" and "up stairs" as a place are still reported
NATURAL_KEEP = ("Dear Ms Hale,\n\nThank you for the interview. I liked how the team works together to keep wait times "
                "short and keep queue times down, and I am used to getting large pieces through tight doorways and up "
                "stairs.\n\nKind regards,\nSam\n")
NATURAL_KEEP_SLIP = ("Dear Ms Hale,\n\nThank you for the interview. I keep think about the new depot. The meeting room "
                     "is up stairs.\n\nKind regards,\nSam\n")


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_kept_noun_and_up_stairs_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), NATURAL_KEEP) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, _languagetool_args(), NATURAL_KEEP_SLIP)["grammar"] == ["think", "up stairs"]


# stop 48, fresh-45: a noun the parse reads as a verb where the subject runs on past a comma to the
# sentence's verb; "to" before an -s form opens no infinitive (Harper's MissingTo on "cut failed runs");
# long words of a medical dictionary, but not its slips ("accomodation")
FRESH_45 = ("Dear Ms Reid,\n\nThank you for the interview. The case study on a complaint under the Domestic Abuse "
            "(Scotland) Act 2018, and the question of corroboration it raised, was a good test. That change cut "
            "failed runs by roughly a third. I have prepared corneoscleral rims and supported your theranostics "
            "service.\n\nKind regards,\nSam\n")
FRESH_45_SLIPS = ("Dear Ms Reid,\n\nThank you for the interview. We need talk about the budget. The costumer lose "
                  "money, and the manager was upset. My colleague study the reports every week, and the director, who "
                  "joined last year, reviews them. The accomodation was fine.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_run_on_subject_a_participle_and_medical_words_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_45) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_45_SLIPS)
    assert set(slips["grammar"]) == {"need", "lose", "study"} and slips["spelling"] == ["accomodation"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_run_on_subject_and_medical_words_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_45) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_45_SLIPS)
    assert {"lose", "study"} <= set(slips["grammar"]) and slips["spelling"] == ["accomodation"]


# stop 50, fresh-47 and natural-5: a "how" clause whose subject is a name that goes on, a plural noun subject
# ("coverage needs have changed"), a range's "to" before "when to", a small clause's "your", a noun "nut" before its
# noun, the idiom "in the moment", Harper's WrongNegative on "discom" -> "noncom"; the same engine rules still report
# their slips
FRESH_47 = ("Dear Ms Reid,\n\nThank you for the interview. Your COLREGs scenario, a crossing situation in the Malacca "
            "Strait, made me think carefully about how Rule 15 and Rule 18 apply together. You said new homeowners "
            "don't realize their coverage needs have changed until they file a claim. I can talk to customers about "
            "anything from slug control to when to sow broad beans. I would love to help make your weekdays a little calmer. We adjusted cooking times according to nut count "
            "and moisture. I gave a quick answer in the moment.\n\nKind regards,\nSam\n")
FRESH_47_SLIPS = ("Dear Ms Reid,\n\nThank you for the interview. I learned how report incidents. The staff needs talk "
                  "about the budget. I need to also to finish the report. I am nut sure about it. Your going to love "
                  "it. It was unpossible. The rota was very unflexible. It was nut luck that got us there. I hope "
                  "your all doing well. In the moment I work part time as a barista.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_named_subject_a_plural_subject_and_a_range_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_47) == {"grammar": [], "spelling": []}
    discom = FRESH_47.replace("in the moment.", "in the moment. I worked for a discom in Uttar Pradesh.")
    assert _by_rule(tmp_path, HARPER, discom) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_47_SLIPS)["grammar"]
    assert slips == ["how", "needs", "to also to", "unpossible", "unflexible"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_small_clauses_your_a_nut_and_in_the_moment_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_47) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_47_SLIPS)["grammar"]
    assert {"nut", "Your", "your", "In the moment"} <= set(slips) and slips.count("nut") == 2


# stop 51, fresh-48: a species' rank abbreviation ("cf.") and a neuter genus's epithet in "-e", a relative
# clause's "use … to" with an object of its own, "a step up", a rarer French word beside a common one ("en
# primeur"); the same engine rules still report a lower-case sentence start, "use to", "the set up" and the slips
FRESH_48 = ("Dear Ms Okoro,\n\nThank you for the interview. I surveyed Acanthaster cf. solaris on the outer reefs. The "
            "spreadsheet your planners use to match the orders to the trucks is one I know well. This post would be a "
            "real step up for me. I ran trials on Lolium perenne and Trifolium repens. I helped with the en primeur "
            "campaign.\n\nKind regards,\nSam\n")
FRESH_48_SLIPS = ("Dear Ms Okoro,\n\nThank you for the interview. We met at nine. then we toured the site. I use to "
                  "work there on weekends. I can help with the set up of the office. I visited the Museum and closde "
                  "the door. I helped with the en primuer campaign. My Practicum placemente taught me a lot. At Contoso "
                  "I use to manage the front desk.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_rank_abbreviation_a_neuter_epithet_and_a_loan_phrase_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_48) == {"grammar": [], "spelling": []}
    found = _by_rule(tmp_path, HARPER, FRESH_48_SLIPS)  # a review: a rarer "-um" word is no genus ("Practicum")
    assert found == {"grammar": ["then"], "spelling": ["closde", "primuer", "placemente"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_means_use_and_a_step_up_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_48) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_48_SLIPS)
    # a review: a main clause's "use to" after a place ("At Contoso I use to manage") stays a slip
    assert slips["grammar"] == ["then", "use to", "set up", "use to"]
    assert slips["spelling"][:2] == ["closde", "primuer"] and slips["spelling"][2].startswith("placemente")


# stop 51, fresh-49 and natural-7: a combining form and a plural ("cyanolichens"), a kin word after a name ("Bikash da"), a clause's
# subject and verb after a noun ("the standards a hospital needs"), a feeling's comparative and its clause ("prouder
# that"), a degree on an adjective ("quite fun"); the slips of the same shapes stay reported
FRESH_49 = ("Dear Ms Nair,\n\nThank you for the interview. My thesis was on cyanolichens. I enjoyed meeting Bikash da in the pantry. I know the standards a hospital "
            "needs. A tape job tells a trainer more than a résumé does. I am prouder that every junior came back. The "
            "rush sounds full-on, but also quite fun.\n\nKind regards,\nSam\n")
FRESH_49_SLIPS = ("Dear Ms Nair,\n\nThank you for the interview. My keyskills are strong. I will da best I can. I read a "
                  "history books. She is taller that her brother. The room was very quite. I am happier that ever. The "
                  "stockroom is very quite there at night. I have more ward experience than a staff nurses."
                  "\n\nKind regards,\nSam\n")


def test_harper_leaves_a_combining_form_a_kin_word_and_a_relative_clauses_verb_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_49) == {"grammar": [], "spelling": []}
    found = _by_rule(tmp_path, HARPER, FRESH_49_SLIPS)
    # Harper knows "da"; a review's slips: "happier that ever", "very quite there", "than a staff nurses"
    assert found == {"grammar": ["books", "that", "quite", "that", "quite", "nurses"], "spelling": ["keyskills"]}


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_combining_form_and_a_kin_word_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_49) == {"grammar": [], "spelling": []}
    assert {"keyskills", "da"} <= set(_by_rule(tmp_path, _languagetool_args(), FRESH_49_SLIPS)["spelling"])


# stop 52, fresh-50 and natural-8: a noun the parse read as a verb before the real one ("team leads spent"), a
# note's letter ("a low A of"), "while" opening a clause, a testament ("statutory will issues"), a team's
# members counted ("a couple of the team"), a hyphened noun after a verb ("arrange post-mortems"); the slips
# of the same rules stay reported
FRESH_50 = ("Dear Ms Reid,\n\nThank you for the time you and your team leads spent with me. A customer's high A "
            "was flat against a low A of around 480 Hz. Phone orders come in while the queue goes out the door. I "
            "would check for statutory will issues. I jogged a couple of the team on the track. I'd check the "
            "lighting program and arrange post-mortems through your vet.\n\nKind regards,\nSam\n")
FRESH_50_SLIPS = ("Dear Ms Reid,\n\nThank you for the interview. I ate a apple. I will be back in while. The team "
                  "will issues the report. A couple of the student came late. We need talk about it. What A "
                  "amazing day it was.\n\nKind regards,\nSam\n")


def test_harper_leaves_a_note_name_a_clause_while_and_a_hyphened_noun_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_50) == {"grammar": [], "spelling": []}
    # a review: an article "A" after "What" is no letter
    assert _by_rule(tmp_path, HARPER, FRESH_50_SLIPS)["grammar"] == ["a", "in while", "issues", "need", "A"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_testament_and_a_teams_members_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_50) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_50_SLIPS)["grammar"]
    assert {"a", "in while", "issues", "A couple of the student"} <= set(slips)


# stop 53, fresh-51: an Ayurveda therapist's terms (three or more words far from every common word make
# the note's vocabulary), a hyphened word's first piece after "the", "whom" after a preposition, a
# standard's name before its number, and a syllable in quotation marks
FRESH_51 = ("Dear Dr Menon,\n\nThank you for the interview. I would follow the plan for purvakarma: snehapana "
            "with ghee, then abhyanga and sarvanga before virechana. Several of the players, several of "
            "whom ran gut mains, came by. I delivered split tracks so the re-recording mixer had no "
            "surprises. I would report JNdi-1 with the unknowns, and the \"ge\" stroke bends cleanly on a new \"gajra\"."
            "\n\nWith warm regards,\nAnjali\n")
FRESH_51_SLIPS = ("Dear Dr Menon,\n\nThank you for the interview. I would follow the plan for purvakarma: snehapana "
                  "with ghee, then abhyanga in the droni before virechana. I think the re is a problem. The man whom "
                  "met us was kind.\n\nWith warm regards,\nAnjali\n")
# far slips, within two edits of the word meant or not ("nessasary", "imidatly": Norvig), the engine
# guessing the word meant: no vocabulary, all reported (a review); so are a quoted slip, a slip before
# a number, "whom" as a subject after a preposition, and a verb before two nouns that is no gerund
FAR_SLIPS = ("Dear Dr Menon,\n\nThank you for the interview. I am knowlegable about the propleme and it is "
             "posssbale to fix. I will send the nessasary documents imidatly. I hope my preffeson will be "
             "sucssuful at your company. Your motto \"exellence\" stayed with me. I am Levle-3 certified. I "
             "asked about whom will lead the project. We need talk and plan for the budget.\n\nWith warm "
             "regards,\nAnjali\n")


def test_harper_leaves_a_fields_vocabulary_a_hyphened_piece_and_whom_after_of_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_51) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_51_SLIPS)
    assert slips["spelling"] == ["droni"]  # one edit from "drone": a slip, vocabulary or not
    assert {"the re", "whom"} <= set(slips["grammar"])
    far = _by_rule(tmp_path, HARPER, FAR_SLIPS)
    assert far["spelling"] == ["knowlegable", "propleme", "posssbale", "nessasary", "imidatly", "preffeson",
                               "sucssuful", "exellence", "Levle"]
    assert {"whom", "need"} <= set(far["grammar"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_fields_vocabulary_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_51)["spelling"] == []
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_51_SLIPS)["spelling"] == ["droni"]
    assert {"knowlegable", "propleme", "posssbale", "nessasary", "imidatly", "preffeson", "sucssuful",
            "exellence"} <= set(_by_rule(tmp_path, _languagetool_args(), FAR_SLIPS)["spelling"])


# stop 53, natural-9: "any more" as British, Australian and Canadian notes spell the adverb, and a gerund
# with the things it acts on (Harper's MissingTo read "preparing to toast")
NATURAL_9 = ("Dear Mrs Parata,\n\nThank you for the interview. Many of your customers can't get up a ladder any "
             "more. A food hygiene certificate matters when you're preparing toast and fruit for so many little "
             "ones.\n\nCheers,\nTama\n")


def test_harper_leaves_a_gerunds_objects_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, NATURAL_9) == {"grammar": [], "spelling": []}
    slips = NATURAL_9.replace("Thank you for the interview.", "Thank you for the interview. We need talk and plan the budget.")
    assert _by_rule(tmp_path, HARPER, slips)["grammar"] == ["need"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_any_more_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), NATURAL_9) == {"grammar": [], "spelling": []}


# stop 54, fresh-52 and natural-10: the sender's name after its head and apostrophe, a grandmother after an
# article, a verb "lets" with its subject, a range's "to", a place name's repeated word, a console's name
FRESH_52 = ("Dear Ms Thompson,\n\nThank you for the interview. It was busy when the hockey game lets out and half "
            "the neighbourhood came in. I raised SHG credit linkage in my cluster from ₹2.1 crore to nearly ₹5 crore "
            "in two years. Sitting down with a nan or a mum to talk about fizzy drinks helped. You are growing your "
            "Beauregard and Toka Toka Gold area, and the build for Xbox Series X|S is quick.\n\nCheers,\n"
            "Jayden Fa'asavalu\n")
# ... and what stays a slip: "Lets" with no subject (the greeting's name is none: a review), a pronoun's
# apostrophe, a name typed in lower case, a language or a faith in lower case after a possessive or an article
FRESH_52_SLIPS = FRESH_52.replace("Thank you for the interview.",
                                  "Thank you for the interview. If you agree, lets discuss the plan. We'ar keen. I met nan "
                                  "at the shop. My german is good, and I coached at a methodist school. Apart from the "
                                  "parking, nothing was to much. Thank Thank you for it. Ho'wever, I forgot.")


def test_harper_leaves_a_senders_name_a_subjects_lets_and_a_ranges_to_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_52) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_52_SLIPS)
    assert slips["grammar"] == ["lets", "to"] and slips["spelling"] == ["german", "methodist", "Ho'wever"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_senders_name_a_nan_and_a_place_names_repeat_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_52) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_52_SLIPS)
    assert {"ar", "nan", "german", "methodist", "wever"} <= set(slips["spelling"]) and "Thank Thank" in slips["grammar"]
    repeated = _by_rule(tmp_path, _languagetool_args(), FRESH_52.replace("Thank you for the interview.",
                                                                          "Thank you for the the interview."))
    assert repeated["grammar"] == ["the the"]


# stop 54, the review's known hole: three far slips of rarer words, which the engine guesses, keep their
# English endings ("talkkative" -> "talkative", Zipf 3.0): no vocabulary, all reported with either engine
RARE_FAR_SLIPS = ("Dear Dr Menon,\n\nThank you for the interview. I am talkkative with patients, I was axcedant in "
                  "my last post, and I reported the errounuosly billed claims.\n\nWith warm regards,\nAnjali\n")


@pytest.mark.parametrize("engine", ["harper", pytest.param("languagetool", marks=pytest.mark.languagetool)])
def test_three_far_slips_of_rarer_words_are_no_vocabulary(tmp_path, engine):
    args = HARPER if engine == "harper" else _languagetool_args()
    if args is None:
        pytest.skip("no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
    assert _by_rule(tmp_path, args, RARE_FAR_SLIPS)["spelling"] == ["talkkative", "axcedant", "errounuosly"]
    assert _by_rule(tmp_path, args, FRESH_51)["spelling"] == []  # the Ayurveda therapist's words still pass


# stop 55, fresh-53 and natural-11: a compliment's adjective the parse reads as a noun ("your kind words"),
# "help" and its bare infinitive, a shift as the object of "do", one thing's number ("a rejected 856 segment"),
# a te reo word joined to an English one in a note that writes te reo
FRESH_53 = ("Dear Ms Delgado,\n\nThank you for your kind words about the carving. I've helped prepare age-length keys "
            "for stock assessments. I am happy to do late shifts and Saturdays. Walking through a rejected 856 segment "
            "by segment is my idea of a good afternoon. I liked working alongside iwi-owned mānuka operations."
            "\n\nKind regards,\nAaron\n")
# ... and what stays a slip: "need" without its "to", a count's singular (with "extra" too), "do" and a verb's
# third person, "help" before two bare verbs, a slip joined to an English word, and one of te reo's shape one edit
# from a common word (a review)
FRESH_53_SLIPS = FRESH_53.replace("Thank you for your kind words about the carving.",
                                  "Thank you for the tour. We need talk about the plan. We hired 12 engineer last "
                                  "year. I don't likes the noise. I ran recieve-based checks. I could work an extra 10 "
                                  "hour each week. I can help try fix the backlog. I work full-tiime.")


def test_harper_leaves_kind_words_and_a_bare_infinitive_after_help_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_53) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_53_SLIPS)
    assert slips["grammar"] == ["need", "likes", "try"] and any("recieve" in w for w in slips["spelling"]), slips


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_late_shifts_and_a_numbered_segment_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_53) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_53_SLIPS)
    assert {"engineer", "likes", "hour"} <= set(slips["grammar"]), slips
    assert any("recieve" in w for w in slips["spelling"]) and "full-tiime" in slips["spelling"], slips


# stop 56, fresh-54 and natural-12: "an" before the prefix "un-", a comparison's "than", a preposition's "to"
# before a phrasal noun, a verb's particle after its object, a name opening the clause after "how"
FRESH_54 = ("Dear Dr Adeyemi,\n\nThank you for the interview. The case you presented, an unidentified decedent, is "
            "one I know well. I have trained five operators through to sign-off. I would call the lift off if gusts "
            "exceeded the limit. It gave me a sense of how Treaty settlement quota shapes who sells ACE. I left more "
            "interested than ever.\n\nSincerely,\nPriya\n")
# ... and what stays a slip: "an" before a word said "yoo", "interested than" with nothing compared, a phrasal
# noun written for its verb after an infinitive's "to", "lift off" as a noun, "how" before a bare verb
FRESH_54_SLIPS = FRESH_54.replace("Thank you for the interview.",
                                  "Thank you for the interview. We formed an union. I am interested than the job. "
                                  "I want to sign-off the plan. The lift off was delayed. I learned how clone a repo.")
# ... and what a review found the first vetoes hid: a particle whose phrase goes on, "back to" before an infinitive,
# a "more" that is not the comparison's, a word of "union"
FRESH_54_REVIEW = FRESH_54.replace("Thank you for the interview.",
                                   "Thank you for the interview. I would like to schedule the follow up for next "
                                   "week. I would be happy to come back to follow-up on the audit. Now that I know "
                                   "more I am interested than joining your team. I have led an unionization drive.")


def test_harper_leaves_an_un_word_a_comparison_and_a_prepositions_noun_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_54) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_54_SLIPS)
    assert slips["grammar"] == ["an", "than", "sign-off", "how"], slips
    review = _by_rule(tmp_path, HARPER, FRESH_54_REVIEW)
    assert {"follow-up", "than", "an"} <= set(review["grammar"]), review


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_particle_after_its_object_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_54) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_54_SLIPS)
    assert {"an", "lift off", "sign-off"} <= set(slips["grammar"]), slips
    review = _by_rule(tmp_path, _languagetool_args(), FRESH_54_REVIEW)
    assert {"follow up", "follow-up", "an"} <= set(review["grammar"]), review


# fresh-55 and natural-13 (stop 57): a degree's dotted initials, a pair of subjects after "as", a plural noun adjunct
# after "a", and a drink's range (a plural English text does not write)
FRESH_55 = ("Dear Ms Tremblay,\n\nThank you for the interview. I completed my LL.L. at the University of Ottawa. "
            "I would be proud to join your team as e-filing and the revised "
            "claims procedure make faster compensation possible. I've stacked pallets at a drinks wholesaler. You "
            "mentioned a spring campaign for a new range of kombucha.\n\nKind regards,\nRohan\n")
# ... and what stays a slip: no space after a country's full stop, a superlative without "the", one subject after
# "as", "a" before a plural that ends its phrase or comes before a time word
FRESH_55_SLIPS = FRESH_55.replace("Thank you for the interview.",
                                  "Thank you for the interview. I lived in the UK.He said she is best student in the "
                                  "class. As the costumer make a plan, I wait. We need a drinks. I met a customers "
                                  "yesterday.")
# ... and what a review found the first exceptions hid: "a team of engineer", a role's "as" before a clause of its
# own, an owner's missing apostrophe, "best" without "the" before a compound, a title after a capitals' full stop
FRESH_55_REVIEW = FRESH_55.replace("Thank you for the interview.",
                                   "Thank you for the interview. I manage a team of engineer. I served as a medic and "
                                   "the training help me every day. I resolved a customers complaint on my first day. You are best "
                                   "sales rep on the team. I enjoyed the tour of the BBC.Mr. Shah was very kind.")


def test_harper_leaves_a_plural_noun_adjunct_and_a_pair_of_subjects_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_55) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_55_SLIPS)
    assert slips["grammar"] == ["make", "drinks", "customers"], slips
    review = _by_rule(tmp_path, HARPER, FRESH_55_REVIEW)
    assert {"help", "customers"} <= set(review["grammar"]), review


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_dotted_initials_and_a_drinks_range_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_55) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_55_SLIPS)
    assert {"He", "is best", "make", "a drinks"} <= set(slips["grammar"]), slips
    review = _by_rule(tmp_path, _languagetool_args(), FRESH_55_REVIEW)
    assert {"team of engineer", "help", "are best", "Mr"} <= set(review["grammar"]), review


# fresh-57 (stop 57): a participle's "to" is a preposition ("linked to follow-up within a fortnight"); an infinitive's
# "to" and a verb with its object stay slips
# ... and a gene's notation is no misspelling ("Tg(kdrl:GFP)"), a slip before "(s)" still is
FRESH_57 = ("Dear Dr Meena,\n\nThank you for the interview. Confirmed cases in our block are linked to follow-up "
            "within a fortnight. Lines such as our Tg(kdrl:GFP) crosses are kept frozen too.\n\nWarm regards,\nKavya\n")
FRESH_57_SLIPS = FRESH_57.replace("Thank you for the interview.",
                                  "Thank you for the interview. I was asked to follow-up with the client. I am "
                                  "committed to follow-up the leads. Please send the colegue(s) my regards.")
# ... and what a second review found: a verb with a pronoun after its preposition, a role's bare "as" before a clause
# of its own, a year range in brackets, a person's rare plural
FRESH_57_REVIEW = FRESH_57.replace("Thank you for the interview.",
                                   "Thank you for the interview. I am committed to follow-up with you by Friday. I "
                                   "worked as cashier and the experience help me every day. I worked as a "
                                   "recepionist(2019-2021) at a busy clinic. I led a team of hydrogeologist on the survey.")


def test_a_participles_to_before_a_phrasal_noun_is_a_preposition(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_57) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_57_SLIPS)
    assert slips == {"grammar": ["follow-up", "follow-up"], "spelling": ["colegue"]}, slips
    review = _by_rule(tmp_path, HARPER, FRESH_57_REVIEW)
    assert {"follow-up", "help"} <= set(review["grammar"]) and "recepionist" in review["spelling"], review


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_genes_notation_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_57) == {"grammar": [], "spelling": []}
    assert "colegue" in _by_rule(tmp_path, _languagetool_args(), FRESH_57_SLIPS)["spelling"]
    review = _by_rule(tmp_path, _languagetool_args(), FRESH_57_REVIEW)
    assert "team of hydrogeologist" in review["grammar"] and "recepionist" in review["spelling"], review


# fresh-56 (stop 58): a section's bracketed numeral, the International Maritime Organization, an adverb of time between
# a modal and its verb, a medical procedure's plural
FRESH_56 = ("Dear Ms Tūhoe,\n\nThank you for the interview. I focused on sections 9(2)(f)(iv) and 9(2)(g)(i) of the "
            "Act. I know the IMO Standard Marine Communication Phrases. I would first confirm the borrower's position. "
            "Your unit does many polypectomies each week.\n\nNgā mihi,\nAroha\n")
# ... and what stays a slip: the pronoun in lower case, "IMO" as an aside, a modal without "be", a verb after "the", a
# medical word's wrong plural; and what two reviews found the first exceptions hid: "IMO" before a noun or after a
# stranded preposition, a modal and an adjective before a verb, "the" before a verb before a plural, another "s" on an
# adjective, "(i)" as the pronoun (after a space, a letter or an emoticon), the plural of a slip the medical list holds
FRESH_56_SLIPS = FRESH_56.replace("Thank you for the interview.",
                                  "Thank you for the interview. IMO the role suits me. It would nice to meet the "
                                  "team. I made the decide quickly. At Costa i tutor maths. We did two polypectomys.")
FRESH_56_REVIEW = FRESH_56.replace("Thank you for the interview.",
                                   "Thank you for the interview. IMO teamwork matters more than anything. I would "
                                   "grateful hear back soon. Thank you for the explain details about the shifts. We "
                                   "nursed several neutropenics patients.")
FRESH_56_REVIEW_2 = FRESH_56.replace("Thank you for the interview.",
                                     "Thank you for the interview. Of all the firms I interviewed at IMO yours is the "
                                     "best. My partner and (i) both loved the tour. We ran several chemiotherapies.")
FRESH_56_REVIEW_3 = FRESH_56.replace("Thank you for the interview.",
                                     "Thank you for the interview. Thanks for showing me round :-)(i) really hope to "
                                     "hear from you. The IMO best part was meeting the team.")


def test_harper_leaves_a_sections_numeral_and_an_organisations_initials_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_56) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_56_SLIPS)
    assert {"IMO", "would", "i"} <= set(slips["grammar"]) and "polypectomys" in slips["spelling"], slips
    review = _by_rule(tmp_path, HARPER, FRESH_56_REVIEW)
    assert {"IMO", "would"} <= set(review["grammar"]) and "neutropenics" in review["spelling"], review
    review = _by_rule(tmp_path, HARPER, FRESH_56_REVIEW_2)
    assert {"IMO", "i"} <= set(review["grammar"]) and "chemiotherapies" in review["spelling"], review
    review = _by_rule(tmp_path, HARPER, FRESH_56_REVIEW_3)
    assert {"IMO", "i"} <= set(review["grammar"]), review


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_medical_procedures_plural_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_56) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_56_SLIPS)
    assert {"the decide", "i"} <= set(slips["grammar"]) and "polypectomys" in slips["spelling"], slips
    review = _by_rule(tmp_path, _languagetool_args(), FRESH_56_REVIEW)
    assert "the explain" in review["grammar"] and "neutropenics" in review["spelling"], review
    assert "chemiotherapies" in _by_rule(tmp_path, _languagetool_args(), FRESH_56_REVIEW_2)["spelling"]


# fresh-58 (stop 59): a list of nouns as a clause's subject, a word of how often as an adjective, names in code
FRESH_58 = ("Dear Mr. Bouchard,\n\nThank you for meeting with me. I valued hearing how fatigue, bridge resource "
            "management, and organizational drift are examined alongside the technical evidence. I coordinate the "
            "half-yearly valuation. I know kernel-bypass networking with ef_vi, and I added a locale for mi_NZ.\n\n"
            "Sincerely,\nKenji Arsenault\n")
# ... and what stays a slip: a clause's subject after ", and", verbs in a list after "how", an adverb for an
# adjective, a misspelling beside a name in code; and what a review found the first exceptions hid: a list that is
# an object before the clause, verbs in a list before a trailing clause, a slip of a common word joined by "_"
FRESH_58_SLIPS = FRESH_58.replace("Thank you for meeting with me.",
                                  "Thank you for meeting with me. I toured the plant, and the manager are very kind. "
                                  "I learned how report, file and close incidents. She is a extremely person. I "
                                  "recieve the mi_NZ files.")
FRESH_58_REVIEW = FRESH_58.replace("Thank you for meeting with me.",
                                   "Thank you for meeting with me. I have worked in retail, hospitality, and my manager "
                                   "say I learn fast. You taught me how plan, schedule, and budget projects the team "
                                   "runs. I was really impresed_by the team.")

# ... and what a second review found: a list of "no" things, verbs in a list before a singular verb, a short slip in code
FRESH_58_REVIEW_2 = FRESH_58.replace("Thank you for meeting with me.",
                                     "Thank you for meeting with me. No day, no shift, and no patient are ever the same. "
                                     "I learned how test, debug, and the app is deployed. I was impressed by teh_team.")

# ... and a fourth: verbs in a list before a plural subject's verb, two letters glued to a common word
FRESH_58_REVIEW_3 = FRESH_58.replace("Thank you for meeting with me.",
                                     "Thank you for meeting with me. I learned how test, debug, and the apps are "
                                     "deployed. I look forward ot_hearing from you.")


def test_harper_leaves_a_listed_subject_and_names_in_code_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_58) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_58_SLIPS)
    assert {"are", "how"} <= set(slips["grammar"]) and "recieve" in slips["spelling"], slips
    review = _by_rule(tmp_path, HARPER, FRESH_58_REVIEW)
    assert {"say", "how"} <= set(review["grammar"]) and "impresed" in review["spelling"], review
    review = _by_rule(tmp_path, HARPER, FRESH_58_REVIEW_2)
    assert {"are", "how"} <= set(review["grammar"]) and "teh" in review["grammar"] + review["spelling"], review
    assert "how" in _by_rule(tmp_path, HARPER, FRESH_58_REVIEW_3)["grammar"]


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_frequency_adjective_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_58) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_58_SLIPS)
    assert {"are", "extremely person"} <= set(slips["grammar"]) and "recieve" in slips["spelling"], slips
    assert "ot" in _by_rule(tmp_path, _languagetool_args(), FRESH_58_REVIEW_3)["spelling"]


# fresh-59 (stop 60): a subject the parse hung under a later noun, a combining form of three letters on a rarer word
# ("an enhanced skills year" stays reported: four reviews found no exception that kept it apart from slips)
FRESH_59 = ("Dear Dr. Laine,\n\nThank you for meeting with me. The care your group puts into verification, with MMS "
            "tests running in continuous integration, reflects exactly the culture I want. Your plan to build a "
            "geometallurgical model is exciting.\n\nSincerely,\nMira Okafor\n")
# ... and what stays a slip: a plural subject with a singular verb after a comma-closed phrase, "a skills" before a
# time word or a relative clause, a misspelling after the combining form; and what a review found the first change
# hid: a plural hung subject, "a skills" before a clause's subject or in "week after week", a slip the engine
# corrects one edit away
FRESH_59_SLIPS = FRESH_59.replace("Thank you for meeting with me.",
                                  "Thank you for meeting with me. The reports my manager writes, with charts showing "
                                  "sales, takes hours. I learned a skills today. I have a skills that fits. I built a "
                                  "geometalurgical model.")
FRESH_59_REVIEW = FRESH_59.replace("Thank you for meeting with me.",
                                   "Thank you for meeting with me. The nurses on your ward, with GP (general practitioner) "
                                   "referrals arriving daily, is very experienced. Teamwork is a skills someone learns on "
                                   "the job. I practised a skills week after week. I did geospacial analysis in ArcGIS.")
# ... and a second: a hung noun that is not the sentence's first ("method" of the "with" phrase), "a skills" in "day and
# night"
FRESH_59_REVIEW_2 = FRESH_59.replace("Thank you for meeting with me.",
                                     "Thank you for meeting with me. The solvers the lead developer relies on, with method "
                                     "of manufactured solutions (MMS) tests running in continuous integration, is "
                                     "remarkably robust. I practised a skills day and night before the exam.")
# ... and a third: a quantity or a pair as the hung subject, an adjective before "skills" in a time idiom
FRESH_59_REVIEW_3 = FRESH_59.replace("Thank you for meeting with me.",
                                     "Thank you for meeting with me. A lot of the tests your group writes, with method of "
                                     "manufactured solutions (MMS) tests running in continuous integration, makes a big "
                                     "difference. I practised a new skills day and night. I used a basic skills day in, "
                                     "day out. The police your town employs, with method of manufactured solutions (MMS) "
                                     "tests running in continuous integration, is very visible.")


def test_harper_leaves_a_hung_subject_and_a_skills_year_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_59) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_59_SLIPS)
    assert {"takes", "skills"} <= set(slips["grammar"]) and slips["grammar"].count("skills") == 2, slips
    assert "geometalurgical" in slips["spelling"], slips
    review = _by_rule(tmp_path, HARPER, FRESH_59_REVIEW)
    assert "is" in review["grammar"] and review["grammar"].count("skills") == 2, review
    assert "geospacial" in review["spelling"], review
    review = _by_rule(tmp_path, HARPER, FRESH_59_REVIEW_2)
    assert {"is", "skills"} <= set(review["grammar"]), review
    review = _by_rule(tmp_path, HARPER, FRESH_59_REVIEW_3)
    assert {"makes", "is"} <= set(review["grammar"]) and review["grammar"].count("skills") == 2, review


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_hung_subject_and_a_skills_year_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_59) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_59_SLIPS)
    assert {"takes", "skills"} <= set(slips["grammar"]) and "geometalurgical" in slips["spelling"], slips
    review = _by_rule(tmp_path, _languagetool_args(), FRESH_59_REVIEW)
    assert "is" in review["grammar"] and "geospacial" in review["spelling"], review


# fresh-60 (stop 61): an open compound Harper would close ("code bases", "code base")
FRESH_60 = ("Dear Mr. Rao,\n\nThank you for meeting with me. I kept thinking about the trade-off between precision and "
            "run time on your largest C++ code bases. Your own code base is a model of clarity.\n\nBest regards,\nAsha "
            "Menon\n")
# ... and what stays a slip: "there" for "their", also where the parse reads the next noun as a verb (an exception for
# a place "there" between a subject and its verb, "the printing units there fall in the red category", was withdrawn
# after a review found it hid these)
FRESH_60_SLIPS = FRESH_60.replace("Thank you for meeting with me.",
                                  "Thank you for meeting with me. I admire there work with farmers. The company there "
                                  "plans for next year sound exciting. The engineers there plan looks solid to me. The "
                                  "residents there requests reach the kitchen by noon.")


def test_harper_leaves_an_open_compound_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_60) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_60_SLIPS)
    assert slips["grammar"].count("there") == 4, slips


# fresh-63 (stop 64): an -ise verb's agent noun the British/American list lacks ("serialisers"), and a web address,
# whose words are its owner's spelling, not the writer's ("pdf-summariser" in an American note)
FRESH_63 = ("Dear Mr. Okafor,\n\nThank you for interviewing me for the developer position. At my last job I wrote "
            "small serialisers for our site reports.\n\nBest regards,\nMaya Singh\n")
AMERICAN_LINK = ("Dear Ms. Price,\n\nThank you for the interview. I realized my demo is still up at "
                 "github.com/sam-lee/pdf-summariser if you would like to see it. My portfolio is at "
                 "https://samlee.dev/work and my email is sam.lee@example.com.\n\nBest regards,\nMaya Singh\n")
# ... and what stays: an -izer word in a British note is no American spelling (code's names: "initializer"), and a
# slip before a missing space is no address ("our converstion.In particular"), nor is the sentence after one
# ("https://samlee.dev.Favourite projects"): British there, against the note's American "color" (four reviews)
BRITISH_CODE = ("Dear Ms. Price,\n\nThank you for the interview. I realise I rushed my answer about C++ initializer "
                "lists; the initializer should run before the constructor body.\n\nBest regards,\nMaya Singh\n")
SLIP_BEFORE_A_LINK = ("Dear Ms. Price,\n\nThank you for the interview. I really enjoyed our converstion.In particular, "
                      "I liked the color work. My portfolio is at https://samlee.dev.Favourite projects are at the top."
                      "\n\nBest regards,\nMaya Singh\n")
# LanguageTool's count slips after a name-like word stay reported: a veto for "the Highway 7 resurfacing site" was
# withdrawn after four reviews ("the Design 3 mentoring workshop were all full" has its shape)
COUNTS = ("Dear Ms. Price,\n\nThank you for the interview. We visited 3 resurfacing site last week. In Q3 12 client "
          "renewed their contracts. You signed a whopping 40 new customer last quarter.\n\nBest regards,\nMaya Singh\n")


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_an_agent_noun_and_an_address_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_63) == {"grammar": [], "spelling": []}
    assert _by_rule(tmp_path, _languagetool_args(), AMERICAN_LINK)["spelling"] == []
    slips = _by_rule(tmp_path, _languagetool_args(), SLIP_BEFORE_A_LINK)["spelling"]
    assert "converstion" in slips and len(slips) == 2, slips  # the typo, and the one finding on the mix
    assert {"site", "client", "customer"} <= set(_by_rule(tmp_path, _languagetool_args(), COUNTS)["grammar"])


def test_harper_takes_an_agent_nouns_ise_as_british_and_its_ize_as_no_american(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_63)["spelling"] == []
    assert _by_rule(tmp_path, HARPER, BRITISH_CODE)["spelling"] == []  # no mixed-spelling finding on "realise"
    # none on "summariser" either, nor Harper's capital for "dev" after "samlee."
    assert _by_rule(tmp_path, HARPER, AMERICAN_LINK) == {"grammar": [], "spelling": []}


# fresh-64 (stop 65): a French phrase joined by hyphens ("bas-de-page": Harper flags "bas", LanguageTool the whole),
# and the verb "damages" (Harper's Damages is about the noun: a review)
FRESH_64 = ("Dear Mr. Bassani,\n\nThank you for meeting with me. I have painted bas-de-page scenes for private clients, "
            "and I know my mise-en-place. Salt spray damages the paint on older boats.\n\nBest regards,\nMaya Singh\n")
# ... and what stays: a slip inside the phrase, a piece of two letters no phrase of French has ("eau-de-vi": a review);
# Harper's "damages" -> "damage" (switching it off lost "a lot of damages to the lab roof": a review, stop 65), and
# LanguageTool's A_INFINITIVE before a list ("the discuss, tour and lunch parts": a veto for it was withdrawn)
FRESH_64_SLIPS = FRESH_64.replace("Thank you for meeting with me.",
                                  "Thank you for meeting with me. I have painted bas-de-pgae scenes. We served a pear "
                                  "eau-de-vi with the cheese. The storm caused a lot of damages to the lab roof. I enjoyed "
                                  "the discuss, tour and lunch parts of the day.")


def test_harper_leaves_a_hyphened_loan_phrase_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_64) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_64_SLIPS)
    assert "pgae" in slips["spelling"] and "damages" in slips["grammar"], slips


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_hyphened_loan_phrase_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_64) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_64_SLIPS)
    assert {"bas-de-pgae", "eau-de-vi"} <= set(slips["spelling"]), slips
    assert "the discuss" in slips["grammar"], slips


# fresh-65 and natural-22 (stop 66): a pseudo-cleft's bare verb ("… is just sit with them") and "up to date" after
# a verb
FRESH_65 = ("Dear Ms. Kerr,\n\nThanks heaps for chatting on Tuesday. I attached the file. Sometimes the best "
            "thing you can do for someone is just sit with them. What I did was sit with her. My first aid and CPR "
            "certificates are up to date.\n\nBest regards,\nMaya Singh\n")
# ... and what stays (reviews): a word after a stray full stop (sparing a file's extension was withdrawn), a slip
# before a number, "up to date" before its noun, "is ask" after a relative clause's "do", and slips of common words
# that are Australian words too ("ute" for "use", "rager" for "eager": a variety's word list was withdrawn)
FRESH_65_SLIPS = FRESH_65.replace("I attached the file.",
                                  "I attached the file. It was a pleasure to meet the whole team .Thnak you again. Everyone .thnak you. "
                                  "Your team's up to date and detailed records impressed me. This is up to date software. All who did well "
                                  "were ask back. "
                                  "We source parts from a Teir-1 supplier. We keep up to date records for every client. "
                                  "The clerk who does payroll was check the files. The students who did best were ask to present. I "
                                  "will ute the new tool. I am rager to start.")


def test_harper_keeps_a_slip_after_a_stray_full_stop_and_before_a_number(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_65) == {"grammar": [], "spelling": []}
    assert {"Thnak", "Teir"} <= set(_by_rule(tmp_path, HARPER, FRESH_65_SLIPS)["spelling"])


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_pseudo_cleft_and_up_to_date_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_65) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_65_SLIPS)
    assert {"up to date", "check", "ask"} <= set(slips["grammar"]), slips
    assert [w for w in slips["grammar"] if w == "up to date"] == ["up to date"] * 3, slips
    assert [w for w in slips["grammar"] if w == "ask"] == ["ask", "ask"], slips
    assert {"thnak", "ute", "rager"} <= set(slips["spelling"]), slips


# fresh-66 (stop 67): "there" as a place before its verb's "-ing" clause, "quasi" before a common word of seven
# letters or more, and a prefix before a hyphened word of common words ("tele-follow-up"); a common word broken after
# the prefix stays ("tele-phone-call": a review), and so does a slip written twice (sparing a word the note writes
# twice was withdrawn: it lost "wich … wich", "bookeeping … bookeeping": a review)
FRESH_66 = ("Dear Ms. Kerr,\n\nThank you for meeting with me. I spent nine years there learning to prepare cloth. "
            "I ran quasielastic scans last year and set up tele-follow-up clinics.\n\nBest regards,\nMaya Singh\n")
# ... and what stays: "there" for "their" before a noun or right after its verb, "quasi" before a slip or a short piece
# ("quasilinaer", "quasiment": a review), and a learner's plural adjective (sparing "comparables" as a counted noun
# was withdrawn: it lost "I met the responsibles for the warehouse", "The availables are limited": a review)
FRESH_66_SLIPS = FRESH_66.replace("I ran quasielastic scans last year and set up tele-follow-up clinics.",
                                  "I ran quasielastic scans last year and set up tele-folow-up clinics. I enjoyed there presentation. I loved there "
                                  "learning culture. We fitted a quasilinaer model. I met the responsibles for the "
                                  "warehouse on Monday. Thank you for the tele-phone-call. I enjoyed the tour, wich showed "
                                  "me the warehouse, and the demo, wich was great.")


def test_harper_leaves_a_place_before_its_verbs_clause_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_66) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_66_SLIPS)
    assert slips["grammar"].count("there") == 2, slips
    assert {"quasilinaer", "responsibles", "folow"} <= set(slips["spelling"]), slips
    assert slips["spelling"].count("wich") == 2, slips


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_takes_quasi_only_before_a_long_word(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_66) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_66_SLIPS)
    assert {"quasilinaer", "tele-folow-up", "tele-phone-call"} <= set(slips["spelling"]), slips
    assert slips["spelling"].count("wich") == 2, slips


# fresh-67 and natural-24 (stop 68): a compound noun before its own verb ("the host stand sets"), "trades" as a noun's
# modifier, a "from <-ing> … to <-ing>" range, a person's noun before its verb and object ("a … neurophysiologist
# reviews live traces") and a plural's phrase after Harper's missing determiner ("provide case logs")
FRESH_67 = ("Dear Ms. Kerr,\n\nThank you for meeting with me. I liked your idea that the host stand sets the tone for the "
            "whole meal. You said you want a trades assistant who turns up on time. I also liked the admin side, from "
            "sorting the post and ordering supplies to preparing the monthly invoices. In your model a supervising "
            "neurophysiologist reviews live traces from several rooms at once. I would be glad to provide case logs if "
            "they would help.\n\nBest regards,\nMaya Singh\n")
# ... and what stays: a singular noun with no article, "to" before an "-ing" outside a range or right after its first
# "-ing", a plural after "a" with no verb's object after it or that is an object, and a subject that disagrees with its
# verb, its object too (the last three after a review)
FRESH_67_SLIPS = FRESH_67.replace("I would be glad to provide case logs if they would help.",
                                  "I would be glad to provide case study. I want to going home. How a store managers "
                                  "plan works. The costumer lose the receipt. We hired a researcher interviews. Every "
                                  "month the director report results to the board. I read a consultant reports last "
                                  "week. I went from wanting to leaving to decide to stay.")


def test_harper_leaves_compounds_ranges_and_plural_phrases_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_67) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_67_SLIPS)
    assert {" ", "managers", "lose", "interviews", "report", "reports"} <= set(slips["grammar"]), slips


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_a_gerund_range_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_67) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_67_SLIPS)
    assert {"going", "leaving", "managers", "lose", "interviews"} <= set(slips["grammar"]), slips


# fresh-68 (stop 69): two combining forms ("cryoballoon", "archaeobotanist"), a noun phrase whose owner comes before
# Harper's missing determiner ("the draftsman's file note"), an ISO 20022 message's name ("pacs.008") and a Canadian
# note's -our beside medicine's e ("honoured", "anesthesia", "hemorrhage")
FRESH_68 = ("Dear Dr. Roy,\n\nThank you for meeting with me. I was honoured to hear how your obstetric anesthesia team "
            "manages postpartum hemorrhage. I have supported cryoballoon ablation, and I met your archaeobotanist on the "
            "tour. In the claim you described, the draftsman's file note proved decisive. Duplicate pacs.008 messages "
            "reached the switch.\n\nBest regards,\nMaya Singh\n")
# ... and what stays: slips in those words, a singular noun with no article, a misspelling before a number, and a mix
# (a note of its own: in one with the right words too, four words far from any English word are the note's glossary)
FRESH_68_SLIPS = ("Dear Dr. Roy,\n\nThank you for meeting with me. I liked the cryoballon ablation. I met the "
                  "archaeobotanst team. I will provide case study. The tempreture.10 reading was odd. I recieve.001 files "
                  "daily. Our team file report every week. I was honoured to see the centre's new color scheme.\n\n"
                  "Best regards,\nMaya Singh\n")


def test_harper_leaves_combining_forms_owned_phrases_and_message_names_alone(tmp_path):
    assert _by_rule(tmp_path, HARPER, FRESH_68) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, HARPER, FRESH_68_SLIPS)
    assert slips["grammar"].count(" ") == 2, slips  # "provide case study", "team file report" (a verbless sentence)
    assert {"cryoballon", "archaeobotanst", "tempreture", "recieve"} <= set(slips["spelling"]), slips
    assert any(w in slips["spelling"] for w in ("honoured", "centre", "color")), slips  # the note's one mix finding


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_languagetool_leaves_combining_forms_and_message_names_alone(tmp_path):
    assert _by_rule(tmp_path, _languagetool_args(), FRESH_68) == {"grammar": [], "spelling": []}
    slips = _by_rule(tmp_path, _languagetool_args(), FRESH_68_SLIPS)
    assert {"archaeobotanst", "tempreture", "recieve"} <= set(slips["spelling"]), slips
