"""The score and grade a user sees. Weights, costs and grade thresholds are read
from the rule files and pack.yaml, never copied here."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import STRONG_NOTE, describe, result
from thanklint import engine, packs, score
from thanklint.model import Finding, RuleResult, Severity, Span, Status

PACK_YAML = Path(__file__).resolve().parents[1] / "rules" / "thankyou" / "pack.yaml"
PACK = yaml.safe_load(PACK_YAML.read_text(encoding="utf-8"))
GRADES = sorted(PACK["grades"].items(), key=lambda g: -g[1])  # best first
READY, READY_MIN = GRADES[0]

CTX = {"company": "Northwind", "interviewer": ["Dana Alvarez"], "role": "Data Analyst", "sender": "Sam Okafor"}
STRONG = STRONG_NOTE
NO_THANKS = STRONG.replace(
    "Thank you for taking the time to meet with me on Tuesday about the data analyst role. I especially enjoyed "
    "hearing how your team",
    "On Tuesday you described how your team",
)
WITH_SLOT = STRONG.replace("on Tuesday", "on [day of interview]")
MESSY = (
    "Hi Dana,\n\nThanks so much!!! The tour was awesome and I really need this job. What is the salary range?\n\n"
    "Sam"
)


def _weights(report) -> dict[str, float]:
    return {r.id: r.weight for r in report.rules}


def _counted_total(report) -> float:
    w = _weights(report)
    return sum(w[r.rule] for r in report.results if r.status is not Status.SKIP)


def test_a_strong_note_is_ready_to_send(lint_text):
    report = lint_text(STRONG, CTX)
    failed = [r.rule for r in report.results if r.status is Status.FAIL]
    assert not failed, f"the strong note fails {failed}:\n{describe(report)}"
    assert report.score.points >= READY_MIN and report.score.points >= 85
    assert report.score.grade == READY


def test_missing_gratitude_loses_its_weight_share_and_the_top_grade(lint_text):
    report = lint_text(NO_THANKS, CTX)
    failed = [r.rule for r in report.results if r.status is Status.FAIL]
    assert failed == ["gratitude"], f"expected only gratitude to fail:\n{describe(report)}"
    share = 100 * _weights(report)["gratitude"] / _counted_total(report)
    weight_share, cap = [d for d in report.score.deductions if d.rule == "gratitude"]
    assert weight_share.points == pytest.approx(share)
    assert round(100 - share) >= READY_MIN  # the weight alone would leave it "Ready to send" …
    # … but a note with no thanks is at best the next grade (pack caps_grade), at its top
    assert PACK["caps_grade"]["gratitude"] == report.score.grade != READY
    assert report.score.points == READY_MIN - 1 and report.score.grade in cap.reason


def test_a_placeholder_is_never_ready_to_send(lint_text):
    report = lint_text(WITH_SLOT, CTX)
    failed = [r.rule for r in report.results if r.status is Status.FAIL]
    assert failed == ["placeholder"], f"expected only the placeholder to fail:\n{describe(report)}"
    # the placeholder's own weight share alone would leave the note above the threshold …
    assert 100 - 100 * _weights(report)["placeholder"] / _counted_total(report) >= READY_MIN
    # … but a note with an unfilled slot is never ready to send
    assert report.score.grade != READY
    assert report.score.points < READY_MIN


@pytest.mark.parametrize("name, text", [("strong", STRONG), ("no-thanks", NO_THANKS), ("slot", WITH_SLOT),
                                        ("messy", MESSY)])  # fmt: skip
def test_deductions_add_up_to_the_points_lost(lint_text, name, text):
    report = lint_text(text, CTX)
    lost = sum(d.points for d in report.score.deductions)
    # the score is a whole number; the deductions may carry the fraction it was rounded from
    assert abs(lost - (100 - report.score.points)) <= 0.5, (
        f"{name}: deductions {[(d.rule, round(d.points, 2)) for d in report.score.deductions]} add up to "
        f"{lost:.2f}, but the score is {report.score.points} (so {100 - report.score.points} points lost)"
    )
    per_rule = {r.rule: report.lost(r.rule) for r in report.results}
    assert all(per_rule[r.rule] == 0 for r in report.results if r.status is Status.PASS)


def test_a_rule_never_loses_more_than_its_weight(lint_text):
    report = lint_text(MESSY, CTX)
    tone = result(report, "tone")
    assert len(tone.findings) == 3, describe(report, "tone")  # one per sentence: "!!!", slang + need, salary
    share = 100 * _weights(report)["tone"] / _counted_total(report)
    assert report.lost("tone") == pytest.approx(share)


def test_an_error_finding_costs_more_than_a_warning(lint_text):
    base = "Hi Dana,\n\nThank you for the tour. {}\n\nBest,\nSam"
    warning = lint_text(base.format("It was awesome."), CTX)  # slang: a warning
    error = lint_text(base.format("I really need this job."), CTX)  # desperation: an error
    assert [f.severity for f in result(warning, "tone").findings] == [Severity.WARNING]
    assert [f.severity for f in result(error, "tone").findings] == [Severity.ERROR]
    assert error.lost("tone") > warning.lost("tone") > 0
    ratio = PACK["costs"]["warning"] / PACK["costs"]["error"]
    assert warning.lost("tone") == pytest.approx(error.lost("tone") * ratio)


# -- grades at the thresholds ---------------------------------------------------------


def _two_rule_score(fail_weight: float, pass_weight: float):
    """Only interest (absent, loses all its weight) and tone (passes) are enabled, so
    the score is exactly 100 * pass_weight / (fail_weight + pass_weight). Interest is
    a content rule whose absence caps no grade (pack caps_grade), so the thresholds
    alone decide the grade."""
    ruleset = packs.load()
    assert "interest" not in ruleset.pack.caps_grade
    overrides = {r.id: {"enabled": False} for r in ruleset.rules if r.id not in ("interest", "tone")}
    overrides["interest"] = {"weight": fail_weight}
    overrides["tone"] = {"weight": pass_weight}
    rules = engine.configure(ruleset, overrides)
    span = Span(1, 1, 1, 2, 0, 1)
    results = [
        RuleResult("interest", Status.FAIL, (Finding("interest", Severity.WARNING, "no interest", span),), absent=True),
        RuleResult("tone", Status.PASS),
    ]
    return score.compute(results, rules, ruleset.pack)


@pytest.mark.parametrize("grade, minimum", GRADES, ids=[g for g, _ in GRADES])
def test_grade_at_its_threshold(grade, minimum):
    minimum = int(minimum)
    at = _two_rule_score(100 - minimum, minimum)
    assert (at.points, at.grade) == (minimum, grade)
    if minimum > 0:
        below = _two_rule_score(100 - minimum + 1, minimum - 1)
        names = [g for g, _ in GRADES]
        assert below.points == minimum - 1
        assert below.grade == names[names.index(grade) + 1], f"{minimum - 1} points should be below “{grade}”"
