"""SARIF 2.1.0 (OASIS), the format code-scanning services read: one run, the
rules that ran as `tool.driver.rules` (with their "why" as help text), one result
per finding. Columns count code points, as ours do, and the run says so
(`columnKind`), so a consumer that would otherwise count UTF-16 units does not
shift the underline on a line with emoji."""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from urllib.parse import quote

from thanklint.__about__ import __version__

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFO_URI = "https://github.com/thanklint/thanklint"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    """A URI reference for the file: relative paths stay relative (the upload action
    resolves them against the checkout), with '/' separators and percent-encoding."""
    if path == "<stdin>":
        return "stdin"
    p = PurePath(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(path.replace(os.sep, "/"))


def _rules(reports) -> tuple[list[dict], dict[str, int]]:
    out: list[dict] = []
    index: dict[str, int] = {}
    for report in reports:
        for info in report.rules:
            if info.id in index:
                continue
            index[info.id] = len(out)
            why = " ".join(info.why.split())
            out.append({
                "id": info.id,
                "name": info.name,
                "shortDescription": {"text": info.name},
                "fullDescription": {"text": why or info.name},
                "help": {"text": why or info.name, "markdown": f"**{info.name}**\n\n{why}".rstrip()},
                "properties": {"weight": info.weight},
            })  # fmt: skip
    return out, index


def _result(report, f, artifact: int, index: dict[str, int]) -> dict:
    s = f.span
    region = {"startLine": s.line, "startColumn": s.column, "endLine": s.end_line, "endColumn": s.end_column,
              "charOffset": s.offset, "charLength": s.length}  # fmt: skip
    result = {
        "ruleId": f.rule,
        "level": _LEVEL[f.severity.value],
        "message": {"text": f.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(report.path), "index": artifact}, "region": region}}],
    }  # fmt: skip
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    fixes = [
        {"description": {"text": sug.title(200)},
         "artifactChanges": [{"artifactLocation": {"uri": _uri(report.path), "index": artifact},
                              "replacements": [{"deletedRegion": {"charOffset": sug.span.offset,
                                                                  "charLength": sug.span.length},
                                                "insertedContent": {"text": sug.text}}]}]}
        for sug in f.suggestions if sug.kind == "replace"
    ]  # fmt: skip
    if fixes:
        result["fixes"] = fixes
    return result


def render(reports, **_options) -> str:
    rules, index = _rules(reports)
    artifacts = [{"location": {"uri": _uri(r.path)},
                  "properties": {"score": r.score.points, "grade": r.score.grade}} for r in reports]  # fmt: skip
    results = [_result(r, f, i, index) for i, r in enumerate(reports) for f in r.findings]
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "thanklint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": INFO_URI, "rules": rules}},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    }  # fmt: skip
    # ASCII only (\u escapes): valid whatever the output encoding, and no note text acts on a terminal
    return json.dumps(log, ensure_ascii=True, indent=2) + "\n"
