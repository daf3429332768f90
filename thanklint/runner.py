"""A check run over many notes, for the CLI: find the files, resolve each one's
config, take what the cache has, lint the rest in nlp.pipe batches (in worker
processes with -j), render templates and map their findings back, and compare
notes with each other (`duplicate`). The CLI parses arguments and prints; this
module does the work between."""

from __future__ import annotations

import fnmatch
import glob
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from thanklint import config as cfgmod
from thanklint.errors import InputError

BATCH = 32  # notes per nlp.pipe call: large enough to batch, small enough to show progress
SKIP_DIRS = {"node_modules", "__pycache__"}  # and every hidden folder (.git, .thanklint_cache, .venv)


@dataclass
class Item:
    """One note to check."""

    path: str  # as given or found ("<stdin>" for standard input)
    config: cfgmod.Config
    template: bool = False
    raw: bytes = b""
    key: str = ""  # cache key ("" when not cached)


@dataclass
class Options:
    flags: object = None  # Context from the command line
    template: bool = False  # --template
    variables: dict = field(default_factory=dict)  # --var
    encoding: str | None = None
    jobs: int = 1
    cache: object = None  # cache.Cache, or None
    progress: object = None  # callable(done, total), or None
    linters: dict | None = None  # config repr -> Linter, kept by the caller (None: made and closed here)
    engines: dict | None = None  # shared grammar engines for those Linters


# -- finding the files -----------------------------------------------------------------


def _excluded(path: Path, cfg: cfgmod.Config) -> bool:
    if not cfg.exclude:
        return False
    base = Path(cfg.base) if cfg.base else Path.cwd()
    try:
        rel = path.resolve().relative_to(base).as_posix()
    except ValueError:
        rel = path.as_posix()
    parts = rel.split("/")
    for pat in cfg.exclude:
        pat = pat.rstrip("/")
        if fnmatch.fnmatch(rel, pat) or any(fnmatch.fnmatch(p, pat) for p in parts):
            return True
        if any(fnmatch.fnmatch("/".join(parts[: i + 1]), pat) for i in range(len(parts))):
            return True
    return False


def _walk(folder: Path, *, config_for) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        d = Path(dirpath)
        dirnames[:] = sorted(n for n in dirnames if n not in SKIP_DIRS and not n.startswith("."))
        for name in sorted(filenames):
            f = d / name
            if not f.is_file():  # a FIFO or device named x.txt would block or never end
                continue
            cfg = config_for(f)
            if any(fnmatch.fnmatch(name, g) for g in cfg.include) and not _excluded(f, cfg):
                found.append(str(f))
    return found


def expand(paths: list[str], *, config_for) -> list[str]:
    """Files, folders (searched for the config's `include` globs, minus `exclude`)
    and globs → file paths, in the order given, each once."""
    out: list[str] = []
    for raw in paths:
        if raw == "-":
            out.append(raw)
            continue
        p = Path(raw)
        try:
            p.stat()  # a name too long for the file system, a loop of links: say so, naming it
        except FileNotFoundError:
            pass
        except OSError as e:
            raise InputError(f"{raw}: {e.strerror}") from None
        if p.is_dir():
            found = _walk(p, config_for=config_for)
            if not found:
                globs = ", ".join(config_for(p / "x").include)
                raise InputError(f"{raw}: folder has no notes ({globs})")
            out.extend(found)
        elif p.exists():
            out.append(raw)
        elif glob.has_magic(raw):
            found = sorted(f for f in glob.glob(raw, recursive=True) if Path(f).is_file())
            if not found:
                raise InputError(f"{raw}: no file matches")
            out.extend(found)
        else:
            raise InputError(f"{raw}: no such file or folder")
    return list(dict.fromkeys(out))


def is_template(path: str, cfg: cfgmod.Config, forced: bool) -> bool:
    if forced or cfg.template.enabled:
        return True
    if path == "-" or not cfg.template.paths:
        return False
    full = str(Path(path).resolve())
    return any(fnmatch.fnmatch(full, pat) for pat in cfg.template.paths)


# -- checking --------------------------------------------------------------------------


def _group_key(item: Item) -> tuple:
    return (item.config.sources, repr(item.config))


def check(items: list[Item], opts: Options) -> tuple[list, list[str]]:
    """Lint every item: (reports in item order, failure messages)."""
    from thanklint.api import read_text

    reports: dict[int, object] = {}
    failures: list[str] = []
    todo: list[tuple[int, Item, str, str, bool]] = []
    letters: dict[int, list] = {}  # index -> [company, letter text, where it starts], for `duplicate`
    for i, item in enumerate(items):
        try:
            text, codec, bom = read_text(item.raw, name=item.path, max_bytes=item.config.max_bytes,
                                         encoding=opts.encoding)  # fmt: skip
        except InputError as e:
            failures.append(str(e))
            continue
        if opts.cache is not None and item.key:
            hit = opts.cache.get(item.key)
            if hit is not None:
                reports[i] = replace(hit[0], path=item.path)
                if len(hit[1]) == 3:
                    letters[i] = hit[1]
                continue
        todo.append((i, item, text, codec, bom))
    total, done = len(items), len(reports)
    if opts.progress:
        opts.progress(done, total)

    groups: dict[tuple, list] = {}
    for entry in todo:
        groups.setdefault(_group_key(entry[1]), []).append(entry)
    chunks = [members[k : k + BATCH] for members in groups.values() for k in range(0, len(members), BATCH)]

    def collect(chunk, out):
        nonlocal done
        for (i, item, *_), (rep, err, *meta) in zip(chunk, out):
            if err:
                failures.append(err)
                continue
            reports[i] = rep
            letters[i] = meta
            if opts.cache is not None and item.key:
                opts.cache.put(item.key, rep, meta)
        done += len(chunk)
        if opts.progress:
            opts.progress(done, total)

    if opts.jobs > 1 and len(chunks) > 1:
        from concurrent.futures import ProcessPoolExecutor

        # Each worker loads spaCy once and then takes chunks as it frees up.
        with ProcessPoolExecutor(max_workers=min(opts.jobs, len(chunks)), initializer=_worker_start,
                                 initargs=(os.getpid(),)) as pool:  # fmt: skip
            futures = [(chunk, pool.submit(_check_chunk, _portable(chunk), opts.flags, opts.variables))
                       for chunk in chunks]  # fmt: skip
            for chunk, fut in futures:
                collect(chunk, fut.result())
    else:
        own = opts.linters is None  # else the caller goes on with them (--fix) and closes them
        linters = {} if own else opts.linters
        engines = {} if own else opts.engines
        try:
            for chunk in chunks:
                collect(chunk, _check_chunk(_portable(chunk), opts.flags, opts.variables, linters, engines))
        finally:
            if own:
                for linter in linters.values():
                    linter.close()
    _duplicates(reports, letters, items)
    return [reports[i] for i in sorted(reports)], failures


def _duplicates(reports: dict, letters: dict, items: list[Item]) -> None:
    """The cross-note `duplicate` check over every note of the run, cached or not:
    a cache entry keeps the company and letter text beside the report, and never
    the warning itself (the check runs after the entry is written)."""
    from thanklint import duplicate

    thresholds = {i: items[i].config.duplicate for i in letters}
    entries = [(i, company, text) for i, (company, text, _) in letters.items() if company and thresholds[i] > 0]
    if len(entries) < 2:
        return
    found = duplicate.find(entries, min(thresholds[i] for i, _, _ in entries))
    for i, others in found.items():
        others = [(reports[j].path, r) for j, r in others if r >= thresholds[i]]
        if others:
            company, _, start = letters[i]
            span = _letter_span(reports[i].text, start)
            reports[i] = duplicate.add(reports[i], others, span, company)


def _letter_span(text: str, start: int):
    from thanklint.model import Span

    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return Span(line, col, line, col, start, 0)


def _portable(chunk):
    """What a worker process needs: the config and the decoded notes."""
    return [(item.path, item.config, item.template, text, codec, bom) for _, item, text, codec, bom in chunk]


def _check_chunk(entries, flags, variables, linters=None, engines=None):
    """Lint notes that share a config; templates are rendered first and mapped back.
    Returns (report, None) or (None, failure message) per note, in order. The caller
    owns `linters` and closes them; without, the worker process's own are used."""
    from thanklint.api import Linter

    if linters is None:  # in a worker process: its Linters (and engine) serve every chunk it takes
        linters, engines = _WORKER["linters"], _WORKER["engines"]
    cfg = entries[0][1]
    k = repr(cfg)
    if k not in linters:
        linters[k] = Linter.create(cfg, engines=engines)
    return _lint(linters[k], entries, flags, variables)


# A -j worker's Linters live as long as the worker, so it starts one grammar engine (one
# JVM) however many chunks it takes. The JVM's watchdog stops it when the worker ends.
_WORKER: dict = {"linters": {}, "engines": {}}


def _worker_start(run: int) -> None:
    """A -j worker ends as soon as the run does, however the run ends (SIGTERM and SIGKILL
    included: a worker would otherwise wait for work forever, and keep its JVM)."""
    from thanklint.grammar.watchdog import exit_with

    exit_with(run)


def _lint(linter, entries, flags, variables):
    from thanklint import score, template
    from thanklint.context import Context, from_mapping
    from thanklint.nlp import analysed_end

    out: list = [None] * len(entries)
    batches: dict[str, list] = {}  # one Linter.check per distinct context
    for n, (path, cfg, is_tpl, text, codec, bom) in enumerate(entries):
        rendered, ctx = None, flags
        if is_tpl:
            rendered = template.render(text, cfg.template, variables)
            text = rendered.text
            values = from_mapping(template.context_values(rendered), f"{path}: template values")
            ctx = values.merged(flags) if flags else values
        try:
            note = linter.parse(text, path=path, encoding=codec, bom=bom)
        except InputError as e:
            out[n] = (None, str(e))
            continue
        batches.setdefault(repr(ctx), [ctx, []])[1].append((n, note, rendered))
    for ctx, members in batches.values():
        reports = linter.check([m[1] for m in members], ctx if isinstance(ctx, Context) else None)
        for (n, note, rendered), rep in zip(members, reports):
            if rendered is not None:
                declared = tuple(dict.fromkeys((*linter.config.template.variables, *variables)))
                rep = template.map_report(rep, rendered, declared)
                rule = next((r for r in linter.rules if r.id == "placeholder"), None)
                if rule is not None:
                    missing = template.missing_unknown(rep, rendered, note)
                    rescore = lambda results: score.compute(list(results), linter.rules, linter.ruleset.pack)  # noqa: E731
                    rep = template.add_unknown(rep, missing, rule, declared, rescore)
            company = None if rendered is not None else linter.context_for(note, ctx if isinstance(ctx, Context) else None).company
            # the judged part only: difflib on two 1 MB letters ran for minutes
            letter = note.analysis_text[note.content_start : analysed_end(note.analysis_text, note.content_start)]
            out[n] = (rep, None, company, letter, note.content_start)
    return out


# -- progress --------------------------------------------------------------------------


def progress_bar(stream=None, minimum: int = 10):
    """A one-line bar on stderr when it is a terminal and the run is big enough to
    wait for; None otherwise (pipes and CI logs get nothing extra)."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    state = {"shown": False}

    def show(done: int, total: int) -> None:
        if total < minimum:
            return
        width = 30
        filled = width * done // max(total, 1)
        stream.write(f"\r  checking [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        state["shown"] = True
        if done >= total:
            stream.write("\r" + " " * (width + 30) + "\r")
        stream.flush()

    return show
