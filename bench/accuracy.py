"""Per-rule precision, recall and F1 of thanklint's verdicts against labelled notes.

    python bench/accuracy.py                      # ../shared/bench/notes/real-dev.jsonl and tests/notes/labelled.jsonl
    python bench/accuracy.py --show-errors gratitude

A content rule (gratitude, interest, …) predicts "present" when it passes; a problem
rule (placeholder, tone, consistency) predicts "present" when it fails. A keyword
baseline (one regex per rule) is printed beside it for comparison.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from thanklint.api import Linter  # noqa: E402
from thanklint.context import from_mapping  # noqa: E402
from thanklint.model import Status  # noqa: E402

CONTENT = ["gratitude", "interest", "specific-detail", "qualifications", "closing", "greeting", "signoff"]
PROBLEMS = ["placeholder", "tone", "consistency"]
SETS = [ROOT.parent / "shared" / "bench" / "notes" / "real-dev.jsonl", ROOT / "tests" / "notes" / "labelled.jsonl"]

BASELINE = {
    "gratitude": r"thank|appreciat",
    "interest": r"excit|interest|enthusias|eager",
    "specific-detail": r"you mentioned|we discussed|learning about|hearing about",
    "qualifications": r"my (experience|skills|background)|fit",
    "closing": r"look(ing)? forward|next steps|hear from you",
    "greeting": r"^(dear|hi|hello)\b",
    "signoff": r"^(best|sincerely|regards|thanks)",
    "placeholder": r"\[[^\]]+\]|\{\{|XXX|Your Name",
    "tone": r"!!|\bgonna\b|salary|sorry",
    "consistency": r"(?!)",
}


def predict(report) -> dict[str, bool]:
    status = {r.rule: r.status for r in report.results}
    out = {rid: status.get(rid) is Status.PASS for rid in CONTENT}
    out.update({rid: status.get(rid) is Status.FAIL for rid in PROBLEMS})
    return out


def prf(pairs):
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if not g and p)
    fn = sum(1 for g, p in pairs if g and not p)
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, tp + fn


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path, default=SETS)
    ap.add_argument("--show-errors", metavar="RULE", help="print the notes a rule gets wrong")
    args = ap.parse_args()
    linter = Linter.create()
    for path in args.files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        reports = []
        for row in rows:  # notes differ in context, so each is checked with its own
            n = linter.parse(row["text"], path=row["id"])
            ctx = from_mapping(row.get("context") or {}, row["id"])
            reports.append(linter.check([n], ctx)[0])
        print(f"\n{path.name}: {len(rows)} notes")
        print(f"{'rule':17} {'n+':>3}  {'prec':>5} {'rec':>5} {'F1':>5}   baseline F1")
        for rid in CONTENT + PROBLEMS:
            labelled = [r for r in rows if rid in r["labels"]]
            if not labelled:
                continue
            if rid == "consistency":
                labelled = [r for r in labelled if r.get("context")]
            preds = {rep.path: predict(rep) for rep in reports}
            pairs = [(r["labels"][rid], preds[r["id"]][rid]) for r in labelled]
            p, r_, f, pos = prf(pairs)
            base = [(r["labels"][rid], bool(re.search(BASELINE[rid], r["text"], re.I | re.M))) for r in labelled]
            print(f"{rid:17} {pos:3d}  {p:5.2f} {r_:5.2f} {f:5.2f}   {prf(base)[2]:5.2f}")
            if args.show_errors == rid:
                for row in labelled:
                    got = preds[row["id"]][rid]
                    if got != row["labels"][rid]:
                        print(f"   {'FP' if got else 'FN'} {row['id']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
