"""`placeholder`: no unfilled template slot is left. The slot syntaxes are the
pack's (`layout.placeholders`), found once when the note is parsed; this kind
reports them and, when the context knows the value, offers it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from thanklint.kinds import kind
from thanklint.kinds._common import finding, from_findings
from thanklint.model import Suggestion
from thanklint.nlp import analysed_end


@dataclass(frozen=True)
class PlaceholderParams:
    # slot words that name a context key: a slot "[Company Name]" can be filled with
    # the context's company
    fills: dict


def _fill(slot: str, ctx, fills: dict) -> str | None:
    words = set(re.findall(r"[a-z]+", slot.lower()))
    values = {
        "company": ctx.company,
        "interviewer": ctx.interviewer[0] if ctx.interviewer else None,
        "role": ctx.role,
        "sender": ctx.sender,
    }
    for key, names in fills.items():
        if values.get(key) and words & set(names):
            return values[key]
    return None


@kind("placeholder", params=PlaceholderParams, uses_nlp=False)
def check_placeholder(analysis, ctx, rule):
    note = analysis.note
    findings = []
    judged = analysed_end(note.analysis_text, note.content_start)  # the rules judge no further (nlp.py)
    for ph in note.placeholders:
        if ph.start >= judged:
            break
        value = _fill(ph.text, ctx, rule.params.fills)
        sugg = (Suggestion("replace", value, note.span(ph.start, ph.end)),) if value else ()
        msg = rule.spec.message.replace("{slot}", ph.text)
        findings.append(finding(note, rule, ph.start, ph.end, msg, sugg))
    return from_findings(rule, findings)
