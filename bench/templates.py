"""Speed of a CI run over a folder of templates (issue 5): a cold run against the
same run with a warm cache, and -j 2 against -j 1 (both without the cache).

    python bench/templates.py [--count 200] [--grammar-engine harper]

Each figure is the wall time of the real CLI (`python -m thanklint`) as a
subprocess, best of --repeat runs, so start-up (spaCy's load) is included as a
user would see it."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONFIG = """\
vocabulary = ["Northwind"]

[template]
enabled = true
variables = ["company", "interviewer", "role", "topic", "sender"]

[template.samples]
company = "Northwind Traders"
interviewer = "Dana Alvarez"
role = "data analyst"
topic = "the move of your ticket queue to a follow-the-sun rota"
sender = "Sam Okafor"
"""
OPENINGS = ["Thank you for taking the time to meet with me about the {{role}} position at {{company}}.",
            "Thank you for the conversation about the {{role}} role and for introducing me to the team.",
            "I appreciated the time you spent with me discussing the {{role}} opening at {{company}}."]
DETAILS = ["I especially enjoyed hearing about {{topic}}, and how the team measured its effect.",
           "Hearing about {{topic}} made the work feel concrete.",
           "I keep thinking about {{topic}} and the trade-offs you described."]
FITS = ["In my current job I automated our weekly reporting in SQL and Python ({n} reports a month).",
        "My {n} months of running support analytics match what you described.",
        "I built a forecasting model for {n} support agents, which is close to the work you described."]


def make(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    (folder / "thanklint.toml").write_text(CONFIG, encoding="utf-8")
    for i in range(count):
        text = (f"Dear {{{{interviewer}}}},\n\n{OPENINGS[i % 3]} {DETAILS[(i // 3) % 3]}\n\n"
                f"I'm excited about the chance to join {{{{company}}}}. {FITS[(i // 9) % 3].format(n=i + 2)}\n\n"
                "I look forward to hearing about the next steps.\n\nBest regards,\n{{sender}}\n")  # fmt: skip
        (folder / f"template-{i:03d}.md").write_text(text, encoding="utf-8")


def run(args: list[str], cwd: Path, env: dict) -> float:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "thanklint", *args], cwd=cwd, env=env, capture_output=True)
    took = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"thanklint failed ({proc.returncode}): {proc.stderr.decode()}")
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--grammar-engine", default="harper")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="thanklint-bench-"))
    try:
        folder = tmp / "templates"
        make(folder, a.count)
        env = {**os.environ, "THANKLINT_CACHE_DIR": str(tmp / "cache"), "NO_COLOR": "1"}
        env.pop("THANKLINT_LANGUAGETOOL_URL", None)
        base = [".", "--format", "json", "--grammar-engine", a.grammar_engine]
        colds, warms = [], []
        for _ in range(a.repeat):
            shutil.rmtree(tmp / "cache", ignore_errors=True)
            colds.append(run(base, folder, env))
            warms.append(run(base, folder, env))
        j1 = min(run([*base, "--no-cache", "-j", "1"], folder, env) for _ in range(a.repeat))
        j2 = min(run([*base, "--no-cache", "-j", "2"], folder, env) for _ in range(a.repeat))
        cold, warm = min(colds), min(warms)
        print(f"{a.count} templates, grammar engine {a.grammar_engine}, best of {a.repeat}, {os.cpu_count()} CPUs")
        print(f"  cold cache   {cold:7.2f} s")
        print(f"  warm cache   {warm:7.2f} s   ({cold / warm:.1f}x faster)")
        print(f"  -j 1         {j1:7.2f} s   (no cache)")
        print(f"  -j 2         {j2:7.2f} s   ({j1 / j2:.2f}x against -j 1)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
