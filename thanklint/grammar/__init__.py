"""Grammar and spelling engines behind one small interface.

Two engines: LanguageTool (a Java HTTP server, remote or started locally, always used through
language-tool-python) and Harper (embedded, Rust, via ``harper-py``). Both modules import their
heavy dependencies lazily, so importing this package costs nothing beyond the standard library.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Iterable, Protocol, runtime_checkable

from thanklint.errors import ThanklintError

__all__ = [
    "EngineMatch",
    "GrammarUnavailable",
    "EngineMissing",
    "Engine",
    "open_engine",
    "merge_matches",
    "URL_ENV",
]

URL_ENV = "THANKLINT_LANGUAGETOOL_URL"


@dataclass(frozen=True)
class EngineMatch:
    offset: int  # code-point offset into the checked text
    length: int  # code points
    message: str
    replacements: tuple[str, ...]
    kind: str  # "spelling" or "grammar"
    rule_id: str  # the engine's own rule id (LT ruleId, Harper rule name)
    safe: bool  # True only for a single, mechanical replacement (see each engine)
    category: str = ""  # the rule's family: LanguageTool category id, Harper lint kind (combine.py)

    @property
    def end(self) -> int:
        return self.offset + self.length


class GrammarUnavailable(Exception):
    """No engine can run (or one died). ``str(e)`` is a short human reason."""


class EngineMissing(ThanklintError):
    """The engine asked for by name is not installed or configured here.

    Not a ``GrammarUnavailable``: a run does not skip grammar over it, it stops (exit 2), since
    the user named an engine that can never answer; ``str(e)`` says how to get it. (``auto``
    falls back to Harper instead.)
    """


@runtime_checkable
class Engine(Protocol):
    name: str

    def check(self, text: str, language: str | None = None) -> list[EngineMatch]: ...  # en-US, en-GB, …

    def close(self) -> None: ...


def merge_matches(matches: Iterable[EngineMatch]) -> list[EngineMatch]:
    """Sort by offset; drop a match that overlaps one already kept (longest first at a tie)."""
    ordered = sorted(matches, key=lambda m: (m.offset, -m.length))
    out: list[EngineMatch] = []
    for m in ordered:
        if out and (m.offset < out[-1].end or m.offset == out[-1].offset):
            continue
        out.append(m)
    return out


def _env_url() -> str | None:
    url = os.environ.get(URL_ENV, "").strip()
    return url or None


def open_engine(
    choice: str = "auto",
    *,
    url: str | None = None,
    disabled_rules: frozenset[str] = frozenset(),
    timeout: float = 10.0,
    language: str = "en-US",
    idle_timeout: float | None = None,
) -> Engine:
    """Open a grammar engine.

    choice: auto|languagetool|harper|both. 'both' -> LanguageTool and Harper, one verdict
    (combine.py); 'auto' -> both when a LanguageTool URL is given (arg, or env
    THANKLINT_LANGUAGETOOL_URL) or a local install is found, else Harper. A single engine's
    `safe` is vetted against the measured fix precision too. Raises GrammarUnavailable with the
    reason if nothing can run ('off' is handled by the caller), and EngineMissing when
    'languagetool' or 'both' is asked for but LanguageTool has no URL, install or Java.
    """
    from . import combine

    choice = (choice or "auto").lower()
    if choice not in ("auto", "languagetool", "harper", "both"):
        raise GrammarUnavailable(f"unknown grammar engine {choice!r} (auto, languagetool, harper, both)")
    url = url or _env_url()
    cal = combine.calibration()

    def harper() -> Engine:
        from .harper import HarperEngine

        return HarperEngine(disabled_rules=disabled_rules, language=language)

    def both(lt_engine: Engine) -> Engine:
        try:
            return combine.CombinedEngine(lt_engine, harper(), cal)
        except GrammarUnavailable:
            if choice == "auto":  # no Harper here: LanguageTool alone
                return combine.Vetted(lt_engine, cal)
            lt_engine.close()
            raise
        except BaseException:
            lt_engine.close()
            raise

    if choice == "harper":
        return combine.Vetted(harper(), cal)
    from . import languagetool as lt

    def languagetool() -> Engine:
        return lt.open_languagetool(url=url, disabled_rules=disabled_rules, timeout=timeout, language=language,
                                    idle_timeout=idle_timeout)  # fmt: skip

    if choice == "languagetool":
        return combine.Vetted(languagetool(), cal)
    if choice == "both":
        return both(languagetool())
    # auto
    errors: list[str] = []
    if url or lt.find_install() is not None:
        try:
            return both(languagetool())
        except (GrammarUnavailable, EngineMissing) as e:  # EngineMissing: an install but no Java
            if url:  # the user asked for that server: do not silently fall back
                raise
            errors.append(f"languagetool: {e}")
    try:
        return combine.Vetted(harper(), cal)
    except GrammarUnavailable as e:
        errors.append(f"harper: {e}")
    raise GrammarUnavailable("; ".join(errors) or "no grammar engine available")
