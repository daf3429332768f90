"""A corrected view of a note for the content rules: "I am very exited about the
position" is interest, "Thnak you" is thanks. The spelling rule still reports the
slip; the content rules are just not fooled by it.

Two kinds of correction, both only when unambiguous:

- a non-word (not in wordfreq's list of common words, not a WordNet lemma, not an
  inflection of either, not a word the user, the context or the pack knows) with
  exactly one correction one edit away (insert, delete, replace, swap two letters) that
  is a common word and much more frequent than any other candidate, and far more
  frequent than the non-word itself ("intrested" → "interested"; "collegues" is left
  alone: colleagues and colleges are alike); two edits away only to one of the pack's
  own words ("greatful" → "grateful");
- a real word in a context where it is a known slip of this genre, listed as data in
  rules/thankyou/data/slips.yaml ("exited about" → "excited about").

Only the body is corrected, and a capitalised word is taken for a name (a word that
starts a sentence only becomes one of the pack's words: "Thnak you"). Part-of-speech
tags cannot guard names here: they come from the one parse, which reads the corrected
text.

No grammar engine is in the loop (content judging must not wait on one). The note is
parsed once: the corrected text instead of the original, and `restore` puts the
parse back on the original text (same tokens, the corrected words' tags, lemmas and
dependencies), so every offset a rule reports is an offset in what the user wrote.
"""

from __future__ import annotations

import bisect
import importlib.util
import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from thanklint.errors import ThanklintError

MIN_LENGTH = 4  # shorter words have many neighbours one edit away: no correction is unambiguous
# wordfreq Zipf frequencies (log10 of uses per billion words)
COMMON = 3.5  # a correction must be at least this common ("enthusiastic" is 3.84)
MARGIN = 1.0  # ... and ten times as frequent as the next candidate
GAP = 2.0  # ... and a hundred times as frequent as the word itself ("backend" 2.86 is no "backed" 4.26)
RESPELLED = "thanklint_respelled"  # Doc.user_data key: token index -> the corrected word (lower case)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers")
_DROP_E = ("ing", "ed", "er", "ers")  # converse → conversing; never "sincere" → "sincerly"
_SENTENCE_END = ".!?"


@dataclass(frozen=True)
class Edit:
    start: int  # in the original text
    end: int
    word: str  # what stands there in the corrected view (same case shape as the original)


# -- knowing words ------------------------------------------------------------------------


def _wordfreq_data(name: str) -> Path:
    # Read wordfreq's list directly: `import wordfreq` costs ~0.9 s (ftfy, langcodes), the small
    # list itself 30 ms, and it is needed for every note.
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        raise ThanklintError("wordfreq is not installed: pip install 'wordfreq>=3.1,<4'")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / f"{name}_en.msgpack.gz"


@lru_cache(maxsize=1)
def common_words() -> dict[str, float]:
    """wordfreq's small English list (the ~29,000 words at Zipf 3 or more) → Zipf frequency."""
    import gzip

    import msgpack

    with gzip.open(_wordfreq_data("small")) as f:
        packed = msgpack.load(f, raw=False)
    if not packed or packed[0] != {"format": "cB", "version": 1}:  # wordfreq's "cBpack" format
        raise ThanklintError(f"unexpected wordfreq data format in {_wordfreq_data('small')}")
    # bucket i holds the words whose frequency is 10^(-i/100): Zipf 9 - i/100
    freq: dict[str, float] = {}
    for i, bucket in enumerate(packed[1:]):
        freq.update(dict.fromkeys(bucket, 9 - i / 100))
    return freq


def rare_frequency(word: str) -> float:
    """A word's Zipf frequency in wordfreq's full list (0 when unlisted): asked only for a
    word about to be corrected, so a run without one never loads the 1.5 MB list."""
    from wordfreq import zipf_frequency  # shared with the spelling rule, which loads it too

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def slips() -> dict[str, list[dict]]:
    """The real-word slips of rules/thankyou/data/slips.yaml, by slip."""
    import yaml

    from thanklint.packs import rules_root

    path = rules_root() / "thankyou" / "data" / "slips.yaml"
    out: dict[str, list[dict]] = {}
    for s in yaml.safe_load(path.read_text("utf-8"))["slips"]:
        out.setdefault(s["word"], []).append({"fix": s["fix"], "before": frozenset(s.get("before", ())),
                                              "after": frozenset(s.get("after", ()))})  # fmt: skip
    return out


def _edits1(word: str, letters: str = string.ascii_lowercase) -> set[str]:
    """The strings one edit (a letter dropped, two neighbours swapped, a letter of `letters`
    replacing one or added) from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters if c != b[0]}
        | {a + c + b for a, b in splits for c in letters}
    )


class Speller:
    """Decides corrections. `known`: words never corrected (the user's vocabulary, the
    context's names, the pack's cue words; the common ones are also the only words two
    edits may reach); `lemmas(word)`: is it a WordNet lemma
    (spaCy's lemmatizer tables), or None; `single(word)`: is it one token for the
    tokenizer (a correction must not split: `restore` maps token for token)."""

    def __init__(self, known: frozenset[str] = frozenset(), lemmas=None, single=None):
        self.freq = common_words()
        self.known = known
        self.lemmas = lemmas or (lambda w: False)
        self.single = single or (lambda w: True)
        self._memo: dict[str, str | None] = {}

    def is_word(self, w: str) -> bool:
        """Known, a WordNet lemma, or an inflection of either ("retros", "triaged")."""
        if w in self.freq or w in self.known or self.lemmas(w):
            return True
        stems = {w[: -len(x)] for x in _INFLECTIONS if w.endswith(x)}
        stems |= {w[: -len(x)] + "e" for x in _DROP_E if w.endswith(x)}  # "conversing"
        return any(s in self.freq or self.lemmas(s) for s in stems)

    def correct(self, w: str) -> str | None:
        """The one correction of the lower-case word `w` if it is a non-word, else None."""
        if w not in self._memo:
            self._memo[w] = self._correct(w)
        return self._memo[w]

    def _correct(self, w: str) -> str | None:
        # the cheap tests first: most words are common, most rare ones have no candidate
        if len(w) < MIN_LENGTH or not w.isascii() or w in self.freq or w in self.known:
            return None
        found = sorted(((self.freq.get(c, 0.0), c) for c in _edits1(w) if c in self.freq or c in self.known),
                       reverse=True)  # fmt: skip
        if not found:  # two edits away ("greatful"): only the pack's own common words, and only one
            index = _two_edits_index(self.known)  # built on first need, once per set of known words
            near = {c for d in _deletes(w) for c in index.get(d, ())}
            found = [(self.freq[c], c) for c in near if distance(w, c) <= 2]
            if len(found) != 1:
                return None
        best, fix = found[0]
        if best < COMMON or (len(found) > 1 and best - found[1][0] < MARGIN) or not self.single(fix):
            return None
        if self.is_word(w) or best - rare_frequency(w) < GAP:
            return None
        return fix


@lru_cache(maxsize=1024)
def sure(word: str, fix: str, margin: float, others: frozenset[str] = frozenset()) -> bool:
    """Is `fix` the only plausible word meant by the non-word `word`, plausible enough for
    `--fix` to write it? Every other common word within two edits must be `margin` (Zipf)
    rarer, and none of `others` (the user's and the context's words) within two edits.

    A correction the content rules read looks one edit away: "perple" -> "people" hides
    "purple" (one edit, under 100x rarer), "plesent" -> "present" hides "pleasant" (two
    edits). Measured in bench/fixes.py."""
    freq = common_words()
    bar = freq.get(fix, 0.0) - margin
    if any(o not in (fix, word) and distance(word, o) <= 2 for o in others):
        return False
    return not any(c not in (fix, word) and freq[c] > bar for c in near(word))


@lru_cache(maxsize=1)
def _sorted_words() -> list[str]:
    return sorted(common_words())


def one_edit(word: str) -> frozenset[str]:
    """The strings of letters one edit from `word`, not `word` itself (every string, not the
    common words only, as `near`)."""
    return frozenset(_edits1(word) - {word})


@lru_cache(maxsize=1)
def _alphabet() -> str:
    """Every character of the common words (digits and apostrophes too: "dont" is one edit
    from "don't")."""
    return "".join(sorted({c for w in common_words() for c in w}))


@lru_cache(maxsize=4096)
def near(word: str, limit: int = 2) -> tuple[str, ...]:
    """The common words within `limit` edits (as distance counts them) of `word`, sorted.
    One edit: every string one edit away, looked up (well under a millisecond). Two: the
    sorted list walked as a trie, a prefix given up once every alignment costs more than
    `limit` (tens of milliseconds; generating every string two edits away took seconds).
    Cached: the spelling rule asks again of a word it met before."""
    if limit == 1:
        freq = common_words()
        return tuple(sorted(c for c in _edits1(word, _alphabet()) | {word} if c in freq))
    words, n, out, over = _sorted_words(), len(word), [], limit + 1

    def walk(prefix: str, lo: int, hi: int, row: list[int], prev: list[int] | None) -> None:
        k = len(prefix)
        i = lo + (lo < hi and words[lo] == prefix)  # the prefix itself sorts first
        while i < hi:
            c = words[i][k]
            j = bisect.bisect_left(words, prefix + chr(ord(c) + 1), i, hi)
            cur = [over] * (n + 1)  # only the band |x - (k + 1)| <= limit can stay within limit
            cur[0] = k + 1
            for x in range(max(1, k + 1 - limit), min(n, k + 1 + limit) + 1):
                v = min(cur[x - 1] + 1, row[x] + 1, row[x - 1] + (word[x - 1] != c))
                if prev is not None and x > 1 and c == word[x - 2] and prefix[-1] == word[x - 1]:
                    v = min(v, prev[x - 2] + 1)  # two neighbours swapped
                cur[x] = v
            if words[i] == prefix + c and cur[n] <= limit:
                out.append(words[i])
            if min(cur) <= limit:
                walk(prefix + c, i, j, cur, row)
            i = j

    walk("", 0, len(words), list(range(n + 1)), None)
    return tuple(out)


def certain(analysis, start: int, end: int, replacement: str, margin: float, others: frozenset[str]) -> bool:
    """May `--fix` write an engine's `replacement` for the misspelling text[start:end]? Only
    when it is the correction the content rules read for that word (so never a name, the
    greeting or sign-off, a template slot or a word the user or context knows) and it is
    `sure`: the engine and the frequency-dominant edit agree, and no rival is near."""
    toks = analysis.tokens(start, end)
    if len(toks) != 1 or (toks[0].idx, toks[0].idx + len(toks[0])) != (start, end):
        return False
    fix = analysis.doc.user_data.get(RESPELLED, {}).get(toks[0].i)
    return fix is not None and replacement.lower() == fix and sure(toks[0].lower_, fix, margin, others)


def _deletes(word: str) -> set[str]:
    """The word, and the word with one letter left out."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


@lru_cache(maxsize=32)
def _two_edits_index(known: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The words two edits may reach, the common ones the pack's cues and the context know,
    indexed by their one-letter deletes: a non-word that shares a delete with one is within
    two edits of it (a swap, a letter replaced, added or dropped, or two of those on different
    sides: "greatful" and "grateful" both give "gratful"), so it is compared with a handful."""
    freq = common_words()
    index: dict[str, list[str]] = {}
    for w in known:
        if freq.get(w, 0.0) >= COMMON and len(w) >= MIN_LENGTH:
            for d in _deletes(w):
                index.setdefault(d, []).append(w)
    return {d: tuple(ws) for d, ws in index.items()}


def distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap of neighbours) from a to b."""
    prev2, prev = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


@lru_cache(maxsize=4)
def wordnet_lemmas(nlp) -> frozenset[str]:
    """The lemmas of spaCy's English lemmatizer tables (WordNet's nouns, verbs, adjectives
    and adverbs: "docent", "preceptor"), empty without a lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index", {})
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in index.get(pos, ()))


def speller(nlp, known: frozenset[str]) -> Speller:
    """A Speller that knows `nlp`'s lemmas and keeps corrections to one token of its tokenizer."""
    return Speller(known, lemmas=lambda w: w in wordnet_lemmas(nlp), single=lambda w: len(nlp.tokenizer(w)) == 1)


def _case_like(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def _sentence_start(text: str, i: int, floor: int) -> bool:
    j = i - 1
    while j >= floor and text[j] in " \t":
        j -= 1
    return j < floor or text[j] in "\r\n" or text[j] in _SENTENCE_END


def corrections(text: str, start: int, end: int, speller: Speller, skip=lambda s, e: False) -> list[Edit]:
    """The unambiguous corrections in text[start:end]. A capitalised word is a name
    unless it starts a sentence and its correction is one of the known words (the pack's
    cues: "Thnak you"; never "Pryce" → "Price"); a word in a span `skip(s, e)` says (a
    template slot) is never corrected."""
    words = [m for m in _WORD.finditer(text, start, end)]
    edits = []
    for n, m in enumerate(words):
        raw = m.group()
        if not raw.isalpha() or (raw[1:] != raw[1:].lower()) or skip(m.start(), m.end()):
            continue
        lower = raw.lower()
        first = _sentence_start(text, m.start(), start)
        if raw[0].isupper() and not first:
            continue
        prev = words[n - 1] if n and not first and not text[words[n - 1].end() : m.start()].strip() else None
        nxt = words[n + 1] if n + 1 < len(words) and not text[m.end() : words[n + 1].start()].strip() else None
        fix = _slip(lower, "^" if first else prev.group().lower().replace("’", "'") if prev else None,
                    nxt.group().lower() if nxt else None) or speller.correct(lower)  # fmt: skip
        if fix and (raw[0].islower() or fix in speller.known):
            edits.append(Edit(m.start(), m.end(), _case_like(fix, raw)))
    return edits


def _slip(word: str, before: str | None, after: str | None) -> str | None:
    for s in slips().get(word, ()):
        if (not s["before"] or before in s["before"]) and (not s["after"] or after in s["after"]):
            return s["fix"]
    return None


# -- the view and back ---------------------------------------------------------------------


def apply(text: str, edits: list[Edit]) -> str:
    out, at = [], 0
    for e in edits:
        out.append(text[at : e.start])
        out.append(e.word)
        at = e.end
    out.append(text[at:])
    return "".join(out)


class OffsetMap:
    """Offsets in the corrected text → offsets in the original. Outside an edit a
    position shifts by the edits before it; an edit's ends map to the original word's."""

    def __init__(self, edits: list[Edit]):
        self._starts, self._edits = [], []  # per edit: start, end in corrected; start, end in original
        shift = 0
        for e in edits:
            s = e.start + shift
            self._starts.append(s)
            self._edits.append((s, s + len(e.word), e.start, e.end))
            shift += len(e.word) - (e.end - e.start)

    def __call__(self, pos: int) -> int:
        n = bisect.bisect_right(self._starts, pos) - 1  # the last edit starting at or before pos
        if n < 0:
            return pos
        cs, ce, os_, oe = self._edits[n]
        if pos == cs:
            return os_
        if pos < ce:
            raise ValueError(f"offset {pos} is inside a corrected word")
        return pos - ce + oe


def restore(doc, original: str, edits: list[Edit]):
    """The parse of the corrected text, on the original text: the same tokens (each
    corrected word in its original spelling) with the parse's annotations, and
    doc.user_data[RESPELLED] naming the corrected tokens."""
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
    from spacy.tokens import Doc

    to_original = OffsetMap(edits)
    words, spaces, fixed = [], [], {}
    starts = {e.start: e for e in edits}
    for t in doc:
        try:
            s, e = to_original(t.idx), to_original(t.idx + len(t))
        except ValueError:  # Speller.single keeps a correction one token: a bug if not
            raise ThanklintError(f"respelling split a corrected word ({t.text!r}): please report it") from None
        words.append(original[s:e])
        spaces.append(bool(t.whitespace_))
        if s in starts and starts[s].end == e:
            fixed[t.i] = t.lower_
    out = Doc(doc.vocab, words=words, spaces=spaces)
    if out.text != original:
        raise ThanklintError("respelling lost the note's text (a bug: please report it)")
    attrs = [a for a, needed in ((TAG, "TAG"), (POS, "POS"), (MORPH, "MORPH"), (LEMMA, "LEMMA"), (HEAD, "DEP"),
                                 (DEP, "DEP"), (ENT_IOB, "ENT_IOB"), (ENT_TYPE, "ENT_IOB")) if doc.has_annotation(needed)]  # fmt: skip
    if not doc.has_annotation("DEP") and doc.has_annotation("SENT_START"):
        attrs.append(SENT_START)
    if attrs:
        out.from_array(attrs, doc.to_array(attrs))
    out.user_data[RESPELLED] = fixed
    return out
