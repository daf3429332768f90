"""Config: built-in defaults → user config → the nearest thanklint.toml or
[tool.thanklint] in pyproject.toml (walking up from the note) → --config → flags.
This module is the only one that reads config files."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from thanklint.context import Context, from_mapping
from thanklint.errors import ConfigError
from thanklint.files import Unreadable, read_bytes
from thanklint.spec import weight_problem

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

RULE_KEYS = ("enabled", "severity", "weight")
TOP_KEYS = ("packs", "max_bytes", "context", "rules", "grammar", "vocabulary", "vocabulary_files", "template",
            "include", "exclude", "cache", "duplicate", "language")
GRAMMAR_KEYS = {"engine": str, "languagetool_url": str, "require": bool, "timeout": (int, float), "disabled_rules": list,
                "idle_timeout": (int, float)}
ENGINES = ("auto", "languagetool", "harper", "both", "off")
TEMPLATE_KEYS = ("enabled", "paths", "variables", "samples", "syntaxes")
# How a template names a variable: one capture group, the variable's name.
SYNTAXES = (
    r"\{\{\s*([A-Za-z_][\w -]{0,40}?)\s*\}\}",  # {{company}}
    r"(?<![{\w])\{([A-Za-z_][\w]{0,40})\}(?!\})",  # {company}
    r"\[([A-Za-z][\w -]{0,40})\](?!\()",  # [Company] (not a Markdown link)
    r"<([A-Za-z][\w -]{0,30})>",  # <Company> (an e-mail address has @ or a dot)
)
NOTE_GLOBS = ("*.txt", "*.md", "*.eml")  # what a folder is searched for
MAX_CONFIG_BYTES = 1_000_000  # a config file is a page of settings, not data
MAX_WORDS_BYTES = 10_000_000  # a vocabulary file: about a million words
MAX_TIMEOUT = 600.0  # seconds: grammar.timeout bounds every request to an engine
MAX_IDLE = 7 * 86400.0  # seconds: a week; grammar.idle_timeout


@dataclass(frozen=True)
class Template:
    enabled: bool = False  # every note is a template (--template)
    paths: tuple[str, ...] = ()  # globs of notes that are templates, relative to the config file
    variables: tuple[str, ...] = ()  # the names a template may use
    samples: dict = field(default_factory=dict)  # name -> value used to render
    syntaxes: tuple[str, ...] = SYNTAXES


@dataclass(frozen=True)
class Grammar:
    engine: str = "auto"
    languagetool_url: str | None = None
    require: bool = False  # exit 2 when no engine can run, instead of skipping grammar and spelling
    timeout: float = 10.0
    disabled_rules: tuple[str, ...] = ()  # engine rule ids to switch off, on top of the pack's
    # seconds the shared local LanguageTool server waits unused before it stops; 0: one JVM per
    # run; None: env THANKLINT_LANGUAGETOOL_IDLE_TIMEOUT, else 15 min (grammar/shared_server.py)
    idle_timeout: float | None = None


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
    template: Template = field(default_factory=Template)
    include: tuple[str, ...] = NOTE_GLOBS  # file globs a folder is searched for
    exclude: tuple[str, ...] = ()  # globs of files and folders to skip (relative to the config file)
    base: str = ""  # the folder of the nearest project config: include/exclude/paths are relative to it
    cache: bool = True  # keep results in .thanklint_cache/ beside the project config
    origins: dict = field(default_factory=dict)  # dotted key -> the file that set it (config --show)
    # two notes to one company at least this similar (0–1) get a `duplicate` warning; 0 turns it off
    duplicate: float = 0.9
    language: str = "auto"  # the notes' English: en-US, en-GB, en-AU, en-CA, en-IN; auto = from their spellings

    def words(self) -> tuple[str, ...]:
        """The vocabulary, with the words of every vocabulary file that exists."""
        out = list(self.vocabulary)
        for path in self.vocabulary_files:
            try:
                text = read_bytes(path, MAX_WORDS_BYTES).decode("utf-8")
            except FileNotFoundError:
                continue
            except Unreadable as e:
                raise ConfigError(f"vocabulary file {path} {e}") from None
            except UnicodeDecodeError:
                raise ConfigError(f"vocabulary file {path} is not UTF-8 text") from None
            out.extend(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
        return tuple(out)


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(read_bytes(path, MAX_CONFIG_BYTES).decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except Unreadable as e:
        raise ConfigError(f"{path} {e}") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8 text (byte {e.start + 1} cannot be decoded); save it as UTF-8") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None


def _read(path: Path) -> dict:
    data = _toml(path)
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("thanklint", {})
    return data


def _has_section(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    try:
        return "thanklint" in _toml(path).get("tool", {})
    except ConfigError:
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
    """The nearest .thanklint-words, walking up from the note's folder. Whatever
    stands under that name counts, so that a FIFO or a folder there is reported
    (Config.words) rather than silently passed over."""
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        if (d / WORDS_FILE).exists():
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
        changes["packs"] = cfg.packs + tuple(_pack_folder(p, base, where) for p in packs)
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
    for key in ("include", "exclude"):
        if key in data:
            changes[key] = tuple(_texts(data, key, where, "a list of file globs"))
            changes["base"] = str(base.resolve())
    if "cache" in data:
        if not isinstance(data["cache"], bool):
            raise ConfigError(f"{where}: 'cache' must be true or false")
        changes["cache"] = data["cache"]
    if "duplicate" in data:
        v = data["duplicate"]
        if v is False:
            v = 0.0
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v <= 1:
            raise ConfigError(f"{where}: 'duplicate' must be a similarity from 0 to 1 (or false)")
        changes["duplicate"] = float(v)
    if "template" in data:
        changes["template"] = _template(cfg.template, data["template"], where, base)
    if "language" in data:
        changes["language"] = language(data["language"], where)
    origins = {**cfg.origins, **{k: where for k in _leaves(data)}}
    return replace(cfg, sources=cfg.sources + (where,), origins=origins, **changes)


def user_packs() -> Path:
    """The user's own packs, shared by every project: ~/.config/thanklint/packs/NAME."""
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "thanklint" / "packs"


def _pack_folder(entry: str, base: Path, where: str) -> str:
    """A pack named in config is a folder inside the folder of that config file, or
    a pack by name in user_packs(). Anything else (`../..`, an absolute path
    elsewhere, a symlink that leads out) is refused: a config file that came with
    a cloned project must not make thanklint read files from anywhere."""
    root = base.resolve()
    local = (root / entry).resolve()
    if _plain_name(entry) and not local.exists() and (user_packs() / entry).is_dir():
        return str(user_packs() / entry)
    if local.is_relative_to(root):
        return str(local)  # when it is missing, loading it says so
    raise ConfigError(f"{where}: packs: '{entry}' is outside {root}; a pack must be a folder inside the config "
                      f"file's folder, or a pack name in {user_packs()}")


def _plain_name(entry: str) -> bool:
    return entry not in ("", ".", "..") and "/" not in entry and "\\" not in entry


def _leaves(data: dict, prefix: str = ""):
    """Dotted keys of a table's values ("rules.length.max_words"), for config --show."""
    for key, value in data.items():
        if isinstance(value, dict) and value:
            yield from _leaves(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def _template(current: Template, table, where: str, base: Path) -> Template:
    from thanklint.kinds._regex import compiled

    if isinstance(table, bool):  # `template = true`: every note under this config is a template
        return replace(current, enabled=table)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: 'template' must be true/false or a table")
    changes: dict = {}
    for key, value in table.items():
        if key not in TEMPLATE_KEYS:
            raise ConfigError(f"{where}: unknown key 'template.{key}' (known: {', '.join(TEMPLATE_KEYS)})")
        if key == "enabled":
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: 'template.enabled' must be true or false")
            changes[key] = value
        elif key == "samples":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where}: 'template.samples' must be a table of texts (name = \"value\")")
            changes[key] = {**current.samples, **{_name(k): v for k, v in value.items()}}
        else:
            items = _texts(table, key, where, "a list of texts") if isinstance(value, list) else None
            if items is None:
                raise ConfigError(f"{where}: 'template.{key}' must be a list of texts")
            if key == "variables":
                changes[key] = tuple(dict.fromkeys(_name(v) for v in items))
            elif key == "paths":
                changes[key] = current.paths + tuple(str(base.resolve() / p) for p in items)
            else:
                for pat in items:
                    try:
                        groups = compiled(pat).groups  # the engine template.slots runs them with
                    except ValueError as e:
                        raise ConfigError(f"{where}: 'template.syntaxes': {e}") from None
                    if groups != 1:
                        raise ConfigError(f"{where}: 'template.syntaxes': {pat!r} needs exactly one (group): the name")
                changes[key] = tuple(items)
    unknown = [k for k in changes.get("samples", {}) if k not in changes.get("variables", current.variables)]
    if unknown and (changes.get("variables") or current.variables):
        raise ConfigError(f"{where}: 'template.samples.{unknown[0]}' is not in template.variables")
    return replace(current, **changes)


def _name(text: str) -> str:
    """A variable's name as compared: "Company Name", "company-name" and "company_name" are one."""
    import re

    return re.sub(r"[\s-]+", "_", text.strip()).lower()


def _texts(data: dict, key: str, where: str, what: str) -> list[str]:
    value = data[key]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be {what}")
    return value


def language(value, where: str) -> str:
    """A `language` setting (config or --language), checked."""
    from thanklint.dialect import CHOICES

    if value not in CHOICES:
        raise ConfigError(f"{where}: 'language' must be one of {', '.join(CHOICES)}")
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
            if not 0 < value <= MAX_TIMEOUT:  # false for nan too
                raise ConfigError(f"{where}: 'grammar.timeout' must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}")
            value = float(value)
        if key == "idle_timeout":
            if not 0 <= value <= MAX_IDLE:  # false for nan too
                raise ConfigError(f"{where}: 'grammar.idle_timeout' must be a number of seconds from 0 (no shared server) to {MAX_IDLE:g}")
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
            if "weight" in value and (problem := weight_problem(value["weight"])):
                raise ConfigError(f"{where}: rules.{rid}.weight {problem}")
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
        if not p.exists():
            raise ConfigError(f"--config {explicit}: no such file")
        cfg = apply(cfg, _read(p), str(p))  # _read refuses a FIFO or a folder
    if not isolated:
        words = find_words_file(note_path or Path.cwd())
        if words and str(words) not in cfg.vocabulary_files:
            cfg = replace(cfg, vocabulary_files=cfg.vocabulary_files + (str(words),), sources=cfg.sources + (str(words),))
    return cfg


def show(cfg: Config, rules=()) -> str:
    """The resolved config as TOML-like lines, each with the file it came from
    ("default" when no file set it). `rules`: (rule, enabled) pairs with their
    effective severity and weight."""

    def origin(key: str) -> str:
        parts = key.split(".")
        for i in range(len(parts), 0, -1):
            if ".".join(parts[:i]) in cfg.origins:
                return cfg.origins[".".join(parts[:i])]
        return "default"

    def val(v) -> str:
        if isinstance(v, (tuple, list)):
            return "[" + ", ".join(val(x) for x in v) + "]"
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
        if v is None:
            return '""'
        return str(v)

    rows: list[tuple[str, str, str]] = []

    def add(key: str, value) -> None:
        rows.append((key, val(value), origin(key)))

    for key in ("packs", "max_bytes", "vocabulary", "vocabulary_files", "include", "exclude", "cache", "duplicate",
                "language"):
        add(key, getattr(cfg, key))
    for f in fields(cfg.context):
        value = getattr(cfg.context, f.name)
        if value:
            add(f"context.{f.name}", value)
    for f in fields(cfg.grammar):
        value = getattr(cfg.grammar, f.name)
        if f.name == "idle_timeout" and value is None:
            # unset defers to the environment, then 15 min: show what a run will use
            from .grammar.shared_server import DEFAULT_IDLE, IDLE_ENV

            env = os.environ.get(IDLE_ENV, "").strip()
            rows.append(("grammar.idle_timeout", env or val(DEFAULT_IDLE), f"env {IDLE_ENV}" if env else "default"))
            continue
        add(f"grammar.{f.name}", value)
    t = cfg.template
    add("template.enabled", t.enabled)
    add("template.paths", t.paths)
    add("template.variables", t.variables)
    for name, value in t.samples.items():
        add(f"template.samples.{name}", value)
    add("template.syntaxes", t.syntaxes)
    for rule, enabled in rules:
        add(f"rules.{rule.id}.enabled", enabled)
        add(f"rules.{rule.id}.severity", rule.spec.severity.value)
        add(f"rules.{rule.id}.weight", rule.spec.weight)
        for key, value in cfg.rules.get(rule.id, {}).items():
            if key not in RULE_KEYS:
                add(f"rules.{rule.id}.{key}", value)
    width = min(max(len(k) + len(v) for k, v, _ in rows) + 3, 64)  # long values push their comment right
    head = "# files read: " + (", ".join(cfg.sources) or "none (built-in defaults)")
    return head + "\n" + "".join(f"{(k + ' = ' + v).ljust(width)}  # {o}\n" for k, v, o in rows)
