"""The language server against a client that gets things wrong: broken framing, `exit`
without `shutdown`, a request with bad params, and `thanklint.addWord` pointed outside
the workspace or given more than one word.

Framing faults go through a raw subprocess writing bytes to `thanklint lsp` (a real
client library cannot be made to send a bad header); addWord goes through pytest-lsp's
client, as in test_lsp.py. Every wait is bounded.
"""

from __future__ import annotations

import asyncio
import json
import queue
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from lsprotocol import types as t
from pygls.exceptions import JsonRpcException
from pygls.uris import from_fs_path
from test_lsp import GOOD, _server_env, make_workspace, start

from thanklint.lsp.framing import Framer

WAIT = 30  # seconds for an answer (the server answers initialize while spaCy loads)


def frame(obj: dict, length: int | None = None) -> bytes:
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % (len(body) if length is None else length) + body


def initialize(root: Path, id: int = 1) -> bytes:
    return frame({"jsonrpc": "2.0", "id": id, "method": "initialize", "params": {
        "processId": None, "rootUri": from_fs_path(str(root)), "capabilities": {}}})  # fmt: skip


def hover(id: int, params: dict | None = None) -> dict:
    params = {"textDocument": {"uri": "file:///nowhere/x.txt"}, "position": {"line": 0, "character": 0}} \
        if params is None else params  # fmt: skip
    return {"jsonrpc": "2.0", "id": id, "method": "textDocument/hover", "params": params}


class RawServer:
    """`thanklint lsp` on pipes: bytes in, parsed messages out (a reader thread)."""

    def __init__(self, root: Path) -> None:
        self.log = open(root / "server.log", "wb")
        self.proc = subprocess.Popen([sys.executable, "-m", "thanklint", "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, cwd=root, env=_server_env(root))  # fmt: skip
        self.inbox: queue.Queue = queue.Queue()
        self.seen: list[dict] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                c = out.read(1)
                if not c:
                    return
                header += c
            n = int(header.split(b"Content-Length: ")[1].split(b"\r\n")[0])
            self.inbox.put(json.loads(out.read(n)))

    def send(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def expect(self, what, timeout: float = WAIT) -> dict:
        """The first message (seen or still to come) for which `what(message)` holds."""
        for m in self.seen:
            if what(m):
                return m
        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            try:
                m = self.inbox.get(timeout=left)
            except queue.Empty:
                break
            self.seen.append(m)
            if what(m):
                return m
        raise AssertionError(f"nothing matching within {timeout}s; got {self.seen}")

    def answer(self, id: int) -> dict:
        return self.expect(lambda m: m.get("id") == id and "method" not in m)

    def errors_shown(self) -> list[str]:
        while not self.inbox.empty():
            self.seen.append(self.inbox.get())
        return [m["params"]["message"] for m in self.seen
                if m.get("method") == "window/showMessage" and m["params"]["type"] == 1]  # fmt: skip

    def wait(self, timeout: float = 15) -> int:
        try:
            return self.proc.wait(timeout)
        finally:
            self.close()
            self.reader.join(5)  # what the server wrote before it ended

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


@pytest.fixture
def raw(tmp_path):
    servers = []

    def make() -> RawServer:
        root = make_workspace(tmp_path / f"ws{len(servers)}")
        servers.append(RawServer(root))
        servers[-1].root = root
        return servers[-1]

    yield make
    for s in servers:
        s.close()


# -- framing -----------------------------------------------------------------------------------
def test_a_bad_content_length_is_reported_and_the_server_keeps_answering(raw):
    s = raw()
    s.send(b'Content-Length: abc\r\n\r\n{"jsonrpc": "2.0", "method": "initialized", "params": {}}')
    s.send(initialize(s.root))
    assert "capabilities" in s.answer(1)["result"]
    shown = s.errors_shown()
    assert len(shown) == 1 and "Content-Length" in shown[0] and "'abc'" in shown[0], shown
    s.send(frame({"jsonrpc": "2.0", "method": "exit"}))
    assert s.wait() == 1, "exit without shutdown is exit code 1 (LSP)"


def test_a_content_length_shorter_or_longer_than_the_body(raw):
    s = raw()
    s.send(initialize(s.root))
    s.answer(1)
    s.send(frame(hover(2), length=10) + frame(hover(3)))
    assert s.answer(3)["result"] is None  # answered: the reader found the next header
    s.send(frame(hover(4), length=500) + frame(hover(5)))  # the body is shorter than 500 bytes
    assert s.answer(5)["result"] is None
    assert not [m for m in s.seen if m.get("id") in (2, 4)], "a message with a wrong length is not guessed at"
    assert any("runs into the next message" in m for m in s.errors_shown()), s.errors_shown()
    s.send(frame({"jsonrpc": "2.0", "id": 6, "method": "shutdown"}))
    assert "error" not in s.answer(6)
    s.send(frame({"jsonrpc": "2.0", "method": "exit"}))
    assert s.wait() == 0, "exit after shutdown is exit code 0"


def test_garbage_then_exit_is_honoured(raw):
    s = raw()
    s.send(initialize(s.root))
    s.answer(1)
    s.send(b"\x00\xffnot a header at all\n" * 50)
    s.send(frame({"jsonrpc": "2.0", "method": "exit"}))
    assert s.wait() == 1
    assert s.errors_shown(), "the garbage was reported"


def test_a_request_with_bad_params_gets_an_error_answer(raw):
    s = raw()
    s.send(initialize(s.root))
    s.answer(1)
    s.send(frame(hover(2, {"textDocument": 42})))
    assert s.answer(2)["error"]["code"] == -32602
    s.send(frame(hover(3)))
    assert s.answer(3)["result"] is None


def test_the_framer_resyncs_however_the_bytes_arrive():
    good = [frame({"jsonrpc": "2.0", "id": i, "method": "x", "params": {"text": "Content-Length: 5\\r\\n"}})
            for i in range(5)]  # fmt: skip
    stream = (b"junk" + good[0] + b"Content-Length: -1\r\n\r\n{}" + good[1]
              + frame({"id": 9}, length=3) + good[2] + frame({"id": 9}, length=400) + good[3])  # fmt: skip
    rnd = random.Random(7)
    for _ in range(30):
        f, out, i = Framer(), [], 0
        while i < len(stream):
            n = rnd.choice((1, 2, 7, 64, 1000))
            out += f.feed(stream[i : i + n])
            i += n
        bodies = [json.loads(v)["id"] for k, v in out if k == "message" and v.startswith(b'{"jsonrpc')]
        assert bodies == [0, 1, 2, 3]
        assert [k for k, _ in out].count("error") >= 4  # junk, the -1, the short body's tail, the long one
    # a length a few bytes too long: the next header starts inside the body and ends after it
    # (found when both arrive together, as a client writes them; a body complete on its
    # own is handed on at once, so bytes that come later cannot be waited for)
    straddle = Framer().feed(frame({"id": 9}, length=12) + good[4])
    assert [k for k, _ in straddle] == ["error", "message"] and straddle[1][1] == good[4].split(b"\r\n\r\n")[1]
    huge = Framer().feed(b"Content-Length: " + b"9" * 5000 + b"\r\n\r\n")
    assert huge == [("error", "a message header with a bad Content-Length: " + repr("9" * 80 + "…"))]


# -- addWord -----------------------------------------------------------------------------------
async def _add_word(client, word, uri):
    return await client.workspace_execute_command_async(t.ExecuteCommandParams(
        command="thanklint.addWord", arguments=[word, uri]))  # fmt: skip


def _tree(path: Path) -> set[str]:
    return {str(p.relative_to(path)) for p in path.rglob("*")}


@pytest.mark.asyncio
async def test_add_word_stays_inside_the_workspace_and_takes_one_word(tmp_path):
    root = make_workspace(tmp_path / "ws")
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "escape").symlink_to(outside, target_is_directory=True)
    (root / "far").mkdir()
    (root / "far" / "thanklint.toml").write_text('vocabulary_files = ["../../outside/words.txt"]\n', encoding="utf-8")
    c = await start(root)
    try:
        note = root / "note.txt"
        note.write_text(GOOD, encoding="utf-8")
        uri = from_fs_path(str(note))
        words = root / ".thanklint-words"
        refused = {
            "a file outside": (f"{from_fs_path(str(tmp_path / 'elsewhere' / 'x.txt'))}", "Analytix"),
            "a .. escape": (from_fs_path(str(root)) + "/../outside/x.txt", "Analytix"),
            "a symlink out": (from_fs_path(str(root / "escape" / "x.txt")), "Analytix"),
            "a config naming a file outside": (from_fs_path(str(root / "far" / "x.txt")), "Analytix"),
            "two lines": (uri, "evil\nword"),
            "two words": (uri, "two words"),
            "a control character": (uri, "bell\x07"),
            "a comment": (uri, "#word"),
            "a very long word": (uri, "a" * 65),
            "not a file URI": ("untitled:Untitled-1", "Analytix"),
        }
        for case, (where, word) in refused.items():
            shown = len(c.messages)
            with pytest.raises(JsonRpcException) as e:
                await _add_word(c, word, where)
            assert "could not add the word" in str(e.value), case
            deadline = time.monotonic() + 5
            while len(c.messages) == shown and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
            assert c.messages[shown:] and c.messages[-1].type == t.MessageType.Warning, case
        assert not words.exists()
        assert _tree(outside) == set() and not (tmp_path / "elsewhere").exists(), "nothing written outside"
        with pytest.raises(JsonRpcException):  # not two arguments
            await c.workspace_execute_command_async(t.ExecuteCommandParams(command="thanklint.addWord",
                                                                           arguments=["Analytix"]))  # fmt: skip
        result = await _add_word(c, "Zoë-Analytix", uri)
        assert result == {"file": str(words), "added": True}
        assert words.read_text(encoding="utf-8") == "Zoë-Analytix\n"
    finally:
        await c.shutdown_session()
        await c.stop()
