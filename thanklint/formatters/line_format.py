"""`path:line:col: severity rule: message`, one finding a line — for Vim's quickfix
and anything else that reads errorformat. Control characters in the path or the
message are shown escaped: they would act on the terminal, or break the line.

The column's unit is the reader's: Vim's `%c` counts bytes, Emacs `compile` counts
screen columns, most other tools count characters (see docs/editors.md)."""

from __future__ import annotations

import unicodedata

from thanklint.formatters._escape import visible

COLUMN_UNITS = ("char", "byte", "screen")
TAB_STOP = 8  # Emacs's default tab-width


def render(reports, *, column_unit: str = "char", **_options) -> str:
    if column_unit not in COLUMN_UNITS:
        raise ValueError(f"unknown column unit '{column_unit}' (known: {', '.join(COLUMN_UNITS)})")
    out = []
    for r in reports:
        lines = r.text.split("\n")
        for f in r.findings:
            msg = visible(" ".join(f.message.split()))
            col = column(lines, f.span.line, f.span.column, column_unit)
            out.append(f"{visible(r.path)}:{f.span.line}:{col}: {f.severity.value} {f.rule}: {msg}")
    return "".join(line + "\n" for line in out)


def column(lines: list[str], line: int, char_column: int, unit: str) -> int:
    """The 1-based code-point column `char_column` of `line` in `unit`."""
    if unit == "char" or not 0 < line <= len(lines):
        return char_column
    before = lines[line - 1][: char_column - 1]
    if unit == "byte":  # Vim keeps the buffer in UTF-8 whatever the file's encoding
        return len(before.encode("utf-8", "surrogatepass")) + 1
    return _screen_width(before) + 1


def _screen_width(text: str) -> int:
    """Columns as Emacs counts them, one character at a time: wide (East Asian
    wide or full-width, which takes in most emoji) 2, combining marks and format
    characters (variation selectors, zero-width joiner) 0, a tab to the next stop."""
    width = 0
    for ch in text:
        if ch == "\t":
            width += TAB_STOP - width % TAB_STOP
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        else:
            width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width
