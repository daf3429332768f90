"""A results cache for folders of templates: an unchanged note under an unchanged
config costs one file read and one small JSON read on the next run.

The key hashes everything a report depends on: the note's bytes, the resolved
config (with its vocabulary words), every rule pack file, thanklint's version,
the run's flags (context, template values) and the grammar engine the run would
use. Entries are JSON, not pickles: a cache folder can come from anywhere, and
loading it must never run code. So an entry is read only from a regular file of
bounded size and checked field by field before it becomes a Report; anything
else is a miss (and the entry is written anew), never an error."""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
import math
import os
import types
import typing
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from thanklint.__about__ import __version__
from thanklint.files import Unreadable, read_bytes
from thanklint.report import Report

FOLDER = ".thanklint_cache"
FORMAT = "2"  # bump when the entry layout changes
MAX_ENTRY_BYTES = 50_000_000  # a report holds its note's text: a note of max_bytes, with room to spare


@lru_cache(maxsize=32)
def _packs_digest(folders: tuple[str, ...]) -> str:
    from thanklint.packs import DEFAULT_PACK, rules_root

    h = hashlib.sha256()
    for folder in (rules_root() / DEFAULT_PACK, *map(Path, folders)):
        for f in sorted(Path(folder).rglob("*.yaml")):
            try:
                data = read_bytes(f, 10_000_000)
            except (OSError, Unreadable) as e:  # loading the pack reports it; the key only must not hang
                data = str(e).encode()
            h.update(str(f.relative_to(folder)).encode() + b"\0" + data + b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """thanklint's own source and models: an editable install changes without a
    version bump, and a stale hit would hide the change."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*.py")) + sorted(root.glob("models/*/meta.json")):  # a retrained model too
        h.update(str(f.relative_to(root)).encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def key(raw: bytes, config, extra: str = "") -> str:
    """`extra`: whatever else the run adds (flags, template values, format-independent)."""
    h = hashlib.sha256()
    for part in (FORMAT, __version__, _code_digest(), _packs_digest(config.packs), repr(config), "\n".join(config.words()),
                 _engine(config.grammar), extra):  # fmt: skip
        h.update(part.encode("utf-8") + b"\0")
    h.update(raw)
    return h.hexdigest()


def _engine(grammar) -> str:
    """The grammar engine a run with this setting would use, resolved the way
    grammar.open_engine resolves `auto` (a URL set, else a LanguageTool install
    found, else Harper) without starting anything: a result checked with Harper is
    not served once LanguageTool is installed."""
    if grammar.engine in ("harper", "off"):
        return grammar.engine
    from thanklint.grammar import URL_ENV
    from thanklint.grammar.languagetool import SERVER_JAR, find_install

    url = grammar.languagetool_url or os.environ.get(URL_ENV, "").strip()
    if url:
        return f"languagetool {url}"
    home = find_install()
    if home is not None:
        try:
            stamp = (home / SERVER_JAR).stat().st_mtime_ns  # an install updated in place is a new key
        except OSError:
            stamp = 0
        return f"languagetool {home} {stamp}"
    return "harper" if grammar.engine == "auto" else "languagetool (none installed)"


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.hits = 0

    def _path(self, k: str) -> Path:
        return self.folder / k[:2] / f"{k}.json"

    def get(self, k: str) -> tuple[Report, list] | None:
        """(report, the extra values stored with it), or None."""
        try:
            raw = read_bytes(self._path(k), MAX_ENTRY_BYTES)
            data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
            if not isinstance(data, dict) or not isinstance(data.get("meta"), list):
                raise _Bad("entry")
            report = _report(data.get("report"))
            meta = _meta(data["meta"], report.text)
        except (OSError, Unreadable, ValueError, RecursionError, _Bad):  # RecursionError: JSON nested too deep
            return None
        self.hits += 1
        return report, meta

    def put(self, k: str, report: Report, meta: list | None = None) -> None:
        if report.engines.get("grammar", "").startswith("skipped"):
            return  # an engine that was down or slow this time may answer next time
        path = self._path(k)
        report = _timeless(report)
        payload = json.dumps({"report": asdict(report), "meta": meta or []}, ensure_ascii=False).encode("utf-8")
        if len(payload) > MAX_ENTRY_BYTES:
            return  # get() would not read it back
        try:
            if not self.folder.exists():
                self.folder.mkdir(parents=True)
                # keep it out of version control and backups without anyone having to ask
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
                (self.folder / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n# thanklint results cache\n", encoding="utf-8")
            path.parent.mkdir(exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(payload)
            os.replace(tmp, path)  # readers never see half an entry
        except OSError:
            pass  # a read-only checkout still lints; it just is not faster next time


def _timeless(report: Report) -> Report:
    """The report as a later run serves it: its engine line without "(started)" or "(warm)",
    which tell how this run found LanguageTool's shared server, not how a later one does."""
    grammar = report.engines.get("grammar")
    if grammar is None:
        return report
    from thanklint.grammar.languagetool import without_run_tag

    return dataclasses.replace(report, engines={**report.engines, "grammar": without_run_tag(grammar)})


# -- reading an entry back: built the way put() wrote it, every field checked ---------------


class _Bad(Exception):
    """An entry that is not what put() writes."""


def _no_constant(name: str):
    raise _Bad(f"{name} in a cache entry")  # NaN and Infinity are never written


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _build(hint, value):
    """`value` (parsed JSON) as a `hint`: a dataclass of the report model, a tuple
    of them, an enum, or a plain value. Led by the classes' own type hints, so a
    field added to the model is read back (or refused) with no change here."""
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise _Bad(hint.__name__)
        kwargs = {f.name: _build(_hints(hint)[f.name], value[f.name]) for f in dataclasses.fields(hint) if f.name in value}
        try:
            return hint(**kwargs)
        except TypeError:  # a field without a default is missing
            raise _Bad(hint.__name__) from None
    origin = typing.get_origin(hint)
    if origin is tuple:
        if not isinstance(value, list):
            raise _Bad(str(hint))
        return tuple(_build(typing.get_args(hint)[0], v) for v in value)
    if origin in (typing.Union, types.UnionType):  # X | None
        if value is None and type(None) in typing.get_args(hint):
            return None
        return _build(next(a for a in typing.get_args(hint) if a is not type(None)), value)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        if not isinstance(value, str):
            raise _Bad(hint.__name__)
        return hint(value)  # ValueError for a value it does not have
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise _Bad("number")  # json reads 1e999 as inf
        return float(value)
    if hint in (int, str, bool):
        if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
            raise _Bad(hint.__name__)
        return value
    if hint is dict:  # Report.engines: names to texts
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise _Bad("dict")
        return dict(value)
    raise _Bad(f"no reader for {hint}")  # a model field of a new kind: a miss until it is taught


def _report(d) -> Report:
    """A Report from an entry; _Bad or ValueError when anything is missing, of the
    wrong type, or out of range for the report's own text."""
    report = _build(Report, d)
    lines = report.text.count("\n") + 1
    spans = [s for f in report.findings for s in (f.span, *(x.span for x in f.suggestions))]
    for s in spans:
        if not (1 <= s.line <= s.end_line <= lines and s.column >= 1 and s.end_column >= 1 and s.offset >= 0
                and s.length >= 0 and s.offset + s.length <= len(report.text)):  # fmt: skip
            raise _Bad("a span outside the text")
    if any(x.kind not in ("replace", "insert") for f in report.findings for x in f.suggestions):
        raise _Bad("suggestion kind")
    if not {r.rule for r in report.results} <= {i.id for i in report.rules}:
        raise _Bad("a result without its rule")  # the formatters look each one up
    if not 0 <= report.score.points <= 100:
        raise _Bad("points")
    return report


def _meta(meta: list, text: str) -> list:
    """What the run keeps beside a report: nothing, or [company or None, letter text,
    where the letter starts in the report's text]."""
    if not meta:
        return []
    if len(meta) != 3:
        raise _Bad("meta")
    company, letter, start = meta
    if (company is not None and not isinstance(company, str)) or not isinstance(letter, str) \
            or isinstance(start, bool) or not isinstance(start, int) or not 0 <= start <= len(text):  # fmt: skip
        raise _Bad("meta")
    return meta
