"""`thanklint lsp`: the language server (pygls, stdio).

Publishes diagnostics for plain-text, Markdown and e-mail notes (and files matching
the `globs` initialization option) on open, change and save; shows the score as a
code lens (or an information diagnostic on line 1); offers quick fixes (apply a
replacement, insert a suggested sentence, add a word to the vocabulary, disable a
rule for this note) and hover with the rule's "why".

Checks run in one lint thread, never on the event loop. Changes are debounced on the
leading edge (the first change after a pause is checked at once; later ones within
the debounce, or while a check runs, fold into one check of the newest text), at most
one check per document runs at a time, and a result is published only if the
document has not changed since (a stale result never replaces a newer one). spaCy
and the grammar engine are loaded in that thread at start-up, while the client
initializes.

Initialization options (all optional), flat or under "thanklint":
    score        "lens" | "diagnostic" | "both" | "off"   (default: lens when the client
                 supports code lenses, else diagnostic)
    globs        extra file patterns to check, e.g. ["*.note", "letters/**/*.text"]
    debounceMs   the least time between two checks of one document (default 50)
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import fnmatch
import json
import logging
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest
from pygls.io_ import StdoutWriter
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from thanklint.__about__ import __version__
from thanklint.grammar.watchdog import pid_exists
from thanklint.lsp import convert, framing
from thanklint.lsp.checker import Checker, Outcome, Refused, add_word, vocabulary_target, word_problem, workspace_root
from thanklint.lsp.engines import Engines
from thanklint.stdio import claim_stdout

log = logging.getLogger("thanklint.lsp")

LANGUAGES = frozenset({"plaintext", "text", "markdown", "email", "mail", "eml", "message"})
SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ".eml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
CONFIG_FILES = frozenset({"thanklint.toml", "pyproject.toml", ".thanklint-words"})


@dataclass
class Options:
    score: str = "auto"  # lens | diagnostic | both | off | auto
    globs: tuple[str, ...] = ()
    debounce: float = 0.05


@dataclass
class Doc:
    """What the server knows about one open note."""

    uri: str
    path: Path | None
    markdown: bool
    latest: int | None = None  # the newest version the client sent
    timer: asyncio.TimerHandle | None = None
    running: bool = False
    started: float = float("-inf")  # loop time the last check started
    again: bool = False
    closed: bool = False
    outcome: Outcome | None = None  # the last published check
    findings: list = field(default_factory=list)  # [(Finding, Diagnostic)] of that check
    fresh: asyncio.Event = field(default_factory=asyncio.Event)


class ThanklintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("thanklint", __version__, text_document_sync_kind=t.TextDocumentSyncKind.Incremental)
        self.engines = Engines(on_change=self._engine_changed)
        self.checker = Checker(self.engines)
        self.lint_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thanklint-lint")
        self.docs: dict[str, Doc] = {}
        self.options = Options()
        self.loop: asyncio.AbstractEventLoop | None = None
        self._stopped = False
        self.shutdown_requested = False  # LSP: `exit` after `shutdown` is exit code 0, else 1

    # -- transport ----------------------------------------------------------------------
    def start_io(self, stdin=None, stdout=None) -> None:
        """pygls's start_io, with a reader that survives bad framing (see framing.py)."""
        self._stop_event = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
        try:
            asyncio.run(self._serve((stdin or sys.stdin.buffer).fileno()))
        except BrokenPipeError:
            log.error("the editor closed the connection")
        except SystemExit:  # how pygls ends the loop on `exit`
            pass
        finally:
            self.shutdown()

    async def _serve(self, fd: int) -> None:
        loop = asyncio.get_running_loop()
        chunks: asyncio.Queue[bytes] = asyncio.Queue()

        def pump() -> None:
            # A daemon thread on the raw descriptor: a read still blocked at exit holds
            # no lock and keeps no one waiting.
            while True:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b""
                try:
                    loop.call_soon_threadsafe(chunks.put_nowait, data)
                except RuntimeError:  # the loop is gone
                    return
                if not data:
                    return

        threading.Thread(target=pump, name="thanklint-stdin", daemon=True).start()
        framer = framing.Framer()
        lost = False  # in a stretch of bad bytes: one fault, one message to the user
        while not self._stop_event.is_set():
            data = await chunks.get()
            if not data:
                return
            for kind, value in framer.feed(data):
                if kind == "error":
                    if not lost:
                        self.protocol_fault(f"ignored a malformed message from the editor: {value}")
                    lost = True
                else:
                    lost = not self._handle(value)  # the bytes after a body that is not JSON are the same fault

    def _handle(self, body: bytes) -> bool:
        """False when the body is not JSON (the framing is likely off)."""
        try:
            raw = json.loads(body)
        except ValueError as e:
            self.protocol_fault(f"ignored a message from the editor that is not JSON: {e}")
            return False
        try:
            self.protocol.handle_message(self.protocol.structure_message(raw))
        except Exception as e:  # noqa: BLE001 — one bad message must not end the session
            log.debug("bad message", exc_info=True)
            if isinstance(raw, dict) and "id" in raw and "method" in raw:
                # A request always gets an answer, or the client waits for ever.
                # (pygls has no public call to send an error response.)
                err = e if isinstance(e, JsonRpcException) else JsonRpcInvalidRequest()
                self.protocol._send_response(raw["id"], None, err.to_response_error())
            self.protocol_fault(f"ignored a message from the editor that is not valid JSON-RPC: {e!r}")
        return True

    def protocol_fault(self, message: str) -> None:
        """The editor sent something unusable: say so where the user sees it."""
        log.warning("%s", message)
        self.window_show_message(t.ShowMessageParams(type=t.MessageType.Error, message=f"thanklint: {message}"))

    # -- settings ---------------------------------------------------------------------
    def configure(self, params: t.InitializeParams) -> None:
        self.loop = asyncio.get_running_loop()
        opts = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        opts = opts.get("thanklint", opts) if isinstance(opts.get("thanklint"), dict) else opts
        score = opts.get("score", "auto")
        if score == "auto":
            score = "lens" if getattr(params.capabilities.text_document, "code_lens", None) else "diagnostic"
        globs = opts.get("globs") if isinstance(opts.get("globs"), list) else ()
        try:
            debounce = max(0.0, float(opts.get("debounceMs", 50))) / 1000
        except (TypeError, ValueError):
            debounce = 0.05
        self.options = Options(score=score if score in ("lens", "diagnostic", "both", "off") else "both",
                               globs=tuple(g for g in globs if isinstance(g, str)), debounce=debounce)  # fmt: skip
        if params.process_id and pid_exists(params.process_id):  # (not in our PID namespace: don't watch)
            _watch_parent(params.process_id, self)

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or t.PositionEncodingKind.Utf16

    def wants(self, uri: str, language_id: str | None) -> bool:
        path = _path(uri)
        name = path.name if path else uri.rsplit("/", 1)[-1]
        if language_id in LANGUAGES or Path(name).suffix.lower() in SUFFIXES:
            return True
        full = str(path) if path else uri
        for g in self.options.globs:
            if "/" not in g and fnmatch.fnmatch(name, g):
                return True
            if "/" in g and (fnmatch.fnmatch(full, g) or fnmatch.fnmatch(full, "*/" + g.lstrip("/"))):
                return True
        return False

    # -- documents ----------------------------------------------------------------------
    def open(self, item: t.TextDocumentItem) -> None:
        if not self.wants(item.uri, item.language_id):
            return
        path = _path(item.uri)
        md = item.language_id == "markdown" or bool(path and path.suffix.lower() in MARKDOWN_SUFFIXES)
        self.docs[item.uri] = Doc(item.uri, path, md, latest=item.version)
        self.schedule(item.uri, 0)

    def changed(self, uri: str, version: int | None) -> None:
        """Debounce on the leading edge: the first change after a pause is checked at
        once; changes that follow within `debounce` of a check starting, or while one
        runs, are folded into one check of the newest text."""
        doc = self.docs.get(uri)
        if doc is not None:
            doc.latest = version
            since = asyncio.get_running_loop().time() - doc.started
            self.schedule(uri, self.options.debounce - since)

    def close(self, uri: str) -> None:
        doc = self.docs.pop(uri, None)
        if doc is not None:
            doc.closed = True
            if doc.timer:
                doc.timer.cancel()
            self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def saved(self, uri: str) -> None:
        path = _path(uri)
        if path is not None and path.name in CONFIG_FILES:
            self.recheck_all()
        elif uri in self.docs:
            self.schedule(uri, 0)

    def recheck_all(self) -> None:
        self.checker.forget()
        for uri in list(self.docs):
            self.schedule(uri, 0)

    # -- checking -----------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        doc = self.docs.get(uri)
        if doc is None or self._stopped:
            return
        if doc.timer is not None:
            doc.timer.cancel()
            doc.timer = None
        if delay <= 0:
            self._start(doc)
        else:
            doc.timer = asyncio.get_running_loop().call_later(delay, self._start, doc)

    def _start(self, doc: Doc) -> None:
        doc.timer = None
        if doc.closed or self._stopped:
            return
        if doc.running:  # one check per document at a time; the newest text goes next
            doc.again = True
            return
        try:
            td = self.workspace.get_text_document(doc.uri)
        except Exception:  # noqa: BLE001 — closed meanwhile
            return
        doc.running, doc.again = True, False
        doc.started = asyncio.get_running_loop().time()
        fut = asyncio.get_running_loop().run_in_executor(self.lint_pool, self._check, doc, td.version, td.source)
        fut.add_done_callback(lambda f: self._checked(doc, f))

    def _check(self, doc: Doc, version: int | None, text: str) -> Outcome | None:
        """In the lint thread."""
        if doc.closed or doc.latest != version:
            return None  # superseded while it waited
        try:
            return self.checker.check(doc.uri, version, text, doc.path)
        except Exception as e:  # noqa: BLE001 — a bug must not stop the server
            log.exception("checking %s failed", doc.uri)
            return Outcome(doc.uri, version, text, problem=f"internal error: {e!r}", problem_kind="internal")

    def _checked(self, doc: Doc, fut) -> None:
        doc.running = False
        if fut.cancelled() or self._stopped:
            return
        outcome = fut.result()
        if outcome is not None and not doc.closed and outcome.version == doc.latest:
            self.publish(doc, outcome)
        stale = outcome is None or outcome.version != doc.latest
        if not doc.closed and (doc.again or (stale and doc.timer is None)):
            self._start(doc)

    def publish(self, doc: Doc, outcome: Outcome) -> None:
        lines = convert.Lines(outcome.text, self.encoding)
        diags, pairs = [], []
        if outcome.problem:
            diags.append(convert.problem_diagnostic(outcome.problem, outcome.problem_kind))
        if outcome.report is not None:
            for f in outcome.report.findings:
                d = convert.diagnostic(f, lines)
                pairs.append((f, d))
                diags.append(d)
            diags.extend(convert.notice_diagnostic(n, lines) for n in getattr(outcome.report, "notices", ()))
            if self.options.score in ("diagnostic", "both"):
                diags.insert(0, convert.score_diagnostic(outcome.report, lines))
        doc.outcome, doc.findings = outcome, pairs
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=doc.uri, diagnostics=diags,
                                                                          version=outcome.version))  # fmt: skip
        doc.fresh.set()
        if self.options.score in ("lens", "both") and _supports(self, "workspace.code_lens.refresh_support"):
            try:
                self.workspace_code_lens_refresh(None)
            except Exception:  # noqa: BLE001
                pass

    async def settled(self, uri: str, timeout: float = 5.0) -> Doc | None:
        """The document once its newest version has been checked (or after `timeout`)."""
        doc = self.docs.get(uri)
        if doc is None:
            return None
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while not doc.closed and (doc.outcome is None or doc.outcome.version != doc.latest):
            left = end - loop.time()
            if left <= 0:
                break
            doc.fresh.clear()
            try:
                await asyncio.wait_for(doc.fresh.wait(), left)
            except asyncio.TimeoutError:
                break
        return doc

    # -- features -----------------------------------------------------------------------
    def code_actions(self, doc: Doc, params: t.CodeActionParams) -> list[t.CodeAction]:
        o = doc.outcome
        if o is None or o.report is None:
            return []
        lines = convert.Lines(o.text, self.encoding)
        versioned = _supports(self, "workspace.workspace_edit.document_changes")
        out: list[t.CodeAction] = []
        for f, d in doc.findings:
            if not convert.overlaps(d.range, params.range):
                continue
            out.extend(convert.fix_actions(f, d, lines, doc.uri, o.version, versioned))
            if f.rule == "spelling" and f.span.length:
                word = o.report.text[f.span.offset : f.span.offset + f.span.length]
                if word_problem(word) is None:  # (the command would refuse it)
                    out.append(convert.add_word_action(word, d, doc.uri))
            if o.note is not None:
                out.append(convert.disable_action(f.rule, o.note, lines, d, doc.uri, o.version, versioned, doc.markdown))
        only = [getattr(k, "value", k) for k in params.context.only or ()]
        if only:
            out = [a for a in out if any(getattr(a.kind, "value", a.kind).startswith(k) for k in only)]
        return out

    def hover(self, doc: Doc, pos: t.Position) -> t.Hover | None:
        o = doc.outcome
        if o is None or o.report is None or o.linter is None:
            return None
        at = t.Range(pos, pos)
        rules = {r.id: r for r in o.linter.rules}
        hits = [(f, d) for f, d in doc.findings if convert.overlaps(d.range, at)]
        if not hits:
            return None
        text = "\n\n---\n\n".join(convert.hover_markdown(f, rules.get(f.rule)) for f, _ in hits)
        return t.Hover(contents=t.MarkupContent(kind=t.MarkupKind.Markdown, value=text), range=hits[0][1].range)

    def code_lenses(self, doc: Doc) -> list[t.CodeLens]:
        o = doc.outcome
        if self.options.score not in ("lens", "both") or o is None or o.report is None:
            return []
        return [convert.score_lens(o.report, convert.Lines(o.text, self.encoding), doc.uri)]

    def add_word(self, word: object, uri: object) -> dict:
        """Add one word to the vocabulary file of the workspace folder that holds the
        note; anything else is refused (Refused says why)."""
        problem = word_problem(word)
        if problem:
            raise Refused(problem)
        path = _path(uri) if isinstance(uri, str) else None
        if path is None:
            raise Refused(f"{uri!r} is not a file")
        real = path.resolve()
        target = vocabulary_target(real, workspace_root(real, self._roots()))
        added = add_word(target, word)
        self.recheck_all()
        return {"file": str(target), "added": added}

    def _roots(self) -> list[Path]:
        """The workspace folders the client declared (or its root)."""
        roots = [Path(p) for p in (to_fs_path(f.uri) for f in self.workspace.folders.values()) if p]
        if not roots and self.workspace.root_path:
            roots.append(Path(self.workspace.root_path))
        return roots

    # -- engines and lifecycle ---------------------------------------------------------------
    def _engine_changed(self, message: str) -> None:
        """From the LanguageTool thread: it is ready (or gave up). Re-check with it."""
        loop = self.loop
        if loop is None or loop.is_closed() or self._stopped:
            return

        def in_loop():
            self.window_log_message(t.LogMessageParams(type=t.MessageType.Info, message=f"thanklint: {message}"))
            self.recheck_all()

        try:
            loop.call_soon_threadsafe(in_loop)
        except RuntimeError:
            pass

    def warm_up(self, start: Path | None) -> None:
        def run():
            try:
                self.checker.warm_up(start)
            except Exception:  # noqa: BLE001 — the first real check will say what is wrong
                if not self._stopped:  # (an `exit` during warm-up is no failure)
                    log.exception("warm-up failed")

        self.lint_pool.submit(run)

    def stop_all(self) -> None:
        """Stop timers, the lint thread and every engine (LanguageTool's JVM)."""
        if self._stopped:
            return
        self._stopped = True
        for doc in self.docs.values():
            if doc.timer:
                doc.timer.cancel()
        self.lint_pool.shutdown(wait=False, cancel_futures=True)
        # in the background, so `shutdown` is answered at once: a JVM takes seconds to stop;
        # one still running at exit is stopped by the atexit handlers main() runs
        self.closing = threading.Thread(target=self.engines.close, name="thanklint-engines-close", daemon=True)
        self.closing.start()


def _path(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None
    p = to_fs_path(uri)
    return Path(p) if p else None


def _supports(ls: LanguageServer, dotted: str) -> bool:
    node = ls.client_capabilities
    for part in dotted.split("."):
        node = getattr(node, part, None)
        if node is None:
            return False
    return bool(node)


def _watch_parent(pid: int, ls: ThanklintServer) -> None:
    """LSP: exit when the client process is gone, even if nobody closes stdin."""

    def watch():
        import time

        while not ls._stopped:
            time.sleep(2)
            if not pid_exists(pid):
                log.warning("the editor (pid %s) is gone: exiting", pid)
                ls.stop_all()
                os._exit(0)

    threading.Thread(target=watch, name="thanklint-parent-watch", daemon=True).start()


server = ThanklintServer()


@server.feature(t.INITIALIZE)
def initialize(ls: ThanklintServer, params: t.InitializeParams) -> None:
    ls.configure(params)


@server.feature(t.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ThanklintServer, params: t.DidOpenTextDocumentParams) -> None:
    ls.open(params.text_document)


@server.feature(t.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ThanklintServer, params: t.DidChangeTextDocumentParams) -> None:
    ls.changed(params.text_document.uri, params.text_document.version)


@server.feature(t.TEXT_DOCUMENT_DID_SAVE, t.SaveOptions(include_text=False))
def did_save(ls: ThanklintServer, params: t.DidSaveTextDocumentParams) -> None:
    ls.saved(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ThanklintServer, params: t.DidCloseTextDocumentParams) -> None:
    ls.close(params.text_document.uri)


@server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
async def code_action(ls: ThanklintServer, params: t.CodeActionParams) -> list[t.CodeAction]:
    doc = await ls.settled(params.text_document.uri)
    return ls.code_actions(doc, params) if doc else []


@server.feature(t.TEXT_DOCUMENT_HOVER)
async def hover(ls: ThanklintServer, params: t.HoverParams) -> t.Hover | None:
    doc = await ls.settled(params.text_document.uri)
    return ls.hover(doc, params.position) if doc else None


@server.feature(t.TEXT_DOCUMENT_CODE_LENS)
async def code_lens(ls: ThanklintServer, params: t.CodeLensParams) -> list[t.CodeLens]:
    doc = await ls.settled(params.text_document.uri)
    return ls.code_lenses(doc) if doc else []


@server.command(convert.ADD_WORD)
def add_word_command(ls: ThanklintServer, *args) -> dict:
    """Arguments: [word, uri]. A refusal is an error response and a window message."""
    try:
        if len(args) != 2:
            raise Refused(f"it takes a word and a document URI, not {len(args)} arguments")
        return ls.add_word(*args)
    except (Refused, OSError) as e:
        why = str(e) if isinstance(e, Refused) else f"{e.filename}: {e.strerror}"
        message = f"thanklint: could not add the word to the vocabulary: {why}"
        ls.window_show_message(t.ShowMessageParams(type=t.MessageType.Warning, message=message))
        raise JsonRpcInvalidParams(message) from None


@server.command(convert.EXPLAIN_SCORE)
def explain_score(ls: ThanklintServer, uri: str) -> None:
    doc = ls.docs.get(uri)
    if doc and doc.outcome and doc.outcome.report:
        text = convert.score_explanation(doc.outcome.report)
        ls.window_show_message(t.ShowMessageParams(type=t.MessageType.Info, message=text))


@server.feature(t.SHUTDOWN)
def shutdown(ls: ThanklintServer, *args) -> None:
    ls.shutdown_requested = True
    ls.stop_all()


@server.feature(t.EXIT)
def exit_(ls: ThanklintServer, *args) -> None:
    ls.stop_all()


def main(argv: list[str] | None = None) -> int:  # (it ends the process: os._exit)
    p = argparse.ArgumentParser(prog="thanklint lsp", description="The thanklint language server, on stdin/stdout.")
    p.add_argument("--stdio", action="store_true", help="accepted for clients that pass it; stdio is the only transport")
    p.add_argument("--log-file", metavar="FILE", help="write the server's log here instead of stderr")
    p.add_argument("-v", "--verbose", action="count", default=0, help="more log (-vv: the LSP traffic)")
    args = p.parse_args(argv)
    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(args.verbose, 2)]
    handler = logging.FileHandler(args.log_file) if args.log_file else logging.StreamHandler(sys.stderr)
    logging.basicConfig(level=level, handlers=[handler], format="%(asctime)s %(name)s %(levelname)s: %(message)s")
    # The protocol owns stdout: keep a private handle on it (native prints go to /dev/null,
    # see thanklint/stdio.py), and send anything Python prints (a library) to stderr.
    out = claim_stdout()
    sys.stdout = sys.stderr
    server.warm_up(Path.cwd())
    try:
        server.start_io(sys.stdin.buffer, out)
    finally:
        server.stop_all()
        server.closing.join(5)  # let a JVM stop before we end (its watchdog stops it if not)
    # LSP: 0 only after a `shutdown` request; `exit` (or the end of stdin) without one is 1.
    code = 0 if server.shutdown_requested else 1
    # End now: the lint thread may still be loading spaCy or checking a note, which cannot
    # be stopped midway, and the interpreter would wait for it (seconds) while the editor
    # waits for us. It writes nothing. The atexit handlers (the log's flush, the stop of
    # any LanguageTool JVM still alive) run first; only the wait for the thread is skipped.
    atexit._run_exitfuncs()
    sys.stderr.flush()
    os._exit(code)
