"""Measure thanklint's own grammar shapes (thanklint/grammar/shapes.py) one by one, as the pack
configures them (rules/thankyou/grammar.yaml, params.shapes):

    python bench/shapes.py                 # JFLEG dev + real-dev notes
    python bench/shapes.py --split test    # JFLEG test (report only: never tune on it)

For each shape: JFLEG sentences with a match among the erroneous ones (src != ref0) and among
their corrections (ref0, and any of the four); of the matches on erroneous sentences, how many
suggestions are right (the replacement, with the words either side, is in a correction; see
bench/grammar.py _fix_right); then matches on the real-dev notes. Every match on a correction or
a note is printed, so a misfire can be read. Data is read in place from ../shared/bench.

Each shape is also measured on errors made from correct text (JFLEG dev's corrections and the
corpus notes of the content model's training sites, learners' notes left out): every "I <present
verb>" made "I <3rd person -s>" ("I manage" -> "I manages"), every "look forward to <-ing>" made
"look forward to <base>" ("hearing" -> "hear"), a modal's base verb made 3rd person ("will help"
-> "will helps"), a noun subject's verb right after it made the other number ("the analysts are"
-> "is", "the report makes" -> "make"), "a <noun>" made "a <noun>s".
Found: the shape fires on the made error; right: its suggestion is the word the writer wrote;
the untouched sentences' matches are false flags, each printed.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from grammar import DATA, REPO, _fix_right, _jfleg_lines, pack_shapes  # bench/grammar.py, beside this file

from thanklint import wordforms

THIRD = {"have": "has", "do": "does", "be": "is", "go": "goes"}
BASE = {"is": "are", "has": "have", "does": "do"}  # a singular subject's verb made plural
PHRASAL = set(pack_shapes().phrasal_verb.nouns)


def _third(base: str) -> str:
    """English's 3rd person singular of a regular verb (the error the shape should catch)."""
    if base in THIRD:
        return THIRD[base]
    if base.endswith(("s", "x", "z", "ch", "sh")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies"
    return base + "s"


def made_errors(doc):
    """(rule, error text, offset of the changed word, the word written) for each shape's slot."""
    out = []
    for t in doc:
        if t.lower_ == "i" and t.text == "I" and t.i + 1 < len(doc):
            v = doc[t.i + 1]
            if v.tag_ == "VBP" and v.head.i in (v.i, t.head.i) and v.lower_.isalpha() and v.lower_ != "am":
                out.append(("thanklint:i-verb", _third(v.lemma_.lower()), v))
        if t.tag_ == "VBG" and t.i >= 3 and t.nbor(-1).lower_ == "to" and t.nbor(-2).lower_ == "forward" \
                and t.nbor(-3).lemma_.lower() == "look":
            out.append(("thanklint:look-forward", t.lemma_.lower(), t))
        if t.i == 0 or not t.lower_.isalpha():
            continue
        prev = t.nbor(-1)
        if t.tag_ == "VB" and prev.tag_ == "MD" and prev.head.i == t.i and t.dep_ not in ("aux", "auxpass"):
            out.append(("thanklint:modal-verb", _third(t.lower_), t))  # "will help" -> "will helps"
        if prev.dep_ == "nsubj" and prev.head.i == (t.head.i if t.dep_ == "aux" else t.i):
            if prev.tag_ == "NNS" and t.tag_ == "VBP":  # "the analysts are" -> "the analysts is"
                out.append(("thanklint:subject-verb", "is" if t.lower_ == "are" else _third(t.lower_), t))
            elif prev.tag_ == "NN" and t.tag_ == "VBZ":  # "the report makes" -> "the report make"
                out.append(("thanklint:subject-verb", BASE.get(t.lower_) or t.lemma_.lower(), t))
        subj = [c for c in (t.head if t.dep_ == "aux" else t).children if c.dep_ == "nsubj" and c.i < t.i]
        if t.tag_ == "VBP" or t.lower_ == "were":  # "he and I are" -> "he and I is", "my manager and I were" -> "was"
            if subj and [c.lower_ for c in subj[0].children if c.dep_ == "cc"] == ["and"] and any(
                    x.tag_ == "PRP" and x.lower_ != "it" for x in (subj[0], *[c for c in subj[0].children if c.dep_ == "conj"])):
                out.append(("thanklint:pronoun-verb", "was" if t.lower_ == "were" else "is" if t.lower_ == "are" else _third(t.lower_), t))
        if prev.dep_ == "nsubj" and prev.tag_ == "PRP" and prev.head.i == (t.head.i if t.dep_ == "aux" else t.i):
            pron = prev.lower_  # "he is" -> "he are", "it was" -> "it were", "they are" -> "they is"
            if pron in ("he", "she", "it") and t.tag_ == "VBZ":
                out.append(("thanklint:pronoun-verb", BASE.get(t.lower_) or t.lemma_.lower(), t))
            elif pron in ("he", "she", "it", "i") and t.lower_ == "was":
                out.append(("thanklint:pronoun-verb", "were", t))
            elif pron in ("we", "they", "you") and t.tag_ == "VBP":
                out.append(("thanklint:pronoun-verb", "is" if t.lower_ == "are" else _third(t.lower_), t))
            elif pron in ("we", "they", "you") and t.lower_ == "were":
                out.append(("thanklint:pronoun-verb", "was", t))
        if t.tag_ == "RP" and prev.tag_ in ("VB", "VBP") and t.i >= 2 and t.nbor(-2).tag_ in ("MD", "TO") \
                and f"{prev.lower_}-{t.lower_}" in PHRASAL:  # "will follow up" -> "will follow-up"
            out.append(("thanklint:phrasal-verb", f"{prev.text}-{t.text}", prev))
        if t.tag_ == "NN" and prev.lower_ in ("a", "an") and prev.head.i == t.i and t.lower_ in wordforms.lemmas(t.lower_ + "s"):
            out.append(("thanklint:a-plural", t.lower_ + "s", t))  # "a report" -> "a reports"
    return [(rid, doc.text[: v.idx] + w + doc.text[v.idx + len(v.text):], v.idx, v.text) if rid != "thanklint:phrasal-verb"
            else (rid, doc.text[: v.idx] + w + doc.text[v.nbor().idx + len(v.nbor().text):], v.idx, f"{v.text} {v.nbor().text}")
            for rid, w, v in out]


def synthetic(model, shapes, cfg, texts: list[str]) -> None:
    docs = list(model.pipe(texts, batch_size=32))
    false = [(d.text, m) for d in docs for m in shapes.find(d, cfg)]
    cases = [c for d in docs for c in made_errors(d)]
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # made, found, right
    missed = []
    for (rid, text, at, word), d in zip(cases, model.pipe((c[1] for c in cases), batch_size=32)):
        row = found[rid]
        row[0] += 1
        hit = [m for m in shapes.find(d, cfg) if m.rule_id == rid and m.offset == at]
        row[1] += bool(hit)
        row[2] += bool(hit) and hit[0].replacements[0] == word
        if not hit or hit[0].replacements[0] != word:
            missed.append((rid, word, hit[0].replacements if hit else None, text[max(0, at - 40): at + 30]))
    print(f"made errors in {len(texts)} correct texts:")
    for rid, (n, f, r) in sorted(found.items()):
        print(f"  {rid:<24} made {n:4}, found {f} ({100 * f / n:.1f}%), suggestion the written word {r}/{f}")
    for rid, word, got, around in missed:
        print(f"    missed or wrong: {rid}: wrote {word!r}, got {got}: {around!r}")
    # a false flag unless the text has the slip itself (a corpus note may: nursingtroop-1)
    print(f"  matches on the untouched texts: {len(false)}")
    for text, m in false:
        print(f"    untouched: {m.rule_id}: {text[max(0, m.offset - 40): m.end + 20]!r} -> {m.replacements}")


def training_notes() -> list[str]:
    meta = json.loads((REPO / "thanklint" / "models" / "content" / "meta.json").read_text("utf-8"))
    held_out = set(meta["thanklint"]["test_sites"])
    rows = [json.loads(ln) for ln in (REPO / "rules" / "thankyou" / "data" / "notes.jsonl").read_text("utf-8").splitlines()
            if ln.strip()]
    return [r["text"] for r in rows if r["site"] not in held_out and r["source"] != "written:thanklint/nonnative"]


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

    if args.split == "dev":
        synthetic(model, shapes, cfg, [r for k in keep for r in refs[k]] + training_notes())

    notes = [json.loads(ln) for ln in (DATA / "notes" / "real-dev.jsonl").read_text("utf-8").splitlines() if ln.strip()]
    found = []
    for row, doc in zip(notes, model.pipe((r["text"] for r in notes), batch_size=16)):
        found += [(row["id"], m, doc.text[max(0, m.offset - 30) : m.end + 20]) for m in shapes.find(doc, cfg)]
    print(f"real-dev: {len(notes)} notes, {len(found)} shape matches ({len(found) / len(notes):.2f} a note)")
    for nid, m, around in found:
        print(f"    {nid:<34} {m.rule_id:<24} {around!r} -> {m.replacements}")


if __name__ == "__main__":
    main()
