"""Benchmark the grammar engines on JFLEG, Norvig's spelling sets, and speed.

    python bench/grammar.py                                  # Harper + LanguageTool (if found)
    python bench/grammar.py --engines harper
    python bench/grammar.py --languagetool-url http://127.0.0.1:8081
    python bench/grammar.py --languagetool-home ~/.local/share/thanklint/languagetool
    python bench/grammar.py --only jfleg --limit 200
    python bench/grammar.py --only jfleg --split dev     # tuning: JFLEG dev only, test stays unseen
    python bench/grammar.py --calibrate --split dev ...  # the curve on dev (cross-validated), nothing written
    python bench/grammar.py --engines harper,languagetool,thanklint-harper,thanklint-languagetool \
        --languagetool-home /tmp/lt-install --only jfleg,spelling,noise,speed,throughput

Data is read from ../shared/bench relative to the repo root (never copied into the repo).

(a) JFLEG (dev, test), detokenised: recall = share of erroneous sentences (src != ref0) with
    at least one finding; false flags = share of their ref0 corrections with a finding, and in
    brackets the share whose finding is on words the other three corrections all keep (ref0 keeps
    some slips another correction fixes; a flag there need not be a false alarm). Also the
    same for findings of kind "grammar" only.
(b) Norvig: each misspelling in "I wrote the word X in my note.": share flagged as spelling on X,
    and share with the right word among the suggestions.
(c) Speed: LanguageTool start-up, one warm note; Harper construction and per note.
(d) Noise (``--only noise``): grammar and spelling findings per note on the published notes
    labelled ``errors: false`` and ``placeholder: false``, each finding printed.
(d2) Clean (``--only clean``, thanklint-* engines): grammar and spelling findings per note on
    the project's own clean notes, three rows: "tuned-on" (tests/notes/labelled.jsonl labelled
    ``errors: false``, checked with their context, and the corpus's good notes from the content
    model's training sites), "held-out" (the corpus's good notes from its held-out sites),
    "fresh-1" to "fresh-69" (bench/data/clean-notes*.jsonl: fresh-69 never tuned on). The finding
    lines of the sets never tuned on (held-out, the newest fresh and natural sets) are not printed,
    only their counts, unless ``--show-untuned``.
(e) Throughput (``--only throughput``, needs LanguageTool): 200 notes through one server —
    thanklint's whole run (grammar engine languagetool) against LanguageTool's own /v2/check
    (sequential urllib POSTs of the same texts, same disabled rules), with thanklint's run with
    the grammar engine off and thanklint's LanguageToolEngine alone to show where time goes.

Engines: ``harper`` and ``languagetool`` are the raw engines (the engine rules the default pack
disables are off unless ``--raw``; no name filter); ``thanklint-harper`` and ``thanklint-languagetool``
are thanklint's default pipeline after filtering: one ``Linter`` per engine (default rules,
``Grammar(engine=...)``, LanguageTool on the same server as the raw engine), texts checked in
batches with ``Linter.check``, and the ``grammar`` and ``spelling`` rules' findings returned as
matches (kind = rule id, replacements = the suggestions thanklint shows, at most 3).

Hook for the lead: ``run_suite(name, check, ...)`` takes any ``check(text) -> list[match]`` where
a match has ``offset``, ``length``, ``kind`` and ``replacements`` (thanklint.grammar.EngineMatch),
e.g. thanklint's default pipeline after filtering; ``EXTRA_CHECKS`` lets a caller register more.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Protocol, Sequence

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "bench"
sys.path.insert(0, str(REPO))


class MatchLike(Protocol):
    offset: int
    length: int
    kind: str
    replacements: tuple[str, ...]


Check = Callable[[str], Sequence[MatchLike]]

FRESH_SETS = 69  # bench/data/clean-notes.jsonl, -2 … -69; -69 is never tuned on (bench/data/README.md)
FRESH_UNTUNED = 69
FRESH = [REPO / "bench" / "data" / f"clean-notes{'' if k == 1 else f'-{k}'}.jsonl" for k in range(1, FRESH_SETS + 1)]
# clean notes in everyday jobs and plain words, as most candidates write them (the fresh sets are
# written dense with a field's words): never tuned on (bench/data/README.md)
NATURAL = [REPO / "bench" / "data" / f"natural-notes-{k}.jsonl" for k in range(1, 27)]  # 26 never tuned on; 1 and 2 read at stop 34, 3 and 4 at stop 49, 5 at stop 50, 6 and 7 at stop 51, 8 at stop 52, 9 at stop 53, 10 at stop 54, 11 at stop 55, 12 at stop 56, 13 at stop 57, 14 at stop 58, 15 at stop 59, 16 at stop 60, 17 at stop 61, 18 at stop 62, 19 at stop 63, 20 at stop 64, 21 at stop 65, 22 at stop 66, 23 at stop 67, 24 at stop 68, 25 at stop 69
SPLITS = ("dev", "test")  # JFLEG; --split dev tunes without printing the held-out test figures

# name -> factory returning (check, close); the lead can add "thanklint default after filtering"
EXTRA_CHECKS: dict[str, Callable[[], tuple[Check, Callable[[], None]]]] = {}


# ----------------------------------------------------------------------------- detokenise

_CONTRACTIONS = re.compile(r"(\w) (n't|'s|'re|'ve|'ll|'d|'m|'S|'RE|'VE|'LL|'D|'M|N'T)\b")


def detokenise(s: str) -> str:
    """Undo JFLEG/PTB-style tokenisation: 'do n't' -> "don't", 'word .' -> 'word.'."""
    s = s.strip().replace("``", '"').replace("''", '"')
    s = s.replace("-LRB-", "(").replace("-RRB-", ")")
    s = _CONTRACTIONS.sub(r"\1\2", s)
    s = re.sub(r" ([.,!?;:%)\]}])", r"\1", s)
    s = re.sub(r"([(\[{$]) ", r"\1", s)
    if '"' in s and s.count(' " ') + s.startswith('" ') + s.endswith(' "') == s.count('"'):
        toks, out, opening = s.split(" "), [], True
        for tok in toks:
            if tok == '"':
                out.append("\x00" if opening else "\x01")
                opening = not opening
            else:
                out.append(tok)
        s = " ".join(out).replace("\x00 ", '"').replace(" \x01", '"')
        s = s.replace("\x00", '"').replace("\x01", '"')
    return re.sub(r"\s+", " ", s).strip()


# ----------------------------------------------------------------------------- helpers


def _map(check: Check, texts: list[str], workers: int) -> list[Sequence[MatchLike]]:
    many = getattr(check, "many", None)
    if many is not None:  # a batch check (thanklint's pipeline: one nlp.pipe per batch)
        return many(texts)
    if workers <= 1:
        return [check(t) for t in texts]
    with ThreadPoolExecutor(workers) as ex:
        return list(ex.map(check, texts))


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "  n/a"


def jfleg(check: Check, split: str, *, limit: int | None, workers: int) -> dict[str, float]:
    src, refs_all = _jfleg_lines(split)
    pairs = [(s, rs) for s, rs in zip(src, refs_all) if s.split() != rs[0].split()]
    if limit:
        pairs = pairs[:limit]
    srcs = [s for s, _ in pairs]
    refs = [rs[0] for _, rs in pairs]
    ms_src = _map(check, srcs, workers)
    ms_ref = _map(check, refs, workers)
    n = len(pairs)

    def share(ms: list[Sequence[MatchLike]], grammar_only: bool = False) -> float:
        k = sum(1 for m in ms if any((x.kind == "grammar") or not grammar_only for x in m))
        return k / n if n else 0.0

    # JFLEG's first correction keeps some of the writer's slips ("Peolple", "must must"): a flag
    # on words another of the four corrections changes points at one of them. Reported beside the
    # false flags, never instead of them.
    unsupported = [[m for m in ms if not _changed_elsewhere(r, m, rs[1:])] for ms, r, (_, rs) in zip(ms_ref, refs, pairs)]
    return {
        "n": n,
        "recall": share(ms_src),
        "false_flags": share(ms_ref),
        "false_flags_unsupported": share(unsupported),
        "recall_grammar": share(ms_src, True),
        "false_flags_grammar": share(ms_ref, True),
    }


def _changed_elsewhere(text: str, m: MatchLike, others: Sequence[str]) -> bool:
    """Another correction has the flagged words fewer times than `text` (a flag on punctuation
    alone: the words either side of it). Words only: corrections differ in commas and quotes."""
    words = [(w.start(), w.end(), w.group().lower()) for w in re.finditer(r"\w+(?:'\w+)?", text)]
    a, b = m.offset, m.offset + m.length
    on = [k for k, (x, y, _) in enumerate(words) if x < b and a < y]
    if not on:  # "this,but", "etc..": the words around it
        on = [k for k, (x, _, _) in enumerate(words) if x < a][-1:] + [k for k, (x, _, _) in enumerate(words) if x >= b][:1]
    frag = [words[k][2] for k in range(min(on), max(on) + 1)] if on else []

    def count(t: str) -> int:
        ws = [w.lower() for w in re.findall(r"\w+(?:'\w+)?", t)]
        return sum(ws[i:i + len(frag)] == frag for i in range(len(ws) - len(frag) + 1)) if frag else 0

    mine = count(text)
    return any(count(o) < mine for o in others)


def norvig_cases(limit: int | None = None) -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = []
    for f in sorted((DATA / "spelling").glob("*.txt")):
        for line in f.read_text("utf-8").splitlines():
            if ":" not in line:
                continue
            right, wrongs = line.split(":", 1)
            cases += [(right.strip(), w) for w in wrongs.split()]
    return cases[:limit] if limit else cases


NORVIG_PREFIX = "I wrote the word "


def norvig_text(word: str) -> str:
    return f"{NORVIG_PREFIX}{word} in my note."


def norvig(check: Check, *, limit: int | None, workers: int,
           out: Callable[[str], object] = print) -> dict[str, object]:
    cases = norvig_cases(limit)
    texts = [norvig_text(w) for _, w in cases]
    results = _map(check, texts, workers)
    flagged = suggested = any_kind = engine_suggested = 0
    a = len(NORVIG_PREFIX)
    hits_by_case = []
    for (right, wrong), ms in zip(cases, results):
        b = a + len(wrong)
        on = [m for m in ms if m.offset < b and m.offset + m.length > a]
        hit = [m for m in on if m.kind == "spelling"]
        hits_by_case.append(hit)
        any_kind += bool(on)
        if hit:
            flagged += 1
            if any(right in m.replacements for m in hit):
                suggested += 1
            if any(right in getattr(m, "engine_replacements", m.replacements) for m in hit):
                engine_suggested += 1
    n = len(cases)
    res: dict[str, object] = {
        "n": n, "flagged": flagged / n if n else 0.0, "right_suggested": suggested / n if n else 0.0,
        "flagged_any_kind": any_kind / n if n else 0.0,
        "right_suggested_engine_list": engine_suggested / n if n else 0.0,
    }
    filt = getattr(check, "filter_report", None)
    if filt is not None:  # thanklint's pipeline: which engine spelling matches did the name filter eat?
        res["filter"] = filt(cases, texts, hits_by_case, out=out)
    return res


def note_rows() -> list[dict]:
    p = DATA / "notes" / "real-dev.jsonl"
    return [json.loads(line) for line in p.read_text("utf-8").splitlines() if line.strip()]


def notes() -> list[str]:
    return [r["text"] for r in note_rows()]


def speed_per_note(check: Check) -> dict[str, float]:
    texts = notes()
    check(texts[0])  # warm
    times = []
    for t in texts:
        t0 = time.perf_counter()
        check(t)
        times.append(time.perf_counter() - t0)
    return {"notes": len(texts), "median_ms": 1000 * statistics.median(times),
            "max_ms": 1000 * max(times)}


# ----------------------------------------------------------------------------- thanklint pipeline


@dataclass(frozen=True)
class Hit:
    """A grammar or spelling finding of thanklint's pipeline, shaped like an EngineMatch."""

    offset: int
    length: int
    kind: str  # thanklint rule id: "grammar" | "spelling"
    replacements: tuple[str, ...]  # the suggestions thanklint shows (at most max_suggestions)
    message: str
    rule_id: str  # the engine's rule id ("?" if the finding maps to no engine match)
    engine_replacements: tuple[str, ...]  # the engine's full list of replacements


class ThanklintCheck:
    """thanklint's default pipeline after filtering: ``check(text)`` and ``many(texts)``.

    One Linter for the whole run (spaCy loads once, the engine opens once). Each text is parsed
    as a note; only the ``grammar`` and ``spelling`` rules' findings are returned. The engine's
    ``check`` is wrapped to remember its raw matches, so each finding carries the engine rule id
    and the name filter's drops can be counted.
    """

    RULES = ("grammar", "spelling")

    def __init__(self, engine: str, *, languagetool_url: str | None = None, timeout: float = 30.0,
                 batch: int = 64) -> None:
        from thanklint.api import Linter
        from thanklint.config import Config, Grammar

        self.engine_choice = engine
        self.batch = batch
        self.config = Config(grammar=Grammar(engine=engine, languagetool_url=languagetool_url,
                                             timeout=timeout, require=engine != "off"))
        t0 = time.perf_counter()
        self.linter = Linter.create(self.config)
        self.engine = self.linter.grammar_engine() if engine != "off" else None
        self.engine_matches: dict[str, list] = {}  # checked text -> the engine's raw matches
        if self.engine is not None:
            orig = self.engine.check

            def recording_check(text: str, language: str | None = None):
                ms = orig(text, language=language)
                self.engine_matches[text] = ms
                return ms

            self.engine.check = recording_check  # instance attribute: Linter._proofread calls it
        self.linter.check([self.linter.parse("Thank you for your time.")])  # loads spaCy
        self.startup_s = time.perf_counter() - t0
        self.name = f"thanklint-{engine} ({self.linter.grammar_status})"

    # -- checks --------------------------------------------------------------------
    def reports(self, texts: list[str], paths: list[str] | None = None):
        """(parsed notes, reports) for texts, in batches through Linter.check."""
        from thanklint.model import Status

        notes_, reports = [], []
        for k in range(0, len(texts), self.batch):
            chunk = texts[k:k + self.batch]
            ns = [self.linter.parse(t, path=(paths[k + i] if paths else str(k + i)))
                  for i, t in enumerate(chunk)]
            rs = self.linter.check(ns)
            for n, r in zip(ns, rs):
                for res in r.results:
                    if res.rule in self.RULES and res.status == Status.SKIP and self.engine is not None:
                        raise RuntimeError(f"{self.name}: rule {res.rule} skipped on {n.path}: {res.detail}")
            notes_ += ns
            reports += rs
        return notes_, reports

    def hits(self, n, report) -> list[Hit]:
        start = n.content_start
        raw = {(m.offset + start, m.length): m for m in self.engine_matches.get(n.text[start:], ())}
        out = []
        for res in report.results:
            if res.rule not in self.RULES:
                continue
            for f in res.findings:
                m = raw.get((f.span.offset, f.span.length))
                out.append(Hit(f.span.offset, f.span.length, res.rule,
                               tuple(s.text for s in f.suggestions if s.kind == "replace"), f.message,
                               m.rule_id if m else "?", tuple(m.replacements) if m else ()))
        return sorted(out, key=lambda h: h.offset)

    def many(self, texts: list[str]) -> list[list[Hit]]:
        self.engine_matches.clear()
        ns, rs = self.reports(texts)
        return [self.hits(n, r) for n, r in zip(ns, rs)]

    def __call__(self, text: str) -> list[Hit]:
        return self.many([text])[0]

    def close(self) -> None:
        self.linter.close()

    # -- the name filter on Norvig's misspellings -----------------------------------
    def filter_report(self, cases, texts, hits_by_case, *, out: Callable[[str], object] = print,
                      examples: int = 12) -> dict[str, object]:
        """Misspellings the engine flagged as spelling but thanklint dropped, and why (spaCy's
        view of the word in the template), plus spaCy's tags of all misspellings and, as a
        control, of the right words in the same template."""
        from collections import Counter

        from thanklint import nlp
        from thanklint.kinds.proofread import ProofreadParams

        labels = set(ProofreadParams.__dataclass_fields__["name_labels"].default)
        model = nlp.load(self.linter.needs)
        a = len(NORVIG_PREFIX)

        def tag(doc, start: int, end: int) -> tuple[str, str, str]:
            toks = [t for t in doc if t.idx < end and t.idx + len(t) > start]
            ent = next((t.ent_type_ for t in toks if t.ent_type_), "")
            pos = "+".join(t.pos_ for t in toks)
            if any(t.ent_type_ in labels for t in toks):
                why = f"entity {ent}"
            elif any(t.pos_ == "PROPN" for t in toks):
                why = "PROPN"
            elif any(t.text[:1].isupper() for t in toks):
                why = "capitalised"
            else:
                why = "other"
            return why, ent, pos

        docs = list(model.pipe(texts, batch_size=64))
        right_docs = list(model.pipe([norvig_text(r) for r, _ in cases], batch_size=64))
        tags = [tag(d, a, a + len(w)) for d, (_, w) in zip(docs, cases)]
        right_tags = [tag(d, a, a + len(r)) for d, (r, _) in zip(right_docs, cases)]
        n = len(cases)
        dropped: list[tuple[str, str, str, str, str]] = []
        engine_flagged = 0
        for (right, wrong), text, hit, t in zip(cases, texts, hits_by_case, tags):
            b = a + len(wrong)
            eng = [m for m in self.engine_matches.get(text, ())
                   if m.kind == "spelling" and m.offset < b and m.offset + m.length > a]
            if eng:
                engine_flagged += 1
                if not hit:
                    dropped.append((wrong, right, *t))
        why = Counter(d[2] for d in dropped)
        all_why = Counter(t[0] for t in tags)
        right_why = Counter(t[0] for t in right_tags)
        out(f"  name filter: the engine flagged {engine_flagged}/{n} misspellings as spelling; "
            f"thanklint dropped {len(dropped)} of them: "
            + (", ".join(f"{k} {v}" for k, v in why.most_common()) or "none"))
        for k, _ in why.most_common():
            ex = [f"{w} ({r}; {pos})" for w, r, wy, _, pos in dropped if wy == k][:examples]
            out(f"    {k}: " + ", ".join(ex))
        out(f"  spaCy on the template, all {n} misspellings: "
            + ", ".join(f"{k} {v} ({100 * v / n:.1f}%)" for k, v in all_why.most_common()))
        out("  spaCy on the template, the right words (control): "
            + ", ".join(f"{k} {v} ({100 * v / n:.1f}%)" for k, v in right_why.most_common()))
        return {"engine_flagged": engine_flagged, "dropped": len(dropped), "dropped_by_reason": dict(why),
                "dropped_examples": [list(d) for d in dropped], "template_tags": dict(all_why),
                "template_tags_right_words": dict(right_why)}


# ----------------------------------------------------------------------------- noise


def noise_notes() -> list[dict]:
    return [r for r in note_rows() if not r["labels"].get("errors") and not r["labels"].get("placeholder")]


def noise(name: str, check, *, out: Callable[[str], object] = print) -> dict[str, object]:
    """Grammar and spelling findings on the notes labelled error-free and placeholder-free."""
    rows = noise_notes()
    texts = [r["text"] for r in rows]
    if isinstance(check, ThanklintCheck):
        check.engine_matches.clear()
        ns, rs = check.reports(texts, [r["id"] for r in rows])
        per_note = [check.hits(n, r) for n, r in zip(ns, rs)]
    else:
        per_note = _map(check, texts, 1)
    items = []
    for row, text, ms in zip(rows, texts, per_note):
        for m in ms:
            items.append({"note": row["id"], "kind": m.kind, "text": text[m.offset:m.offset + m.length],
                          "rule_id": getattr(m, "rule_id", "?"), "message": getattr(m, "message", ""),
                          "replacements": list(m.replacements)[:3]})
    n = len(rows)
    by_kind = {k: sum(1 for i in items if i["kind"] == k) for k in ("grammar", "spelling")}
    out(f"  noise on {n} published notes labelled error- and placeholder-free: "
        f"{len(items) / n:.2f} findings a note ({len(items)}: grammar {by_kind['grammar']}, "
        f"spelling {by_kind['spelling']})")
    for i in items:
        out(f"    {i['note']:<34} {i['kind']:<8} {i['text']!r:<22} {i['rule_id']:<28} "
            f"{i['message'][:90]}  -> {i['replacements']}")
    return {"notes": n, "per_note": len(items) / n if n else 0.0, "findings": items}


def clean_sets() -> dict[str, list[tuple[str, str, dict | None]]]:
    """The project's own clean notes, (id, text, context or None), split by whether the filters
    were tuned on their source: "tuned-on" = tests/notes/labelled.jsonl labelled ``errors: false``
    (with their context) + the corpus's good notes from the content model's training sites;
    "held-out" = the corpus's good notes from its held-out sites (models/content/meta.json
    ``test_sites``), the figure that said whether the filters carry to notes nobody tuned on until
    stop 20 read and fixed its two findings; "fresh-1" to "fresh-69" = bench/data/clean-notes.jsonl,
    -2 to -69, written by sessions that never saw the project: the findings of all but fresh-69 were read
    while the field-word filters were improved (fresh-57 was written to be read at stop 57), fresh-69 is
    never tuned on; "natural-1" to "natural-26" = bench/data/natural-notes-1.jsonl to -26, plain notes in
    everyday jobs written the same way: natural-26 never tuned on, natural-1 and -2 read at stop 34,
    natural-3 and -4 at stop 49, natural-5 at stop 50, natural-6 and -7 at stop 51, natural-8 at stop 52,
    natural-9 at stop 53, natural-10 at stop 54, natural-11 at stop 55, natural-12 at stop 56, natural-13
    at stop 57, natural-14 at stop 58, natural-15 at stop 59, natural-16 at stop 60, natural-17 at stop 61,
    natural-18 at stop 62, natural-19 at stop 63, natural-20 at stop 64, natural-21 at stop 65, natural-22 at stop 66, natural-23 at stop 67, natural-24 at stop 68, natural-25 at stop 69 (bench/data/README.md)."""
    def rows(p: Path) -> list[dict]:
        return [json.loads(line) for line in p.read_text("utf-8").splitlines() if line.strip()]

    meta = json.loads((REPO / "thanklint" / "models" / "content" / "meta.json").read_text("utf-8"))
    held_out = set(meta["thanklint"]["test_sites"])
    labelled = [(r["id"], r["text"], r.get("context"))
                for r in rows(REPO / "tests" / "notes" / "labelled.jsonl") if not r["labels"].get("errors")]
    # good in content; the non-native notes are written with learners' errors, and a good note
    # published with errors lists them (data/SOURCES.md)
    good = [r for r in rows(REPO / "rules" / "thankyou" / "data" / "notes.jsonl")
            if r["presented_as"] == "good" and r["source"] != "written:thanklint/nonnative" and not r.get("errors")]
    return {"tuned-on": labelled + [(r["id"], r["text"], None) for r in good if r["site"] not in held_out],
            "held-out": [(r["id"], r["text"], None) for r in good if r["site"] in held_out],
            **{f"fresh-{k}": [(r["id"], r["text"], None) for r in rows(path)] for k, path in enumerate(FRESH, 1)},
            **{f"natural-{k}": [(r["id"], r["text"], None) for r in rows(path)] for k, path in enumerate(NATURAL, 1)}}


def untuned_sets() -> frozenset[str]:
    """The clean sets nothing is tuned on: their finding lines are not printed unless asked for."""
    return frozenset({"held-out", f"fresh-{FRESH_UNTUNED}", f"natural-{len(NATURAL)}"})


def clean(check, *, out: Callable[[str], object] = print, show_untuned: bool = False) -> dict[str, object]:
    """Grammar and spelling findings per note on the project's own clean notes (thanklint-* only:
    the labelled notes are checked with their context, as a user would). Each finding line
    starts with its set's name; the untuned sets' (held-out, the newest fresh and natural sets)
    are left out unless `show_untuned`, so a run while tuning shows only their counts."""
    from thanklint import context as ctxmod

    res: dict[str, object] = {}
    for set_name, items in clean_sets().items():
        check.engine_matches.clear()
        found = []
        for nid, text, ctx in items:
            n = check.linter.parse(text, path=nid)
            flags = ctxmod.from_mapping(ctx, nid) if ctx else None
            r = check.linter.check([n], flags)[0]
            for h in check.hits(n, r):
                found.append((nid, h, text[h.offset:h.offset + h.length], r.engines.get("language", "")))
        k = len(items)
        by = {kind: sum(1 for f in found if f[1].kind == kind) for kind in ("grammar", "spelling")}
        out(f"  clean {set_name}: {k} notes, {len(found) / k:.2f} findings a note ({len(found)}: "
            f"grammar {by['grammar']}, spelling {by['spelling']})")
        hidden = set_name in untuned_sets() and not show_untuned
        if found and hidden:
            out(f"    {set_name}: finding lines not shown (never tuned on; --show-untuned prints them)")
        for nid, h, word, lang in () if hidden else found:
            out(f"    {set_name:<9} {nid[:30]:<30} {h.kind:<8} {word!r:<22} {h.rule_id:<24} {lang:<6} {h.message[:80]}")
        res[set_name] = {"notes": k, "per_note": len(found) / k, "grammar": by["grammar"],
                         "spelling": by["spelling"]}
    return res


# ----------------------------------------------------------------------------- throughput


def throughput(lt_url: str, *, n_notes: int = 200, repeat: int = 3,
               out: Callable[[str], object] = print) -> dict[str, object]:
    """200 notes through one LanguageTool server: thanklint's whole run against LT's own /v2/check.

    All variants run against the same server with the same texts, alternating, median of
    ``repeat`` rounds; each Linter is created (spaCy loaded, engine opened) before timing.
    """
    import urllib.parse
    import urllib.request

    base = notes()
    texts = [base[i % len(base)] + f"\n\nRef {i}" for i in range(n_notes)]
    tl_lt = ThanklintCheck("languagetool", languagetool_url=lt_url)
    tl_off = ThanklintCheck("off")
    eng = tl_lt.engine
    disabled = ",".join(sorted(eng.disabled_rules))
    endpoint = lt_url.rstrip("/") + "/v2/check"
    sent = [t[tl_lt.linter.parse(t).content_start:] for t in texts]  # what thanklint sends

    def raw_lt() -> None:  # what thanklint's engine sends, posted by hand
        for t in sent:
            data = urllib.parse.urlencode({"language": eng.language, "text": t,
                                           "disabledRules": disabled}).encode()
            with urllib.request.urlopen(urllib.request.Request(endpoint, data=data), timeout=60) as r:
                json.loads(r.read().decode("utf-8"))

    def engine_only() -> None:  # thanklint's LanguageToolEngine (language-tool-python) alone
        for t in sent:
            eng.check(t)

    def run(tc: ThanklintCheck):
        return lambda: tc.linter.check([tc.linter.parse(t, path=str(i)) for i, t in enumerate(texts)])

    variants = {
        "lt_v2_check": raw_lt,
        "thanklint_languagetool": run(tl_lt),
        "thanklint_engine_off": run(tl_off),
        "lt_engine_only": engine_only,
    }
    for f in variants.values():  # one untimed round: JIT, caches, allocators
        f()
    times: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(repeat):
        for k, f in variants.items():
            t0 = time.perf_counter()
            f()
            times[k].append(time.perf_counter() - t0)
    med = {k: statistics.median(v) for k, v in times.items()}
    tl_lt.close()
    tl_off.close()
    a, b, c, d = (med["lt_v2_check"], med["thanklint_languagetool"], med["thanklint_engine_off"],
                  med["lt_engine_only"])
    out(f"  {n_notes} notes (real-dev notes cycled, + 'Ref i'), one server, median of {repeat} "
        f"alternating rounds:")
    out(f"    LanguageTool /v2/check, sequential urllib POSTs     {a:7.2f} s  "
        f"({1000 * a / n_notes:6.1f} ms/note)")
    out(f"    thanklint LanguageToolEngine.check alone            {d:7.2f} s  "
        f"({1000 * d / n_notes:6.1f} ms/note)  = {d / a:.2f}x /v2/check")
    out(f"    thanklint Linter.check, grammar engine off           {c:7.2f} s  "
        f"({1000 * c / n_notes:6.1f} ms/note)  (parse + spaCy + all rules)")
    out(f"    thanklint Linter.check, grammar engine languagetool  {b:7.2f} s  "
        f"({1000 * b / n_notes:6.1f} ms/note)  = {b / a:.2f}x /v2/check  (target <= 1.2x)")
    out(f"    thanklint (languagetool) minus thanklint (off): {b - c:.2f} s = {(b - c) / a:.2f}x /v2/check")
    return {"notes": n_notes, "repeat": repeat, "seconds": med, "all": times,
            "ratio_thanklint_to_v2": b / a, "ratio_engine_to_v2": d / a,
            "ratio_thanklint_minus_off_to_v2": (b - c) / a}


def run_suite(name: str, check: Check, *, only: set[str], limit: int | None, workers: int = 1,
              out: Callable[[str], object] = print, splits: Sequence[str] = SPLITS,
              show_untuned: bool = False) -> dict[str, object]:
    """Run the benchmarks for one check callable and print a block of figures (JFLEG: `splits`)."""
    res: dict[str, object] = {"engine": name}
    if "jfleg" in only:
        for split in splits:
            t0 = time.monotonic()
            r = jfleg(check, split, limit=limit, workers=workers)
            res[f"jfleg_{split}"] = r
            out(f"  JFLEG {split:4} n={r['n']:4}: flags {_pct(round(r['recall'] * r['n']), r['n'])} "
                f"of erroneous sentences, {_pct(round(r['false_flags'] * r['n']), r['n'])} of their "
                f"corrections ({100 * r['false_flags_unsupported']:.1f}% on words every other correction keeps)"
                f" | grammar-kind only: {100 * r['recall_grammar']:.1f}% / "
                f"{100 * r['false_flags_grammar']:.1f}%  ({time.monotonic() - t0:.0f} s)")
    if "spelling" in only:
        t0 = time.monotonic()
        r = norvig(check, limit=limit, workers=workers, out=out)
        res["norvig"] = r
        out(f"  Norvig n={r['n']}: flagged as spelling {100 * r['flagged']:.1f}%, "
            f"right word suggested {100 * r['right_suggested']:.1f}% "
            f"(in the engine's full list: {100 * r['right_suggested_engine_list']:.1f}%); "
            f"flagged as anything {100 * r['flagged_any_kind']:.1f}%  ({time.monotonic() - t0:.0f} s)")
    if "noise" in only:
        res["noise"] = noise(name, check, out=out)
    if "clean" in only and isinstance(check, ThanklintCheck):
        res["clean"] = clean(check, out=out, show_untuned=show_untuned)
    if "speed" in only:
        r = speed_per_note(check)
        res["speed"] = r
        out(f"  per note ({r['notes']} published notes, warm): median {r['median_ms']:.1f} ms, "
            f"max {r['max_ms']:.1f} ms")
    return res


# ----------------------------------------------------------------------------- calibration (issue 9)
#
#   python bench/grammar.py --calibrate [--languagetool-url URL | --languagetool-home DIR]
#
# runs both raw engines (the pack's disabled rules off) once over JFLEG dev and test and the
# Norvig sets, writes each engine rule's measured figures to rules/thankyou/data/engine-rules.yaml
# (what thanklint/grammar/combine.py reads) and prints the combined verdict's curve on dev and
# test twice — every match the verdict keeps, and thanklint's findings (the same matches replayed
# through its name and field-word filters; keep_alone is chosen on this one) — and the share of
# right fixes among those --fix would apply. The live pipeline's row, for comparison:
#   python bench/grammar.py --only jfleg --engines thanklint-both

CALIBRATION = REPO / "rules" / "thankyou" / "data" / "engine-rules.yaml"
CURVE = tuple(round(0.40 + 0.025 * k, 3) for k in range(23))  # 0.40 .. 0.95
MAX_CALIBRATION_FF = 0.05  # keep_alone: the lowest t whose cross-validated dev false flags stay under this
FOLDS = 5  # each fold of dev is judged with figures measured on the other folds,
CV_REPEATS = 5  # over this many shuffles of dev (seeded), the shares averaged


def _jfleg_lines(split: str) -> tuple[list[str], list[list[str]]]:
    src = [detokenise(s) for s in (DATA / "jfleg" / f"{split}.src").read_text("utf-8").splitlines()]
    refs = [[detokenise(r) for r in (DATA / "jfleg" / f"{split}.ref{k}").read_text("utf-8").splitlines()]
            for k in range(4)]
    return src, [list(rs) for rs in zip(*refs)]


def _fix_right(text: str, m, rep: str, refs: list[str]) -> bool:
    """The replacement, with the words either side of it, appears in a correction."""
    a, b = m.offset, m.offset + m.length
    left = text[:a].rstrip().rfind(" ") + 1 if text[:a].strip() else 0
    nxt = text.find(" ", b + 1) if b < len(text) and text[b:b + 1] == " " else text.find(" ", b)
    right = len(text) if nxt < 0 else nxt
    frag = " ".join((text[left:a] + rep + text[b:right]).split())
    return any(f" {frag} " in f" {r} " for r in refs)


def _overlaps(m, others) -> list:
    return [o for o in others if o.offset == m.offset or (o.offset < m.offset + m.length and m.offset < o.offset + o.length)]


def _rule_figures(dev_src, dev_refs, runs: dict, norvig_cases_, dev_idx: Iterable[int] | None = None) -> dict:
    """engine -> rule -> [right, wrong, fixes_right, fixes] on JFLEG dev (the sentences `dev_idx`,
    all by default) and the Norvig sets (none when `norvig_cases_` is empty), and under
    "families": engine -> category -> [right, wrong], the same counts by LanguageTool category /
    Harper lint kind.

    right/wrong count a rule's matches that the other engine does not overlap: the filter keeps or
    drops exactly those on the rule's figure (both engines on one span are kept anyway). The
    pseudo-engine "both" holds agreements: "agree-spelling"/"agree-grammar" count fixes where
    both engines put the same replacement first on the same span."""
    from thanklint.grammar.combine import family

    fig: dict[str, dict[str, list[int]]] = {e: {} for e in (*runs, "both")}
    fam: dict[str, dict[str, list[int]]] = {e: {} for e in runs}

    def row(e: str, rid: str) -> list[int]:
        return fig[e].setdefault(rid, [0, 0, 0, 0])

    def count(e: str, m, k: int, n: int = 1) -> None:  # k: 0 right, 1 wrong
        row(e, m.rule_id)[k] += n
        fam[e].setdefault(family(m), [0, 0])[k] += n

    def fix(e: str, rid: str, ok: bool) -> None:
        row(e, rid)[3] += 1
        row(e, rid)[2] += ok

    (e1, r1), (e2, r2) = runs.items()
    for i in range(len(dev_src)) if dev_idx is None else dev_idx:
        text, refs = dev_src[i], dev_refs[i]
        for e, other in ((e1, e2), (e2, e1)):
            s, r = runs[e]["dev_src"][i], runs[e]["dev_ref"][i]
            ref_keys = {(m.rule_id, refs[0][m.offset:m.offset + m.length]) for m in r}
            for m in r:
                if not _overlaps(m, runs[other]["dev_ref"][i]):
                    count(e, m, 1)
            for m in s:
                if not _overlaps(m, runs[other]["dev_src"][i]):
                    count(e, m, 0, (m.rule_id, text[m.offset:m.offset + m.length]) not in ref_keys)
                if len(m.replacements) == 1:
                    fix(e, m.rule_id, _fix_right(text, m, m.replacements[0], refs))
        for m in r1["dev_src"][i]:
            for o in r2["dev_src"][i]:
                if (m.offset, m.length) == (o.offset, o.length) and m.replacements[:1] == o.replacements[:1] != ():
                    fix("both", f"agree-{m.kind}", _fix_right(text, m, m.replacements[0], refs))
    a = len(NORVIG_PREFIX)
    for i, (right, wrong) in enumerate(norvig_cases_):
        on = {e: [m for m in runs[e]["norvig"][i] if m.offset < a + len(wrong) and m.offset + m.length > a]
              for e in runs}
        for e, ms in on.items():
            for m in ms:
                if len(m.replacements) == 1:
                    fix(e, m.rule_id, m.replacements[0].lower() == right.lower())  # Norvig's words are lower case
        for m in on[e1]:
            for o in on[e2]:
                if (m.offset, m.length) == (o.offset, o.length) and m.replacements[:1] == o.replacements[:1] != ():
                    fix("both", f"agree-{m.kind}", m.replacements[0].lower() == right.lower())
    return {**fig, "families": fam}


def _calibration(figures: dict, keep_alone: float):
    from thanklint.grammar import combine

    rules = tuple(((e, rid), combine.RuleStats(*row)) for e, rows in figures.items() if e != "families"
                  for rid, row in rows.items())
    families = tuple(((e, cat), combine.RuleStats(*row)) for e, rows in figures["families"].items()
                     for cat, row in rows.items())
    return combine.Calibration(keep_alone=keep_alone, rules=rules, families=families)


def _verdicts(texts: list[str], runs: dict[str, list], cal) -> list[list]:
    from thanklint.grammar import combine

    out = []
    for i, t in enumerate(texts):
        by = {e: runs[e][i] for e in runs}
        if len(by) == 2:
            out.append(combine.combine(t, by, cal))
        else:
            (e, ms), = by.items()
            out.append(combine.vet(t, ms, e, cal))
    return out


def _curve(sets: dict, runs: dict, figures: dict, pairs: dict, dev_src, dev_refs, passes: dict | None = None,
           splits: Sequence[str] = SPLITS, shaped: dict | None = None) -> dict:
    """label -> {"dev-cv" | "dev" | "test": {"recall", "false_flags"}}: each engine alone, either
    engine, the verdict at each t of CURVE, and agreement only. "dev" judges dev with figures
    measured on dev itself (optimistic: a rule chosen for its dev figure is judged on it);
    "dev-cv" judges each fold of dev with figures measured on the other folds, averaged over
    CV_REPEATS shuffles (what keep_alone is chosen on: a single split moved the choice on one
    sentence); "test" judges test with the figures of all of dev (reported, never tuned on).
    With `passes` (see _pipeline_passes), only the matches thanklint's name and field-word
    filters let through count: the curve of what a user gets; with `shaped` (see _shape_matches)
    thanklint's own grammar shapes are added where no kept grammar match overlaps them, as the
    grammar rule adds them. Only the JFLEG `splits` asked for (and "dev-cv") are judged."""
    engines = list(runs)

    def shown(key: str, i: int, ms: list) -> list:
        kept = ms if passes is None else [m for m in ms if (m.offset, m.length, m.kind, m.rule_id) in passes[key][i]]
        return kept + shapes.unclaimed(ms, shaped[key][i]) if shaped else kept
    thresholds = [*CURVE, 1.01]  # 1.01: agreement only

    def label(t: float) -> str:
        return "agree only" if t > 1 else f"t={t:.2f}"

    table: dict[str, dict] = {}

    def put(lab: str, split: str, src_v: dict, ref_v: dict, idx: list[int]) -> None:
        rec, ff = _flag_shares(idx, src_v, ref_v)
        table.setdefault(lab, {})[split] = {"recall": rec, "false_flags": ff}

    def verdicts(split: str, idx: list[int], cal) -> tuple[dict, dict]:
        return tuple({i: shown(f"{split}_{k}", i, combine_one(sets[f"{split}_{k}"][i],
                                                             {e: runs[e][f"{split}_{k}"][i] for e in engines}, cal))
                      for i in idx} for k in ("src", "ref"))

    from thanklint.grammar import shapes
    from thanklint.grammar.combine import combine as combine_one

    for split in splits:
        idx = pairs[split]
        every = {k: {i: {e: shown(f"{split}_{k}", i, runs[e][f"{split}_{k}"][i]) for e in engines} for i in idx}
                 for k in ("src", "ref")}
        for e in engines:  # each engine alone, everything it flags
            put(e, split, *({i: every[k][i][e] for i in idx} for k in ("src", "ref")), idx)
        put("either", split, *({i: [m for e in engines for m in every[k][i][e]] for i in idx} for k in ("src", "ref")),
            idx)
        for t in thresholds:
            put(label(t), split, *verdicts(split, idx, _calibration(figures, t)), idx)
    for lab in ("languagetool", "harper", "either"):
        table[lab]["dev-cv"] = table[lab]["dev"]  # no figures involved
    cv = {t: [0.0, 0.0] for t in thresholds}
    for rep in range(CV_REPEATS):  # the shares averaged over shuffles: one fold split is noisy
        order = list(range(len(dev_src)))
        random.Random(rep).shuffle(order)
        fold = {i: k % FOLDS for k, i in enumerate(order)}
        for f in range(FOLDS):
            held = [i for i in pairs["dev"] if fold[i] == f]
            fold_figures = _rule_figures(dev_src, dev_refs, runs, [], [i for i in order if fold[i] != f])
            for t in thresholds:
                s, r = verdicts("dev", held, _calibration(fold_figures, t))
                cv[t][0] += sum(1 for v in s.values() if v) / len(pairs["dev"]) / CV_REPEATS
                cv[t][1] += sum(1 for v in r.values() if v) / len(pairs["dev"]) / CV_REPEATS
    for t in thresholds:
        table[label(t)]["dev-cv"] = {"recall": cv[t][0], "false_flags": cv[t][1]}
    return {k: table[k] for k in ("languagetool", "harper", "either", *(label(t) for t in thresholds))}


class _Replay:
    """An engine that answers with matches already found (both engines' raw matches on a text):
    thanklint's pipeline then filters them as it filters a live engine's."""

    name = "replay"

    def __init__(self) -> None:
        self.by_text: dict[str, list] = {}

    def check(self, text: str, language: str | None = None) -> list:
        return self.by_text.get(text, [])

    def close(self) -> None:
        pass


def _pipeline_passes(sets: dict, runs: dict, keys: Sequence[str], batch: int = 64) -> dict[str, list[set]]:
    """key -> per text, the raw matches (offset, length, kind, rule_id) that thanklint's default
    pipeline reports: each JFLEG sentence parsed as a note and checked by the default rules, the
    engines' matches replayed, so the name and field-word filters (kinds/proofread.py) decide."""
    from thanklint.api import Linter

    replay = _Replay()
    linter = Linter.create()
    linter.use_engine(replay)
    out: dict[str, list[set]] = {}
    for key in keys:
        texts, kept = sets[key], []
        for k in range(0, len(texts), batch):
            ns = [linter.parse(t, path=str(k + j)) for j, t in enumerate(texts[k:k + batch])]
            for j, n in enumerate(ns):
                replay.by_text[n.text[n.content_start:]] = [m for e in runs for m in runs[e][key][k + j]]
            for j, (n, r) in enumerate(zip(ns, linter.check(ns))):
                found = {(res.rule, f.span.offset - n.content_start, f.span.length)
                         for res in r.results if res.rule in ("grammar", "spelling") for f in res.findings}
                kept.append({(m.offset, m.length, m.kind, m.rule_id) for e in runs for m in runs[e][key][k + j]
                             if (m.kind, m.offset, m.length) in found})
        out[key] = kept
    replay.by_text.clear()
    linter.close()
    return out


def pack_shapes():
    """The default pack's grammar shapes (rules/thankyou/grammar.yaml, params.shapes)."""
    from thanklint.packs import load_pack, rules_root

    _, rules = load_pack(rules_root() / "thankyou")
    return next(r for r in rules if r.id == "grammar").params.shapes


def _shape_matches(sets: dict, keys: Sequence[str]) -> dict[str, list[list]]:
    """key -> per text, the matches of the pack's grammar shapes (thanklint/grammar/shapes.py) on
    spaCy's parse of the text, before an engine's finding on the same words takes their place."""
    from thanklint import nlp
    from thanklint.grammar import shapes

    cfg, model = pack_shapes(), nlp.load()
    return {key: [shapes.find(doc, cfg) for doc in model.pipe(sets[key], batch_size=64)] for key in keys}


def _flag_shares(pairs_idx, src_v, ref_v) -> tuple[float, float]:
    n = len(pairs_idx)
    return (sum(1 for i in pairs_idx if src_v[i]) / n, sum(1 for i in pairs_idx if ref_v[i]) / n)


def _save_runs(path: Path, sets: dict, runs: dict) -> None:
    from dataclasses import asdict

    path.write_text(json.dumps({"texts": sets, "runs": {e: {k: [[asdict(m) for m in ms] for ms in v]
                                                            for k, v in r.items()} for e, r in runs.items()}}))


def _load_runs(path: Path, sets: dict) -> dict:
    """Raw matches saved by an earlier --calibrate --cache run, if they were of the same texts
    (the engines' disabled rules are the caller's business: delete the file after changing them)."""
    from thanklint.grammar import EngineMatch

    data = json.loads(path.read_text())
    if data["texts"] != sets:
        return {}
    off = pack_disabled()  # rules switched off since the file was written (by rule id, not category)
    return {e: {k: [[EngineMatch(**{**m, "replacements": tuple(m["replacements"])}) for m in ms
                     if m["rule_id"] not in off] for ms in v]
                for k, v in r.items()} for e, r in data["runs"].items()}


def calibrate(lt_eng, *, workers: int, write: bool = True, cache: Path | None = None,
              out: Callable[[str], object] = print, splits: Sequence[str] = SPLITS) -> dict:
    """Measure, print the curves on `splits` (and dev cross-validated), write engine-rules.yaml.
    Without "test" in `splits` nothing is written: the file's header shows the test curve."""
    from thanklint.grammar import combine
    from thanklint.grammar.harper import HarperEngine

    h_eng = HarperEngine(disabled_rules=pack_disabled())
    engines = {"languagetool": lt_eng.check, "harper": h_eng.check}
    dev_src, dev_refs = _jfleg_lines("dev")
    test_src, test_refs = _jfleg_lines("test")
    cases = norvig_cases()
    ntexts = [norvig_text(w) for _, w in cases]
    sets = {"dev_src": dev_src, "dev_ref": [r[0] for r in dev_refs], "test_src": test_src,
            "test_ref": [r[0] for r in test_refs], "norvig": ntexts}
    runs: dict[str, dict[str, list]] = _load_runs(cache, sets) if cache and cache.exists() else {}
    for e, check in engines.items():
        if e in runs:
            continue
        t0 = time.monotonic()
        runs[e] = {k: _map(check, v, workers if e == "languagetool" else 1) for k, v in sets.items()}
        out(f"  {e}: {sum(len(v) for v in sets.values())} texts checked in {time.monotonic() - t0:.0f} s")
    h_eng.close()
    if cache:
        _save_runs(cache, sets, runs)

    figures = _rule_figures(dev_src, dev_refs, runs, cases)
    pairs = {split: [i for i, (s, r) in enumerate(zip(src, refs)) if s.split() != r[0].split()]
             for split, src, refs in (("dev", dev_src, dev_refs), ("test", test_src, test_refs))}
    t0 = time.monotonic()
    keys = tuple(f"{sp}_{k}" for sp in splits for k in ("src", "ref"))
    passes = _pipeline_passes(sets, runs, keys)
    shaped = _shape_matches(sets, keys)
    out(f"  thanklint's filters replayed on both engines' JFLEG matches in {time.monotonic() - t0:.0f} s")
    tables = {"engines": _curve(sets, runs, figures, pairs, dev_src, dev_refs, splits=splits),
              "thanklint": _curve(sets, runs, figures, pairs, dev_src, dev_refs, passes, splits=splits, shaped=shaped)}
    # chosen on what a user gets: the verdict after thanklint's name and field-word filters
    table = tables["thanklint"]
    ok = [t for t in CURVE if table[f"t={t:.2f}"]["dev-cv"]["false_flags"] <= MAX_CALIBRATION_FF]
    keep_alone = min(ok) if ok else 1.01
    cal = _calibration(figures, keep_alone)
    out(f"  JFLEG: share of erroneous sentences flagged / share of their corrections flagged "
        f"(dev n={len(pairs['dev'])}, test n={len(pairs['test'])}); t = keep_alone, a match one engine "
        f"flags alone is kept when its smoothed precision >= t")
    for name, tab in tables.items():
        out("    " + {"engines": "the engines' verdict (combine.py), every match it keeps:",
                      "thanklint": "thanklint's findings (the verdict after its name and field-word filters, plus its own grammar shapes; "
                                   "keep_alone is chosen here):"}[name])
        cols = ("dev-cv", *splits)
        heads = {"dev-cv": f"dev, cv {FOLDS}x{CV_REPEATS}", "dev": "dev, in-sample", "test": "test"}
        out(f"    {'':<13} " + " ".join(f"{heads[k]:>16}" for k in cols))
        for label, row in tab.items():
            mark = (f"  <- keep_alone (lowest t with cross-validated dev false flags <= {100 * MAX_CALIBRATION_FF:.0f}%)"
                    if name == "thanklint" and label == f"t={keep_alone:.2f}" else "")
            out(f"    {label:<13}" + "".join(f"   {100 * row[k]['recall']:5.1f}% / {100 * row[k]['false_flags']:4.1f}%"
                                           for k in cols) + mark)

    # fixes --fix would apply on the Norvig sets: single engines vetted, and combined
    a = len(NORVIG_PREFIX)
    fixes: dict[str, dict] = {}
    for label, eng_runs in (("harper", {"harper": runs["harper"]["norvig"]}),
                            ("languagetool", {"languagetool": runs["languagetool"]["norvig"]}),
                            (combine.NAME, {e: runs[e]["norvig"] for e in engines})):
        applied = right = 0
        wrong_examples = []
        for (r, w), t, ms in zip(cases, ntexts, _verdicts(ntexts, eng_runs, cal)):
            for m in ms:
                if m.safe and m.offset < a + len(w) and m.end > a:
                    applied += 1
                    right += m.replacements[0].lower() == r
                    if m.replacements[0].lower() != r:
                        wrong_examples.append(f"{w}->{m.replacements[0]} ({r})")
        fixes[label] = {"applied": applied, "right": right, "cases": len(cases)}
        out(f"  --fix on Norvig ({len(cases)} misspellings), {label}: applies {applied}, "
            f"right {right} ({_pct(right, applied).strip()})" + (f"; wrong: {', '.join(wrong_examples[:8])}"
                                                                 if wrong_examples else ""))
    times = both_speed(lt_eng, out=out)
    certain = [f"{e}:{rid}" for (e, rid), _ in cal.rules if cal.fix_certain(e, rid)]
    out(f"  rules whose single replacements are certain (>= {cal.certain_fixes:.0%} of >= {cal.min_fixes}): "
        + (", ".join(certain) or "none"))
    if write and "test" in splits:
        _write_calibration(figures, keep_alone, cal, tables)
        out(f"  wrote {CALIBRATION.relative_to(REPO)}")
    elif write:
        out(f"  {CALIBRATION.relative_to(REPO)} not written (--split {','.join(splits)}: its header needs the test curve)")
    return {"tables": tables, "keep_alone": keep_alone, "fixes": fixes, "certain_rules": certain,
            "both_speed_ms": times}


def both_speed(lt_eng, *, repeat: int = 21, out: Callable[[str], object] = print) -> dict[str, float]:
    """(f) The extra time of both engines on bench/typical-note.txt, warm, side by side: each
    engine alone and combined (LanguageTool in its own thread, as `--grammar-engine both` runs
    it), then thanklint's whole check of the note with each engine. One LanguageTool server
    for all; the variants alternate within each round, so machine load hits them alike."""
    from thanklint.grammar import combine
    from thanklint.grammar.harper import HarperEngine

    text = (REPO / "bench" / "typical-note.txt").read_text("utf-8")
    h = HarperEngine(disabled_rules=pack_disabled())
    both = combine.CombinedEngine(lt_eng, h, combine.calibration())
    linters = {e: ThanklintCheck(e, languagetool_url=lt_eng.url if e != "harper" else None)
               for e in ("harper", "languagetool", "both")}
    variants = {"engine harper": lambda: h.check(text), "engine languagetool": lambda: lt_eng.check(text),
                "engine both": lambda: both.check(text)}
    for e, tc in linters.items():
        variants[f"thanklint {e}"] = lambda tc=tc: tc.linter.check([tc.linter.parse(text)])
    times: dict[str, list[float]] = {k: [] for k in variants}
    try:
        for f in variants.values():  # warm: JIT, caches, the dialect's dictionary
            f()
        for _ in range(repeat):
            for k, f in variants.items():
                t0 = time.perf_counter()
                f()
                times[k].append(time.perf_counter() - t0)
    finally:
        both._pool.shutdown()  # not both.close(): the LanguageTool engine is the caller's
        h.close()
        for tc in linters.values():
            tc.close()
    med = {k: 1000 * statistics.median(v) for k, v in times.items()}
    out(f"  one warm note (bench/typical-note.txt, {len(text.split())} words), median of {repeat} alternating rounds:")
    for level in ("engine", "thanklint"):
        h_ms, lt_ms, b_ms = (med[f"{level} {e}"] for e in ("harper", "languagetool", "both"))
        out(f"    {level:<9} harper {h_ms:7.1f} ms   languagetool {lt_ms:7.1f} ms   both {b_ms:7.1f} ms   "
            f"both - languagetool {b_ms - lt_ms:+6.1f} ms   both - harper {b_ms - h_ms:+7.1f} ms")
    return med


def _write_calibration(figures: dict, keep_alone: float, cal, tables: dict) -> None:
    lines = [
        "# Engine rules measured on JFLEG dev and Norvig's spelling sets (figures only: the texts stay in ../shared/bench).",
        "# Written by `python bench/grammar.py --calibrate`; read by thanklint/grammar/combine.py.",
        "#   rule: [right, wrong, fixes_right, fixes]",
        "#   right: matches one engine alone makes on dev sentences that their correction (ref0)",
        "#   removes; wrong: its matches alone on the corrections. fixes: single replacements on dev",
        "#   and Norvig; fixes_right: those that give the correction's words (any of the 4",
        "#   references) or Norvig's right word. families: right/wrong summed by LanguageTool",
        "#   category / Harper lint kind (what a rule never seen on dev is judged by).",
        f"keep_alone: {keep_alone}      # one engine alone: kept when its smoothed precision >= this"
        f" (lowest t with cross-validated dev false flags <= {MAX_CALIBRATION_FF:.0%} in thanklint's findings)",
        f"prior: {cal.prior}          # smoothing: rule -> family -> engine, this many pseudo-matches each",
        f"certain_fixes: {cal.certain_fixes}   # --fix applies a rule's single replacement when right this often",
        f"min_fixes: {cal.min_fixes}          #   over at least this many measured fixes",
        "# The curves when it was written: t -> JFLEG share of erroneous sentences flagged / of their",
        f"# corrections flagged; dev judged by {FOLDS}-fold cross-validation ({CV_REPEATS} shuffles), test with all of"
        " dev's figures;",
        "# 'engines': every match the verdict keeps; 'thanklint': the findings after its name and field-word filters.",
        *(f"#   {label:<12} " + "   ".join(
            f"{name} dev {100 * tab[label]['dev-cv']['recall']:5.1f}% / {100 * tab[label]['dev-cv']['false_flags']:4.1f}%"
            f" test {100 * tab[label]['test']['recall']:5.1f}% / {100 * tab[label]['test']['false_flags']:4.1f}%"
            for name, tab in tables.items())
          for label in tables["engines"]),
    ]
    for e in sorted(figures):
        lines.append(f"{e}:")
        for rid, row in sorted(figures[e].items()):
            if e == "families":
                lines.append(f"  {rid}:")
                lines += [f"    {json.dumps(c)}: [{', '.join(str(x) for x in r)}]" for c, r in sorted(row.items())]
            else:
                lines.append(f"  {json.dumps(rid)}: [{', '.join(str(x) for x in row)}]")
    CALIBRATION.write_text("\n".join(lines) + "\n", "utf-8")


# ----------------------------------------------------------------------------- main


def pack_disabled(raw: bool = False) -> frozenset[str]:
    """The engine rules the default pack switches off (rules/thankyou/grammar.yaml), or none."""
    from thanklint.api import Linter

    return frozenset() if raw else Linter.create().engine_disabled_rules()


def _warm_note_ms(check: Check, repeat: int = 10) -> float:
    text = (REPO / "bench" / "typical-note.txt").read_text("utf-8")
    check(text)
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        check(text)
        ts.append(time.perf_counter() - t0)
    return 1000 * statistics.median(ts)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default="harper,languagetool",
                    help="comma list: harper, languagetool, thanklint-harper, thanklint-languagetool, thanklint-both, "
                         "and any EXTRA_CHECKS names")
    ap.add_argument("--languagetool-url", default=None)
    ap.add_argument("--languagetool-home", default=None, type=Path)
    ap.add_argument("--only", default="jfleg,spelling,speed",
                    help="comma list of jfleg, spelling, noise, clean, speed, throughput")
    ap.add_argument("--split", default=",".join(SPLITS),
                    help="JFLEG splits to judge, comma list of dev, test (dev alone: tune without seeing test; "
                         "--calibrate then prints and writes nothing of test)")
    ap.add_argument("--limit", type=int, default=None, help="first N items of each set (quick run)")
    ap.add_argument("--workers", type=int, default=2, help="parallel requests to LanguageTool")
    ap.add_argument("--raw", action="store_true",
                    help="do not switch off the engine rules the default pack disables (raw engines only)")
    ap.add_argument("--throughput-notes", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3, help="rounds for the throughput figures")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--cache", type=Path, default=None,
                    help="--calibrate: keep the engines' raw matches in this file and reuse them")
    ap.add_argument("--both-speed", action="store_true",
                    help="only the extra time of --grammar-engine both on bench/typical-note.txt, side by side "
                         "with each engine (needs LanguageTool)")
    ap.add_argument("--show-untuned", action="store_true",
                    help="--only clean: also print the finding lines of the sets never tuned on (held-out, the newest "
                         "fresh and natural sets); by default only their counts")
    ap.add_argument("--calibrate", action="store_true",
                    help="measure each engine rule on JFLEG dev and Norvig, write "
                         "rules/thankyou/data/engine-rules.yaml, print the combined curve (needs LanguageTool)")
    a = ap.parse_args(list(argv) if argv is not None else None)
    only = set(a.only.split(","))
    splits = tuple(sp for sp in SPLITS if sp in a.split.split(","))
    if not splits or set(a.split.split(",")) - set(SPLITS):
        print(f"--split: a comma list of {', '.join(SPLITS)}, got {a.split!r}", file=sys.stderr)
        return 2
    if not DATA.is_dir():
        print(f"benchmark data not found at {DATA}", file=sys.stderr)
        return 2

    from thanklint.grammar import GrammarUnavailable
    from thanklint.grammar import languagetool as lt

    names = [e.strip() for e in a.engines.split(",") if e.strip()]
    for name in names:
        if name not in ("harper", "languagetool", "thanklint-harper", "thanklint-languagetool", "thanklint-both") \
                and name not in EXTRA_CHECKS:
            print(f"unknown engine {name!r}", file=sys.stderr)
            return 2

    # One LanguageTool server for the whole run: the raw engine owns it (or the user's URL);
    # thanklint-languagetool and the throughput figures use the same server.
    lt_eng, lt_start = None, 0.0
    if {"languagetool", "thanklint-languagetool", "thanklint-both"} & set(names) or "throughput" in only or a.calibrate \
            or a.both_speed:
        t0 = time.perf_counter()
        try:
            lt_eng = lt.open_languagetool(url=a.languagetool_url, home=a.languagetool_home,
                                          timeout=60.0, disabled_rules=pack_disabled(a.raw))
        except GrammarUnavailable as e:
            print(f"languagetool: skipped ({e})")
        else:
            lt_start = time.perf_counter() - t0
            how = "connect" if a.languagetool_url else "JVM start-up incl. warm-up check"
            print(f"{lt_eng.name}: {how} {lt_start:.2f} s")

    if a.both_speed:
        if lt_eng is None:
            print("--both-speed needs LanguageTool (--languagetool-url or --languagetool-home)", file=sys.stderr)
            return 2
        try:
            r = both_speed(lt_eng)
        finally:
            lt_eng.close()
        if a.json:
            a.json.write_text(json.dumps(r, indent=2))
        return 0
    if a.calibrate:
        if "dev" not in splits:
            print("--calibrate measures on dev: --split dev or dev,test", file=sys.stderr)
            return 2
        if lt_eng is None:
            print("--calibrate needs LanguageTool (--languagetool-url or --languagetool-home)", file=sys.stderr)
            return 2
        try:
            r = calibrate(lt_eng, workers=a.workers, cache=a.cache, splits=splits)
        finally:
            lt_eng.close()
        if a.json:
            a.json.write_text(json.dumps(r, indent=2))
        return 0
    results = []
    try:
        for name in names:
            if name == "harper":
                from thanklint.grammar.harper import HarperEngine

                t0 = time.perf_counter()
                eng = HarperEngine(disabled_rules=pack_disabled(a.raw))
                start = time.perf_counter() - t0
                print(f"{eng.name} (raw engine{', nothing disabled' if a.raw else ''}): "
                      f"construction {start:.2f} s")
                r = run_suite(eng.name, eng.check, only=only, limit=a.limit, workers=1, splits=splits)
                r["startup_s"] = start
                if "speed" in only:
                    r["warm_note_ms"] = _warm_note_ms(eng.check)
                    print(f"  one warm note (bench/typical-note.txt): {r['warm_note_ms']:.1f} ms")
                eng.close()
            elif name == "languagetool":
                if lt_eng is None:
                    continue
                print(f"{lt_eng.name} (raw engine{', nothing disabled' if a.raw else ''})")
                r = run_suite(lt_eng.name, lt_eng.check, only=only, limit=a.limit, workers=a.workers, splits=splits)
                r["startup_s"] = lt_start
                if "speed" in only:
                    r["warm_note_ms"] = _warm_note_ms(lt_eng.check)
                    print(f"  start-up {lt_start:.2f} s; one warm note (bench/typical-note.txt): "
                          f"{r['warm_note_ms']:.1f} ms")
            elif name.startswith("thanklint-"):
                engine = name.split("-", 1)[1]
                if engine in ("languagetool", "both") and lt_eng is None:
                    continue
                tc = ThanklintCheck(engine, languagetool_url=lt_eng.url if engine in ("languagetool", "both") else None)
                print(f"{tc.name}: Linter + engine + spaCy start-up {tc.startup_s:.2f} s")
                try:
                    r = run_suite(name, tc, only=only, limit=a.limit, workers=1, splits=splits,
                                  show_untuned=a.show_untuned)
                    if "speed" in only:
                        r["warm_note_ms"] = _warm_note_ms(tc)
                        print(f"  one warm note through Linter.check (bench/typical-note.txt): "
                              f"{r['warm_note_ms']:.1f} ms")
                finally:
                    tc.close()
                r["startup_s"] = tc.startup_s
            else:
                check, close = EXTRA_CHECKS[name]()
                print(name)
                try:
                    r = run_suite(name, check, only=only, limit=a.limit, workers=1, splits=splits)
                finally:
                    close()
            results.append(r)
        if "throughput" in only and lt_eng is not None:
            print(f"throughput ({lt_eng.name})")
            results.append({"engine": "throughput",
                            **throughput(lt_eng.url, n_notes=a.throughput_notes, repeat=a.repeat)})
    finally:
        if lt_eng is not None:
            lt_eng.close()
    if a.json:
        a.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    # Harper's native code prints debugging lines to fd 1 ("gerund_form: ..."): the figures go to
    # the real stdout on a private descriptor, as the CLI's output does (thanklint/stdio.py)
    import io

    from thanklint import stdio

    sys.stdout = io.TextIOWrapper(stdio.claim_stdout(), encoding="utf-8", line_buffering=True)
    raise SystemExit(main())
