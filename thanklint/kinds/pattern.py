"""`pattern`: an unwanted pattern is absent — slang, emoji, shouting, desperation,
pressure, salary talk, apologies, negativity. Each group has its own message and
matches by cue (on lemmas, see `_cues`) or by regular expression on the text.

Regular expressions run with a time budget (see `_regex`): a pattern that runs out
of it is skipped, and the rule's detail names it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from thanklint import wordforms
from thanklint.kinds import _regex, kind
from thanklint.kinds._common import finding, from_findings
from thanklint.kinds._cues import compile_cue, compile_cues, find
from thanklint.model import Severity, Suggestion
from thanklint.nlp import analysed_end
from thanklint.respell import common_words


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Group:
    name: str
    message: str
    cues: tuple[str, ...] = ()
    regex: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()  # whole matches that are fine (acronyms in the caps group)
    severity: str = ""
    replace: str | None = None  # a replacement to offer for every match ("" deletes)
    safe: bool = False  # the replacement is mechanical enough for --fix to apply
    runs: bool = False  # matches with only blanks between are one finding of their own ("🎉🚀 👋")
    # a match counts only when most of its words are this common (wordfreq Zipf) in lower case,
    # `acronyms` aside: "REALLY EXCITED" is shouting, "HACCP", "ZDHC MRSL", "CARIS HIPS" not
    common_zipf: float = 0.0
    acronyms: tuple[str, ...] = ()
    # a match counts only when the parser tags each of its words with one of these parts of speech:
    # "I would LOVE to" (a verb) shouts, "REST APIs" (a noun's modifier) does not
    pos: tuple[str, ...] = ()
    # a match in capitals does not count: slang is typed in lower case, "YA graphic novels" and
    # "U–Pb dating" are an acronym and a symbol (a lone capital counts unless a dash or slash follows)
    lower_case: bool = False

    def __post_init__(self):
        for c in self.cues:
            compile_cue(c)
        for r in self.regex:
            _regex.compiled(r)
        if self.severity and self.severity not in ("error", "warning", "info"):
            raise ValueError("severity must be error, warning or info")
        if not (self.cues or self.regex):
            raise ValueError(f"group '{self.name}' needs cues or regex")


@dataclass(frozen=True)
class PatternParams:
    groups: tuple[Group, ...]
    scope: str = "letter"  # letter (greeting, body, sign-off) | body
    per_sentence: bool = False  # one finding per sentence for all its matches (except `runs` groups)


@kind("pattern", params=PatternParams, needs=("lemmatizer", "parser"))  # the parser: per_sentence
def check_pattern(analysis, ctx, rule):
    note = analysis.note
    p: PatternParams = rule.params
    start, end = (note.body_start, note.body_end) if p.scope == "body" else (note.content_start, len(note.text))
    end = min(end, analysed_end(note.analysis_text, note.content_start))  # the rules judge no further (nlp.py)
    hits, taken = [], []  # hits: (start, end, group)
    toks = analysis.tokens(start, end)
    slow = []  # patterns that ran out of time
    for g in p.groups:
        spans: list[tuple[int, int]] = []
        for c in compile_cues(g.cues).candidates(toks):
            spans.extend((toks[s].idx, toks[e - 1].idx + len(toks[e - 1])) for s, e in find(c, toks))
        for r in g.regex:
            try:
                spans.extend(_regex.hits(note.text, start, end, r))
            except _regex.TooSlow:
                slow.append(r)
        allow = {a.lower() for a in g.allow}
        passed: list[tuple[int, int]] = []  # a run judged fine: no word inside it is judged alone ("CANADA" of "NAV CANADA")
        for s, e in sorted(spans, key=lambda se: (se[0], -se[1])):  # the longest match at a place wins
            if any(ps <= s and e <= pe for ps, pe in passed):
                continue
            if note.text[s:e].lower() in allow or note.in_placeholder(s, e):
                passed.append((s, e))
                continue
            if g.common_zipf and (not _shouts(note.text[s:e], g) or _names_a_thing(analysis, s, e)):
                passed.append((s, e))
                continue
            if g.lower_case and _in_capitals(note.text, s, e):
                passed.append((s, e))
                continue
            if g.pos and not _tagged(analysis, s, e, g.pos):
                passed.append((s, e))
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            hits.append((s, e, g))
    findings = [_finding(note, rule, members) for members in _bunches(analysis, p, sorted(hits, key=lambda h: h[0]))]
    findings.sort(key=lambda f: f.span.offset)
    return from_findings(rule, findings, _skipped(slow))


def _shouts(text: str, g: Group) -> bool:
    """Most of the words in capitals (three letters or more, the listed acronyms aside) are common
    words, one of four letters or more: "VERY EXCITED", not a name that holds one ("NAV CANADA",
    "CARIS HIPS": stop 27, fresh-10)."""
    acronyms = {a.lower() for a in g.acronyms}
    words = [w.lower() for w in re.findall(r"[^\W\d_]{3,}", text) if w.lower() not in acronyms]
    common = [w for w in words if common_words().get(w, 0.0) >= g.common_zipf]
    return any(len(w) >= 4 for w in common) and 2 * len(common) > len(words)


def _in_capitals(text: str, start: int, end: int) -> bool:
    """The match is written in capitals, two letters or more ("YA"), or one joined by a dash or slash
    ("U–Pb", "SAP IS-U": stop 50, fresh-47)."""
    letters = [c for c in text[start:end] if c.isalpha()]
    if not letters or not all(c.isupper() for c in letters):
        return False
    # after a hyphen only when a word in capitals comes before it: not "Thank-U" (a review)
    return (len(letters) >= 2 or text[end : end + 1] in ("-", "–", "/")
            or bool(re.search(r"\b[A-Z]{2,}[-–/]$", text[max(0, start - 12) : start])))


def _tagged(analysis, start: int, end: int, pos: tuple[str, ...]) -> bool:
    toks = [t for t in analysis.tokens(start, end) if not t.is_space]
    return bool(toks) and all(t.pos_ in pos for t in toks)


def _names_a_thing(analysis, start: int, end: int) -> bool:
    """One word in capitals that names a thing, not a shout: joined by a hyphen to another such word
    ("INSPIRE-MANAK nominations"), or a proper noun after "the" before a lower-case word ("the ASSIST
    swallow screen") (stop 42, fresh-35). "the GREATEST team", "the FRIENDLY atmosphere" are adjectives
    the parser may call names, and shout."""
    text = analysis.note.text
    # the whole word on the other side: a window that cuts it ("-APPRECIATIV") would make it look rare (a review, stop 62)
    joined = (re.search(r"(?<![A-Za-z])([A-Z]{2,})-$", text[max(0, start - 40) : start])
              or re.match(r"-([A-Z]{2,})(?![A-Za-z])", text[end : end + 40]))
    if joined:  # "INSPIRE-MANAK"; not "THANK-YOU", "WORLD-CLASS" (common words both: a review)
        return common_words().get(joined.group(1).lower(), 0.0) < 3.0
    paired = (re.search(r"(?<![\w-])([A-Z][A-Z0-9]+)\s+(?:and|or|&)\s+$", text[max(0, start - 24) : start])
              or re.match(r"\s+(?:and|or|&)\s+([A-Z][A-Z0-9]+)(?![\w-])", text[end : end + 24]))
    word = text[start:end].lower()
    if (paired and common_words().get(paired.group(1).lower(), 0.0) < 3.0 and " " not in word
            and not wordforms.is_modifier(word) and not wordforms.is_verb(word)):
        return True  # joined to an acronym, one of a pair of tools' names: "the THERM and WINDOW modelling" (stop 51,
        #              fresh-48); not "REALLY and TRULY", nor "I hold HACCP and REALLY enjoy …" (a review)
    if re.match(r"-(?:[A-Z]|\d+)(?![\w-])", text[end : end + 8]):
        return True  # before a hyphen and a letter or a number, a tool's or a product's name: "the PURPOSE-T
        #              assessment" (stop 49, fresh-46), "COVID-19"
    if re.search(r"(?<![\w-])[A-Z]-$", text[max(0, start - 3) : start]):
        return True  # after a letter and its hyphen, a scheme's or a product's name: "the PM E-DRIVE scheme" (stop 43, fresh-37)
    from spacy.lang.en.stop_words import STOP_WORDS  # here: importing the kinds loads no spaCy

    words = text[start:end].lower().split()
    if _CREDENTIAL_AFTER.match(text, end) and not any(wordforms.is_modifier(w) or w in STOP_WORDS for w in words):
        return True  # a credential: "I am BASIS and FACTS qualified" (stop 43, fresh-36); not "FULLY qualified",
        #              "MORE THAN qualified", "REALLY AM qualified" (a review)
    if (_PRODUCT_BEFORE.search(text, max(0, start - 24), start) and " " not in word.strip()
            and not wordforms.is_modifier(word) and not any(wordforms.is_verb(b) for b in wordforms.lemmas(word) | {word})):
        return True  # the second word of a product's name after its first with a digit: "OpenC3 COSMOS" (stop 57,
        #              fresh-55); "Python3 ROCKS", "my Q4 TARGET" (verbs too), "PowerBI DAILY" (an adverb) still shout
    if _VERSIONED.fullmatch(text[start:end]):
        return True  # a product's name and its version: "modelled the circuits in CAESAR II" (stop 47, fresh-41)
    toks = [t for t in analysis.tokens(start, end) if not t.is_space]
    if len(toks) != 1:
        return False
    tok = toks[0]
    if (tok.pos_ in ("PROPN", "NOUN") and not wordforms.is_modifier(tok.lower_)
            and tok.i + 2 < len(tok.doc) and tok.nbor(1).like_num and tok.nbor(1).text[:1].isdigit()
            and (tok.nbor(2).pos_ in ("NOUN", "PUNCT")
                 or tok.nbor(2).pos_ in ("ADP", "CCONJ") and tok.dep_ in ("pobj", "dobj", "conj"))):
        return True  # a platform's name and its generation, before what it names: "through Stern's SPIKE 2 titles"
        #              (stop 52, fresh-50), and an object's before a preposition or "and": "in BEAST 2 with a … model"
        #              (stop 68, fresh-67); "I would LOVE 2 join" (texting), "NEARLY 10 years" (an adverb), "THANKS 2 for",
        #              "a PLEASURE 2 and a joy" (a review) still shout
    word = tok.lower_
    if (tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "compound") and wordforms.is_verb(word)
            and not wordforms.is_noun(word) and not wordforms.is_modifier(word)
            and tok.i > 0 and tok.nbor(-1).lower_ != "to" and tok.nbor(-1).tag_ != "MD"):  # "passion to SUCCEED" shouts
        return True  # a verb's word where a noun stands names a command: "use CALCULATE with a date table" (stop 43, fresh-36)
    lemmas = wordforms.lemmas(word)
    if (tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.text.islower() and not wordforms.is_noun(word)
            and not wordforms.is_modifier(word) and any(wordforms.is_verb(x) for x in lemmas)
            and tok.i > 0 and tok.nbor(-1).tag_ in ("DT", "PRP$", "IN")):
        return True  # a verb's inflected form after a determiner and before the noun it names: "without its
        #              CITES tag" (a treaty: stop 56, fresh-54); "Your team NAILS customer service" still shouts (a review)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    # ... or before a capitalised word of the same name: "the CARES Act's 30-day notice" (stop 47, fresh-44)
    named = nxt is not None and nxt.pos_ == "PROPN" and nxt.text.istitle() and nxt.text.isalpha()
    return (tok.tag_ == "NNP" and not wordforms.is_modifier(tok.lower_) and tok.i > 0 and tok.nbor(-1).lower_ == "the"
            and nxt is not None and (named or nxt.text.isalpha() and nxt.text.islower() and not nxt.is_stop))  # not "the HIGHLIGHT of"


# a name's first word, letters and then a digit, right before: "OpenC3", "S4"; not a camel-cased company's ("McKinsey
# TAUGHT me", "our YouTube CHANNEL": a review)
_PRODUCT_BEFORE = re.compile(r"(?<![\w-])[A-Za-z]+\d[A-Za-z0-9]*\s+$")


# a word in capitals and a Roman numeral: a product's version ("CAESAR II")
_VERSIONED = re.compile(r"[A-Z]{3,}(?:\s+[A-Z]{3,})*\s+(?:II|III|IV|VI|VII|VIII|IX|XI|XII)")


# after a word in capitals, what makes it a credential's name: "BASIS and FACTS qualified", "PRINCE2 certified"
_CREDENTIAL_AFTER = re.compile(r"(?:\s+(?:and|&|or)\s+[A-Z][A-Z0-9]+)?\s+(?:qualified|certified|accredited|chartered)\b")


def _skipped(slow: list[str]) -> str:
    if not slow:
        return ""
    shown = ", ".join(repr(r if len(r) <= 40 else r[:39] + "…") for r in slow)
    return f"skipped {shown}: ran over {_regex.BUDGET:g} s (a pattern that backtracks; rewrite it)"


def _bunches(analysis, p: PatternParams, hits):
    """Hits that make one finding: a run of a `runs` group; with `per_sentence`, all
    other hits of one sentence (a blank line ends a sentence, whatever the parser says)."""
    text = analysis.note.text
    sentence_of = {}
    if p.per_sentence:
        starts = [s.start_char for s in analysis.doc.sents]
        sentence_of = {h[0]: bisect.bisect_right(starts, h[0]) for h in hits}
    out: list[list] = []
    for h in hits:
        s, _, g = h
        for bunch in reversed(out):  # the latest bunch of the same sort
            if bunch[0][2].runs == g.runs:
                break
        else:
            bunch = None
        if bunch is not None:
            gap = text[bunch[-1][1] : s]
            if g.runs and bunch[-1][2] is g and not gap.strip():
                bunch.append(h)
                continue
            same_sentence = sentence_of.get(bunch[0][0]) == sentence_of.get(s) and not _BLANK_LINE.search(gap)
            if not g.runs and p.per_sentence and same_sentence:
                bunch.append(h)
                continue
        out.append([h])
    return out


def _finding(note, rule, members):
    """One finding for a bunch of hits: it underlines them all, says what each group
    found (most severe first), and offers each hit's replacement."""
    def sev(g):
        return Severity(g.severity) if g.severity else rule.spec.severity

    s, e = members[0][0], members[-1][1]
    groups: dict = {}
    for hs, he, g in members:
        groups.setdefault(g.name, (g, []))[1].append(" ".join(note.text[hs:he].split()))
    ranked = sorted(groups.values(), key=lambda gm: -sev(gm[0]).rank)
    msg = " ".join(g.message.replace("{match}", "”, “".join(dict.fromkeys(m))) for g, m in ranked)
    top = ranked[0][0]
    sugg = tuple(Suggestion("replace", g.replace, note.span(hs, he), g.safe) for hs, he, g in members if g.replace is not None)
    if top.runs and top.replace is not None:  # a run is replaced (deleted) as one
        sugg = (Suggestion("replace", top.replace, note.span(s, e), top.safe),)
    return finding(note, rule, s, e, msg, sugg, sev(top), top.name)
