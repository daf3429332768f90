"""Regular inflections of WordNet's nouns and verbs: "statins" is a word because "statin"
is one (WordNet, as spaCy's English lemmatizer tables ship it) and English makes its plural
that way. Only forms the spelling rules of English produce: "familys", "monthes", "stoped",
"timeing" are no forms of "family", "month", "stop", "time", so they stay misspellings.
A verb ending consonant-vowel-consonant doubles its last letter or not by stress
("stopped", "visited"); that choice is not guessed, so such verbs give no -ed/-ing forms here."""

from __future__ import annotations

import re
from functools import lru_cache

_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")
_CVC = re.compile(r"(?:^|[^aeiou])[aeiou][^aeiouwxy]$")


@lru_cache(maxsize=1)
def _irregular_verbs() -> dict[str, list[str]]:
    """The irregular forms of verbs and their lemmas ("ate": eat, "are": be), from the spaCy model's
    lemmatizer tables (read from disk, ~50 ms: the pipeline a run loads may have no lemmatizer)."""
    tables = _tables()
    return dict(tables.get_table("lemma_exc", {}).get("verb", {})) if tables else {}


@lru_cache(maxsize=1)
def _tables():
    from spacy.lookups import Lookups
    from spacy.util import get_package_path

    from thanklint.nlp import model_name

    found = sorted(get_package_path(model_name()).glob("**/lemmatizer/lookups"))
    return Lookups().from_disk(found[0]) if found else None


@lru_cache(maxsize=1)
def _index() -> dict[str, frozenset[str]]:
    """WordNet's words by part of speech, from the spaCy model's lemmatizer tables, and (key
    "irregular") the irregular forms of verbs ("ate", "are"), and (key "past_of_another") those that
    are a word of their own too ("lay": lie)."""
    tables = _tables()
    if tables is None:
        return {pos: frozenset() for pos in ("noun", "verb", "adj", "adv", "irregular", "past_of_another")}
    index = tables.get_table("lemma_index", {})
    out = {pos: frozenset(index.get(pos, ())) for pos in ("noun", "verb", "adj", "adv")}
    irregular = _irregular_verbs()
    return out | {"irregular": frozenset(irregular),
                  "past_of_another": frozenset(f for f, ls in irregular.items()
                                               if f in out["verb"] and f not in ls)}


def is_lemma(word: str) -> bool:
    """A WordNet word ("simvastatin", "dipteran", "lisinopril")."""
    index = _index()
    return any(word in index[pos] for pos in ("noun", "verb", "adj", "adv"))


def is_past_of_another(word: str) -> bool:
    """`word` is also the irregular past of another verb ("lay": lie, "found": find, "wound":
    wind), so a bare form after a singular subject may be that past ("where his motivation lay")."""
    return word in _index()["past_of_another"]


def past_base(word: str, regular: bool = True) -> str | None:
    """The base of `word` when it is a verb's past form and no verb's base form itself: "forgot"
    (forget), "went" (go), with `regular` "regretted" (regret) and "used" (use). None for a form
    that is a base too ("saw", "found", "shed"), a form of "be", an -ing form, or an "-ed" word
    whose base is in doubt ("stared": stare or star)."""
    if word in _index()["verb"] or word.endswith("ing"):
        return None
    bases = _irregular_verbs().get(word)
    if bases is not None:
        return bases[0] if len(bases) == 1 and bases[0] != "be" else None
    if not regular or not word.endswith("ed"):
        return None
    found = [s for s in past_bases(word) if len(s) >= 3 and s in _index()["verb"]]
    return found[0] if len(found) == 1 else None


def is_verb(word: str) -> bool:
    """A WordNet verb's base form ("talk", "go"; not "disclosure")."""
    return word in _index()["verb"]


def is_modifier(word: str) -> bool:
    """A WordNet adjective or adverb, or an adjective's -er/-est form ("friendly", "greatest")."""
    index = _index()
    if word in index["adj"] or word in index["adv"]:
        return True
    return any(word.endswith(e) and (word[: -len(e)] in index["adj"] or word[: -len(e)] + "e" in index["adj"]
                                     or (len(word) > len(e) + 1 and word[-len(e) - 1] == "i" and word[: -len(e) - 1] + "y" in index["adj"]))
               for e in ("er", "est"))


def is_noun(word: str) -> bool:
    """A WordNet noun ("product", "news", "means")."""
    return word in _index()["noun"]


def third_person(verb: str) -> set[str]:
    """The 3rd-person singular present forms English spells for a WordNet verb ("try" -> "tries")."""
    return _plural(verb) if verb in _index()["verb"] else set()


def _plural(lemma: str) -> set[str]:  # also a verb's third person singular
    if _SIBILANT.search(lemma):
        return {lemma + "es"}
    if _CONSONANT_Y.search(lemma):
        return {lemma[:-1] + "ies"}
    if lemma.endswith("o"):
        return {lemma + "s", lemma + "es"}  # "pianos", "tomatoes"
    return {lemma + "s"}


def _verb_forms(lemma: str) -> set[str]:
    out = _plural(lemma)
    if _CVC.search(lemma):
        return out
    if lemma.endswith("e"):
        out.add(lemma + "d")
    elif _CONSONANT_Y.search(lemma):
        out.add(lemma[:-1] + "ied")
    else:
        out.add(lemma + "ed")
    if lemma.endswith("ie"):
        out.add(lemma[:-2] + "ying")
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        out.add(lemma[:-1] + "ing")
    else:
        out.add(lemma + "ing")
    return out


def hyphenated_word(text: str, start: int, end: int) -> str:
    """The hyphenated word the span of `text` is a piece of ("ride-alongs" for "alongs", "bain-marie"
    for "bain"), or the span itself."""
    a, b = start, end
    while a > 0 and (text[a - 1].isalpha() or text[a - 1] == "-"):
        a -= 1
    while b < len(text) and (text[b].isalpha() or text[b] == "-"):
        b += 1
    return text[a:b].strip("-")


def lemmas(word: str) -> set[str]:
    """The WordNet nouns and verbs of which the lower-case `word` is a regular inflection."""
    index = _index()
    stems = {word[:-k] for k in (1, 2, 3)} | {word[:-3] + "y", word[:-3] + "e", word[:-2] + "e", word[:-4] + "ie"}
    out = set()
    for s in stems:
        if len(s) < 3:
            continue
        if s in index["noun"] and word in _plural(s):
            out.add(s)
        if s in index["verb"] and word in _verb_forms(s):
            out.add(s)
    return out


def is_compound(word: str, split: str) -> bool:
    """`word` closes up `split`, two WordNet nouns of three letters or more (the second perhaps in
    its plural): "runbook" (run book), "playtests" (play tests), "headcut" (head cut). Fields make their words this way;
    a learner's run-together slip joins words that make no such compound: "everytime", "aswell",
    "alot", "eventhough", "lookforward", "fullfill"."""
    parts = split.replace("-", " ").split()
    if len(parts) != 2 or "".join(parts) != word:
        return False
    head, tail = parts
    index = _index()
    nouns = index["noun"]
    if len(head) < 3 or len(tail) < 3 or head not in nouns:
        return False
    if len(tail) == 3 and tail in index["irregular"]:  # "col ate", "question are": a slip's pieces
        return False
    # a modifier or an adverb joined to its word is a slip: "fullfill" (full), "lookforward" (forward)
    if head in index["adj"] or head in index["adv"] or tail in index["adv"]:
        return False
    return tail in nouns or any(tail in _plural(n) for n in lemmas(tail) if n in nouns)


def noun_compound(word: str, min_zipf: float, zipf) -> bool:
    """`word` closes up two common WordNet nouns of four letters or more, neither of them an
    adjective or an adverb: "beamline". Not "truthworthy" (worthy), "highschool"
    (high), "everytime" (every is no noun); whether it is one edit from a word is the caller's check."""
    index = _index()
    nouns, adj, adv = index["noun"], index["adj"], index["adv"]
    for i in range(4, len(word) - 3):
        head, tail = word[:i], word[i:]
        if (head in nouns and tail in nouns and not any(w in adj or w in adv for w in (head, tail))
                and zipf(head) >= min_zipf and zipf(tail) >= min_zipf):
            return True
    return False


def is_agent_compound(word: str, split: str) -> bool:
    """`word` closes up `split`, a noun and an agent noun of a WordNet verb, the noun being what
    the agent works on: "shotfirer" (shot firer), "basecutter" (base cutter), as "dishwasher",
    "bricklayer" (stop 35). The noun may be an adjective too ("highballer"); no function word
    ("nobody"), and the agent's verb of three letters or more. No Norvig misspelling has this
    shape; of JFLEG dev's rarer words only "bookmaker", a word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    parts = split.replace("-", " ").split()
    if len(parts) != 2 or "".join(parts) != word:
        return False
    head, tail = parts
    index = _index()
    if len(head) < 3 or head not in index["noun"] or head in STOP_WORDS:
        return False
    agent = tail[:-1] if tail.endswith("ers") else tail
    if len(agent) < 5 or not agent.endswith("er"):
        return False
    verbs = {agent[:-2], agent[:-1]}  # "firer": fire; "layer": lay
    if agent[-3] == agent[-4]:
        verbs.add(agent[:-3])  # "cutter": cut
    return any(len(v) >= 3 and v in index["verb"] for v in verbs)


def denominal_past(word: str, base_zipf: float, zipf) -> bool:
    """`word` is "-ed" on a common word (Zipf >= base_zipf) of four letters or more that WordNet has
    as no verb: "upstreamed" (upstream), "onboarded" (onboard). A verb's regular past is its
    lemma's form (:func:`lemmas`); an irregular verb's "-ed" is a slip ("teached", "runned")."""
    verbs = _index()["verb"]
    return any(len(b) >= 4 and b not in verbs and zipf(b) >= base_zipf for b in past_bases(word))


def past_bases(word: str) -> set[str]:
    """What "-ed" may stand on in `word`: "vented" (vent), "sludged" (sludge), "scrapped" (scrap)."""
    if not word.endswith("ed"):
        return set()
    stem = word[:-2]
    return {stem, stem + "e"} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())


def derived(word: str, prefixes, suffixes, base_zipf: float, zipf, depth: int = 2, finals=(), rare_base=None,
            long_prefixes=(), long_base: int = 7, short_forms: bool = False) -> bool:
    """`word` is a common word (Zipf >= base_zipf) with a productive prefix or suffix English
    builds field words with: "deprescribing" (de + prescribing), "misprices", "decodable"
    (decode + able), "waveless", "voicings" (voice + ing + s), "organoid", "cytometry" (a
    combining form and a final). Up to `depth` affixes; `finals` only end the word ("syndromic":
    syndrome + ic, never inside it: "definic" + "ation"). Whether it is a slip of a word one
    edit away instead ("untill") is the caller's check. `long_prefixes` take only a base of
    `long_base` letters or more: "transcritical", not "transfred" nor "transending". With
    `short_forms`, a combining form of three letters ("geo", "bio") takes a rarer word too."""
    if depth <= 0:
        return False
    for pre in (*prefixes, *long_prefixes):
        rest = word[len(pre):]
        if not word.startswith(pre) or len(rest) < 4 or not rest.isalpha():
            continue
        if pre in long_prefixes and pre not in prefixes and len(rest) < long_base:
            continue
        # a common word ("prices"), or a bound final a prefix takes ("cyto" + "metry")
        if zipf(rest) >= base_zipf or (len(pre) > 2 and rest in suffixes):
            return True
        # a combining form ("micro", "chemo") with a rarer word of some field: "microlaryngeal";
        # not "inter" + "elated" (codespell's "interelated") nor "mono" + "tired"
        if rare_base is not None and len(pre) >= (3 if short_forms else 4) and pre.endswith("o") and len(rest) >= 6 and rare_base(rest):
            return True
    for suf in (*suffixes, *finals):
        stem = word[: -len(suf)]
        if not word.endswith(suf) or len(stem) < 4:
            continue
        bases = {stem, stem + "e"}
        if stem.endswith("i"):
            bases.add(stem[:-1] + "y")  # "happiness": happy
        if stem[-1] == stem[-2]:
            bases.add(stem[:-1])  # "shippable": ship
        # the stem as written may carry another affix; a respelt base is only looked up
        if any(zipf(b) >= base_zipf for b in bases) or derived(stem, prefixes, suffixes, base_zipf, zipf, depth - 1,
                                                               long_prefixes=long_prefixes, long_base=long_base):
            return True
    return False
