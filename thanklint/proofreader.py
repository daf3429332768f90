"""The grammar engine of a run, in a worker thread of its own.

The engine is opened in that thread as soon as a Linter needs it, so opening it
(Harper's dictionary, LanguageTool's JVM) overlaps spaCy's load, and each note's
check overlaps spaCy's parse of the notes. One thread, living until `close()`:
the engine sees one call at a time (Harper's Linter is not thread-safe).

Each note is checked in its English variant (thanklint/dialect.py). A note that mixes
British and American spelling gets one finding about the mix, and its minority
spellings are not also reported as misspellings; every spelling message names the word.
"""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future
from dataclasses import replace
from functools import lru_cache

from thanklint import dialect as dialects
from thanklint import wordforms
from thanklint.grammar import EngineMatch


class Proofreader:
    def __init__(self, choice: str, *, url: str | None, timeout: float, disabled: frozenset[str],
                 idle_timeout: float | None = None):  # fmt: skip
        self.engine = None
        self.why = ""
        self._closed = False
        self._pool: _Worker | None = _Worker()
        self._opened = self._pool.submit(self._open, choice, url, timeout, disabled, idle_timeout)

    @classmethod
    def borrowed(cls, engine) -> "Proofreader":
        """Checks with an engine someone else opened and will close (the language server's)."""
        p = cls.__new__(cls)
        p.engine, p.why, p._closed, p._pool = engine, "", False, None
        p._opened = _done(None)
        return p

    def _open(self, choice, url, timeout, disabled, idle_timeout) -> None:
        from thanklint.grammar import GrammarUnavailable, open_engine

        try:
            self.engine = open_engine(choice, url=url, timeout=timeout, disabled_rules=disabled, idle_timeout=idle_timeout)
        except GrammarUnavailable as e:
            self.why = str(e)

    def submit(self, text: str, shift: int = 0, variant: "dialects.Dialect | None" = None) -> Future:
        """The matches for `text` (offsets moved by `shift`), or (None, why) when no
        engine could check it; `variant`: the note's English (default en-US). Only the
        part the rules judge is sent (see nlp.ANALYSED_CHARS): an engine's time and
        memory grow with the text."""
        from thanklint.nlp import analysed_end

        text = text[: analysed_end(text)]
        variant = variant or dialects.Dialect("en-US", "default")
        if self._pool is None:
            return _done(self._check(text, shift, variant))
        return self._pool.submit(self._check, text, shift, variant)

    def _check(self, text: str, shift: int, variant: "dialects.Dialect"):
        from thanklint.grammar import GrammarUnavailable

        eng = self.engine
        if self._closed:  # queued behind a close (Ctrl-C, an error): don't keep the run alive
            return None, "the run was stopped"
        if eng is None:
            return None, self.why
        try:
            matches = eng.check(text, language=variant.code)
        except GrammarUnavailable as e:
            # A dead or hung engine would cost a timeout for every note: stop using it.
            self.engine, self.why = None, f"{eng.name} stopped answering: {e}"
            if self._pool is not None:
                eng.close()
            return None, self.why
        addresses = dialects.links(text)
        if addresses:  # a web or email address is its owner's: Harper reads "https://samlee.dev/work" as prose (stop 64)
            matches = [m for m in matches if not dialects.in_links(addresses, m.offset, m.end)]
        siblings = _sibling_words(eng, text, matches, variant)
        known = {(m.offset, m.end) for m in matches if text[m.offset : m.end] in siblings}
        matches = _spelling(text, matches, variant, frozenset(known) | _languagetool_words(eng, text, matches, variant))
        return [replace(m, offset=m.offset + shift) for m in matches] if shift else matches, ""

    def wait(self):
        """The open engine (waiting for it to open), or None; `why` says why not."""
        self._opened.result()
        return self.engine

    @property
    def status(self) -> str:
        eng = self.wait()
        return eng.name if eng is not None else f"skipped ({self.why})"

    def close(self) -> None:
        """Stop the engine this proofreader opened (a borrowed one stays open). An engine still
        opening (Ctrl-C or an error during LanguageTool's start) is not waited for: it is
        closed once it opens, unless the process ends first (see _Worker)."""
        if self._closed or self._pool is None:
            return
        self._closed = True  # checks still queued return at once
        closing = self._pool.submit(self._close_engine)
        self._pool.shutdown()
        if self._opened.done():
            closing.result()  # a run's own JVM is stopped before the run ends

    def _close_engine(self) -> None:
        if self.engine is not None:
            self.engine.close()


# Where a note's variant is a guess, the words of the variants it could be are no misspellings:
# a note with no regional spelling (en-US by default) may be Australian ("utes", "arvo") or
# Indian ("45 lakh": stop 35, fresh-22); a British-spelt one may be Australian, New Zealand or
# Indian English, which spell as British does
_DEFAULT_SIBLINGS = ("en-GB", "en-AU", "en-CA", "en-IN")
_SIBLINGS = {"en-GB": ("en-AU", "en-IN"), "en-IN": ("en-AU",), "en-AU": ("en-GB",)}


def _siblings(variant: "dialects.Dialect") -> tuple[str, ...]:
    """The variants a guessed variant may be; none for a configured one."""
    if variant.how == "configured":
        return ()
    return _DEFAULT_SIBLINGS if variant.how == "default" else _SIBLINGS.get(variant.code, ())


def _sibling_words(eng, text: str, matches: list, variant: "dialects.Dialect") -> frozenset[str]:
    """The flagged words Harper's dictionary of a sibling variant spells right (stop 34,
    natural-2: "logbook servicing on utes" in an Australian note with no -ise spelling). Needs
    Harper (alone or beside LanguageTool); a configured variant has no siblings."""
    siblings = _siblings(variant)
    harper = getattr(eng, "harper", eng)
    words = {text[m.offset : m.end] for m in matches if m.kind == "spelling" and text[m.offset : m.end].isalpha()}
    if not siblings or not words or not hasattr(harper, "known_in"):
        return frozenset()
    return harper.known_in(words, siblings)


# LanguageTool's dictionary of each variant, for Harper checking alone (LanguageTool has no en-IN: Indian
# English spells as British does)
_LT_VARIANTS = {"en-US": "US", "en-GB": "GB", "en-AU": "AU", "en-CA": "CA", "en-NZ": "NZ", "en-IN": "GB"}


def _languagetool_words(eng, text: str, matches: list, variant: "dialects.Dialect") -> frozenset[tuple[int, int]]:
    """The (start, end) of the words Harper alone flags that LanguageTool's dictionary of the note's
    variant (or of a sibling variant, where the variant is a guess) spells right: Harper's dictionary is the smaller
    ("glamping", "rostered", "fescue", "certifier": stop 39, fresh-27). A piece of a hyphenated
    word counts when the list holds the whole word: Harper checks "ride-alongs" and "heli-skiing"
    piece by piece and flags "alongs" and "heli" (stop 40, fresh-30). With LanguageTool checking,
    its own verdict stands."""
    if eng.name.split()[0] != "harper":  # "harper 0.2.0"; not LanguageTool, nor both ("languagetool 6.6 + harper …")
        return frozenset()
    # words in lower case only: the list holds no names, and a run whose only flagged words are
    # names (most notes) never reads it
    flagged = [m for m in matches if m.kind == "spelling" and text[m.offset : m.end].islower()]
    if not flagged:
        return frozenset()
    wanted = {_LT_VARIANTS.get(c, "US") for c in (variant.code, *_siblings(variant))}
    every, some = _lt_dictionary()

    def known(w: str) -> bool:
        w = w.replace("\u2019", "'")  # the list writes "fo'c'sle"; a note may curl it
        return w in every or bool(some.get(w, frozenset()) & wanted)

    out = set()
    for m in flagged:
        word, whole = text[m.offset : m.end], wordforms.hyphenated_word(text, m.offset, m.end)
        if known(word) or (whole != word and known(whole.lower())):
            out.add((m.offset, m.end))
    return frozenset(out)


@lru_cache(maxsize=1)
def _lt_dictionary() -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    """rules/thankyou/data/languagetool-words.txt.gz (bench/make_languagetool_words.py): the
    words in lower case of every variant's dictionary, and those of some variants -> their
    variants; read only when Harper flags a word in lower case."""
    import gzip

    from thanklint.packs import rules_root

    raw = gzip.decompress((rules_root() / "thankyou" / "data" / "languagetool-words.txt.gz").read_bytes())
    every, _, some = raw.decode("utf-8").partition("\n\n")
    lines = every.split("\n")
    words = frozenset(lines[next(i for i, w in enumerate(lines) if not w.startswith("#")) :])
    return words, {w: frozenset(vs.split()) for w, _, vs in (line.partition("\t") for line in some.split("\n") if line)}


def _spelling(text: str, matches: list, variant: "dialects.Dialect",
              known: frozenset[tuple[int, int]] = frozenset()) -> list:  # fmt: skip
    """Spelling messages that name the word; on a note of mixed spelling, one match for
    the mix in place of the engine's matches on its minority-variant words; no match on a
    word another dictionary spells right (`known`: the (start, end) of those words, found
    in a sibling variant's dictionary or LanguageTool's)."""
    minority = variant.minority
    taken = {(s.start, s.end) for s in minority}
    out = []
    for m in matches:
        if m.kind != "spelling":
            out.append(m)
        elif (m.offset, m.end) not in taken:
            word = text[m.offset : m.end]
            if (m.offset, m.end) in known:
                continue
            if (variant.code != "en-US" and dialects.oxford(word)) or dialects.own_spelling(word, variant.code):
                continue  # Harper's en-GB flags "sanitized" (stop 31, fresh-16) and "anonymised" (stop 34, fresh-20)
            out.append(replace(m, message=dialects.spelling_message(word, m.replacements, variant.code)))
    if minority:
        first = minority[0]
        out.append(EngineMatch(first.start, first.end - first.start, dialects.mix_message(variant),
                               (first.other,), "spelling", dialects.MIXED, False))  # fmt: skip
    return sorted(out, key=lambda m: m.offset)


class _Worker:
    """One daemon thread running calls in order. Not a ThreadPoolExecutor: its threads are
    joined at interpreter exit, so a run stopped while LanguageTool starts would wait for the
    start (up to its timeout). Ending the process under an engine still opening leaves
    nothing: a run's own JVM is stopped by its watchdog when the run ends, and the shared
    server goes on starting, detached, for the next run (it stops itself when idle)."""

    def __init__(self) -> None:
        self._calls: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._run, name="thanklint-grammar", daemon=True).start()

    def submit(self, fn, *args) -> Future:
        f: Future = Future()
        self._calls.put((f, fn, args))
        return f

    def shutdown(self) -> None:
        self._calls.put(None)  # the thread ends after the calls already submitted

    def _run(self) -> None:
        while (call := self._calls.get()) is not None:
            f, fn, args = call
            try:
                f.set_result(fn(*args))
            except BaseException as e:  # noqa: BLE001 — handed to whoever waits on the future
                f.set_exception(e)


def _done(value) -> Future:
    f: Future = Future()
    f.set_result(value)
    return f
