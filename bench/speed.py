"""Speed, as ratios measured side by side in one run (the machine is shared and noisy).

    python bench/speed.py [--notes N] [--repeat R]

(a) one typical note, warm, all rules, against the bare spaCy pipeline on the same note;
    (a') the same note with the content rules' model against their cues alone (issue 8: the
    content model may cost at most 15% more);
(b) N notes in one run (Linter.check → nlp.pipe) against nlp.pipe on the same texts;
    (a) and (b) in wall time and in this process's CPU time: on a shared, busy machine the
    wall ratio swings with the load, the CPU ratio much less;
(c) `thanklint --version` cold against `python -c pass`;
(d) `thanklint note.txt` cold against `python -c "import spacy; spacy.load(model)"`;
(e) with --languagetool (a local install): `thanklint note.txt` with LanguageTool, its first-ever
    run (it starts the shared server), with the shared server warm, with its own JVM (idle_timeout
    0), against Harper: wall and CPU; and the idle shared server's memory.
(f) with --breakdown: only (d), in wall and CPU time, and where the cold run's time goes,
    phase by phase (bench/startup_probe.py), with Harper's build against spaCy's load.
With --checkout DIR: (a) and (b) of the thanklint in DIR (a worktree of another commit), so two
commits are measured by the same script, run after run.
Each figure is the median of R alternating runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as thanklint's CLI sets it (cli.main), before numpy loads

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NOTES = ROOT.parent / "shared" / "bench" / "notes" / "real-dev.jsonl"
TYPICAL = ROOT / "bench" / "typical-note.txt"  # a typical note: 150–250 words


def _median_pair(f, g, repeat: int) -> tuple[float, float]:
    return _median_pairs(f, g, repeat)[:2]


def _median_pairs(f, g, repeat: int) -> tuple[float, float, float, float]:
    """Median wall seconds of f and g, then their median CPU seconds (this process's)."""
    a, b, ca, cb = [], [], [], []
    for _ in range(repeat):  # alternate, so drift in machine load hits both sides alike
        for fn, wall, cpu in ((f, a, ca), (g, b, cb)):
            t, c = time.perf_counter(), time.process_time()
            fn()
            wall.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
    return tuple(statistics.median(x) for x in (a, b, ca, cb))


def _run(cmd: list[str], cwd: Path):
    return lambda: subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--grammar-engine", default="harper",
                    help="engine for all four figures (default harper, the embedded one; 'off' measures the rules alone)")
    ap.add_argument("--languagetool", action="store_true",
                    help="only (e): LanguageTool per run vs the shared warm server vs Harper (slow: a JVM per cold run)")
    ap.add_argument("--breakdown", action="store_true",
                    help="only (f): cold run vs spacy.load in wall and CPU, and the cold run's time per phase")
    ap.add_argument("--before", metavar="DIR", type=Path,
                    help="with --breakdown: also time the cold run of another thanklint, side by side "
                         "(DIR: `git archive REV thanklint rules | tar -x -C DIR`)")
    ap.add_argument("--checkout", metavar="DIR", type=Path,
                    help="only (a) and (b), of the thanklint in DIR (`git worktree add DIR REV`)")
    args = ap.parse_args()
    if args.checkout:
        sys.path.insert(0, str(args.checkout.resolve()))
    if args.languagetool:
        return _languagetool(args.repeat)
    if args.breakdown:
        return _breakdown(args.repeat, args.grammar_engine, args.before)

    from dataclasses import replace

    from thanklint import nlp
    from thanklint.api import Linter
    from thanklint.config import Config, Grammar

    print(f"grammar engine: {args.grammar_engine}" + (f"; thanklint from {args.checkout}" if args.checkout else ""))
    linter = Linter.create(replace(Config(), grammar=Grammar(engine=args.grammar_engine)))
    model = nlp.load(linter.needs)
    text = TYPICAL.read_text(encoding="utf-8")
    note = linter.parse(text)
    linter.check([note])  # warm up
    words = len(text.split())

    t_rules, t_nlp, c_rules, c_nlp = _median_pairs(lambda: linter.check([linter.parse(text)]),
                                                   lambda: model(note.analysis_text), args.repeat * 5)  # fmt: skip
    print(f"(a) one note ({words} words), warm:   thanklint {t_rules * 1000:6.1f} ms   "
          f"bare spaCy {t_nlp * 1000:6.1f} ms   ratio {t_rules / t_nlp:.2f}x  (target <= 1.25x)")  # fmt: skip
    print(f"    CPU:                          thanklint {c_rules * 1000:6.1f} ms   "
          f"bare spaCy {c_nlp * 1000:6.1f} ms   ratio {c_rules / c_nlp:.2f}x")  # fmt: skip
    # what the content model (issue 8) costs: the same rules with their cues alone
    cues_only = Linter.create(replace(linter.config, rules={r.id: {"model": ""} for r in linter.rules
                                                            if getattr(r.params, "model", "")}))  # fmt: skip
    cues_only.check([note])
    t_model, t_cues, c_model, c_cues = _median_pairs(lambda: linter.check([linter.parse(text)]),
                                                     lambda: cues_only.check([cues_only.parse(text)]), args.repeat * 5)  # fmt: skip
    print(f"(a') the content model's cost:  with it {t_model * 1000:6.1f} ms   cues only {t_cues * 1000:6.1f} ms   "
          f"ratio {t_model / t_cues:.2f}x  (issue 8: <= 1.15x)   CPU ratio {c_model / c_cues:.2f}x")  # fmt: skip

    base = [json.loads(line)["text"] for line in NOTES.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [base[i % len(base)] + f"\n\nRef {i}" for i in range(args.notes)]
    notes = [linter.parse(t, path=str(i)) for i, t in enumerate(texts)]
    analysis_texts = [n.analysis_text for n in notes]
    t_lint, t_pipe, c_lint, c_pipe = _median_pairs(lambda: linter.check([linter.parse(t) for t in texts]),
                                                   lambda: list(model.pipe(analysis_texts, batch_size=32)),
                                                   max(3, args.repeat // 2))  # fmt: skip
    print(f"(b) {args.notes} notes in one run:      thanklint {args.notes / t_lint:6.1f} notes/s   "
          f"nlp.pipe {args.notes / t_pipe:6.1f} notes/s   throughput ratio {t_pipe / t_lint:.2f}x  (target >= 0.8x)")  # fmt: skip
    print(f"    CPU:                          thanklint {args.notes / c_lint:6.1f} notes/s   "
          f"nlp.pipe {args.notes / c_pipe:6.1f} notes/s   throughput ratio {c_pipe / c_lint:.2f}x")  # fmt: skip
    if args.checkout:  # (c) and (d) run the installed command: not the checkout's
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        (cwd / "note.txt").write_text(text, encoding="utf-8")
        script = Path(sys.executable).with_name("thanklint")  # the installed command, as users run it
        exe = [str(script)] if script.exists() else [sys.executable, "-m", "thanklint"]
        t_ver, t_pass = _median_pair(_run(exe + ["--version"], cwd), _run([sys.executable, "-c", "pass"], cwd), args.repeat)
        print(f"(c) --version cold:           thanklint {t_ver * 1000:6.0f} ms   python -c pass {t_pass * 1000:6.0f} ms"
              f"   ratio {t_ver / t_pass:.2f}x  (target <= 3x)")  # fmt: skip
        load = f"import spacy; spacy.load({nlp.model_name()!r})"
        cmd = exe + ["--isolated", "--no-cache", "--grammar-engine", args.grammar_engine, "note.txt"]
        t_note, t_spacy = _median_pair(_run(cmd, cwd), _run([sys.executable, "-c", load], cwd),
                                       args.repeat)  # fmt: skip
        print(f"(d) one note cold:            thanklint {t_note * 1000:6.0f} ms   spacy.load {t_spacy * 1000:6.0f} ms"
              f"   ratio {t_note / t_spacy:.2f}x  (target <= 1.2x)")  # fmt: skip
    return 0


def _timed(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of a command and everything it waited for (its JVM too)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _breakdown(repeat: int, grammar_engine: str, before: Path | None = None) -> int:
    """(f): the cold run against spacy.load side by side (wall and CPU, medians), then the
    probe's phases (medians of the exclusive times per phase, summed over a run's calls)."""
    import os

    from thanklint import nlp

    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        (cwd / "note.txt").write_text(TYPICAL.read_text(encoding="utf-8"), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}  # this checkout's thanklint, whatever is installed
        env.pop("THANKLINT_LANGUAGETOOL_URL", None)
        args = ["--isolated", "--no-cache", "--grammar-engine", grammar_engine, "note.txt"]
        runs = {
            "thanklint": [sys.executable, "-m", "thanklint", *args],
            "spacy.load": [sys.executable, "-c", f"import spacy; spacy.load({nlp.model_name()!r})"],
            # the floor of a Harper run: spaCy's load and Harper's dictionary, nothing of thanklint
            "floor": [sys.executable, "-c", "import threading, harper, spacy; t = threading.Thread(target=harper.Linter);"
                      f" t.start(); spacy.load({nlp.model_name()!r}); t.join()"],
            "probe": [sys.executable, str(ROOT / "bench" / "startup_probe.py"), str(cwd / "probe.json"), "--", *args],
        }
        envs = {name: env for name in runs}
        if before is not None:  # the other checkout's package first on the path
            runs["before"] = runs["thanklint"]
            envs["before"] = {**env, "PYTHONPATH": str(before.resolve())}
        got: dict[str, list[tuple[float, float]]] = {k: [] for k in runs}
        phases: dict[tuple[str, str], list[tuple[float, float, float, float]]] = {}
        totals = []
        for _ in range(repeat):  # alternate, so drift in machine load hits all alike
            for name, cmd in runs.items():
                got[name].append(_timed(cmd, cwd, envs[name]))
            probe = json.loads((cwd / "probe.json").read_text(encoding="utf-8"))
            totals.append((probe["probe_wall"], probe["process_cpu"]))
            summed: dict[tuple[str, str], list[float]] = {}
            for row in probe["rows"]:
                key = (row["phase"], "main" if row["thread"] == "MainThread" else "worker")
                acc = summed.setdefault(key, [0.0, 0.0, row["start"], row["end"]])  # start-end: the first call's
                acc[0] += row["wall"]
                acc[1] += row["cpu"]
            for key, acc in summed.items():
                phases.setdefault(key, []).append(tuple(acc))
    med = statistics.median
    print(f"(f) grammar engine {grammar_engine}, median of {repeat} alternating runs; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    (tw, tc), (sw, sc) = [(med(w for w, _ in got[k]), med(c for _, c in got[k])) for k in ("thanklint", "spacy.load")]
    print(f"    thanklint note.txt cold: {tw:5.2f} s wall {tc:5.2f} s CPU")
    print(f"    spacy.load alone:        {sw:5.2f} s wall {sc:5.2f} s CPU")
    print(f"    ratio:                   {tw / sw:5.2f}x wall {tc / sc:5.2f}x CPU  (target <= 1.4x CPU)")
    if before is not None:
        bw, bc = med(w for w, _ in got["before"]), med(c for _, c in got["before"])
        print(f"    before ({before}): {bw:5.2f} s wall {bc:5.2f} s CPU, {bw / sw:.2f}x wall {bc / sc:.2f}x CPU")
    fw, fc = med(w for w, _ in got["floor"]), med(c for _, c in got["floor"])
    print(f"    floor (spacy.load + harper.Linter() in a thread, nothing else): {fw:5.2f} s wall {fc:5.2f} s CPU, "
          f"{fw / sw:.2f}x wall {fc / sc:.2f}x CPU")  # fmt: skip
    print(f"    phases (probe run: {med(w for w, _ in totals):.2f} s wall, {med(c for _, c in totals):.2f} s CPU "
          "after interpreter start; exclusive times; start-end since the probe started):")  # fmt: skip
    print(f"      {'phase':<44} {'thread':<6} {'wall':>6} {'CPU':>6}   {'start':>5}-{'end':<5}")
    order = sorted(phases, key=lambda k: med(p[2] for p in phases[k]))
    for key in order:
        ps = phases[key]
        print(f"      {key[0][:44]:<44} {key[1]:<6} {med(p[0] for p in ps):6.3f} {med(p[1] for p in ps):6.3f}   "
              f"{med(p[2] for p in ps):5.2f}-{med(p[3] for p in ps):<5.2f}"
              + ("" if len(ps) == repeat else f"  (in {len(ps)} of {repeat} runs)"))  # fmt: skip
    return 0


def _languagetool(repeat: int) -> int:
    """(e): one note, cold thanklint, with LanguageTool its first-ever run (no shared server:
    this run starts it), with the shared server warm, with its own JVM (idle_timeout 0), and
    with Harper; then the idle shared server's memory. CPU is thanklint's process and its
    children: a shared server's JVM is no child of the run, so its CPU is not counted."""
    import os

    from thanklint.grammar import shared_server
    from thanklint.grammar.languagetool import find_install

    if find_install() is None:
        print("(e) no local LanguageTool install: 'thanklint setup languagetool' or THANKLINT_LANGUAGETOOL_HOME")
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        cwd = Path(tmp)
        (cwd / "note.txt").write_text(TYPICAL.read_text(encoding="utf-8"), encoding="utf-8")
        (cwd / "run").mkdir(mode=0o700)
        os.environ["XDG_RUNTIME_DIR"] = str(cwd / "run")  # a server of the bench's own (status() reads it too)
        env = {**os.environ}
        env.pop("THANKLINT_LANGUAGETOOL_URL", None)
        shared = {**env, "THANKLINT_LANGUAGETOOL_IDLE_TIMEOUT": "600"}
        thanklint = [sys.executable, "-m", "thanklint"]
        lt = thanklint + ["--grammar-engine", "languagetool", "--isolated", "--no-cache", "note.txt"]

        def stop() -> None:
            subprocess.run(thanklint + ["server", "stop"], cwd=cwd, env=env, stdout=subprocess.DEVNULL, check=False)

        runs = {  # name: (command, env, what to do first); in this order, so the warm run finds the server
            "LanguageTool, first-ever run (starts the server)": (lt, shared, stop),
            "LanguageTool, shared server (warm)": (lt, shared, None),
            "LanguageTool, own JVM (idle_timeout 0)": (lt, {**env, "THANKLINT_LANGUAGETOOL_IDLE_TIMEOUT": "0"}, None),
            "Harper": (thanklint + ["--grammar-engine", "harper", "--isolated", "--no-cache", "note.txt"], env, None),
        }
        got: dict[str, list[tuple[float, float]]] = {k: [] for k in runs}
        rss: list[int] = []
        try:
            for _ in range(repeat):  # alternate, so drift in machine load hits all alike
                for name, (cmd, e, first) in runs.items():
                    if first:
                        first()
                    got[name].append(_timed(cmd, cwd, e))
                time.sleep(5)  # the server idle since the warm run and two runs without it
                st = shared_server.status()
                if st is not None and st["rss_bytes"]:
                    rss.append(st["rss_bytes"])
        finally:
            stop()
    med = statistics.median
    print(f"(e) one note cold, median of {repeat} alternating runs; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")  # fmt: skip
    for name, times in got.items():
        print(f"    {name:<50} {med(w for w, _ in times):6.1f} s wall  {med(c for _, c in times):6.1f} s CPU")
    (ww, wc), (hw, hc) = [(med(w for w, _ in got[k]), med(c for _, c in got[k]))
                          for k in ("LanguageTool, shared server (warm)", "Harper")]  # fmt: skip
    print(f"    warm LanguageTool / Harper: {ww / hw:.2f}x wall, {wc / hc:.2f}x CPU  (target <= 1.0x)")
    print("    idle shared server (watchdog + JVM, resident): "
          + (f"{med(rss) / 2**20:.0f} MB (median of {len(rss)})" if rss else "unknown"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
