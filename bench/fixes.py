"""What `--fix` would apply, and how often it is the right word (issue 9, item 6).

    python bench/fixes.py                                   # harper, languagetool, both
    python bench/fixes.py --engines harper
    python bench/fixes.py --fix-margin 0                    # without respell's corrections (before)
    THANKLINT_LANGUAGETOOL_HOME=.ci-languagetool python bench/fixes.py --engines languagetool,both

thanklint's whole pipeline (default rules, `Grammar(engine=...)`), each text checked as a note,
and the replacements `--fix` would apply (thanklint.fix.safe_edits) counted on:

- Norvig's two spelling sets, each misspelling in "I wrote the word X in my note.": right when
  the fix on X is Norvig's word; a fix elsewhere in the sentence is wrong;
- JFLEG dev (detokenised), every sentence, by rule: right by the calibration's test
  (bench/grammar.py `_fix_right`: the fix with the words either side of it is in one of the 4
  corrections), and "aligned": what the fix writes is what a correction has in its place
  (tokens aligned; the words either side may differ, as when a correction also fixes a
  neighbour). Neither judges every grammar fix: a correction left as the learner wrote it
  credits a deleted repeat ("fire you you will" -> "fire you will"); read the listed cases.

JFLEG test is not used: it is the grammar layer's held-out set. Data is read from
../shared/bench (never copied into the repo).
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from grammar import DATA, NORVIG_PREFIX, _fix_right, _jfleg_lines, norvig_text  # noqa: E402

_TOKEN = re.compile(r"\w+(?:'\w+)?|[^\w\s]")


def norvig_sets() -> dict[str, list[tuple[str, str]]]:
    """set name -> (right, wrong) misspellings."""
    out = {}
    for f in sorted((DATA / "spelling").glob("*.txt")):
        cases = []
        for line in f.read_text("utf-8").splitlines():
            if ":" in line:
                right, wrongs = line.split(":", 1)
                cases += [(right.strip(), w) for w in wrongs.split()]
        out[f.stem.replace("norvig-spell-", "norvig ")] = cases
    return out


def aligned(text: str, start: int, end: int, fix: str, ref: str) -> bool:
    """Does `ref` have what the fix writes where the fix writes it? The fixed sentence's tokens
    (words, punctuation marks) aligned with the correction's: the tokens the fix wrote must be
    ones the correction has unchanged. A fix that leaves no token (a pure deletion) is not judged
    so (False)."""
    fixed = text[:start] + fix + text[end:]
    fw = [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(fixed)]
    rw = [m.group().lower() for m in _TOKEN.finditer(ref)]
    mine = {i for i, (_, s, e) in enumerate(fw) if s < start + len(fix) and e > start}
    same: set[int] = set()
    for op, i1, i2, _, _ in difflib.SequenceMatcher(None, [w for w, _, _ in fw], rw, autojunk=False).get_opcodes():
        if op == "equal":
            same.update(range(i1, i2))
    return bool(mine) and mine <= same


class Fixes:
    """`--fix`'s edits on texts, through one Linter."""

    def __init__(self, engine: str, fix_margin: float | None = None) -> None:
        from thanklint.api import Linter
        from thanklint.config import Config, Grammar

        rules = {} if fix_margin is None else {"spelling": {"fix_margin": fix_margin}}
        self.linter = Linter.create(Config(grammar=Grammar(engine=engine, require=True, timeout=60.0), rules=rules))
        self.name = engine

    def edits(self, texts: list[str], batch: int = 64) -> list[list[tuple[str, object]]]:
        """Per text, (rule id, suggestion) for each replacement --fix would apply."""
        from thanklint import fix

        out = []
        for k in range(0, len(texts), batch):
            notes = [self.linter.parse(t, path=str(k + i)) for i, t in enumerate(texts[k : k + batch])]
            for r in self.linter.check(notes):
                rule = {id(s): f.rule for f in r.findings for s in f.suggestions}
                out.append([(rule[id(e)], e) for e in fix.safe_edits(r)])
        return out

    def close(self) -> None:
        self.linter.close()


def measure(fx: Fixes, out=print) -> dict:
    res = {}
    a = len(NORVIG_PREFIX)
    for name, cases in norvig_sets().items():
        texts = [norvig_text(w) for _, w in cases]
        applied = right = 0
        wrong = []
        for (r, w), t, edits in zip(cases, texts, fx.edits(texts)):
            for _, e in edits:
                applied += 1
                on_word = e.span.offset == a and e.span.length == len(w)
                ok = on_word and e.text.lower() == r.lower()
                right += ok
                if not ok:
                    wrong.append(f"{t[e.span.offset:e.span.offset + e.span.length]}->{e.text} ({r})")
        res[name] = {"cases": len(cases), "applied": applied, "right": right}
        out(f"  {fx.name:<13} {name:<10} ({len(cases)} misspellings): applies {applied:3}, right {right:3}"
            f"{_pct(right, applied)}" + (f"; wrong: {', '.join(wrong)}" if wrong else ""))
    src, refs = _jfleg_lines("dev")
    by_rule: dict[str, list] = {}  # rule -> [applied, right, right aligned, examples]
    for t, rs, edits in zip(src, refs, fx.edits(src)):
        for rule, e in edits:
            s, n = e.span.offset, e.span.length
            m = type("M", (), {"offset": s, "length": n})()
            ok = _fix_right(t, m, e.text, rs)
            ok_a = any(aligned(t, s, s + n, e.text, r) for r in rs)
            row = by_rule.setdefault(rule, [0, 0, 0, []])
            row[0] += 1
            row[1] += ok
            row[2] += ok_a
            if not (ok and ok_a):
                row[3].append(f"{t[s:s + n]}->{e.text} ({'fragment ok' if ok else 'aligned ok' if ok_a else 'neither'})")
    res["jfleg dev"] = {rule: dict(zip(("applied", "right", "right_aligned"), row)) for rule, row in by_rule.items()}
    if not by_rule:
        out(f"  {fx.name:<13} {'jfleg dev':<10} ({len(src)} sentences): applies   0")
    for rule, (applied, right, right_a, wrong) in sorted(by_rule.items()):
        out(f"  {fx.name:<13} {'jfleg dev':<10} ({len(src)} sentences), {rule}: applies {applied:3}, right {right:3}"
            f"{_pct(right, applied)}, aligned {right_a:3}{_pct(right_a, applied)}"
            + (f"; not both: {', '.join(wrong)}" if wrong else ""))
    return res


def _pct(n: int, d: int) -> str:
    return f" ({100 * n / d:5.1f}%)" if d else " (  n/a )"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default="harper,languagetool,both", help="comma list of harper, languagetool, both")
    ap.add_argument("--fix-margin", type=float, default=None,
                    help="the spelling rule's fix_margin instead of the pack's (0: the engines' certain fixes only)")
    a = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"benchmark data not found at {DATA}", file=sys.stderr)
        return 2
    for engine in a.engines.split(","):
        fx = Fixes(engine.strip(), a.fix_margin)
        try:
            print(f"{fx.name}: {fx.linter.grammar_status}")
            measure(fx)
        finally:
            fx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
