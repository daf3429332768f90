"""Two engines, one verdict; fixes only when certain.

LanguageTool and Harper each cry wolf in their own way. Run together (``--grammar-engine both``,
or ``auto`` when LanguageTool is around), a problem is reported when

- both flag overlapping spans (agreement), or
- one flags it alone and its estimated precision is at least ``keep_alone``.

The precision of one engine's rule flagging alone is measured on JFLEG dev (right: the
correction removes the match; wrong: the match is on the correction) and smoothed towards its
family's (LanguageTool category, Harper lint kind), which is smoothed towards the engine's: a
rule seen a handful of times says little on its own, and a rule never seen on dev ("I has",
"look forward to hear") is judged by its family, not dropped. ``keep_alone`` is the lowest
threshold whose dev false flags, cross-validated, stay within the target in what the user gets:
the verdict after thanklint's name and field-word filters (kinds/proofread.py), which drop many
of one engine's spelling flags on their own. All figures are in
rules/thankyou/data/engine-rules.yaml, written by ``python bench/grammar.py --calibrate``.

Each problem is reported once: overlapping matches become one, with the span and message of the
more precise rule (and the other engine's replacements on the same span when it has none).

A replacement is *certain* (``EngineMatch.safe``, what ``--fix`` applies) only when both engines
put the same replacement first on the same span, or the match has a single replacement and either
its engine rule's single replacements were right at least ``certain_fixes`` of the time on the
Norvig sets and JFLEG dev, or it is a mechanical grammar fix the engine marks safe ("the the" ->
"the") that the measurement does not refute; a repeated word other than an article, a
preposition or a conjunction ("had had", "you you") is left to the writer. A spelling engine's
single suggestion is only its best guess ("wensday" -> "weekday"): it needs the measurement. A
spelling fix never splits a word ("usefull" -> "use full"). Single engines get the same test
(:class:`Vetted`).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

from . import Engine, EngineMatch, merge_matches

ENGINES = ("languagetool", "harper", "both")  # "both": agreements, as rules "agree-<kind>"
NAME = "languagetool+harper"  # the pair's short label (bench tables)


def both_name(languagetool: Engine, harper: Engine) -> str:
    """The engine line of a combined check: each engine's own name, so LanguageTool's version
    and "(warm)"/"(started)" stay visible: "languagetool 6.6 (warm) + harper 0.2.0"."""
    return f"{languagetool.name} + {harper.name}"


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
    prior: float = 2.0  # smoothing: a rule's figure counts as this many of its family's matches
    rules: tuple = ()  # ((engine, rule_id), RuleStats) pairs
    families: tuple = ()  # ((engine, category), RuleStats) pairs: right/wrong of all its rules

    @cached_property
    def _rules(self) -> dict:
        return dict(self.rules)

    @cached_property
    def _families(self) -> dict:
        return dict(self.families)

    @cached_property
    def _engines(self) -> dict:
        """engine -> its pooled precision alone, smoothed (one right and one wrong assumed)."""
        pooled: dict[str, list[int]] = {}
        for (e, _), s in self.families:
            pooled.setdefault(e, [0, 0])
            pooled[e][0] += s.right
            pooled[e][1] += s.right + s.wrong
        return {e: (r + 1) / (n + 2) for e, (r, n) in pooled.items()}

    def stats(self, engine: str, rule_id: str) -> RuleStats:
        return self._rules.get((engine, rule_id), RuleStats())

    def _shrunk(self, s: RuleStats, towards: float) -> float:
        return (s.right + self.prior * towards) / (s.right + s.wrong + self.prior)

    def precision(self, engine: str, rule_id: str, category: str = "") -> float:
        """The rule's measured precision alone, smoothed towards its family's, smoothed towards
        the engine's: a rule right 3 times of 3 in a family right half the time scores 0.8; a
        rule never measured scores its family's figure, a family never seen the engine's."""
        family = self._shrunk(self._families.get((engine, category), RuleStats()), self._engines.get(engine, 0.5))
        return self._shrunk(self.stats(engine, rule_id), family)

    def match_precision(self, engine: str, m: EngineMatch) -> float:
        return self.precision(engine, m.rule_id, family(m))

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
    families = []
    for engine, rows in (data.get("families") or {}).items():
        for cat, (right, wrong) in (rows or {}).items():
            families.append(((str(engine), str(cat)), RuleStats(int(right), int(wrong))))
    return Calibration(
        keep_alone=float(data.get("keep_alone", 1.01)),
        certain_fixes=float(data.get("certain_fixes", 0.99)),
        min_fixes=int(data.get("min_fixes", 20)),
        prior=float(data.get("prior", 2.0)),
        rules=tuple(rules),
        families=tuple(families),
    )


def family(m: EngineMatch) -> str:
    """The rule's family: its engine's category and its kind ("TYPOS/spelling" is LanguageTool's
    dictionary, "TYPOS/grammar" its confusion rules such as "your welcome")."""
    return f"{m.category}/{m.kind}"


def engine_of(eng) -> str:
    """'languagetool' or 'harper' from an engine's display name ("harper 0.2.0")."""
    return eng.name.split()[0]


def splits_word(text: str, m: EngineMatch, rep: str) -> bool:
    problem = text[m.offset : m.end]
    return len(rep.split()) > len(problem.split())


# A word typed twice is a slip to delete only for these: any other can be grammatical ("had had",
# "that that") or a missing comma ("if they fire you you will"), where deleting changes the sentence.
_SLIP_WHEN_TWICE = frozenset(
    "a an the to of in on at for from with by and or but as than my your our their its".split()
)


def _deletes_a_real_repeat(text: str, m: EngineMatch) -> bool:
    words = [w.strip(".,;:!?").lower() for w in text[m.offset : m.end].split()]
    return len(words) > 1 and len(set(words)) == 1 and words[0] not in _SLIP_WHEN_TWICE


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
    if _deletes_a_real_repeat(text, m):
        return False
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
        best, be = max(group, key=lambda x: cal.match_precision(x[1], x[0]))
        if len(engines) < 2 and cal.match_precision(be, best) < cal.keep_alone:
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
        safe = agreed or certain(text, best, be, cal)
        if not best.replacements:  # the other engine's for the same words: shown, never applied by --fix
            same = [m for m, e in group if e != be and (m.offset, m.length) == (best.offset, best.length)]
            best = replace(best, replacements=next((m.replacements for m in same if m.replacements), ()))
        out.append(replace(best, safe=safe))
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
    a thread of its own while Harper checks in the caller's, so both cost about what LanguageTool
    alone does (measured: `python bench/grammar.py --both-speed`)."""

    def __init__(self, languagetool: Engine, harper: Engine, cal: Calibration) -> None:
        self.languagetool, self.harper, self._cal = languagetool, harper, cal
        self.name = both_name(languagetool, harper)
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="thanklint-languagetool")

    def check(self, text: str, language: str | None = None) -> list[EngineMatch]:
        lt = self._pool.submit(self.languagetool.check, text, language=language)
        h = self.harper.check(text, language=language)
        return combine(text, {"languagetool": lt.result(), "harper": h}, self._cal)

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        self.harper.close()
        self.languagetool.close()
