"""The one entry point: `lint(text, context=…, config=…) -> Report`. The CLI and
the language server are thin shells over it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from thanklint import context as ctxmod
from thanklint import classifier, dialect, engine, nlp, note, packs, score
from thanklint.config import Config
from thanklint.context import Context
from thanklint.errors import InputError, ThanklintError
from thanklint.kinds._cues import compile_cue
from thanklint.report import Report, RuleInfo
from thanklint.spec import Rule


@dataclass(frozen=True)
class Linter:
    """A configured rule set, reusable across notes (the language server keeps one)."""

    config: Config
    ruleset: packs.RuleSet
    rules: tuple[Rule, ...]
    _grammar: dict = field(default_factory=dict, compare=False, repr=False)  # engine, or why none

    @classmethod
    def create(cls, config: Config | None = None, *, engines: dict | None = None) -> "Linter":
        """`engines`: a run-wide dict through which Linters with the same grammar settings
        share one engine (one JVM for a run over many folders with their own configs)."""
        config = config or Config()
        ruleset = _ruleset(config.packs)
        rules = engine.configure(ruleset, config.rules, vocabulary=config.words(), sources=config.rule_sources)
        linter = cls(config, ruleset, rules)
        if engines is not None:
            holder = engines.setdefault(linter._grammar_key(), {})
            linter = cls(config, ruleset, rules, holder)
        return linter

    def engine_disabled_rules(self) -> frozenset[str]:
        """Engine rule ids to switch off: the config's and the grammar/spelling rules'."""
        rules = self._proofreading_rules()
        disabled = {i for r in rules for ids in r.params.disable.values() for i in ids}
        disabled -= {i for r in rules for i in r.params.enable}  # `[rules] grammar = { enable = [...] }`
        return frozenset(disabled | set(self.config.grammar.disabled_rules))

    def _grammar_key(self) -> tuple:
        g = self.config.grammar
        return (g.engine, g.languagetool_url, g.timeout, g.require, self.engine_disabled_rules(),
                bool(self._proofreading_rules()))  # fmt: skip

    def use_engine(self, eng) -> None:
        """Check with an engine opened elsewhere (the language server shares one); the
        caller keeps ownership and closes it."""
        from thanklint.proofreader import Proofreader

        self._grammar.update(proofreader=Proofreader.borrowed(eng), why="")

    # -- grammar engine: opened on first use, once per Linter (or per run), closed by close()
    def _proofreading_rules(self) -> list[Rule]:
        return [r for r in self.rules if r.kind.name == "proofread"]

    def proofreader(self):
        """The run's Proofreader (opening its engine in the background), or None when
        no grammar check is wanted; `grammar_status` then says why."""
        if "proofreader" not in self._grammar:
            g = self.config.grammar
            self._grammar["proofreader"], self._grammar["why"] = None, ""
            if not self._proofreading_rules():
                self._grammar["why"] = "no grammar or spelling rule enabled"
            elif g.engine == "off":
                self._grammar["why"] = "grammar engine off"
            else:
                from thanklint.proofreader import Proofreader

                self._grammar["proofreader"] = Proofreader(g.engine, url=g.languagetool_url, timeout=g.timeout,
                                                           disabled=self.engine_disabled_rules(),
                                                           idle_timeout=g.idle_timeout)  # fmt: skip
        return self._grammar["proofreader"]

    def grammar_engine(self):
        """The open engine, or None (waits for it to open)."""
        p = self.proofreader()
        eng = p.wait() if p is not None else None
        if eng is None and self.config.grammar.require and self._proofreading_rules():
            raise ThanklintError(f"a grammar engine is required but none can run: {self._why()}")
        return eng

    def _why(self) -> str:
        p = self._grammar.get("proofreader")
        return p.why if p is not None else self._grammar.get("why", "")

    @property
    def grammar_status(self) -> str:
        eng = self.grammar_engine()
        return eng.name if eng is not None else f"skipped ({self._why()})"

    def close(self) -> None:
        p = self._grammar.get("proofreader")
        if p is not None:
            p.close()

    def __enter__(self) -> "Linter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def needs(self) -> frozenset[str]:
        return engine.needs(self.rules)

    @property
    def uses_nlp(self) -> bool:
        return any(r.kind.uses_nlp for r in self.rules)

    @property
    def uses_content_model(self) -> bool:
        return any(getattr(r.params, "model", "") for r in self.rules)

    def parse(self, text: str, *, path: str = "<text>", encoding: str = "utf-8", bom: bool = False) -> note.Note:
        return note.parse(text, self.ruleset.pack.layout, path=path, encoding=encoding, bom=bom,
                          front_matter_loader=_front_matter(path), email=path.lower().endswith(".eml"))  # fmt: skip

    def context_for(self, n: note.Note, flags: Context | None) -> Context:
        ctx = self.config.context
        if n.front_matter:
            ctx = ctx.merged(ctxmod.from_mapping(n.front_matter, f"{n.path}: front matter"))
        if n.headers:
            ctx = ctx.merged(ctxmod.from_headers(n.headers))
        return ctx.merged(flags) if flags else ctx

    def check(self, notes: list[note.Note], flags: Context | None = None) -> list[Report]:
        """Lint parsed notes: their NLP runs in one nlp.pipe batch while the grammar
        engine checks them in its own thread."""
        p = self.proofreader()
        proofread = None
        variants = {id(n): dialect.choose(self.config.language, n.text[n.content_start :]) for n in notes}
        if p is not None:
            pending = {id(n): p.submit(n.text[n.content_start :], n.content_start, variants[id(n)]) for n in notes}
            proofread = lambda n: pending[id(n)].result()  # noqa: E731
        elif self._proofreading_rules():
            proofread = lambda n: (None, self._why())  # noqa: E731
        if self.uses_nlp:
            pack = self._pack_words
            known = [pack | self._context_words(n, flags) for n in notes]
            analyses = nlp.analyse_many(notes, self.needs, proofreader=proofread, known=known)
            if self.uses_content_model:  # every body sentence of the batch in one pass
                classifier.score_all(analyses)
        else:
            analyses = [nlp.Analysis(n, None, proofread) for n in notes]
        return self._report(analyses, flags, proofread is not None, variants)

    @cached_property
    def _pack_words(self) -> frozenset[str]:
        """Words the content rules' spelling correction (respell) leaves alone, with the
        context's: the user's vocabulary and the words of the pack's cues (read once, as
        the rules read the vocabulary once)."""
        cues = (c for r in self.rules for name in ("cues", "strong_cues") for c in getattr(r.params, name, ()))
        words = {w.lower() for t in self.config.words() for w in t.split()}
        words.update(w for c in cues for step in compile_cue(c).steps if step.op == "word" for w in step.values)
        return frozenset(words)

    def _context_words(self, n: note.Note, flags: Context | None) -> frozenset[str]:
        """The interview's names, role and topics: never respelt."""
        ctx = self.context_for(n, flags)
        return ctx.words()

    def _report(self, analyses, flags: Context | None, proofreading: bool, variants: dict) -> list[Report]:
        nlp_name = nlp.describe(self.needs) if self.uses_nlp else "none"
        content = classifier.describe() if self.uses_nlp and self.uses_content_model else "off"
        infos = tuple(RuleInfo(r.id, r.spec.name, r.spec.weight, r.spec.why) for r in self.rules)
        known = frozenset(r.id for r in self.ruleset.rules)
        reports = []
        for a in analyses:
            ctx = self.context_for(a.note, flags)
            results, notices = engine.run(a, ctx, self.rules, known)
            sc = score.compute(results, self.rules, self.ruleset.pack)
            engines = {"grammar": self.grammar_status if proofreading else "off", "nlp": nlp_name, "content": content}
            if proofreading:  # the English the engine checked the note in: "en-GB (detected)"
                engines["language"] = variants[id(a.note)].label
            reports.append(Report(a.note.path, a.note.text, sc, tuple(results), infos, engines, tuple(notices)))
        return reports


@lru_cache(maxsize=8)
def _ruleset(extra: tuple[str, ...]) -> packs.RuleSet:
    return packs.load(extra)


def _front_matter(path: str):
    def load(text: str) -> dict:
        import yaml

        try:
            return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except yaml.YAMLError as e:
            raise InputError(f"{path}: the front matter is not valid YAML ({getattr(e, 'problem', e)})") from None

    return load


def read_text(raw: bytes, *, name: str, max_bytes: int, encoding: str | None = None) -> tuple[str, str, bool]:
    """Bytes from a file or stdin → (text, encoding, had BOM), with the checks a user
    needs to hear about."""
    if len(raw) > max_bytes:
        raise InputError(
            f"{name} is {len(raw):,} bytes, over the {max_bytes:,}-byte limit for a note "
            "(raise it with max_bytes in thanklint.toml)"
        )
    text, codec, bom = note.decode(raw, encoding, name)
    if note.is_blank(text):
        raise InputError(f"{name} is empty")
    if len(text) > nlp.MAX_CHARS:
        raise InputError(f"{name} has {len(text):,} characters; a note can have at most {nlp.MAX_CHARS:,}")
    return text, codec, bom


def lint(text: str | bytes, *, context: Context | None = None, config: Config | None = None,
         path: str = "<text>") -> Report:  # fmt: skip
    """Lint one note. `context` (company, interviewer, …) wins over the note's front
    matter and headers, which win over the config's context. Each call opens (and
    closes) its own grammar engine: to check many notes, use one `Linter`."""
    with Linter.create(config) as linter:
        codec, bom = "utf-8", False
        if isinstance(text, bytes):
            text, codec, bom = read_text(text, name=path, max_bytes=linter.config.max_bytes)
        elif note.is_blank(text):
            raise InputError(f"{path} is empty")
        return linter.check([linter.parse(text, path=path, encoding=codec, bom=bom)], context)[0]


def lint_path(path: str | Path, *, context: Context | None = None, config: Config | None = None) -> Report:
    from thanklint.source import read_input

    config = config or Config()
    raw = read_input(str(path), max_bytes=config.max_bytes)
    return lint(raw, context=context, config=config, path=str(path))
