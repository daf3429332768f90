"""Named hard cases per rule, beyond the rule files' own examples (sqlfluff's
per-rule YAML): tests/cases/<rule>.yaml. `pytest -k gratitude` selects one rule.

A case:

    - name: short-kebab-name
      text: "Hi Dana,\\n\\n…"
      context: {company: …, interviewer: [...], role: …, sender: …, topics: [...]}   # optional
      expect:
        status: pass | fail
        findings:            # optional; each must match one finding of the rule
          - line: 3          # any of: line, column, end_line, end_column (1-based, code points)
            text: "[Name]"   # the text the finding underlines
            message: "…"     # a part of the message
            severity: error
            replacement: "…" # a replace suggestion with exactly this text
            insert: "…"      # an insert suggestion containing this text
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import describe, excerpt, result

CASES_DIR = Path(__file__).parent / "cases"
SPAN_KEYS = ("line", "column", "end_line", "end_column")
KNOWN_KEYS = {*SPAN_KEYS, "text", "message", "severity", "replacement", "insert"}


def _load():
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rule = data["rule"]
        assert rule == path.stem, f"{path.name}: 'rule: {rule}' must equal the file stem"
        for case in data["cases"]:
            out.append(pytest.param(rule, case, id=f"{rule}/{case['name']}"))
    return out


CASES = _load()


@pytest.fixture(scope="module")
def case_reports(lint_many):
    items = [(p.values[1]["text"], p.values[1].get("context")) for p in CASES]
    return {p.id: rep for p, rep in zip(CASES, lint_many(items, "case"))}


def _matches(report, f, want: dict) -> bool:
    s = f.span
    for key in SPAN_KEYS:
        if key in want and getattr(s, key) != want[key]:
            return False
    if "text" in want and excerpt(report, f) != want["text"]:
        return False
    if "message" in want and want["message"] not in f.message:
        return False
    if "severity" in want and f.severity.value != want["severity"]:
        return False
    if "replacement" in want and not any(g.kind == "replace" and g.text == want["replacement"] for g in f.suggestions):
        return False
    if "insert" in want and not any(g.kind == "insert" and want["insert"] in g.text for g in f.suggestions):
        return False
    return True


def _suggestions(f) -> str:
    return "; ".join(f"{g.kind} {g.text!r}" for g in f.suggestions) or "none"


@pytest.mark.parametrize("rule_id, case", CASES)
def test_rule_case(request, case_reports, rule_id, case):
    report = case_reports[request.node.callspec.id]
    res = result(report, rule_id)
    expect = case["expect"]
    where = f"{rule_id} case '{case['name']}'"
    text = f"{case['text']!r}" + (f"\ncontext: {case['context']}" if case.get("context") else "")
    status = expect["status"]
    if status == "pass":
        assert res.status.value == "pass" and not res.findings, (
            f"False positive against {where}:\n{text}\n{describe(report, rule_id)}"
        )
    else:
        assert res.status.value == "fail" and res.findings, (
            f"False negative against {where}:\n{text}\n{describe(report, rule_id)}"
        )
    for want in expect.get("findings", []):
        unknown = set(want) - KNOWN_KEYS
        assert not unknown, f"{where}: unknown keys in the case file: {sorted(unknown)}"
        got = "\n".join(
            f"    {f.span.line}:{f.span.column}-{f.span.end_line}:{f.span.end_column} {excerpt(report, f)!r} "
            f"[{f.severity.value}] {f.message} (suggestions: {_suggestions(f)})"
            for f in res.findings
        )
        assert any(_matches(report, f, want) for f in res.findings), (
            f"{where}: no finding matches {want}\n{text}\n  the rule's findings:\n{got or '    none'}"
        )


def test_every_rule_has_cases():
    from thanklint import packs

    have = {p.values[0] for p in CASES}
    missing = sorted({r.id for r in packs.load().rules} - have)
    assert not missing, f"rules without tests/cases/<rule>.yaml: {missing}"
