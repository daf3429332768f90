"""Harper (harper-py): embedded Rust grammar checker. No Java, no server, ms per note."""

from __future__ import annotations

import re

from . import EngineMatch, GrammarUnavailable, merge_matches

# Harper's cost grows with the length of a word it does not know. Measured with harper-py
# 0.2.0 on a 2-core machine: a word of n random letters takes ~4 ms and ~0.45 MB per
# letter (1,280 letters: 5 s, 800 MB; 5,120: 21 s, 2.6 GB); one letter repeated takes
# ~3 × n² bytes (100,000 letters: a 30.8 GB allocation that aborts the whole process).
# Up to 100 letters costs what an ordinary word does (< 0.3 s). No word of a note comes
# near MAX_WORD, so a longer run of non-space characters is blanked before Harper sees
# it (spaces of the same length keep every offset) and nothing is reported on it.
# Text length is linear (100,000 characters of prose: 1.3 s, no extra memory) and is
# bounded by the proofreader (nlp.ANALYSED_CHARS).
MAX_WORD = 64
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_WORD + 1))

# Harper rule names (lint config keys) whose single suggestion is a mechanical fix.
_SAFE_RULES = frozenset(
    {
        "SpellCheck",
        "RepeatedWords",
        "AnA",
        "Spaces",
        "CapitalizePersonalPronouns",
        "NoFrenchSpaces",
        "CommaFixes",
        "NumberSuffixCapitalization",
    }
)
# Rules Harper files under other kinds that catch misspelt words: "acount" → "a count"
# (SplitWords), "familys" → "families" (RegularIrregulars).
_MISSPELLING_RULES = frozenset({"SplitWords", "RegularIrregulars"})

# lint_kind values that are mechanical whatever the rule
_SAFE_KINDS = frozenset({"Spelling", "Repetition", "Formatting"})
# ...except these guesses: ".." -> "..." (the writer may have meant a full stop; wrong twice in
# two on JFLEG dev)
_GUESS_RULES = frozenset({"EllipsisLength"})

# "evaluator's": Harper's dictionary holds "evaluator" but flags its possessive (stop 30: "saddler's",
# "evaluator's" in the clean notes); the possessive of a word it knows is spelled right
_POSSESSIVE = re.compile(r"([^\W\d_]+)['’]s")
_DIALECTS = {"en-US": 0, "en-GB": 1, "en-AU": 2, "en-CA": 3, "en-IN": 4}


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("harper-py")
    except Exception:  # pragma: no cover
        return "?"


class HarperEngine:
    """One ``harper.Linter`` per engine (construction takes about a second)."""

    def __init__(
        self, *, disabled_rules: frozenset[str] = frozenset(), language: str = "en-US"
    ) -> None:
        try:
            import harper
        except ImportError as e:
            raise GrammarUnavailable(f"harper-py is not installed ({e})") from e
        self._harper = harper
        self._language = language if language in _DIALECTS else "en-US"
        try:
            self._linter = harper.Linter(_DIALECTS[self._language])
        except Exception as e:  # pragma: no cover - native construction failure
            raise GrammarUnavailable(f"harper failed to start: {e}") from e
        self.disabled_rules = frozenset(disabled_rules)  # the pack's list (rules/thankyou/grammar.yaml)
        known = self._linter.get_default_lint_config()
        cfg: dict[str, bool | None] = {k: None for k in known}
        for r in self.disabled_rules:
            if r in known:
                cfg[r] = False
        self._linter.set_lint_config(cfg)
        self._config = cfg
        self._verdicts: dict[tuple[str, str], str] = {}  # (word, dialect) -> known_in's verdict, for the run
        self.name = f"harper {_version()}"
        self._closed = False

    def _use_dialect(self, language: str) -> None:
        """Switch the dictionary to `language` (en-US, en-GB, en-AU, en-CA, en-IN): ~50 ms.
        The switch builds a new inner linter with the default lint config, so ours is set again."""
        code = language if language in _DIALECTS else "en-US"
        if code != self._language:
            self._linter.dialect = self._harper.Dialect(_DIALECTS[code])
            self._linter.set_lint_config(self._config)
            self._language = code

    def check(self, text: str, language: str | None = None) -> list[EngineMatch]:
        if self._closed:
            raise GrammarUnavailable("harper engine is closed")
        if language:
            self._use_dialect(language)
        blanked = [m.span() for m in _LONG_RUN.finditer(text)]
        if blanked:
            text = _LONG_RUN.sub(lambda m: " " * len(m.group()), text)
        try:
            by_rule = self._linter.organized_lints(text, language="plaintext")
        except Exception as e:
            raise GrammarUnavailable(f"harper failed: {e}") from e
        SK = self._harper.SuggestionKind
        out: list[EngineMatch] = []
        for rule, lints in by_rule.items():
            if rule in self.disabled_rules:
                continue
            for lint in lints:
                kind_key = lint.lint_kind
                if kind_key in self.disabled_rules:
                    continue
                start, end = lint.span.start, lint.span.end
                if any(s <= end and start <= e for s, e in blanked):  # the blanks themselves ("Spaces")
                    continue
                problem = text[start:end]
                reps: list[str] = []
                for s in lint.suggestions:
                    if s.kind == SK.REMOVE:
                        r = ""
                    elif s.kind == SK.INSERT_AFTER:
                        r = problem + s.replacement_text
                    else:
                        r = s.replacement_text
                    if r not in reps:
                        reps.append(r)
                kind = "spelling" if kind_key == "Spelling" or rule in _MISSPELLING_RULES else "grammar"
                if kind == "spelling" and self._known_possessive(problem):
                    continue
                safe = len(reps) == 1 and rule not in _GUESS_RULES and (rule in _SAFE_RULES or kind_key in _SAFE_KINDS)
                if safe and kind == "spelling" and problem[:1].isupper():
                    # a capitalised unknown word is likely a name: never auto-fix it
                    safe = False
                out.append(
                    EngineMatch(
                        offset=start,
                        length=end - start,
                        message=lint.message,
                        replacements=tuple(reps),
                        kind=kind,
                        rule_id=rule,
                        safe=safe,
                        category=str(kind_key),
                    )
                )
        return merge_matches(out)

    def known_in(self, words: set[str], languages: tuple[str, ...]) -> frozenset[str]:
        """The words that only the dictionary tells apart: misspelled in the current dialect and
        free of any lint in one of `languages` ("utes" and "arvo" are Australian English; "alot"
        and "untill" draw other lints in every dialect, so they stay slips). Each dialect lints
        all the words at once, one a line; the current dialect is set again after, and each
        answer is kept for the run."""
        current, verdicts = self._language, self._verdicts
        try:
            for lang in (current, *languages):
                todo = sorted(w for w in words if (w, lang) not in verdicts)
                if not todo:
                    continue
                self._use_dialect(lang)
                text = "\n".join(todo)
                for w in todo:
                    verdicts[(w, lang)] = "clean"
                for rule, found in self._linter.organized_lints(text, language="plaintext").items():
                    for x in found:
                        word = text[x.span.start : x.span.end]
                        if (word, lang) in verdicts and verdicts[(word, lang)] != "spelling":
                            spelling = x.lint_kind == "Spelling" or rule in _MISSPELLING_RULES
                            verdicts[(word, lang)] = "spelling" if spelling else "other"
        finally:
            self._use_dialect(current)
        return frozenset(w for w in words if verdicts[(w, current)] == "spelling"
                         and any(verdicts[(w, lang)] == "clean" for lang in languages))  # fmt: skip

    def _known_possessive(self, word: str) -> bool:
        """`word` is the possessive of a word Harper itself spells right ("saddler's")."""
        m = _POSSESSIVE.fullmatch(word)
        if m is None:
            return False
        lints = self._linter.organized_lints(m.group(1), language="plaintext")
        return not any(lint.lint_kind == "Spelling" or rule in _MISSPELLING_RULES
                       for rule, found in lints.items() for lint in found)  # fmt: skip

    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> "HarperEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
