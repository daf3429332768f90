"""Output formats: each module has `render(reports, **options) -> str`."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "line", "sarif", "github", "html")


def render(name: str, reports, **options) -> str:
    if name not in FORMATS:
        raise ValueError(f"unknown format '{name}' (known: {', '.join(FORMATS)})")
    module = importlib.import_module(f"thanklint.formatters.{name}_format")
    return module.render(reports, **options)
