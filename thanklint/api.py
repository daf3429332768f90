"""The one entry point: `lint(text, context=…, config=…) -> Report`. The CLI and
the language server are thin shells over it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from thanklint import context as ctxmod
from thanklint import engine, nlp, note, packs, score
from thanklint.config import Config
from thanklint.context import Context
from thanklint.errors import InputError
from thanklint.report import Report, RuleInfo
from thanklint.spec import Rule


@dataclass(frozen=True)
class Linter:
    """A configured rule set, reusable across notes (the language server keeps one)."""

    config: Config
    ruleset: packs.RuleSet
    rules: tuple[Rule, ...]

    @classmethod
    def create(cls, config: Config | None = None) -> "Linter":
        config = config or Config()
        ruleset = _ruleset(config.packs)
        return cls(config, ruleset, engine.configure(ruleset, config.rules))

    @property
    def needs(self) -> frozenset[str]:
        return engine.needs(self.rules)

    @property
    def uses_nlp(self) -> bool:
        return any(r.kind.uses_nlp for r in self.rules)

    def parse(self, text: str, *, path: str = "<text>", bom: bool = False) -> note.Note:
        return note.parse(text, self.ruleset.pack.layout, path=path, bom=bom, front_matter_loader=_front_matter(path))

    def context_for(self, n: note.Note, flags: Context | None) -> Context:
        ctx = self.config.context
        if n.front_matter:
            ctx = ctx.merged(ctxmod.from_mapping(n.front_matter, f"{n.path}: front matter"))
        if n.headers:
            ctx = ctx.merged(ctxmod.from_headers(n.headers))
        return ctx.merged(flags) if flags else ctx

    def check(self, notes: list[note.Note], flags: Context | None = None) -> list[Report]:
        """Lint parsed notes; their NLP runs in one nlp.pipe batch."""
        if self.uses_nlp:
            analyses = nlp.analyse_many(notes, self.needs)
        else:
            analyses = [nlp.Analysis(n, None) for n in notes]
        engines = {"nlp": nlp.describe(self.needs) if self.uses_nlp else "none", "grammar": "none"}
        infos = tuple(RuleInfo(r.id, r.spec.name, r.spec.weight, r.spec.why) for r in self.rules)
        reports = []
        for a in analyses:
            ctx = self.context_for(a.note, flags)
            results = engine.run(a, ctx, self.rules)
            sc = score.compute(results, self.rules, self.ruleset.pack)
            reports.append(Report(a.note.path, a.note.text, sc, tuple(results), infos, engines))
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


def read_text(raw: bytes, *, name: str, max_bytes: int, encoding: str | None = None) -> tuple[str, bool]:
    """Bytes from a file or stdin → text, with the checks a user needs to hear about."""
    if len(raw) > max_bytes:
        raise InputError(
            f"{name} is {len(raw):,} bytes, over the {max_bytes:,}-byte limit for a note "
            "(raise it with max_bytes in thanklint.toml)"
        )
    text, bom = note.decode(raw, encoding, name)
    if not text.strip():
        raise InputError(f"{name} is empty")
    return text, bom


def lint(text: str | bytes, *, context: Context | None = None, config: Config | None = None,
         path: str = "<text>") -> Report:  # fmt: skip
    """Lint one note. `context` (company, interviewer, …) wins over the note's front
    matter and headers, which win over the config's context."""
    linter = Linter.create(config)
    bom = False
    if isinstance(text, bytes):
        text, bom = read_text(text, name=path, max_bytes=linter.config.max_bytes)
    elif not text.strip():
        raise InputError(f"{path} is empty")
    return linter.check([linter.parse(text, path=path, bom=bom)], context)[0]


def lint_path(path: str | Path, *, context: Context | None = None, config: Config | None = None) -> Report:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise InputError(f"{p}: {e.strerror}") from None
    return lint(raw, context=context, config=config, path=str(p))
