"""`path:line:col: severity rule: message`, one finding a line — for Vim's quickfix
and anything else that reads errorformat."""

from __future__ import annotations


def render(reports, **_options) -> str:
    out = []
    for r in reports:
        for f in r.findings:
            msg = " ".join(f.message.split())
            out.append(f"{r.path}:{f.span.line}:{f.span.column}: {f.severity.value} {f.rule}: {msg}")
    return "".join(line + "\n" for line in out)
