"""Each rule's own examples are tests: a good example passes that rule with no
finding, a bad example fails it with at least one finding."""

from __future__ import annotations

import pytest

from conftest import describe, result
from thanklint import packs

RULES = packs.load().rules
EXAMPLES = [
    pytest.param(rule.id, kind, i, ex, id=f"{rule.id}/{kind}-{i}")
    for rule in RULES
    for kind, examples in (("good", rule.spec.good), ("bad", rule.spec.bad))
    for i, ex in enumerate(examples, 1)
]


@pytest.fixture(scope="module")
def example_reports(linter, lint_many):
    """All examples linted up front, in nlp.pipe batches."""
    items = [(p.values[3].text, p.values[3].context) for p in EXAMPLES]
    return {p.id: rep for p, rep in zip(EXAMPLES, lint_many(items, "example"))}


@pytest.mark.parametrize("rule_id, kind, index, example", EXAMPLES)
def test_rule_example(request, example_reports, rule_id, kind, index, example):
    report = example_reports[request.node.callspec.id]
    res = result(report, rule_id)
    where = f"{rule_id} {kind} example {index}"
    if kind == "good":
        assert res.status.value == "pass" and not res.findings, (
            f"False positive against {where}:\n{example.text!r}\ncontext: {example.context}\n{describe(report, rule_id)}"
        )
    else:
        assert res.status.value == "fail" and res.findings, (
            f"False negative against {where}:\n{example.text!r}\ncontext: {example.context}\n{describe(report, rule_id)}"
        )


def test_examples_cover_every_rule():
    ids = {p.values[0] for p in EXAMPLES}
    assert ids == {r.id for r in RULES}
