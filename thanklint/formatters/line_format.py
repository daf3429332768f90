"""`path:line:col: severity rule: message`, one finding a line — for Vim's quickfix
and anything else that reads errorformat. Control characters in the path or the
message are shown escaped: they would act on the terminal, or break the line."""

from __future__ import annotations

from thanklint.formatters._escape import visible


def render(reports, **_options) -> str:
    out = []
    for r in reports:
        for f in r.findings:
            msg = visible(" ".join(f.message.split()))
            out.append(f"{visible(r.path)}:{f.span.line}:{f.span.column}: {f.severity.value} {f.rule}: {msg}")
    return "".join(line + "\n" for line in out)
