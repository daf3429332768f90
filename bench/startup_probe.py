"""Where a cold `thanklint note.txt` spends its time, phase by phase (run by
`bench/speed.py --breakdown`; not part of thanklint).

    python bench/startup_probe.py OUT.json -- <thanklint arguments>

Wraps the functions each phase runs in (no change to thanklint itself), runs the CLI
in this process and writes one row per call to OUT.json: phase, thread, start and end
(seconds since this script started, which is after the interpreter's own start) and
the exclusive wall and CPU time (a nested phase's time is counted once, in itself).
CPU is per thread (time.thread_time), so Harper's build in its worker thread is
counted apart from spaCy's load in the main thread.
"""

from __future__ import annotations

import builtins
import json
import resource
import sys
import threading
import time

T0 = time.perf_counter()
ROWS: list[dict] = []
_STACKS = threading.local()


class _Phase:
    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        stack = _STACKS.__dict__.setdefault("stack", [])
        self.start, self.cpu, self.children_wall, self.children_cpu = time.perf_counter(), time.thread_time(), 0.0, 0.0
        stack.append(self)

    def __exit__(self, *exc):
        wall, cpu = time.perf_counter() - self.start, time.thread_time() - self.cpu
        stack = _STACKS.stack
        stack.pop()
        if stack:  # the parent reports only its own time
            stack[-1].children_wall += wall
            stack[-1].children_cpu += cpu
        ROWS.append({"phase": self.name, "thread": threading.current_thread().name,
                     "start": self.start - T0, "end": self.start + wall - T0,
                     "wall": wall - self.children_wall, "cpu": cpu - self.children_cpu})  # fmt: skip


def _wrap(owner, attr: str, phase: str) -> None:
    f = getattr(owner, attr)

    def timed(*a, **k):
        with _Phase(phase):
            return f(*a, **k)

    setattr(owner, attr, timed)


_import = builtins.__import__


def _timed_import(name, *a, **k):
    # the first import of a heavy package, where it happens (inside nlp.load, the worker thread, …)
    if name in ("spacy", "harper", "rich", "yaml", "language_tool_python") and name not in sys.modules:
        with _Phase(f"import {name}"):
            return _import(name, *a, **k)
    return _import(name, *a, **k)


def main() -> int:
    out, argv = sys.argv[1], sys.argv[sys.argv.index("--") + 1 :]
    builtins.__import__ = _timed_import
    with _Phase("import thanklint.cli"):
        from thanklint import cli
    with _Phase("import thanklint modules (a run imports them later, some in the worker thread)"):
        from thanklint import api, classifier, config, engine, formatters, nlp, proofreader
        from thanklint.grammar import combine, harper

    for owner, attr, phase in [
        (config, "load", "config"),
        (api, "_ruleset", "rule packs"),
        (engine, "configure", "rules: configure"),
        (api.Linter, "parse", "parse the note"),
        (nlp, "load", "spaCy load"),
        (nlp, "analyse_many", "spaCy parse"),
        (classifier, "load", "content model load"),
        (classifier, "score_all", "content model scoring"),
        (proofreader.Proofreader, "__init__", "grammar engine: thread started"),
        (combine, "calibration", "grammar engine: calibration"),
        (harper.HarperEngine, "__init__", "Harper construction"),
        (proofreader.Proofreader, "_check", "grammar check"),
        (nlp.Analysis, "proofread", "wait for the grammar check"),
        (engine, "run", "rules: run"),
        (formatters, "render", "report: render"),
    ]:
        _wrap(owner, attr, phase)
    with _Phase("cli.main"):
        code = cli.main(argv)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    summary = {"probe_wall": time.perf_counter() - T0, "process_cpu": usage.ru_utime + usage.ru_stime, "exit": code}
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"rows": ROWS, **summary}, f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
