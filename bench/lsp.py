"""Language server latency: time from didChange to the publishDiagnostics for that
version, for a 250-word note, over N edits (one edit at a time, as a user types and
pauses), with the Harper engine and with LanguageTool warm.

    python bench/lsp.py [--engine harper|languagetool|both] [--edits 50] [--pause-ms 100]
                        [--debounce-ms 25] [--json]

LanguageTool needs THANKLINT_LANGUAGETOOL_URL or THANKLINT_LANGUAGETOOL_HOME (or an
install where thanklint looks); "warm" means its JVM is started and has checked the
note before timing starts. The server is the real `python -m thanklint lsp`
subprocess; the client is pygls's. Each edit replaces one word (an incremental change,
as editors send them), alternating between a correct and a misspelled word so the
diagnostics really change.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as t
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
EXTRA = (
    "\n\nBefore our call I read the engineering blog post about your move to a shared metrics layer, and "
    "hearing you describe the first results made the plan feel concrete. I have used dbt and Looker "
    "for two years, so I would be glad to help write the tests and the definitions your analysts rely on."
)


def note_250() -> str:
    base = (ROOT / "bench" / "typical-note.txt").read_text(encoding="utf-8")
    head, sep, tail = base.partition("\n\nPlease let me know")
    text = head + EXTRA + sep + tail
    return text


async def run(engine: str, edits: int, pause: float, debounce_ms: int) -> dict:
    text = note_250()
    words = len(text.split())
    with tempfile.TemporaryDirectory(prefix="thanklint-bench-lsp-") as tmp:
        root = Path(tmp)
        (root / "thanklint.toml").write_text(f'[grammar]\nengine = "{engine}"\n', encoding="utf-8")
        note = root / "note.txt"
        note.write_text(text, encoding="utf-8")
        uri = from_fs_path(str(note))
        env = {**os.environ, "XDG_CONFIG_HOME": str(root / ".no-user-config")}

        client = LanguageClient("thanklint-bench", "1")
        got: dict[int, float] = {}
        arrived = asyncio.Event()
        grammar: list[str] = []

        @client.feature(t.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(params: t.PublishDiagnosticsParams):
            if params.uri == uri and params.version is not None:
                got[params.version] = time.perf_counter()
                arrived.set()

        @client.feature(t.WINDOW_LOG_MESSAGE)
        def _log(params: t.LogMessageParams):
            grammar.append(params.message)

        t_start = time.perf_counter()
        await client.start_io(sys.executable, "-m", "thanklint", "lsp", env=env, cwd=str(root))
        await client.initialize_async(t.InitializeParams(
            capabilities=t.ClientCapabilities(), root_uri=from_fs_path(str(root)),
            initialization_options={"debounceMs": debounce_ms, "score": "diagnostic"}))  # fmt: skip
        t_init = time.perf_counter() - t_start
        client.initialized(t.InitializedParams())
        client.text_document_did_open(t.DidOpenTextDocumentParams(
            t.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))  # fmt: skip

        async def wait_for(version: int, timeout: float = 180.0) -> float:
            end = time.perf_counter() + timeout
            while version not in got:
                arrived.clear()
                left = end - time.perf_counter()
                if left <= 0:
                    raise TimeoutError(f"no diagnostics for version {version}")
                try:
                    await asyncio.wait_for(arrived.wait(), left)
                except asyncio.TimeoutError:
                    pass
            return got[version]

        await wait_for(1)
        t_first = time.perf_counter() - t_start

        # The word to toggle: "excited" ↔ "exited" (a real word, so a grammar/spelling engine
        # may or may not flag it) and "reconciliation" ↔ "reconcilation" (a misspelling).
        lines = text.split("\n")
        targets = []
        for word, typo in (("reconciliation", "reconcilation"), ("documentation", "documentaton")):
            i = next(n for n, ln in enumerate(lines) if word in ln)
            targets.append((i, lines[i].index(word), word, typo))
        current = {w: w for _, _, w, _ in targets}
        version = 1
        latencies = []
        warm = 5
        for k in range(warm + edits):
            line, col, word, typo = targets[k % len(targets)]
            old = current[word]
            new = typo if old == word else word
            current[word] = new
            version += 1
            change = t.TextDocumentContentChangePartial(
                range=t.Range(t.Position(line, col), t.Position(line, col + len(old))), text=new)
            sent = time.perf_counter()
            client.text_document_did_change(t.DidChangeTextDocumentParams(
                t.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))  # fmt: skip
            done = await wait_for(version)
            if k >= warm:
                latencies.append((done - sent) * 1000)
            await asyncio.sleep(pause)

        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()

    lat = sorted(latencies)
    p95 = lat[min(len(lat) - 1, int(round(0.95 * (len(lat) - 1))))]
    return {
        "engine": engine,
        "words": words,
        "edits": len(lat),
        "debounce_ms": debounce_ms,
        "median_ms": round(statistics.median(lat), 1),
        "p95_ms": round(p95, 1),
        "min_ms": round(lat[0], 1),
        "max_ms": round(lat[-1], 1),
        "initialize_s": round(t_init, 2),
        "first_diagnostics_s": round(t_first, 2),
        "log": grammar[-3:],
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--engine", choices=("harper", "languagetool", "both"), default="both")
    p.add_argument("--edits", type=int, default=50)
    p.add_argument("--pause-ms", type=int, default=100, help="pause after each answer before the next edit")
    p.add_argument("--debounce-ms", type=int, default=50)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    engines = ["harper", "languagetool"] if args.engine == "both" else [args.engine]
    results = [asyncio.run(run(e, args.edits, args.pause_ms / 1000, args.debounce_ms)) for e in engines]
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for r in results:
            print(f"{r['engine']:<13} {r['words']} words, {r['edits']} edits, debounce {r['debounce_ms']} ms: "
                  f"median {r['median_ms']} ms, p95 {r['p95_ms']} ms (min {r['min_ms']}, max {r['max_ms']}); "
                  f"initialize {r['initialize_s']} s, first diagnostics {r['first_diagnostics_s']} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
