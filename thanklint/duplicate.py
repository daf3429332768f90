"""`duplicate`: within one run, two notes to the same company that are nearly the
same text (a panel of five receiving one note five times). A cross-note check, so
it runs after every note has its report rather than as a per-note rule; it adds a
warning to each of the two notes, pointing at the other.

Compared: the letter's words (lower-cased, front matter and headers left out),
with difflib's ratio; notes without a known company, and templates, are not
compared (every template of a folder renders with the same sample company)."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from thanklint.model import Finding, RuleResult, Severity, Status
from thanklint.report import RuleInfo

RULE = RuleInfo("duplicate", "Not the same note twice", 0.0,
                "Interviewers compare notes; the same text sent to two people at one company reads as a form "
                "letter and undoes the personal touch the note was for.")  # fmt: skip


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9’']+", text.lower())


def find(entries, threshold: float) -> dict[int, list[tuple[int, float]]]:
    """entries: (index, company, letter text). → index -> [(other index, similarity)]."""
    out: dict[int, list[tuple[int, float]]] = {}
    by_company: dict[str, list] = {}
    for i, company, text in entries:
        if company:
            by_company.setdefault(company.strip().lower(), []).append((i, _words(text)))
    for members in by_company.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                (i, wi), (j, wj) = members[a], members[b]
                sm = difflib.SequenceMatcher(None, wi, wj, autojunk=False)
                if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                    continue
                ratio = sm.ratio()
                if ratio >= threshold:
                    out.setdefault(i, []).append((j, ratio))
                    out.setdefault(j, []).append((i, ratio))
    return out


def add(report, others: list[tuple[str, float]], span, company: str):
    """Add the duplicate warning (at the start of the letter) to `report`."""
    names = "; ".join(f"{p} ({r:.0%} the same)" for p, r in others)
    msg = (f"This note is nearly the same text as another note to {company}: {names}. "
           "Make each one personal — mention something that person said or asked.")
    f = Finding("duplicate", Severity.WARNING, msg, span)
    results = tuple(r for r in report.results if r.rule != "duplicate") + (RuleResult("duplicate", Status.FAIL, (f,)),)
    rules = report.rules if any(r.id == "duplicate" for r in report.rules) else report.rules + (RULE,)
    return replace(report, results=results, rules=rules)
