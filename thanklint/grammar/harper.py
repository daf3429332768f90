"""Harper (harper-py): embedded Rust grammar checker. No Java, no server, ms per note."""

from __future__ import annotations

from . import DEFAULT_DISABLED_RULES, EngineMatch, GrammarUnavailable, merge_matches

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
        "EllipsisLength",
        "NumberSuffixCapitalization",
    }
)
# Rules Harper files under other kinds that catch misspelt words: "acount" → "a count"
# (SplitWords), "familys" → "families" (RegularIrregulars).
_MISSPELLING_RULES = frozenset({"SplitWords", "RegularIrregulars"})

# lint_kind values that are mechanical whatever the rule
_SAFE_KINDS = frozenset({"Spelling", "Repetition", "Formatting"})

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
        try:
            self._linter = harper.Linter(_DIALECTS.get(language, 0))
        except Exception as e:  # pragma: no cover - native construction failure
            raise GrammarUnavailable(f"harper failed to start: {e}") from e
        self.disabled_rules = frozenset(DEFAULT_DISABLED_RULES["harper"]) | frozenset(
            disabled_rules
        )
        known = self._linter.get_default_lint_config()
        cfg: dict[str, bool | None] = {k: None for k in known}
        for r in self.disabled_rules:
            if r in known:
                cfg[r] = False
        self._linter.set_lint_config(cfg)
        self.name = f"harper {_version()}"
        self._closed = False

    def check(self, text: str) -> list[EngineMatch]:
        if self._closed:
            raise GrammarUnavailable("harper engine is closed")
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
                safe = len(reps) == 1 and (rule in _SAFE_RULES or kind_key in _SAFE_KINDS)
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
                    )
                )
        return merge_matches(out)

    def close(self) -> None:
        self._closed = True

    def __enter__(self) -> "HarperEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
