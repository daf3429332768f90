"""A results cache for folders of templates: an unchanged note under an unchanged
config costs one file read and one small JSON read on the next run.

The key hashes everything a report depends on: the note's bytes, the resolved
config (with its vocabulary words), every rule pack file, thanklint's version,
the run's flags (context, template values) and the grammar setting. Entries are
JSON, not pickles: a cache folder can come from anywhere, and loading it must
never run code. A broken entry is a miss, never an error."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from thanklint.__about__ import __version__
from thanklint.model import Deduction, Finding, RuleResult, Score, Severity, Span, Status, Suggestion
from thanklint.report import Report, RuleInfo

FOLDER = ".thanklint_cache"
FORMAT = "2"  # bump when the entry layout changes


@lru_cache(maxsize=32)
def _packs_digest(folders: tuple[str, ...]) -> str:
    from thanklint.packs import DEFAULT_PACK, rules_root

    h = hashlib.sha256()
    for folder in (rules_root() / DEFAULT_PACK, *map(Path, folders)):
        for f in sorted(Path(folder).rglob("*.yaml")):
            h.update(str(f.relative_to(folder)).encode() + b"\0" + f.read_bytes() + b"\0")
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
                 os.environ.get("THANKLINT_LANGUAGETOOL_URL", ""), extra):  # fmt: skip
        h.update(part.encode("utf-8") + b"\0")
    h.update(raw)
    return h.hexdigest()


class Cache:
    def __init__(self, folder: Path):
        self.folder = folder
        self.hits = 0

    def _path(self, k: str) -> Path:
        return self.folder / k[:2] / f"{k}.json"

    def get(self, k: str) -> tuple[Report, list] | None:
        """(report, the extra values stored with it), or None."""
        try:
            data = json.loads(self._path(k).read_text(encoding="utf-8"))
            report, meta = _report(data["report"]), list(data["meta"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.hits += 1
        return report, meta

    def put(self, k: str, report: Report, meta: list | None = None) -> None:
        path = self._path(k)
        try:
            if not self.folder.exists():
                self.folder.mkdir(parents=True)
                # keep it out of version control and backups without anyone having to ask
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
                (self.folder / "CACHEDIR.TAG").write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n# thanklint results cache\n", encoding="utf-8")
            path.parent.mkdir(exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"report": asdict(report), "meta": meta or []}, ensure_ascii=False),
                           encoding="utf-8")  # fmt: skip
            os.replace(tmp, path)  # readers never see half an entry
        except OSError:
            pass  # a read-only checkout still lints; it just is not faster next time


def _span(d: dict) -> Span:
    return Span(**d)


def _finding(d: dict) -> Finding:
    sugg = tuple(Suggestion(s["kind"], s["text"], _span(s["span"]), s["safe"]) for s in d["suggestions"])
    return Finding(d["rule"], Severity(d["severity"]), d["message"], _span(d["span"]), sugg)


def _report(d: dict) -> Report:
    results = tuple(RuleResult(r["rule"], Status(r["status"]), tuple(_finding(f) for f in r["findings"]),
                               r["detail"], r["absent"]) for r in d["results"])  # fmt: skip
    sc = d["score"]
    score = Score(sc["points"], sc["grade"], tuple(Deduction(**x) for x in sc["deductions"]))
    return Report(d["path"], d["text"], score, results, tuple(RuleInfo(**i) for i in d["rules"]),
                  dict(d["engines"]), tuple(d["notices"]))  # fmt: skip
