"""Benchmark the grammar engines on JFLEG, Norvig's spelling sets, and speed.

    python bench/grammar.py                                  # Harper + LanguageTool (if found)
    python bench/grammar.py --engines harper
    python bench/grammar.py --languagetool-url http://127.0.0.1:8081
    python bench/grammar.py --languagetool-home ~/.local/share/thanklint/languagetool
    python bench/grammar.py --only jfleg --limit 200
    python bench/grammar.py --engines harper,languagetool,thanklint-harper,thanklint-languagetool \
        --languagetool-home /tmp/lt-install --only jfleg,spelling,noise,speed,throughput

Data is read from ../shared/bench relative to the repo root (never copied into the repo).

(a) JFLEG (dev, test), detokenised: recall = share of erroneous sentences (src != ref0) with
    at least one finding; false flags = share of their ref0 corrections with a finding. Also the
    same for findings of kind "grammar" only.
(b) Norvig: each misspelling in "I wrote the word X in my note.": share flagged as spelling on X,
    and share with the right word among the suggestions.
(c) Speed: LanguageTool start-up, one warm note; Harper construction and per note.
(d) Noise (``--only noise``): grammar and spelling findings per note on the published notes
    labelled ``errors: false`` and ``placeholder: false``, each finding printed.
(e) Throughput (``--only throughput``, needs LanguageTool): 200 notes through one server —
    thanklint's whole run (grammar engine languagetool) against LanguageTool's own /v2/check
    (sequential urllib POSTs of the same texts, same disabled rules), with thanklint's run with
    the grammar engine off and thanklint's LanguageToolEngine alone to show where time goes.

Engines: ``harper`` and ``languagetool`` are the raw engines (thanklint's default-disabled engine
rules off unless ``--raw``; no name filter); ``thanklint-harper`` and ``thanklint-languagetool``
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
import re
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
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
    src = (DATA / "jfleg" / f"{split}.src").read_text("utf-8").splitlines()
    ref = (DATA / "jfleg" / f"{split}.ref0").read_text("utf-8").splitlines()
    pairs = [(s, r) for s, r in zip(src, ref) if s.split() != r.split()]
    if limit:
        pairs = pairs[:limit]
    srcs = [detokenise(s) for s, _ in pairs]
    refs = [detokenise(r) for _, r in pairs]
    ms_src = _map(check, srcs, workers)
    ms_ref = _map(check, refs, workers)
    n = len(pairs)

    def share(ms: list[Sequence[MatchLike]], grammar_only: bool = False) -> float:
        k = sum(1 for m in ms if any((x.kind == "grammar") or not grammar_only for x in m))
        return k / n if n else 0.0

    return {
        "n": n,
        "recall": share(ms_src),
        "false_flags": share(ms_ref),
        "recall_grammar": share(ms_src, True),
        "false_flags_grammar": share(ms_ref, True),
    }


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


def notes() -> list[str]:
    p = DATA / "notes" / "real-dev.jsonl"
    return [json.loads(line)["text"] for line in p.read_text("utf-8").splitlines() if line.strip()]


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


def run_suite(name: str, check: Check, *, only: set[str], limit: int | None, workers: int = 1,
              out: Callable[[str], object] = print) -> dict[str, object]:
    """Run the benchmarks for one check callable and print a block of figures."""
    res: dict[str, object] = {"engine": name}
    if "jfleg" in only:
        for split in ("dev", "test"):
            t0 = time.monotonic()
            r = jfleg(check, split, limit=limit, workers=workers)
            res[f"jfleg_{split}"] = r
            out(f"  JFLEG {split:4} n={r['n']:4}: flags {_pct(round(r['recall'] * r['n']), r['n'])} "
                f"of erroneous sentences, {_pct(round(r['false_flags'] * r['n']), r['n'])} of their "
                f"corrections | grammar-kind only: {100 * r['recall_grammar']:.1f}% / "
                f"{100 * r['false_flags_grammar']:.1f}%  ({time.monotonic() - t0:.0f} s)")
    if "spelling" in only:
        t0 = time.monotonic()
        r = norvig(check, limit=limit, workers=workers, out=out)
        res["norvig"] = r
        out(f"  Norvig n={r['n']}: flagged as spelling {100 * r['flagged']:.1f}%, "
            f"right word suggested {100 * r['right_suggested']:.1f}% "
            f"(in the engine's full list: {100 * r['right_suggested_engine_list']:.1f}%); "
            f"flagged as anything {100 * r['flagged_any_kind']:.1f}%  ({time.monotonic() - t0:.0f} s)")
    if "speed" in only:
        r = speed_per_note(check)
        res["speed"] = r
        out(f"  per note ({r['notes']} published notes, warm): median {r['median_ms']:.1f} ms, "
            f"max {r['max_ms']:.1f} ms")
    return res


# ----------------------------------------------------------------------------- main


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default="harper,languagetool",
                    help="comma list: harper, languagetool, and any EXTRA_CHECKS names")
    ap.add_argument("--languagetool-url", default=None)
    ap.add_argument("--languagetool-home", default=None, type=Path)
    ap.add_argument("--only", default="jfleg,spelling,speed")
    ap.add_argument("--limit", type=int, default=None, help="first N items of each set (quick run)")
    ap.add_argument("--workers", type=int, default=2, help="parallel requests to LanguageTool")
    ap.add_argument("--raw", action="store_true",
                    help="do not disable thanklint's default-disabled engine rules")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    a = ap.parse_args(list(argv) if argv is not None else None)
    only = set(a.only.split(","))
    if not DATA.is_dir():
        print(f"benchmark data not found at {DATA}", file=sys.stderr)
        return 2

    from thanklint.grammar import DEFAULT_DISABLED_RULES, GrammarUnavailable

    if a.raw:
        for k in DEFAULT_DISABLED_RULES:
            DEFAULT_DISABLED_RULES[k] = ()

    results = []
    for name in [e.strip() for e in a.engines.split(",") if e.strip()]:
        if name == "harper":
            from thanklint.grammar.harper import HarperEngine

            t0 = time.perf_counter()
            eng = HarperEngine()
            start = time.perf_counter() - t0
            print(f"{eng.name}: construction {start:.2f} s")
            r = run_suite(eng.name, eng.check, only=only, limit=a.limit, workers=1)
            r["startup_s"] = start
            eng.close()
        elif name == "languagetool":
            from thanklint.grammar import languagetool as lt

            t0 = time.perf_counter()
            try:
                eng = lt.open_languagetool(url=a.languagetool_url, home=a.languagetool_home,
                                           timeout=60.0)
            except GrammarUnavailable as e:
                print(f"languagetool: skipped ({e})")
                continue
            start = time.perf_counter() - t0
            how = "connect" if a.languagetool_url else "JVM start-up incl. warm-up check"
            print(f"{eng.name}: {how} {start:.2f} s")
            try:
                r = run_suite(eng.name, eng.check, only=only, limit=a.limit, workers=a.workers)
            finally:
                eng.close()
            r["startup_s"] = start
        elif name in EXTRA_CHECKS:
            check, close = EXTRA_CHECKS[name]()
            print(name)
            try:
                r = run_suite(name, check, only=only, limit=a.limit, workers=1)
            finally:
                close()
        else:
            print(f"unknown engine {name!r}", file=sys.stderr)
            return 2
        results.append(r)
    if a.json:
        a.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
