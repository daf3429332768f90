"""The code behind rules: one module per shape of check. A kind is registered by
name with its params type; rule files pick one with `kind:`."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Callable

KINDS: dict[str, "Kind"] = {}

# Built-in kind modules, imported when the registry is first used.
_BUILTIN = ("signal", "detail", "pattern", "placeholder", "structure", "length", "consistency", "proofread")
_loaded = False


@dataclass(frozen=True)
class Kind:
    name: str
    params: type
    check: Callable  # (Analysis, Context, Rule) -> RuleResult
    needs: frozenset[str]  # spaCy components the check reads
    uses_nlp: bool = True


def kind(name: str, *, params: type, needs: tuple[str, ...] = (), uses_nlp: bool = True):
    def register(fn: Callable) -> Callable:
        KINDS[name] = Kind(name, params, fn, frozenset(needs), uses_nlp)
        return fn

    return register


def registry() -> dict[str, Kind]:
    global _loaded
    if not _loaded:
        for mod in _BUILTIN:
            importlib.import_module(f"thanklint.kinds.{mod}")
        _loaded = True
    return KINDS
