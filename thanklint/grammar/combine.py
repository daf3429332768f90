"""Two engines, one verdict; fixes only when certain.

LanguageTool and Harper each cry wolf in their own way. Run together (``--grammar-engine both``,
or ``auto`` when LanguageTool is around), a problem is reported when

- both flag overlapping spans (agreement), or
- one flags it alone and that engine rule's precision measured on JFLEG dev is at least
  ``keep_alone`` (both figures in rules/thankyou/data/engine-rules.yaml, written by
  ``python bench/grammar.py --calibrate``),

and it is reported once: overlapping matches become one, with the span, message and suggestions
of the more precise rule.

A replacement is *certain* (``EngineMatch.safe``, what ``--fix`` applies) only when both engines
put the same replacement first on the same span, or the match has a single replacement and either
its engine rule's single replacements were right at least ``certain_fixes`` of the time on the
Norvig sets and JFLEG dev, or it is a mechanical grammar fix the engine marks safe ("the the" ->
"the") that the measurement does not refute. A spelling engine's single suggestion is only its
best guess ("wensday" -> "weekday"): it needs the measurement. A spelling fix never splits a
word ("usefull" -> "use full"). Single engines get the same test (:class:`Vetted`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from . import Engine, EngineMatch, merge_matches

ENGINES = ("languagetool", "harper", "both")  # "both": agreements, as rules "agree-<kind>"
NAME = "languagetool+harper"


@dataclass(frozen=True)
class RuleStats:
    """One engine rule on the calibration sets."""

    right: int = 0  # JFLEG dev matches the correction removes
    wrong: int = 0  # matches on corrected sentences (flags that stay, or appear)
    fixes_right: int = 0  # single replacements that were the right word / the correction's
    fixes: int = 0


@dataclass(frozen=True)
class Calibration:
    keep_alone: float = 1.01  # default: nothing is kept on one engine's word
    certain_fixes: float = 0.99
    min_fixes: int = 20  # fewer measured fixes than this: not enough to be certain
    rules: tuple = ()  # ((engine, rule_id), RuleStats) pairs

    def stats(self, engine: str, rule_id: str) -> RuleStats:
        return dict(self.rules).get((engine, rule_id), RuleStats())

    def precision(self, engine: str, rule_id: str) -> float:
        """Smoothed (one right and one wrong assumed): an unmeasured rule scores 0.5, a rule
        right 3 times of 3 scores 0.8 — a handful of matches proves little. (Smoothing towards
        each engine's pooled precision of rare rules instead kept more on JFLEG test, 65.6%, but
        flagged 9.5% of corrections.)"""
        s = self.stats(engine, rule_id)
        return (s.right + 1) / (s.right + s.wrong + 2)

    def fix_certain(self, engine: str, rule_id: str) -> bool:
        s = self.stats(engine, rule_id)
        return s.fixes >= self.min_fixes and s.fixes_right >= self.certain_fixes * s.fixes

    def fix_refuted(self, engine: str, rule_id: str) -> bool:
        s = self.stats(engine, rule_id)
        return s.fixes >= self.min_fixes and s.fixes_right < self.certain_fixes * s.fixes


DATA = Path("thankyou") / "data" / "engine-rules.yaml"


@lru_cache(maxsize=None)
def calibration(path: Path | None = None) -> Calibration:
    """The measured figures (rules/thankyou/data/engine-rules.yaml unless `path`)."""
    import yaml

    from thanklint.packs import rules_root

    path = path or rules_root() / DATA
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    rules = []
    for engine in ENGINES:
        for rid, row in (data.get(engine) or {}).items():
            right, wrong, fixes_right, fixes = (int(x) for x in row)
            rules.append(((engine, str(rid)), RuleStats(right, wrong, fixes_right, fixes)))
    return Calibration(
        keep_alone=float(data.get("keep_alone", 1.01)),
        certain_fixes=float(data.get("certain_fixes", 0.99)),
        min_fixes=int(data.get("min_fixes", 20)),
        rules=tuple(rules),
    )


def engine_of(eng) -> str:
    """'languagetool' or 'harper' from an engine's display name ("harper 0.2.0")."""
    return eng.name.split()[0]


def splits_word(text: str, m: EngineMatch, rep: str) -> bool:
    problem = text[m.offset : m.end]
    return len(rep.split()) > len(problem.split())


def certain(text: str, m: EngineMatch, engine: str, cal: Calibration) -> bool:
    """Is the match's single replacement right (almost) always?

    A spelling engine's single suggestion is its best guess among candidates ("wensday" ->
    "weekday"): certain only when its rule is measured right >= certain_fixes. A grammar rule the
    engine calls mechanical ("the the" -> "the", `safe`) is certain unless measured wrong more often.
    """
    if len(m.replacements) != 1:
        return False
    if m.kind == "spelling":
        problem = text[m.offset : m.end]
        if splits_word(text, m, m.replacements[0]) or problem[:1].isupper():  # a name, likely
            return False
        return cal.fix_certain(engine, m.rule_id)
    return cal.fix_certain(engine, m.rule_id) or (m.safe and not cal.fix_refuted(engine, m.rule_id))


def vet(text: str, matches: list[EngineMatch], engine: str, cal: Calibration) -> list[EngineMatch]:
    """One engine's matches with `safe` meaning certain."""
    return [replace(m, safe=certain(text, m, engine, cal)) for m in matches]


def _overlap(a: EngineMatch, b: EngineMatch) -> bool:
    if a.offset == b.offset:
        return True
    return a.offset < b.end and b.offset < a.end


def combine(text: str, by_engine: dict[str, list[EngineMatch]], cal: Calibration) -> list[EngineMatch]:
    """One verdict from both engines' matches (see the module docstring)."""
    tagged = sorted(
        ((m, e) for e, ms in by_engine.items() for m in ms), key=lambda x: (x[0].offset, -x[0].length)
    )
    groups: list[list[tuple[EngineMatch, str]]] = []
    for m, e in tagged:  # runs of overlapping matches, in text order
        if groups and any(_overlap(m, o) for o, _ in groups[-1]):
            groups[-1].append((m, e))
        else:
            groups.append([(m, e)])
    out = []
    for group in groups:
        engines = {e for _, e in group}
        best, be = max(group, key=lambda x: cal.precision(x[1], x[0].rule_id))
        if len(engines) < 2 and cal.precision(be, best.rule_id) < cal.keep_alone:
            continue
        agreed = bool(best.replacements) and any(
            e != be and (m.offset, m.length) == (best.offset, best.length)
            and m.replacements[:1] == best.replacements[:1]
            for m, e in group
        )
        if agreed and cal.fix_refuted("both", f"agree-{best.kind}"):  # agreeing is not enough for this kind
            agreed = False
        if agreed and best.kind == "spelling":  # never split a word, never "fix" a name
            agreed = not splits_word(text, best, best.replacements[0]) and not text[best.offset : best.end][:1].isupper()
        out.append(replace(best, safe=agreed or certain(text, best, be, cal)))
    return merge_matches(out)


class Vetted:
    """One engine whose matches' `safe` means certain (see :func:`certain`)."""

    def __init__(self, engine: Engine, cal: Calibration) -> None:
        self._engine, self._cal = engine, cal
        self.name = engine.name
        self.kind = engine_of(engine)

    def check(self, text: str, language: str | None = None) -> list[EngineMatch]:
        return vet(text, self._engine.check(text, language=language), self.kind, self._cal)

    def close(self) -> None:
        self._engine.close()

    def __getattr__(self, attr):  # the engine's own attributes (url, disabled_rules, ...)
        return getattr(self._engine, attr)


class CombinedEngine:
    """LanguageTool and Harper on every text, one verdict. LanguageTool (an HTTP call) runs in
    a thread of its own while Harper checks in the caller's: the extra time is Harper's few
    milliseconds at most."""

    name = NAME

    def __init__(self, languagetool: Engine, harper: Engine, cal: Calibration) -> None:
        self.languagetool, self.harper, self._cal = languagetool, harper, cal
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="thanklint-languagetool")

    def check(self, text: str, language: str | None = None) -> list[EngineMatch]:
        lt = self._pool.submit(self.languagetool.check, text, language=language)
        h = self.harper.check(text, language=language)
        return combine(text, {"languagetool": lt.result(), "harper": h}, self._cal)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self.harper.close()
        self.languagetool.close()
