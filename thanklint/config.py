"""Config: built-in defaults → user config → the nearest thanklint.toml or
[tool.thanklint] in pyproject.toml (walking up from the note) → --config → flags.
This module is the only one that reads config files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from thanklint.context import Context, from_mapping
from thanklint.errors import ConfigError

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

RULE_KEYS = ("enabled", "severity", "weight")
TOP_KEYS = ("packs", "max_bytes", "context", "rules", "grammar", "vocabulary", "vocabulary_files")
GRAMMAR_KEYS = {"engine": str, "languagetool_url": str, "require": bool, "timeout": (int, float), "disabled_rules": list}
ENGINES = ("auto", "languagetool", "harper", "off")


@dataclass(frozen=True)
class Grammar:
    engine: str = "auto"
    languagetool_url: str | None = None
    require: bool = False  # exit 2 when no engine can run, instead of skipping grammar and spelling
    timeout: float = 10.0
    disabled_rules: tuple[str, ...] = ()  # engine rule ids to switch off, on top of the pack's


@dataclass(frozen=True)
class Config:
    packs: tuple[str, ...] = ()
    max_bytes: int = 1_000_000
    context: Context = field(default_factory=Context)
    rules: dict = field(default_factory=dict)  # rule id -> {"enabled"?, "severity"?, "weight"?, params...}
    rule_sources: dict = field(default_factory=dict)  # rule id -> the file that last set it (for errors)
    grammar: Grammar = field(default_factory=Grammar)
    vocabulary: tuple[str, ...] = ()  # words the spelling rule never flags
    vocabulary_files: tuple[str, ...] = ()  # files of such words, one a line (absolute paths)
    sources: tuple[str, ...] = ()  # the files that were read, in order

    def words(self) -> tuple[str, ...]:
        """The vocabulary, with the words of every vocabulary file that exists."""
        out = list(self.vocabulary)
        for path in self.vocabulary_files:
            try:
                text = Path(path).read_text(encoding="utf-8")
            except FileNotFoundError:
                continue
            except (OSError, UnicodeDecodeError) as e:
                raise ConfigError(f"vocabulary file {path}: cannot be read ({e})") from None
            out.extend(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
        return tuple(out)


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except OSError as e:
        raise ConfigError(f"{path}: cannot be read ({e.strerror})") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("thanklint", {})
    return data


def _has_section(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        return "thanklint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # let _read report it


def find_project_config(start: Path) -> Path | None:
    """The nearest thanklint.toml, or pyproject.toml with [tool.thanklint]."""
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        for name in ("thanklint.toml", "pyproject.toml"):
            p = d / name
            if p.is_file() and _has_section(p):
                return p
    return None


WORDS_FILE = ".thanklint-words"  # one word a line; the editor's "add to vocabulary" writes here


def find_words_file(start: Path) -> Path | None:
    """The nearest .thanklint-words, walking up from the note's folder."""
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        if (d / WORDS_FILE).is_file():
            return d / WORDS_FILE
    return None


def user_config() -> Path | None:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    p = base / "thanklint" / "config.toml"
    return p if p.is_file() else None


def apply(cfg: Config, data: dict, where: str) -> Config:
    """Merge one source's table over `cfg`."""
    for key in data:
        if key not in TOP_KEYS:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(TOP_KEYS)})")
    changes: dict = {}
    base = Path(where).parent if Path(where).suffix == ".toml" else Path.cwd()  # paths are relative to their file
    if "packs" in data:
        packs = _texts(data, "packs", where, "a list of folder paths")
        changes["packs"] = cfg.packs + tuple(str((base / p).resolve()) for p in packs)
    if "max_bytes" in data:
        v = data["max_bytes"]
        if isinstance(v, bool) or not isinstance(v, int) or v <= 0:
            raise ConfigError(f"{where}: 'max_bytes' must be a positive whole number")
        changes["max_bytes"] = v
    if "context" in data:
        if not isinstance(data["context"], dict):
            raise ConfigError(f"{where}: 'context' must be a table")
        changes["context"] = cfg.context.merged(from_mapping(data["context"], f"{where} [context]"))
    if "rules" in data:
        changes["rules"] = _merge_rules(cfg.rules, data["rules"], where)
        changes["rule_sources"] = {**cfg.rule_sources, **{rid: where for rid in data["rules"]}}
    if "grammar" in data:
        changes["grammar"] = _grammar(cfg.grammar, data["grammar"], where)
    if "vocabulary" in data:
        changes["vocabulary"] = cfg.vocabulary + tuple(_texts(data, "vocabulary", where, "a list of words"))
    if "vocabulary_files" in data:
        files = _texts(data, "vocabulary_files", where, "a list of file paths")
        changes["vocabulary_files"] = cfg.vocabulary_files + tuple(str((base / f).resolve()) for f in files)
    return replace(cfg, sources=cfg.sources + (where,), **changes)


def _texts(data: dict, key: str, where: str, what: str) -> list[str]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be {what}")
    return value


def _grammar(current: Grammar, table, where: str) -> Grammar:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: 'grammar' must be a table")
    changes = {}
    for key, value in table.items():
        want = GRAMMAR_KEYS.get(key)
        if want is None:
            raise ConfigError(f"{where}: unknown key 'grammar.{key}' (known: {', '.join(GRAMMAR_KEYS)})")
        if not isinstance(value, want) or (isinstance(value, bool) and want is not bool):
            raise ConfigError(f"{where}: 'grammar.{key}' has the wrong type")
        if key == "engine" and value not in ENGINES:
            raise ConfigError(f"{where}: 'grammar.engine' must be one of {', '.join(ENGINES)}")
        if key == "disabled_rules":
            if not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: 'grammar.disabled_rules' must be a list of engine rule ids")
            value = current.disabled_rules + tuple(value)
        if key == "timeout":
            if value <= 0:
                raise ConfigError(f"{where}: 'grammar.timeout' must be a positive number of seconds")
            value = float(value)
        changes[key] = value
    return replace(current, **changes)


def _merge_rules(current: dict, table, where: str) -> dict:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: 'rules' must be a table keyed by rule id")
    out = {k: dict(v) for k, v in current.items()}
    for rid, value in table.items():
        entry = out.setdefault(rid, {})
        if isinstance(value, bool):
            entry["enabled"] = value
        elif isinstance(value, str) and value in ("error", "warning", "info"):
            entry["severity"] = value
        elif isinstance(value, dict):
            entry.update(value)
        else:
            raise ConfigError(f"{where}: rules.{rid} must be true/false, a severity, or a table of settings")
    return out


def load(note_path: Path | None = None, *, explicit: str | None = None, isolated: bool = False) -> Config:
    cfg = Config()
    if not isolated:
        user = user_config()
        if user:
            cfg = apply(cfg, _read(user), str(user))
        project = find_project_config(note_path or Path.cwd())
        if project:
            cfg = apply(cfg, _read(project), str(project))
    if explicit:
        p = Path(explicit)
        if not p.is_file():
            raise ConfigError(f"--config {explicit}: no such file")
        cfg = apply(cfg, _read(p), str(p))
    if not isolated:
        words = find_words_file(note_path or Path.cwd())
        if words and str(words) not in cfg.vocabulary_files:
            cfg = replace(cfg, vocabulary_files=cfg.vocabulary_files + (str(words),), sources=cfg.sources + (str(words),))
    return cfg
