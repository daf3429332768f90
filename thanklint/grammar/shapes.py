"""thanklint's own grammar checks: a few error shapes read off the note's spaCy parse (the one
every rule shares), for slips an engine misses (Harper: "I has enjoyed", "I look forward to hear
from you"; both engines: "will causes", "endangered animals is", "a products"). Each shape
reports an ordinary grammar match with the inflected word as suggestion; where an engine already
flags the same words, the engine's match stands and the shape's is dropped, so the user sees one
finding. Messages, word lists and exceptions are the pack's data (rules/thankyou/grammar.yaml,
`params.shapes`); each shape was measured before it shipped there (bench/shapes.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import EngineMatch

RULE_PREFIX = "thanklint:"  # rule ids of these matches ("thanklint:i-verb"), beside the engines' own


@dataclass(frozen=True)
class _Shape:
    message: str  # {word}: the word as written; {fix}: the form suggested

    def __post_init__(self):
        # a message names at most {word} and {fix}: a typo in a user's pack is a rule-file error, not a crash
        try:
            self.message.format(word="", fix="")
        except (KeyError, IndexError, ValueError) as e:
            raise ValueError(f"message may use only {{word}} and {{fix}} ({type(e).__name__}: {e})") from None


@dataclass(frozen=True)
class _Inflecting(_Shape):
    irregular: dict = field(default_factory=dict)  # a form -> the form suggested, where no regular rule makes it

    def __post_init__(self):
        super().__post_init__()
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in self.irregular.items()):
            raise ValueError("irregular must map words to words")


@dataclass(frozen=True)
class IVerb(_Inflecting):
    """"I" as the subject of a third-person-singular present verb: "I has", "I manages" (irregular:
    a 3rd-person form -> its form after "I", "has": "have")."""


@dataclass(frozen=True)
class LookForward(_Shape):
    """"look forward to" + a verb's base form: "look forward to hear" -> "hearing"."""

    min_zipf: float = 3.0  # the -ing form must be this common (wordfreq Zipf): an -ing word, not a guess


@dataclass(frozen=True)
class ModalVerb(_Inflecting):
    """A modal or "do" as auxiliary + a past or 3rd-person verb: "will causes", "could began", "didn't
    went" (irregular: a 3rd-person or past form -> the base, "has": "have")."""


@dataclass(frozen=True)
class SubjectVerb(_Inflecting):
    """A common-noun subject and its present verb disagree in number: "animals is", "the costumer lose"
    (irregular: each form of "be", "have", "do" -> the other number's)."""

    plurals: tuple = ()  # irregular plural nouns ("people", "children"): WordNet lists them as words of their own
    same_plural: tuple = ()  # nouns whose plural is the same word ("fish", "sheep"): "the fish are" is right
    collective: tuple = ()  # a group takes a plural verb in British English ("the team are")
    subjunctive: tuple = ()  # "I suggest that the company hire", "it is important that every student attend"
    formulas: tuple = ()  # verbs of a set phrase, not a claim about the subject: "interview thank you letter"
    causative: tuple = ()  # "made the work feel tangible": the noun is the object, the verb bare
    # transitive verbs whose past participle is their base form ("run", "overcome"): "… for a treadmill and a
    # programme run jointly with …" is a passive participle after an object's second noun, not its verb
    participle_bases: tuple = ()


@dataclass(frozen=True)
class APlural(_Shape):
    """"a"/"an" as the determiner of a regular plural noun: "a products", "a cars" ({fix}: the singular)."""

    quantifiers: tuple = ()  # "a few days", "a great many people": a plural after "a" that is right
    adjuncts: tuple = ()  # "a drinks wholesaler", "a sports club": plurals English uses as a noun's modifier


@dataclass(frozen=True)
class PronounVerb(_Inflecting):
    """A subject pronoun and its verb disagree: "it were", "he go", "she have", "they was", "we has"
    (irregular: each form -> the other number's, "have": "has", "was": "were")."""

    singular: tuple = ()  # he, she, it: a 3rd-person verb, "was"
    plural: tuple = ()  # we, they, you: a plural verb, "were"
    conditional: tuple = ()  # words before "were" that make it right: "if it were", "I wish it were"
    subjunctive: tuple = ()  # "I suggest that she go", "it is important that he attend"
    causative: tuple = ()  # "let it go", "made it happen": the pronoun is the object, the verb bare


@dataclass(frozen=True)
class PhrasalVerb(_Shape):
    """A phrasal verb spelled as its hyphenated noun: "I will follow-up", "to set-up a call"."""

    nouns: tuple = ()  # hyphenated nouns of phrasal verbs: "follow-up", "check-in" ({fix}: "follow up")
    before_to: tuple = ()  # words that make the "to" after them a preposition: "through to sign-off"
    # participles whose "to" is a preposition: the noun after it is one unless an object follows ("linked to
    # follow-up within a fortnight"; "committed to follow-up the leads" is a verb)
    to_participles: tuple = ()


@dataclass(frozen=True)
class Shapes:
    i_verb: IVerb | None = None
    look_forward: LookForward | None = None
    modal_verb: ModalVerb | None = None
    subject_verb: SubjectVerb | None = None
    a_plural: APlural | None = None
    pronoun_verb: PronounVerb | None = None
    phrasal_verb: PhrasalVerb | None = None


def find(doc, shapes: Shapes) -> list[EngineMatch]:
    """The shapes' matches in a parsed text (offsets are the Doc's)."""
    out = []
    for tok in doc:
        if shapes.i_verb is not None:
            out += _i_verb(tok, shapes.i_verb)
        if shapes.look_forward is not None:
            out += _look_forward(tok, shapes.look_forward)
        if shapes.modal_verb is not None:
            out += _modal_verb(tok, shapes.modal_verb)
        if shapes.subject_verb is not None:
            out += _subject_verb(tok, shapes.subject_verb)
        if shapes.a_plural is not None:
            out += _a_plural(tok, shapes.a_plural)
        if shapes.pronoun_verb is not None:
            out += _pronoun_verb(tok, shapes.pronoun_verb)
        if shapes.phrasal_verb is not None:
            out += _phrasal_verb(tok, shapes.phrasal_verb)
    return out


def add(matches: list[EngineMatch], doc, shapes: Shapes | None) -> list[EngineMatch]:
    """The engine's matches and the shapes' matches no engine grammar match overlaps."""
    if shapes is None:
        return matches
    extra = unclaimed(matches, find(doc, shapes))
    return sorted([*matches, *extra], key=lambda m: m.offset) if extra else matches


def unclaimed(matches: list[EngineMatch], found: list[EngineMatch]) -> list[EngineMatch]:
    """The shapes' matches `found` that no engine grammar match overlaps (the engine's finding stands)."""
    taken = [(m.offset, m.end) for m in matches if m.kind == "grammar"]
    return [s for s in found if not any(a < s.end and s.offset < b for a, b in taken)]


def _match(tok, rule: str, message: str, fix: str) -> EngineMatch:
    return EngineMatch(tok.idx, len(tok.text), message.format(word=tok.text, fix=fix), (_cased(fix, tok.text),),
                       "grammar", RULE_PREFIX + rule, safe=False, category="thanklint")  # fmt: skip


def _cased(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def _i_verb(tok, p: IVerb) -> list[EngineMatch]:
    """`tok` a VBZ verb whose subject is the pronoun "I" before it. Only the clause's finite verb
    (the first of its auxiliaries and head after the subject) is judged: in "the team I joined has
    grown" the subject of "has" is "team"."""
    if tok.tag_ != "VBZ":
        return []
    got = _finite(tok)
    if got is None or got[1].text != "I" or _not_the_pronoun(got[1]):
        return []
    fix = _base(tok, p.irregular)
    return [_match(tok, "i-verb", p.message, fix)] if fix else []


# Nouns that open a sentence before the pronoun "I" ("Today I start"); any other capitalised
# noun right before "I" at a sentence start takes a numeral ("Phase I has ended", "Part I was").
_TIME_NOUNS = frozenset({"today", "yesterday", "tomorrow", "tonight", "now", "then", "sometimes", "lately"})


def _not_the_pronoun(i) -> bool:
    """ "I" quoted (the word "I" has one letter) or a numeral after a name (World War I, the
    Phase I trial): a capitalised word before it mid-sentence, or one the tagger calls a name,
    or a noun other than a time word that opens the sentence ("Phase I has ended")."""
    doc = i.doc
    if (i.i > 0 and doc[i.i - 1].tag_ == "``") or (i.i + 1 < len(doc) and doc[i.i + 1].tag_ == "''"):
        return True
    if i.i == 0:
        return False
    prev = doc[i.i - 1]
    if prev.tag_ in ("NNP", "NNPS") or (prev.text[:1].isupper() and not prev.is_sent_start):
        return True
    return prev.is_sent_start and prev.text[:1].isupper() and prev.tag_ == "NN" and prev.lower_ not in _TIME_NOUNS


def _base(tok, irregular: dict) -> str | None:
    """The base form of a 3rd-person verb ("I manages", "will causes"): `irregular`, else the word whose regular -s/-es/-ies
    form this is ("manages" -> "manage", "studies" -> "study"). spaCy's lemma breaks a tie and
    is never taken on its own word: it reads "hopes" as "hop" + "es"."""
    from thanklint import wordforms

    word = tok.lower_
    if word in irregular:
        return irregular[word]
    bases = wordforms.lemmas(word)  # WordNet words `word` is a regular inflection of
    lemma = tok.lemma_.lower()
    if lemma in bases:
        return lemma
    return bases.pop() if len(bases) == 1 else None


def _look_forward(tok, p: LookForward) -> list[EngineMatch]:
    """`tok` a base-form verb that "to" marks, right after "look(s/ed/ing) forward to"."""
    if tok.tag_ != "VB" or tok.i < 3:
        return []
    look, fwd, to = tok.nbor(-3), tok.nbor(-2), tok.nbor(-1)
    if look.lemma_.lower() != "look" or fwd.lower_ != "forward" or to.lower_ != "to":
        return []
    if to.head.i != tok.i:  # "to" a preposition with its own object: "look forward to lunch"
        return []
    fix = _ing(tok.lower_, p.min_zipf)  # a VB is its own base form
    return [_match(tok, "look-forward", p.message, fix)] if fix else []


def _ing(base: str, min_zipf: float) -> str | None:
    """The -ing form of `base`, by English spelling rules; which of them (a doubled consonant or
    not: "visiting", "stopping") is left to how often English text uses each."""
    from wordfreq import zipf_frequency  # lazily: ~1.5 s to load its English list

    cands = {base + "ing", base + base[-1:] + "ing"}
    if base.endswith("ie"):
        cands.add(base[:-2] + "ying")
    elif base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        cands.add(base[:-1] + "ing")
    best = max(sorted(cands), key=lambda w: zipf_frequency(w, "en"))
    return best if zipf_frequency(best, "en") >= min_zipf else None



def _finite(tok):
    """(the clause's head verb, its subject) when `tok` is the clause's first finite verb after
    its one subject, else None: in "the team I joined has grown" the subject of "has" is "team"."""
    head = tok.head if tok.dep_ in ("aux", "auxpass") else tok
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1 or subj[0].i > tok.i:
        return None
    finite = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i > subj[0].i] + [head]
    if min(t.i for t in finite) != tok.i:  # spaCy makes a new Token object on each access: compare positions
        return None
    return head, subj[0]


def _modal_verb(tok, p: ModalVerb) -> list[EngineMatch]:
    """`tok` a verb in the past or the 3rd person right after its modal or "do" auxiliary (adverbs
    between): after "will", "could", "didn't" English has the base form. A perfect or passive
    ("will have gone", "could be seen") puts its own auxiliary between, so it never matches. The
    parser may tag a past form after a modal as a base form or participle ("won't forgot", "didn't
    ate"): an irregular past or, tagged a base form, an "-ed" that is no base itself counts too."""
    from thanklint import wordforms

    if tok.tag_ in ("VB", "VBN"):
        base = wordforms.past_base(tok.lower_, regular=tok.tag_ == "VB")  # not "didn't interested": an adjective meant
        if base is None:
            return []
    elif tok.tag_ not in ("VBD", "VBZ"):
        return []
    else:
        base = None
    aux = [c for c in tok.children if c.dep_ in ("aux", "auxpass") and c.i < tok.i]
    if not aux:
        return []
    last = max(aux, key=lambda c: c.i)
    if base and not _said_in_order(tok, aux):
        return []
    if not (last.tag_ == "MD" or (last.lemma_.lower() == "do" and last.tag_ in ("VBD", "VBZ", "VBP"))):
        return []
    if last.i and (last.doc[last.i - 1].lower_ in ("a", "an", "the", "every") or last.doc[last.i - 1].tag_ == "PRP$"):
        return []  # "every can tastes", "your will prevails": a noun the parser took for the modal
    if last.text[:1].isupper() and (not last.is_sent_start or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        return []  # the name Will: "Sam and Will took me to lunch", "Will taught me more about Kafka" (a review, stop 63)
    if any(t.is_punct or "\n" in t.whitespace_ for t in tok.doc[last.i : tok.i]):
        return []  # a clause cut off: "I can, left to my own devices, over-engineer things" (a review, stop 63)
    if last.lower_ in ("ca", "wo", "sha") and last.nbor(1).lower_ not in ("n't", "n’t", "nt"):
        return []  # "ca" is a modal only as "can't" splits ("ca" + "n't"): never "Mg/Ca temperatures would help" (stop 62, fresh-61)
    if (tok.tag_ == "VBD" and tok.lower_.endswith("ed") or base) and last.lower_ in ("'d", "’d"):
        return []  # "we'd both planted", "I'd forgotten": "'d" is "had" before a participle ("we'd went" stays) (stop 33, fresh-19)
    if base:
        fix = base
    elif tok.lower_ in p.irregular:
        fix = p.irregular[tok.lower_]
    else:  # spaCy's lemma of a past form ("began": "begin"); a 3rd-person form as for "I"
        fix = _base(tok, {}) if tok.tag_ == "VBZ" else tok.lemma_.lower()
    return [_match(tok, "modal-verb", p.message, fix)] if fix and fix != tok.lower_ else []


def _said_in_order(tok, aux) -> bool:
    """A statement's order, a pronoun subject, the auxiliaries `aux`, then the verb with at most "not" or an
    adverb between: "I won't forgot", "I will definitely sent". A past form the parser tags a base form or
    participle is a slip only then: never a question's participle before its noun ("Would paid time off start
    on day one?"), a noun "can" ("the trash can left by the door"), nor a hyphened verb ("you can left-click
    it") (a review, stop 63)."""
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1 or subj[0].i > min(a.i for a in aux) or subj[0].tag_ != "PRP":
        return False  # a pronoun's: not "Each can sold at the fundraiser", "Free will given to each team"
    between = tok.doc[max(a.i for a in aux) + 1 : tok.i]
    if any(t.pos_ not in ("ADV", "PART") for t in between):
        return False  # (a comma or a line break between is the caller's check)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return nxt is None or not (nxt.text == "-" and not tok.whitespace_ or nxt.tag_ == "VB")  # "can left click"


def _subject_verb(tok, p: SubjectVerb) -> list[EngineMatch]:
    """`tok` the finite present verb (or "was") of a common noun that is plural with a singular
    verb ("animals is") or singular with a plural one ("the costumer lose"). Left alone, where
    English allows both or the parse is unsure: a subject with a number, a conjunct, an "of"
    phrase ("the amount of X are"), a gerund's object ("learning facts is"); a plural that is a
    word of its own ("news", "means", "details"); a noun whose plural is itself ("fish"), a
    collective noun, a subjunctive clause, a causative's bare verb ("made the work feel")."""
    if (tok.tag_ not in ("VBZ", "VBP") and tok.lower_ != "was") or tok.lower_ in p.formulas or _word_by_word(tok):
        return []
    got = _finite(tok)
    if got is None:
        return []
    head, subj = got
    if tok.tag_ != "VBP" and any(c.dep_ == "csubj" for c in head.children):
        return []  # "Translating X into terms, settings, and timelines is": a clause is the subject, singular (stop 35, fresh-22)
    if subj.tag_ not in ("NN", "NNS") or any(c.dep_ in ("conj", "cc", "nummod", "appos", "prep") for c in subj.children):
        return []
    hung = next((c for c in subj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (hung is not None and (hung.tag_, tok.tag_) in (("NN", "VBZ"), ("NNS", "VBP"))
            and not any(t.pos_ in ("NOUN", "PROPN") for t in tok.doc[tok.sent.start : hung.i])
            and not any(c.dep_ in ("conj", "cc", "prep") for c in hung.children)
            and hung.lower_ not in p.collective and hung.lower_ not in p.same_plural):
        return []  # a noun with a subject of its own: the parse hung the sentence's subject on a later noun, and that one
        #           agrees and opens the sentence ("The care your group puts into verification, with MMS tests running
        #           in CI, reflects": stop 60, fresh-59); "The standards your group sets …, with MMS tests running in CI,
        #           reflects", "The solvers the lead developer relies on, with method of … tests …, is", "A lot of the
        #           tests …", "Verification and the tests …", "The police your town employs, …, is" stay (reviews)
    gap = tok.doc[subj.i + 1 : tok.i]
    if any(t.is_space or "\n" in t.text for t in gap) or [t.text for t in gap] == [","]:
        return []  # "Dear hiring manager,\nThank you": a greeting's name, not the verb's subject
    if _compound_noun(tok, subj):
        return []  # "prepare quarterly results updates", "cover tests, prism cover tests": a noun, no verb
    if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") or any(c.dep_ in ("det", "poss") for c in tok.children):
        return []  # "I love the relaxed, community feel of your café": an object with its determiner is a noun (stop 34, natural-1)
    if tok.dep_ == "csubj" and not any(c.i < tok.i and (c.tag_ in ("WP", "WDT", "WRB") or c.dep_ == "mark") for c in tok.children):
        return []  # a clause's subject that nothing opens is a noun: "The pump rebuild on the bench was a highlight"
        #           (stop 42, fresh-35); "What the student need most is …", "Whether the client agree …" stay (a review)
    noun = subj.lower_
    if tok.tag_ == "VBP" and subj.tag_ == "NN":
        if noun in p.same_plural or noun in p.collective or not _is_noun(noun):
            return []
        if _past_of_another(tok.lower_):
            return []  # "which is where his motivation really lay": the past of "lie" (stop 39, fresh-27)
        if any(c.dep_ == "conj" for m in subj.children if m.i < subj.i for c in m.children):
            return []  # "the engineering and environmental work have to move together": two kinds of work
        if head.dep_ == "ccomp" and (head.head.lemma_.lower() in p.subjunctive or any(
                c.lemma_.lower() in p.subjunctive for c in head.head.children if c.dep_ == "acomp")):
            return []
        if head.dep_ in ("ccomp", "xcomp") and head.head.lemma_.lower() in p.causative:
            return []
        if _after_causatives_object(tok, p.causative):
            return []  # "where Sam was helping a family from Germany plan their trip": the family's bare verb, which
            #           the parse hung elsewhere (stop 55, natural-11)
        if any(t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.i < tok.i and any(c.dep_ in ("det", "poss") for c in t.children)
               for t in subj.subtree):
            return []  # two subjects, the second with its determiner attached deeper: "The pot plant sitting inside the
            #           zone and the gate that stalled short of its latch are" (stop 43, fresh-37); not "The opportunity to
            #           work with engineers and designers excite me" (a pair inside the subject: a review)
        if _broken_sentence(tok.sent):
            return []  # "My training in Te Tiriti o Waitangi and my ongoing te reo Māori study help me": the parse
            #           broke the sentence after "reo", leaving "study" as the subject (stop 43, fresh-36)
        if _subject_runs_on(tok):
            return []  # "The case study on a complaint under the Act, and the question it raised, was a good test":
            #           "study" opens the subject, and the sentence's verb comes after a comma (stop 48, fresh-45)
        if _second_of_a_pair(subj):
            return []  # "as e-filing and the revised claims procedure make faster compensation possible": the
            #           parse took "as" for a preposition and the pair's first noun for its object (stop 57, fresh-55)
        if _plural_before_as(subj):
            return []  # "My four years as a street works coordinator have given me": the years' verb (stop 33, fresh-19)
        if _last_of_a_list(subj):
            return []  # "how fatigue, bridge resource management, and organizational drift are examined": the
            #           parse kept only the list's last noun as the subject (stop 59, fresh-58)
        if tok.lower_ in p.participle_bases and _second_object(subj) and not any(c.dep_ == "dobj" for c in tok.children):
            return []  # "your plans for a second treadmill and a dedicated IVDD programme run jointly with the
            #           neurologist": the programme is run (stop 44, fresh-39); "I toured the plant and the
            #           manager run the line" stays (an object: the manager's verb)
        fix = p.irregular.get(tok.lower_) or _third_person(tok.lower_)
    elif tok.tag_ != "VBP" and subj.tag_ == "NNS":
        if noun not in p.plurals and not _regular_plural(noun):
            return []
        det = any(c.dep_ in ("det", "poss") for c in subj.children)
        if not det and any(c.i < subj.i and (c.tag_ == "VBG" or c.lower_.endswith("ing")) for c in subj.children):
            return []  # "learning facts is", "consuming cars affects": a gerund's object, not the subject
        if any(c.dep_ == "mark" and c.lower_ == "than" for c in tok.children) and any(
                c.dep_ in ("attr", "acomp", "dobj") for c in tok.children):
            return []  # "Your question about a breeder who trusts his eye more than the figures was a good one": the
            # sentence's verb with its complement, parsed as a comparison's ("than the figures are" has none) (stop 36, fresh-24)
        if _middle_of_shared_list(tok, subj):
            return []  # "I design programs, complete physical demands analyses on job sites, and write reports": the
            #           list's verbs share "I"; its middle object was read as a subject and verb (stop 49, fresh-46)
        left = subj.left_edge.i
        if left and tok.doc[left - 1].tag_ in ("WRB", "WP", "WDT") and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in subj.children):
            return []  # "why a catch-and-release byelaw matters is": a wh clause's verb read as the subject (stop 40, fresh-28)
        before = tok.doc[left - 1] if left else None
        if (before is not None and before.tag_ == "RP" and left >= 2 and tok.doc[left - 2].tag_ == "VBG"
                and tok.doc[left - 2].is_ancestor(head)):
            before = tok.doc[left - 2]  # a phrasal gerund over the verb: "before pointing out a property's features has
            #   stayed with me" (its object: stop 49, natural-3); not "Since starting out the teams has doubled" (a review)
        if before is not None and before.tag_ == "VBG":
            return []  # "Seeing the new rigs ready for mobilisation was a highlight": the gerund is the subject
        if (before is not None and before.tag_ == "VB" and before.i >= 2 and tok.doc[before.i - 1].lower_ == "to"
                and tok.doc[before.i - 2].tag_ in ("WRB", "WP", "WDT")):
            return []  # "Mere's quick demo on where to make the cuts was really helpful": a wh-infinitive's object (stop
            #           55, natural-11); "I was glad to hear the sales figures has improved" stays (a review)
        fix = p.irregular.get(tok.lower_) or _base(tok, {})
    else:
        return []
    return [_match(tok, "subject-verb", p.message, fix)] if fix else []


def _after_causatives_object(tok, causative) -> bool:
    """`tok` comes right after the object of a causative verb ("help", "let", "make") and the words
    hung on that object: the object's bare verb ("helping a family from Germany plan their trip")."""
    if not tok.i:
        return False
    prev = tok.doc[tok.i - 1]
    # the object a noun or a personal pronoun, not a relative one: "The training that I had at Tesco have prepared me"
    # is still a slip (a review)
    return any(a.lemma_.lower() in causative and a.i < tok.i and a.right_edge.i == prev.i
               and any(c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP") and c.lower_ != "that" for c in a.children)
               for a in prev.ancestors)


def _second_of_a_pair(subj) -> bool:
    """`subj` is the second of two nouns joined by "and" after a word that opens a clause ("as",
    "since", "while", "once"), the first, bare, read as that word's object: the two are the subject.
    "I served as a medic and the training help me" is a role's "as" and a clause of its own (a review)."""
    left = subj.left_edge.i
    if left < 3 or subj.doc[left - 1].lower_ != "and":
        return False
    first = subj.doc[left - 2]
    return (first.pos_ == "NOUN" and first.dep_ == "pobj" and first.head.lower_ in _CLAUSE_OPENERS
            and first.head.i < first.i and not any(c.dep_ in ("det", "poss") for c in first.children)
            and not first.lower_.endswith(_AGENT_ENDINGS))  # "I worked as cashier and the experience help" (a review)


_CLAUSE_OPENERS = ("as", "since", "while", "once", "until", "because", "before", "after")


def _subject_runs_on(tok) -> bool:
    """The "verb" is a noun (WordNet's) the parse read as one, where the subject runs on to a verb
    it took for a second clause's: a finite verb joined to it that comes right after a comma
    closing its own subject ("…, and the question it raised, was a good test")."""
    from thanklint import wordforms

    if tok.lemma_.lower() in ("be", "have", "do") or not wordforms.is_noun(tok.lower_):
        return False  # "are" is a noun too (a unit of area): "Education are the basis …, and the amount …, provides"
    if any(c.dep_ in ("dobj", "attr", "dative") for c in tok.children):
        return False  # a verb with its object: "My colleague study the reports every week, and the director, who …, reviews them"
    doc = tok.doc
    return any(v.dep_ == "conj" and v.tag_ in ("VBD", "VBZ", "VBP") and doc[v.i - 1].text == ","
               and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < v.i - 1 for c in v.children)
               for v in tok.children)  # fmt: skip


def _middle_of_shared_list(tok, subj) -> bool:
    """`tok` is a middle item of a list of verb phrases whose later item has no subject of its own:
    the items share the first one's subject, a pronoun ("I design …, complete … analyses …, and
    write …"), so what the parse read as this item's subject and verb is an object (a noun). The
    "subject" opens the item, right after the list's comma, with no determiner of its own; "I lead
    the team, and the nurses trusts me and come to me" (a clause of its own) is not one (a review)."""
    if tok.dep_ != "conj" or any(c.dep_ in ("det", "poss") for c in subj.children):
        return False
    left = subj.left_edge.i
    if not left or tok.doc[left - 1].text != ",":
        return False
    first = tok.head
    while first.dep_ == "conj":
        first = first.head
    verb = first.head if first.dep_ == "dobj" else first  # the parse may hang the list on the first verb's object
    if not any(c.dep_ == "nsubj" and c.tag_ == "PRP" for c in verb.children):
        return False
    later = [c for c in (*tok.children, *tok.head.children) if c.dep_ == "conj" and c.i > tok.i]
    return any(v.pos_ == "VERB" and v.tag_ in ("VB", "VBP") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
               for v in later)  # fmt: skip


def _compound_noun(tok, subj) -> bool:
    """The "verb" is a noun the parse read as one, its "subject" a noun before it: right after a
    main verb and with no object of its own ("I … prepare quarterly results updates within
    hours"), a bare singular item of a list before a plural ("cover tests, prism cover
    tests"), or the last item of a list of nouns after a colon ("…: fungicide passes through
    July, and the defoliation push in the fall"). Never a form of "be", "have" or "do" ("he
    knows the advertisement are"), never before "to" ("the country need to pay"), a determiner
    or a pronoun."""
    doc = tok.doc
    if tok.lemma_.lower() in ("be", "have", "do"):
        return False
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and (nxt.lower_ == "to" or nxt.pos_ in ("DET", "PRON")):
        return False
    from thanklint import wordforms

    if not (wordforms.is_noun(tok.lower_) or any(wordforms.is_noun(b) for b in wordforms.lemmas(tok.lower_))):
        return False
    left = subj.left_edge.i
    if not left:
        return False
    head = tok.head.lower_
    if tok.dep_ == "conj" and any(t.text == ":" for t in doc[tok.sent.start : left]) and (
            wordforms.is_noun(head) or any(wordforms.is_noun(b) for b in wordforms.lemmas(head))):  # fmt: skip
        return True  # a list after a colon: "…: fungicide passes through July, and the defoliation push in the fall"
    if (nxt is not None and nxt.tag_ == "VBZ" and tok.tag_ == "VBP" and subj.i == tok.i - 1
            and not (nxt.head == tok and nxt.dep_ in ("dobj", "dative", "attr", "oprd"))
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children)):
        return True  # a compound noun before its own verb: "the host stand sets the tone" (stop 68, natural-24); not
        #              "the director report results to the board" (the "-s" word its object: a review)
    prev = doc[left - 1]
    if prev.pos_ == "VERB":
        return nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM")
    bare = not any(c.dep_ in ("det", "poss", "amod") for c in subj.children)
    return (bare and subj.tag_ == "NN" and tok.tag_ == "VBP" and prev.lower_ in (",", "and", "or")
            and nxt is not None and nxt.tag_ == "NNS")


def _broken_sentence(sent) -> bool:
    """The parser starts a sentence where the text starts none: after a word, with no stop, colon or
    line break before it, and at a word no subject opens with (a name's: "te reo Māori study"). Its
    subject is then a guess. A run-on's sentence opens with a determiner or a pronoun and is one:
    "… yesterday My manager always say" (a review)."""
    doc = sent.doc
    if sent.start == 0:
        return False
    prev, first = doc[sent.start - 1], doc[sent.start]
    if prev.is_space or prev.is_punct or prev.text.endswith(".") or "\n" in prev.whitespace_:
        return False
    return first.pos_ not in ("DET", "PRON")


def _second_object(subj) -> bool:
    """The subject's phrase follows "and" or "or" whose first conjunct is an object (of a
    preposition or a verb): the parse took a second object for a clause's subject."""
    left = subj.left_edge.i
    if not left:
        return False
    cc = subj.doc[left - 1]
    return cc.dep_ == "cc" and cc.lower_ in ("and", "or") and cc.head.dep_ in ("pobj", "dobj")


def _last_of_a_list(subj) -> bool:
    """The subject's phrase follows "and" or "or" that ends a list of noun phrases with commas,
    the list opening its clause ("how fatigue, bridge resource management, and organizational
    drift are examined"): the whole list is the subject. Not a clause after ", and" ("I toured
    the plant, and the manager are"; "We discussed budgets, deadlines, and the project seem")."""
    doc, left = subj.doc, subj.left_edge.i
    if left < 3 or doc[left - 1].lower_ not in ("and", "or"):
        return False
    if any(c.lower_ in ("no", "each", "every") for c in subj.children):
        return False  # "No day, no shift, and no patient is the same": one at a time (a review)
    commas, nouns, opener = 0, 0, None
    for t in reversed(doc[subj.sent.start : left - 1]):
        if t.text == ",":
            commas += 1
        elif t.pos_ in ("NOUN", "PROPN"):
            nouns += t.dep_ != "compound"
        elif t.pos_ not in ("ADJ", "DET", "NUM") or t.is_space:
            opener = t
            break
    # the list opens its clause: at the sentence's start or after "how", "that", "whether" and the like, not
    # after a verb or a preposition ("I have worked in retail, hospitality, and my manager say": a review)
    opens = opener is None or opener.tag_ in ("WRB", "WDT", "WP") or opener.dep_ == "mark"
    return opens and commas >= 1 and nouns >= 2 - (doc[left - 2].text != ",")


def _plural_before_as(subj) -> bool:
    """The subject's phrase follows "as" right after a plural noun: the parse took the noun in the
    "as" phrase for the subject of the plural's verb."""
    left = subj.left_edge.i
    doc = subj.doc
    return left >= 2 and doc[left - 1].lower_ == "as" and doc[left - 2].tag_ == "NNS"


def _regular_plural(word: str) -> bool:
    """A plural English makes from a WordNet noun ("products") and not a noun of its own ("news",
    "means", "statistics", "details")."""
    from thanklint import wordforms

    return not wordforms.is_noun(word) and any(wordforms.is_noun(b) for b in wordforms.lemmas(word))


def _past_of_another(word: str) -> bool:
    from thanklint import wordforms

    return wordforms.is_past_of_another(word)


def _is_noun(word: str) -> bool:
    from thanklint import wordforms

    return wordforms.is_noun(word)


def _third_person(base: str) -> str | None:
    """ "lose" -> "loses"; None for a verb English spells two ways ("echos", "echoes") or none."""
    from thanklint import wordforms

    forms = wordforms.third_person(base)
    return forms.pop() if len(forms) == 1 else None


# a determiner right after the plural opens its object: the plural is a verb ("questions every order");
# not "no", which may go on the noun phrase ("a positions no one holds" is the slip)
_OBJECT_DETERMINERS = frozenset({"every", "each", "the", "a", "an", "this", "these", "those", "my", "your",
                                 "his", "her", "its", "our", "their"})


def _a_plural(tok, p: APlural) -> list[EngineMatch]:
    """`tok` a regular plural noun whose determiner is "a"/"an", with no number or quantity word
    between ("a few days", "a hundred people"); in "a couple of weeks" "a" is the head's, not the plural's."""
    if tok.tag_ != "NNS" or not _regular_plural(tok.lower_):
        return []
    if tok.text.isupper():
        return []  # an acronym whose last letter is an S: "a qualified STMS", "a GPS" ("PCs" shows its plural) (stop 36, fresh-24)
    if tok.i > 0 and tok.nbor(-1).text == "-":
        return []  # the end of a hyphenated word the parser split: "a witness code-switches" (a verb)
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).text in ("'", "’"):
        return []  # a plural possessive: "a weavers' producer company" (the article is the company's; "a mans's" is a slip)
    if tok.dep_ == "compound" and tok.head.i > tok.i:
        return []  # a plural noun adjunct: "a payments platform", "a sales team" (the article is the head's)
    from thanklint import wordforms

    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    after = tok.doc[nxt.i + 1].lower_ if nxt is not None and nxt.i + 1 < len(tok.doc) else ""
    if nxt is not None and nxt.head == tok and nxt.dep_ == "amod" and wordforms.is_noun(nxt.lower_) \
            and after not in ("to", "of", "than"):
        # a noun adjunct before a head the parser took for an adjective: "a disputes firm" (stop 35,
        # fresh-23); an adjective after its noun takes these: "an inventions due to", "a bits more of"
        return []
    if (tok.lower_ in p.adjuncts and nxt is not None and nxt.tag_ == "NN" and nxt.is_lower and nxt.is_alpha
            and wordforms.is_noun(nxt.lower_) and nxt.dep_ != "npadvmod"):
        return []  # one of the plurals English uses as a modifier, before its singular head, whatever the parse made of
        #           the pair: "stacking pallets at a drinks wholesaler" (stop 57, natural-13); "a customers complaint"
        #           (an owner's missing apostrophe) stays a slip (a review)
    if nxt is not None and nxt.head == tok and nxt.dep_ == "appos" and nxt.tag_ == "NN":
        return []  # a noun adjunct before its head, which the parser took for an appositive without a
        # comma: "a secondary social studies teacher" (stop 42, fresh-33)
    if (tok.i >= 3 and tok.nbor(-1).tag_ == "NNP" and tok.nbor(-2).lower_ in ("a", "an") and tok.nbor(-3).tag_ == "IN"
            and any(tok.lower_ in wordforms.third_person(b) for b in wordforms.lemmas(tok.lower_))):
        return []  # "a sale barn running 3,000 head on a Saturday moves at a different pace": a preposition's "a"
        # and name make a noun phrase of their own, the word after it a verb; not "I wrote a Python scripts" (stop 40, fresh-28)
    if (nxt is not None and nxt.tag_ == "VBP" and tok.head == nxt and tok.dep_ == "nsubj" and wordforms.is_noun(nxt.lower_)
            and nxt.lower_.endswith(_AGENT_ENDINGS) and tok.i > 0 and tok.nbor(-1).tag_ == "NN"
            and not any(c.dep_ in ("dobj", "attr", "acomp", "ccomp", "xcomp", "dative") for c in nxt.children)):
        return []  # a noun adjunct between two nouns before a person's noun the parser took for the plural's verb: "as a
        #           fault studies engineer on a decommissioning site" (stop 43, fresh-38); not "when a customers call",
        #           "how a store managers plan" (a review)
    prev = tok.nbor(-1) if tok.i > 0 else None
    if (prev is not None and prev.lower_.endswith(_AGENT_ENDINGS) and _persons_noun(prev.lower_)
            and any(tok.lower_ in wordforms.third_person(b) for b in wordforms.lemmas(tok.lower_))
            and tok.dep_ == "nsubj" and nxt is not None and nxt.pos_ in ("ADJ", "NOUN", "VERB", "NUM") and nxt.tag_ != "VBG"):
        return []  # a person's noun, then its verb and the verb's object: "in which a supervising
        #           neurophysiologist reviews live traces" (stop 68, fresh-67); not "a store managers plan", nor a
        #           plural the parser made an object: "I read a consultant reports last week" (a review)
    if nxt is not None and (nxt.lower_ in _OBJECT_DETERMINERS or (nxt.tag_ == "VBP" and tok.head != nxt)):
        # a verb the parser took for the plural ("a good operator questions every order"), or a
        # noun adjunct before a head it took for a verb ("a generic activities calendar") (stop 31, fresh-17)
        return []
    det = [c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an")]
    if not det or any(c.dep_ == "nummod" for c in tok.children) or det[0].text == "AN":
        return []  # "AN fittings": a standard's name in capitals, no article (stop 35, fresh-23)
    between = tok.doc[det[0].i + 1 : tok.i]
    if any(t.tag_ == "CD" or t.dep_ == "quantmod" or t.lower_ in p.quantifiers for t in between):
        return []
    if any(t.is_punct or t.dep_ == "cc" for t in between):
        return []  # a list the parser heads with its last noun: "a CMM, bore gauges, and height gauges"
    last = tok
    while (conj := [c for c in last.children if c.dep_ == "conj"]):
        last = conj[-1]
    if (last is not tok and last.tag_ == "NN" and not any(c.dep_ == "det" for c in last.children)
            and any(c.dep_ == "compound" for c in last.lefts)
            and any(t.text == "," for t in tok.doc[tok.i + 1 : last.i])):
        return []  # a list of noun adjuncts before its singular head, which the parser took for the last
        # conjunct: "a fats, oils and grease problem" (stop 41, fresh-31); not "a books and pens", nor
        # "a projects and team structure" (no comma: one noun and another, a review)
    if any(t.tag_ == "FW" for t in between):
        return []  # a phrase of another language: "a mur de mots" (French: a word wall)
    if (det[0].i > 0 and det[0].nbor(-1).lower_ in _SUBORDINATORS and between and between[-1].tag_ == "NN"
            and any(tok.lower_ in wordforms.third_person(b) for b in wordforms.lemmas(tok.lower_))
            and (nxt is None or nxt.pos_ not in ("VERB", "AUX"))):
        return []  # a clause's subject and verb after its opener: "before a new tenancy starts" (stop 43, fresh-37);
        #           not "When a work orders comes in" (a verb follows: a review)
    if _ends_wh_clause(tok, det[0]):
        return []  # the verb of a clause "how much" opens: "how much a patient mentor matters"
    if _ends_relative_clause(tok, det[0], between):
        return []  # "the standards a hospital needs", "more than a résumé does" (stop 51, fresh-49 and natural-7)
    if any(t.tag_ == "NN" and t.nbor(1).tag_ == "VBG" for t in between):
        return []  # the article's noun before a participle's clause: "a charity supporting families" (stop 34, fresh-21)
    if any(t.tag_ == "NN" and t.lower_.endswith(_AGENT_ENDINGS) and t.i + 2 < tok.i and t.nbor(1).lower_.endswith("ing")
           and any(wordforms.is_verb(b) for b in wordforms.lemmas(t.nbor(1).lower_)) for t in between):
        return []  # ... which the parser took for a noun, a person doing it, an object of its own before the plural: "a
        #           postdoctoral researcher building Casal2 models" (stop 43, fresh-38); not "a customer training
        #           sessions", "an investment banking summer internships" (a review)
    singular = [b for b in wordforms.lemmas(tok.lower_) if wordforms.is_noun(b)]
    return [_match(tok, "a-plural", p.message, singular[0])] if len(singular) == 1 else []


_AGENT_ENDINGS = ("er", "or", "ist", "ian", "ant")  # a person's noun: "engineer", "researcher", "analyst" (not "-ent": "investment")
_SUBORDINATORS = frozenset({"before", "after", "when", "whenever", "until", "till", "once", "if", "unless", "because",
                            "while", "since", "as", "though", "although"})


def _persons_noun(word: str) -> bool:
    """A word of six letters or more that is a noun or ends in one of six letters or more:
    "neurophysiologist" (physiologist)."""
    from thanklint import wordforms

    return any(wordforms.is_noun(word[i:]) for i in range(0, len(word) - 5))


def _ends_relative_clause(tok, det, between) -> bool:
    """`tok` is the verb that ends a clause whose subject is the article's one noun, right after a noun
    the clause is about or a comparison's "than": "the kind of standards a hospital needs.", "more than
    a résumé does,". Not "I read a history books" (a verb before the article), nor "a new books"."""
    import unicodedata

    from thanklint import wordforms

    doc = tok.doc
    if len(between) != 1 or det.i == 0 or (tok.i + 1 < len(doc) and not doc[tok.i + 1].is_punct):
        return False
    word = "".join(c for c in unicodedata.normalize("NFKD", between[0].lower_) if not unicodedata.combining(c))
    verb = tok.lower_ in ("does", "has", "goes") or any(
        tok.lower_ in wordforms.third_person(b) for b in wordforms.lemmas(tok.lower_))
    before = det.nbor(-1)
    # after "than" only a pro-verb: not "more ward experience than a staff nurses" (a plural: a review)
    return verb and wordforms.is_noun(word) and (before.tag_ in ("NN", "NNS") or (
        before.lower_ == "than" and tok.lower_ in ("does", "has", "is", "was", "did")))


def _ends_wh_clause(tok, det) -> bool:
    """`tok` is the verb of a clause that "how", "what" or "why" opens before its article, with no verb
    between, its subject the noun phrase before it: at the clause's end ("I know how much patience
    a level sheet demands") or, a verb's 3rd person, before its object ("how a district balances
    larviciding against adulticiding": stop 33)."""
    from thanklint import wordforms

    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and not (nxt.is_punct or nxt.lower_ in ("and", "but", "or")) and not any(
            tok.lower_ in wordforms.third_person(b) for b in wordforms.lemmas(tok.lower_)):
        return False
    before = doc[max(tok.sent.start, det.i - 4) : det.i]
    # "why": "explaining to residents why a flowerpot saucer matters" (stop 33, fresh-19)
    wh = [t.i for t in before if t.lower_ in ("how", "what", "whatever", "however", "why", "where", "whether")]
    # no verb between: "what creates a firebreaks" is a slip, the noun phrase the verb's object
    return bool(wh) and not any(t.pos_ in ("VERB", "AUX") for t in doc[wh[-1] + 1 : det.i])


def _pronoun_verb(tok, p: PronounVerb) -> list[EngineMatch]:
    """`tok` the finite verb of a subject pronoun in the other number: "he go" -> "goes", "it were"
    -> "was", "they was" -> "were", "we has" -> "have". "Were" after he/she/it or "I" is right in a
    condition or a wish (a `conditional` word earlier in the sentence: "if it were", "I wish I were"),
    in "as it were" and in "it were to"; a bare verb after he/she/it in a subjunctive clause ("I suggest that she go") or
    after a causative ("let it go") is left alone."""
    if tok.tag_ not in ("VBP", "VBZ", "VBD") or _word_by_word(tok):
        return []
    got = _finite(tok)
    if got is None:
        return []
    head, subj = got
    pron, word = subj.lower_, tok.lower_
    if _noun_before_a_verb(tok):
        return []
    if _and_pronoun(subj):  # "He and I is", "my manager and I was": two people, a plural verb
        fix = (p.irregular.get(word) or _base(tok, {})) if word == "was" or tok.tag_ == "VBZ" else None
        return [_match(tok, "pronoun-verb", p.message, fix)] if fix and fix != word else []
    if subj.tag_ != "PRP" or any(c.dep_ in ("conj", "cc", "appos") for c in subj.children):
        return []
    if pron == "i" and _not_the_pronoun(subj):
        return []
    if pron in p.singular or pron == "i":
        if word == "were":
            before = tok.sent[: subj.i - tok.sent.start]
            if any(t.lower_ in p.conditional for t in before) or (len(before) and before[-1].lower_ == "as") \
                    or (tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to"):
                return []  # "if it were", "I wish I were", "as it were"; "it were to" is a condition too
            fix = "was"
        elif tok.tag_ == "VBP" and pron != "i":
            if head.dep_ == "ccomp" and (head.head.lemma_.lower() in p.subjunctive or any(
                    c.lemma_.lower() in p.subjunctive for c in head.head.children if c.dep_ == "acomp")):
                return []
            if head.dep_ in ("ccomp", "xcomp") and head.head.lemma_.lower() in p.causative:
                return []
            fix = p.irregular.get(word) or _third_person(word)
        else:
            return []
    elif pron in p.plural:
        if word == "was" or tok.tag_ == "VBZ":
            fix = p.irregular.get(word) or _base(tok, {})
        else:
            return []
    else:
        return []
    return [_match(tok, "pronoun-verb", p.message, fix)] if fix and fix != word else []


def _noun_before_a_verb(tok) -> bool:
    """The "verb" is a plural noun (WordNet's) the parse read as one, a past verb right after it: "the
    time you and your team leads spent with me" (stop 52, fresh-50). "They leads the team" keeps its
    object; "He and I leads spent" does not occur."""
    from thanklint import wordforms

    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (tok.tag_ == "VBZ" and nxt is not None and nxt.tag_ in ("VBD", "VBN") and nxt.head.i != tok.i
            and not any(c.dep_ in ("dobj", "attr", "acomp") for c in tok.children)
            and any(wordforms.is_noun(b) for b in wordforms.lemmas(tok.lower_)))


def _word_by_word(tok) -> bool:
    """`tok` opens "block by block", "step by step": a noun in an adverb of manner, whatever the
    parse makes of it ("mapping it block by block")."""
    doc = tok.doc
    return tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "by" and doc[tok.i + 2].lower_ == tok.lower_


def _and_pronoun(subj) -> bool:
    """A subject of two joined by "and", one of them a personal pronoun: "he and I", "my manager
    and I", "you and your team"."""
    conj = [c for c in subj.children if c.dep_ == "conj"]
    if len(conj) != 1 or [c.lower_ for c in subj.children if c.dep_ == "cc"] != ["and"]:
        return False
    return any(t.tag_ == "PRP" and t.lower_ != "it" for t in (subj, conj[0]))


def _phrasal_verb(tok, p: PhrasalVerb) -> list[EngineMatch]:
    """`tok` the verb of a hyphenated phrasal noun ("follow" of "follow-up") that the parser reads
    as a verb after a modal, "to", a subject pronoun or "please" (adverbs between): "I will
    follow-up" -> "follow up". The noun itself ("the follow-up", "a check-in") is left alone."""
    doc = tok.doc
    if tok.tag_ not in ("VB", "VBP") or tok.i + 2 >= len(doc) or tok.whitespace_ or doc[tok.i + 1].whitespace_:
        return []
    hyphen, particle = doc[tok.i + 1], doc[tok.i + 2]
    word = f"{tok.text}{hyphen.text}{particle.text}"
    if hyphen.text != "-" or word.lower() not in p.nouns:
        return []
    k = tok.i - 1
    while k >= 0 and doc[k].tag_ in ("RB", "RBR"):
        k -= 1
    if k < 0 or not (doc[k].tag_ in ("MD", "TO", "PRP") or doc[k].lower_ == "please"):
        return []
    after = doc[tok.i + 3] if tok.i + 3 < len(doc) else None
    if (doc[k].lower_ == "to" and k > 0 and doc[k - 1].lower_ in p.before_to
            and (after is None or after.is_punct or after.pos_ in ("CCONJ", "SCONJ"))):
        return []  # a preposition's object: "trained five operators through to sign-off." (stop 56, fresh-54); "set up
        #            to check-in with the office" goes on as a verb does (a review)
    beyond = doc[after.i + 1] if after is not None and after.i + 1 < len(doc) else None
    if (doc[k].lower_ == "to" and k > 0 and doc[k - 1].lower_ in p.to_participles
            and (after is None or after.is_punct or after.pos_ in ("CCONJ", "SCONJ")
                 or (after.pos_ == "ADP" and not (beyond is not None and beyond.pos_ == "PRON")))):
        return []  # "confirmed cases … are linked to follow-up within a fortnight" (stop 57, fresh-57); "… to follow-up
        #            with you by Friday" is a verb (a review)
    fix = f"{tok.text} {particle.text}"
    return [EngineMatch(tok.idx, len(word), p.message.format(word=word, fix=fix), (fix,), "grammar",
                        RULE_PREFIX + "phrasal-verb", safe=False, category="thanklint")]
