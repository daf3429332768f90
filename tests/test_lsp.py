"""The language server end to end: `python -m thanklint lsp` as a subprocess, driven by
a real LSP client (pytest-lsp's, over pygls). Grammar runs on Harper (pinned in the
workspace's thanklint.toml), so no Java is needed; the LanguageTool test is marked.

Most tests share one server (module scope) and open their own note in one workspace;
the lifecycle tests start their own server and check the process table afterwards.
"""

from __future__ import annotations

import ast
import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import pytest_asyncio
from proctable import processes
from lsprotocol import types as t
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, LanguageClient, register_lsp_features

REPO = Path(__file__).resolve().parents[1]
TIMEOUT = 60  # seconds: the first check waits for spaCy and the grammar engine to load

GOOD = """Dear Ms. Rivera,

Thank you for taking the time to meet with me yesterday about the data analyst role at Northwind. \
I enjoyed hearing about your plan to move the quarterly reports onto the new warehouse, and our talk \
about the customer churn dashboard.

I am excited about the chance to join your team. My three years of SQL and Python work at Contoso \
would let me contribute from the start.

I look forward to hearing about the next steps.

Best regards,
Kim Lee
"""
# Two emoji (outside the BMP: two UTF-16 units, four UTF-8 bytes each) before a misspelling.
EMOJI = GOOD.replace("Thank you for", "Thank you 🙏🙂 for").replace("churn dashboard", "churn dashbord")


def _server_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(home / ".no-user-config")}
    env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    return env


def _client() -> LanguageClient:
    """pytest-lsp's client, recording every publishDiagnostics with its version and time."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def publish(client: LanguageClient, params: t.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append((params.uri, params.version, params.diagnostics, time.perf_counter()))

    def log_message(client: LanguageClient, params: t.LogMessageParams):
        client.log_messages.append(params)
        client.logged_at.append((params.message, len(client.published)))

    client.logged_at = []  # (message, how many publishes had arrived before it)
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: publish,
                                   t.WINDOW_LOG_MESSAGE: log_message})  # fmt: skip
    return client


def _capabilities(encodings=None, code_lens=True) -> t.ClientCapabilities:
    return t.ClientCapabilities(
        general=t.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        text_document=t.TextDocumentClientCapabilities(
            code_lens=t.CodeLensClientCapabilities() if code_lens else None,
            hover=t.HoverClientCapabilities(content_format=[t.MarkupKind.Markdown]),
        ),
        workspace=t.WorkspaceClientCapabilities(workspace_edit=t.WorkspaceEditClientCapabilities(document_changes=True)),
    )


async def start(root: Path, *, encodings=None, code_lens=True, init_options=None, env=None, process_id=None):
    client = _client()
    await client.start_io(sys.executable, "-m", "thanklint", "lsp", env=env or _server_env(root), cwd=str(root))
    result = await client.initialize_session(t.InitializeParams(
        capabilities=_capabilities(encodings, code_lens), root_uri=from_fs_path(str(root)), process_id=process_id,
        workspace_folders=[t.WorkspaceFolder(uri=from_fs_path(str(root)), name="notes")],
        initialization_options=init_options))  # fmt: skip
    client.init_result = result
    return client


def make_workspace(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "thanklint.toml").write_text('[grammar]\nengine = "harper"\n', encoding="utf-8")
    return root


def open_note(client, path: Path, text: str, language: str = "plaintext", version: int = 1) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client.text_document_did_open(t.DidOpenTextDocumentParams(
        text_document=t.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))  # fmt: skip
    return uri


def change(client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(t.DidChangeTextDocumentParams(
        text_document=t.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[t.TextDocumentContentChangeWholeDocument(text=text)]))  # fmt: skip


async def published(client, uri: str, *, version=None, where=lambda ds: True, timeout: float = TIMEOUT):
    """The diagnostics of the first publish for `uri` (at `version`, if given) that satisfy `where`."""
    seen = 0
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for u, v, ds, _ in client.published[seen:]:
            if u == uri and (version is None or v == version) and where(ds):
                return ds
        seen = len(client.published)
        await asyncio.sleep(0.02)
    last = [(v, [(d.code, d.message[:40]) for d in ds]) for u, v, ds, _ in client.published if u == uri][-3:]
    raise AssertionError(f"no matching diagnostics for {uri} within {timeout}s; last: {last}")


def findings(ds, rule=None):
    return [d for d in ds if d.source == "thanklint" and d.code not in ("score", "input", "config")
            and (rule is None or d.code == rule)]  # fmt: skip


def rng(d) -> tuple:
    return (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)


def apply_edit(text: str, edit: t.WorkspaceEdit) -> str:
    """Apply a WorkspaceEdit's text edits (UTF-16 positions) the way an editor would."""
    edits = []
    for dc in edit.document_changes or []:
        edits.extend(dc.edits)
    for es in (edit.changes or {}).values():
        edits.extend(es)
    lines = text.split("\n")

    def offset(p: t.Position) -> int:
        line = lines[p.line]
        units, i = 0, 0
        while i < len(line) and units < p.character:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return sum(len(x) + 1 for x in lines[: p.line]) + i

    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(e.range.start)] + e.new_text + text[offset(e.range.end) :]
    return text


def command_of(action) -> t.Command:
    """The command of a code action. lsprotocol's client-side converter reads any code
    action that has a `command` as a bare Command (lsprotocol/_hooks.py,
    _code_action_hook) and stringifies the nested command: undo that."""
    if isinstance(action, t.CodeAction):
        return action.command
    if isinstance(action.command, str) and action.command.startswith("{"):
        return t.Command(**ast.literal_eval(action.command))
    return action


def server_processes(marker: str) -> list[str]:
    """Processes whose command line mentions `marker` (a tmp path only our server has in
    its environment is not visible in ps, so we match by the workspace cwd)."""
    out = subprocess.run(["ps", "-eo", "pid=,args="], capture_output=True, text=True).stdout
    return [ln for ln in out.splitlines() if marker in ln]


def pids_with_cwd(root: Path) -> list[int]:
    return [p.pid for p in processes() if p.cwd == root]


# -- one server for most tests ---------------------------------------------------------------
@pytest.fixture(scope="module")
def ws(tmp_path_factory) -> Path:
    return make_workspace(tmp_path_factory.mktemp("lsp") / "notes")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(ws):
    c = await start(ws)
    yield c
    await c.shutdown_session()
    await c.stop()


pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_initialize_advertises_features(client):
    caps = client.init_result.capabilities
    assert caps.hover_provider and caps.code_action_provider and caps.code_lens_provider
    assert caps.position_encoding in (None, t.PositionEncodingKind.Utf16)
    assert client.init_result.server_info.name == "thanklint"


async def test_good_note_has_no_findings(client, ws):
    uri = open_note(client, ws / "good.txt", GOOD)
    ds = await published(client, uri)
    assert findings(ds) == [], [(d.code, d.message) for d in ds]


async def test_ranges_after_emoji_are_utf16(client, ws):
    uri = open_note(client, ws / "emoji.txt", EMOJI)
    ds = await published(client, uri)
    got = sorted((d.code, rng(d)) for d in findings(ds))
    # line 3 (0-based 2): "Thank you 🙏🙂 for ..." — code-point columns 10 and 11, one run of
    # emoji so one tone finding; the misspelling sits two UTF-16 units further right than its
    # code-point column.
    line = EMOJI.split("\n")[2]
    cp = line.index("dashbord")
    assert got == [
        ("spelling", (2, cp + 2, 2, cp + 2 + 8)),
        ("tone", (2, 10, 2, 14)),
    ], got
    spelling = findings(ds, "spelling")[0]
    assert spelling.severity == t.DiagnosticSeverity.Warning
    assert "dashboard" in spelling.message  # the suggestion travels with the message


async def test_crlf_note_has_the_same_ranges(client, ws):
    lf = await published(client, open_note(client, ws / "lf.txt", EMOJI))
    crlf = await published(client, open_note(client, ws / "crlf.txt", EMOJI.replace("\n", "\r\n")))
    assert sorted((d.code, rng(d)) for d in findings(crlf)) == sorted((d.code, rng(d)) for d in findings(lf))


async def test_did_change_updates_diagnostics(client, ws):
    uri = open_note(client, ws / "change.txt", GOOD)
    await published(client, uri, version=1)
    change(client, uri, 2, GOOD.replace("Kim Lee", "Kim Lee\n\nI really need this job!!!"))
    ds = await published(client, uri, version=2)
    assert findings(ds, "tone"), [(d.code, d.message) for d in ds]
    change(client, uri, 3, GOOD)
    ds = await published(client, uri, version=3)
    assert findings(ds) == []


async def test_rapid_changes_end_on_the_newest_text(client, ws):
    uri = open_note(client, ws / "burst.txt", GOOD)
    await published(client, uri, version=1)
    for v in range(2, 12):  # typing: the last version has the typo
        change(client, uri, v, GOOD.replace("dashboard", "dashbord" if v == 11 else "dashboard" + " " * v))
    ds = await published(client, uri, version=11)
    assert [d.code for d in findings(ds)] == ["spelling"]
    await asyncio.sleep(0.5)
    versions = [v for u, v, _, _ in client.published if u == uri]
    assert versions == sorted(versions) and versions[-1] == 11, versions  # nothing stale after the newest


async def test_replacement_action_removes_the_finding(client, ws):
    uri = open_note(client, ws / "fix.txt", EMOJI)
    ds = await published(client, uri, version=1)
    d = findings(ds, "spelling")[0]
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=d.range,
        context=t.CodeActionContext(diagnostics=[d])))  # fmt: skip
    titles = [a.title for a in actions]
    only = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=d.range,
        context=t.CodeActionContext(diagnostics=[d], only=[t.CodeActionKind.QuickFix])))  # fmt: skip
    assert [a.title for a in only] == titles
    fix = next(a for a in actions if a.title == "Replace with “dashboard”")
    assert any("vocabulary" in x for x in titles) and any(x.startswith("Disable “spelling”") for x in titles), titles
    fixed = apply_edit(EMOJI, fix.edit)
    assert "churn dashboard." in fixed and "🙏🙂" in fixed
    change(client, uri, 2, fixed)
    ds = await published(client, uri, version=2)
    assert findings(ds, "spelling") == []


async def test_insert_action_adds_the_missing_sentence(client, ws):
    text = GOOD.replace("Thank you for taking the time to meet with me yesterday about", "We met yesterday about")
    text = text.replace("I enjoyed hearing about", "You told me about")
    uri = open_note(client, ws / "insert.txt", text)
    ds = await published(client, uri)
    d = findings(ds, "gratitude")[0]
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=d.range, context=t.CodeActionContext(diagnostics=[d])))
    add = next(a for a in actions if a.title.startswith("Add: ") and d in a.diagnostics)
    change(client, uri, 2, apply_edit(text, add.edit))
    ds = await published(client, uri, version=2)
    assert findings(ds, "gratitude") == []


async def test_disable_action_switches_the_rule_off(client, ws):
    text = GOOD.replace("Kim Lee", "Kim Lee\n\nI really need this job!!!")
    for name, lang, expect in (("off.txt", "plaintext", "thanklint: disable=tone\n"),
                               ("off.md", "markdown", "<!-- thanklint-disable tone -->\n")):  # fmt: skip
        body = "---\ncompany: Northwind\n---\n" + text
        uri = open_note(client, ws / name, body, language=lang)
        ds = await published(client, uri)
        d = findings(ds, "tone")[0]
        actions = await client.text_document_code_action_async(t.CodeActionParams(
            text_document=t.TextDocumentIdentifier(uri=uri), range=d.range, context=t.CodeActionContext(diagnostics=[d])))
        off = next(a for a in actions if a.title == "Disable “tone” for this note")
        new = apply_edit(body, off.edit)
        assert new == "---\ncompany: Northwind\n---\n" + expect + text  # after the front matter
        change(client, uri, 2, new)
        ds = await published(client, uri, version=2)
        assert findings(ds, "tone") == [], [(d.code, d.message) for d in ds]


async def test_hover_explains_the_rule(client, ws):
    uri = open_note(client, ws / "hover.txt", EMOJI)
    ds = await published(client, uri)
    d = findings(ds, "tone")[0]
    h = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=d.range.start))  # fmt: skip
    assert h is not None and h.contents.kind == t.MarkupKind.Markdown
    assert "**tone**" in h.contents.value and "Why it matters" in h.contents.value and "Better" in h.contents.value
    nothing = await client.text_document_hover_async(t.HoverParams(
        text_document=t.TextDocumentIdentifier(uri=uri), position=t.Position(0, 1)))  # fmt: skip
    assert nothing is None


async def test_score_code_lens_follows_changes(client, ws):
    uri = open_note(client, ws / "score.txt", GOOD)
    await published(client, uri)
    lenses = await client.text_document_code_lens_async(t.CodeLensParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    assert [lens.command.title for lens in lenses] == ["Score 100/100 · Ready to send · nothing to fix"]
    assert lenses[0].range.start == t.Position(0, 0)
    change(client, uri, 2, EMOJI)
    lenses = await client.text_document_code_lens_async(t.CodeLensParams(text_document=t.TextDocumentIdentifier(uri=uri)))
    # emoji (one tone finding for the run) and a misspelling: a tone problem caps the grade at Almost there
    assert lenses[0].command.title == "Score 84/100 · Almost there · 2 to fix"


async def test_vocabulary_action_makes_the_next_check_clean(client, ws):
    text = GOOD.replace("churn dashboard", "churn dashboard and the analytix pipeline")
    uri = open_note(client, ws / "vocab" / "words.txt", text)
    ds = await published(client, uri)
    d = findings(ds, "spelling")[0]
    actions = await client.text_document_code_action_async(t.CodeActionParams(
        text_document=t.TextDocumentIdentifier(uri=uri), range=d.range, context=t.CodeActionContext(diagnostics=[d])))
    add = next(a for a in actions if "vocabulary" in a.title)
    cmd = command_of(add)
    assert cmd.command == "thanklint.addWord" and cmd.arguments == ["analytix", uri]
    result = await client.workspace_execute_command_async(t.ExecuteCommandParams(
        command=cmd.command, arguments=cmd.arguments))  # fmt: skip
    assert Path(result["file"]) == ws / ".thanklint-words"  # the workspace root, which the CLI finds upwards
    assert (ws / ".thanklint-words").read_text(encoding="utf-8").splitlines() == ["analytix"]
    n = len(client.published)
    ds = await published(client, uri, where=lambda ds: not findings(ds, "spelling"))
    assert client.published.index(next(p for p in client.published[n:] if p[0] == uri)) >= n
    # the CLI reads the same file
    cli = subprocess.run([sys.executable, "-m", "thanklint", "--format", "line", str(ws / "vocab" / "words.txt")],
                         capture_output=True, text=True, env=_server_env(ws), cwd=ws)  # fmt: skip
    assert "spelling" not in cli.stdout, cli.stdout


async def test_front_matter_context_is_used(client, ws):
    text = "---\ncompany: Fabrikam\n---\n" + GOOD
    uri = open_note(client, ws / "context.md", text, language="markdown")
    ds = await published(client, uri)
    cli = subprocess.run([sys.executable, "-m", "thanklint", "--format", "json", str(ws / "context.md")],
                         capture_output=True, text=True, env=_server_env(ws), cwd=ws)  # fmt: skip
    expected = sorted((f["rule"], f["line"] - 1) for f in json.loads(cli.stdout)["files"][0]["findings"])
    assert sorted((d.code, d.range.start.line) for d in findings(ds)) == expected
    assert any(d.code == "consistency" for d in findings(ds)), "Northwind is not the company in the front matter"


async def test_malformed_message_does_not_kill_the_server(client, ws):
    body = b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"oops": '
    client._server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    client._server.stdin.write(b"Content-Length: 9\r\n\r\nnot json!")
    uri = open_note(client, ws / "after-garbage.txt", EMOJI)
    ds = await published(client, uri)
    assert findings(ds, "spelling")
    assert any(m.type == t.MessageType.Error for m in client.messages), client.messages  # it said so


async def test_binary_and_huge_documents_are_reported(client, ws):
    uri = open_note(client, ws / "binary.txt", "PK\x03\x04\x00\x00garbage\x00")
    ds = await published(client, uri)
    assert len(ds) == 1 and "binary" in ds[0].message and ds[0].code == "input"
    uri = open_note(client, ws / "huge.txt", GOOD * 4000)  # about 3 MB, over max_bytes
    ds = await published(client, uri)
    assert len(ds) == 1 and "limit" in ds[0].message
    uri = open_note(client, ws / "fine-after.txt", GOOD)
    assert findings(await published(client, uri)) == []


async def test_broken_config_is_reported_and_fixed(client, ws):
    broken = ws / "broken"
    broken.mkdir()
    (broken / "thanklint.toml").write_text('[grammar\nengine = "harper"\n', encoding="utf-8")
    uri = open_note(client, broken / "note.txt", GOOD)
    ds = await published(client, uri)
    assert len(ds) == 1 and ds[0].code == "config" and "not valid TOML" in ds[0].message
    (broken / "thanklint.toml").write_text('[grammar]\nengine = "harper"\n', encoding="utf-8")
    client.text_document_did_save(t.DidSaveTextDocumentParams(text_document=t.TextDocumentIdentifier(
        uri=from_fs_path(str(broken / "thanklint.toml")))))  # fmt: skip
    ds = await published(client, uri, where=lambda ds: not ds or ds[0].code != "config")
    assert findings(ds) == []


async def test_other_files_are_left_alone(client, ws):
    uri = open_note(client, ws / "script.py", "print('hi')\n", language="python")
    probe = open_note(client, ws / "probe.txt", GOOD)
    await published(client, probe)
    assert uri not in client.diagnostics


# -- servers of their own ---------------------------------------------------------------------
async def test_utf8_position_encoding(tmp_path):
    root = make_workspace(tmp_path / "utf8")
    c = await start(root, encodings=[t.PositionEncodingKind.Utf8, t.PositionEncodingKind.Utf16])
    try:
        assert c.init_result.capabilities.position_encoding == t.PositionEncodingKind.Utf8
        uri = open_note(c, root / "emoji.txt", EMOJI)
        ds = await published(c, uri)
        line = EMOJI.split("\n")[2]
        b = len(line[: line.index("dashbord")].encode("utf-8"))
        assert rng(findings(ds, "spelling")[0]) == (2, b, 2, b + 8)
        assert sorted(rng(d) for d in findings(ds, "tone")) == [(2, 10, 2, 18)]  # one run of two emoji
    finally:
        await c.shutdown_session()
        await c.stop()


async def test_score_as_diagnostic_without_code_lens_and_globs(tmp_path):
    root = make_workspace(tmp_path / "nolens")
    c = await start(root, code_lens=False, init_options={"thanklint": {"globs": ["*.note"]}})
    try:
        uri = open_note(c, root / "note.txt", EMOJI)
        ds = await published(c, uri)
        score = [d for d in ds if d.code == "score"]
        assert len(score) == 1 and score[0].severity == t.DiagnosticSeverity.Information
        # covers no text: only the first line's break ("Dear Ms. Rivera," is 16 units); eglot
        # would widen a zero-width range to the whole line
        assert score[0].range == t.Range(t.Position(0, 16), t.Position(1, 0))
        assert score[0].message == "Score 84/100 · Almost there · 2 to fix"  # as the code lens above
        # a configured glob brings in a file of a language the server does not know
        other = open_note(c, root / "drafts" / "acme.note", EMOJI, language="thanks")
        assert findings(await published(c, other), "spelling")
    finally:
        await c.shutdown_session()
        await c.stop()


async def test_shutdown_and_exit_leave_no_process(tmp_path):
    root = make_workspace(tmp_path / "bye")
    c = await start(root)
    uri = open_note(c, root / "note.txt", GOOD)
    await published(c, uri)
    pid = c._server.pid
    await c.shutdown_session()
    await asyncio.wait_for(c._server.wait(), 15)
    assert c._server.returncode == 0
    await c.stop()
    assert not pids_with_cwd(root), server_processes(str(root))
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_closed_stdin_ends_the_server(tmp_path):
    root = make_workspace(tmp_path / "gone")
    c = await start(root)
    uri = open_note(c, root / "note.txt", GOOD)
    await published(c, uri)
    c._server.stdin.close()  # the editor died
    await asyncio.wait_for(c._server.wait(), 15)
    await c.stop()
    assert not pids_with_cwd(root), server_processes(str(root))


async def test_server_exits_when_the_editor_process_is_gone(tmp_path):
    root = make_workspace(tmp_path / "orphan")
    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    c = await start(root, process_id=editor.pid)  # stdin stays open: only the pid tells
    try:
        uri = open_note(c, root / "note.txt", GOOD)
        await published(c, uri)
        editor.kill()
        editor.wait()
        await asyncio.wait_for(c._server.wait(), 15)
    finally:
        await c.stop()
    assert not pids_with_cwd(root), server_processes(str(root))


def _languagetool_install() -> bool:
    return bool(os.environ.get("THANKLINT_LANGUAGETOOL_HOME"))


# A local install, not a URL: the point is what the server does while a JVM is starting
# (a URL's server answers at once).
@pytest.mark.languagetool
@pytest.mark.skipif(not _languagetool_install(), reason="no local LanguageTool install (THANKLINT_LANGUAGETOOL_HOME)")
async def test_auto_answers_with_harper_then_languagetool_and_leaves_no_jvm(tmp_path):
    root = tmp_path / "auto"
    root.mkdir()
    (root / "thanklint.toml").write_text('[grammar]\nengine = "auto"\n', encoding="utf-8")
    env = _server_env(root)
    c = await start(root, env=env)
    try:
        uri = open_note(c, root / "note.txt", EMOJI)
        first = await published(c, uri)
        harper_says = findings(first, "spelling")[0].message
        # when LanguageTool answers, the server says so and checks the open notes again
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any("ready" in m for m, _ in c.logged_at):
            await asyncio.sleep(0.1)
        ready = [(m, n) for m, n in c.logged_at if "languagetool" in m and "ready" in m]
        assert ready, c.logged_at
        before = ready[0][1]
        assert any(p[0] == uri for p in c.published[:before]), "the first answer did not wait for LanguageTool"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(p[0] == uri for p in c.published[before:]):
            await asyncio.sleep(0.05)
        after = [p[2] for p in c.published[before:] if p[0] == uri]
        assert after, "no re-check once LanguageTool was ready"
        # both engines word a misspelling alike now; the re-check must still find it
        lt_says = findings(after[-1], "spelling")[0].message
        assert "dashbord" in harper_says and "dashbord" in lt_says, (harper_says, lt_says)
        jvms = _children(c._server.pid, "org.languagetool")
        assert jvms, "a local install starts a JVM"
    finally:
        await c.shutdown_session()
        await c.stop()
    await asyncio.sleep(0.5)
    assert not [p for p in jvms if Path(f"/proc/{p}").exists()], "the JVM outlived the server"


def _children(parent: int, marker: str) -> list[int]:
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[1] == str(parent) and marker in cmd:
            out.append(int(d.name))
    return out
