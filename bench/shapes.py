"""Measure thanklint's own grammar shapes (thanklint/grammar/shapes.py) one by one, as the pack
configures them (rules/thankyou/grammar.yaml, params.shapes):

    python bench/shapes.py                 # JFLEG dev + real-dev notes
    python bench/shapes.py --split test    # JFLEG test (report only: never tune on it)

For each shape: JFLEG sentences with a match among the erroneous ones (src != ref0) and among
their corrections (ref0, and any of the four); of the matches on erroneous sentences, how many
suggestions are right (the replacement, with the words either side, is in a correction; see
bench/grammar.py _fix_right); then matches on the real-dev notes. Every match on a correction or
a note is printed, so a misfire can be read. Data is read in place from ../shared/bench.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from grammar import DATA, _fix_right, _jfleg_lines  # bench/grammar.py, beside this file


def pack_shapes():
    from thanklint.packs import load_pack, rules_root

    _, rules = load_pack(rules_root() / "thankyou")
    return next(r for r in rules if r.id == "grammar").params.shapes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    args = ap.parse_args()

    from thanklint import nlp
    from thanklint.grammar import shapes

    cfg = pack_shapes()
    model = nlp.load()
    src, refs = _jfleg_lines(args.split)
    keep = [k for k in range(len(src)) if src[k].split() != refs[k][0].split()]
    print(f"JFLEG {args.split}: {len(keep)} erroneous sentences (src != ref0)")
    src_docs = list(model.pipe((src[k] for k in keep), batch_size=64))
    ref_docs = [list(model.pipe(refs[k], batch_size=8)) for k in keep]

    def by_rule(ms) -> dict:
        out = defaultdict(list)
        for m in ms:
            out[m.rule_id].append(m)
        return out

    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # src, right, ref0, any ref, fixes
    shown = []
    for k, sdoc, rdocs in zip(keep, src_docs, ref_docs):
        for rid, ms in by_rule(shapes.find(sdoc, cfg)).items():
            rows[rid][0] += 1
            for m in ms:
                rows[rid][4] += 1
                rows[rid][1] += _fix_right(src[k], m, m.replacements[0], refs[k])
        on_refs = [by_rule(shapes.find(d, cfg)) for d in rdocs]
        for rid in set().union(*on_refs):
            rows[rid][2] += rid in on_refs[0]
            rows[rid][3] += 1
            shown += [(rid, d.text) for d, r in zip(rdocs, on_refs) if rid in r]
    for rid, (s, right, r0, rany, fixes) in sorted(rows.items()):
        print(f"  {rid:<24} erroneous sentences flagged {s:3} ({100 * s / len(keep):.1f}%); "
              f"suggestions right {right}/{fixes}; corrections flagged: ref0 {r0}, any ref {rany}")
    for rid, text in shown:
        print(f"    on a correction: {rid}: {text}")

    notes = [json.loads(ln) for ln in (DATA / "notes" / "real-dev.jsonl").read_text("utf-8").splitlines() if ln.strip()]
    found = []
    for row, doc in zip(notes, model.pipe((r["text"] for r in notes), batch_size=16)):
        found += [(row["id"], m, doc.text[max(0, m.offset - 30) : m.end + 20]) for m in shapes.find(doc, cfg)]
    print(f"real-dev: {len(notes)} notes, {len(found)} shape matches ({len(found) / len(notes):.2f} a note)")
    for nid, m, around in found:
        print(f"    {nid:<34} {m.rule_id:<24} {around!r} -> {m.replacements}")


if __name__ == "__main__":
    main()
