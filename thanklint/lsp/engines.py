"""Grammar engines for the language server: opened once, shared by every Linter,
closed at shutdown.

A `Linter` opens its own engine on first use; the server instead hands each Linter a
`SharedEngine` (so a config reload does not start a second LanguageTool). With
`engine = "auto"` and a LanguageTool URL or install, or `engine = "both"`, Harper
answers at once while LanguageTool starts in a background thread; when it answers,
both engines check every text and give one verdict (grammar/combine.py), as a CLI
run does. That is the user's shared LanguageTool server (grammar/shared_server.py),
warm when a run or another editor started it, unless `[grammar] idle_timeout` is 0:
then the JVM is the server process's own, and its watchdog stops it when the server
process ends, whichever thread started it.
"""

from __future__ import annotations

import logging
import os
import threading
from typing import Callable

from thanklint.grammar import EngineMissing, GrammarUnavailable, combine

log = logging.getLogger(__name__)


def _key(linter) -> tuple:
    g = linter.config.grammar
    return (g.engine, g.languagetool_url, g.timeout, linter.engine_disabled_rules(), g.idle_timeout)


def _languagetool_wanted(choice: str, url: str | None) -> bool:
    if choice in ("languagetool", "both"):
        return True
    if choice != "auto":
        return False
    from thanklint.grammar import URL_ENV
    from thanklint.grammar import languagetool as lt

    return bool(url or os.environ.get(URL_ENV, "").strip() or lt.find_install() is not None)


class SharedEngine:
    """The `Engine` interface over Harper and/or LanguageTool. `close()` is a no-op:
    the `Engines` hub owns the engines."""

    def __init__(self, choice: str, url: str | None, timeout: float, disabled: frozenset[str],
                 on_change: Callable[[str], None], idle_timeout: float | None = None) -> None:  # fmt: skip
        self.choice, self.url, self.timeout, self.disabled = choice, url, timeout, disabled
        self.idle_timeout = idle_timeout
        self._on_change = on_change
        self._harper = None
        self._harper_why = ""
        self._lt = None
        self._lt_why = ""
        self._lt_done = threading.Event()  # LanguageTool answered, or failed to start
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        if _languagetool_wanted(choice, url):
            self._start_languagetool()
        else:
            self._lt_done.set()

    def _start_languagetool(self) -> None:
        self._lt_done.clear()
        self._thread = threading.Thread(target=self._run_languagetool, name="thanklint-languagetool", daemon=True)
        self._thread.start()

    def _shared_local(self) -> bool:
        """LanguageTool is the user's shared local server, which stops by itself when idle."""
        from thanklint.grammar import URL_ENV, shared_server

        if self.url or os.environ.get(URL_ENV, "").strip():
            return False
        try:
            return shared_server.idle_timeout(self.idle_timeout) > 0
        except GrammarUnavailable:
            return False

    # -- the Engine interface ----------------------------------------------------
    @property
    def name(self) -> str:
        lt = self._lt
        if lt is not None:
            h = self._harper_engine() if self.choice in ("auto", "both") else None
            return combine.both_name(lt, h) if h is not None else lt.name
        h = self._harper_engine()
        if h is not None:
            return h.name + (" (LanguageTool starting)" if not self._lt_done.is_set() else "")
        return "languagetool (starting)" if not self._lt_done.is_set() else "none"

    def check(self, text: str, language: str | None = None) -> list:
        lt = self._lt
        if lt is not None:
            try:
                found = lt.check(text, language)
            except GrammarUnavailable as e:
                # the shared server stops when nobody checked for idle_timeout (an editor left
                # open): start it again, in the background as at start-up
                restart = self._shared_local()
                if self.choice != "auto" and not restart:
                    raise
                with self._lock:
                    if self._lt is not lt:  # another check got here first
                        lt = None
                    else:
                        self._lt, self._lt_why = None, f"LanguageTool stopped answering: {e}"
                        if restart and not self._stop.is_set():
                            self._start_languagetool()
                if lt is not None:
                    lt.close()
                    if self.choice in ("auto", "both"):  # Harper answers until it is back
                        log.warning("%s; using Harper", self._lt_why)
                        self._on_change(self._lt_why + ("; using Harper until it is started again" if restart else "; using Harper"))
            else:
                h = self._harper_engine() if self.choice in ("auto", "both") else None
                if h is None:
                    return found
                return combine.combine(text, {"languagetool": found, "harper": h.check(text, language)},
                                       combine.calibration())  # one verdict, as a CLI run gives
        if self.choice == "languagetool":
            # no fallback was asked for: wait for it (this runs in the lint thread)
            while not self._lt_done.wait(0.2):
                if self._stop.is_set():
                    raise GrammarUnavailable("the language server is shutting down")
            if self._lt is None:
                raise GrammarUnavailable(self._lt_why or "LanguageTool did not start")
            return self._lt.check(text, language)
        if self.choice == "both" and self._lt_done.is_set() and self._lt is None:
            # both were asked for and LanguageTool cannot run: say why (as the CLI does), not Harper alone
            raise GrammarUnavailable(self._lt_why or "LanguageTool did not start")
        h = self._harper_engine()
        if h is None:
            raise GrammarUnavailable("; ".join(w for w in (self._harper_why, self._lt_why) if w))
        return h.check(text, language)

    def close(self) -> None:  # the hub closes the real engines
        pass

    # -- lifecycle ---------------------------------------------------------------
    def warm(self) -> None:
        """Open what answers first (Harper, unless only LanguageTool was asked for)."""
        if self.choice != "languagetool":
            self._harper_engine()

    def _harper_engine(self):
        with self._lock:
            if self._harper is None and not self._harper_why and self.choice != "languagetool":
                from thanklint.grammar import open_engine

                try:
                    self._harper = open_engine("harper", disabled_rules=self.disabled)
                except GrammarUnavailable as e:
                    self._harper_why = f"harper: {e}"
            return self._harper

    def _run_languagetool(self) -> None:
        from thanklint.grammar import open_engine

        try:
            eng = open_engine("languagetool", url=self.url, timeout=self.timeout, disabled_rules=self.disabled,
                              idle_timeout=self.idle_timeout)  # fmt: skip
        except (GrammarUnavailable, EngineMissing) as e:
            self._lt_why = f"languagetool: {e}"
            self._lt_done.set()
            log.warning("LanguageTool did not start: %s", e)
            self._on_change(f"LanguageTool did not start ({e})" + ("; using Harper" if self.choice == "auto" else ""))
            return
        except Exception as e:  # noqa: BLE001 — a bug here must not take the server down
            self._lt_why = f"languagetool: {e}"
            self._lt_done.set()
            log.exception("LanguageTool failed to start")
            return
        with self._lock:
            stopped = self._stop.is_set()  # shut down while it started: nobody else will close it
            if not stopped:
                self._lt = eng
        self._lt_done.set()
        if stopped:
            eng.close()
        else:
            self._on_change(f"{eng.name} is ready")

    def shutdown(self) -> None:
        # No wait for a LanguageTool still starting (seconds of JVM start): its thread sees
        # the stop when it is up and closes it; one still starting at exit dies with its watchdog.
        self._stop.set()
        with self._lock:
            lt, self._lt = self._lt, None
        if lt is not None:
            lt.close()
        if self._harper is not None:
            self._harper.close()


class Engines:
    """One SharedEngine per distinct grammar setting; all closed by `close()`."""

    def __init__(self, on_change: Callable[[str], None] = lambda msg: None) -> None:
        self._by_key: dict[tuple, SharedEngine] = {}
        self._lock = threading.Lock()
        self._closed = False
        self.on_change = on_change

    def attach(self, linter):
        """Give `linter` the shared engine for its config (unless it needs none)."""
        g = linter.config.grammar
        if g.engine == "off" or not any(r.kind.name == "proofread" for r in linter.rules):
            return None
        key = _key(linter)
        with self._lock:
            if self._closed:
                return None
            eng = self._by_key.get(key)
            if eng is None:
                eng = self._by_key[key] = SharedEngine(*key[:4], on_change=lambda m: self.on_change(m), idle_timeout=key[4])
        linter.use_engine(eng)
        return eng

    def all(self) -> list[SharedEngine]:
        with self._lock:
            return list(self._by_key.values())

    def close(self) -> None:
        with self._lock:
            self._closed = True
            engines, self._by_key = list(self._by_key.values()), {}
        for e in engines:
            e.shutdown()
