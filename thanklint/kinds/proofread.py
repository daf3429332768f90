"""`proofread`: the grammar engine's matches (LanguageTool or Harper) as findings of
one category — `grammar` or `spelling` — with the engine's replacements as
suggestions.

Spelling matches are dropped on names: spaCy entities, proper nouns the parser
trusts (not a sentence's first word that is a clear slip of a common word:
"Therfore"), a sentence's first word that does something to the writer ("Tunde walked
me through the plan"), stands beside the writer ("Tunde and I") or owns something ("Tunde's
team"), words capitalised mid-sentence, capitalised words in the greeting, the
sign-off and the signature below it, words with diacritics (names, loanwords), the
context's names, the user's vocabulary, terms with a capital inside ("SARS-CoV-2") and
words inside placeholders; so are the words of the greeting or valediction phrase the pack
knows ("Kia ora", "Ngā mihi") and te reo Māori words in a note that writes te reo. A linter
that flags "Okonkwo" gets switched off. So are ordinary words of a job's field
("melanogaster", "non-specialists", "statins"): a lower-case word that English text uses
often (wordfreq), or a regular inflection of a WordNet word about as common as it, is
not reported; nor is a closed compound of two nouns ("runbook", "playtests"), a word with
no vowel ("dbt": an abbreviation or a tool's name) or a word of a French phrase ("chef de
partie").

An engine rule whose premise the parser can check (`verify`: "the batch effects" is no verb,
"Te Moana Research" no "the") stands only where spaCy sees it.

Grammar also gets thanklint's own shapes (grammar/shapes.py: "I has", "look forward to hear")
where no engine match covers the same words."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from thanklint import dialect, respell, wordforms
from thanklint.grammar import shapes as grammar_shapes
from thanklint.kinds import kind
from thanklint.kinds._common import finding, from_findings, skipped
from thanklint.model import Suggestion


@dataclass(frozen=True)
class ProofreadParams:
    category: str  # grammar | spelling
    disable: dict  # engine name -> engine rule ids that misfire on notes (off for the engine)
    enable: tuple[str, ...] = ()  # engine rule ids the user turns back on (config)
    name_labels: tuple[str, ...] = ("PERSON", "ORG", "PRODUCT", "GPE", "NORP", "FAC", "WORK_OF_ART", "EVENT", "LOC")
    vocabulary: tuple[str, ...] = ()  # words never flagged (config `vocabulary`, vocabulary files)
    max_suggestions: int = 3
    # wordfreq Zipf frequencies (log10 of uses per billion words): a flagged lower-case word at
    # least this common is a word, not a misspelling; 0 turns the check off (measured: spelling.yaml)
    common_zipf: float = 0.0
    # ... or at least this common and no rarer than any of the engine's suggestions shown
    known_zipf: float = 0.0
    # ... or at least known_zipf common, a regular inflection of a WordNet noun or verb ("statins")
    # and at most this much (Zipf) rarer than it: "informations" (2.7, information 5.4) is a
    # learner's plural of a mass noun; 0 turns the check off (measured: spelling.yaml) ...
    form_gap: float = 0.0
    # ... unless one of the engine's guesses is this much (Zipf) more common ("puls": plus)
    form_rival_gap: float = 2.0
    # a closed compound of two nouns is a word when the engine's first guess is its two parts
    # ("runbook" -> "run book", "playtests"); off by default (measured: spelling.yaml)
    compounds: bool = False
    # ... and, with compounds, a word at least this common (Zipf) whose split is not 30x as common
    # ("confocal" -> "con focal"); 0 turns it off (measured: spelling.yaml)
    split_zipf: float = 0.0
    # a closed compound of two common WordNet nouns (each of four letters or more and at least this
    # Zipf, neither an adjective), itself seen by wordfreq (known_zipf) and one edit from no common
    # word, though the engine offers no split ("beamline"); 0 turns it off (measured: spelling.yaml)
    noun_compound_zipf: float = 0.0
    # a common word (at least this Zipf) with a productive prefix or suffix is a field word, unless
    # it is one edit from a common word ("deprescribing", "decodable"; "untill" stays a slip);
    # 0 turns it off (measured: spelling.yaml)
    base_zipf: float = 0.0
    prefixes: tuple[str, ...] = ()
    long_prefixes: tuple[str, ...] = ()  # prefixes that take only a base of long_base letters or more
    long_base: int = 7
    suffixes: tuple[str, ...] = ()
    finals: tuple[str, ...] = ()  # suffixes that only end a word ("syndromic"; "definication" is no word)
    # a combining form (four letters or more, ending in "o") may also take a rarer WordNet word of
    # six letters or more, at least this common ("micro" + "laryngeal"); 0 turns it off (spelling.yaml)
    rare_base_zipf: float = 0.0
    # the stems of drug names (WHO's INN stems: "-mab", "-tinib", "-platin"): a lower-case word of
    # eight letters or more that ends in one is a drug's name ("tocilizumab"); empty turns it off
    drug_stems: tuple[str, ...] = ()
    # the finals of science's Greek and Latin compounds: a lower-case word of nine letters or more
    # that joins a stem to one with the linking "o" ("capn-o-graphy", "tympan-o-metry") is a term
    # of some field; empty turns it off
    classical_finals: tuple[str, ...] = ()
    # a word of an unabridged dictionary (Webster's Second and GCIDE, `english-words` on PyPI) at
    # least this common (Zipf) and not one edit from a common word is a word of some field
    # ("nuchal", "diacetyl"); 0 turns it off (measured: spelling.yaml)
    dictionary_zipf: float = 0.0
    # ... and a headword of those dictionaries, however rare, with no common word within two edits
    # ("venepuncture", "boltrope"); off by default (spelling.yaml)
    far_headwords: bool = False
    # a word of SCOWL's size-80 list (rules/thankyou/data/scowl-words.txt.gz) one edit from no
    # common word and no word of its size 50 ("tephra", "medevac"); off by default (spelling.yaml)
    scowl_words: bool = False
    # ... and, on the same terms, a long word of a medical dictionary (rules/thankyou/data/
    # medical-words.txt.gz: "corneoscleral", "theranostics"); off by default (spelling.yaml)
    medical_words: bool = False
    # a word all three of those lists hold, Webster's or GCIDE, SCOWL to size 80 and WordNet, one edit
    # from common words but no slip of one of them ("shunter", not "carful"); off by default (spelling.yaml)
    listed_everywhere: bool = False
    # a word wordfreq has seen at least this often (Zipf) with no common word within two edits is
    # no slip of one: a misspelling stays within two edits of the word meant ("malolactic",
    # "fertigation"; Norvig's "nessisary" is wordfreq-unknown); 0 turns it off (spelling.yaml)
    unrelated_zipf: float = 0.0
    # a word of five letters or more whose engine's first guess is its own plural ("cytokine" ->
    # "cytokines"): the engine knows the word in the plural only; off by default (spelling.yaml)
    plural_guess: bool = False
    # the past of a verb English makes from a common word that is no verb ("upstreamed": upstream,
    # "onboarded"): a verb's own "-ed" is its lemma's form (wordforms), an irregular verb's is a
    # learner's slip ("teached"); off by default (spelling.yaml)
    denominal_ed: bool = False
    # a WordNet word is not reported, however rare, when each of the engine's guesses is at least
    # this many edits away: it knows no word this could be a slip of ("simvastatin" -> "devastating");
    # 0 turns the check off (measured: spelling.yaml)
    far_guess_edits: int = 0
    # a lower-case word is not reported when each of the engine's guesses is a name (a capital) at
    # least this many edits away: no slip of a name, nor of a word ("sarali" -> "Sarah"); 0: off
    name_guess_edits: int = 0
    # --fix also applies the engine's first suggestion for a misspelling when it is the word's
    # unambiguous correction (respell) and this much (Zipf) more common than any other word two
    # edits away; 0 turns it off (measured: spelling.yaml)
    fix_margin: float = 0.0
    # a capitalised word that starts a sentence is a slip, not a name, when the engine's first
    # guess is a common word (respell.COMMON) one or two edits away and at least this much (Zipf)
    # more common than the word ("Therfore", "Althogh": spaCy calls them proper nouns); 0 turns
    # it off (measured: spelling.yaml)
    start_slip_gap: float = 0.0
    # a lower-case word of two to five consonants ("dbt", "npm") is an abbreviation or a tool's
    # name: English writes no word without a vowel; off by default (measured: spelling.yaml)
    abbreviations: bool = False
    # a word of a French phrase the note quotes ("chef de partie"): it and a word beside it are both
    # at least this much (Zipf) more common in French than in English; 0 turns it off (spelling.yaml)
    loan_gap: float = 0.0  # a word of a phrase in another language (loan_languages): see _loan_word
    loan_languages: tuple[str, ...] = ("fr",)
    # ... and a word only this much likelier there (Zipf), beside a word loan_gap likelier: "en primeur"; 0: off
    loan_near_gap: float = 0.0
    # honorifics written after a name ("Ramesh ji"): one right after a capitalised word is part of the name
    honorifics: tuple[str, ...] = ()
    # in a note that writes te reo Māori (a macron, or two flagged words of its shape), a word of
    # te reo's shape is no misspelling ("taonga", "iwi", "rohe moana"); off by default (spelling.yaml)
    te_reo: bool = False
    # ... and likewise, in a note where two flagged words are Hindi as Indian English writes it in
    # Latin letters (rules/thankyou/data/hindi-words.txt), those words ("gram sabha", "haveli")
    hindi_words: bool = False
    # ... and one such word alone when no word one edit away is this common (Zipf); 0: never alone
    hindi_near_zipf: float = 0.0
    # in a note where this many different flagged words in lower case are far from every common word
    # (none within two edits) and the engine guesses no likely intended word for them, the note writes a
    # field's or a language's vocabulary: those words are no misspellings ("abhyanga"); 0: off
    glossary_words: int = 0
    # ... a likely intended word: a guess at least this common (Zipf) and this alike (difflib's ratio)
    glossary_guess_zipf: float = 3.5
    glossary_guess_ratio: float = 0.7
    # ... or a rarer guess (at least this common) that ends as the word does in one of these English
    # endings: a slip keeps the word's English shape ("talkkative" -> "talkative", "errounuosly" ->
    # "erroneously"); a field's or a language's word has none ("sarvanga" -> "savanna"); 0 / (): off
    # family words an engine knows only as names ("nan" -> "Nan"): no capitalisation slip after an article or a possessive
    kin_words: tuple[str, ...] = ()
    glossary_ending_zipf: float = 0.0
    glossary_endings: tuple[str, ...] = ()
    # a word alone in quotation marks is mentioned, not used: a sound, a stroke, a label ("a ringing
    # "tin" and a bending "ge""); off by default (spelling.yaml)
    quoted_words: bool = False
    # Latin phrases English writes ("in situ", "inter partes", "de novo"): their words are no
    # misspellings there, and a slip of one ("in sitiu") matches none, so it is still reported
    latin_phrases: tuple[str, ...] = ()
    # a species' binomial name ("Encarsia formosa", "E. coli"): a lower-case word of a Latin
    # ending, not a verb, right after a capitalised word English rarely writes (or its initial);
    # off by default
    binomials: bool = False
    # engine rule id -> a premise of it the parser can check (PREMISES): a match whose premise
    # spaCy does not see is dropped ("the most honest answer": honest is no superlative)
    verify: dict = field(default_factory=dict)
    # thanklint's own grammar shapes ("I has", "look forward to hear"), added to the engine's matches
    shapes: grammar_shapes.Shapes | None = None
    vocabulary_lower: frozenset = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "vocabulary_lower", frozenset(v.lower() for v in self.vocabulary))
        if self.category not in ("grammar", "spelling"):
            raise ValueError("category must be grammar or spelling")
        for engine, ids in self.disable.items():
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                raise ValueError(f"disable.{engine} must be a list of engine rule ids")
        if not isinstance(self.enable, (list, tuple)) or not all(isinstance(i, str) for i in self.enable):
            raise ValueError("enable must be a list of engine rule ids")
        # one premise or a list of them: held as a tuple
        for rid, v in self.verify.items():
            if not isinstance(v, (str, list, tuple)) or not all(isinstance(x, str) for x in ([v] if isinstance(v, str) else v)):
                raise ValueError(f"verify.{rid} must be a premise or a list of premises ({', '.join(PREMISES)})")
        object.__setattr__(self, "verify", {rid: (v,) if isinstance(v, str) else tuple(v) for rid, v in self.verify.items()})
        for rid, premises in self.verify.items():
            for premise in premises:
                if premise not in PREMISES:
                    raise ValueError(f"verify.{rid}: unknown premise {premise!r} (one of {', '.join(PREMISES)})")


def _is_name(analysis, start: int, end: int, p: ProofreadParams, names: set[str], guesses=()) -> bool:
    """A flagged word that is someone's or something's name. Only a word with a capital
    letter can be taken for a name by the parser: spaCy tags unknown lower-case words
    ("realy") as proper nouns too, and capitalised slips at a sentence start ("Therfore"):
    those are names only when they are no clear slip of a common word (`_start_slip`)."""
    note = analysis.note
    word = note.text[start:end]
    if note.in_placeholder(start, end):
        return True
    key = word.strip(".,;:!?\"'’").lower()
    if key in names or key in p.vocabulary_lower:
        return True
    if key.endswith("s") and (key[:-1] in names or (key.endswith("es") and key[:-2] in names)):
        return True  # the plural of the context's word: "shuttlers" with --role "vehicle shuttler" (stop 56, natural-12)
    head = _NAME_HEAD.search(note.text[max(0, start - 5) : start - 1]) if start >= 2 and note.text[start - 1] in "'’" else None
    if head and (len(head.group()) == 1 or (head.group().lower() not in _stop_words()
                                            and _zipf(head.group().lower() + key) < respell.COMMON)):
        return True  # the rest of a name after its capital (and a letter or two) and apostrophe: "K'iche'", "O'Dowd",
        #              the sender's "Fa'asavalu" (stop 54, natural-10); not after a stop word ("We'ar") nor a common
        #              word's stray apostrophe ("Ho'wever", "Ma'ny": a review)
    if key in p.honorifics and re.search(r"(?<![^\W\d_])[A-Z][^\W\d_]+\s+$", note.text[max(0, start - 40) : start]):
        return True  # "Ramesh ji": an honorific after a name
    if any(not c.isascii() for c in word if c.isalpha()):
        return True  # "Siobhán", "Nguyễn", "phở": a diacritic is typed on purpose, not by a slip
    if _INNER_CAPITAL.search(word) and not _RUN_ON_SENTENCE.fullmatch(word):
        return True  # "SARS-CoV-2", "iOS", "TallyPrime": a term as its owners write it, no slip
    if _CODE.search(note.text, max(0, start - 1), end + 1):
        return True  # "int8", "p99", "E2B(R3)", "4WD", "Form 3CD": a code, model or unit
    if sum(c.isupper() for c in word) >= 2 and re.match(r"-\d", note.text[end : end + 2]):
        return True  # "JNdi-1", "BHVO-2": a reference standard's or a model's name and its number (stop 53, fresh-51);
        #              two capitals, as a sentence's first word has one: "Levle-3 certified" is a slip (a review)
    if _ABBREVIATION.fullmatch(word) and _AFTER_NUMBER.search(note.text, max(0, start - 2), start):
        return True  # "1 ng/L", "20 mg": a unit after its number (English writes no word without a vowel)
    if word.isupper() and word.isalpha():
        return True  # "GSTR", "PSUR", the "S" of "S&OP" or "IHO S-44": an acronym, or a letter that names something
    if _INITIAL.fullmatch(word) or (start >= 2 and note.text[start - 1] == "." and note.text[start - 2].isalpha()):
        return True  # "P.Geo.", "B.Pharm", "B.V.Sc.": initials, or the rest of a dotted abbreviation
    if word[:1].isupper() and _DOTTED_REST.match(note.text, end):
        return True  # the head of one: the "Ph" of "Ph.D." (stop 43, fresh-36), as Harper splits it off
    if _in_formula(note, start, end):
        return True
    if not any(c.isupper() for c in word):
        return False
    if _in_frame(note, start):
        return True
    for tok in analysis.tokens(start, end) or ():
        if tok.ent_type_ in p.name_labels:
            return True
        if not _opens_sentence(tok):
            return True  # "Okonkwo", "Brightline": a capitalised word mid-sentence is a name
        if _acts_on_writer(tok):  # whatever spaCy tags it, and however near a common word it is
            return True
        if tok.pos_ == "PROPN" and not _start_slip(note.text, start, word, guesses, p):
            return True
    return False


# a name's head before its apostrophe: a capital and at most two letters, "O'", "D'", "Fa'", "Ma'"
_NAME_HEAD = re.compile(r"(?<![^\W\d_])[A-Z][a-z]{0,2}$")
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
# ... but two lower-case letters or more run into a capitalised word are a slip, a sentence run
# on without its full stop and space ("reduction of huThis": JFLEG dev)
_RUN_ON_SENTENCE = re.compile(r"[a-z]{2,}[A-Z][a-z]+")
_CODE = re.compile(r"[\d\u00b2\u00b3\u00b9\u2070-\u209f]")  # and sub- and superscript digits: the "S" of "H₂S"
_AFTER_NUMBER = re.compile(r"\d ?$")
_INITIAL = re.compile(r"(?:[A-Z]\.)+")  # "P.", and a run of them: the "B.V." of "B.V.Sc." (stop 27, fresh-11)
_DOTTED_REST = re.compile(r"\.[A-Z][A-Za-z]{0,3}\.")  # ".D." of "Ph.D.", ".Sc." of "B.Sc."


def _opens_sentence(tok) -> bool:
    """The token starts a sentence or a line for the parser: a capital there says nothing of a name."""
    return tok.is_sent_start or tok.i == 0 or tok.nbor(-1).is_space


def _acts_on_writer(tok) -> bool:
    """Someone, as a thank-you note tells it: the subject of a verb done to the writer ("Tunde
    walked me through the plan", "Ade gave us a tour"), someone beside the writer ("Tunde and I
    discussed the migration") or whose something is ("Tunde's team"), here or where the note
    uses the word again. spaCy may tag an unknown name a common noun ("Tunde"), and the slips
    the start-slip rule catches stand elsewhere ("Therfore, they asked me": an adverbial;
    "Gouverment will try": no object). A misspelt agent ("Managment asked me", "Managment and
    I") is taken for a name too: the parse cannot tell them apart."""
    return any(_someone(t) for t in tok.doc if t.text == tok.text)


def _someone(tok) -> bool:
    # read off the words, not the parse: spaCy's small model misparses a sentence that starts with
    # an unknown name ("Tunde and I discussed": Tunde the root, "discussed" its conjunct)
    after = [t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 3]]
    if after[:1] in (["'s"], ["’s"]) or after in (["and", "i"], ["and", "we"]):
        return True
    return tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "dative") and c.lower_ in ("me", "us") for c in tok.head.children)


def _start_slip(text: str, start: int, word: str, guesses, p: ProofreadParams) -> bool:
    """A sentence's capitalised first word that is a slip of a common word, not a name the
    parser failed to label: the engine's first guess is one word, common, one or two edits
    away, far more common than the word ("Therfore" 1.7 -> "therefore" 4.9) and the clear
    best of the common words that near (respell.sure: "Anvi" is as near "any" as "anti"), and
    the note never writes the word capitalised elsewhere (a name comes back). A name near a
    common word is common enough itself ("Dana" 3.8, "data" 5.3)."""
    if not p.start_slip_gap or not guesses or not word[1:].islower():
        return False
    low, guess = word.lower(), guesses[0].lower()
    if " " in guess or not 0 < respell.distance(low, guess) <= 2:
        return False
    common = respell.common_words().get(guess, 0.0)
    if common < respell.COMMON or common - _zipf(low) < p.start_slip_gap:
        return False
    if not respell.sure(low, guess, respell.MARGIN):
        return False
    return not any(m.start() != start for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text))


def _in_frame(note, start: int) -> bool:
    """In the greeting ("Dear Ms. Ó Briain,"), or from the valediction on ("Best regards,\n
    Aviral\nSenior Analyst, Quorvex"): there a capitalised word is a name or a title, and
    the name line starts a "sentence", so the parser cannot be trusted to say so."""
    g, s = note.greeting, note.signoff
    if g is not None and g.start <= start < g.end:
        return True
    return s is not None and start >= s.valediction.start


def _frame_names(note) -> tuple[str, ...]:
    """The capitalised words of the greeting and of the signed name: the note's own word that
    "Aviral" and "Okafor" are names, wherever else in the note they stand ("Aviral and I…")."""
    lines = (note.greeting, note.signoff.name if note.signoff else None)
    return tuple(w for ln in lines if ln is not None for w in re.findall(r"[\w'’-]+", ln.text) if w[:1].isupper())


def _has_degree(analysis, m) -> bool:
    """A comparative or superlative beside "more"/"most" in the span ("most worst"), not an
    adjective that merely ends in -est ("most honest", "most modest")."""
    start, end = m.offset, m.end
    toks = [t for t in analysis.tokens(start, end) if t.lower_ not in ("more", "most")]
    return not toks or any(t.tag_ in ("JJR", "JJS", "RBR", "RBS") for t in toks)


def _starts_sentence(analysis, m) -> bool:
    """The span's first word starts a sentence for the parser too: "Hallberg & Co. and work"
    goes on after the abbreviation (on JFLEG dev spaCy agrees with all 74 of Harper's matches),
    and so does "a P.Geo. with …", which spaCy breaks after a dotted credential."""
    start, end = m.offset, m.end
    toks = analysis.tokens(start, end)
    if toks and toks[0].i >= 2 and toks[0].nbor(-1).text == "." and _DOTTED.fullmatch(toks[0].nbor(-2).text):
        return False
    if _AFTER_RANK.search(analysis.note.text, max(0, start - 12), start):
        return False  # "Festuca rubra subsp. commutata": a species' name goes on after its rank
    if _INSIDE_ABBREVIATION.search(analysis.note.text, max(0, start - 12), start):
        return False  # "Acanthaster cf. solaris", "tools, e.g. dbt": no sentence ends on these (stop 51, fresh-48)
    if _AFTER_UNIT.search(analysis.note.text, max(0, start - 16), start) and analysis.note.text[start:end].lower() in _GOES_ON:
        return False  # "consistent at 1/8 in. when the boxes are fitted": a unit's full stop after its number, the
        #               sentence going on (stop 42, fresh-35); not "up to 50 lb. my back …" (a review)
    return not toks or toks[0].is_sent_start or toks[0].i == 0


_GOES_ON = frozenset({"when", "and", "or", "but", "so", "if", "while", "before", "after", "with", "to", "for", "by",
                      "because", "until", "unless", "as", "than", "which", "where", "at", "on", "in"})
# Latin abbreviations that stand inside a sentence, never at its end (unlike "etc.")
_INSIDE_ABBREVIATION = re.compile(r"(?<![\w.])(?:cf|aff|e\.g|i\.e|viz|vs|approx|incl|esp)\.\s+$", re.IGNORECASE)
_AFTER_UNIT = re.compile(r"\d\s*(?:in|ft|yd|lb|lbs|oz|gal|qt|pt)\.\s+$")
# a dotted credential or abbreviation as spaCy splits it off its last full stop: "P.Geo", "M.Tech"
_DOTTED = re.compile(r"[A-Z][a-z]{0,2}(?:\.[A-Z][A-Za-z]*)+")  # not "Vue.js"


def _not_initialism(analysis, m) -> bool:
    """The span does not go on from an initial's full stop, nor start a run of initials: "Add a
    space between sentences" is right for "home.He", not for the "Geo" of "P.Geo.", the "Tech"
    of "M.Tech", the "Sc" of "B.V.Sc.", the "A" of "Cer.A.T.T." or the last "L." of "LL.L." """
    text = analysis.note.text
    if _AFTER_INITIAL.search(text, max(0, m.offset - 4), m.offset):
        return False
    if _AFTER_CAPITALS.search(text, max(0, m.offset - 5), m.offset) and _LAST_INITIAL.match(text, m.offset):
        return False  # a degree's "LL.L." or "LL.B." (stop 57, fresh-55); "in the UK.He said" stays a slip
    return not _INITIAL_CHAIN.match(text, m.offset)  # the "A" of "Cer.A.T.T.": initials go on


_AFTER_INITIAL = re.compile(r"(?:^|[\s(.])[A-Z][a-z]?\.$")  # after a dot too: the "Sc" of "B.V.Sc." (stop 27, fresh-11)
_INITIAL_CHAIN = re.compile(r"[A-Z]\.[A-Z]")
_AFTER_CAPITALS = re.compile(r"(?:^|[\s(])[A-Z]{2,3}\.$")
_LAST_INITIAL = re.compile(r"[A-Z]\.(?:\s|$)")  # one capital and its full stop: not "Mr." of "the BBC.Mr. Shah" (a review)


def _not_names(analysis, m) -> bool:
    """The span is not a run of capitalised words, a name ("Karim El-Amin", "Wagga Wagga"): a
    repeated word or a misplaced space in one is how the name is written. Function words are
    no name ("I I am", "The The")."""
    if m.offset and analysis.note.text[m.offset - 1] == "-":
        return False  # a hyphened name's piece: the "jin Kwon" of "Hye-jin Kwon" (stop 43, fresh-38); "Joh nSmith" stays
    words = re.findall(r"[^\W\d_]+", analysis.note.text[m.offset : m.end])
    if len(set(words)) == 1 and _opens_sentence_at(analysis, m.offset, m.end):
        return True  # a word said twice where a sentence starts is a slip, not a name: "Thank Thank you" (a review)
    return len(words) < 2 or not all(w[:1].isupper() and len(w) >= 2 and w.lower() not in _stop_words() for w in words)


def _heads_phrase(analysis, m) -> bool:
    """The span's last word heads its phrase ("on the evening") rather than modifying a noun
    after it ("on the evening shift": a shift, not a time of day)."""
    start, end = m.offset, m.end
    toks = analysis.tokens(start, end)
    return not toks or toks[-1].dep_ not in ("compound", "nmod", "amod") or toks[-1].head.i < toks[-1].i


def _heads_sentence(analysis, m) -> bool:
    """The span's -ing word heads its sentence, with no finite verb above it ("They playing
    football"), rather than a clause another verb takes ("I appreciate Jane making the
    introduction and you accommodating our discussion")."""
    start, end = m.offset, m.end
    ing = [t for t in analysis.tokens(start, end) if t.tag_ == "VBG"]
    return not ing or ing[-1].dep_ == "ROOT"


def _ends_word(analysis, m) -> bool:
    """The span's last word ends there, not in a hyphenated compound ("my self-motivated
    style" is no "myself")."""
    return analysis.note.text[m.end : m.end + 1] != "-"


def _used_as_verb(analysis, m) -> bool:
    """The parser reads the span as a verb ("Please checkout the repo"), not a noun ("geo-holdout tests")."""
    start, end = m.offset, m.end
    toks = analysis.tokens(start, end)
    return not toks or any(t.pos_ in ("VERB", "AUX") for t in toks)


# Harper's NounVerbConfusion says which use it saw: "Use `affect` for the verb …" / "`advice` is a
# noun, the verb should be `advise`" (a verb's place), "`affect` is usually a verb; use `effect`
# here for the result …" / "`breathe` is a verb, the noun should be `breath`" (a noun's place)
_VERB_PLACE = re.compile(r"for the verb|the verb should be")
_NOUN_PLACE = re.compile(r"for the result|the noun should be")


def _use_as_claimed(analysis, m) -> bool:
    """The parser reads the word in the use the engine's message says it stands in: a verb for
    "This will effects the results" (-> "affects"), a noun for "a great affect on him" (->
    "effect"); never "the batch effects you described", which is a noun."""
    if _VERB_PLACE.search(m.message):
        return _used_as_verb(analysis, m)
    if _NOUN_PLACE.search(m.message):
        return not any(t.pos_ in ("VERB", "AUX") for t in analysis.tokens(m.offset, m.end))
    return True


def _next_token(analysis, m):
    """The token after the span's last one, or None."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[-1].i + 1 >= len(toks[-1].doc):
        return None
    return toks[-1].doc[toks[-1].i + 1]


def _next_heads(analysis, m) -> bool:
    """The word after the span heads its phrase, where the infinitive "to" would stand ("We need
    talk about it"), rather than modifying a noun further on ("I prepare site plans": "site"
    modifies "plans", and nothing is missing)."""
    nxt = _next_token(analysis, m)
    return nxt is None or nxt.dep_ not in ("compound", "amod", "nmod") or nxt.head.i < nxt.i


def _next_infinitive_slot(analysis, m) -> bool:
    """The word after the span may open the infinitive "to" would make ("We need talk about it",
    "I want go home"): it is no modal ("I hope the things I learned will help") and no subject of a
    verb of its own ("expects database lock": Harper reads "to database"), nor a mass noun that
    stands bare as the verb's object ("residents who want help with online forms": stop 34,
    natural-2). A count noun would take an article, so "We need talk about the budget" is a slip
    however spaCy parses it."""
    nxt = _next_token(analysis, m)
    toks = analysis.tokens(m.offset, m.end)
    if (toks and toks[-1].dep_ in ("nsubj", "nsubjpass") and toks[-1].head.i > toks[-1].i and toks[-1].tag_ == "NNS"
            and nxt is not None and nxt.pos_ == "AUX"):  # not "The depot needs cut its costs" (a review)
        return False  # the span is a plural noun, the subject of the verb after it: "their coverage needs have
        #               changed" (stop 50, natural-5); "The staff needs talk about the budget" stays
    if nxt is not None and nxt.lower_ in _BARE_OBJECTS and nxt.dep_ == "dobj":
        return False
    if (nxt is not None and nxt.text.isalpha() and nxt.text.islower() and nxt.text.endswith(_NOUN_ENDINGS)
            and not wordforms.is_verb(nxt.text)):
        return False  # a noun made from a verb, for "to" to open no infinitive: "prepared disclosure" (stop 42,
        #               fresh-34); a verb WordNet lacks stays: "we need benchmark the router" (a review)
    if (nxt is not None and nxt.i + 2 < len(nxt.doc) and nxt.nbor(1).lower_ in ("and", "or") and nxt.nbor(2).tag_ == "JJ"
            and not wordforms.is_verb(nxt.nbor(2).lower_)):
        return False  # a modifier joined to an adjective, both of a noun after: "I prepare draft and final bills
        #               of lading" (stop 43, fresh-36); "we need benchmark and test the router" stays, and so does
        #               "I need find and correct errors" (a verb the parser tags JJ: a review)
    if nxt is not None and nxt.i + 2 < len(nxt.doc) and nxt.nbor(1).text == "-" and not nxt.whitespace_ \
            and not nxt.nbor(1).whitespace_ and nxt.nbor(2).is_alpha:
        return False  # the word opens a hyphened noun: "and arrange post-mortems through your vet" (stop 52, fresh-50)
    if (toks and toks[-1].tag_ == "VBG" and nxt is not None and nxt.dep_ == "dobj" and nxt.tag_ == "NN"
            and any(c.dep_ == "conj" and c.tag_ in ("NN", "NNS") for c in nxt.children)):
        return False  # a gerund's objects, a list of things: "when you're preparing toast and fruit" (stop 53,
        #               natural-9); "We need talk and plan for the budget" (no gerund) stays (a review)
    if nxt is not None and nxt.tag_ in ("NNS", "VBZ") and nxt.lower_.endswith("s"):
        return False  # "to" opens no infinitive before an -s form: "That change cut failed runs by a third" (stop 48, fresh-45)
    return nxt is None or nxt.tag_ != "MD" and nxt.dep_ not in ("nsubj", "nsubjpass")


_NOUN_ENDINGS = ("ure", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism", "al")
# nouns that are verbs too and stand bare as an object ("want help", "need support")
_BARE_OBJECTS = frozenset({"help", "support", "access", "input", "time", "work", "advice", "guidance", "feedback"})


def _not_before_particle(analysis, m) -> bool:
    """No particle follows the verb: "I hop you are well" is "hope", "your operators hop out" is a
    verb with its particle."""
    nxt = _next_token(analysis, m)
    return nxt is None or nxt.dep_ != "prt" and nxt.lower_ not in _PARTICLES


_PARTICLES = frozenset({"out", "off", "up", "down", "over", "back", "in", "on", "into", "onto", "aboard", "across"})


def _no_article(analysis, m) -> bool:
    """No word of the span takes "a", "an" or "the": "I relay on my team" is "rely on", while "a
    distance relay on a 220 kV line" is a noun (stop 42, fresh-35). A possessive does not settle it:
    the parser makes "Our night staff relay on the sheet" a noun too (a review)."""
    return not any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for t in analysis.tokens(m.offset, m.end)
                   for c in t.children)


def _not_a_particle(analysis, m) -> bool:
    """No word of the span is a particle right after its verb: "out team" is "our team", while in "we
    turned out more than 300 pizzas" "out" belongs to "turned" (stop 42, fresh-33). The parser makes a
    slip after a preposition a particle too: "went over out notes" is still "our" (a review)."""
    return not any(t.dep_ == "prt" and t.i > 0 and t.doc[t.i - 1] == t.head for t in analysis.tokens(m.offset, m.end))


def _not_before_base_verb(analysis, m) -> bool:
    """No bare verb follows: "to" before one opens an infinitive ("issued orders to comply"),
    never "too"."""
    nxt = _next_token(analysis, m)
    return nxt is None or nxt.tag_ != "VB"


def _not_before_gerund_clause(analysis, m) -> bool:
    """No verb's "-ing" clause follows the place adverb: "I spent nine years there learning to
    prepare cloth" (stop 67, fresh-66) is no "their learning"; "thanks for there understanding",
    "there training program" (a noun, or an "-ing" word with nothing of its own) stay slips."""
    nxt = _next_token(analysis, m)
    toks = analysis.tokens(m.offset, m.end)
    if nxt is None or not toks or nxt.tag_ != "VBG" or nxt.dep_ not in ("advcl", "xcomp", "conj", "ccomp"):
        return True
    there = toks[0]
    # the place comes after its verb's object ("spent nine years there"): right after a verb ("I loved
    # there learning culture") the verb's object is still to come, and "there" may be its owner
    placed = there.dep_ == "advmod" and any(c.dep_ in ("dobj", "npadvmod") and c.i < there.i for c in there.head.children)
    return not (placed and any(c.dep_ in ("dobj", "xcomp", "prep", "ccomp") for c in nxt.children))


def _not_a_renoun(analysis, m) -> bool:
    """The verb read as a noun is no "re-" verb of a noun: "the rebrand you are working on", "the
    redesign", "the relaunch" are nouns as "the brand", "the design" are (stop 34, natural-1);
    "after the deploy" is still a verb where a noun should be."""
    from thanklint import wordforms

    words = [w.lower() for w in _WORD.findall(analysis.note.text[m.offset : m.end])]
    last = words[-1] if words else ""
    return not (last.startswith("re") and len(last) >= 6 and wordforms.is_noun(last[2:]))


_QUANTIFIERS = frozenset({"much", "many", "few", "little", "more", "less"})  # "to much food" is "too much"


def _not_before_noun_phrase(analysis, m) -> bool:
    """The "to" is no preposition before its object's adjective: "your commitment to friendly,
    personalised service" (stop 34, natural-1), never "too"; "to much food" still is."""
    toks = analysis.tokens(m.offset, m.end)
    nxt = _next_token(analysis, m)
    if not toks or nxt is None or nxt.lower_ in _QUANTIFIERS:
        return True
    return not (nxt.dep_ == "amod" and nxt.head.dep_ == "pobj" and nxt.head.head.i == toks[-1].i)


def _finite_verb(analysis, m) -> bool:
    """The span's verb is finite, not the bare infinitive "help", "let" or "make" takes ("This
    model succeed", never "I would love to help that model succeed"), nor a noun the parser hangs
    on a verb or a preposition as its object: "to bring that gate etch back under control" (stop 47,
    fresh-44)."""
    start, end = m.offset, m.end
    toks = analysis.tokens(start, end)
    if toks and toks[-1].pos_ == "NOUN" and toks[-1].dep_ in ("dobj", "pobj", "dative"):
        return False
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")]
    return not verbs or verbs[-1].tag_ != "VB"


# words that make a role a post with no article before it: "where I was assistant manager for six years"
_POST_MODIFIERS = frozenset({"assistant", "deputy", "acting", "associate", "interim", "senior", "junior", "chief", "head",
                             "lead", "principal", "general", "executive", "regional"})
_ROLE_ENDINGS = ("er", "or", "ist", "ant", "ent", "ian", "ee", "chef", "head", "clerk", "nurse")


def _not_a_post(analysis, m) -> bool:
    """The words after the verb are no post, a title word before a role: "I was assistant manager
    for six years" (stop 47, fresh-37) takes no article; "I was good student" does."""
    toks = analysis.tokens(m.offset, m.end)
    nxt = _next_token(analysis, m)
    return not (toks and toks[-1].lower_ in _POST_MODIFIERS and nxt is not None and nxt.lower_.endswith(_ROLE_ENDINGS))


def _not_a_name(analysis, m) -> bool:
    """The span holds no capitalised word in mid-sentence: there it starts a name ("Te Moana
    Research" is no "The"), while "te report" and a sentence's "Te report" are slips; nor is it
    te reo Māori in a note that writes te reo ("te reo", "te ao Māori")."""
    if _te_reo_article(analysis.note.text, m.offset, m.end):
        return False
    toks = analysis.tokens(m.offset, m.end)
    return not any(_capital_mid_sentence(t) for t in toks)  # MergeWords: "to Te Mana o te Wai"


def _capital_mid_sentence(tok) -> bool:
    """A capitalised word where no sentence or line starts: a name or a title's word."""
    return tok.text[:1].isupper() and not _opens_sentence(tok)


_SILENT_H = ("honour", "honor", "honest", "hour", "heir")  # and their derivatives: "honourable", "hourly"
# words whose vowel letter is said "y", where Harper asks for "an" ("a university" and "a European" it gets right)
_SAID_YOO = ("ewe", "unanim")
_CONSONANT_SOUNDING = "BCDGJKPQTVWZ"  # letters whose names open with a consonant ("bee", "cee"); no vowel reaches it
# abbreviations with no vowel said as the whole word: "an Mr Jones", "an Ltd company" stay slips (a review)
_SAID_WHOLE = frozenset({"Mr", "Mrs", "Ms", "Mx", "Mt", "St", "Sgt", "Ltd", "Rd", "Sr", "Jr", "Dr", "Hwy"})


def _article_sound(analysis, m) -> bool:
    """The article does not follow the next word's sound. An acronym said as a word ("a STEM
    club", "a NASA grant") takes the article of its sound, not its letters; one said letter by
    letter takes the article of its first letter's name ("an MBA", "an NGO": "a MBA" is a slip,
    as "a apple" is). An acronym that opens with a vowel is left alone too: "a URL" and "an API"
    are both right. A word of silent "h" takes "an" in every English ("an honour": Harper knows
    only the American "honor"); "a ewe" and "a unanimous vote" are said "a yoo" (stop 36,
    fresh-24). A letter inside a code is no article: the "A" of "the DRC-01A intimation", of "the Q&A
    document" (stop 42, fresh-33), "A&E" (stop 45). A letter before "and" or a comma is a label: "Wolfcamp A and B"."""
    text = analysis.note.text
    if m.offset and (text[m.offset - 1].isalnum() or text[m.offset - 1] in "-_/&"):
        return False
    if text[m.end : m.end + 1] in ("&", "/"):  # "the first A&E attendance" (stop 45, fresh-42)
        return False
    if _NO_NOUN_AFTER.match(text, m.end):
        return False  # a label, no article: the "A" of "the Wolfcamp A and B" (stop 43, fresh-36)
    after = re.match(r"\s*([^\W\d_]+)", text[m.end :])  # Harper's span is the article
    nxt = after.group(1) if after else ""
    if len(nxt) >= 2 and nxt.isupper() and (_SAID_AS_WORD.match(nxt) or nxt in _SAID_AS_WORDS):
        return False
    article = text[m.offset : m.end].lower()
    # a short capitalised token with no vowel is said letter by letter, so its first letter's name
    # sets the article: "an Mw 9.0 rupture" ("em-double-u"), "an MSc" (stop 46, fresh-43)
    if 2 <= len(nxt) <= 4 and nxt[0].isupper() and not re.search(r"[aeiouyAEIOUY]", nxt) and nxt not in _SAID_WHOLE:
        return (article == "an") == (nxt[0] in _CONSONANT_SOUNDING)
    if article == "a" and nxt.lower().startswith(_SAID_YOO):
        return False
    if article == "an" and _un_prefixed(nxt.lower()):
        return False  # "an unidentified decedent": "un-" is said "un", not "yoo" (stop 56, fresh-54)
    return not (article == "an" and nxt.lower().startswith(_SILENT_H))


def _un_prefixed(word: str) -> bool:
    """A word of the prefix "un-" on a common word ("unidentified": identified), said "un" as in
    "unused"; "union", "unicorn" and "universal" ("ion", "icorn", "iversal") are no such word."""
    rest = word[2:]
    # "union" and its words ("unionization": un + ionization) are said "yoo" (a review)
    return word.startswith("un") and not word.startswith("union") and len(rest) >= 4 and _zipf(rest) >= 3.0


_NO_NOUN_AFTER = re.compile(r"\s*(?:[,;:)]|(?:and|or|nor)\b)", re.IGNORECASE)  # what opens no noun phrase


def _next_whole_word(analysis, m) -> bool:
    """The word after the match is a word of its own, not the letter that opens a compound: "in
    for its A-check" (an aircraft's maintenance check) is read as "its a", and is no "it's"."""
    return not re.match(r"\s+[^\W\d_]-\w", analysis.note.text[m.end :])


# an acronym that opens as a syllable does: a vowel, after at most one consonant or a cluster
# English starts words with ("STEM", "NASA", "SCUBA", "URL"; not "MBA", "NGO", "HR", "FBI")
_SAID_AS_WORD = re.compile(r"(?:[BCDFGHJKLMNPRSTVWZ]|[BCDFGKPT][LR]|S[CKLMNPTW]|S[PTC]R)?[AEIOU]")
# ... and those said as a word their letters do not show: "a FTSE 250 firm" ("footsie"), "a SQL
# query" ("sequel"; "an SQL query" is right too), "a SCSI disk" ("scuzzy")
_SAID_AS_WORDS = ("FTSE", "SQL", "SCSI")


def _plural_not_title(analysis, m) -> bool:
    """The span's plural noun is no capitalised word in mid-sentence, a title or a name ("a Marine
    Emergency Duties certificate"); "a books" is a slip."""
    toks = analysis.tokens(m.offset, m.end)
    return not toks or not _capital_mid_sentence(toks[-1])


def _not_capitals(analysis, m) -> bool:
    """The span is no word in capitals, an acronym or a certificate's letters ("hold a DECA")."""
    words = _WORD.findall(analysis.note.text[m.offset : m.end])
    return not words or not all(len(w) >= 2 and w.isupper() for w in words)


def _next_not_acronym(analysis, m) -> bool:
    """The word after the span is no acronym: "the WHO Surgical Safety Checklist" is the World
    Health Organization's, while "the how and the why" is the wordy use the rule is for."""
    after = re.match(r"\s*([^\W\d_]+)", analysis.note.text[m.end :])
    return not (after and len(after.group(1)) >= 2 and after.group(1).isupper())


def _word_after(analysis, m):
    """The first token after the span that is no whitespace, or None. Not _next_token: Harper's span may be the
    space between two words, which holds no token to step on from."""
    return next((t for t in analysis.doc if t.idx >= m.end and not t.is_space), None)


def _next_not_name(analysis, m) -> bool:
    """The word after the span is no capitalised word in mid-sentence: "a session in Studio 3"
    (Harper's MissingDeterminer asks for an article there) and "at Harbour Control" are names,
    which take none."""
    nxt = _word_after(analysis, m)
    return not (nxt is not None and nxt.text != "I" and _capital_mid_sentence(nxt))  # "across Coral Sea I know": no name


def _next_not_plural_phrase(analysis, m) -> bool:
    """The noun phrase after the span is not headed by a plural, which takes no article: "to provide case
    logs" (stop 68, fresh-67); "I will provide case study" still lacks one."""
    nxt = _word_after(analysis, m)
    while nxt is not None and nxt.dep_ in ("compound", "amod") and nxt.head.i > nxt.i:
        nxt = nxt.head
    # ... or a plural the tagger took for a verb in a noun's slot: "provide case logs if …" ("logs" VBZ, an object)
    return not (nxt is not None and (nxt.tag_ == "NNS" or nxt.tag_ == "VBZ" and nxt.dep_ in ("dobj", "pobj", "nsubj", "attr")))


def _not_in_determined_phrase(analysis, m) -> bool:
    """The noun phrase the span sits in has no determiner or owner before the span: in "the draftsman's file note"
    (stop 69, fresh-68) Harper asks for an article before "note", whose phrase opens with "the draftsman's"."""
    head = _word_after(analysis, m)
    while head is not None and head.dep_ in ("compound", "amod") and head.head.i > head.i:
        head = head.head
    # ... in a sentence with a verb: "Our team file report every week." (no verb: "file" is one) stays flagged (a review)
    return not (head is not None and head.dep_ != "ROOT"
                and any(c.dep_ in ("det", "poss") and c.idx < m.offset for c in head.children))


def _whole_words(analysis, m) -> bool:
    """The span starts at a word's start and ends at a word's end: "s and" is the end of "793s and D10T dozers" (a model's
    plural), not two words to merge into "sand"; nor the "i" of "the Cooke Anamorphic/i set" (stop 43,
    fresh-37)."""
    text = analysis.note.text
    starts = m.offset == 0 or not (text[m.offset - 1].isalnum() or text[m.offset - 1] in "/\\")
    # ... and ends at a word's end: "the re" is the start of "the re-recording mixer", not "there" (stop 53, fresh-51)
    return starts and not re.match(r"\w|-\w", text[m.end : m.end + 2])


# the marks of a section, a rule or a clause before its number in legal writing ("s 155", "r 7", "cl 12")
_SECTION_MARKS = frozenset({"s", "ss", "r", "rr", "cl", "pt", "ch"})


def _not_a_section(analysis, m) -> bool:
    """The span's last word is no section mark before a number: "to s 155" is a section of an Act
    ("s 155 notices"), not "tos" (stop 44, fresh-39). A broken word stays one: "I manag ed 12 people",
    "ove r 10 years", "wa s 8 years ago" (the joined word is a common one: a review)."""
    text = analysis.note.text
    span = text[m.offset : m.end]
    last = re.search(r"(?<![^\W\d_])[^\W\d_]{1,2}$", span)
    if not (last and last.group().lower() in _SECTION_MARKS and re.match(r"[ \t]+\d", text[m.end : m.end + 3])):
        return True
    return _zipf(re.sub(r"\s+", "", span).lower()) >= _BROKEN_WORD_ZIPF


_BROKEN_WORD_ZIPF = 4.0  # "over" 6.1, "class" 5.4; "tos" 3.3 (the terms of service) is no word to join into


# verbs of coming and going, used here without an object, so the noun a relative clause on them describes
# does what they say:
# "the contracts you have coming up", "the projects you have going"
_COMING = frozenset({"come", "go", "happen", "arrive", "land"})
# ... with these after them, the noun is the object of the preposition: "the changes we have going through"
_STRANDED = frozenset({"through", "over", "into", "for", "with", "about", "at", "to", "against", "after", "across", "from"})


def _not_a_kept_object(analysis, m) -> bool:
    """The -ing word after "have" does not head a relative clause on the noun before it that does
    what the verb says: "the contracts you have coming up" are contracts that come (a verb that takes
    no object), not "the work you have doing", "the skills I have picking up" or "the changes we have
    going through" (stop 44, fresh-39; a review)."""
    after = _words_after(analysis, m, 30)
    verb = after[0] if after else None
    if verb is None or verb.tag_ != "VBG" or verb.dep_ != "relcl" or verb.lemma_.lower() not in _COMING:
        return True
    return any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in _STRANDED and not any(g.dep_ == "pobj" for g in c.children)
               for c in verb.children) or any(c.dep_ == "dobj" for c in verb.children)


def _not_in_a_path_list(analysis, m) -> bool:
    """"up stairs" is no item of a list of paths, where it is a phrase (up the stairs): "through
    tight doorways and up stairs" (stop 49, natural-3); "the meeting room is up stairs" is still
    "upstairs" (a review)."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].i == 0:
        return True
    before = toks[0].doc[toks[0].i - 1]
    return not (before.lower_ in ("and", "or") or before.text == ",")


# after the object "keep" holds, the state it is held in: "short", "down", "under ten minutes", "to a minimum"
_KEPT_STATE = frozenset({"down", "up", "low", "under", "below", "within", "to"})


def _not_a_kept_noun(analysis, m) -> bool:
    """The verb after "keep" is no noun adjunct of the object "keep" holds in a state: "to keep wait
    times short", "down", "to a minimum", "keep wait times and costs low" (stop 49, natural-4; a
    review); "I keep think about it", "we keep go there" are still slips."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or not wordforms.is_noun(toks[-1].lower_):
        return True
    doc, i = toks[-1].doc, toks[-1].i + 1
    nouns = 0
    while i < len(doc) and (doc[i].tag_ in ("NN", "NNS") or (nouns and doc[i].lower_ == "and")):
        nouns += doc[i].tag_ in ("NN", "NNS")
        i += 1
    if not nouns or i >= len(doc) or doc[i - 1].lower_ == "and":
        return True
    return not (doc[i].tag_ in ("JJ", "JJR") or doc[i].lower_ in _KEPT_STATE)


def _a_range(analysis, m) -> bool:
    """A hyphen between two numbers joins a range unless the first has three digits or more and is the
    larger, not a year before the next one's last two digits: "8130-3" is a form's number ("FAA 8130-3
    releases", stop 44, fresh-39); "10-12 weeks", "12-8 shifts" and "2023-24" are ranges (a review)."""
    pair = re.fullmatch(r"(\d+)\s*-\s*(\d+)", analysis.note.text[m.offset : m.end])
    if pair is None:
        return True
    a, b = pair.groups()
    year = len(a) == 4 and len(b) == 2 and (int(a) + 1) % 100 == int(b)
    return len(a) < 3 or int(a) < int(b) or year


def _not_a_subjects_owner(analysis, m) -> bool:
    """"your" is no possessive of a subject before its verb: "so your gowning and wipe-down routine
    felt familiar" (stop 45, fresh-42); "Your going to love it" (the subject itself) and "I think
    your right" (an object) are still reported."""
    toks = [t for t in analysis.tokens(m.offset, m.end) if t.lower_ == "your"]
    if not toks or toks[0].dep_ != "poss" or toks[0].head.pos_ not in ("NOUN", "PROPN"):
        return True  # "I hope your all doing well": the parser's "owned" pronoun is the slip (a review of stop 50)
    cur = toks[0].head
    for _ in range(6):  # up the noun phrase: "your gowning | and wipe-down routine"
        if cur.dep_ in ("nsubj", "nsubjpass"):
            # an adjective's subject too, in a verb's small clause: "to help make your weekdays a little calmer"
            # (stop 50, natural-5)
            small_clause = cur.head.pos_ == "ADJ" and cur.head.dep_ in ("ccomp", "xcomp", "oprd")
            return not (cur.head.i > cur.i and (cur.head.pos_ in ("VERB", "AUX") or small_clause))
        if cur.dep_ not in ("nmod", "compound", "conj", "amod") or cur.head.i == cur.i:
            return True
        cur = cur.head
    return True


def _not_before_marked_vowel(analysis, m) -> bool:
    """The article is no "an" before a vowel with a mark: "an Ōtautahi-based company" (te reo Māori's
    long vowels, stop 45, fresh-41) is right, though no engine reads "Ō" as a vowel."""
    if analysis.note.text[m.offset : m.end].lower() != "an":
        return True
    after = re.match(r"\s*[\"“‘'(\[]*([^\W\d_])", analysis.note.text[m.end :])  # 'an “Ōtautahi-based” firm'
    if after is None or after.group(1).isascii():
        return True
    return unicodedata.normalize("NFD", after.group(1))[0].lower() not in "aeiou"


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_THORIUM_MASSES = range(208, 239)  # its isotopes: ²³⁰Th, ²³²Th …; "4Th" or "22Th" is an ordinal's slip


def _not_an_isotope(analysis, m) -> bool:
    """The span is no "Th" with a thorium isotope's mass number written as chemists write it:
    "²³⁰Th disequilibrium", "Th-230", "230Th/232Th" (stop 45, fresh-41). "Th" alone may be a slip
    for "The", and "I came 231Th" one for "231st" (a review): digits on the line are left to the engine."""
    text = analysis.note.text
    if text[m.offset : m.end] != "Th":
        return True
    before = re.search(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+$", text[max(0, m.offset - 4) : m.offset])
    after = re.match(r"-([0-9]+)", text[m.end :])
    ratio = re.search(r"(/?)[0-9]+$", text[max(0, m.offset - 5) : m.offset])  # "230Th/232Th": both halves
    ratio = ratio and (ratio.group(1) or re.match(r"/[0-9]", text[m.end :]))
    masses = [int(x.group(0).lstrip("-").translate(_SUPERSCRIPTS)) for x in (before, after) if x]
    return not (ratio or any(n in _THORIUM_MASSES for n in masses))


def _not_a_hyphened_modifier(analysis, m) -> bool:
    """The verb after the article is no hyphened word that describes the single noun after it: "a
    fast-track early arthritis clinic" (stop 45, fresh-41); "I helped a double-check patient records"
    (a plural: "a" is a slip for "to") and "a walk in the park" (no hyphen) are left to the engine."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or "-" not in analysis.note.text[m.offset : m.end]:
        return True
    last = toks[-1]
    # the noun is one thing, as "a" says: "a fast-track … clinic"; "a fast-track urgent referrals" is "to"
    noun = last.head
    own_det = any(c.dep_ in ("det", "poss") and c.i > toks[0].i for c in noun.children)  # "a fast-track my career"
    return not (last.dep_ in ("amod", "compound", "nmod") and noun.i > last.i and noun.tag_ in ("NN", "NNP") and not own_det)


def _not_a_models_plural(analysis, m) -> bool:
    """The word is no model's name in the plural, a capital and three letters or more, then digits and
    an "s": "a package of Creamsource Vortex8s and SkyPanels" (stop 44, fresh-40), nor a library's;
    "th1s", "Th1s", "Ye3s" and "w0rk" stay (a review)."""
    word = analysis.note.text[m.offset : m.end]
    if re.fullmatch(r"[A-Z][A-Za-z-]{3,}\d+s", word):
        return False
    # a library named as a word, a version and a letter or two: "Resilience4j" (stop 47, fresh-44);
    # a slip's letters before the digit are no word ("Th1s", "Wor4k")
    named = re.fullmatch(r"([A-Z][a-z]{4,})\d+[a-z]{1,2}", word)
    return not (named and wordforms.is_lemma(named.group(1).lower()))


def _not_an_acronym(analysis, m) -> bool:
    """The span is no word in capitals before a noun, a conjunction or a stop: "sequenced ITS and matK
    regions" is a DNA region (stop 44, fresh-39); "I think ITS a great fit", "ITS been a pleasure"
    say "it's" (a review)."""
    if _not_capitals(analysis, m):
        return True
    nxt = _word_after(analysis, m)
    if nxt is not None and nxt.is_alpha and nxt.text.isupper():
        return True  # a sentence in capitals: "ITS MY DREAM JOB" (a review)
    return not (nxt is None or nxt.pos_ in ("NOUN", "PROPN", "CCONJ", "PUNCT"))


_SECTION_NUMBER = re.compile(r"\d+(?:\([0-9A-Za-z]{1,4}\))*$")  # "9(2)(g)", before its "(i)"


def _pronoun_slot(analysis, m) -> bool:
    """The lower-case "i" stands where the pronoun would: not a letter after a code's capitalised word,
    before a noun ("Ex d, Ex e and Ex i equipment": a protection type) (stop 43, fresh-37)."""
    text = analysis.note.text
    if (text[m.offset - 1 : m.offset] == "(" and text[m.end : m.end + 1] == ")"
            and _SECTION_NUMBER.search(text, max(0, m.offset - 40), m.offset - 1)):
        return False  # a section's numeral: "sections 9(2)(f)(iv) and 9(2)(g)(i)" (stop 58, fresh-56); not "My partner
        #               and (i) both loved the tour", "the tour(i) really", "the team :-)(i) cant wait", "(after 5)(i)
        #               can also do weekends" (four reviews)
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].i == 0 or toks[-1].i + 1 >= len(toks[0].doc):
        return True
    prev, nxt = toks[0].nbor(-1), toks[-1].nbor(1)
    # a noun that is no verb: "At Costa i tutor maths" is still the pronoun (a review)
    return not (prev.text[:1].isupper() and not _opens_sentence(prev) and nxt.tag_ in ("NN", "NNS")
                and not wordforms.is_verb(nxt.lower_))


def _not_a_noun_use(analysis, m) -> bool:
    """The initialism is said as an aside ("IMO, the role suits me", "IMO teamwork matters most"), not used as a
    name: after "the" and before the rest of a name or a noun ("the IMO Standard Marine Communication Phrases": the
    International Maritime Organization, stop 58, fresh-56)."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks:
        return True
    prev = toks[0].nbor(-1) if toks[0].i > 0 else None
    nxt = toks[-1].nbor(1) if toks[-1].i + 1 < len(toks[-1].doc) else None
    # "the" and a name or a noun it goes on to, nothing else: "that IMO is what sets your team apart", "IMO 2024 was a
    # turning point", "its IMO the best bakery", "the IMO best part" are asides (four reviews)
    return not (prev is not None and prev.lower_ == "the" and nxt is not None
                and (nxt.text[:1].isupper() or nxt.pos_ in ("NOUN", "PROPN")))


# words Harper may read as adjectives that say when or how often, before the modal's verb
_TIME_ADVERBS = frozenset({"first", "then", "also", "still", "soon", "just", "only", "always", "never", "often", "later",
                           "next", "usually", "normally", "again"})


def _adjective_not_before_verb(analysis, m) -> bool:
    """The word after the modal is no adverb of time before a verb: "I would first confirm the borrower's position"
    needs no "be" (stop 58, fresh-56); "I would happy to help", "I would grateful hear back soon" and "I will sure bring
    my portfolio" do (a review)."""
    nxt = _next_token(analysis, m)
    if nxt is None or nxt.lower_ not in _TIME_ADVERBS or nxt.i + 1 >= len(nxt.doc):
        return True
    return nxt.nbor(1).tag_ != "VB"


def _not_an_adverb(analysis, m) -> bool:
    """No word of the span modifies a verb: "most club golfers improve fastest through simple changes"
    needs no "the" (stop 43, fresh-37); "She is best student" does."""
    return not any(t.dep_ == "advmod" for t in analysis.tokens(m.offset, m.end))


def _plural_in_use(analysis, m) -> bool:
    """The plural the engine asks for is one English text writes: "a team of engineer" -> "engineers"
    (Zipf 4.4); "a new range of kombucha" -> "kombuchas" (0: a mass noun) is none (stop 57, natural-13).
    A person's noun counts however rare its plural: "a team of hydrogeologist" (a review)."""
    words = analysis.note.text[m.offset : m.end].lower().split()
    if words and words[-1].endswith(_PEOPLE_ENDINGS):
        return True
    # the replacement is the span with its noun in the plural ("range of kombuchas"): its last word
    return any(_zipf(r.split()[-1].lower()) >= _PLURAL_IN_USE for r in m.replacements[:3] if r.split())


_PLURAL_IN_USE = 1.5  # Zipf: "engineers" 4.4, "apprentices" 3.3; "kombuchas" 0
_PEOPLE_ENDINGS = ("ist", "er", "or", "ian", "ant", "ent", "ee")


def _heads_a_clause(analysis, m) -> bool:
    """The span's first word is a verb that heads a clause: "I will set-up the call", not the noun of
    "simple changes to set-up and more time" (stop 43, fresh-37), which the parser calls a verb too."""
    toks = analysis.tokens(m.offset, m.end)
    return not toks or toks[0].pos_ != "VERB" or toks[0].dep_ in _CLAUSE_DEPS


def _not_a_negated_participle(analysis, m) -> bool:
    """The span is no "un-" on a participle: English negates those with "un-" ("unvented",
    "uninvited"), so "invented" is another word, not the negative meant; "unpossible" and
    "unaccurate" are the slips ("impossible", "inaccurate")."""
    word = analysis.note.text[m.offset : m.end].lower()
    return not (word.startswith("un") and word.endswith(("ed", "ing")))


def _not_a_listed_word(analysis, m) -> bool:
    """The span is no word SCOWL (to size 80) holds at least as commonly as the engine's guesses:
    "unseasonal rain" is a word ("nonseasonal" is rarer; stop 41, fresh-32), "unpossible" is none."""
    word = analysis.note.text[m.offset : m.end].lower()
    if not word.isalpha() or word not in _scowl()[1]:
        return True
    return any(_zipf(r.lower()) > _zipf(word) for r in m.replacements if r)


def _common_guess(analysis, m) -> bool:
    """One of the engine's guesses is a word in use (Zipf 2), or it offers none: a negative prefix
    swapped in a slip gives one ("inpossible" -> "impossible", "unflexible" -> "inflexible" 2.9), while
    "discom" (a power distribution company in Indian English) -> "noncom" (1.1) swaps the letters of a
    word the engine does not know (stop 50, fresh-47)."""
    guesses = [r for r in m.replacements if r]
    return not guesses or any(_zipf(r.lower()) >= 2.0 for r in guesses)


# a condition put first by inversion: "Should you need anything further, I would be happy to
# provide it" is a statement, not a question
_INVERTED_CONDITION = re.compile(r"(?:Should|Were|Had) (?:you|we|they|he|she|it|I|there|the|your|any)\b[^?]*?, (?:I|we|please|feel|do|don't)\b")


def _not_an_inverted_condition(analysis, m) -> bool:
    """The sentence the span ends is no condition put first by inversion ("Should you need
    anything further, I would be happy to provide it."), which reads like a question's start."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks:
        return True
    sent = toks[-1].sent
    return not _INVERTED_CONDITION.match(sent.text.lstrip())


def _subject_not_shared(analysis, m) -> bool:
    """The span's "am" does not share the subject "I" of a verb before it: "I am a member and am
    working towards …" (or "I hold a card, am working towards …") leaves the second "I" out, as
    English may; "Whom am talking with?" lacks it."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks:
        return True
    am = toks[0]
    # "I hold a CSCS card, am working towards …": a list of verbs shares its subject too (stop 31, fresh-17)
    if am.i == 0 or am.nbor(-1).lower_ not in ("and", "but", "or", ","):
        return True
    return not any(t.lower_ == "i" and t.dep_ in ("nsubj", "nsubjpass") for t in am.sent if t.i < am.i)


def _used_as_adjective(analysis, m) -> bool:
    """The phrase modifies a noun after it ("an in depth review" -> "in-depth"), rather than
    standing as an adverb ("to work on a single field in depth, rather than …")."""
    blank = not analysis.note.text[m.offset : m.end].strip()  # Harper's span may be the space alone
    after = [t for t in analysis.tokens(m.end, min(len(analysis.note.text), m.end + 60)) if not t.is_space]
    after = after[1:] if blank else after
    if after and after[0].is_punct and after[0].text != "-":
        return False  # a stop or a comma ends it: "I review charts everyday. Nurses …" (a review, stop 42)
    after = [t for t in after if not t.is_punct or t.text == "-"]
    return bool(after) and after[0].pos_ in ("NOUN", "PROPN", "ADJ")


def _adverb_use(analysis, m) -> bool:
    """The span stands as an adverb, not before the noun it modifies: "I go running everyday" ->
    "every day", never "portraying the everyday lives of soldiers" (stop 34, fresh-20)."""
    return not _used_as_adjective(analysis, m)


def _not_a_clause_verb(analysis, m) -> bool:
    """The span's first word is no verb that heads a clause: "a follow up call" -> "follow-up", never
    "plot growth …, and follow up immunisations due at six weeks" (a verb with its particle) (stop 43,
    fresh-36). The parser calls the slip's word a verb too ("I manage follow up care", "My follow up
    questions": a review), so the word before must be one a verb follows: a conjunction, a subject
    pronoun, a modal or "do", "to" or an adverb."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].i == 0 or not (toks[0].pos_ == "VERB" and toks[0].dep_ in _CLAUSE_DEPS):
        return True
    prev = toks[0].doc[toks[0].i - 1]
    # an auxiliary by its tag or word: the parser calls "welcome" one in "I would welcome follow up questions"
    return not (prev.pos_ in ("CCONJ", "PART", "ADV") or prev.tag_ in ("PRP", "MD") or prev.lower_ in ("do", "does", "did"))


# ... and "acl": "the chance to setup your new CRM" (a review)
_CLAUSE_DEPS = frozenset({"ROOT", "conj", "xcomp", "ccomp", "advcl", "relcl", "pcomp", "acl"})


def _in_noun_slot(analysis, m) -> bool:
    """The span's first word stands where a noun's modifier would ("by wrote learning" ->
    "rote"), not as the verb of a subject before it ("I … wrote learning stories")."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].i == 0:
        return True
    prev = toks[0].doc[toks[0].i - 1]
    return prev.pos_ in ("ADP", "DET", "ADJ") or prev.tag_ == "PRP$"


# a holiday named for a person ("Father's Day"), where a possessive before it makes it that
# person's own day: "the shed you described from your father's day" (his time), no holiday
_PERSONS_DAY = re.compile(r"[^\W\d_]+['’]s day", re.IGNORECASE)


def _not_someones_day(analysis, m) -> bool:
    """The span is no "father's day" after a possessive ("your father's day": his time, not the
    holiday); "on father's day" is the holiday, to capitalise."""
    if not _PERSONS_DAY.fullmatch(analysis.note.text[m.offset : m.end]):
        return True
    toks = analysis.tokens(m.offset, m.end)
    return not toks or toks[0].i == 0 or toks[0].doc[toks[0].i - 1].tag_ not in ("PRP$", "POS")


def _words_after(analysis, m, chars: int = 80) -> list:
    """The tokens of the next `chars` characters after the span, punctuation left out."""
    return [t for t in analysis.tokens(m.end, min(len(analysis.note.text), m.end + chars)) if not t.is_punct]


_NOTATION = re.compile(r"\((?=[^\s()]*\d|[^\s()]{1,3}\))[^\s()]+\)")
_SYMBOL = re.compile(r"(?:\b[A-Za-z]{1,3}|[A-Z0-9][\w]*[A-Z0-9]|\w*\d)$")


def _not_notation(analysis, m) -> bool:
    """The bracket opens a missing space's clause ("my friends(who are ...)", "my degree(2019)"),
    not a notation's own bracket glued to its symbol: "Si(111)", "f(x)", "Ca(OH)2" (a symbol of three
    letters or fewer, or one in capitals or with digits, and a digit inside or three characters)."""
    text = analysis.note.text
    i = text.find("(", m.offset, m.end + 1)
    return i < 0 or not (_NOTATION.match(text, i) and _SYMBOL.search(text, max(0, i - 20), i))


def _verb_follows(analysis, m) -> bool:
    """A verb stands after the span's "'s" ("my parent's live in Ohio" -> "parents"), not the
    noun the possessive owns ("this weekend's playtest goes smoothly")."""
    after = _words_after(analysis, m)
    return bool(after) and after[0].pos_ in ("VERB", "AUX")


def _predicate_adjective(analysis, m) -> bool:
    """The adjective after "your" stands alone ("your very kind" -> "you're"), not before the noun
    it describes ("your kind hospitality")."""
    after = _words_after(analysis, m)
    while after and after[0].pos_ == "ADV":
        after = after[1:]
    if len(after) > 1 and after[0].dep_ in ("compound", "amod") and after[0].head.i > after[0].i:
        return False  # "for your kind words": the parse reads "kind" as a noun before "words" (stop 55, fresh-53)
    return not (len(after) > 1 and after[0].pos_ == "ADJ" and after[1].pos_ in ("NOUN", "PROPN", "ADJ"))


def _not_the_subjects_verb(analysis, m) -> bool:
    """The span's last word is no verb of the pronoun before it: "I happy with it" misses a verb,
    while in "I assorted polished goods" the parse reads "assorted" as the verb (stop 30, fresh-15)."""
    toks = analysis.tokens(m.offset, m.end)
    return not toks or not (toks[-1].tag_ in ("VBD", "VBZ", "VBP") and any(c.dep_ == "nsubj" for c in toks[-1].children))


def _not_a_subject(analysis, m) -> bool:
    """No word of the span is the subject of a finite verb: "We thanked they for coming" and "help
    they to understand" take "them", while in "how little support they often receive" "they" is
    the subject of "receive" (stop 39, fresh-27)."""
    return not any(t.dep_ in ("nsubj", "nsubjpass") and _finite_clause(t.head) for t in analysis.tokens(m.offset, m.end))


def _next_not_a_subject(analysis, m) -> bool:
    """The word after the span does not open the subject of a finite verb: "how clone a repo" lacks its
    "to", while in "how service control policies have grown" the nouns are the clause's subject (stop 41,
    fresh-32)."""
    after = _words_after(analysis, m)
    if not after:
        return True
    hyphened = re.match(r"\s*[^\W\d_]+-[^\W\d_]+\s+([^\W\d_]+)", analysis.note.text[m.end :])
    if hyphened and hyphened.group(1).lower() not in _OBJECT_OPENERS:
        return False  # a hyphened modifier opens the subject: "how take-home ration distribution … is coordinated"
        #               (stop 42, fresh-33); "how pre-plan the routes" is a verb and its object (a review)
    if _capital_mid_sentence(after[0]):
        return False  # a name opens the subject: "how Treaty settlement quota shapes who sells ACE" (stop 56, fresh-54)
    if _opens_a_listed_subject(after[0]):
        return False  # "how fatigue, bridge resource management, and organizational drift are examined" (stop 59, fresh-58)
    head = after[0]
    while head.dep_ in ("compound", "amod", "nmod", "poss") and head.head.i > head.i:
        head = head.head
    if not (head.dep_ in ("nsubj", "nsubjpass") and _finite_clause(head.head)):
        return True
    # a subject of several words, or a verb with its auxiliary: "how service control policies have
    # grown"; a lone noun before a plural the parser made a verb is the slip ("how report incidents": a review)
    verb = head.head
    if head.tag_ == "NNP" and head.text[:1].isupper() or any(c.dep_ in ("conj", "nummod") for c in head.children):
        return False  # a name, or a subject that goes on: "how Rule 15 and Rule 18 apply together" (stop 50, fresh-47)
    return not (head.i > after[0].i or verb.pos_ == "AUX" or any(c.dep_ in ("aux", "auxpass") for c in verb.children))


def _opens_a_listed_subject(tok) -> bool:
    """The noun opens a list of noun phrases ("fatigue, bridge resource management, and
    organizational drift") whose last, singular, is the subject of a plural verb: the list is the
    subject. Not verbs in a list ("how clone, build and test the repo", "how test, debug, and the
    apps are deployed")."""
    doc = tok.doc
    if tok.pos_ != "NOUN" or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
        return False
    for t in doc[tok.i + 1 : tok.sent.end]:
        if t.lower_ in ("and", "or"):
            # the last item's phrase, right after "and", is the subject: not a trailing clause's ("how plan, schedule,
            # and budget projects the team runs": a review)
            last = next((n for n in doc[t.i + 1 : tok.sent.end] if n.dep_ in ("nsubj", "nsubjpass")), None)
            return last is not None and last.tag_ == "NN" and _plural_verb(last.head) and last.left_edge.i == t.i + 1 \
                and all(n.pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM") for n in doc[t.i + 1 : last.i])
        if t.text != "," and t.pos_ not in ("NOUN", "PROPN", "ADJ", "DET", "NUM"):
            return False
    return False


# words that open a verb's object: after one, the hyphened word before it is a verb ("how kick-start the project")
_OBJECT_OPENERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "their", "his",
                             "her", "its", "it", "them", "him", "us", "me", "each", "every", "some", "any", "all"})


def _plural_verb(verb) -> bool:
    """The verb is finite and plural, itself or by its auxiliary ("are examined", "take"): a list's
    verb; "how test, debug, and the app is deployed" has a singular one, so the list is verbs."""
    words = (verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass")))
    return _finite_clause(verb) and not any(t.tag_ == "VBZ" or t.lower_ == "was" for t in words)


def _finite_clause(verb) -> bool:
    """The verb is finite, or has a finite auxiliary: "receive" in "they often receive", "have"
    in "they have seen"; not an infinitive's "understand" in "help they to understand"."""
    return verb.tag_ in ("VBP", "VBD", "VBZ", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBD", "VBZ", "MD") for c in verb.children)


def _not_before_infinitive(analysis, m) -> bool:
    """The span's "to" is no infinitive's: "fascinated to learn how …" is right, while "fascinated
    to the idea" takes "by" (stop 31, fresh-17)."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[-1].lower_ != "to":
        return True
    nxt = toks[-1].nbor(1) if toks[-1].i + 1 < len(toks[-1].doc) else None
    return nxt is None or nxt.tag_ != "VB"


_ANSWER_VERBS = frozenset({"say", "answer", "reply", "respond", "vote"})


def _not_an_answer(analysis, m) -> bool:
    """The span's "no" is no answer a verb of answering takes: "I am no in the mood" and "It seems
    no in line" take "not", while in "how to say no in a way", "a polite no" and "voted no" "no"
    is what was said (stop 40, fresh-29)."""
    toks = [t for t in analysis.tokens(m.offset, m.end) if t.lower_ == "no"]
    return not toks or not (toks[0].head.pos_ == "VERB" and toks[0].head.lemma_ in _ANSWER_VERBS)


def _both_pairs(analysis, m) -> bool:
    """The "both" before the span opens a pair, which takes "and" ("both the clinic as well as the
    service"); a "both" that stands for a pair already named, a pronoun before a comma, takes
    none: "keen to contribute to both, as well as to teaching ward staff" (stop 40, fresh-30)."""
    # the pronoun stands right before the span, with only punctuation between: not "both, the deck
    # crew as well as the engineers", where "both" opens the pair after its comma
    return not re.search(r"\bboth\s*[,;:)]\s*$", analysis.note.text[max(0, m.offset - 40) : m.offset], re.IGNORECASE)


def _not_a_clause_end(analysis, m) -> bool:
    """The span does not close its clause mid-sentence: "I gave a quick answer in the moment, but …"
    (then, on the spot: stop 50, fresh-47) is sound; "In the moment I work part time" (a learner's
    "at the moment") is still reported."""
    toks = analysis.tokens(m.offset, m.end)
    nxt = _next_token(analysis, m)
    if not toks or toks[0].is_sent_start:
        return True
    return not (nxt is None or nxt.is_punct or nxt.pos_ == "CCONJ")


def _not_a_range_end(analysis, m) -> bool:
    """The span's first "to" is no preposition closing a "from … to" range: "anything from slug
    control to when to sow broad beans" (stop 50, natural-5) repeats no infinitive's "to"; "I need
    to also to finish it" does."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].lower_ != "to" or toks[0].tag_ != "IN":
        return True
    return not any(t.lower_ == "from" for t in toks[0].sent if t.i < toks[0].i)


def _not_a_means(analysis, m) -> bool:
    """The "use" is a relative clause's verb whose object is the noun before it, and the verb after
    "to" has an object of its own: "the workbook your analysts use to tie the ledger to the returns"
    (the means, stop 51, fresh-48). A relative "use" whose infinitive has no object of its own
    ("the place I use to go") is left to the engine."""
    toks = analysis.tokens(m.offset, m.end)
    use = next((t for t in toks if t.lemma_.lower() == "use"), None)
    if use is None or use.dep_ == "ROOT" or any(c.dep_ == "dobj" for c in use.children):
        return True  # a main clause's "use to" is the slip: "At Contoso I use to manage the front desk" (a review)
    # its object is the noun before its subject, whatever the parser calls the clause ("relcl", or "csubj"
    # when the noun phrase is a sentence's subject)
    subject = max((c for c in use.children if c.dep_ == "nsubj" and c.i < use.i), key=lambda c: c.i, default=None)
    first = subject.left_edge if subject is not None else None
    if first is None or first.i == 0 or first.nbor(-1).pos_ not in ("NOUN", "PROPN") or first.nbor(-1).dep_ == "pobj":
        return True
    goal = next((c for c in use.children if c.dep_ in ("xcomp", "advcl") and c.i > use.i), None)
    return goal is None or not any(c.dep_ == "dobj" for c in goal.children)


# adjectives of a feeling or a certainty, which take a "that" clause: "proud that", "more confident that"
_FEELINGS = frozenset({"proud", "happy", "glad", "sure", "confident", "certain", "convinced", "aware", "pleased",
                       "grateful", "thankful", "excited", "relieved", "sad", "sorry", "afraid", "worried", "hopeful",
                       "keen", "eager", "determined"})


def _not_a_feelings_clause(analysis, m) -> bool:
    """The "that" opens no clause of a feeling's comparative: "I'm prouder that nearly every junior came
    back" (stop 51, fresh-49), "more confident that it will work"; "more fun that I expected", "taller
    that her brother" stay slips of "than"."""
    toks = [t for t in analysis.tokens(m.offset, m.end) if t.lower_ == "that"]
    if not toks or toks[0].i == 0:
        return True
    that = toks[0]
    # the "that" opens a clause, its verb with a subject after it: not "happier that ever" (a review)
    clause = that.dep_ == "mark" and that.head.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > that.i for c in that.head.children)
    if not clause:
        return True
    prev = that.nbor(-1)
    bases = {prev.lower_} | set(wordforms.lemmas(prev.lower_)) | {prev.lemma_.lower()}
    if prev.lower_.endswith("er"):  # "prouder" -> "proud", "happier" -> "happy", "surer" -> "sure"
        bases |= {prev.lower_[:-2], prev.lower_[:-3] + "y", prev.lower_[:-1]}
    return not (bases & _FEELINGS)


def _not_a_degree(analysis, m) -> bool:
    """The span's word is no degree the parser hangs on the adjective right after it: "sounds full-on, but
    also quite fun" (rather fun: stop 51, natural-7); "The room was very quite." stays a slip of "quiet"."""
    return not any(t.dep_ == "advmod" and t.head.i == t.i + 1 and t.head.pos_ == "ADJ"
                   and not (t.i > 0 and t.nbor(-1).lower_ in _INTENSIFIERS)
                   for t in analysis.tokens(m.offset, m.end))


# "very quite" is never a degree on a degree (a review: "very quite there at night")
_INTENSIFIERS = frozenset({"very", "so", "really", "too", "extremely", "pretty", "super", "incredibly"})


_STEPS = frozenset({"up", "down", "back", "forward", "forwards"})


def _not_a_step(analysis, m) -> bool:
    """The span is no "a step up" (a move to a better post, written open: stop 51, fresh-48), nor a
    step down, back or forward; "the set up of the office" stays a slip of "setup"."""
    words = analysis.note.text[m.offset : m.end].lower().replace("-", " ").split()
    return not (len(words) == 2 and words[0] == "step" and words[1] in _STEPS)


def _not_a_split_particle(analysis, m) -> bool:
    """The span's second word is no particle of a verb before it whose object is the span's noun:
    in "call the lift off if gusts exceeded the limit" "off" belongs to "call" (stop 56, fresh-54);
    "The lift off was delayed" stays a slip of "lift-off"."""
    toks = analysis.tokens(m.offset, m.end)
    if len(toks) < 2:
        return True
    noun, particle = toks[0], toks[-1]
    verb = particle.head
    after = particle.doc[particle.i + 1] if particle.i + 1 < len(particle.doc) else None
    # ... and the phrase ends there: "schedule the follow up for next week", "attend the kick off in May" stay slips (a review)
    ends = after is None or after.is_punct or after.pos_ in ("CCONJ", "SCONJ")
    return not (ends and particle.dep_ == "prt" and verb.i < noun.i and noun.head == verb and noun.dep_ == "dobj")


_COMPARATIVES = frozenset({"more", "less", "rather"})


def _not_a_comparison(analysis, m) -> bool:
    """The span's "than" ends no comparison: "I left the centre more interested than ever" (stop 56,
    natural-12) compares; "I am interested than the job" stays a slip of "interested in"."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks:
        return True
    doc = toks[0].doc
    # the adjective compared, and the word right before it: "more interested than"; not "I know more I am
    # interested than joining", "more than interested than joining" (a review)
    adj = next((t for t in reversed(doc[max(0, toks[0].i - 3) : toks[0].i]) if t.pos_ in ("ADJ", "VERB")), None)
    return not (adj is not None and adj.i > 0 and (doc[adj.i - 1].lower_ in _COMPARATIVES or doc[adj.i - 1].tag_ in ("JJR", "RBR")))


def _not_a_clause_mark(analysis, m) -> bool:
    """The span's "while" opens no clause of its own: "phone orders coming in while the queue goes out
    the door" is a conjunction with its clause's subject and verb after it (stop 52, natural-8); "I
    will be back in while" stays a slip of "in a while"."""
    return not any(t.lower_ == "while" and t.dep_ == "mark" and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i > t.i for c in t.head.children)
        for t in analysis.tokens(m.offset, m.end))


def _modal_not_a_noun(analysis, m) -> bool:
    """The modal before the span is no noun: a "will" after an adjective, an article or a possessive is
    a testament ("statutory will issues", stop 52, fresh-50); "The team will issues the report" and
    "This will effects the results" stay."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].i < 2:
        return True
    modal, before = toks[0].nbor(-1), toks[0].nbor(-2)
    # an article, not "this" or "that", which stand as subjects: "That will helps us" stays (a test)
    # an adjective that opens its phrase ("or statutory will"), not a noun's ("Anyone interested will receives": a review)
    adjective = before.tag_ == "JJ" and before.i > 0 and before.nbor(-1).tag_ in ("DT", "CC", "PRP$", "IN", ",", "JJ")
    return not (modal.lower_ == "will" and (adjective or before.tag_ in ("PRP$", "POS") or before.lower_ in ("the", "a", "an")))


# nouns of a group whose members are counted: "a couple of the team" is two of its members
_COUNTED_GROUPS = frozenset({"team", "staff", "crew", "squad", "family", "group", "class", "band", "board", "committee",
                             "panel", "faculty", "cast", "choir", "orchestra", "herd", "flock", "string", "stable",
                             "yard"})


def _not_a_group(analysis, m) -> bool:
    """The counted noun is no group: "jog a couple of the team on the track" (two of the horses, stop 52,
    fresh-50); "a couple of the money" stays."""
    toks = [t for t in analysis.tokens(m.offset, m.end) if t.is_alpha]
    # counted with a determiner or a possessive pronoun ("the team", "your team"): not "a lot of team" (a review)
    return not (len(toks) >= 2 and toks[-1].lower_ in _COUNTED_GROUPS and toks[-2].tag_ in ("DT", "PRP$"))


def _not_a_prepositions_object(analysis, m) -> bool:
    """The span's "whom" follows no preposition: "several of whom ran natural gut mains" is the
    object of "of", the verb after it is the relative clause's (stop 53, fresh-51); "Whom is calling?",
    "the man whom met us" and "I asked about whom will lead" (the parser's subject there: a review)
    stay reported."""
    return not any(t.lower_ == "whom" and t.dep_ == "pobj" and t.i > 0 and analysis.doc[t.i - 1].tag_ in ("IN", "TO")
                   for t in analysis.tokens(m.offset, m.end))


def _not_a_letter(analysis, m) -> bool:
    """The span's capital "A" is no article but a letter, a note or a grade, in the middle of a sentence:
    "flat against a low A of around 480 Hz" (stop 52, fresh-50); "A apple a day" stays a slip."""
    toks = analysis.tokens(m.offset, m.end)
    return not (len(toks) == 1 and toks[0].text == "A" and not toks[0].is_sent_start
                and toks[0].dep_ != "det" and toks[0].pos_ != "DET"  # "What A amazing day" stays (a review)
                and toks[0].i > 0 and toks[0].nbor(-1).pos_ in ("DET", "ADJ", "PRON"))


def _not_a_pseudo_cleft(analysis, m) -> bool:
    """Not the bare verb a pseudo-cleft takes after "is": "the best thing you can do for someone is just
    sit with them", "All you have to do is sign", "What I did was sit" (the subject holds a "do" the verb
    completes: stop 66, natural-22). "My brother is go to school" stays a slip."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks:
        return True
    be = toks[0].i - 1
    doc = toks[0].doc
    while be >= 0 and doc[be].tag_ == "RB":
        be -= 1
    if be < 0 or doc[be].lemma_ != "be":
        return True
    subjects = [c for h in (doc[be], toks[0]) for c in h.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    # the subject is "what …", "all …" or "the … thing …", and its "do" a verb with no object but a wh-word: not
    # the auxiliary of "The interns who did not finish were ask to stay", nor "The clerk who does payroll was check
    # the files", nor "The students who did best were ask to present" (reviews)
    return not any((s.lemma_.lower() in _CLEFT_HEADS or s.lemma_ == "do") and any(
        t.lemma_ == "do" and t.tag_.startswith("VB") and t.dep_ not in ("aux", "auxpass")
        and not any(c.dep_ == "dobj" and c.tag_ not in ("WP", "WDT") for c in t.children)
        and not any(c.dep_ == "nsubj" and c.lower_ in ("who", "that", "which") for h in (t, t.head) for c in h.children)
        for t in s.subtree) for s in subjects)  # nor the doers of "All who did well were ask to come back" (a review)


_CLEFT_HEADS = frozenset({"what", "all", "thing", "one", "everything", "something", "anything"})


def _not_after_be(analysis, m) -> bool:
    """Not after "be" or a verb like it, where English writes a compound modifier without hyphens ("my
    certificates are up to date", "records are always up to date": stop 66, natural-22); before its noun it takes
    them ("We keep up to date records", "Your team's up to date and detailed records": reviews)."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].i == 0:
        return True
    nxt = _next_token(analysis, m)
    if nxt is not None and (nxt.lower_ in ("and", "or", ",") and nxt.i + 2 < len(nxt.doc) and nxt.nbor(1).pos_ == "ADJ"
                            and nxt.nbor(2).pos_ in ("NOUN", "ADJ")):
        return True  # one of two modifiers of a noun: "Your team's up to date and detailed records" (a review)
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.dep_ != "npadvmod" and nxt.ent_type_ not in ("DATE", "TIME"):
        return True  # before its noun after "be" too: "This is up to date software" (a review); not "up to date today"
    prev = toks[0].doc[toks[0].i - 1]
    while prev.tag_ == "RB" and prev.i > 0:
        prev = prev.doc[prev.i - 1]
    return prev.tag_ == "POS" or not (prev.pos_ == "AUX" or prev.lemma_ in ("be", "stay", "remain", "become", "seem", "look"))


def _a_noun(analysis, m) -> bool:
    """The parser reads the span's word as a noun: Harper's "damages" -> "damage" is about the noun, never
    the verb of "Salt spray damages the paint" (a review, stop 65)."""
    toks = analysis.tokens(m.offset, m.end)
    return not toks or all(t.pos_ in ("NOUN", "PROPN") for t in toks)


def _not_in_a_noun_phrase(analysis, m) -> bool:
    """The span's word is no noun of a noun phrase: it modifies no noun right after it ("cooking times
    according to nut count and moisture", stop 50, fresh-47), and no determiner, possessive or
    adjective stands before it ("the raw nut"): "not" does neither. "I am nut sure", "It was nut luck"
    and "It is nut problem for me" are still reported."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks:
        return True
    tok = toks[0]
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if (tok.dep_ == "compound" and tok.head.i == tok.i + 1 and tok.head.pos_ == "NOUN"
            and not (prev is not None and prev.pos_ in ("AUX", "VERB"))):
        return False  # not after a verb: "It was nut luck that got us there" is "not" (a review)
    return not (prev is not None and (prev.pos_ in ("DET", "ADJ") or prev.tag_ == "PRP$"))


def _no_subject(analysis, m) -> bool:
    """The span's verb has no subject before it in its sentence: "Lets meet on Monday" is "let's",
    never "when the hockey game lets out" (a verb and its subject: stop 54, natural-10); the parser
    may hang the greeting's name on it ("Dear Ms. Lee,\n\nIf you agree, lets schedule a call": a review)."""
    return not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i and c.sent == t.sent and not _in_frame(analysis.note, c.idx)
                   for t in analysis.tokens(m.offset, m.end) for c in t.children)


def _not_a_ranges_to(analysis, m) -> bool:
    """The span's "to" is no preposition ending a "from … to" range, the two on one head: "raise
    linkage from ₹2.1 crore to nearly ₹5 crore" (stop 54, fresh-52); "Apart from the parking,
    nothing was to much" is still "too" (a review)."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].lower_ != "to" or toks[0].dep_ != "prep":
        return True
    to = toks[0]
    return not any(t.lower_ == "from" and t.dep_ == "prep" and t.head.i == to.head.i and t.i < to.i for t in to.sent)


def _not_a_gerund_range(analysis, m) -> bool:
    """The "to" before the span closes a "from <-ing> … to <-ing>" range, hung on the first gerund or
    one joined to it: "from sorting the post and ordering supplies to preparing the monthly invoices"
    (stop 68, natural-24); "From cleaning, I want to going home" stays a slip (the "to" is the verb's)."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks or toks[0].i == 0 or toks[0].nbor(-1).lower_ != "to":
        return True
    to = toks[0].nbor(-1)
    if to.i > 0 and to.nbor(-1).tag_ == "VBG":
        return True  # the first gerund's own "to": "I went from wanting to leaving to decide" (a review)
    for fr in to.sent:
        if fr.i >= to.i or fr.lower_ != "from":
            continue
        gerunds = [c for c in fr.children if c.dep_ == "pcomp" and c.tag_ == "VBG"]
        if gerunds and (to.head in gerunds or to.head.head in gerunds and to.head.dep_ == "conj"):
            return False
    return True


def _not_a_names_mark(analysis, m) -> bool:
    """The span's odd mark does not join two capitals, as a product's name writes it: "Xbox Series
    X|S" (stop 54, fresh-52); "don|t" is still a slip of the apostrophe."""
    return not re.fullmatch(r"[A-Z][|/+][A-Z]", analysis.note.text[m.offset : m.end])


def _not_after_help(analysis, m) -> bool:
    """The span's verb does not follow a form of "help", which takes a bare infinitive: "I've helped
    prepare age-length keys" (stop 55, fresh-53); "We need talk about it" still misses its "to"."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks:
        return True
    nxt = _next_token(analysis, m)
    if nxt is not None and nxt.tag_ == "VB":
        return True  # a second bare verb after it: "I can help try fix the backlog" (a review)
    before = [toks[0].doc[toks[0].i - 1]] if toks[0].i else []
    return not any(t.lemma_.lower() == "help" for t in [*before, *toks[:-1]])


_COUNT_DETERMINERS = frozenset({"a", "an", "each", "every", "this", "that", "one"})
_MORE = frozenset({"extra", "additional", "further", "another", "more", "other"})  # "an extra 10 hour": a count


def _not_a_numbered_one(analysis, m) -> bool:
    """The number before the span's noun is no count but a label, one thing's number: "walking
    through a rejected 856 segment" (a determiner of one, adjectives between: stop 55, fresh-53);
    "I have 5 year experience" still wants the plural."""
    toks = analysis.tokens(m.offset, m.end)
    if not toks:
        return True
    i = toks[0].i if toks[0].like_num else toks[0].i - 1
    doc = toks[0].doc
    if i < 0 or not doc[i].like_num:
        return True
    i -= 1
    while i >= 0 and doc[i].tag_ in ("JJ", "VBN", "RB", "HYPH"):
        if doc[i].lower_ in _MORE:
            return True  # "I could work an extra 10 hour each week" still wants "hours" (a review)
        i -= 1
    return not (i >= 0 and doc[i].lower_ in _COUNT_DETERMINERS)


# adverbs that are adjectives too, however joined: "the half-yearly valuation" (stop 59, fresh-58)
_FREQUENCIES = ("yearly", "monthly", "weekly", "daily", "nightly", "hourly", "quarterly", "fortnightly")


def _not_a_frequency(analysis, m) -> bool:
    """The span's adverb is no word of how often: "a extremely person" -> "extreme", never "the
    half-yearly valuation" (LanguageTool knows "yearly" as an adjective, not "half-yearly")."""
    words = analysis.doc.text[m.offset : m.end].split()
    return not (words and words[0].lower().endswith(_FREQUENCIES))


PREMISES = {"degree": _has_degree, "sentence-start": _starts_sentence, "phrase-head": _heads_phrase,
            "sentence-verb": _heads_sentence, "word-end": _ends_word, "verb-use": _used_as_verb,
            "claimed-use": _use_as_claimed, "next-heads": _next_heads, "next-infinitive-slot": _next_infinitive_slot,
            "finite-verb": _finite_verb,
            "not-a-name": _not_a_name, "not-initialism": _not_initialism, "not-names": _not_names,
            "article-sound": _article_sound, "next-whole-word": _next_whole_word,
            "plural-not-title": _plural_not_title, "subject-not-shared": _subject_not_shared,
            "not-capitals": _not_capitals, "next-not-acronym": _next_not_acronym, "next-not-name": _next_not_name, "whole-words": _whole_words,
            "not-negated-participle": _not_a_negated_participle, "not-inverted-condition": _not_an_inverted_condition,
            "adjective-use": _used_as_adjective, "adverb-use": _adverb_use, "noun-slot": _in_noun_slot, "not-someones-day": _not_someones_day,
            "verb-follows": _verb_follows, "predicate-adjective": _predicate_adjective,
            "not-the-subjects-verb": _not_the_subjects_verb, "not-a-subject": _not_a_subject,
            "not-before-infinitive": _not_before_infinitive, "not-an-answer": _not_an_answer,
            "not-before-particle": _not_before_particle, "not-before-base-verb": _not_before_base_verb, "not-before-gerund-clause": _not_before_gerund_clause,
            "not-before-noun-phrase": _not_before_noun_phrase, "not-a-renoun": _not_a_renoun,
            "both-pairs": _both_pairs, "not-notation": _not_notation, "next-not-a-subject": _next_not_a_subject,
            "not-a-particle": _not_a_particle, "no-article": _no_article,
            "not-a-listed-word": _not_a_listed_word, "not-a-clause-verb": _not_a_clause_verb,
            "pronoun-slot": _pronoun_slot, "not-a-noun-use": _not_a_noun_use,
            "adjective-not-before-verb": _adjective_not_before_verb, "not-an-adverb": _not_an_adverb, "plural-in-use": _plural_in_use, "heads-a-clause": _heads_a_clause,
            "not-a-section": _not_a_section,
            "not-a-kept-object": _not_a_kept_object, "a-range": _a_range, "not-an-acronym": _not_an_acronym,
            "not-a-models-plural": _not_a_models_plural, "not-before-marked-vowel": _not_before_marked_vowel,
            "not-an-isotope": _not_an_isotope, "not-a-hyphened-modifier": _not_a_hyphened_modifier,
            "not-a-subjects-owner": _not_a_subjects_owner, "not-a-post": _not_a_post,
            "not-a-kept-noun": _not_a_kept_noun, "not-in-a-path-list": _not_in_a_path_list,
            "not-a-range-end": _not_a_range_end, "common-guess": _common_guess,
            "not-a-means": _not_a_means, "not-a-step": _not_a_step, "not-a-feelings-clause": _not_a_feelings_clause,
            "not-a-degree": _not_a_degree, "not-a-clause-mark": _not_a_clause_mark, "modal-not-a-noun": _modal_not_a_noun,
            "not-a-group": _not_a_group, "not-a-letter": _not_a_letter, "a-noun": _a_noun, "not-a-prepositions-object": _not_a_prepositions_object,
            "not-a-clause-end": _not_a_clause_end, "not-in-a-noun-phrase": _not_in_a_noun_phrase,
            "no-subject": _no_subject, "not-a-names-mark": _not_a_names_mark, "not-a-ranges-to": _not_a_ranges_to,
            "not-a-gerund-range": _not_a_gerund_range, "next-not-plural-phrase": _next_not_plural_phrase,
            "not-in-determined-phrase": _not_in_determined_phrase,
            "not-after-help": _not_after_help, "not-a-numbered-one": _not_a_numbered_one,
            "not-a-pseudo-cleft": _not_a_pseudo_cleft, "not-after-be": _not_after_be,
            "not-a-split-particle": _not_a_split_particle, "not-a-comparison": _not_a_comparison,
            "not-a-frequency": _not_a_frequency}


def _in_formula(note, start: int, end: int, capitalised: bool = False) -> bool:
    """In the salutation or valediction phrase the note parser recognised from the pack's
    lists ("Kia ora", "Ngā mihi"): those words are the pack's own, whatever their case (or,
    with `capitalised`, only where the line starts with a capital). A slip there ("Best
    regrads") matches no phrase, so it is still reported."""
    for line, phrases in ((note.greeting, note.layout.salutations),
                          (note.signoff.valediction if note.signoff else None, note.layout.valedictions)):  # fmt: skip
        if line is not None and line.start <= start and not (capitalised and not note.text[line.start : line.start + 1].isupper()):
            low = note.text[line.start : line.end].lower()
            if any(low.startswith(ph) and end - line.start <= len(ph) for ph in phrases):
                return True
    return False


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # lazily: ~1.5 s to load its English list

    return zipf_frequency(word, "en")


_SEEN_ZIPF = 1.0  # Zipf: a word English text writes at all ("bioclimatic" 1.3, "geospatial" 2.6)
_RUN_TOGETHER_GAP = 1.5  # Zipf: "a lot" 5.6 against "alot" 3.9; "con focal" 3.6 against "confocal" 2.2
# two to five consonants, "y" not among them: it is a vowel in "gym", "myth", "lynx"
_ABBREVIATION = re.compile(r"[b-df-hj-np-tv-xz]{2,5}")
_WORD = re.compile(r"[^\W\d_]+")


def _stop_words() -> set[str]:
    """spaCy's English stop words, the function words (imported late: spaCy is heavy to import)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return STOP_WORDS


_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their"})


def _function_word_slip(word: str) -> bool:
    """One edit from a function word (spaCy's English stop words): the words typed most lose their
    vowel to a slip ("thw": the, "whn": when), a tool's name is no such neighbour ("dbt", "npm")."""
    return any(respell.distance(word, w) == 1 for w in _stop_words())


def _loan_word(text: str, start: int, end: int, p: ProofreadParams) -> bool:
    """A word of a phrase the note quotes in another language ("chef de partie", "mise en place",
    "Le nozze di Figaro"): the word and a word beside it on its line are both far more common in
    one of `loan_languages` than in English (wordfreq). Beside "de" or "di" a word is French or
    Italian, not a slip of an English one; a slip inside the phrase ("chef de partei") is no word of
    the language, so it is still reported."""
    word = text[start:end]
    if not p.loan_gap or word != word.lower():
        return False
    if "-" in word:  # the whole phrase as one hyphened word (LanguageTool's "bas-de-page")
        return _loan_phrase(word.split("-"), p)
    # its neighbours in the phrase: only a space or a hyphen between ("bas-de-page": stop 65, fresh-64), and no
    # abbreviation's letter ("vender, e.g.": a review)
    before = re.search(r"([^\W\d_]+)(?:[ \t]+|-)$", text[max(0, start - 40) : start])
    after = re.match(r"(?:[ \t]+|-)([^\W\d_]+)(?![\w.])", text[end : end + 40])
    near = [x.group(1) for x in (before, after) if x]
    langs = [lang for lang in p.loan_languages if _likelier_in(lang, word, p.loan_gap)]
    if "fr" in langs and re.search(r"(?<![^\W\d_])[dlj]['’]$", text[max(0, start - 3) : start], re.IGNORECASE):
        return True  # after French's elided "d'", "l'": "Carnaval d'hiver" (stop 27, fresh-11)
    if any(_likelier_in(lang, n.lower(), p.loan_gap) for lang in langs for n in near):
        return True
    # a rarer word of the language beside a common one of it: "en primeur" (stop 51, fresh-48)
    marked = [lang for lang in p.loan_languages
              if lang not in langs and any(_likelier_in(lang, n.lower(), p.loan_gap) for n in near)]
    return bool(p.loan_near_gap) and any(_likelier_in(lang, word, p.loan_near_gap, "large") for lang in marked)


def _loan_phrase(pieces: list[str], p: ProofreadParams) -> bool:
    """Hyphened words of another language: two of them far likelier there than in English, and
    the rest words of it too, of three letters or more ("bas-de-page": bas, de; page); "bas-de-pgae" and
    "eau-de-vi" (a review) are no such phrase."""
    from wordfreq import zipf_frequency

    if not all(x.isalpha() for x in pieces):
        return False
    for lang in p.loan_languages:
        likelier = [x for x in pieces if _likelier_in(lang, x, p.loan_gap)]
        # the small list holds every word at Zipf 3 or more: the large one is not loaded for this
        if len(likelier) >= 2 and all(x in likelier or (len(x) >= 3 and zipf_frequency(x, lang, wordlist="small") >= 3.0)
                                      for x in pieces):
            return True
    return False


def _likelier_in(lang: str, word: str, gap: float, wordlist: str = "small") -> bool:
    from wordfreq import zipf_frequency

    # the small list (words at Zipf 3 or more) is enough for a common word of the language, and loads in 0.2 s;
    # a rarer one needs the large list (0.1 s more, only for a flagged word beside a loan phrase's marker)
    return zipf_frequency(word, lang, wordlist=wordlist) - _zipf(word) >= gap


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """The headwords of Webster's Second and of GCIDE, lower-cased: 264,000 words, read in ~0.3 s,
    only when a flagged word gets this far."""
    from english_words import get_english_words_set

    return frozenset(get_english_words_set(["web2", "gcide"], lower=True))


@lru_cache(maxsize=1)
def _common_nouns() -> frozenset[str]:
    """Webster's Second's headwords as it spells them: it capitalises proper nouns only, so a
    word it holds in lower case is a word in lower case ("lucerne", the fodder crop; not "italian")."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"]) if w.islower())


@lru_cache(maxsize=1)
def _scowl() -> tuple[frozenset[str], frozenset[str]]:
    """(SCOWL's words of size 50 or less, its words to size 80), lower case
    (bench/make_scowl_words.py); read, in ~0.2 s, only when a flagged word gets this far."""
    import gzip

    from thanklint.packs import rules_root

    raw = gzip.decompress((rules_root() / "thankyou" / "data" / "scowl-words.txt.gz").read_bytes())
    core, _, rest = raw.decode("utf-8").partition("\n\n")
    small = frozenset(w for w in core.split("\n") if w and not w.startswith("#"))
    return small, small | frozenset(rest.split())


def _scowl_word(word: str) -> bool:
    """A word of SCOWL's "huge" list that no common word (Zipf 3) and no word of its size 50 is
    one edit from: a slip stays near the word meant, and a word such lists hold at size 80 is
    some field's ("tephra", "prepreg"); "supercede" is one edit from "supersede" (size 50)."""
    return word in _scowl()[1] and _no_slip_of_a_common_word(word)


_PROCEDURES = ("tomy", "scopy", "graphy", "plasty", "pathy", "therapy", "opsy", "rrhaphy", "pexy")  # not "extrapulmonary"


def _medical_word(word: str) -> bool:
    """A word of the medical dictionary, or the plural of one of its procedures, "-y" to "-ies": "polypectomies" (stop
    58, fresh-56); not "polypectomys", nor an adjective or a plural given another "s" ("neutropenics", "leiomyomatas":
    a review), nor the plural of a slip the list holds ("chemiotherapies": a second review)."""
    med = _medical()
    if word in med:
        return True
    # ... whose singular English text writes: the list holds slips too ("chemiotherapy", "angiofraphy": a review)
    one = word[:-3] + "y" if word.endswith("ies") else ""
    return one.endswith(_PROCEDURES) and one in med and _zipf(one) > 0


def _no_slip_of_a_common_word(word: str) -> bool:
    """No common word (Zipf 3) and no word of SCOWL's size 50 is one edit from `word`, but its own
    -s and -es forms ("townhouse", 3.1: "townhouses")."""
    own = {word, word + "s", word + "es", word[:-1] if word.endswith("s") else word}
    return not set(_near_words(word)) - own and not (respell.one_edit(word) & _scowl()[0]) - own


@lru_cache(maxsize=1)
def _medical() -> frozenset[str]:
    """The long words of a medical dictionary SCOWL lacks, lower case (bench/make_medical_words.py);
    read only when a flagged word gets this far."""
    import gzip

    from thanklint.packs import rules_root

    raw = gzip.decompress((rules_root() / "thankyou" / "data" / "medical-words.txt.gz").read_bytes())
    return frozenset(w for w in raw.decode("utf-8").split("\n") if w and not w.startswith("#"))


def _near_words(word: str) -> tuple[str, ...]:
    """The common words one edit from `word` that are words, not names or frequent typos: wordfreq
    counts "lara", "zoe" and "teh" as common, but a lower-case "lyra" or "zoea" is no slip of a
    name (stop 41, fresh-31). A word is one SCOWL (to size 80) or WordNet holds, a contraction
    ("shouldnt" stays a slip of "shouldn't": JFLEG dev), or the word itself, common as it is."""
    every = _scowl()[1]
    return tuple(c for c in respell.near(word, 1)
                 if c == word or "'" in c or "’" in c or c in every or wordforms.is_lemma(c))


def _known_base(min_zipf: float):
    """A test for a rarer word a combining form may take: a WordNet word at least `min_zipf` common
    ("laryngeal", "annulus"); not a word only SCOWL or the dictionaries hold, which keep slips too
    ("commiting" in codespell's "autocommiting")."""

    def known(word: str) -> bool:  # or its regular inflection: "cyanolichens" (stop 51, fresh-49)
        return _zipf(word) >= min_zipf and (
            wordforms.is_lemma(word) or any(wordforms.is_lemma(x) for x in wordforms.lemmas(word)))

    return known


def _in_dictionary(word: str) -> bool:
    """The word, or the singular of a plural in -s or -es ("otoliths"), or the verb of an -ing or -ed
    form ("larviciding": larvicide), is a dictionary headword."""
    d = _dictionary()
    if word in d or (word.endswith("s") and word[:-1] in d) or (word.endswith("es") and word[:-2] in d):
        return True
    stem = word[:-3] if word.endswith("ing") else word[:-2] if word.endswith("ed") else ""
    return len(stem) >= 4 and (stem in d or stem + "e" in d)


# te reo Māori's syllables: at most one consonant (h k m n p r t w, ng, wh) before each vowel
_TE_REO = re.compile(r"(?:(?:ng|wh|[hkmnprtw])?[aeiouāēīōū])+")
_MACRON = re.compile(r"[āēīōūĀĒĪŌŪ]")


def _te_reo_words(text: str, flagged: list[str], known_zipf: float) -> frozenset[str]:
    """The flagged words of te reo's shape, when the note writes te reo Māori as New Zealand
    English does ("taonga", "mana whenua", "iwi"): it has a macron ("Kaikōura", "Ngā mihi"), or
    two such words are flagged (of three letters or more: texting's "u" is no te reo). An English
    slip of that shape ("nite", "rote") stands alone in a note that shows no te reo, so it is
    still reported."""
    shaped = frozenset(w.lower() for w in flagged if len(w) >= 3 and _TE_REO.fullmatch(w.lower()))  # not "u"
    if not (_MACRON.search(text) or len(shaped) >= 2):
        return frozenset()
    # ... and a te reo word joined by a hyphen to a common English one, flagged whole: "iwi-owned mānuka
    # operations" (stop 55, fresh-53); "recieve-based" has no te reo piece
    joined = frozenset(w.lower() for w in flagged if "-" in w and _te_reo_joined(w.lower(), known_zipf))
    return shaped | joined


def _te_reo_joined(word: str, known_zipf: float) -> bool:
    # a te reo piece English text uses (`known_zipf`, 1.5: "iwi", "marae"), has a macron ("hapū") or is no slip of a
    # common English word one edit away: "full-tiime", "hiree-ready" stay reported (a review)
    pieces = word.split("-")
    reo = [x for x in pieces if len(x) >= 3 and _TE_REO.fullmatch(x) and _zipf(x) < respell.COMMON
           and (_zipf(x) >= known_zipf or _MACRON.search(x) or not respell.near(x, 1))]
    return bool(reo) and all(x in reo or _zipf(x) >= respell.COMMON for x in pieces)


@lru_cache(maxsize=1)
def _hindi() -> frozenset[str]:
    """rules/thankyou/data/hindi-words.txt (made by bench/make_hindi_words.py from wordfreq's
    Hindi list, in its IAST and Indian English spellings, as written and as spoken): 90,000 words, read only when a note has
    a flagged word in lower case to look up. The header's lines are comments, not words."""
    from thanklint.packs import rules_root

    path = rules_root() / "thankyou" / "data" / "hindi-words.txt"
    return frozenset(w for line in path.read_text("utf-8").splitlines() if not line.startswith("#") for w in line.split())


def _hindi_words(flagged: list[str], p: ProofreadParams) -> frozenset[str]:
    """The flagged words that are Hindi in Latin letters, as Indian English writes them: each of
    them in a note that writes two ("rabi crop", "kanda chawls"; "gram sabha", "jal sevaks"), and
    one alone unless it is one edit from a common English word ("kharif": sharif 3.4), as the
    English slips that spell a Hindi word are ("leval": level 5.4, "benifit": benefit 4.8; Norvig).
    Neither a slip of a function word ("dhe": the) nor an English plural ("familys", "healths")
    counts, nor a name ("Patil", "Rohini": the name checks judge those), only words in lower case."""
    words = {w for w in flagged if w.isalpha() and w.islower() and len(w) >= 3}
    if not words or (len(words) < 2 and not p.hindi_near_zipf):  # nothing the list could pass
        return frozenset()
    hindi = _hindi()

    def is_hindi(w: str) -> bool:
        if w in hindi:
            return True
        return w.endswith("s") and w[:-1] in hindi and _zipf(w[:-1]) < 3.0  # "sevaks"; not "healths"

    found = frozenset(w for w in words if is_hindi(w) and not _function_word_slip(w))
    if len(found) >= 2:
        return found
    if not p.hindi_near_zipf:
        return frozenset()
    return frozenset(w for w in found if all(_zipf(x) < p.hindi_near_zipf for x in respell.near(w, 1) if x != w))


def _glossary_words(flagged: list[tuple[str, tuple[str, ...]]], p: ProofreadParams) -> frozenset[str]:
    """The flagged words of a note that writes a vocabulary no English word list holds: at least
    `glossary_words` different lower-case words of four letters or more with no common word within
    two edits and no likely intended word among the engine's guesses ("shirodhara", "snehapana":
    sealant, "njavarakizhi"). A writer's slip may be far from the word meant ("nessasary",
    "imidatly": 29 of Norvig's 649 misspellings of four letters or more have no common word within
    two edits), and the engine mostly guesses that word, common and alike (`_likely_meant`), so the
    slip neither counts nor passes; a word near a common one ("droni": drone) is always reported.
    A rarer word meant counts when the guess keeps the slip's English ending ("talkkative": talkative
    3.0). Still a hole: a word meant that is unlike the slip and ends otherwise; three such slips in a
    note pass."""
    if not p.glossary_words:
        return frozenset()
    # far from every word one edit away first (a lookup); the two-edit search (tens of ms) only then
    far = {w: g for w, g in flagged if w.isalpha() and w.islower() and len(w) >= 4 and not respell.near(w, 1)}
    if len(far) < p.glossary_words:
        return frozenset()
    words = frozenset(w for w, g in far.items() if not respell.near(w, 2) and not _likely_meant(w, g, p))
    return words if len(words) >= p.glossary_words else frozenset()


def _likely_meant(word: str, guesses: tuple[str, ...], p: ProofreadParams) -> bool:
    """One of the engine's first guesses is a word the writer likely meant: in lower case, at least
    `glossary_guess_zipf` common and alike in its letters (difflib's ratio at least
    `glossary_guess_ratio`): "nessasary" -> "necessary" (4.9, 0.78), "entusiastik" -> "enthusiastic"
    (3.8, 0.87); not "snehapana" -> "sealant" (2.6, 0.62) nor "sarvanga" -> "savanna" (2.8, 0.80). A
    rarer guess (`glossary_ending_zipf`) counts when both end in one of `glossary_endings`: "talkkative"
    -> "talkative" (3.0), "errounuosly" -> "erroneously" (3.1), "axcedant" -> "ascendant" (2.9)."""
    from difflib import SequenceMatcher

    def meant(g: str) -> bool:
        if not (g.isalpha() and g.islower()) or SequenceMatcher(None, word, g).ratio() < p.glossary_guess_ratio:
            return False
        z = _zipf(g)
        return z >= p.glossary_guess_zipf or (
            bool(p.glossary_ending_zipf) and z >= p.glossary_ending_zipf
            and any(word.endswith(e) and g.endswith(e) for e in p.glossary_endings))

    return any(meant(g) for g in guesses[: p.max_suggestions])


def _te_reo_article(text: str, start: int, end: int) -> bool:
    """A two-letter word of te reo's shape before a te reo word, in a note with a macron: "te reo",
    "te ao Māori". "te report" is a slip for "the", whatever the note's sign-off ("Ngā mihi")."""
    word = text[start:end].lower()
    if len(word) != 2 or not _TE_REO.fullmatch(word) or not _MACRON.search(text):
        return False
    nxt = re.match(r"\s+([^\W\d_]+)", text[end:])
    return nxt is not None and len(nxt.group(1)) >= 2 and bool(_TE_REO.fullmatch(nxt.group(1).lower()))


# a dotted name in code or a file: "phenix.refine", "config.yaml", "torch.nn"; or a message's name and its number:
# "pacs.008", "camt.053" (ISO 20022: stop 69, fresh-68): four letters at most and three digits, not "tempreture.10
# degrees", "I recieve.001 files" (a review)
_IDENTIFIER = re.compile(r"[a-z][\w-]*(?:\.[a-z][\w-]*)+|[a-z]{2,4}\.\d{3}")
_SNAKE_CASE = re.compile(r"[^\W_]_[^\W_]")  # "ef_vi", "mi_NZ": a name in code
# a name and, with no space, brackets holding a colon or "=": "Tg(kdrl:GFP)", "f(x=1)"; not "colleague(s)" nor
# "recepionist(2019-2021)", where a slip in the word stays one (a review)
_GENE_NOTATION = re.compile(r"[A-Za-z][\w-]*\([^\s()]*[:=][^\s()]*\)")


def _in_identifier(text: str, start: int, end: int) -> bool:
    """The span is inside a dotted name of a program or a file ("phenix.refine and Coot"): not
    a misspelling, nor a sentence after a full stop. A missing space between two sentences joins
    common words ("the day.the team"), so the name needs a part that is no common word. Or it is
    two letters of a name joined by underscores ("ef_vi", "mi_NZ")."""
    left, right = start, end
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    while right < len(text) and not text[right].isspace():
        right += 1
    if _GENE_NOTATION.fullmatch(text[left:right].rstrip(".,;:!?")):
        return True  # a gene's or a call's notation: "our Tg(kdrl:GFP) crosses" (stop 57, fresh-57)
    token = text[left:right].strip("()[]{}\"'“”‘’,;:!?").rstrip(".")
    if _SNAKE_CASE.search(token):
        # an underscore joins no English words: two letters of a name in code are none ("ef_vi", a locale's
        # "mi_NZ": stop 59, fresh-58); a longer piece may be a slip ("impresed_by", "teh_team", "phisiotherapy_team"),
        # and so may two letters glued to a common word ("ot_hearing", "fo_the"): reviews
        others = [w for w in token.split("_") if w and w.lower() != text[start:end].lower()]
        return end - start <= 2 and not any(len(w) >= 3 and _zipf(w.lower()) >= respell.COMMON for w in others)
    if not _IDENTIFIER.fullmatch(token):
        return False
    return any(_zipf(part) < respell.COMMON for part in re.split(r"[._-]", token) if part)


def _in_hyphenated_lemma(text: str, start: int, end: int) -> bool:
    """The word is part of a hyphenated WordNet word the engine checks piece by piece ("bain" of
    "bain-marie", stop 28, fresh-12); a slip in a piece breaks the whole word, which then is none."""
    whole = wordforms.hyphenated_word(text, start, end).lower()
    return "-" in whole and whole != text[start:end].lower() and wordforms.is_lemma(whole)


def _hyphenated_words(word: str, p: ProofreadParams) -> bool:
    """A hyphenated span the engine flags whole, each piece a word: a WordNet word or its form,
    or one English text uses (Zipf >= known_zipf) with no common word one edit away
    ("steamfitter-pipefitter": stop 34, fresh-21), or a field's word as it would be alone
    ("prosthetist-orthotist", "washer-disinfectors": stop 40), judged without the engine's
    guesses (those are the whole span's) and so only when no common word is one edit from it. A
    slip in a piece ("recieve-based") is one edit from the word meant, so the whole stays flagged."""
    pieces = _POSSESSIVE.sub("", word).lower().split("-")
    if len(pieces) < 2 or not all(x.isalpha() for x in pieces):
        return False
    return all(wordforms.is_lemma(x) or wordforms.lemmas(x)
               or (p.known_zipf and _zipf(x) >= p.known_zipf and not respell.near(x, 1))
               or (_field_word(x, [], p) and not respell.near(x, 1)) for x in pieces)  # fmt: skip


def _hyphen_pieces(text: str, start: int, end: int, rest: bool = False) -> tuple[str, str] | None:
    """The two pieces of the hyphenated word the span is the first piece of (Harper checks the
    pieces) or the whole of (LanguageTool), in lower case; None otherwise. With `rest`, a word of
    more pieces too, as its first piece and the rest ("tele", "follow-up")."""
    whole = wordforms.hyphenated_word(text, start, end).lower()
    pieces = whole.split("-")
    if len(pieces) < 2 or (len(pieces) > 2 and not rest) or text[start:end].lower() not in (pieces[0], whole):
        return None
    return pieces[0], "-".join(pieces[1:])


def _hyphened_prefix(text: str, start: int, end: int, p: ProofreadParams) -> bool:
    """A listed prefix joined by a hyphen to a common word ("tele-stroke": stop 49, fresh-46); a
    slip in the word ("tele-strok") keeps the span flagged, and so does a prefix alone ("tele") or a
    common word broken by the hyphen ("tele-vision": a review)."""
    pieces = _hyphen_pieces(text, start, end, rest=True)
    if pieces is None or pieces[0] not in p.prefixes or not p.base_zipf:
        return False
    prefix, word = pieces
    if "-" in word:  # a hyphened word after the prefix, each piece a word: "tele-follow-up" (stop 67, fresh-66); not
        #              a common word broken after the prefix: "tele-phone-call", "post-pone-ment" (a review)
        first = word.split("-")[0]
        return (_zipf(prefix + first) < p.base_zipf
                and all(len(w) >= 2 and (wordforms.is_lemma(w) or _zipf(w) >= p.base_zipf) for w in word.split("-")))
    return (wordforms.is_lemma(word) or _zipf(word) >= p.base_zipf) and _zipf(prefix + word) < p.base_zipf


def _reduplicated(text: str, start: int, end: int) -> bool:
    """A word said twice with a hyphen, a game's or a thing's name ("kho-kho": stop 49, natural-3;
    "tuk-tuk"): no slip doubles a word."""
    pieces = _hyphen_pieces(text, start, end)
    return pieces is not None and pieces[0] == pieces[1] and pieces[0].isalpha()


_QUOTES = {'"': '"', "“": "”", "‘": "’", "'": "'"}


def _quoted(text: str, start: int, end: int) -> bool:
    """The word is all a pair of quotation marks holds ("the "ge" bends", 'a clear "na"'): a word
    mentioned, as a sound, a stroke or a label is, not a word used (stop 53, fresh-51), when it is
    short or no slip of a common word: a quoted slip ("exellence", 'recieve', "teamwrok") is one
    edit from the word meant (a review)."""
    if start == 0 or end >= len(text):
        return False
    close = _QUOTES.get(text[start - 1])
    if close is None or text[end] != close or (start >= 2 and text[start - 2].isalnum()):
        return False
    if end + 1 < len(text) and text[end + 1].isalnum():
        return False  # an apostrophe inside a word, not a closing quote: "'tis", "rock 'n'roll"
    word = text[start:end].lower()
    return len(word) <= 3 or not respell.near(word, 1)


def _latin_phrase(text: str, start: int, end: int, phrases) -> bool:
    """The span is a word of a Latin phrase the pack lists ("in situ", "inter partes")."""
    lo = max(0, start - 40)
    window = text[lo : end + 40]
    for phrase in phrases:
        for hit in re.finditer(r"(?<![\w-])%s(?![\w-])" % re.escape(phrase), window, re.IGNORECASE):
            if lo + hit.start() <= start and end <= lo + hit.end():
                return True
    return False


# a species' epithet: "formosa", "persimilis", "coli", "elegans", "sapiens", "melanogaster"
_EPITHET = re.compile(r"[a-z]{2,}(?:a|ae|i|ii|us|um|is|es|ex|ix|ax|ens|ans|er)")
_GENUS_BEFORE = re.compile(r"(?:^|[^\w.])([A-Z][a-z]{2,}|[A-Z]\.) (?:(?:cf|aff)\. )?$")  # "Acanthaster cf. solaris"
# ... and a neuter one, with a neuter genus: "perenne", "officinale", "vulgare", "pratense"
_NEUTER_EPITHET = re.compile(r"[a-z]{2,}(?:enne|ale|are|ense|ile)")
# a rank below the species, abbreviated: "Festuca rubra subsp. commutata", "Brassica oleracea var. capitata"
_RANKS = ("subsp", "ssp", "var", "cv")
_RANK_AFTER_EPITHET = re.compile(r"[A-Z](?:[a-z]+|\.) [a-z]+ $")  # "Festuca rubra ", "E. coli "
_AFTER_RANK = re.compile(r"[a-z]+ (?:%s)\. $" % "|".join(_RANKS))


def _binomial(analysis, start: int, end: int) -> bool:
    """The span is the second word of a species' name ("Encarsia formosa", "Phytoseiulus
    persimilis", "E. coli"): a lower-case word of a Latin ending, no verb, right after a
    capitalised word English rarely writes (a genus) or its initial. A name and a slip of a
    verb ("Okonkwo talkes") is left to the spelling check: the parser reads a verb there."""
    text = analysis.note.text
    word = text[start:end]
    if word in _RANKS and text[end : end + 1] == "." and _RANK_AFTER_EPITHET.search(text, max(0, start - 60), start):
        return True  # the rank's abbreviation itself: "Festuca rubra subsp."
    neuter = _NEUTER_EPITHET.fullmatch(word) is not None  # "perenne", "officinale", "vulgare"
    if not (_EPITHET.fullmatch(word) or neuter):
        return False
    if _EPITHET.fullmatch(word) and _AFTER_RANK.search(text, max(0, start - 30), start):
        return True  # the name below the species: "subsp. commutata"
    genus = _GENUS_BEFORE.search(text, max(0, start - 40), start)
    if genus is None:
        return False
    g = genus.group(1)
    if not _EPITHET.fullmatch(word) and not (g.endswith("um") and _zipf(g.lower()) < 2.0):
        return False  # an epithet in "-e" agrees with a neuter genus: "Lolium perenne" (stop 51, fresh-48); not
        #               "Museum", nor "the Colloquium experiance" (2.5: a review)
    if not g.endswith(".") and _zipf(g.lower()) >= 2.5 and _opens_sentence_at(analysis, genus.start(1), genus.end(1)):
        return False  # a common word opening a sentence ("This", "Bring"): no genus; mid-sentence, "the Poa annua" is one
    # a verb's slip ends as a verb does ("talkes"); spaCy also calls "annua" a verb, which no verb's form is
    return not (word.endswith(("s", "er")) and any(t.pos_ in ("VERB", "AUX") for t in analysis.tokens(start, end)))


def _opens_sentence_at(analysis, start: int, end: int) -> bool:
    toks = analysis.tokens(start, end)
    return not toks or _opens_sentence(toks[0])


_ISE = re.compile(r"(?<=[a-z]{4})is(e|es|ed|ing|ation|ations|er|ers)$")
_YSE = re.compile(r"(?<=[a-z]{3})ys(e|es|ed|ing|er|ers)$")  # "dialyser", "catalysed": British -yse of -yze
_POSSESSIVE = re.compile(r"['’]s$")
_AFTER_ARTICLE = re.compile(r"(?<![^\W\d_])(?:an?|the|my|our|your|his|her|their)\s+$", re.IGNORECASE)


def _field_word(word: str, replacements, p: ProofreadParams, after_article: bool = False) -> bool:
    """A lower-case word English text uses often enough to be a word of some field, not a
    misspelling. Common misspellings are common too ("definately": 2.9), so the bars are
    measured on Norvig's misspellings (spelling.yaml). A possessive is judged by its word
    ("underkeeper's": stop 33, fresh-19)."""
    word = _POSSESSIVE.sub("", word)
    replacements = [_POSSESSIVE.sub("", r) for r in replacements if r]
    if not p.common_zipf or word != word.lower() or not any(c.isalpha() for c in word):
        return False
    if dialect.regional(word):  # "colour" in an en-US note: the variant's call, not frequency's
        return False
    if p.abbreviations and _ABBREVIATION.fullmatch(word) and not _function_word_slip(word):
        return True
    if p.drug_stems and len(word) >= 8 and word.endswith(tuple(p.drug_stems)) and not respell.near(word, 1):
        return True  # a slip in the stem ("amoxicilin") ends in none; "preparin" is one edit from "preparing"
    if (p.classical_finals and len(word) >= 9 and re.fullmatch(r"[a-z]{3,}o(?:%s)" % "|".join(p.classical_finals), word)
            and not respell.near(word, 1)):
        return True  # "elastography", "sonographer"; "techology" is one edit from "technology"
    z = _zipf(word)
    # a combining form said alone, as a field clips it: "neuro, MSK and body exams" (stop 42, fresh-34)
    if len(word) >= 5 and word.endswith("o") and word in p.prefixes and p.known_zipf and z >= p.known_zipf:
        return True
    # "ruggedised": the British spelling of a word whose -ize form is known ("ruggedized" 1.6), where
    # the engine's British dictionary lacks it (stop 28, fresh-12)
    ize = _YSE.sub(r"yz\1", _ISE.sub(r"iz\1", word))
    if p.known_zipf and ize != word and (_zipf(ize) >= p.known_zipf or wordforms.is_lemma(ize)):
        return True
    # the first few guesses, not just the first: LanguageTool's first guess for "thi" is a rare word
    guesses = [r for r in replacements[: p.max_suggestions] if r]
    # "italian" -> "Italian": wordfreq ignores case, so a proper adjective or place written in lower
    # case looks common; the engine's own guess in capitals says it is a capitalisation slip, unless
    # the dictionary holds the word in lower case too ("lucerne", the crop) and no common word is one
    # edit from it ("te" is from "the"; names are not: "lyra", the aerial hoop, is no slip of Lara) (stop 29, fresh-13);
    # nor a family word the engines know only as a name, after an article or a possessive: "a nan or a mum",
    # "my nan" (stop 54, fresh-52 and natural-10); "my german", "the easter weekend" stay slips (a review)
    if any(g != word and g.lower() == word for g in guesses) and not (
            (word in _common_nouns() and not _near_words(word)) or (after_article and word in p.kin_words)):
        return False
    # "sarali" -> "Sarah", "alapana" -> "Alabama": a lower-case word the engine can only liken to
    # names, none of them a slip away, is no slip of a name (those are a letter off: "febuary" ->
    # "February") nor of a word (the engine would offer that in lower case) (stop 30, fresh-14)
    if p.name_guess_edits and word.isalpha() and guesses and all(
            g[:1].isupper() and respell.distance(word, g.lower()) >= p.name_guess_edits for g in guesses):
        return True
    # "runbook" -> "run book": the engine reads a closed compound as two words run together; but
    # it splits slips the same way ("carear" -> "car ear"), and those are one edit from a word
    splits = [g for g in guesses if " " in g and g.replace(" ", "") == word]
    split = splits[0] if splits else None
    # before the run-together test below: a headword the engine splits ("pilotage" -> "pilot age",
    # "bicultural") is still a word, unless a function word runs on ("incase", "intime", "upclose");
    # a pronoun does not run on so: "megrim" (a fish) is no "me grim" (stop 34, fresh-20)
    if (p.dictionary_zipf and z >= p.dictionary_zipf and _in_dictionary(word) and not _near_words(word)
            and not any(sp.split()[0].lower() in _stop_words() - _PRONOUNS for sp in splits)):
        return True
    # ... and a headword wordfreq never saw that no common word is two edits from ("venepuncture",
    # "boltrope"): the archaic slips the dictionaries hold are near the word meant ("colate")
    if p.far_headwords and word.isalpha() and _in_dictionary(word) and not respell.near(word, 2):
        return True
    if (p.scowl_words and word.isalpha() and _scowl_word(word)
            and (word in _scowl()[0] or not any(sp.split()[0].lower() in _stop_words() - _PRONOUNS for sp in splits))):
        # not a function word run on, as above: SCOWL holds "intime"; but a word of its size 50 is
        # common English ("bylaws", which LanguageTool's British list spells "byelaws": stop 46, fresh-43)
        return True
    if p.medical_words and word.isalpha() and _medical_word(word) and _no_slip_of_a_common_word(word):
        return True  # "corneoscleral", "theranostics" (stop 48, fresh-45); "accomodation" is listed, a slip
    # a word all three lists hold, Webster's or GCIDE, SCOWL to size 80 and WordNet, that is no slip
    # of one word: "shunter" is one edit from "hunter" and "shutter" both (stop 47, fresh-44); "carful"
    # from "careful" alone, the slip JFLEG's learners make; nor one edit from a function word ("wether")
    if (p.listed_everywhere and word.isalpha() and _in_dictionary(word) and word in _scowl()[1] and wordforms.is_lemma(word)
            and len(set(_near_words(word)) - {word}) != 1 and not respell.one_edit(word) & _stop_words()):
        return True
    # "malolactic", "cleanroom": no common word it could be a slip of; one word of letters (an
    # engine's span may hold two: "olders can"), and no name run together ("latinamerican" ->
    # "Latin American")
    if (p.unrelated_zipf and z >= p.unrelated_zipf and word.isalpha()
            and not any(g != g.lower() and re.sub(r"[\s-]", "", g).lower() == word for g in guesses)
            and not respell.near(word, 2)):
        return True
    # the engine knows the plural and offers it ("cytokine" -> "cytokines"): the singular is a word,
    # about as common as its plural; "succes" is far rarer than "success", which it misses
    if (p.plural_guess and len(word) >= 5 and guesses and guesses[0].lower() in (word + "s", word + "es")
            and _zipf(guesses[0].lower()) - z < 1.0):
        return True
    # one word of letters: an engine's span may hold two ("word stoped")
    # (its own base is one edit away: "sludged" from "sludge"; "extented" is one from "extended")
    if (p.denominal_ed and p.base_zipf and word.isalpha() and wordforms.denominal_past(word, p.base_zipf, _zipf)
            and not set(respell.near(word, 1)) - wordforms.past_bases(word)):
        return True
    # "misrouted", "overprovisioning": a common word with a prefix or suffix English builds words
    # with (the engine may offer its parts, "mis routed", as if it were "alot")
    rare_base = _known_base(p.rare_base_zipf) if p.rare_base_zipf else None
    derived = bool(p.base_zipf) and wordforms.derived(word, p.prefixes, p.suffixes, p.base_zipf, _zipf, finals=p.finals,
                                                      rare_base=rare_base)
    if not derived and p.long_prefixes and p.base_zipf and word.startswith(tuple(p.long_prefixes)):
        # "transcritical"; not "transportion", two edits from "transportation" (a review)
        derived = wordforms.derived(word, (), p.suffixes, p.base_zipf, _zipf, finals=p.finals, long_prefixes=p.long_prefixes,
                                    long_base=p.long_base) and not respell.near(word, 2)
    if (not derived and rare_base is not None and word.isalpha()
            and wordforms.derived(word, p.prefixes, (), p.base_zipf, _zipf, rare_base=rare_base, short_forms=True)
            and all(respell.distance(word, g.lower()) >= 2 for g in guesses)
            and not any(_zipf(w) >= _SEEN_ZIPF for w in respell.one_edit(word))):
        # "geo" or "bio" on a rarer field word ("geometallurgical": stop 60, fresh-59), when no word English text
        # writes is one edit away: a slip of such a word is ("geospacial", "bioclimactic": reviews)
        derived = True
    one_edit = (split is not None or derived) and bool(respell.near(word, 1))
    closes_up = p.compounds and split is not None and split == guesses[0] and not one_edit
    if closes_up and (wordforms.is_compound(word, split) or wordforms.is_agent_compound(word, split)):
        return True
    if (p.noun_compound_zipf and word.isalpha() and z >= p.known_zipf and not respell.near(word, 1)
            and wordforms.noun_compound(word, p.noun_compound_zipf, _zipf)):
        return True
    if derived and not one_edit:
        return True
    # "alot" -> "a lot": the engine's guess is the word itself split, and the split is far (30x)
    # more common. Frequency lists count such run-together slips ("alot" 3.9, "atleast" 3.5) as words;
    # WordNet does not, and holds the common closed forms ("wellbeing" 3.5: Harper splits it)
    if split is not None and _zipf(split) - z >= _RUN_TOGETHER_GAP and not (z >= p.common_zipf and wordforms.is_lemma(word)):
        return False
    # ... but a word wordfreq knows that is not far rarer than its split is one ("confocal" 2.2,
    # "con focal" 3.6; "hydrological")
    if closes_up and p.split_zipf and z >= p.split_zipf:
        return True
    if z >= p.common_zipf:
        return True
    if p.far_guess_edits and wordforms.is_lemma(word) and all(
        respell.distance(word, g.lower()) >= p.far_guess_edits for g in guesses
    ):
        return True
    if not p.known_zipf or z < p.known_zipf:
        return False
    if all(z >= _zipf(g) for g in guesses):
        return True
    if not p.form_gap or any(_zipf(g) - z >= p.form_rival_gap for g in guesses):
        return False
    return any(z >= _zipf(lemma) - p.form_gap for lemma in wordforms.lemmas(word))


_PHRASE_WORDS = re.compile(r"[^\W\d_]+")


def _in_hindi_phrase(text: str, start: int, end: int, word: str) -> bool:
    """Is the flagged word Hindi among Hindi words: two more of the list within three words either
    side, in the same sentence ("a romanised query such as "kal tak refund ho jayega?"": stop 45,
    fresh-42)? The list holds no common English word, so an English slip has no such neighbours."""
    if not (word.isalpha() and word.islower() and len(word) >= 3) or word not in _hindi():
        return False
    stops = ".!?\n"
    left = text[max(0, start - 60) : start]
    left = left[max(left.rfind(c) for c in stops) + 1 :]
    right = text[end : end + 60]
    right = right[: min((right.find(c) for c in stops if c in right), default=len(right))]
    near = _PHRASE_WORDS.findall(left)[-3:] + _PHRASE_WORDS.findall(right)[:3]
    return sum(w.islower() and len(w) >= 3 and w in _hindi() for w in near) >= 2


@kind("proofread", params=ProofreadParams, needs=("tagger", "parser", "ner", "lemmatizer"))
def check_proofread(analysis, ctx, rule):
    p: ProofreadParams = rule.params
    matches, why = analysis.proofread()
    if matches is None:
        return skipped(rule, why)
    note = analysis.note
    names = ctx.words() | {w.lower() for n in _frame_names(note) for w in re.findall(r"[\w'’-]+", n)}
    matches = grammar_shapes.add(matches, analysis.doc, p.shapes)
    borrowed = frozenset()  # te reo Māori, Hindi or a field's words, in a note that writes them
    if p.category == "spelling" and (p.te_reo or p.hindi_words or p.glossary_words):
        # a possessive is judged by its word: "the kura's own pepeha" (stop 42, fresh-35)
        spelled = [m for m in matches if m.kind == "spelling"]
        flagged = [_POSSESSIVE.sub("", note.text[m.offset : m.end]) for m in spelled]
        guessed = [(w, tuple(m.replacements)) for w, m in zip(flagged, spelled)]
        borrowed = (_te_reo_words(note.text, flagged, p.known_zipf) if p.te_reo else frozenset()) | (
            _hindi_words(flagged, p) if p.hindi_words else frozenset()) | _glossary_words(guessed, p)
        if p.hindi_words:  # a word of a Hindi phrase, however near an English word ("kal tak refund ho jayega")
            borrowed |= {w for m, w in zip(spelled, flagged) if _in_hindi_phrase(note.text, m.offset, m.end, w)}
    findings = []
    for m in matches:
        if m.kind != p.category:
            continue
        if note.in_placeholder(m.offset, m.end) or note.in_control_line(m.offset, m.end):
            continue  # a control line is not part of the letter ("thanklint" is no misspelling)
        if _in_identifier(note.text, m.offset, m.end):
            continue  # "phenix.refine": a program's name, neither a misspelling nor two sentences
        if p.category == "grammar" and _in_formula(note, m.offset, m.end, capitalised=True):
            continue  # a salutation or valediction the pack lists: "With warmest thanks," (stop 43, fresh-38); not
            #           "best regards," (its capital is what is missing: a review)
        if p.category == "spelling" and m.rule_id != dialect.MIXED:  # the mix is no misspelling claim
            if _is_name(analysis, m.offset, m.end, p, names, m.replacements):
                continue
            if _field_word(note.text[m.offset : m.end], m.replacements, p, bool(_AFTER_ARTICLE.search(note.text[max(0, m.offset - 8) : m.offset]))):
                continue
            if _loan_word(note.text, m.offset, m.end, p):
                continue
            if _POSSESSIVE.sub("", note.text[m.offset : m.end]).lower() in borrowed or _te_reo_article(note.text, m.offset, m.end):
                continue
            if p.quoted_words and _quoted(note.text, m.offset, m.end):
                continue
            if _latin_phrase(note.text, m.offset, m.end, p.latin_phrases):
                continue
            if _in_hyphenated_lemma(note.text, m.offset, m.end) or _hyphenated_words(note.text[m.offset : m.end], p):
                continue
            if _hyphened_prefix(note.text, m.offset, m.end, p) or _reduplicated(note.text, m.offset, m.end):
                continue
            if p.binomials and _binomial(analysis, m.offset, m.end):
                continue
        if not all(PREMISES[x](analysis, m) for x in p.verify.get(m.rule_id, ())):
            continue
        # `safe`: the engine layer is certain of the first replacement (grammar/combine.py),
        # or it is the misspelling's one plausible correction (respell.certain)
        safe = m.safe or (p.category == "spelling" and p.fix_margin > 0 and bool(m.replacements)
                          and respell.certain(analysis, m.offset, m.end, m.replacements[0], p.fix_margin,
                                              frozenset(names) | p.vocabulary_lower))  # fmt: skip
        sugg = tuple(
            Suggestion("replace", r, note.span(m.offset, m.end), safe=safe and i == 0)
            for i, r in enumerate(m.replacements[: p.max_suggestions])
        )
        findings.append(finding(note, rule, m.offset, m.end, m.message, sugg))
    return from_findings(rule, findings)
