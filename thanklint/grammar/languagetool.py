"""LanguageTool: a remote server (URL) or a local install started as one JVM per engine.

Checks go through the ``language-tool-python`` package (imported lazily), always as
``LanguageTool(language, remote_server=url)``: for a remote server the URL is the user's; for a
local install thanklint starts ``org.languagetool.server.HTTPServer`` itself, under a watchdog
process (``watchdog.py``) that stops the JVM when thanklint ends, however it ends, and hands its
loopback URL over, so language-tool-python never downloads or starts a server. A small subclass
(``_tool_class``) makes every request honour ``timeout`` with one try, so a dead or stalled
server surfaces as ``GrammarUnavailable`` instead of a hang or retry loop.

Local installs are looked up in this order:
  1. env ``THANKLINT_LANGUAGETOOL_HOME``
  2. ``$XDG_DATA_HOME/thanklint/languagetool`` (default ``~/.local/share/thanklint/languagetool``),
     which ``setup_languagetool()`` fills from ``languagetool/pom.xml`` (Maven Central)
  3. language-tool-python's own download (``$LTP_PATH`` or ``~/.cache/language_tool_python``)
A folder is an install when it holds ``languagetool-server.jar``.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import re
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable

from thanklint.dialect import LANGUAGETOOL

from . import EngineMatch, EngineMissing, GrammarUnavailable, merge_matches
from .watchdog import GRACE as WATCHDOG_GRACE

HOME_ENV = "THANKLINT_LANGUAGETOOL_HOME"
JAVA_OPTS_ENV = "THANKLINT_LANGUAGETOOL_JAVA_OPTS"
SERVER_JAR = "languagetool-server.jar"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
START_TIMEOUT = float(os.environ.get("THANKLINT_LANGUAGETOOL_START_TIMEOUT", "90"))
WATCHDOG = Path(__file__).with_name("watchdog.py")
# the engine line's word on the shared server: this run started it, or found it running
STARTED, WARM = "(started)", "(warm)"


def without_run_tag(name: str) -> str:
    """An engine line without STARTED/WARM, which say something about one run only."""
    return name.replace(f" {STARTED}", "").replace(f" {WARM}", "")

# Rule ids whose single suggestion is a mechanical fix (plus every misspelling).
_SAFE_RULES = frozenset(
    {
        "ENGLISH_WORD_REPEAT_RULE",
        "EN_A_VS_AN",
        "WHITESPACE_RULE",
        "CONSECUTIVE_SPACES",
        "DOUBLE_PUNCTUATION",
        "COMMA_PARENTHESIS_WHITESPACE",
        "I_LOWERCASE",
    }
)
_SAFE_ISSUE_TYPES = frozenset({"duplication", "whitespace"})


_LAYOUT_RULES = frozenset({"WHITESPACE_RULE", "CONSECUTIVE_SPACES"})


def _at_line_edge(text: str, start: int, end: int) -> bool:
    """Whitespace at the start or end of a line (indent, trailing blanks) or spanning lines."""
    return (
        start == 0
        or text[start - 1] == "\n"
        or end >= len(text)
        or text[end] in "\r\n"
        or "\n" in text[start:end]
    )


def _one_word(text: str, start: int, end: int, reps: list[str]) -> tuple[int, int, list[str]]:
    """LanguageTool's speller takes a word beside a misspelling in when moving the space between
    them makes two words ("word stoped" -> "words toped", "word stopped", and "stopped" for the
    pair): the span is narrowed to the misspelt word - the one the other replacements leave out -
    and each replacement to what stands for it; one that changes the other word is dropped. When
    moving the space is the first fix ("thec at" -> "the cat"), the pair is the misspelling."""
    problem = text[start:end]
    cut = problem.rfind(" ")
    if cut <= 0 or " " in problem[:cut] or not problem[cut + 1 :]:
        return start, end, reps
    if reps and reps[0] != problem and reps[0].replace(" ", "") == problem.replace(" ", ""):
        return start, end, reps  # the space itself is misplaced, and its best fix: "thec at" -> "the cat"
    first, last = problem[:cut], problem[cut + 1 :]
    keeps_first = sum(r.startswith(first + " ") for r in reps)
    keeps_last = sum(r.endswith(" " + last) for r in reps)
    if keeps_first == keeps_last:
        return start, end, reps
    if keeps_first > keeps_last:  # the last word is the misspelling
        start, keep = start + cut + 1, (lambda r: r[len(first) + 1 :] if r.startswith(first + " ") else r)
    else:
        end, keep = start + cut, (lambda r: r[: -len(last) - 1] if r.endswith(" " + last) else r)
    out: list[str] = []
    for r in map(keep, reps):
        if r and " " not in r and r not in out:
            out.append(r)
    return start, end, out


def _is_spelling(rule_id: str) -> bool:
    # LanguageTool marks confusions (their/there, a/an, i/I) as issueType "misspelling" and
    # puts several in category TYPOS; only its spellers (unknown words) count as spelling here,
    # so that thanklint's "drop spelling findings on names" filter never hides a grammar error.
    # EN_MULTITOKEN_SPELLING_*: its speller for phrases ("Tom Ferrier" in a sign-off: stop 33, fresh-19)
    return rule_id.startswith(("MORFOLOGIK_", "HUNSPELL_")) or "SPELLER" in rule_id or "MULTITOKEN_SPELLING" in rule_id


# --------------------------------------------------------------------------- install lookup


def default_install_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "thanklint" / "languagetool"


def _is_install(p: Path) -> bool:
    return (p / SERVER_JAR).is_file()


def _ltp_installs() -> list[Path]:
    base = Path(os.environ.get("LTP_PATH") or Path.home() / ".cache" / "language_tool_python")
    try:
        return sorted((d for d in base.glob("LanguageTool-*") if _is_install(d)), reverse=True)
    except OSError:
        return []


def find_install() -> Path | None:
    """The first LanguageTool install folder found (see module docstring), or None."""
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        p = Path(env).expanduser()
        return p if _is_install(p) else None  # an explicit setting is not second-guessed
    for p in [default_install_dir(), *_ltp_installs()]:
        if _is_install(p):
            return p
    return None


def _install_version(home: Path) -> str:
    libs = home / "libs"
    for pat in ("languagetool-core-*.jar", "languagetool-server-*.jar"):
        for j in sorted(libs.glob(pat)) if libs.is_dir() else []:
            return j.stem.rsplit("-", 1)[-1]
    name = home.name
    if name.startswith("LanguageTool-"):
        return name[len("LanguageTool-") :]
    return "?"


# --------------------------------------------------------------------------- offsets


def _utf16_to_cp(text: str) -> Callable[[int], int]:
    """Map LanguageTool's UTF-16 offsets to Python code-point offsets."""
    if all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    table: list[int] = []  # table[utf16 index] -> code point index
    for cp, ch in enumerate(text):
        table.append(cp)
        if ord(ch) >= 0x10000:
            table.append(cp)
    table.append(len(text))
    n = len(table)
    return lambda i: table[i] if 0 <= i < n else len(text)


def _cp_to_utf16(text: str) -> Callable[[int], int]:
    """Map code-point offsets back to UTF-16 offsets (the inverse of ``_utf16_to_cp``)."""
    if all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    table = [0]  # table[code point index] -> utf16 index
    for ch in text:
        table.append(table[-1] + (2 if ord(ch) >= 0x10000 else 1))
    n = len(table)
    return lambda i: table[i] if 0 <= i < n else table[-1]


# --------------------------------------------------------------------------- HTTP


class _Http:
    """Plain GET with a timeout: only used to poll a starting local JVM until it listens."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.base = _base_url(base_url)
        self.timeout = timeout

    def get(self, path: str, timeout: float | None = None) -> object:
        t = self.timeout if timeout is None else timeout
        try:
            with urllib.request.urlopen(f"{self.base}{path}", timeout=t) as r:
                return json.loads(r.read().decode("utf-8"))
        except (OSError, ValueError) as e:  # URLError, HTTPError, timeouts, bad JSON
            raise GrammarUnavailable(f"LanguageTool at {self.base} failed: {e}") from e


def _base_url(url: str) -> str:
    """``http://host:8081``, ``.../`` and ``.../v2`` all name the same server."""
    base = url.strip().rstrip("/")
    if base.endswith("/v2"):
        base = base[: -len("/v2")]
    return base


# --------------------------------------------------------------------------- language-tool-python

_TOOL_CLASS: "type | None" = None
_MATCH_LOCK = threading.Lock()


def _tool_class() -> type:
    """``language_tool_python.LanguageTool`` with three small adjustments (imported lazily).

    * Timeout: LanguageTool's ``_TIMEOUT`` is a class constant (300 s), read by ``_query_server``
      for every request, including the ``/v2/languages`` query in the constructor. It is set per
      instance *before* the constructor runs, so ``timeout`` bounds every request.
    * One try: for a ``remote_server`` ``_query_server`` simply repeats a failed request (2 tries),
      which doubles the wait on a stalled server and hides a JVM that died; thanklint reports the
      first failure as ``GrammarUnavailable`` (it owns the JVM's lifecycle itself).
    * ``check`` is LanguageTool.check (same request via ``_create_params``/``_query_server``, same
      ``Match`` objects), except that ``Match`` objects are built under a lock — ``Match`` caches
      the last text's astral-character positions in *class* attributes, which races when
      several threads check different texts (bench ``--workers``) and corrupts offsets — and
      that the server's ``software`` block is kept (for the version in the engine name).
    """
    global _TOOL_CLASS
    if _TOOL_CLASS is not None:
        return _TOOL_CLASS
    import language_tool_python
    from language_tool_python.match import Match

    class _Tool(language_tool_python.LanguageTool):
        def __init__(self, language: str, remote_server: str, timeout: float) -> None:
            self._TIMEOUT = timeout  # type: ignore[misc]  # shadows the class constant
            self.software: dict = {}
            super().__init__(language, remote_server=remote_server)

        def _query_server(self, url, params=None, num_tries=2, *args, **kwargs):  # type: ignore[no-untyped-def]
            return super()._query_server(url, params, 1, *args, **kwargs)

        def check(self, text: str, language: str | None = None) -> list:
            url = urllib.parse.urljoin(self._url, "check")
            params = self._create_params(text)
            if language:  # the note's variant (thanklint/dialect.py), one server for them all
                params["language"] = language
            response = self._query_server(url, params, method="post")
            if isinstance(response, dict) and isinstance(response.get("software"), dict):
                self.software = response["software"]
            with _MATCH_LOCK:
                return [Match(m, text) for m in response["matches"]]

    _TOOL_CLASS = _Tool
    return _Tool


def _short_reason(e: BaseException) -> str:
    """``[Errno 111] Connection refused`` out of requests' long exception chains."""
    s = str(e)
    m = re.search(r"\[Errno -?\d+\] [^'\")\]]+", s)
    if m:
        return m.group(0).strip()
    return s.strip().splitlines()[0][:200] if s.strip() else type(e).__name__


def _is_timeout(e: BaseException | None) -> bool:
    import requests

    seen = 0
    while e is not None and seen < 10:
        if isinstance(e, (requests.Timeout, TimeoutError, socket.timeout)):
            return True
        if "timed out" in str(e).lower():  # urllib3 ReadTimeoutError wrapped in ConnectionError
            return True
        e = e.__cause__ or e.__context__
        seen += 1
    return False


def _unavailable(e: BaseException, base: str, timeout: float) -> GrammarUnavailable:
    """A ``GrammarUnavailable`` with a short reason for anything language-tool-python raised."""
    import requests
    from language_tool_python.exceptions import LanguageToolError, RateLimitError

    cause = e.__cause__ if isinstance(e, LanguageToolError) and e.__cause__ is not None else e
    if _is_timeout(cause):
        return GrammarUnavailable(f"LanguageTool at {base} did not answer within {timeout:g} s")
    if isinstance(cause, (requests.ConnectionError, ConnectionError)):
        return GrammarUnavailable(f"cannot reach LanguageTool at {base}: {_short_reason(cause)}")
    if isinstance(e, RateLimitError):
        return GrammarUnavailable(f"LanguageTool at {base} refused the request: rate limit (HTTP 426)")
    if isinstance(e, LanguageToolError) and (cause is e or isinstance(cause, ValueError)):
        # a non-JSON answer (language-tool-python puts its body in the error): a web page is
        # another kind of server; plain text is LanguageTool's own error (HTTP 400/500)
        if str(e).lstrip()[:1] == "<":
            return GrammarUnavailable(f"{base} is not a LanguageTool server (it answered a web page)")
        return GrammarUnavailable(f"LanguageTool at {base} answered an error: {_short_reason(e)}")
    if isinstance(cause, (requests.RequestException, OSError)):
        return GrammarUnavailable(f"LanguageTool at {base} failed: {_short_reason(cause)}")
    if isinstance(e, ValueError) and "language" in str(e):  # LanguageTag: unsupported language
        return GrammarUnavailable(f"LanguageTool at {base}: {e}")
    return GrammarUnavailable(
        f"LanguageTool at {base} sent a bad answer ({type(e).__name__}: {_short_reason(e)})"
    )


def _ltp_errors() -> tuple[type[BaseException], ...]:
    # everything language-tool-python lets through on a bad or missing server: its own errors,
    # requests' (IOError subclasses) and parse errors on an answer that is not LanguageTool's
    from language_tool_python.exceptions import LanguageToolError

    return (LanguageToolError, OSError, ValueError, KeyError, TypeError, AttributeError)


# --------------------------------------------------------------------------- engine


class LanguageToolEngine:
    """Checks text against a LanguageTool server through language-tool-python.

    The server is a user-configured URL or a JVM that thanklint started (and owns: see
    ``_LocalServer``); either way language-tool-python gets it as ``remote_server`` and never
    downloads or starts anything itself.
    """

    def __init__(
        self,
        url: str,
        *,
        disabled_rules: frozenset[str] = frozenset(),
        timeout: float = 10.0,
        language: str = "en-US",
        version: str | None = None,
        server: "_LocalServer | None" = None,
    ) -> None:
        self._server = server
        self._closed = False
        self._tool = None
        self.url = _base_url(url)
        self.language = LANGUAGETOOL.get(language, language)
        self._loaded: set[str] = set()  # variants this engine has checked in (see _check_in)
        self.timeout = timeout
        self.disabled_rules = frozenset(disabled_rules)  # the pack's list (rules/thankyou/grammar.yaml)
        # "EN_DIACRITICS_REPLACE_ORTHOGRAPHY_*": a family with one rule id per word, off by its prefix
        self._disabled_prefixes = tuple(r[:-1] for r in self.disabled_rules if r.endswith("*"))
        self._tool = self._call(self._open_tool)
        if version is None:
            version = self._probe_version()
        self.version = version
        self.name = f"languagetool {version} ({self.url})"

    def _open_tool(self):  # type: ignore[no-untyped-def]
        # the trailing slash matters: language-tool-python urljoin()s "v2/" onto it
        tool = _tool_class()(self.language, self.url + "/", self.timeout)
        tool.disabled_rules = {r for r in self.disabled_rules if not r.endswith("*")}
        # the pack mixes category ids in (STYLE, BRITISH_ENGLISH); the server skips ids it does not
        # know, and a category it never runs cannot displace another rule's overlapping match
        tool.disabled_categories = set(tool.disabled_rules)
        return tool

    def _call(self, fn: Callable[[], object], timeout: float | None = None):  # type: ignore[no-untyped-def]
        """Run a language-tool-python call; its failures become ``GrammarUnavailable``."""
        t = self.timeout if timeout is None else timeout
        try:
            return fn()
        except ImportError as e:
            raise GrammarUnavailable(
                f"language-tool-python is not installed ({e}); pip install language-tool-python"
            ) from e
        except _ltp_errors() as e:
            if self._server is not None:
                self._server.ensure_alive()  # a dead JVM is the better reason
            raise _unavailable(e, self.url, t) from e

    def _probe_version(self) -> str:
        # a tiny check: proves the server answers and tells its version
        self._call(lambda: self._tool.check("Hi."))
        return str(self._tool.software.get("version") or "?")

    def _warm_up(self, timeout: float) -> None:
        """One check under ``timeout`` (the first check loads the English rules: seconds)."""
        self._check_in("Thank you for you time yesterday.", self.language, timeout)

    def _check_in(self, text: str, lang: str, timeout: float | None = None) -> list:
        """The server's matches for ``text`` in ``lang``. The first check in a variant loads its
        rules and dictionary (seconds, like the warm-up), so it gets the start-up timeout."""
        if timeout is None and lang not in self._loaded:
            timeout = max(START_TIMEOUT, self.timeout)
        tool = self._tool
        tool._TIMEOUT = timeout or self.timeout
        try:
            out = self._call(lambda: tool.check(text, lang), timeout)
        finally:
            tool._TIMEOUT = self.timeout
        self._loaded.add(lang)
        return out

    def check(self, text: str, language: str | None = None) -> list[EngineMatch]:
        """`language`: a thanklint variant (en-US, en-GB, en-AU, en-CA, en-IN) for this text."""
        if self._closed:
            raise GrammarUnavailable("LanguageTool engine is closed")
        if self._server is not None:
            self._server.ensure_alive()
        if not text.strip():
            return []
        matches = self._check_in(text, LANGUAGETOOL.get(language or "", language) or self.language)
        to_cp = _utf16_to_cp(text)
        to_u16 = _cp_to_utf16(text)
        out: list[EngineMatch] = []
        for m in matches:
            rid = str(m.rule_id or "")
            cat = str(m.category or "")
            if rid in self.disabled_rules or cat in self.disabled_rules or rid.startswith(self._disabled_prefixes):
                continue
            # language-tool-python already turns the UTF-16 offset into a code-point offset
            # (match.py, four_byte_char_positions) but leaves the length in UTF-16 units
            start = min(max(int(m.offset), 0), len(text))
            end = max(to_cp(to_u16(start) + int(m.error_length)), start)
            reps: list[str] = []
            for v in m.replacements:
                if isinstance(v, str) and v not in reps:
                    reps.append(v)
            issue = str(m.rule_issue_type or "")
            spelling = _is_spelling(rid)
            if spelling:
                start, end, reps = _one_word(text, start, end, reps)
            problem = text[start:end]
            if rid in _LAYOUT_RULES and _at_line_edge(text, start, end):
                continue
            safe = len(reps) == 1 and (
                spelling or rid in _SAFE_RULES or issue in _SAFE_ISSUE_TYPES
            )
            if safe and spelling and problem[:1].isupper():
                safe = False  # a capitalised unknown word is likely a name
            out.append(
                EngineMatch(
                    offset=start,
                    length=end - start,
                    message=str(m.message or ""),
                    replacements=tuple(reps),
                    kind="spelling" if spelling else "grammar",
                    rule_id=rid,
                    safe=safe,
                    category=cat,
                )
            )
        return merge_matches(out)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        tool, self._tool = self._tool, None
        if tool is not None:
            try:
                tool.close()  # remote: nothing to stop; kept for language-tool-python's sake
            except Exception:
                pass
        if self._server is not None:
            self._server.stop()

    def __enter__(self) -> "LanguageToolEngine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:  # pragma: no cover - best effort
        try:
            self.close()
        except Exception:
            pass


# --------------------------------------------------------------------------- local JVM

_LIVE: "set[_LocalServer]" = set()
_LIVE_LOCK = threading.Lock()


def _stop_all() -> None:
    with _LIVE_LOCK:
        servers = list(_LIVE)
    for s in servers:
        s.stop()


atexit.register(_stop_all)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def java_executable() -> str | None:
    jh = os.environ.get("JAVA_HOME")
    if jh:
        p = Path(jh) / "bin" / ("java.exe" if os.name == "nt" else "java")
        if p.is_file():
            return str(p)
    return shutil.which("java")


def java_or_missing(home: Path) -> str:
    java = java_executable()
    if java is None:
        raise EngineMissing(
            f"LanguageTool is installed in {home} but Java (17+) is not on PATH or in "
            "JAVA_HOME: install Java, or use --languagetool-url URL"
        )
    return java


def jvm_command(java: str, home: Path, port: int) -> list[str]:
    """The LanguageTool HTTP server of ``home`` on 127.0.0.1:``port`` (its default: loopback only)."""
    cp = str(home / SERVER_JAR)
    if (home / "libs").is_dir():
        cp += os.pathsep + str(home / "libs" / "*")
    opts = os.environ.get(JAVA_OPTS_ENV, "-Xms64m -Xmx1g -XX:+UseSerialGC").split()
    return [java, *opts, "-cp", cp, MAIN_CLASS, "--port", str(port)]


def port_busy(log: str) -> bool:
    return "BindException" in log or "already in use" in log


class _PortBusy(GrammarUnavailable):
    pass


class _LocalServer:
    def __init__(self, home: Path, *, port: int | None = None) -> None:
        self.home = home
        java = java_or_missing(home)
        self.port = port or _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = tempfile.TemporaryFile(prefix="thanklint-lt-")
        cmd = jvm_command(java, home, self.port)
        kw: dict[str, object] = {}
        if os.name == "posix":
            # The watchdog owns the JVM and stops it when this process ends. Nothing runs
            # between fork and exec: Python there can deadlock on a lock another thread held
            # at the fork (an import of spaCy's, say), hanging the run in Popen.
            cmd = [sys.executable, "-I", "-S", str(WATCHDOG), str(os.getpid()), "--", *cmd]
            kw["start_new_session"] = True  # Ctrl-C in the terminal reaches thanklint only
        else:  # pragma: no cover
            kw["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)
        try:
            self.proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                cwd=str(home),
                **kw,  # type: ignore[arg-type]
            )
        except OSError as e:
            raise GrammarUnavailable(f"cannot start Java for LanguageTool: {e}") from e
        with _LIVE_LOCK:
            _LIVE.add(self)

    def log_tail(self, n: int = 5) -> str:
        try:
            self._log.seek(0)
            lines = self._log.read().decode("utf-8", "replace").strip().splitlines()
        except Exception:
            return ""
        lines = [ln for ln in lines if ln.strip()]
        return " | ".join(ln.strip()[:160] for ln in lines[-n:])

    def wait_ready(self, timeout: float) -> None:
        http = _Http(self.url, 2.0)
        deadline = time.monotonic() + timeout
        while True:
            rc = self.proc.poll()
            if rc is not None:
                if port_busy(self.log_tail(10_000)):
                    self.stop()
                    raise _PortBusy(
                        f"LanguageTool server could not listen on 127.0.0.1:{self.port} "
                        "(port busy)"
                    )
                tail = self.log_tail()
                self.stop()
                raise GrammarUnavailable(
                    f"LanguageTool server in {self.home} stopped at start-up (exit code {rc})"
                    + (f": {tail}" if tail else "")
                )
            try:
                http.get("/v2/languages")
                return
            except GrammarUnavailable:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise GrammarUnavailable(
                    f"LanguageTool server in {self.home} did not start within {timeout:g} s"
                )
            time.sleep(0.1)

    def ensure_alive(self) -> None:
        rc = self.proc.poll()
        if rc is not None:
            tail = self.log_tail(3)
            self.stop()
            raise GrammarUnavailable(
                f"the local LanguageTool server died (exit code {rc})" + (f": {tail}" if tail else "")
            )

    def stop(self) -> None:
        with _LIVE_LOCK:
            _LIVE.discard(self)
        p = self.proc
        if p.poll() is None:
            p.terminate()  # the watchdog stops the JVM: SIGTERM, SIGKILL after its grace time
            try:
                p.wait(timeout=WATCHDOG_GRACE + 2)
            except subprocess.TimeoutExpired:  # pragma: no cover - a stuck watchdog
                if os.name == "posix":
                    os.killpg(p.pid, signal.SIGKILL)  # the watchdog and the JVM: one group
                else:
                    p.kill()
                p.wait(timeout=5)
        try:
            self._log.close()
        except Exception:
            pass


def open_languagetool(
    *,
    url: str | None = None,
    home: Path | None = None,
    disabled_rules: frozenset[str] = frozenset(),
    timeout: float = 10.0,
    language: str = "en-US",
    start_timeout: float | None = None,
    idle_timeout: float | None = None,
) -> LanguageToolEngine:
    """A remote server when ``url`` is given, else the local install's server: the user's
    shared one (shared_server.py) when ``idle_timeout`` (``[grammar] idle_timeout``, see
    ``shared_server.idle_timeout``) is above 0, else a JVM of this run's own."""
    if url:
        return LanguageToolEngine(
            url, disabled_rules=disabled_rules, timeout=timeout, language=language
        )
    home = home or find_install()
    if home is None:
        where = os.environ.get(HOME_ENV) or str(default_install_dir())
        raise EngineMissing(
            f"LanguageTool is not installed (looked in {where}) and no server URL is set: "
            f"run 'thanklint setup languagetool', or use --languagetool-url URL"
        )
    if not _is_install(home):
        raise EngineMissing(
            f"{home} is not a LanguageTool install (no {SERVER_JAR}): "
            "run 'thanklint setup languagetool', or use --languagetool-url URL"
        )
    st = START_TIMEOUT if start_timeout is None else start_timeout
    from . import shared_server

    idle = shared_server.idle_timeout(idle_timeout)
    if idle > 0:
        shared = shared_server.find_or_start(home, idle, st)
        version = _install_version(home)
        eng = LanguageToolEngine(shared.url, disabled_rules=disabled_rules, timeout=timeout, language=language,
                                 version=version, server=shared)  # fmt: skip
        eng.name = f"languagetool {version} {STARTED if shared.started else WARM}"
        if shared.started:
            try:
                eng._warm_up(st)  # see below
            except BaseException:
                eng.close()  # the server stays: a later run may find it answering
                raise
        return eng
    for attempt in range(3):  # the free port may be taken between choosing and binding it
        server = _LocalServer(home)
        try:
            server.wait_ready(st)
            break
        except _PortBusy:
            if attempt == 2:
                raise
        except BaseException:
            server.stop()
            raise
    try:
        eng = LanguageToolEngine(
            server.url,
            disabled_rules=disabled_rules,
            timeout=timeout,
            language=language,
            version=_install_version(home),
            server=server,
        )
        # warm-up: the first check loads the English rules (seconds); do it under the
        # start-up timeout so that `timeout` applies to real checks only
        eng._warm_up(st)
        return eng
    except BaseException:
        server.stop()
        raise


# --------------------------------------------------------------------------- setup


def find_pom() -> Path:
    """``languagetool/pom.xml`` in a checkout, else the copy packaged inside thanklint."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        cand = parent / "languagetool" / "pom.xml"
        if cand.is_file() and (parent / "thanklint").is_dir():
            return cand
    try:
        from importlib.resources import files

        res = files("thanklint") / "languagetool" / "pom.xml"
        if res.is_file():
            return Path(str(res))
    except Exception:
        pass
    raise FileNotFoundError("languagetool/pom.xml not found in the checkout or the package")


def _dir_size(p: Path) -> int:
    return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


def setup_languagetool(dest: Path | None = None, *, log: Callable[[str], object] = print) -> Path:
    """Build the English-only LanguageTool server from Maven Central into ``dest``.

    ``dest`` defaults to ``$XDG_DATA_HOME/thanklint/languagetool``. Needs ``mvn`` and Java 17+.
    Returns the install folder.
    """
    mvn = shutil.which("mvn")
    if mvn is None:
        raise RuntimeError("Maven (mvn) is not installed: install it (e.g. apt-get install maven)")
    if java_executable() is None:
        raise RuntimeError("Java 17+ is not installed: install a JDK/JRE (e.g. openjdk-17-jre)")
    pom = find_pom()
    dest = Path(dest) if dest is not None else default_install_dir()
    dest = dest.expanduser().resolve()
    dest.parent.mkdir(parents=True, exist_ok=True)
    # build into a fresh sibling folder, then swap, so a failed build leaves the old install
    tmp = Path(tempfile.mkdtemp(prefix=".lt-build-", dir=dest.parent))
    work = Path(tempfile.mkdtemp(prefix="thanklint-lt-mvn-"))
    shutil.copy(pom, work / "pom.xml")
    log_file = work / "mvn.log"
    log(f"building LanguageTool (English) from {pom} with Maven into {dest} ...")
    t0 = time.monotonic()
    with open(log_file, "wb") as lf:
        rc = subprocess.call(
            [mvn, "-B", "-q", "-f", str(work / "pom.xml"), "package", f"-DoutputDir={tmp}"],
            stdout=lf,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    took = time.monotonic() - t0
    if rc != 0 or not _is_install(tmp):
        tail = log_file.read_text("utf-8", "replace").strip().splitlines()[-15:]
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(
            f"mvn failed (exit {rc}) after {took:.0f} s; log: {log_file}\n" + "\n".join(tail)
        )
    if dest.exists():
        shutil.rmtree(dest)
    tmp.rename(dest)
    shutil.rmtree(work, ignore_errors=True)
    size = _dir_size(dest) / 1e6
    log(
        f"LanguageTool {_install_version(dest)} installed in {dest} "
        f"({size:.0f} MB, {took:.0f} s); thanklint will start it when needed"
    )
    return dest
