"""`structure`: the letter's frame — a greeting that names a person, a sign-off
with a closing phrase and the sender's name. The parser finds the sections with
the pack's salutations and valedictions; this kind judges them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import blank_addressees, finding, from_findings, missing, passed
from thanklint.model import Suggestion


@dataclass(frozen=True)
class StructureParams:
    part: str  # greeting | signoff
    generic: tuple[str, ...] = ()  # more addressees that are not a person, beyond the pack's `layout.addressees`
    generic_message: str = ""
    no_name_message: str = ""
    bare_name_message: str = ""
    replacement: str = ""  # offered for a generic greeting ("Dear {interviewer},")

    def __post_init__(self):
        if self.part not in ("greeting", "signoff"):
            raise ValueError("part must be greeting or signoff")


def _names_someone(greeting_text: str, salutations, generic: tuple[str, ...], note, start: int) -> bool:
    rest = greeting_text
    for s in sorted(salutations, key=len, reverse=True):
        if rest.lower().startswith(s):
            rest = rest[len(s) :]
            break
    rest = blank_addressees(rest, generic).lower()
    if note.in_placeholder(start, start + len(greeting_text)):
        return True
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", rest) if w.strip(".") not in note.layout.titles]
    return bool(words)


def _vocative(analysis) -> tuple[int, int] | None:
    """"Frank, I appreciate …": a name and a comma open the first sentence."""
    lines = analysis.note.content_lines
    if not lines:
        return None
    first = lines[0]
    toks = analysis.tokens(first.start, first.end)
    for i, tok in enumerate(toks[:5]):
        if tok.text == ",":
            head = [t for t in toks[:i] if t.lower_.strip(".") not in analysis.note.layout.titles]
            if head and all(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in head):
                return toks[0].idx, tok.idx + 1
            return None
    return None


def check_greeting(analysis, ctx, rule):
    note, p = analysis.note, rule.params
    g = note.greeting
    if g is None:
        span = _vocative(analysis)
        if span:
            return passed(rule, f"found: “{note.text[span[0]:span[1]]}”")
        return missing(note, rule, ctx, "top")
    if _names_someone(g.text, note.layout.salutations, note.layout.addressees + p.generic, note, g.start):
        return passed(rule, f"found: “{g.text}”")
    sugg = ()
    if ctx.interviewer and p.replacement:
        sugg = (Suggestion("replace", ctx.fill(p.replacement), note.span(g.start, g.end)),)
    return from_findings(rule, [finding(note, rule, g.start, g.end, p.generic_message or None, sugg)])


def check_signoff(analysis, ctx, rule):
    note, p = analysis.note, rule.params
    s = note.signoff
    if s is None:
        name = note.signature
        if name is not None:
            text = ctx.fill(rule.spec.suggestion.split("\n")[0]) if rule.spec.suggestion else ""
            sugg = (Suggestion("insert", text + "\n", note.span(name.start, name.start)),) if text else ()
            return from_findings(rule, [finding(note, rule, name.start, name.end, p.bare_name_message or None, sugg)])
        return missing(note, rule, ctx, "before-signoff")
    if s.name is None:
        v = s.valediction
        sugg = (Suggestion("insert", "\n" + (ctx.sender or "Your Name"), note.span(v.end, v.end)),) if ctx.sender else ()
        return from_findings(rule, [finding(note, rule, v.start, v.end, p.no_name_message or None, sugg)])
    return passed(rule, f"found: “{s.valediction.text} … {s.name.text}”")


@kind("structure", params=StructureParams, needs=("tagger", "ner"))
def check_structure(analysis, ctx, rule):
    if rule.params.part == "greeting":
        return check_greeting(analysis, ctx, rule)
    return check_signoff(analysis, ctx, rule)
