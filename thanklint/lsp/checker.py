"""One document → one Report, with the config, vocabulary and context the CLI would
use for the same file (config and `.thanklint-words` found upwards from it). Runs in
the server's lint thread; nothing here knows about LSP."""

from __future__ import annotations

import os
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from thanklint import config as cfgmod
from thanklint.api import Linter, read_text
from thanklint.errors import ConfigError, InputError, ThanklintError
from thanklint.report import Report


@dataclass(frozen=True)
class Outcome:
    """What one check of one document version produced."""

    uri: str
    version: int | None
    text: str  # the text that was checked (ranges are computed against it)
    report: Report | None = None
    problem: str = ""  # why there is no report: bad input, broken config (shown to the user)
    problem_kind: str = ""  # "input" | "config" | "internal"
    linter: Linter | None = None
    note: object | None = None  # the parsed Note (where the letter starts, for control lines)


def _stamp(cfg: cfgmod.Config) -> tuple:
    """The files a Linter was built from, with their modification times: a Linter
    caches the vocabulary, so a changed words file or config means a new Linter."""
    out = []
    for p in dict.fromkeys(cfg.sources + cfg.vocabulary_files):
        try:
            st = os.stat(p)
            out.append((p, st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((p, None))
    return tuple(out)


class Checker:
    def __init__(self, engines, *, max_linters: int = 8) -> None:
        self.engines = engines
        self._linters: OrderedDict[tuple, Linter] = OrderedDict()
        self._max = max_linters
        self._lock = threading.Lock()

    def config_for(self, path: Path | None) -> cfgmod.Config:
        return cfgmod.load(path)

    def linter_for(self, cfg: cfgmod.Config) -> Linter:
        key = _stamp(cfg)
        with self._lock:
            linter = self._linters.get(key)
            if linter is not None:
                self._linters.move_to_end(key)
                return linter
        linter = Linter.create(cfg)
        self.engines.attach(linter)
        with self._lock:
            self._linters[key] = linter
            while len(self._linters) > self._max:
                self._linters.popitem(last=False)  # the shared engine stays open
        return linter

    def forget(self) -> None:
        """Drop cached Linters (a config or vocabulary file changed)."""
        with self._lock:
            self._linters.clear()

    def check(self, uri: str, version: int | None, text: str, path: Path | None) -> Outcome:
        name = str(path) if path else uri
        try:
            cfg = self.config_for(path)
            linter = self.linter_for(cfg)
        except ConfigError as e:
            return Outcome(uri, version, text, problem=str(e), problem_kind="config")
        except ThanklintError as e:
            return Outcome(uri, version, text, problem=str(e), problem_kind="config")
        try:
            read_text(text.encode("utf-8", "surrogatepass"), name=name, max_bytes=linter.config.max_bytes)
            note = linter.parse(text, path=name)
            report = linter.check([note])[0]
        except InputError as e:
            if not text.strip():  # a new, empty file: nothing to say yet
                return Outcome(uri, version, text, linter=linter)
            return Outcome(uri, version, text, problem=str(e), problem_kind="input", linter=linter)
        except ThanklintError as e:
            return Outcome(uri, version, text, problem=str(e), problem_kind="config", linter=linter)
        return Outcome(uri, version, text, report, linter=linter, note=note)

    def warm_up(self, path: Path | None) -> None:
        """Load spaCy, open the grammar engine and run every rule once, so the first
        real check is as fast as the next ones."""
        try:
            linter = self.linter_for(self.config_for(path))
        except ThanklintError:
            linter = self.linter_for(cfgmod.Config())
        for eng in self.engines.all():
            eng.warm()
        sample = "Dear Sam,\n\nThank you for your time today. I enjoyed our talk.\n\nBest,\nKim\n"
        linter.check([linter.parse(sample, path=str(path / "warm-up.txt") if path else "warm-up.txt")])


MAX_WORD = 64  # longer than any real word, short enough to be one


class Refused(Exception):
    """"Add to vocabulary" will not do this; the message says why, for the user."""


def word_problem(word: object) -> str | None:
    """Why `word` cannot go into a vocabulary file (one word a line), or None."""
    if not isinstance(word, str) or not word:
        return "no word was given"
    if len(word) > MAX_WORD:
        return f"a word of more than {MAX_WORD} characters"
    if any(c.isspace() or unicodedata.category(c)[0] in "CZ" for c in word):
        return f"{word!r} is not one word (it has a space, a line break or a control character)"
    if word.startswith("#"):
        return f"{word!r} would be read as a comment"
    return None


def vocabulary_target(path: Path, root: Path) -> Path:
    """Where "add to vocabulary" writes for the note at `path`, inside the workspace
    folder `root`: the first vocabulary file the config names, else the nearest
    `.thanklint-words` the CLI would read, else a new one in `root`. Refused when that
    file is outside `root` (a config or a symlink must not steer a click in the
    editor into writing elsewhere) or its folder does not exist."""
    try:
        cfg = cfgmod.load(path)
    except ThanklintError:
        cfg = cfgmod.Config()
    found = cfgmod.find_words_file(path)
    named = [p for p in cfg.vocabulary_files if found is None or Path(p) != found]
    target = Path(named[0]) if named else found or root / cfgmod.WORDS_FILE
    if not _inside(target, root):
        raise Refused(f"the vocabulary file {target} is outside the workspace folder {root}: add the word there by hand")
    if not target.parent.is_dir():
        raise Refused(f"the folder of the vocabulary file {target} does not exist")
    if target.exists() and not target.is_file():
        raise Refused(f"{target} is not a regular file")
    return target


def workspace_root(path: Path, roots: list[Path]) -> Path:
    """The workspace folder that holds `path` once `..` and symlinks are resolved."""
    for root in sorted((r.resolve() for r in roots), key=lambda r: -len(r.parts)):
        if _inside(path, root):
            return root
    if not roots:
        raise Refused("the editor declared no workspace folder to keep the vocabulary in")
    raise Refused(f"{path} is not inside a workspace folder")


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def add_word(target: Path, word: str) -> bool:
    """Append `word` (checked by word_problem) to the vocabulary file, created if
    needed. False when it is already there."""
    try:
        existing = target.read_text(encoding="utf-8")
    except FileNotFoundError:
        existing = ""
    if word in (w.strip() for w in existing.splitlines()):
        return False
    with target.open("a", encoding="utf-8") as f:
        if existing and not existing.endswith("\n"):
            f.write("\n")
        f.write(word + "\n")
    return True
