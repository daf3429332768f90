"""A small pattern language over spaCy tokens, so rule files can say what a signal
looks like without regexes over raw text.

A cue is a space-separated sequence of steps:

- `thank|appreciate`  a token whose lower-case text or lemma is one of the words;
- `excited?`          the same, optional;
- `fit|match:NOUN`    the same, and only with one of these parts of speech or tags;
- `*`                 any one token;
- `~3`                up to three tokens of any kind;
- `@PROPN|VBN`        a token with one of these parts of speech or tags;
- `I`                 words are compared lower-case, so `I` matches "I" and "i".

A match is dropped when a negation ("not", "n't", "never", "no") stands within
three tokens before it, unless the cue itself spells the negation out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from thanklint.nlp import Words

_NEGATORS = frozenset({"not", "n't", "never", "no", "nothing", "hardly"})


@dataclass(frozen=True)
class Step:
    op: str  # word | any | gap | pos
    values: frozenset[str] = frozenset()
    optional: bool = False
    size: int = 0
    tags: frozenset[str] = frozenset()  # for words: parts of speech or tags the token must have


@dataclass(frozen=True)
class Cue:
    source: str
    steps: tuple[Step, ...]
    spells_negation: bool = False  # a step names a negator ("n't|not hesitate"): negation does not drop it
    # the first word step, when only one-token steps come before it ("@CD year|years"): a match
    # can only start that many tokens before where one of its words stands
    anchor: int | None = None


class CueError(ValueError):
    pass


@lru_cache(maxsize=2048)
def compile_cue(source: str) -> Cue:
    steps = []
    for part in source.split():
        optional = part.endswith("?") and len(part) > 1
        if optional:
            part = part[:-1]
        if part == "*":
            steps.append(Step("any", optional=optional))
        elif part.startswith("~"):
            if not part[1:].isdigit():
                raise CueError(f"'{part}': a gap is ~ and a number, like ~3")
            steps.append(Step("gap", size=int(part[1:])))
        elif part.startswith("@"):
            steps.append(Step("pos", frozenset(part[1:].split("|")), optional))
        else:
            part, _, tags = part.partition(":") if ":" in part[1:] else (part, "", "")
            words = frozenset(w.replace("’", "'") for w in part.lower().split("|") if w)
            if not words:
                raise CueError(f"'{part}': empty alternative")
            steps.append(Step("word", words, optional, tags=frozenset(tags.split("|")) if tags else frozenset()))
    if not steps:
        raise CueError("empty cue")
    return Cue(source, tuple(steps), any(s.op == "word" and s.values & _NEGATORS for s in steps), _anchor(steps))


class CueList:
    """A rule's cues, compiled once, indexed by their anchor words: a sentence is tried
    only with the cues whose anchor word it has (and those without an anchor), in the
    list's order. A rule has dozens of cues and a sentence a handful of their words."""

    def __init__(self, sources: tuple[str, ...]):
        self.cues = tuple(compile_cue(c) for c in sources)
        by_word: dict[str, list[int]] = {}
        always = []
        for n, cue in enumerate(self.cues):
            if cue.anchor is None:
                always.append(n)
            else:
                for w in cue.steps[cue.anchor].values:
                    by_word.setdefault(w, []).append(n)
        self._by_word = by_word
        self._words = frozenset(by_word)
        self._always = always

    def __iter__(self):
        return iter(self.cues)

    def candidates(self, words: Words) -> list[Cue]:
        """The cues that may match in `words` (find finds nothing for the others), in order."""
        hits = words.keys() & self._words
        if not hits:
            return [self.cues[n] for n in self._always]
        found = set(self._always)
        for w in hits:
            found.update(self._by_word[w])
        return [self.cues[n] for n in sorted(found)]


@lru_cache(maxsize=512)
def compile_cues(sources: tuple[str, ...]) -> CueList:
    return CueList(sources)


def _anchor(steps: list[Step]) -> int | None:
    for k, s in enumerate(steps):
        if s.optional or s.op == "gap":
            return None
        if s.op == "word":
            return k
    return None  # pos and any steps only


def _fits(step: Step, w: Words, i: int) -> int:
    """How many tokens the step takes at w[i]: 0 (no match), 1, or 2 for a word spaCy
    splits in two ("gonna", "can't")."""
    if step.op == "any":
        return 1
    if step.op == "pos":
        return int(w.pos[i] in step.values or w.tag[i] in step.values)
    if step.tags and w.pos[i] not in step.tags and w.tag[i] not in step.tags:
        return 0
    if w.lower[i] in step.values or w.lemma[i] in step.values:
        return 1
    return 2 if w.joined[i] is not None and w.joined[i] in step.values else 0


def _match_at(steps: tuple[Step, ...], w: Words, i: int) -> int | None:
    """End index (exclusive) of a match of `steps` starting at w[i], else None."""
    if not steps:
        return i
    step, rest = steps[0], steps[1:]
    if step.op == "gap":
        for j in range(i, min(i + step.size, len(w)) + 1):
            end = _match_at(rest, w, j)
            if end is not None:
                return end
        return None
    took = _fits(step, w, i) if i < len(w) else 0
    if took:
        end = _match_at(rest, w, i + took)
        if end is not None:
            return end
    if step.optional:
        return _match_at(rest, w, i)
    return None


def find(cue: Cue, words, *, negatable: bool = True) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) token-index matches of `cue` in `words` (Words, or
    a list of spaCy tokens, usually one sentence without whitespace tokens)."""
    w = words if isinstance(words, Words) else Words(words)
    if cue.anchor is not None:  # only try where the anchor word can stand
        k = cue.anchor
        starts = w.where(cue.steps[k].values)
        if k:
            starts = [j - k for j in starts if j >= k]
        if not starts:  # most cues, in most sentences
            return []
    else:
        starts = range(len(w))
    out: list[tuple[int, int]] = []
    after = 0
    for i in starts:
        if i < after:
            continue
        end = _match_at(cue.steps, w, i)
        if end is not None and end > i:
            if not (negatable and not cue.spells_negation and _negated(w, i)):
                out.append((i, end))
            after = end
    return out


def _negated(w: Words, start: int) -> bool:
    """A negator among the three words before: "not keen to join", "never worked at"; but "can't wait
    to join Fabrikam" is eagerness, no negation (stop 43: a leftover employer there passed)."""
    before = w.lower[max(0, start - 3) : start]
    return any(x in _NEGATORS and tuple(before[k + 1 : k + 2]) != ("wait",) for k, x in enumerate(before))
