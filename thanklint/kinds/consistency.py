"""`consistency`: the names in the note agree with the context and with each other.

- a near-miss of the company or an interviewer ("Northwinds", "Alvares") is an
  error with the right spelling offered;
- a greeting that names someone who is not an interviewer is an error;
- another organisation addressed as the employer ("excited to join Fabrikam") is a
  likely leftover from another note — unless the sentence is about the candidate's
  past ("At Contoso I led …").
Without a context company the note's own employer mentions must agree.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import finding, from_findings
from thanklint.kinds._cues import compile_cue, find
from thanklint.model import Suggestion

_SUFFIX = re.compile(r"(?i)[\s,]+(inc|llc|ltd|corp|co|gmbh|plc|group|company)\.?$")


@dataclass(frozen=True)
class ConsistencyParams:
    employer_cues: tuple[str, ...]  # an organisation right after one of these is addressed as the employer
    past_cues: tuple[str, ...]  # a sentence with one of these is about the candidate's past
    similarity: float = 0.8  # at or above: a near-miss spelling of a known name
    near_miss_message: str = "“{found}” does not match “{expected}” from the context."
    other_org_message: str = "“{found}” is addressed as the employer, but this note is for {expected}."
    greeting_message: str = "The greeting names {found}, but the interviewer is {expected}."
    case_message: str = "Write the name as “{expected}”."
    mixed_message: str = "This note addresses both {first} and {found} as the employer."

    def __post_init__(self):
        for c in self.employer_cues + self.past_cues:
            compile_cue(c)
        if not 0.5 <= self.similarity < 1:
            raise ValueError("similarity must be between 0.5 and 1")


def _norm(name: str) -> str:
    name = re.sub(r"['’]s\b", "", name.strip(" .,;:!?\"'’"))
    return _SUFFIX.sub("", name).strip().lower()


def _same_org(a: str, b: str) -> bool:
    """"St. Brigid's" and "St. Brigid's Hospital", "Northwind" and "Northwind Traders"."""
    wa, wb = set(_norm(a).split()), set(_norm(b).split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio()


def _employer_orgs(analysis, p):
    """(ent, sentence is about the past) for organisations addressed as the employer."""
    doc = analysis.doc
    note = analysis.note
    employer = [compile_cue(c) for c in p.employer_cues]
    past = [compile_cue(c) for c in p.past_cues]
    out = []
    for toks in analysis.sentence_tokens(note.content_start, len(note.text)):
        first, last = toks[0].i, toks[-1].i
        about_past = any(find(c, toks, negatable=False) for c in past)
        cue_ends = {toks[e - 1].i for c in employer for s, e in find(c, toks)}
        for ent in (e for e in doc.ents if first <= e.start <= last):
            if ent.label_ != "ORG" or note.in_placeholder(ent.start_char, ent.end_char):
                continue
            before = {ent.start - k for k in (1, 2, 3)}
            addressed = bool(cue_ends & before) or (ent.end < len(doc) and doc[ent.end].lower_ in ("'s", "’s"))
            out.append((ent, addressed, about_past))
    return out


def _near_misses(analysis, names: list[str], threshold: float):
    """Capitalised words that are close to, but not, a word of a known name."""
    words = {re.sub(r"['’]s$", "", w) for n in names for w in re.findall(r"[^\W\d_][\w'’-]+", n)}
    words = {w for w in words if len(w) >= 4}
    out = []
    for tok in analysis.tokens(analysis.note.content_start, len(analysis.note.text)):
        t = re.sub(r"['’]s$", "", tok.text)
        if len(t) < 4 or not t[0].isupper() or t in words or analysis.note.in_placeholder(tok.idx, tok.idx + 1):
            continue
        best = max(words, key=lambda w: _ratio(t, w), default=None)
        if best and _ratio(t, best) >= threshold and t.lower() != best.lower():
            out.append((tok.idx, tok.idx + len(t), t, best))
    return out


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
        for m in re.finditer(r"[^\W\d_][\w'’-]*", note.greeting.text):
            if m.group(0) in words:
                out.append((note.greeting.start + m.start(), note.greeting.start + m.end(), words[m.group(0)]))
    return out


def _greeting_names(note) -> list[tuple[int, int, str]]:
    g = note.greeting
    if g is None:
        return []
    low = g.text.lower()
    skip = 0
    for s in sorted(note.layout.salutations, key=len, reverse=True):
        if low.startswith(s):
            skip = len(s)
            break
    out = []
    for m in re.finditer(r"[^\W\d_][\w'’-]*", g.text[skip:]):
        w = m.group(0)
        if w.lower() in note.layout.titles or not w[0].isupper() or note.in_placeholder(g.start + skip + m.start(), g.start + skip + m.end()):
            continue
        out.append((g.start + skip + m.start(), g.start + skip + m.end(), w))
    return out


@kind("consistency", params=ConsistencyParams, needs=("tagger", "parser", "ner", "lemmatizer"))
def check_consistency(analysis, ctx, rule):
    note, p = analysis.note, rule.params
    findings = []
    flagged: set[int] = set()

    def add(start, end, msg, replacement=None, safe=False):
        if start in flagged:
            return
        flagged.add(start)
        sugg = (Suggestion("replace", replacement, note.span(start, end), safe),) if replacement else ()
        findings.append(finding(note, rule, start, end, msg, sugg))

    known = ctx.names()
    for s, e, expected in _case_slips(analysis, ctx.company, ctx.interviewer):
        add(s, e, p.case_message.format(expected=expected), expected, safe=True)
    exact = {w.lower() for n in known for w in re.findall(r"[^\W\d_][\w'’-]+", n)}  # the sender's own name too
    for s, e, found, expected in _near_misses(analysis, [n for n in [ctx.company, *ctx.interviewer] if n], p.similarity):
        if found.lower() in exact:
            continue
        add(s, e, p.near_miss_message.format(found=found, expected=expected), expected)

    if ctx.interviewer:
        iv_words = {w.lower() for n in ctx.interviewer for w in re.findall(r"[^\W\d_][\w'’-]*", n)}
        for s, e, w in _greeting_names(note):
            if w.lower() not in iv_words and w.lower() not in {x.lower() for x in known}:
                expected = " or ".join(ctx.interviewer)
                add(s, e, p.greeting_message.format(found=w, expected=expected))

    orgs = _employer_orgs(analysis, p)
    if ctx.company:
        for ent, addressed, about_past in orgs:
            if _same_org(ent.text, ctx.company) or not addressed or about_past:
                continue
            if _ratio(_norm(ent.text), _norm(ctx.company)) >= p.similarity:
                continue  # a near-miss is reported above, word by word
            add(ent.start_char, ent.end_char, p.other_org_message.format(found=ent.text, expected=ctx.company), ctx.company)
    else:
        employers = [ent for ent, addressed, about_past in orgs if addressed and not about_past]
        if employers:
            for ent in employers[1:]:
                if not _same_org(ent.text, employers[0].text):
                    add(ent.start_char, ent.end_char, p.mixed_message.format(first=employers[0].text, found=ent.text))
    findings.sort(key=lambda f: f.span.offset)
    detail = "" if ctx.company or ctx.interviewer else "no company or interviewer given: checked the note against itself"
    return from_findings(rule, findings, detail)
