"""thanklint's own grammar checks: a few error shapes read off the note's spaCy parse (the one
every rule shares), for slips an engine misses (Harper: "I has enjoyed", "I look forward to hear
from you"). Each shape reports an ordinary grammar match with the inflected word as suggestion;
where an engine already flags the same words, the engine's match stands and the shape's is dropped,
so the user sees one finding. Messages, word lists and exceptions are the pack's data
(rules/thankyou/grammar.yaml, `params.shapes`); each shape was measured before it shipped there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import EngineMatch

RULE_PREFIX = "thanklint:"  # rule ids of these matches ("thanklint:i-verb"), beside the engines' own


def _check_message(message: str) -> None:
    """A message names at most {word} and {fix}: a typo in a user's pack is a rule-file error, not a crash."""
    try:
        message.format(word="", fix="")
    except (KeyError, IndexError, ValueError) as e:
        raise ValueError(f"message may use only {{word}} and {{fix}} ({type(e).__name__}: {e})") from None


@dataclass(frozen=True)
class IVerb:
    """"I" as the subject of a third-person-singular present verb: "I has", "I manages"."""

    message: str  # {word}: the verb as written; {fix}: its form after "I"
    irregular: dict = field(default_factory=dict)  # a 3rd-person form -> its form after "I" ("has": "have")

    def __post_init__(self):
        _check_message(self.message)
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in self.irregular.items()):
            raise ValueError("irregular must map words to words")


@dataclass(frozen=True)
class LookForward:
    """"look forward to" + a verb's base form: "look forward to hear" -> "hearing"."""

    message: str  # {word}, {fix} as above
    min_zipf: float = 3.0  # the -ing form must be this common (wordfreq Zipf): an -ing word, not a guess

    def __post_init__(self):
        _check_message(self.message)


@dataclass(frozen=True)
class Shapes:
    i_verb: IVerb | None = None
    look_forward: LookForward | None = None


def find(doc, shapes: Shapes) -> list[EngineMatch]:
    """The shapes' matches in a parsed text (offsets are the Doc's)."""
    out = []
    for tok in doc:
        if shapes.i_verb is not None:
            out += _i_verb(tok, shapes.i_verb)
        if shapes.look_forward is not None:
            out += _look_forward(tok, shapes.look_forward)
    return out


def add(matches: list[EngineMatch], doc, shapes: Shapes | None) -> list[EngineMatch]:
    """The engine's matches and the shapes' matches no engine grammar match overlaps."""
    if shapes is None:
        return matches
    taken = [(m.offset, m.end) for m in matches if m.kind == "grammar"]
    extra = [s for s in find(doc, shapes) if not any(a < s.end and s.offset < b for a, b in taken)]
    return sorted([*matches, *extra], key=lambda m: m.offset) if extra else matches


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
    head = tok.head if tok.dep_ in ("aux", "auxpass") else tok
    subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subj) != 1 or subj[0].text != "I" or subj[0].i > tok.i:
        return []
    i = subj[0]
    if _not_the_pronoun(i):
        return []
    finite = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i > i.i] + [head]
    if min(t.i for t in finite) != tok.i:  # spaCy makes a new Token object on each access: compare positions
        return []
    fix = _base(tok, p)
    return [_match(tok, "i-verb", p.message, fix)] if fix else []


def _not_the_pronoun(i) -> bool:
    """ "I" quoted (the word "I" has one letter) or a numeral after a name (World War I, the
    Phase I trial): a capitalised word before it mid-sentence, or one the tagger calls a name."""
    doc = i.doc
    if (i.i > 0 and doc[i.i - 1].tag_ == "``") or (i.i + 1 < len(doc) and doc[i.i + 1].tag_ == "''"):
        return True
    if i.i == 0:
        return False
    prev = doc[i.i - 1]
    return prev.tag_ in ("NNP", "NNPS") or (prev.text[:1].isupper() and not prev.is_sent_start)


def _base(tok, p: IVerb) -> str | None:
    """The form after "I": the pack's irregular list, else the word whose regular -s/-es/-ies
    form this is ("manages" -> "manage", "studies" -> "study"). spaCy's lemma breaks a tie and
    is never taken on its own word: it reads "hopes" as "hop" + "es"."""
    from thanklint import wordforms

    word = tok.lower_
    if word in p.irregular:
        return p.irregular[word]
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
