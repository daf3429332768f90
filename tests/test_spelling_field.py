"""Issue 9, items 2 and 3, the cases still reported: a tool's abbreviation ("dbt"), a name that
starts a sentence and is no greeting's, signature's or context's name ("Tunde walked me through",
"Tunde and I discussed", "Tunde's team"), a French term ("chef de partie"), te reo Maori words
in a New Zealand note ("taonga", "iwi"), Hindi words ("gram sabha", "kharif"), words of
LanguageTool's dictionary that Harper's lacks ("glamping"), words of SCOWL's "huge" list ("tephra"), a
term with a capital inside ("SARS-CoV-2") and words built with a final or from a regional
spelling ("syndromic", "colourfastness"), codes and acronyms ("int8", "E2B(R3)", "GSTR", "S&OP"),
initials ("B.Pharm"), drug names ("ibrutinib") and a dictionary's field words ("nuchal",
"diacetyl") are not misspellings, whichever engine; a real misspelling beside each is still
reported. Real CLI, real Harper and LanguageTool, real spaCy."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import HARPER, run_cli
from test_grammar_cli import _languagetool_args

NOTE = (
    "Hi Dana,\n\nThank you for meeting with me yesterday. {s}\n\n"
    "I look forward to hearing from you.\n\nBest regards,\nSam\n"
)
CLEAN = {
    "abbreviation.txt": "I enjoyed how we talked about your dbt models and the npm workspace.",
    "name.txt": "Tunde walked me through the onboarding plan.",
    # beside the writer, and possessive: both start a sentence
    "name-beside.txt": "Tunde and I discussed the warehouse migration. Tunde's team runs the nightly loads.",
    "french.txt": "I was glad to hear how the chef de partie runs the line at dinner.",
    # te reo Maori as New Zealand English writes it, with no macron in the note, and with one
    "te-reo.txt": "I valued our talk about caring for taonga and records relating to mana whenua, and about engagement with iwi.",
    "te-reo-macron.txt": "The pāua survey near Kaikōura and the work of the kaitiaki were the highlights.",
    # Hindi as Indian English writes it, two words of it in the note (stop 35: fresh-20, fresh-22)
    "hindi.txt": "I enjoyed hearing how the gram sabha meets, how the jal sevaks check the tanks, and how members store their rabi crop.",
    # ... in Indian English's spellings of Hindi, not IAST's ("kharif", not "kharipha"; "sangeet") (stop 38, fresh-26)
    "hindi-popular.txt": "Each taluk plans its planting around the kharif sowing, and the sangeet evenings were a joy to staff.",
    # ... and one Hindi word alone, no slip of a common English word (stop 39, fresh-27)
    "hindi-one.txt": "I was impressed by your plan to start maintenance camps before the kharif season.",
    # ... as Hindi speaks them, without the inherent "a" inside the word ("halavā" -> "halwa") (stop 49, fresh-46)
    "hindi-spoken.txt": "The walk through the halwa section with your team of halwais was the highlight.",
    # ... and Hinglish as wordfreq's Hindi list writes it in Latin letters, kept as it is ("janta")
    "hindi-latin.txt": "I loved the janta meals and the halwa counter.",
    # a listed prefix hyphened to a common word: Harper checks "tele" alone, LanguageTool the whole (stop 49, fresh-46)
    "prefix-hyphened.txt": "Your plans for a tele-stroke network linking the district hospitals were inspiring.",
    # a word said twice with a hyphen: Harper checks the pieces (stop 49, natural-3)
    "reduplicated.txt": "I started a morning kho-kho group, and the girls loved it.",
    # words LanguageTool's dictionary holds and Harper's lacks: Harper alone asks it too (stop 39,
    # fresh-27); a curly apostrophe is the list's straight one
    "languagetool-dictionary.txt": "We talked about the glamping sites, the rostered staff, the fescue on the greens and the boat’s fo’c’sle.",
    # ... and hyphenated words it holds whole, which Harper checks piece by piece ("alongs", "heli") (stop 40, fresh-30)
    "languagetool-hyphenated.txt": "I have done ride-alongs with your drivers and handled heli-skiing bookings.",
    # a term as its owners write it, a capital inside
    "term.txt": "I linked SARS-CoV-2 wastewater data to clinic visits and shipped the iOS app.",
    # a final that only ends a word (syndrome + ic) and a closed compound of a British spelling,
    # which makes the note British
    "derived.txt": "I enjoyed the syndromic surveillance dashboards and the colourfastness tests.",
    # codes with a digit, acronyms, initials and dotted degrees
    "codes.txt": "I tuned the int8 kernels for p99 latency, filed E2B(R3) reports and drove the 4WD to the GSTR-2B review.",
    "initials.txt": "My B.Pharm and M.Pharm help, and my mentor P. Geo. Ranaweera still checks my work.",
    # drug names (an INN stem ends each) and a dictionary's field words that are no slip of a common word
    "drugs.txt": "I have dosed carboplatin and capecitabine, and I followed patients on ibrutinib and tocilizumab.",
    "dictionary.txt": "We covered the diacetyl rest, the decoction mash and the nuchal translucency scan.",
    "ampersand.txt": "We discussed a monthly S&OP cadence, the P&L review and our SAP S/4HANA rollout.",
    # a prefix English builds words with; a headword the engine splits; a word whose plural the engine knows
    "prefixes.txt": "We talked about bicultural practice, dysfluency, the pilotage exam and the cytokine panel.",
    # a suffix of persons and qualities ("exceptional" + "ities")
    "suffixes.txt": "We talked about supporting students with exceptionalities in the French immersion stream.",
    # science's Greek and Latin compounds, a stem joined by "o" to a final
    "classical.txt": "The sonographer showed me elastography, capnography and tympanometry in one morning.",
    # ... and to "scope" (stop 24); "meso" as a prefix
    "scopes.txt": "I cleaned the laryngoscopes and bronchoscopes, and we tracked a mesovortex on the radar.",
    # words of SCOWL's size-80 list, no slip of a common word or of one of its size 50 (stop 40)
    "scowl.txt": "We logged tephra layers, planned a medevac drill and laid up prepreg panels in my externship.",
    # words wordfreq has seen that are two edits or more from every common word
    "unrelated.txt": "We compared malolactic timing, fertigation schedules and the cleanroom gowning steps.",
}
# the same sentences with a slip beside the quoted word: (sentence, the slips reported)
SLIPS = {
    "abbreviation-slip.txt": ("I enjoyed how we talked about your dbt modles.", ["modles"]),
    # "Gouverment will try" has no object: not someone doing something to the writer
    "name-slip.txt": ("Tunde walked me through the plan. Gouverment will try to fund it.", ["Gouverment"]),
    "name-beside-slip.txt": ("Tunde and I discussed the warehouse migraton.", ["migraton"]),
    # no French word ("partei"), and "partie" where no French stands beside it
    "french-slip.txt": ("The chef de partei runs the line. We planned the partie for May.", ["partei", "partie"]),
    # a slip of te reo's shape in a note with no te reo; a slip of another shape in one with it
    "te-reo-slip.txt": ("I stayed at the lab until late at nite to finish the report.", ["nite"]),
    "te-reo-other-slip.txt": ("We talked about taonga and iwi, and the guidance I recieved.", ["recieved"]),
    # an English slip that spells a Hindi word, alone in its note (Norvig's "leval"); a slip beside Hindi words
    "hindi-slip.txt": ("I enjoyed the leval of detail in the plan.", ["leval"]),
    "hindi-other-slip.txt": ("The gram sabha and the jal sevaks recieved the plan.", ["recieved"]),
    # two slips that Hindi's spoken forms of English words spell ("mangement" from the list's "management",
    # "fitnes" from "फिटनेस"): the list holds neither, so the pair passes no Hindi check (a review, stop 49)
    "hindi-spoken-slip.txt": ("I admired how your mangement team runs the databse migration.", ["mangement", "databse"]),
    "hindi-loan-slip.txt": ("The new fitnes centre and the opning hours suit me.", ["fitnes", "opning"]),
    # -ic inside a word is no final: "definic" + "ation"
    "derived-slip.txt": ("The definication of the term was clear.", ["definication"]),
    "codes-slip.txt": ("I tuned the int8 kernals for the GSTR review.", ["kernals"]),
    # a slip in the drug's stem; a dictionary headword one edit from a common word (Norvig's "sence")
    "drugs-slip.txt": ("I dosed carboplatin and amoxicilin last year.", ["amoxicilin"]),
    "dictionary-slip.txt": ("The diacetyl rest took a day, and the sence of calm was clear.", ["sence"]),
    # "trans" + "fred" is no word; "succes" is far rarer than "success", its first guess
    "prefixes-slip.txt": ("The files were transfred overnight, and our succes was clear.", ["transfred", "succes"]),
    "classical-slip.txt": ("I read about techology in the archaeologist's notes.", ["techology"]),
    # a capital left out: SCOWL's lists hold such words in lower case too, so they pass no field check
    "capital-slip.txt": ("I spent two years with a mozambican health charity.", ["mozambican"]),
    "languagetool-dictionary-slip.txt": ("The glamping sites were recieved well.", ["recieved"]),
    # ... and the piece alone elsewhere in the note is still a slip (a review of stop 40)
    "languagetool-hyphenated-slip.txt": ("The ride-alongs went well; I went alongs with two drivers.", ["alongs"]),
    # a slip of "leukocyte" that a combining form "leuko" + "site" would pass (a review, stop 63)
    "leuko-slip.txt": ("My thesis looked at leukosite counts in the gut.", ["leukosite"]),
    # a word of SCOWL's size 80 one edit from one of its size 50 (Norvig's "supercede": supersede)
    "scowl-slip.txt": ("The tephra layers supercede the older map.", ["supercede"]),
    # a slip far from any common word that wordfreq has never seen (Norvig's "nessisary")
    "unrelated-slip.txt": ("The malolactic step was nessisary for the wine.", ["nessisary"]),
}
NOTES = {name: NOTE.format(s=s) for name, s in CLEAN.items()} | {
    name: NOTE.format(s=s) for name, (s, _) in SLIPS.items()}  # fmt: skip


def _spelling(tmp_path, args) -> dict[str, list[str]]:
    for name, text in NOTES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    proc = run_cli("--format", "json", *args, *NOTES, cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    out = {}
    for f in json.loads(proc.stdout)["files"]:
        text = NOTES[f["path"]]
        out[f["path"]] = [text[x["offset"] : x["offset"] + x["length"]] for x in f["findings"] if x["rule"] == "spelling"]
    return out


def _check(found: dict[str, list[str]]) -> None:
    for name in CLEAN:
        assert found[name] == [], (name, found[name])
    for name, (_, slips) in SLIPS.items():
        assert found[name] == slips, (name, found[name])


def test_field_words_names_and_french_terms_with_harper(tmp_path):
    _check(_spelling(tmp_path, HARPER))


@pytest.mark.languagetool
@pytest.mark.skipif(_languagetool_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install")
def test_field_words_names_and_french_terms_with_languagetool(tmp_path):
    _check(_spelling(tmp_path, _languagetool_args()))


def test_a_slip_in_a_piece_of_a_hyphenated_word_is_still_reported_with_harper(tmp_path):
    """Harper flags the piece; "recieve-based" is no word of LanguageTool's list, so the piece stays."""
    (tmp_path / "n.txt").write_text(NOTE.format(s="I ran a recieve-based checklist on the ride-alongs."), encoding="utf-8")
    proc = run_cli("--format", "json", *HARPER, "n.txt", cwd=tmp_path)
    [f] = json.loads(proc.stdout)["files"]
    assert [x["message"] for x in f["findings"] if x["rule"] == "spelling"] == [
        "'recieve' is misspelled; did you mean 'receive'?"]


def test_each_check_is_off_at_its_default():
    """The pack switches them on (spelling.yaml); the kind's defaults leave them off."""
    from thanklint.kinds.proofread import ProofreadParams, _field_word, _loan_word

    off = ProofreadParams(category="spelling", disable={}, common_zipf=3.3)
    on = ProofreadParams(category="spelling", disable={}, common_zipf=3.3, abbreviations=True, loan_gap=2.0)
    assert _field_word("dbt", ["debt"], on) and not _field_word("dbt", ["debt"], off)
    assert not _field_word("whn", ["when"], on)  # a function word's slip (Norvig's), no abbreviation
    assert not _field_word("malolactic", ["malodorous"], off)
    assert _field_word("malolactic", ["malodorous"], replace(off, unrelated_zipf=1.0))
    # the engine's guess is a name run together ("Latin American"): a slip of case and space
    assert not _field_word("latinamerican", ["Latin American"], replace(off, unrelated_zipf=1.0))
    assert _field_word("tephra", ["terra"], replace(off, scowl_words=True)) and not _field_word("tephra", ["terra"], off)
    assert _field_word("corneoscleral", [], replace(off, medical_words=True)) and not _field_word("corneoscleral", [], off)
    assert not _field_word("accomodation", ["accommodation"], replace(off, medical_words=True))  # listed, but a slip
    text = "the chef de partie"
    assert _loan_word(text, 12, 18, on) and not _loan_word(text, 12, 18, off)


def test_a_hyphened_prefix_needs_a_common_word_after_it():
    """"tele-stroke" is a word whether the engine flags the prefix or the whole; a slip in the word
    after it ("tele-strok"), the prefix alone, or a common word the hyphen breaks ("tele-vision") is not."""
    from thanklint import packs
    from thanklint.kinds.proofread import _hyphened_prefix

    p = next(r for r in packs.load().rules if r.id == "spelling").params
    text = "a tele-stroke unit, a tele-strok unit and a tele"
    assert _hyphened_prefix(text, 2, 6, p) and _hyphened_prefix(text, 2, 13, p)
    assert not _hyphened_prefix(text, 22, 26, p) and not _hyphened_prefix(text, 22, 32, p)
    assert not _hyphened_prefix(text, len(text) - 4, len(text), p)
    assert not _hyphened_prefix("a tele-vision", 2, 6, p) and not _hyphened_prefix("a tele-vision", 2, 13, p)


def test_hyphenated_field_words_and_run_together_words_in_scowl():
    """A span an engine flags whole ("prosthetist-orthotist", LanguageTool's way) is a field's word
    when each piece is one, possessive too; a slip in a piece is not. SCOWL's size 80 holds
    "intime": with the engine's "in time" it is a function word run on, still a slip."""
    from thanklint import packs
    from thanklint.kinds.proofread import _field_word, _hyphenated_words

    p = next(r for r in packs.load().rules if r.id == "spelling").params
    assert _hyphenated_words("prosthetist-orthotist", p) and _hyphenated_words("prosthetist-orthotist's", p)
    assert _hyphenated_words("washer-disinfectors", p)
    assert not _hyphenated_words("recieve-based", p) and not _hyphenated_words("well-knwon", p)
    assert _field_word("tephra", ["terra"], p)
    assert not _field_word("intime", ["in time", "intimate"], p)


def test_one_flagged_word_reads_no_hindi_list_when_one_word_alone_cannot_pass():
    """With `hindi_near_zipf: 0` a Hindi word alone is never passed, so a note with one flagged
    word does not pay the list's read (90,000 words); two words still read it and pass."""
    from thanklint import packs
    from thanklint.kinds import proofread

    p = replace(next(r for r in packs.load().rules if r.id == "spelling").params, hindi_near_zipf=0.0)
    proofread._hindi.cache_clear()
    assert proofread._hindi_words(["kharif"], p) == frozenset()
    assert proofread._hindi.cache_info().misses == 0
    assert proofread._hindi_words(["rabi", "kharif"], p) == {"rabi", "kharif"}
