"""The versioned JSON contract (docs/json-output.md). Other tools parse this:
add fields, never rename or remove them."""

from __future__ import annotations

import json

from thanklint.__about__ import __version__
from thanklint.model import Finding, Span, Suggestion


def _span(s: Span) -> dict:
    return {"line": s.line, "column": s.column, "end_line": s.end_line, "end_column": s.end_column,
            "offset": s.offset, "length": s.length}  # fmt: skip


def _suggestion(s: Suggestion) -> dict:
    return {"kind": s.kind, "text": s.text, "safe": s.safe, **_span(s.span)}


def _finding(f: Finding) -> dict:
    return {"rule": f.rule, "severity": f.severity.value, "message": f.message, **_span(f.span),
            "suggestions": [_suggestion(s) for s in f.suggestions]}  # fmt: skip


def report_dict(report) -> dict:
    return {
        "path": report.path,
        "score": report.score.points,
        "grade": report.score.grade,
        "engine": dict(report.engines),
        "rules": [
            {"id": r.rule, "status": r.status.value, "weight": report.rule(r.rule).weight,
             "lost": round(report.lost(r.rule), 2), "detail": r.detail}
            for r in report.results
        ],  # fmt: skip
        "findings": [_finding(f) for f in report.findings],
        "notices": list(report.notices),
    }


def render(reports, **_options) -> str:
    # ASCII only (\u escapes): valid whatever the output encoding, and no note text acts on a terminal
    return json.dumps({"version": __version__, "files": [report_dict(r) for r in reports]},
                      ensure_ascii=True, indent=2) + "\n"  # fmt: skip
