"""Rule results + weights + costs → a score from 0 to 100 and a grade.

A rule whose element is absent (no thanks at all) loses its whole weight. Otherwise
each finding costs a share of its rule's weight (by severity, from the pack or the
rule), and a rule never loses more than its weight — so a messy paragraph cannot
sink a note below what its other rules earn. Skipped rules do not count either way.

Then the grade policy: a note with a problem an interviewer would notice (the pack's
`caps_grade`: a placeholder, a wrong name, a tone slip, …) gets at best the grade
the pack names for it, and its score comes down to that grade's top."""

from __future__ import annotations

from thanklint.model import Deduction, RuleResult, Score, Severity, Status
from thanklint.spec import PackSpec, Rule


def compute(results: list[RuleResult], rules: tuple[Rule, ...], pack: PackSpec) -> Score:
    """Deductions are in score points: they add up to 100 minus the score."""
    by_id = {r.id: r for r in rules}
    counted = [res for res in results if res.status is not Status.SKIP]
    total = sum(by_id[res.rule].spec.weight for res in counted)
    lost_by_rule = []
    for res in counted:
        spec = by_id[res.rule].spec
        if res.status is not Status.FAIL:
            continue
        costs = {**pack.costs, **spec.cost}
        raw = sum(costs.get(f.severity.value, 0.0) for f in res.findings) * spec.weight
        lost = spec.weight if res.absent else min(spec.weight, raw)
        if lost > 0:
            lost_by_rule.append((res, lost))
    scale = 100 / total if total else 0
    deductions = [Deduction(res.rule, lost * scale, _reason(res)) for res, lost in lost_by_rule]
    exact = 100 - sum(d.points for d in deductions)
    points = round(exact)
    grade = _grade(points, pack)
    cap = _cap(counted, pack)
    if cap and _rank(grade, pack) < _rank(cap[0], pack):
        best, rule, why = cap
        capped = int(dict(pack.grades)[_better(best, pack)]) - 1  # the top of the capped grade
        # measured from the exact score, so the deductions add up
        deductions.append(Deduction(rule, exact - capped, f"{why} keeps a note at best “{best}”"))
        points, grade = capped, best
    return Score(points, grade, tuple(deductions))


def _cap(results: list[RuleResult], pack: PackSpec) -> tuple[str, str, str] | None:
    """The worst grade cap (pack `caps_grade`) the note's problems call for, as
    (grade, rule, the problem in a few words); None when nothing caps it. An info
    finding is a hint, not a problem, so it never caps."""
    worst = None
    for res in results:
        if res.status is not Status.FAIL:
            continue
        problems = [f for f in res.findings if f.severity is not Severity.INFO]
        keys = []
        if res.absent or problems:
            keys.append((res.rule, f"no {res.rule}" if res.absent else f"a {res.rule} finding"))
        if res.absent:  # the element is not there at all ("greeting/absent"), not merely imperfect
            keys.append((f"{res.rule}/absent", f"no {res.rule}"))
        keys += [(f"{res.rule}/{f.tag}", f"{f.tag.replace('-', ' ')} ({res.rule})") for f in problems if f.tag]
        for key, what in keys:
            grade = pack.caps_grade.get(key)
            if grade is not None and (worst is None or _rank(grade, pack) > _rank(worst[0], pack)):
                worst = (grade, res.rule, what)
    return worst


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
