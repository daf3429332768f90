"""`thanklint rules ID` for a terminal: the rule's Markdown page (the one docs/rules/
holds) drawn with rich, its long word lists folded so the page fits on a screen."""

from __future__ import annotations

import io
import re

from rich.console import Console
from rich.markdown import Markdown

KEEP = 12  # items of a list shown before "… and N more"
_ITEM = re.compile(r"^(\s*)- ")


def fold_lists(markdown: str, keep: int = KEEP) -> str:
    """Inside code blocks, a run of more than `keep` list items at one indent keeps
    its first `keep` items and a comment line saying how many more there are."""
    out: list[str] = []
    run: list[str] = []
    fenced = False

    def flush() -> None:
        out.extend(run[:keep])
        if len(run) > keep:
            indent = _ITEM.match(run[0]).group(1)
            out.append(f"{indent}# … and {len(run) - keep} more")
        run.clear()

    for line in markdown.split("\n"):
        m = _ITEM.match(line) if fenced else None
        if run and not (m and m.group(1) == _ITEM.match(run[0]).group(1)):
            flush()
        if m:
            run.append(line)
            continue
        if line.startswith("```"):
            fenced = not fenced
        out.append(line)
    flush()
    return "\n".join(out)


def render(markdown: str, *, width: int | None = None, color: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width or 100, force_terminal=color, no_color=not color,
                      color_system="auto" if color else None, emoji=False, highlight=False)  # fmt: skip
    console.print(Markdown(fold_lists(markdown), code_theme="ansi_dark"))
    # rich pads lines to the width; trailing blanks only get in the way of copy and diff
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
