"""Command line: parse arguments, find config, call the library, print, exit.

Exit codes: 0 the notes are fine, 1 a note falls short (an error finding, or a
score under --fail-under), 2 a usage, config or input error."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from thanklint.__about__ import __version__

class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        self.exit(2, f"thanklint: {message} (see thanklint --help)\n")


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="thanklint",
        description="Check the thank-you note you are about to send after a job interview.",
        epilog="Other commands: 'thanklint rules [ID]' lists or explains the rules; "
        "'thanklint setup languagetool' builds a local LanguageTool server with Maven; "
        "'thanklint lsp' is the language server for editors; "
        "'thanklint config --show [PATH]' prints the resolved config and where each value came from.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="notes, folders or globs; '-' reads standard input")
    p.add_argument("--version", action="version", version=f"thanklint {__version__}")
    from thanklint.formatters import FORMATS

    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    p.add_argument("--column-unit", choices=("char", "byte", "screen"),
                   help="what --format line's columns count: char (default, code points), byte (UTF-8, for "
                        "Vim's quickfix) or screen (display columns, for Emacs compile)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE (atomically); '-' is stdout")
    p.add_argument("--fail-under", type=int, metavar="SCORE", help="exit 1 when a note scores below SCORE")
    p.add_argument("--min-severity", choices=("info", "warning", "error"), default="info",
                   help="show findings of at least this severity")  # fmt: skip
    p.add_argument("--config", metavar="FILE", help="a thanklint.toml to read after the ones found")
    p.add_argument("--isolated", action="store_true", help="ignore user and project config files")
    p.add_argument("--encoding", metavar="NAME", help="read notes in this encoding instead of UTF-8")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="check in N worker processes")
    p.add_argument("--no-cache", action="store_true", help="neither read nor write .thanklint_cache/")
    p.add_argument("-v", "--verbose", action="store_true", help="say how many notes came from the cache")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    fx = p.add_mutually_exclusive_group()
    fx.add_argument("--fix", action="store_true", help="apply safe fixes to the files (written atomically)")
    fx.add_argument("--diff", action="store_true",
                    help="show the safe fixes as a unified diff; write nothing (exit code as for a check)")
    gr = p.add_argument_group("grammar and spelling")
    gr.add_argument("--grammar-engine", choices=("auto", "languagetool", "harper", "both", "off"),
                    help="auto (default): both LanguageTool and Harper, one verdict, when a LanguageTool URL "
                         "is set or a local install is found, else Harper")
    gr.add_argument("--languagetool-url", metavar="URL", help="a LanguageTool server to use (or THANKLINT_LANGUAGETOOL_URL)")
    gr.add_argument("--require-grammar", action="store_true", help="exit 2 when no grammar engine can run")
    gr.add_argument("--language", choices=("auto", "en-US", "en-GB", "en-AU", "en-CA", "en-IN"),
                    help="the notes' English; auto (default): told from each note's own spellings")
    t = p.add_argument_group("templates")
    t.add_argument("--template", action="store_true",
                   help="the notes are templates: render their variables, then check (see docs/config.md)")
    t.add_argument("--var", action="append", default=[], metavar="NAME=VALUE",
                   help="a value to render a template variable with; repeatable")
    g = p.add_argument_group("context (wins over front matter and config)")
    g.add_argument("--company")
    g.add_argument("--interviewer", action="append", default=[], help="repeatable")
    g.add_argument("--role")
    g.add_argument("--sender")
    g.add_argument("--interview-date", metavar="YYYY-MM-DD")
    g.add_argument("--topic", action="append", default=[], help="something you discussed; repeatable")
    return p


def main(argv: list[str] | None = None) -> int:
    own_process = argv is None  # not a test calling main() in-process with its own capture
    argv = sys.argv[1:] if argv is None else argv
    if own_process:
        # the parse and the content model multiply small matrices (nlp.fast_ops): OpenBLAS's threads
        # only add CPU there (a note 48 ms wall and 94 ms CPU with two, 50 and 57 with one); read when
        # numpy loads, so set before anything imports it; a user's own setting stands
        if not any(os.environ.get(v) for v in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")):
            os.environ["OPENBLAS_NUM_THREADS"] = "1"
    try:
        _escape_unencodable_output()
        if argv == ["--version"]:  # answered before anything else is imported: editors call it often
            print(f"thanklint {__version__}")
            return 0
        if argv and argv[0] == "rules":
            return _rules_command(argv[1:])
        if argv and argv[0] == "config":
            return _config_command(argv[1:])
        if argv and argv[0] == "setup":
            return _setup_command(argv[1:])
        if argv and argv[0] == "server":
            from thanklint.grammar.shared_server import command as server_command

            return server_command(argv[1:])
        if argv and argv[0] == "lsp":
            from thanklint.lsp.server import main as lsp_main

            return lsp_main(argv[1:])
        if own_process:
            _claim_stdout()
        code = _check(_parser().parse_args(argv))
        sys.stdout.flush()  # a reader that left ('| head') is met here, not at interpreter exit
        return code
    except KeyboardInterrupt:
        return _interrupted(own_process)
    except BrokenPipeError:
        if own_process:  # the reader left ('| head'): what is still buffered goes nowhere, silently
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as e:  # noqa: BLE001 — user errors get one line; bugs keep their traceback
        from thanklint.errors import ThanklintError

        if isinstance(e, ThanklintError):
            _say(str(e))
            return 2
        if _from_ctrl_c(e):
            return _interrupted(own_process)
        raise


def _interrupted(own_process: bool) -> int:
    print("thanklint: interrupted", file=sys.stderr)
    if own_process:
        _exit_interrupted()
    return 130


def _from_ctrl_c(e: BaseException) -> bool:
    """Whether a Ctrl-C lies under `e`: one that lands in a class body's __set_name__ (while
    spaCy imports pydantic, say) reaches us as a RuntimeError caused by the KeyboardInterrupt."""
    seen: set[int] = set()
    while e is not None and id(e) not in seen:
        if isinstance(e, KeyboardInterrupt):
            return True
        seen.add(id(e))
        e = e.__cause__ or e.__context__
    return False


def _escape_unencodable_output() -> None:
    """A character the output encoding lacks (an emoji under PYTHONIOENCODING=ascii)
    is written in ASCII or as a backslash escape, not a crash."""
    from thanklint.formatters._escape import PLAIN

    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # not when a caller has swapped in a plain StringIO
            stream.reconfigure(errors=PLAIN)


def _say(message: str) -> None:
    """A message on stderr; the control characters of a file name in it are shown, not obeyed."""
    from thanklint.formatters._escape import visible

    print(f"thanklint: {visible(message)}", file=sys.stderr)


def _exit_interrupted() -> None:
    """End the process now, with 130. A Ctrl-C that lands while C code evaluates Python (an
    extension module's import, say) leaves CPython set to kill the process with SIGINT once it
    exits, whatever code it exits with (Py_RunMain's exit_sigint): seen as exit -2 about once in a
    dozen Ctrl-Cs. So the atexit handlers (the stop of a LanguageTool JVM) run here, and the
    process leaves without the interpreter's own exit."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that left, or a closed stream: nothing to keep
            pass
    os._exit(130)


def _claim_stdout() -> None:
    """Print the report on a private copy of stdout, out of reach of native prints
    (Harper's debugging lines) that would corrupt --format json or sarif."""
    import io

    from thanklint.stdio import claim_stdout

    old = sys.stdout
    sys.stdout = io.TextIOWrapper(claim_stdout(), encoding=old.encoding, errors=old.errors,
                                  line_buffering=old.line_buffering)  # fmt: skip


def _context(args):
    from thanklint.context import from_mapping

    flags = {k: v for k, v in {
        "company": args.company, "interviewer": args.interviewer, "role": args.role, "sender": args.sender,
        "interview_date": args.interview_date, "topics": args.topic}.items() if v}  # fmt: skip
    return from_mapping(flags, "command line")


def _variables(pairs: list[str]) -> dict:
    from thanklint.config import _name
    from thanklint.errors import InputError

    out = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise InputError(f"--var {pair!r}: write it as name=value")
        out[_name(name)] = value
    return out


def _check(args) -> int:
    from functools import lru_cache

    from thanklint import config as cfgmod
    from thanklint import runner
    from thanklint.errors import InputError
    from thanklint.formatters import render
    from thanklint.model import Severity
    from thanklint.source import read_input

    if not args.paths:
        if sys.stdin is None or sys.stdin.isatty():  # nothing to read: fd 0 closed, or a terminal
            _parser().print_usage(sys.stderr)
            print("thanklint: give a note to check, or '-' to read one from standard input", file=sys.stderr)
            return 2
        args.paths = ["-"]
    if args.jobs < 1:
        raise InputError("-j must be at least 1")
    if args.column_unit and args.format != "line":
        raise InputError("--column-unit applies to --format line only")
    flags = _context(args)
    variables = _variables(args.var)

    @lru_cache(maxsize=None)
    def folder_config(folder: str):
        return _with_flags(cfgmod.load(Path(folder) / "x", explicit=args.config, isolated=args.isolated), args)

    def config_for(path: Path):
        return folder_config(str(path if path.is_dir() else path.parent))

    paths = runner.expand(args.paths, config_for=config_for)
    if args.output and args.output != "-":
        _refuse_to_overwrite_a_note(args.output, paths)
    use_cache = not (args.no_cache or args.fix or args.diff)
    cache = None
    if use_cache:  # imported only then: hashing thanklint's own code is not free
        from thanklint import cache as cachemod

        cache = cachemod.Cache(Path(os.environ.get("THANKLINT_CACHE_DIR") or cachemod.FOLDER))
    items, failures = [], []
    for path in paths:
        cfg = folder_config(".") if path == "-" else config_for(Path(path))
        name = "<stdin>" if path == "-" else path
        item = runner.Item(name, cfg, runner.is_template(path, cfg, args.template))
        try:
            item.raw = read_input(path, max_bytes=cfg.max_bytes, name=name)
        except InputError as e:
            failures.append(str(e))
            continue
        if cache is not None and cfg.cache and path != "-":
            extra = repr((name, item.template, flags, sorted(variables.items()), args.encoding))
            item.key = cachemod.key(item.raw, cfg, extra)
        items.append(item)
    fixing = args.fix or args.diff
    opts = runner.Options(flags=flags, template=args.template, variables=variables, encoding=args.encoding,
                          jobs=1 if fixing else args.jobs, cache=cache, progress=runner.progress_bar(),
                          linters={} if fixing else None, engines={} if fixing else None)  # fmt: skip
    try:
        reports, more = runner.check(items, opts)
        failures += more
        if fixing:  # with the same Linters, so the grammar engine is not started twice
            diffs: list[str] = []
            fixed = _fix_all(items, reports, flags, args, diffs, opts.linters, opts.engines, failures)
            # --fix reports the notes as written; --diff wrote nothing: it reports (and exits for) them as they are
            reports = fixed if args.fix else reports
    finally:
        for linter in (opts.linters or {}).values():
            linter.close()
    if args.verbose:
        hits = cache.hits if cache is not None else 0
        print(f"thanklint: {len(reports)} checked: {hits} from the cache, {len(reports) - hits} analysed",
              file=sys.stderr)  # fmt: skip
    minimum = Severity(args.min_severity).rank
    reports = [_filter(r, minimum) for r in reports]
    if args.diff:  # the diff is the output; the exit code is the check's
        _emit("".join(diffs), args.output)
    elif reports:
        color = {"always": True, "never": False}.get(args.color)
        if color is None:
            color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        width = None if not sys.stdout.isatty() else os.get_terminal_size(sys.stdout.fileno()).columns
        to_file = args.output not in (None, "-")
        if to_file:  # a file gets the report as it would look piped: no colour, default width, UTF-8
            color, width = False, None
        encoding = "utf-8" if to_file else sys.stdout.encoding
        _emit(render(args.format, reports, color=color, width=width, encoding=encoding,
                     column_unit=args.column_unit or "char"), args.output)
    for msg in failures:
        _say(msg)
    if failures:
        return 2
    short = any(f.severity is Severity.ERROR for r in reports for f in r.findings)
    if args.fail_under is not None:
        short = short or any(r.score.points < args.fail_under for r in reports)
    return 1 if short else 0


def _refuse_to_overwrite_a_note(output: str, inputs: list[str]) -> None:
    from thanklint.errors import InputError

    if os.path.exists(output) and any(p != "-" and os.path.exists(p) and os.path.samefile(p, output) for p in inputs):
        raise InputError(f"--output {output}: that is a note being checked; choose another file")


def _emit(text: str, output: str | None) -> None:
    """The report on stdout, or in the file `output`, replaced in one rename so a reader
    never sees half a report."""
    if not output or output == "-":  # '-' is standard output, as for input
        sys.stdout.write(text)
        return
    import secrets

    from thanklint.errors import InputError

    target = Path(os.path.realpath(output))
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask decides, as for any new file
        if target.is_file():  # a report written again keeps the permissions its owner gave it
            os.fchmod(fd, target.stat().st_mode & 0o7777)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise InputError(f"--output {output}: cannot write it: {e.strerror or e}") from None


def _fix_all(items, reports, flags, args, diffs: list[str], linters: dict, engines: dict, failures: list[str]):
    """--fix / --diff on plain notes; a template is left alone (its findings come
    from the rendered text, and a fix there is not a fix of the template). A note
    that cannot be written is left as it was and named in `failures`. The caller
    owns and closes `linters`."""
    from thanklint import fix
    from thanklint.api import Linter, read_text

    by_path = {it.path: it for it in items}
    out = []
    for report in reports:
        item = by_path.get(report.path)
        if item is None or item.template or report.path == "<stdin>":
            out.append(report)
            continue
        k = repr(item.config)
        if k not in linters:
            linters[k] = Linter.create(item.config, engines=engines)
        text, codec, bom = read_text(item.raw, name=item.path, max_bytes=item.config.max_bytes,
                                     encoding=args.encoding)  # fmt: skip
        note = linters[k].parse(text, path=item.path, encoding=codec, bom=bom)
        try:
            out.append(_fix(linters[k], note, report, flags, write=args.fix, diffs=diffs, raw=item.raw))
        except fix.NotWritten as e:
            failures.append(str(e))
            out.append(report)
    return out


def _fix(linter, note, report, flags, *, write: bool, diffs: list[str], raw: bytes):
    """Apply safe fixes until none is left (at most a few passes); write or diff.
    `raw`: the file's bytes as read; a file that changed since is not written."""
    from thanklint import fix

    if note.path == "<stdin>":
        return report
    text, fixed_count = note.source, 0
    for _ in range(4):
        edits = fix.safe_edits(report)
        if not edits:
            break
        text = fix.apply(text, edits)
        fixed_count += len(edits)
        report = linter.check([linter.parse(text, path=note.path, encoding=note.encoding, bom=note.bom)], flags)[0]
    if fixed_count:
        if write:
            fix.write_atomic(Path(note.path), text, encoding=note.encoding, bom=note.bom, expected=raw)
            print(f"thanklint: fixed {fixed_count} problem{'s' if fixed_count > 1 else ''} in {note.path}",
                  file=sys.stderr)  # fmt: skip
        else:
            diffs.append(fix.unified_diff(note.path, note.source, text))
    return report


def _with_flags(cfg, args):
    from dataclasses import replace

    g = cfg.grammar
    if args.grammar_engine:
        g = replace(g, engine=args.grammar_engine)
    if args.languagetool_url:
        g = replace(g, languagetool_url=args.languagetool_url)
    if args.require_grammar:
        g = replace(g, require=True)
    given = {"grammar.engine": args.grammar_engine, "grammar.languagetool_url": args.languagetool_url,
             "grammar.require": args.require_grammar, "language": args.language}  # fmt: skip
    origins = {**cfg.origins, **{key: "command line" for key, v in given.items() if v}}  # for config --show
    return replace(cfg, grammar=g, language=args.language or cfg.language, origins=origins)


def _filter(report, minimum: int):
    from dataclasses import replace

    if minimum == 0:
        return report
    results = tuple(replace(r, findings=tuple(f for f in r.findings if f.severity.rank >= minimum))
                    for r in report.results)  # fmt: skip
    return replace(report, results=results)


def _rules_command(argv: list[str]) -> int:
    p = _Parser(prog="thanklint rules", description="List the rules, or explain one.")
    p.add_argument("rule", nargs="?", metavar="ID")
    p.add_argument("--config", metavar="FILE")
    p.add_argument("--isolated", action="store_true")
    args = p.parse_args(argv)
    from thanklint import config as cfgmod
    from thanklint import docgen
    from thanklint.api import Linter
    from thanklint.errors import ConfigError

    linter = Linter.create(cfgmod.load(explicit=args.config, isolated=args.isolated))
    rules = {r.id: r for r in linter.ruleset.rules}
    if args.rule is None:
        sys.stdout.write(docgen.rule_list(linter.rules, linter.ruleset.pack))  # as configured: weights, rules off
        return 0
    if args.rule not in rules:
        raise ConfigError(f"no rule '{args.rule}' (known: {', '.join(sorted(rules))})")
    from thanklint import rule_page

    tty = sys.stdout.isatty()
    width = os.get_terminal_size(sys.stdout.fileno()).columns if tty else None
    sys.stdout.write(rule_page.render(docgen.render_rule(rules[args.rule]), width=width,
                                      color=tty and "NO_COLOR" not in os.environ))  # fmt: skip
    return 0


def _config_command(argv: list[str]) -> int:
    p = _Parser(prog="thanklint config", description="Show the config a note would be checked with.",
                epilog="Give the PATH and flags of a check (--config, --company, --grammar-engine, …) to see "
                       "what that check would use; PATH is a note or folder (default: here).")  # fmt: skip
    p.add_argument("--show", action="store_true", required=True, help="print the resolved config and its sources")
    own, rest = p.parse_known_args(argv)
    args = _parser().parse_args(rest)  # a check's own flags, so the two cannot drift apart
    from dataclasses import replace

    from thanklint import config as cfgmod
    from thanklint.api import Linter
    from thanklint.errors import InputError

    if len(args.paths) > 1:
        raise InputError("config --show takes one note or folder")
    start = Path(args.paths[0] if args.paths else ".")
    cfg = cfgmod.load(start if start.is_file() else start / "x", explicit=args.config, isolated=args.isolated)
    cfg = _with_flags(cfg, args)
    flags = _context(args)
    given = {f"context.{k}": "command line" for k, v in vars(flags).items() if v}
    cfg = replace(cfg, context=cfg.context.merged(flags), origins={**cfg.origins, **given})
    linter = Linter.create(cfg)  # validates the rule settings, as a check would
    enabled = {r.id: r for r in linter.rules}
    rules = [(enabled.get(r.id, r), r.id in enabled) for r in linter.ruleset.rules]
    sys.stdout.write(cfgmod.show(cfg, rules))
    return 0


def _setup_command(argv: list[str]) -> int:
    p = _Parser(prog="thanklint setup", description="Install optional parts.")
    p.add_argument("what", choices=("languagetool",))
    p.add_argument("--dest", metavar="DIR", help="where to put it (default: the folder thanklint looks in)")
    args = p.parse_args(argv)
    from thanklint.errors import ThanklintError
    from thanklint.grammar.languagetool import setup_languagetool

    try:
        setup_languagetool(Path(args.dest) if args.dest else None, log=lambda m: print(m, file=sys.stderr))
    except RuntimeError as e:
        raise ThanklintError(str(e)) from None
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
