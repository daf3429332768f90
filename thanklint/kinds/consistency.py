"""`consistency`: the names in the note agree with the context and with each other.

- a near-miss of the company or an interviewer ("Northwinds", "Alvares") is an
  error with the right spelling offered; a name that differs only in accents
  ("Nguyen" for "Nguyễn") is an info finding that offers the exact spelling;
- a greeting that names someone who is not an interviewer is an error — but
  addressees that are no one's name ("Hiring Manager", "Search Committee") are
  left to the greeting rule;
- another organisation addressed as the employer ("excited to join Fabrikam") is a
  likely leftover from another note — unless the sentence is about the candidate's
  past ("At Contoso I led …");
- a role named in the note with two words or more ("the Marketing Coordinator
  position") that shares no word with the context's role (a warning by default).
Without a context company the note's own employer mentions must agree. Each
finding's tag says which slip it is; the pack's caps_grade keys on it.
"""

from __future__ import annotations

import bisect
import difflib
import gzip
import os
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from thanklint.kinds import kind
from thanklint.kinds._common import blank_addressees, finding, from_findings
from thanklint.kinds._cues import compile_cue, compile_cues, find
from thanklint.model import Severity, Suggestion
from thanklint.respell import common_words

_SUFFIX = re.compile(r"(?i)[\s,]+(inc|llc|ltd|corp|co|gmbh|plc|group|company)\.?$")


@dataclass(frozen=True)
class ConsistencyParams:
    employer_cues: tuple[str, ...]  # an organisation right after one of these is addressed as the employer
    past_cues: tuple[str, ...]  # a sentence with one of these is about the candidate's past
    # an organisation after one of these may be the employer or a place ("the processing unit at Medchal"),
    # like a possessive ("AUSTRAC's enforcement activity"): reported only when the note never names its company
    place_cues: tuple[str, ...] = ()
    # an organisation after one of these is where the visit the note thanks for took place ("showing me
    # around Hatton", "meeting me at Billingsgate"): a site of the employer or a leftover; a warning asks
    visit_cues: tuple[str, ...] = ()
    # right after one of these, a name the parser takes for a person's is an organisation's
    # ("Thank you for showing me round Fabrikam"): a place is shown and invited to, a person is not
    place_person_cues: tuple[str, ...] = ()
    addressees: tuple[str, ...] = ()  # more greeting words that name no one, beyond the pack's `layout.addressees`
    unit_nouns: tuple[str, ...] = ()  # "the Hyderabad office": an organisation's name before these is the employer's part
    # "Harrow Crown Court", "Lincoln Elementary": a name ending in one of these is a site of the company, when the
    # company's own name has one of `body_words` ("HM Courts & Tribunals Service"); else it may be the employer itself
    site_nouns: tuple[str, ...] = ()
    body_words: tuple[str, ...] = ()
    # "the Fabrikam mission", "the Fabrikam culture": what a name before these modifies is the employer's own
    employer_nouns: tuple[str, ...] = ()
    place_nouns: tuple[str, ...] = ()  # "Kalghatgi taluk": a name before these is a place's, never an employer's
    # a small town's name (GeoNames' towns of 1,000 people or more: data/place-names.txt.gz, rarer in English
    # than Zipf `place_name_zipf`) that a warning would ask about, a unit's ("the Moranbah office"), a
    # visit's ("showing me around Merredin") or an owner's, is where the employer works; a well-known one
    # ("join the Nokia team", "the Toyota plant": Toyota, Nokia, Halifax are towns too) and a name the note
    # addresses as its employer without a unit ("join Moranbah") are still asked about. 0: off
    place_name_zipf: float = 0.0
    source_nouns: tuple[str, ...] = ()  # "MSCI and Sustainalytics data": a name before these is a source's, never an employer's
    eponym_nouns: tuple[str, ...] = ()  # "Marek's disease": a possessive name before these names a term, never an employer
    credential_nouns: tuple[str, ...] = ()  # "NMEA's MEI and … certifications": a possessive name of these is their issuer
    profession_nouns: tuple[str, ...] = ()  # "the Bar": one of these alone after "the" names a profession, never an employer
    instance_nouns: tuple[str, ...] = ()  # "a Dam Safety Review": a name after "a" ending in one of these is one of a kind
    role_initials: tuple[str, ...] = ()  # "a QP's questions": after "a", one of these before "'s" is a role's
    role_cues: tuple[str, ...] = ()  # "the ~4 role|position": the words between name a role
    role_modifiers: tuple[str, ...] = ()  # words in a role mention that say nothing about which role ("open", "senior")
    role_titles: tuple[str, ...] = ()  # endings of a one-word title ("Accountant", "Designer"): a capitalised one names a role
    role_severity: str = "warning"  # a role is matched by its words, a weaker signal than a name: not an error by default
    visit_severity: str = "warning"  # a place's name only a visit cue addresses ("showing me around Hatton"): a question
    visited_place_words: tuple[str, ...] = ()  # a name's last word that makes it a place's ("Robin Park", "Elm House")
    similarity: float = 0.8  # at or above: a near-miss spelling of a known name
    common_zipf: float = 0.0  # a word this common (wordfreq Zipf) is a near-miss only where a name stands
    derived_tail: int = 0  # a name's word with an ending this long or longer is a word made from it, no slip (0: off)
    derived_head: int = 0  # ... and one with this many letters or more before it ("Lichess" near "Chess") (0: off)
    near_miss_message: str = "“{found}” does not match “{expected}” from the context."
    other_org_message: str = "“{found}” is addressed as the employer, but this note is for {expected}."
    unit_message: str = "“{found}” is addressed as the employer: is it part of {expected}?"
    visit_message: str = "“{found}” is where you visited: is it part of {expected}?"
    owner_message: str = "“{found}” is named as an owner: is it part of {expected}, a third party, or a leftover?"
    greeting_message: str = "The greeting names {found}, but the interviewer is {expected}."
    case_message: str = "Write the name as “{expected}”."
    accents_message: str = "“{found}” is written “{expected}”."
    mixed_message: str = "This note addresses both {first} and {found} as the employer."
    role_message: str = "“{found}” — but the role you interviewed for is {expected}."

    def __post_init__(self):
        for c in self.employer_cues + self.visit_cues + self.place_cues + self.place_person_cues + self.past_cues + self.role_cues:
            compile_cue(c)
        for name in ("role_severity", "visit_severity"):
            if getattr(self, name) not in ("error", "warning", "info"):
                raise ValueError(f"{name} must be error, warning or info")
        if not 0.5 <= self.similarity < 1:
            raise ValueError("similarity must be between 0.5 and 1")


@lru_cache(maxsize=1)
def _towns() -> frozenset[str]:
    """GeoNames' towns of 1,000 people or more, by name (bench/make_place_names.py); read, in ~0.1 s,
    only when a note names something a warning would ask about."""
    from thanklint.packs import rules_root

    with gzip.open(rules_root() / "thankyou" / "data" / "place-names.txt.gz", "rt", encoding="utf-8") as f:
        return frozenset(line.rstrip("\n") for line in f if not line.startswith("#"))


def _town(name: str) -> str:
    """The name without "the" if it is a town's ("the Merredin": "Merredin"), else ""."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    return name if name and name in _towns() else ""


def _small_town(name: str, max_zipf: float) -> bool:
    """"Moranbah", "the Merredin": a town's name, with or without "the", that English text rarely
    writes (below `max_zipf` in wordfreq): a well-known name may be a company's ("Toyota", "Nokia")."""
    from wordfreq import zipf_frequency

    town = _town(name)
    return bool(town) and zipf_frequency(town, "en") < max_zipf


def _a_small_towns(ent, p) -> bool:
    """The name is a small town's, or a unit's in one ("the Moranbah clinic"): asked only where a
    warning would otherwise ask about it, so the towns are read only then (stop 54, fresh-52)."""
    if not p.place_name_zipf:
        return False
    return _small_town(ent.text, p.place_name_zipf) or (
        len(ent) > 1 and ent[-1].lower_ in p.unit_nouns and _small_town(ent[:-1].text, p.place_name_zipf))


def _a_places_owner(doc, ent, named) -> bool:
    """The name owns nothing but a place's name, the object of a preposition before them both: "the beds at
    Bishop's Sutton" is one place's name; "Fabrikam's Seattle office", "join Fabrikam's Seattle and Portland
    teams", "Fabrikam's Seattle-based support team" are a company's sites (a review)."""
    k = ent.end
    if k + 1 >= len(doc) or doc[k].tag_ != "POS" or doc[k - 1].whitespace_:
        return False
    place = next((e for e in named if e.start == k + 1 and e.label_ in ("GPE", "LOC", "FAC")), None)
    if place is None or (place.end < len(doc) and (doc[place.end].tag_ == "HYPH" or doc[place.end].pos_ in ("NOUN", "PROPN", "NUM"))):
        return False
    root = place.root
    return root.dep_ == "pobj" and root.head.pos_ == "ADP" and root.head.i < ent.start


def _norm(name: str) -> str:
    # a possessive's "'s" off, and a plural's bare apostrophe ("Kaveri Silk Growers' Producer Company")
    name = re.sub(r"['’](?:s\b|(?=\s|$))", "", name.strip(" .,;:!?\"'’"))
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)  # "the University of Texas" is "University of Texas at Austin"'s
    return _SUFFIX.sub("", name).strip().lower()


def _fold(word: str) -> str:
    """"Nguyễn" → "nguyen": names match without accents and case."""
    decomposed = unicodedata.normalize("NFKD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _same_org(a: str, b: str) -> bool:
    """"St. Brigid's" and "St. Brigid's Hospital", "Northwind" and "Northwind Traders"; and one of
    a chain: "Riverbank Kindergarten" of "Te Rito Kindergartens"."""
    wa, wb = _norm(a).split(), _norm(b).split()
    if wa and wb and len(wa) > 1 and wb[-1] == wa[-1] + "s":
        return True
    return bool(wa) and bool(wb) and (set(wa) <= set(wb) or set(wb) <= set(wa))


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _employer_orgs(analysis, p):
    """(ent, addressed as the employer, sentence is about the past, unit: "yes" when a unit noun
    follows it, "maybe" when it may be a unit, "" otherwise; see _unit) for the organisations the
    note names; addressed is "visit" when only a visit cue says so ("showing me around Hatton"), "weak"
    when only a place cue does, "owner" when only a possessive does ("PAMGuard's click detector")."""
    doc = analysis.doc
    note = analysis.note
    employer, past, place = compile_cues(p.employer_cues), compile_cues(p.past_cues), compile_cues(p.place_cues)
    visit = compile_cues(p.visit_cues)
    shown = compile_cues(p.place_person_cues)
    named = doc.ents  # doc.ents builds its spans anew on every read
    ents = [_after_title(doc, _owner(doc, e)) for e in named if e.label_ in ("ORG", "PERSON")]
    in_ent = {t for e in named for t in range(e.start, e.end)}
    starts = [e.start for e in ents]
    out = []
    for toks in analysis.sentence_tokens(note.content_start, len(note.text)):
        first, last = toks[0].i, toks[-1].i
        here = ents[bisect.bisect_left(starts, first) : bisect.bisect_right(starts, last)]
        unnamed = _unnamed_after_at(doc, toks, ((employer, "weak"), (visit, "visit")), in_ent)
        if any(e.label_ == "PERSON" for e in here):
            # a place is shown and invited to, a person is not: "showing me round Fabrikam", not "to Dana's lab"
            shown_ends = {toks[e - 1].i for c in shown.candidates(toks) for s, e in find(c, toks)}
            here = [e for e in here if e.label_ == "ORG" or (
                e.start - 1 in shown_ends and not _possessive(doc, e))]
        if not here and not unnamed:  # most sentences name no organisation: no cue to look for
            continue
        about_past = any(find(c, toks, negatable=False) for c in past.candidates(toks))
        cue_ends = {toks[e - 1].i for c in employer.candidates(toks) for s, e in find(c, toks)
                    if not _someone_else_does(toks[s])}  # fmt: skip
        visit_ends = {toks[e - 1].i for c in visit.candidates(toks) for s, e in find(c, toks)}
        place_ends = {toks[e - 1].i for c in place.candidates(toks) for s, e in find(c, toks)}
        for ent in here:
            if note.in_placeholder(ent.start_char, ent.end_char):
                continue
            unit = _unit(doc, ent, p.unit_nouns)  # "yes": "your Halifax office", "the Power, Utilities & Infrastructure group"
            if _job_title(doc, ent, p):
                continue  # "the Senior Customs Clearance Executive position": the post, not its employer
            if ent.end < len(doc) and doc[ent.end].lower_ in p.place_nouns:
                continue  # "the field visit to Kalghatgi taluk": a place's name, not an organisation's
            if _a_places_owner(doc, ent, named):
                continue  # "the beds at Bishop's Sutton": the first word of a place's name (stop 56, fresh-54)
            if _worked_with_source(doc, ent, p.source_nouns):
                continue  # "working with MSCI and Sustainalytics data": a source the candidate uses (stop 44, fresh-39)
            if (_modifies_a_thing(ent, p.unit_nouns) or _a_things_name(doc, ent, p.unit_nouns, p.employer_nouns)
                    or _a_made_thing(doc, ent)):
                continue
            if _spelled_out(note.text, ent.start_char, ent.text):
                continue  # "the PRS programme" after "periodic review of safety": a term, not an employer
            if _profession(doc, ent, p.profession_nouns):
                continue  # "to begin my career at the Bar": the profession, not a leftover employer (stop 43, fresh-36)
            if _one_of_a_kind(doc, ent, p):
                continue  # "contributed to a Dam Safety Review", "a QP's questions": one of many, no organisation (stop 59,
                #           fresh-58); "to be a Fabrikam engineer" still names one
            if _a_things_part(doc, ent):
                continue  # "the opening in the firm's ERISA and employee benefits group": a part of the firm (stop 59, fresh-58)
            if _eponym(doc, ent, p.eponym_nouns):
                continue  # "vaccination for Marek's disease": a term named after someone (stop 40, fresh-21)
            if _issues_credential(doc, ent, p.credential_nouns):
                continue  # "I hold NMEA's MEI and NMEA 2000 Network Installer certifications": the body that
                #           certifies, not an employer (stop 50, fresh-47)
            if ent.end + 1 < len(doc) and doc[ent.end].tag_ == "HYPH" and not doc[ent.end - 1].whitespace_ \
                    and doc[ent.end + 1].tag_ in ("VBN", "JJ"):
                continue  # "MSC-certified suppliers": a modifier of another noun, not an employer (stop 35, fresh-20)
            before = {ent.start - k for k in (1, 2, 3)}
            addressed = bool(cue_ends & before) or ("visit" if visit_ends & before else "weak" if place_ends & before
                                                    else "owner" if _possessive(doc, ent) else False)
            if addressed == "owner" and _someone_elses_partner(doc, ent, p.unit_nouns):
                continue  # "how closely the lab works with NASA's Network for Life Detection": a partner's (stop 59, fresh-58)
            if ent.start and doc[ent.start - 1].lower_ in ("their", "his", "her") and (
                    addressed is not True or (ent.text.isupper() and len(ent.text) <= 4)):
                continue  # someone else's: "often working with their LMC midwife" (a role's initials, stop 57,
                #           fresh-57); "joining their Fabrikam family" is still a leftover employer (a review)
            out.append((ent, addressed, about_past, unit))
        seen = set()
        for span, kind in unnamed:
            if span.start not in seen and not note.in_placeholder(span.start_char, span.end_char):
                seen.add(span.start)
                out.append((span, kind, about_past, ""))
    return out


def _someone_else_does(tok) -> bool:
    """The cue is a verb in the past or third person, or one with its auxiliary, whose subject is not
    the writer: "since Canada joined the Madrid Protocol" says nothing of the writer's employer (stop 35, fresh-22);
    "I am keen to join Fabrikam" has no subject of its own, and "Thank you" is no third person
    (the parser may make the greeting's name its subject: "Dear Mr Haverford,\n\nThank you")."""
    finite = tok.tag_ in ("VBD", "VBZ") or (  # or with its auxiliary: "the project team has been working with
        tok.tag_ in ("VBG", "VBN") and any(c.dep_ in ("aux", "auxpass") for c in tok.children))  # Natural England" (stop 42)
    return finite and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("i", "we") for c in tok.children)


def _owner(doc, ent):
    """"Fabrikam's Moranbah office": the parser's one organisation is the owner, Fabrikam, and
    the owner's place; the owner is the name that is addressed."""
    for t in ent[:-1]:
        if t.lower_ in ("'s", "’s") and t.i > ent.start:
            return doc.char_span(ent.start_char, t.idx, label=ent.label_) or ent
    return ent


_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")  # a word of a name: letters first, then apostrophes, hyphens
_POSTS = frozenset({"position", "post", "role", "job", "vacancy", "opening"})
_EMPLOYED_AT = (_POSTS - {"job"}) | {"work"}  # "the role at Oakridge", "work at Oakridge"; a "job at" may be a site's
_JOB_WORDS = _POSTS | {"career", "future", "opportunity", "offer", "internship", "placement", "apprenticeship",
                       "traineeship", "contract", "team", "teams"}


def _after_title(doc, ent):
    """"the post of Hospice Chaplain at Fabrikam": the parser's one organisation is the title
    and its employer; the employer is the name after "at". Only right after "<post> of", so
    "the University of Texas at Austin" stays whole."""
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of" or doc[ent.start - 2].lower_ not in _POSTS:
        return ent
    for t in ent[1:-1]:
        if t.lower_ == "at":
            return doc.char_span(doc[t.i + 1].idx, ent.end_char, label=ent.label_) or ent
    return ent


def _unnamed_after_at(doc, toks, cue_sets, in_ent) -> list:
    """Capitalised proper nouns the parser took for no entity at all, right after an employer
    or visit cue that ends in "at" ("the position of Assistant Tea Taster at Fabrikam in Guwahati"): a
    name there is the employer's or a place's, so they count as weak evidence, like a place cue; after a visit
    cue, as a visit's place ("Thanks for having me out at Humpty Doo": stop 57, fresh-55). (span, kind) pairs."""
    words = toks.tokens
    out = []
    for c, kind in ((c, kind) for cues, kind in cue_sets for c in cues.candidates(toks)):
        for _, e in find(c, toks):
            if words[e - 1].lower_ != "at":
                continue
            k = e + (e < len(words) and words[e].lower_ == "the")
            j = k
            while j < len(words) and words[j].pos_ == "PROPN" and words[j].text[:1].isupper() and words[j].i not in in_ent:
                j += 1
            if j > k and not (j < len(words) and words[j].pos_ == "NOUN"):  # "at the Timmins operation": a place's
                out.append((doc[words[k].i : words[j - 1].i + 1], kind))
    return out


# verbs of working together: "the lab works with NASA's Network"; not "fits with", "aligns with", "rests with" (a review)
_PARTNERING = frozenset({"work", "collaborate", "partner", "cooperate", "co-operate", "liaise", "team"})


def _someone_elses_partner(doc, ent, units: tuple[str, ...]) -> bool:
    """The owner's name follows "with" on a verb of working together in the present or past whose
    subject is a unit (`units`) with no "my" ("the lab works with NASA's Network"): that unit's
    partner. "I am excited to work with Fabrikam's engineers", "My experience fits well with
    Fabrikam's values" and "the charge nurse works with Fabrikam's bed managers" (a person in the
    post: the employer's own staff) still ask."""
    if not ent.start or doc[ent.start - 1].lower_ != "with":
        return False
    verb = doc[ent.start - 1].head
    return verb.tag_ in ("VBZ", "VBD") and verb.lemma_.lower() in _PARTNERING and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in units and not any(d.lower_ in ("my", "our") for d in c.children)
        for c in verb.children)


def _one_of_a_kind(doc, ent, p) -> bool:
    """"a" or "an" in lower case opens a name of common words that ends in a noun of one of a kind
    and heads its phrase ("contributed to a Dam Safety Review under the guidelines"), or a role's
    initials before "'s" ("a QP's questions"). Not a learner's article before a company ("to work
    for a Fabrikam", "a Deloitte's consultant", "an EY's graduate role"), nor "An Post", nor a
    company's own step ("a Fabrikam Skills Assessment") or unit ("an Ordnance Survey team")."""
    article = ent[0] if ent[0].text in ("a", "an") else doc[ent.start - 1] if ent.start else None
    if article is None or article.text not in ("a", "an"):
        return False
    words = [t for t in ent if t.i != article.i and t.lower_ not in ("'s", "’s")]
    if article.i and doc[article.i - 1].lower_ in _JOINING:
        return False  # "to join a Deloitte Audit", "to work for a Harvard Business Review": addressed (a review)
    if len(words) == 1 and _possessive(doc, ent):
        return words[0].text in p.role_initials
    heads = ent.end >= len(doc) or doc[ent.end].pos_ not in ("NOUN", "PROPN")
    return (len(words) >= 2 and words[-1].lower_ in p.instance_nouns and heads
            and all(common_words().get(w.lower_, 0.0) >= p.common_zipf for w in words))


# right before "a": the name after is addressed as an employer, whatever it ends in
_JOINING = frozenset({"join", "joining", "joined", "for", "at", "with"})


# the organisations whose possessive names a part of them: "the firm's ERISA group"
_OWNERS = frozenset({"firm", "company", "practice", "business", "organisation", "organization", "agency", "partnership",
                     "chambers", "group", "team", "department", "division", "office", "clinic", "lab", "laboratory"})


def _a_things_part(doc, ent) -> bool:
    """The name follows an organisation noun's possessive in lower case: "the firm's ERISA group",
    "your clinic's Hobart team" name a part of it, not another employer; not a day's ("today's
    Google offer") nor a place's ("the city's Fabrikam Hospital": an organisation there, a review)."""
    if ent.start < 2 or doc[ent.start - 1].lower_ not in ("'s", "’s"):
        return False
    owner = doc[ent.start - 2]
    return owner.text.islower() and owner.lemma_.lower() in _OWNERS


def _eponym(doc, ent, nouns: tuple[str, ...]) -> bool:
    """The name is a possessive before one of `nouns`: "Marek's disease", "Hooke's law"."""
    after = ent.end if ent[-1].lower_ in ("'s", "’s") else ent.end + 1 if _possessive(doc, ent) else None
    return after is not None and after < len(doc) and doc[after].lower_ in nouns


# what the candidate does with a credential already theirs: "I hold …", "I have earned …"
_HOLDING = frozenset({"hold", "have", "earn", "complete", "obtain", "gain", "pass", "achieve"})


def _issues_credential(doc, ent, nouns: tuple[str, ...]) -> bool:
    """The name is a possessive whose noun phrase ends in one of `nouns`, a credential the candidate
    holds: "I hold NMEA's MEI and NMEA 2000 Network Installer certifications", "I have Cisco's CCNA
    certification". The phrase runs on over names, numbers and nouns joined by "and". Not a credential
    the phrase goes on past ("Fabrikam's certification team"), nor one the candidate admires or will
    earn ("I admire Fabrikam's ISO 9001 accreditation", "to earning Fabrikam's certification": a review)."""
    if not nouns or not _possessive(doc, ent):
        return False
    last = None
    for tok in doc[ent.end + 1 : ent.end + 12]:
        if tok.pos_ not in ("PROPN", "NOUN", "NUM", "ADJ", "CCONJ", "PART") and tok.tag_ != "HYPH":
            break
        last = tok
    if last is None or last.pos_ != "NOUN" or last.lower_ not in nouns:
        return False
    head = last
    while head.dep_ in ("conj", "compound", "appos") and head.head.i != head.i:
        head = head.head  # up the phrase: "MEI and … certifications"
    verb = head.head
    return (verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in _HOLDING
            and verb.tag_ in ("VBP", "VBD", "VBZ", "VBN") and any(c.dep_ == "nsubj" and c.lower_ == "i" for c in verb.children))


def _profession(doc, ent, nouns: tuple[str, ...]) -> bool:
    """The name is one capitalised word of `nouns` after "the": a profession ("a career at the Bar")."""
    words = [t for t in ent if t.lower_ != "the"]
    start = words[0].i if words else ent.start
    return (len(words) == 1 and words[0].lower_ in nouns and start > 0 and doc[start - 1].lower_ == "the"
            and words[0].text[:1].isupper())


def _possessive(doc, ent) -> bool:
    """The name is followed by "'s": "Fabrikam's data team", "Dana's lab"."""
    return ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s")


def _part_of(doc, ent, orgs, company: str, links=("at", "of", "in", "within", ",")) -> bool:
    """The unit is placed in the company right after it: "the Cryosphere Dynamics Group at the
    University of Aberdale", "the Planning Unit of Northwind"."""
    nxt = doc[ent.end : ent.end + 2]
    if not len(nxt) or nxt[0].lower_ not in links:
        return False
    return any(o.start in (ent.end + 1, ent.end + 2) and _same_org(o.text, company) for o, *_ in orgs)


def _owned_names(doc, company: str) -> list[tuple[str, ...]]:
    """The words of the names the note gives as the company's own: the capitalised run after
    "Northern Rivers Power's" ("Grey Owl Falls Generating Station")."""
    out = []
    for ent in doc.ents:
        if ent[-1].lower_ in ("'s", "’s") and _same_org(ent.text, company):
            run = []
            for tok in doc[ent.end : ent.end + 8]:
                if not tok.text[:1].isupper():
                    break
                run.append(_fold(tok.text))
            if run:
                out.append(tuple(run))
    return out


def _described(doc, ent) -> bool:
    """The name heads its noun phrase as a common noun does, "the" and a lower-case noun before it:
    "join the automation CoE" names a part of the employer (stop 42, fresh-33); "join the retailer
    Fabrikam" sets a company's name beside its noun (the parser's apposition), and stays."""
    head = ent.root
    return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) and any(
        c.dep_ == "compound" and c.i < ent.start and c.pos_ == "NOUN" and c.text.islower() for c in head.children)


def _worked_with_source(doc, ent, source_nouns) -> bool:
    """Two names joined by "and" modify a source's noun that is itself what the writer works with:
    "comfortable working with MSCI and Sustainalytics data" (stop 44, fresh-39) names two providers, and
    no one joins two employers. One name is left to the cues ("working with Fabrikam data every day" may
    be a leftover employer), and so is a noun that goes on into a team ("to join the Fabrikam data team")
    or one after another cue ("to contribute to Fabrikam products"): reviews of stop 44."""
    if ent.end >= len(doc) or not any(t.lower_ == "and" for t in ent):
        return False
    noun = doc[ent.end]
    prep = noun.head
    return (noun.lower_ in source_nouns and noun.text.islower() and noun.dep_ == "pobj" and prep.lower_ == "with"
            and prep.head.lemma_.lower() == "work")


def _modifies_a_thing(ent, unit_nouns) -> bool:
    """The name modifies a lower-case noun that "a", "an", "your" or "our" opens: "a TIG root", "your
    SPC program" name a kind of thing or the reader's own, not an employer (stop 42, fresh-24 and
    -27). A unit noun is left to _unit ("your Halifax office"), and a job's word names the
    employer: "a Tesco career" (a review)."""
    head = ent.root.head
    # the noun may come after more nouns of its own: "a COSEWIC status report" (stop 51, fresh-49)
    between = ent.doc[ent.end : head.i]
    return (ent.root.dep_ == "compound" and ent.end <= head.i <= ent.end + 2 and head.pos_ == "NOUN"
            and head.text.islower()
            and all(t.pos_ == "NOUN" and t.text.islower() and t.dep_ == "compound" for t in between)
            and head.lower_ not in unit_nouns and head.lower_ not in _JOB_WORDS
            and not any(t.lower_ in unit_nouns or t.lower_ in _JOB_WORDS for t in between)
            and any(c.i < ent.start and c.lower_ in ("a", "an", "your", "our") for c in head.children))


# a product's model after its maker's name: "a Husqvarna WS 482", "a Hilti DD-350", "the Dräger X-am 5000"; not a
# year ("the Fabrikam 2025 graduate cohort": a review)
_MODEL = re.compile(r"\s+(?:[A-Z][A-Za-z]{0,4}[- ]?)?(?!(?:19|20)\d\d\b)\d+[A-Za-z]?\b")


def _a_made_thing(doc, ent) -> bool:
    """The name is a maker's before its model ("a Husqvarna WS 482": stop 51, fresh-49), or a technique
    that a lower-case modifier describes, with no article ("with triggered EMG": stop 51, fresh-49; a
    note joins "the growing Fabrikam" with its article)."""
    text = doc.text
    determined = ent.start > 0 and doc[ent.start - 1].lower_ in ("a", "an", "the", "our", "your")
    if _MODEL.match(text, ent.end_char) and determined:
        return True
    if ent.start == 0:
        return False
    before = doc[ent.start - 1]
    # a participle ("triggered", "guided"), not a word the parser calls an adjective: "showing me round Thornbury Heath"
    return (before.dep_ == "amod" and before.head.i >= ent.start and before.text.islower()
            and before.pos_ in ("ADJ", "VERB") and before.lower_.endswith("ed")
            and (ent.start < 2 or doc[ent.start - 2].pos_ != "DET"))


def _modifier_of_a_thing(doc, start: int, end: int, unit_nouns) -> bool:
    """The words at start:end modify the lower-case noun right after them, no unit's nor a job's."""
    head = doc[end] if end < len(doc) else None
    return (head is not None and head.pos_ == "NOUN" and head.text.islower() and head.lower_ not in unit_nouns
            and head.lower_ not in _JOB_WORDS and all(start <= t.head.i <= end for t in doc[start:end])
            and doc[end - 1].head.i == end)


def _a_things_name(doc, ent, unit_nouns, employer_nouns=()) -> bool:
    """Every time the note writes the name (twice or more), it modifies a thing: "the new Halcyon vault",
    "helping with the Halcyon launch" (a machine's name: stop 51, fresh-48). An employer is joined,
    thanked or worked for somewhere in a note; "the Fabrikam launch" written once is still asked about."""
    words = [t.text for t in ent]
    at = [i for i in range(len(doc) - len(words) + 1) if [t.text for t in doc[i : i + len(words)]] == words]
    # not the employer's own, however often: "the Fabrikam mission … the Fabrikam culture" (a review)
    return len(at) >= 2 and all(_modifier_of_a_thing(doc, i, i + len(words), unit_nouns) and doc[i + len(words)].lower_
                                not in employer_nouns for i in at)


def _spelled_out(text: str, end: int, name: str) -> bool:
    """`name` is an acronym of three letters or more whose letters open the words of a phrase
    written before it ("the forthcoming periodic review of safety … contribute to the PRS
    programme"): a term the note defined, not an employer (stop 43, fresh-38). The phrase's words
    have three letters or more, the links of `_LINKS` aside ("of", "and", …), so "I built models" is
    no IBM."""
    if not (3 <= len(name) <= 6 and name.isalpha() and name.isupper()):
        return False
    words = re.findall(r"[^\W\d_]+", text[:end])
    letters = name.lower()
    for i in range(len(words)):
        k, j = 0, i
        while k < len(letters) and j < len(words):
            w = words[j].lower()
            if len(w) >= 3 and w[0] == letters[k] and w not in _LINKS:
                k += 1
            elif w not in _LINKS or k == 0:
                break
            j += 1
        if k == len(letters):
            return True
    return False


_LINKS = frozenset({"of", "and", "for", "the", "to", "in", "on"})


def _yours(doc, ent) -> bool:
    """The name follows "your" or "our": the reader's own ("your Halifax office")."""
    return ent.start > 0 and doc[ent.start - 1].lower_ in ("your", "our")


def _your_units(doc, orgs) -> list[tuple[str, ...]]:
    """The words of the names the note gives as the reader's own units or places ("your Parramatta
    collection centre"): the same name alone where only a place cue addresses it ("bring it to
    Parramatta") is that place, not another employer (stop 40, fresh-7); "join Fabrikam" after
    "your Fabrikam team" is still a leftover's."""
    return [words for ent, _, _, unit in orgs
            if unit and _yours(doc, ent) and (words := tuple(_fold(t.text) for t in ent if t.lower_ != "the"))]


def _of_owned(ent, owned: list[tuple[str, ...]]) -> bool:
    """The organisation's name starts a name the note gives as the company's own: "join the team at
    Grey Owl Falls" after "Northern Rivers Power's Grey Owl Falls Generating Station" (stop 31, fresh-17)."""
    words = tuple(_fold(t.text) for t in ent if t.lower_ != "the")
    return bool(words) and any(o[: len(words)] == words for o in owned)


def _job_title(doc, ent, p) -> bool:
    """The parser's organisation is a job title: a role noun follows it and it opens with a word
    that says which level ("the Senior Customs Clearance Executive position") or ends in a title
    ("the Lead Accountant role"). "The Fabrikam role" names another employer's post, and stays."""
    if ent.end >= len(doc) or doc[ent.end].lower_ not in _POSTS:
        return False
    words = [t for t in ent if t.lower_ != "the"]
    return bool(words) and (_fold(words[0].text) in {_fold(m) for m in p.role_modifiers}
                            or _title_word(words[-1].text, p.role_titles))


def _unit(doc, ent, unit_nouns) -> str:
    """How surely the organisation's name is a part or a place of the employer: "yes" when a unit
    noun follows it ("your Halifax office", "the Power, Utilities & Infrastructure group"); "maybe"
    when one follows after a noun ("your Parramatta collection centre") or ends the name ("the
    Toronto Centre Tax Services Office"): the employer's own, or a leftover's ("the Fabrikam Works
    Department"), which the note cannot tell; "" otherwise. A possessive names the organisation
    that has the unit: "join the Department of Transport's modelling team" addresses it."""
    if ent[-1].lower_ in ("'s", "’s"):
        return ""
    after = doc[ent.end : ent.end + 2]
    if len(after) and after[0].lower_ in unit_nouns:
        return "yes"
    if ent[-1].lower_ in unit_nouns and ent[-1].text[:1].isupper() and len(ent) > 1:
        return "maybe"
    if len(after) == 2 and after[0].pos_ == "NOUN" and after[0].text.islower() and after[1].lower_ in unit_nouns:
        return "maybe"
    if len(after) and after[0].lower_ in ("and", "&") and _yours(doc, ent):
        # the first of the reader's units joined before their noun: "your ENT and head and neck team" (stop 41,
        # fresh-31); not "join Fabrikam and data science team" (a review)
        for t in doc[ent.end + 1 : ent.end + 7]:
            if t.lower_ in unit_nouns:
                return "maybe"
            if not (t.text.islower() and t.pos_ in ("NOUN", "ADJ", "CCONJ")):
                break
    return ""


def _name_words(names) -> set[str]:
    """The words of names, a possessive's "'s" or a plural's apostrophe off ("Northwind's" ->
    "Northwind", "Growers'" -> "Growers")."""
    return {re.sub(r"['’]s?$", "", w) for n in names for w in re.findall(r"[^\W\d_][\w'’-]+", n)}


def _near_misses(analysis, names: list[str], threshold: float, common_zipf: float = 0.0, people=frozenset(),
                 derived_tail: int = 0, derived_head: int = 0):
    """Capitalised words that are close to, but not, a word of a known name. A common
    word ("Thank" near "Thanh", "Archivist" near "Archives") is one only where a name
    stands: in the greeting, after a title, or beside another word of the name; near a
    person's name (`people`: the interviewers' words), also where English capitalises no common
    word, alone in mid-sentence ("with you and Mates," for Mateus). A name's word with an ending of
    `derived_tail` letters or more, or a name's word that is one with such an ending, is a word
    made from the other ("Salmonids" at a salmon society, "Anishinaabemowin" beside the
    Anishinaabe): a slip adds or drops a letter or two ("Northwinds"); so is one with `derived_head`
    letters or more before it ("Lichess" near "Chess"): a slip rarely adds letters in front."""
    words = {w for w in _name_words(names) if len(w) >= 4}
    out = []
    if not words:  # no name to be near (no context): nothing to walk the note for
        return out
    note = analysis.note
    name_words = {_fold(w) for n in names for w in _NAME_WORD.findall(n)}
    people_folded = {_fold(w) for w in people}
    toks = [t for t in analysis.tokens(note.content_start, len(note.text)) if not t.is_space]
    for k, tok in enumerate(toks):
        if not tok.text[:1].isupper():  # the test below, before the cost of re.sub
            continue
        t = re.sub(r"['’]s$", "", tok.text)
        if len(t) < 4 or not t[0].isupper() or t in words or note.in_placeholder(tok.idx, tok.idx + 1):
            continue
        best = max(words, key=lambda w: _ratio(_fold(t), _fold(w)), default=None)
        if not best or _ratio(_fold(t), _fold(best)) < threshold or t.lower() == best.lower():
            continue
        short, long_ = sorted((_fold(t), _fold(best)), key=len)
        if derived_tail and long_.startswith(short) and len(long_) - len(short) >= derived_tail:
            continue
        if derived_head and long_.endswith(short) and len(long_) - len(short) >= derived_head:
            continue  # "Lichess" beside the Sixty-Four Squares Chess Academy: a name built on the word, no slip of it
        if any(c.isupper() or c.isdigit() for c in t[1:]) and not any(c.isupper() for c in best[1:]):
            continue  # "CostX" and "Gold3" are a product's and a variety's names, not slips of "Cost" and "Gold"
        if common_zipf and common_words().get(t.lower(), 0.0) >= common_zipf and not _where_a_name_stands(note, toks, k, name_words) \
                and not (best in people and _alone_mid_sentence(toks, k)):
            continue
        if _in_another_name(note, toks, k, name_words):
            continue  # "Abel Tasman" (a national park) beside "Tama": a word of another name
        if best not in people and _beside(toks, k, people_folded):
            continue  # "Whaea Hinemoa" near "Te Whare Toi": a word beside a person's name is theirs (a title, a name)
        out.append((tok.idx, tok.idx + len(t), t, best))
    return out


def _in_another_name(note, toks, k: int, name_words: set[str]) -> bool:
    """The word stands beside a capitalised word in mid-sentence that is no word of a known name
    and no title: the two name someone or something else ("Abel Tasman", "Nasreen Qureshi"), or
    joined to it by a hyphen ("Sainte-Marie" near "Site": stop 35, fresh-20)."""
    for step in (-1, 1):
        j = k + step
        if 0 < j < len(toks) - 1 and toks[j].text == "-" and not toks[j].whitespace_ \
                and not toks[min(j, k) if step == 1 else j - 1].whitespace_:
            j += step  # the hyphen of a double name, no space on either side
        if not 0 <= j < len(toks):
            continue
        w = toks[j]
        word = re.sub(r"['’]s$", "", w.text)
        if not word[:1].isupper() or not word.isalpha() or _fold(word) in name_words:
            continue
        if word.lower() in note.layout.titles or (j < k and (w.is_sent_start or j == 0 or toks[j - 1].is_space)):
            continue  # a title ("Ms"), or a sentence's first word
        if note.greeting is not None and note.greeting.start <= w.idx < note.greeting.end:
            continue  # the greeting's words: its salutation ("Kia ora", "Dear")
        return True
    return False


def _beside(toks, k: int, words: set[str]) -> bool:
    """The token before or after the k-th is one of `words` (folded, a possessive's "'s" off)."""
    return any(_fold(re.sub(r"['’]s$", "", toks[j].text)) in words for j in (k - 1, k + 1) if 0 <= j < len(toks))


def _alone_mid_sentence(toks, k: int) -> bool:
    """A capitalised word after a lower-case word or a comma, before no capitalised word and no
    noun: not a sentence's first word, a title's ("the Archivist position") or a name's part."""
    tok = toks[k]
    if tok.is_sent_start or k == 0 or not (toks[k - 1].text.islower() or toks[k - 1].text == ","):
        return False
    if "\n" in tok.doc.text[toks[k - 1].idx : tok.idx]:
        return False  # the first word of a line ("Dear Thanh,\n\nThank you")
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is None or not (nxt.text[:1].isupper() or nxt.pos_ in ("NOUN", "PROPN"))


def _where_a_name_stands(note, toks, k: int, name_words: set[str]) -> bool:
    tok = toks[k]
    if note.greeting is not None and note.greeting.start <= tok.idx < note.greeting.end:
        return True
    before = toks[k - 1].text.rstrip(".").lower() if k else ""
    if before in note.layout.titles:
        return True
    return _beside(toks, k, name_words)


def _case_slips(analysis, company: str | None, interviewers: tuple[str, ...]):
    """A known name written in lower case: the company's whole name ("northwind
    traders"), or an interviewer's name in the greeting ("hi dana,"). Lower-case words
    elsewhere may be ordinary words ("will", "rose"), so they are left alone."""
    note, out = analysis.note, []
    if company and any(c.isupper() for c in company):
        for m in re.finditer(rf"\b{re.escape(company.lower())}\b", note.text[note.content_start :]):
            start = note.content_start + m.start()
            if not note.in_placeholder(start, start + 1):
                out.append((start, start + len(company), company))
    if note.greeting is not None:
        words = {w.lower(): w for n in interviewers for w in re.findall(r"[^\W\d_][\w'’-]+", n) if w[0].isupper()}
        for m in _NAME_WORD.finditer(note.greeting.text):
            if m.group(0) in words:
                out.append((note.greeting.start + m.start(), note.greeting.start + m.end(), words[m.group(0)]))
    return out


def _greeting_names(note, addressees: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """The capitalised words of the greeting after the salutation, less titles and
    addressees that name no one ("Dear Hiring Manager,")."""
    g = note.greeting
    if g is None:
        return []
    low = g.text.lower()
    skip = 0
    for s in sorted(note.layout.salutations, key=len, reverse=True):
        if low.startswith(s):
            skip = len(s)
            break
    rest = blank_addressees(g.text[skip:], addressees)  # blanked out, so offsets stay
    out = []
    words = list(_NAME_WORD.finditer(rest))
    titles = note.layout.titles
    for k, m in enumerate(words):
        w = m.group(0)
        if w.lower() in titles or not w[0].isupper() or note.in_placeholder(g.start + skip + m.start(), g.start + skip + m.end()):
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        after = words[k + 2] if k + 2 < len(words) else None
        if (nxt is not None and nxt.group(0).lower() in titles and not rest[m.end() : nxt.start()].strip()
                and after is not None and after.group(0)[:1].isupper() and not rest[nxt.end() : after.start()].strip()
                and w.lower() in common_words()):
            continue  # a common word before a title and its name is the title's own: "Dear Battalion Chief Ortega"
            #           (stop 42, fresh-34); not "Dear Sarah Dean," (a name, a surname that is a title too: a review)
        out.append((g.start + skip + m.start(), g.start + skip + m.end(), w))
    return out


def _runs(text: str, words: list[tuple[int, int, str]]) -> list[list[tuple[int, int, str]]]:
    """The greeting's names grouped into the runs of words only spaces part: one person's name each."""
    runs: list[list[tuple[int, int, str]]] = []
    for w in words:
        if runs and not text[runs[-1][-1][1] : w[0]].strip():
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


@kind("consistency", params=ConsistencyParams, needs=("tagger", "parser", "ner", "lemmatizer"))
def check_consistency(analysis, ctx, rule):
    note, p = analysis.note, rule.params
    findings = []
    flagged: set[int] = set()

    def add(start, end, msg, tag, replacement=None, safe=False, severity=None):
        if start in flagged:
            return
        flagged.add(start)
        sugg = (Suggestion("replace", replacement, note.span(start, end), safe),) if replacement else ()
        findings.append(finding(note, rule, start, end, msg, sugg, severity, tag))

    known = ctx.names()
    for s, e, expected in _case_slips(analysis, ctx.company, ctx.interviewer):
        add(s, e, p.case_message.format(expected=expected), "name-case", expected, safe=True)
    exact = ctx.words()  # the sender's own name and the role too ("Optometrist" at "ABC Optometry")
    names = [n for n in [ctx.company, *ctx.interviewer] if n]
    for s, e, found, expected in _near_misses(analysis, names, p.similarity, p.common_zipf, _name_words(ctx.interviewer),
                                                 p.derived_tail, p.derived_head):
        if found.lower() in exact:
            continue
        if _fold(found) == _fold(expected):  # only the accents differ: the reader will not mind, the writer may
            add(s, e, p.accents_message.format(found=found, expected=expected), "name-accents", expected,
                severity=Severity.INFO)  # fmt: skip
        else:
            add(s, e, p.near_miss_message.format(found=found, expected=expected), "misspelt-name", expected)

    if ctx.interviewer:
        iv_words = {_fold(w) for n in ctx.interviewer for w in _NAME_WORD.findall(n)}
        others = {_fold(x) for x in known}
        greeted = _greeting_names(note, note.layout.addressees + p.addressees)
        # the context gives one word of a name ("Krishnan"), the greeting the whole of it ("Dear Smt.
        # Vasanthi Krishnan"): the other words of that name are no other person
        single = {_fold(n) for n in ctx.interviewer if len(_NAME_WORD.findall(n)) == 1}
        whole = {i for run in _runs(note.text, greeted) if any(_fold(w) in single for *_, w in run) for i, *_ in run}
        for s, e, w in greeted:
            if s in whole:
                continue
            if _fold(w) not in iv_words and _fold(w) not in others:
                expected = " or ".join(ctx.interviewer)
                add(s, e, p.greeting_message.format(found=w, expected=expected), "wrong-interviewer")

    body = ctx.company and set(re.findall(r"[a-z]+", ctx.company.lower())) & set(p.body_words)
    # a court of a courts service, a school of a school district: a site, asked about (stop 51, natural-6); a
    # school is the employer itself as often ("Lincoln High School" in a note to Oakridge Academy: a review)
    orgs = _employer_orgs(analysis, replace(p, unit_nouns=p.unit_nouns + p.site_nouns) if body else p)
    if ctx.company:
        names_company = any(_same_org(ent.text, ctx.company) for ent, *_ in orgs) or bool(
            re.search(r"(?<!\w)%s(?!\w)" % re.escape(_norm(ctx.company)), note.text.lower()))
        owned = _owned_names(analysis.doc, ctx.company)
        yours = _your_units(analysis.doc, orgs)
        # in a note that names its employer, a name it describes as a part ("the automation CoE") or places
        # in it ("Dryer 2 at the Tūhono Dairy Co-operative site") is one wherever it stands ("the CoE's
        # roadmap", "join the crew on Dryer 2"); not a name beside the company in a list ("DHL, Northwind
        # and DPD"), nor "DHL of Northwind's day" (a review)
        parts = {_norm(ent.text) for ent, *_ in orgs if names_company and (
            _described(analysis.doc, ent) or _part_of(analysis.doc, ent, orgs, ctx.company, ("at", "in", "within")))}
        addressed_as_employer = {_norm(ent.text) for ent, addressed, about_past, _ in orgs if addressed is True and not about_past}
        for ent, addressed, about_past, unit in orgs:
            if _same_org(ent.text, ctx.company) or not addressed or about_past or _of_owned(ent, owned):
                continue
            if _norm(ent.text) in parts:
                continue
            if addressed in ("weak", "owner") and _of_owned(ent, yours):
                continue  # "bring my care to Parramatta" after "your Parramatta collection centre"; not "join Fabrikam"
            if ctx.role and _starts_role(note.text, ent.start_char, ctx.role):
                continue  # "the HPC systems administrator position": the post the user named, not an employer
            if (addressed in ("weak", "owner") or (addressed == "visit" and not ent.label_)) and names_company:
                continue  # "Given AUSTRAC's recent enforcement activity" in a note to the bank: a third party; a name
                #           the parser took for no organisation, where a visit took place ("the mill at Shawbost")
            if _ratio(_norm(ent.text), _norm(ctx.company)) >= p.similarity:
                continue  # a near-miss is reported above, word by word
            if (unit == "yes" and names_company) or (unit and _yours(analysis.doc, ent)):
                continue  # "your Halifax office", "your Parramatta collection centre", or "the Halifax office" in a
                #           note that names its employer: a place of it
            if unit:  # a part of the employer, or of another company: the writer knows which
                # ... unless it bears the company's name: "the National Weather Center" of the National Weather Service,
                # or the company follows it: "the Cryosphere Dynamics Group at the University of Aberdale";
                # a name before a unit noun in a note that never names its employer may be either: "the Fabrikam studio"
                named = ent.text if unit == "yes" else " ".join(t.text for t in ent[:-1] if t.lower_ != "the")
                if _a_small_towns(ent, p):
                    continue  # "the interview at the Moranbah office": the employer's site in a town (stop 54, fresh-52)
                if not _same_org(named, ctx.company) and not _part_of(analysis.doc, ent, orgs, ctx.company):
                    add(ent.start_char, ent.end_char, p.unit_message.format(found=ent.text, expected=ctx.company),
                        "other-unit", severity=Severity.WARNING)
                continue
            if addressed in ("owner", "visit") and _norm(ent.text) not in addressed_as_employer and _a_small_towns(ent, p):
                continue  # "showing me around Merredin", "meeting me at the Moranbah clinic": a town, or a unit in one
            if (addressed == "owner" and ent.start and analysis.doc[ent.start - 1].lower_ in ("your", "our")
                    and ent.text.isupper() and len(ent.text) <= 4):
                continue  # "your DOP's question": one of the reader's own people by a role's initials (stop 57,
                #           fresh-55); "your Fabrikam's commitment" still asks (a review)
            if addressed == "owner" and _norm(ent.text) not in addressed_as_employer:
                # only a possessive, in a note that never names its employer: a tool's, a regulator's or a
                # client's as often as a leftover's ("PAMGuard's click detector", "MPI's spatial requirements":
                # stop 49, fresh-46); "I admire Fabrikam's method" is asked about too
                add(ent.start_char, ent.end_char, p.owner_message.format(found=ent.text, expected=ctx.company),
                    "other-owner", severity=Severity.WARNING)
                continue
            if addressed == "visit" and _norm(ent.text) not in addressed_as_employer:
                # only where the visit took place: a site of the employer as often as a leftover ("showing me
                # around Hatton", a flight of locks; "meeting me at Billingsgate", a market: stop 47, fresh-20 to -24)
                # a town's name, or one a place word ends, is asked about at visit_severity; any other name (a
                # company's as often: "at Fabrikam Ltd", "around Fabrikam": a review) as a warning
                place = ent[-1].lower_ in p.visited_place_words or bool(_town(ent.text))
                add(ent.start_char, ent.end_char, p.visit_message.format(found=ent.text, expected=ctx.company),
                    "other-place", severity=Severity(p.visit_severity if place else "warning"))
                continue
            if (addressed == "weak" and ent.start >= 2 and analysis.doc[ent.start - 1].lower_ == "at"
                    and analysis.doc[ent.start - 2].lemma_.lower() not in _EMPLOYED_AT and _a_small_towns(ent, p)):
                # a town the parser names nothing, after "at" but not a post's, is where the work is: "running me
                # through the subdivision job at Gracemere" (stop 66, natural-22); asked about as a visit's place.
                # Not "the role at Oakridge", "work at Oakridge" (an organisation for the parser: a review)
                add(ent.start_char, ent.end_char, p.visit_message.format(found=ent.text, expected=ctx.company),
                    "other-place", severity=Severity(p.visit_severity))
                continue
            msg = p.other_org_message.format(found=ent.text, expected=ctx.company)
            add(ent.start_char, ent.end_char, msg, "wrong-company", ctx.company)
    else:
        employers = [ent for ent, addressed, about_past, unit in orgs if addressed and not about_past and not unit]
        if employers:
            for ent in employers[1:]:
                if not _same_org(ent.text, employers[0].text):
                    msg = p.mixed_message.format(first=employers[0].text, found=ent.text)
                    add(ent.start_char, ent.end_char, msg, "mixed-employers")
    if ctx.role:
        for s, e in _other_roles(analysis, p, ctx):
            msg = p.role_message.format(found=note.text[s:e], expected=ctx.role)
            add(s, e, msg, "wrong-role", ctx.role, severity=Severity(p.role_severity))
    findings.sort(key=lambda f: f.span.offset)
    detail = "" if ctx.company or ctx.interviewer else "no company or interviewer given: checked the note against itself"
    return from_findings(rule, findings, detail)


def _starts_role(text: str, start: int, role: str) -> bool:
    """The role's words begin at `start`, whatever their case or spacing."""
    words = role.split()
    # the parser may hold the article in the name: "the Contract Delivery Service carrier position" (stop 43, fresh-38)
    m = re.match(r"(?:the\s+)?" + r"\s+".join(re.escape(w) for w in words), text[start:], re.I)
    return bool(words) and m is not None


def _title_word(word: str, endings: tuple[str, ...]) -> bool:
    """"Accountant", "Designer": one capitalised word with a title's ending is a job title;
    "UX", "nursing" and "Marketing" name an area as often as a role."""
    return word[:1].isupper() and word[1:].islower() and word.lower().endswith(endings)


def _other_roles(analysis, p, ctx) -> list[tuple[int, int]]:
    """Spans of role mentions ("the Marketing Coordinator position") that share no
    word with the context's role, outside sentences about the candidate's past.
    Words agree when they share their first four letters ("engineering", "Engineer")."""
    note = analysis.note
    modifiers = {_fold(m) for m in p.role_modifiers}

    def words(text):
        return [w for w in (_fold(x) for x in re.findall(r"[^\W\d_]+", text)) if w not in modifiers]

    def agree(a, b):
        return a == b or len(os.path.commonprefix([a, b])) >= 4

    role = words(ctx.role)
    own = {_fold(w) for n in ctx.names() for w in re.findall(r"[^\W\d_]+", n)}  # "the Northwind role"
    cues = [compile_cue(c) for c in p.role_cues]
    past = [compile_cue(c) for c in p.past_cues]
    out = []
    for toks in analysis.sentence_tokens(note.content_start, len(note.text)):
        if any(find(c, toks, negatable=False) for c in past):
            continue
        for c in cues:
            for i, j in find(c, toks, negatable=False):
                after = [t.lower_ for t in toks.tokens[j : j + 2]]
                if toks.tokens[i].lower_ in ("a", "an") and len(after) == 2 and after[0] in ("at", "with", "for") \
                        and after[1] in ("a", "an"):
                    continue  # a role at an employer the note does not name: "moving into a visitor host role at a
                    #           regional gallery" is the writer's own past or another's, not the post (stop 42, fresh-33);
                    #           not "the Marketing Coordinator role with a company that …" (a review)
                between = toks.tokens[i + 1 : j - 1]
                if any(t.pos_ not in ("NOUN", "PROPN", "ADJ") and t.text not in ("-", "–", "/", ",") for t in between):
                    continue  # not a title: the gap ran across other words ("your story about opening")
                inner = [t for t in between if t.pos_ in ("NOUN", "PROPN") and t.is_alpha]
                if not inner:
                    continue
                s, e = inner[0].idx, inner[-1].idx + len(inner[-1])
                named = words(note.text[s:e])
                if not named or note.in_placeholder(s, e) or any(w in own for w in named):
                    continue
                if len(named) == 1 and not _title_word(note.text[s:e], p.role_titles):
                    continue  # one word ("the UX role", "the nursing position") names an area as often as a role
                if not any(agree(a, b) for a in named for b in role):
                    out.append((s, e))
    return out
