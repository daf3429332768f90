"""Report: what one note earned — score, rule statuses, findings, engines used."""

from __future__ import annotations

from dataclasses import dataclass, field

from thanklint.model import Finding, RuleResult, Score


@dataclass(frozen=True)
class RuleInfo:
    id: str
    name: str
    weight: float
    why: str


@dataclass(frozen=True)
class Report:
    path: str
    text: str  # the note as analysed (line endings normalised), for showing findings in context
    score: Score
    results: tuple[RuleResult, ...]
    rules: tuple[RuleInfo, ...]
    engines: dict = field(default_factory=dict)
    notices: tuple[str, ...] = ()  # problems with the note's control lines

    @property
    def findings(self) -> tuple[Finding, ...]:
        found = [f for r in self.results for f in r.findings]
        return tuple(sorted(found, key=lambda f: (f.span.offset, f.rule)))

    def lost(self, rule_id: str) -> float:
        return sum(d.points for d in self.score.deductions if d.rule == rule_id)

    def rule(self, rule_id: str) -> RuleInfo:
        return next(r for r in self.rules if r.id == rule_id)
