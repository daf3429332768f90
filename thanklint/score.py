"""Rule results + weights + costs → a score from 0 to 100 and a grade.

A rule whose element is absent (no thanks at all) loses its whole weight. Otherwise
each finding costs a share of its rule's weight (by severity, from the pack or the
rule), and a rule never loses more than its weight — so a messy paragraph cannot
sink a note below what its other rules earn. Skipped rules do not count either way."""

from __future__ import annotations

from thanklint.model import Deduction, RuleResult, Score, Status
from thanklint.spec import PackSpec, Rule


def compute(results: list[RuleResult], rules: tuple[Rule, ...], pack: PackSpec) -> Score:
    by_id = {r.id: r for r in rules}
    total = lost_total = 0.0
    deductions = []
    for res in results:
        rule = by_id[res.rule]
        if res.status is Status.SKIP:
            continue
        total += rule.spec.weight
        if res.status is not Status.FAIL:
            continue
        costs = {**pack.costs, **rule.spec.cost}
        raw = sum(costs.get(f.severity.value, 0.0) for f in res.findings) * rule.spec.weight
        lost = rule.spec.weight if res.absent else min(rule.spec.weight, raw)
        if lost > 0:
            lost_total += lost
            deductions.append(Deduction(res.rule, lost, _reason(res)))
    points = 100 if total == 0 else round(100 * (total - lost_total) / total)
    grade = _grade(points, pack)
    for res in results:
        cap = pack.blocking.get(res.rule)
        if cap and res.status is Status.FAIL:
            if _rank(grade, pack) < _rank(cap, pack):
                grade = cap
                points = min(points, int(dict(pack.grades)[_better(cap, pack)]) - 1)
    return Score(points, grade, tuple(deductions))


def _reason(res: RuleResult) -> str:
    n = len(res.findings)
    if n == 1:
        return res.findings[0].message
    kinds = {}
    for f in res.findings:
        kinds[f.severity.value] = kinds.get(f.severity.value, 0) + 1
    return ", ".join(f"{c} {s}{'s' if c > 1 else ''}" for s, c in kinds.items())


def _grade(points: float, pack: PackSpec) -> str:
    for grade, minimum in pack.grades:
        if points >= minimum:
            return grade
    return pack.grades[-1][0]


def _rank(grade: str, pack: PackSpec) -> int:
    return [g for g, _ in pack.grades].index(grade)


def _better(grade: str, pack: PackSpec) -> str:
    names = [g for g, _ in pack.grades]
    return names[max(0, names.index(grade) - 1)]
