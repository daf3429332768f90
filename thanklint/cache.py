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

import hashlib
import json
import math
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from thanklint.__about__ import __version__
from thanklint.files import Unreadable, read_bytes
from thanklint.model import Deduction, Finding, RuleResult, Score, Severity, Span, Status, Suggestion
from thanklint.report import Report, RuleInfo

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
    """thanklint's own source: an editable install changes without a version bump,
    and a stale hit would hide the change."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*.py")):
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
            report = _report(_of(data, "report", dict))
            meta = _meta(_of(data, "meta", list), report.text)
        except (OSError, Unreadable, ValueError, RecursionError, _Bad):  # RecursionError: JSON nested too deep
            return None
        self.hits += 1
        return report, meta

    def put(self, k: str, report: Report, meta: list | None = None) -> None:
        if report.engines.get("grammar", "").startswith("skipped"):
            return  # an engine that was down or slow this time may answer next time
        path = self._path(k)
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


# -- reading an entry back: every field checked, the way put() wrote it ---------------------


class _Bad(Exception):
    """An entry that is not what put() writes."""


def _no_constant(name: str):
    raise _Bad(f"{name} in a cache entry")  # NaN and Infinity are never written


def _of(d, key: str, kind):
    """d[key], which must be a `kind` (a bool is not a number)."""
    if not isinstance(d, dict) or key not in d:
        raise _Bad(key)
    value = d[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))):
        raise _Bad(key)
    return value


def _number(d, key: str) -> float:
    value = _of(d, key, (int, float))
    if not math.isfinite(value):  # json reads 1e999 as inf
        raise _Bad(key)
    return value


def _texts(items) -> tuple[str, ...]:
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise _Bad("texts")
    return tuple(items)


def _span(d, text: str, lines: int) -> Span:
    line, column, end_line, end_column, offset, length = (
        _of(d, k, int) for k in ("line", "column", "end_line", "end_column", "offset", "length"))  # fmt: skip
    if not (1 <= line <= end_line <= lines and column >= 1 and end_column >= 1 and offset >= 0 and length >= 0
            and offset + length <= len(text)):  # fmt: skip
        raise _Bad("span")
    return Span(line, column, end_line, end_column, offset, length)


def _suggestion(d, text: str, lines: int) -> Suggestion:
    kind = _of(d, "kind", str)
    if kind not in ("replace", "insert"):
        raise _Bad("suggestion kind")
    return Suggestion(kind, _of(d, "text", str), _span(_of(d, "span", dict), text, lines), _of(d, "safe", bool))


def _finding(d, text: str, lines: int) -> Finding:
    sugg = tuple(_suggestion(s, text, lines) for s in _of(d, "suggestions", list))
    return Finding(_of(d, "rule", str), Severity(_of(d, "severity", str)), _of(d, "message", str),
                   _span(_of(d, "span", dict), text, lines), sugg)  # fmt: skip


def _result(d, text: str, lines: int) -> RuleResult:
    findings = tuple(_finding(f, text, lines) for f in _of(d, "findings", list))
    return RuleResult(_of(d, "rule", str), Status(_of(d, "status", str)), findings, _of(d, "detail", str),
                      _of(d, "absent", bool))  # fmt: skip


def _report(d: dict) -> Report:
    """A Report from an entry; _Bad or ValueError (an unknown status or severity)
    when anything is missing, of the wrong type or out of range."""
    text = _of(d, "text", str)
    lines = text.count("\n") + 1
    results = tuple(_result(r, text, lines) for r in _of(d, "results", list))
    rules = tuple(RuleInfo(_of(i, "id", str), _of(i, "name", str), _number(i, "weight"), _of(i, "why", str))
                  for i in _of(d, "rules", list))  # fmt: skip
    if not {r.rule for r in results} <= {i.id for i in rules}:
        raise _Bad("a result without its rule")  # the formatters look each one up
    sc = _of(d, "score", dict)
    points = _of(sc, "points", int)
    if not 0 <= points <= 100:
        raise _Bad("points")
    deductions = tuple(Deduction(_of(x, "rule", str), _number(x, "points"), _of(x, "reason", str))
                       for x in _of(sc, "deductions", list))  # fmt: skip
    engines = _of(d, "engines", dict)
    if not all(isinstance(v, str) for v in engines.values()):
        raise _Bad("engines")
    return Report(_of(d, "path", str), text, Score(points, _of(sc, "grade", str), deductions), results, rules,
                  dict(engines), _texts(_of(d, "notices", list)))  # fmt: skip


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
