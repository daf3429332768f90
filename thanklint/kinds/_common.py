"""Helpers the kinds share: findings, and where a missing sentence belongs."""

from __future__ import annotations

import re
from dataclasses import replace

from thanklint.context import Context
from thanklint.model import Finding, RuleResult, Severity, Status, Suggestion
from thanklint.note import Note
from thanklint.respell import common_words
from thanklint.spec import Rule

WHERE = ("first-paragraph", "last-paragraph", "before-signoff", "top")


def finding(note: Note, rule: Rule, start: int, end: int, message: str | None = None,
            suggestions: tuple[Suggestion, ...] = (), severity: Severity | None = None, tag: str = "") -> Finding:  # fmt: skip
    if note.text[start:end].strip():  # never underline the blanks (or a CRLF's CR) around a finding
        start, end = _trim(note, start, end)
    return Finding(rule.id, severity or rule.spec.severity, message or rule.spec.message, note.span(start, end),
                   suggestions, tag)  # fmt: skip


def missing(note: Note, rule: Rule, ctx: Context, where: str, detail: str = "") -> RuleResult:
    """A failed content rule: the finding points where the sentence should go and
    suggests one."""
    paras = note.body_paragraphs
    text = ctx.fill(rule.spec.suggestion) if rule.spec.suggestion else ""
    if where == "top" or not paras:
        start = note.greeting.start if note.greeting else _first_content(note)
        line = next((ln for ln in note.lines if ln.start <= start <= ln.end), None)
        end = line.end if line else start
        insert_at, insert = start, (text + "\n\n" if text else "")
    elif where == "first-paragraph":
        start, end = paras[0]
        end = min(end, next(ln.end for ln in note.lines if ln.start <= start <= ln.end))
        insert_at, insert = start, (text + " " if text else "")
    else:  # last-paragraph / before-signoff
        start, end = paras[-1]
        start = max(start, next(ln.start for ln in note.lines if ln.start <= end <= ln.end))
        start, end = _trim(note, start, end)  # after the last word, not after a CRLF's CR
        insert_at, insert = end, (" " + text if text else "")
    start, end = _trim(note, start, end)
    suggestions = (Suggestion("insert", insert, note.span(insert_at, insert_at)),) if insert else ()
    found = replace(finding(note, rule, start, end, suggestions=suggestions), place=where if paras else "top")
    return RuleResult(rule.id, Status.FAIL, (found,), detail, absent=True)


def _first_content(note: Note) -> int:
    lines = note.content_lines
    return lines[0].start if lines else note.content_start


def _trim(note: Note, start: int, end: int) -> tuple[int, int]:
    while start < end and note.text[start].isspace():
        start += 1
    while end > start and note.text[end - 1].isspace():
        end -= 1
    return start, end


def passed(rule: Rule, detail: str = "") -> RuleResult:
    return RuleResult(rule.id, Status.PASS, (), detail)


def skipped(rule: Rule, why: str) -> RuleResult:
    return RuleResult(rule.id, Status.SKIP, (), why)


def from_findings(rule: Rule, findings: list[Finding], detail: str = "") -> RuleResult:
    return RuleResult(rule.id, Status.FAIL if findings else Status.PASS, tuple(findings), detail)


# greetings: the words that name no one (the greeting rule and consistency share them)
_GROUPS = ("team", "committee", "panel")  # a group the words before it describe: "Selection Panel"


def _common_run(run: str) -> bool:
    """The words before the group noun are common words that describe it ("Talent Acquisition", "Interview"),
    not a name ("Contoso Team": a leftover company's), nor a function word ("Ms. Alvarez And Team"), nor
    a person's form of address ("Ramesh Sir")."""
    words = run.split()[:-1]
    common = common_words()
    return all(w.lower() in common and w.lower() not in _FUNCTION_WORDS for w in words)


_FUNCTION_WORDS = frozenset({"and", "the", "of", "&", "to", "for", "our", "your", "my", "all", "dear", "hi", "hello"})


def blank_addressees(text: str, addressees: tuple[str, ...]) -> str:
    """`text` (a greeting) with the words that name no one blanked, offsets kept: the pack's
    addressees ("Hiring Manager", "panel"), and a run of capitalised words that a one-word group
    addressee ends, the group's own name ("Dear Selection Panel", "Dear Talent Acquisition Team":
    stop 41). "Dear Dana and team" keeps Dana: a lower-case word or a comma ends the run."""
    run = r"\b(?:[A-Z][\w'’&.-]*[ \t]+){1,4}(?i:%s)\b" % "|".join(_GROUPS)
    text = re.sub(run, lambda m: " " * len(m.group(0)) if _common_run(m.group(0)) else m.group(0), text)
    for a in sorted(addressees, key=len, reverse=True):
        text = re.sub(rf"(?i)\b{re.escape(a)}\b", lambda m: " " * len(m.group(0)), text)
    return text
