"""Per-rule precision and recall on tests/notes/labelled.jsonl (61 notes written
for the project and labelled by hand from their text alone).

A content rule predicts "present" when its status is pass; a problem rule
predicts "present" when its status is fail. `consistency` is judged only on notes
that carry a context (without one it is always labelled false)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import result

NOTES_FILE = Path(__file__).parent / "notes" / "labelled.jsonl"
CONTENT = ("gratitude", "interest", "specific-detail", "qualifications", "closing", "greeting", "signoff")
PROBLEM = ("placeholder", "tone", "consistency")
MIN_PRECISION = 0.9
MIN_RECALL = 0.85


def _notes():
    with NOTES_FILE.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


NOTES = _notes()


def test_the_labelled_set_is_whole():
    assert len(NOTES) == 61
    ids = [n["id"] for n in NOTES]
    assert len(set(ids)) == len(ids), "note ids must be unique"
    for n in NOTES:
        missing = [k for k in CONTENT + PROBLEM if k not in n["labels"]]
        assert not missing, f"{n['id']}: labels missing {missing}"


@pytest.fixture(scope="module")
def labelled_reports(linter, lint_many):
    reports = lint_many([(n["text"], n.get("context")) for n in NOTES], "labelled")
    return {n["id"]: rep for n, rep in zip(NOTES, reports)}


@pytest.mark.parametrize("rule_id", CONTENT + PROBLEM)
def test_precision_and_recall(labelled_reports, rule_id):
    tp = fp = fn = 0
    false_pos, false_neg = [], []
    for n in NOTES:
        if rule_id == "consistency" and not n.get("context"):
            continue
        status = result(labelled_reports[n["id"]], rule_id).status.value
        predicted = status == "pass" if rule_id in CONTENT else status == "fail"
        actual = n["labels"][rule_id]
        if predicted and actual:
            tp += 1
        elif predicted:
            fp += 1
            false_pos.append(n["id"])
        elif actual:
            fn += 1
            false_neg.append(n["id"])
    assert tp, f"{rule_id}: no true positive at all — the labelled set or the rule is broken"
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    what = "present" if rule_id in CONTENT else "a problem"
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (
        f"{rule_id}: precision {precision:.2f} (min {MIN_PRECISION}), recall {recall:.2f} (min {MIN_RECALL})\n"
        f"  judged {what} but labelled not (false positives): {false_pos}\n"
        f"  labelled {what} but missed (false negatives): {false_neg}"
    )
