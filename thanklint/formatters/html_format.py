"""An annotated HTML report, one self-contained page: each note with its findings
highlighted in place (colour by severity, message and suggestions on hover and in
a side list), the score as a gauge, the rule checklist with the points lost; with
several notes, a summary table on top. Inline CSS and SVG only; a
Content-Security-Policy forbids scripts and every fetch, so the page works offline
and nothing in a note can run. Everything from a note, a finding or the file system
is HTML-escaped, with control characters shown as escapes (`\\x1b`). The page is
ASCII (other characters as character references): valid in any output encoding."""

from __future__ import annotations

import html
import math
import re

from thanklint.__about__ import __version__
from thanklint.formatters._escape import _TABLE, visible
from thanklint.model import Severity, Status, shown_points

# The note's own tabs and line breaks are layout; every other control or bidi
# character is shown as its escape, marked so it cannot pass for typed text.
_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in _TABLE if chr(c) not in "\t\n") + "]")
_GRADES = {"Ready to send": "good", "Almost there": "fair", "Needs work": "poor"}
_STATUS = {Status.PASS: ("\u2713", "pass"), Status.FAIL: ("\u2717", "fail"), Status.SKIP: ("\u2013", "skipped")}
_MINUS = "\u2212"
_EXCERPT = 120  # characters of the flagged text quoted in the side list

# Every text colour on its background has a contrast of at least 4.5:1 (WCAG AA);
# tests/test_html_report.py measures it in the browser.
_CSS = """
:root { color-scheme: light; --ink: #1f1f1f; --muted: #4d4d4d; --line: #c8c8c8;
  --error: #b3261e; --warning: #7a4f00; --info: #0b57a3; --good: #1b6b32; --fair: #7a4f00; --poor: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1200px; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.4rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 0; overflow-wrap: anywhere; }
h3 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
a { color: var(--info); }
a:focus-visible, mark:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; }
.muted { color: var(--muted); }
.summary table, .rules { border-collapse: collapse; width: 100%; }
.summary th, .summary td, .rules th, .rules td { text-align: left; padding: .35rem .5rem;
  border-bottom: 1px solid var(--line); vertical-align: top; }
.num { text-align: right !important; font-variant-numeric: tabular-nums; }
section.note { border-top: 2px solid var(--line); margin-top: 2rem; padding-top: 1rem; }
.head { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; }
.gauge { flex: none; }
.grade { font-weight: 700; }
.grade.good { color: var(--good); } .grade.fair { color: var(--fair); } .grade.poor { color: var(--poor); }
.engines { font-size: .85rem; overflow-wrap: anywhere; }
.body { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; }
@media (max-width: 800px) { .body { grid-template-columns: minmax(0, 1fr); } }
.text { white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; margin: 0; padding: 1rem;
  border: 1px solid var(--line); border-radius: 6px; background: #fafafa;
  font: 15px/1.7 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
mark { color: var(--ink); border-bottom: 2px solid; padding: 1px 0; }
mark.error { background: #fde2e1; border-color: var(--error); }
mark.warning { background: #fff1c2; border-color: var(--warning); }
mark.info { background: #dcecfb; border-color: var(--info); }
mark mark { border-bottom-style: double; border-bottom-width: 4px; }
.ref { font: 700 .7rem/1 system-ui, sans-serif; vertical-align: super; text-decoration: none;
  padding: 0 .15em; border-radius: 3px; background: #fff; }
.ref.marker { vertical-align: baseline; border: 1px dashed; padding: 0 .25em; }
.error .sev, .ref.error { color: var(--error); } .warning .sev, .ref.warning { color: var(--warning); }
.info .sev, .ref.info { color: var(--info); }
.ctl { color: var(--error); background: #fff; border: 1px solid var(--error); border-radius: 2px; }
.findings { list-style: none; margin: 0; padding: 0; }
.findings > li { border-left: 4px solid; padding: .4rem .6rem; margin-bottom: .6rem; background: #fafafa; }
.findings > li.error { border-color: var(--error); } .findings > li.warning { border-color: var(--warning); }
.findings > li.info { border-color: var(--info); }
.findings > li:target { background: #eef3fb; }
.sev { font-weight: 700; text-transform: uppercase; font-size: .8rem; letter-spacing: .03em; }
.rule { font-weight: 700; }
.msg { white-space: pre-line; margin: .2rem 0; }
.quote { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.sugs { margin: .2rem 0 0; padding-left: 1.2rem; }
.status.pass { color: var(--good); } .status.fail { color: var(--poor); } .status.skipped { color: var(--muted); }
.lost { color: var(--poor); font-weight: 700; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
"""


def render(reports, **_options) -> str:
    title = f"thanklint report: {reports[0].path}" if len(reports) == 1 else f"thanklint report: {len(reports)} notes"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        # no scripts, no fetches: nothing a note holds can run, and the page needs no network
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="thanklint {__version__}">',
        f"<title>{_t(title)}</title><style>{_CSS}</style></head><body><main>",
        # one note: its name heads its own section
        f"<h1>{'thanklint report' if len(reports) == 1 else _t(title)}</h1>",
    ]
    if len(reports) > 1:
        parts.append(_summary(reports))
    parts += [_report(i, r) for i, r in enumerate(reports)]
    parts.append("</main></body></html>\n")
    return "\n".join(parts).encode("ascii", "xmlcharrefreplace").decode("ascii")


def _t(text: str) -> str:
    """Text from a note, a finding or the file system, made safe to place in HTML."""
    return html.escape("\n".join(visible(line) for line in str(text).split("\n")))


def _note_text(text: str) -> str:
    """A stretch of the note: escaped, with its control characters shown as marked escapes."""
    out, last = [], 0
    for m in _CONTROL.finditer(text):
        out.append(html.escape(text[last : m.start()]))
        out.append(f'<span class="ctl">{html.escape(visible(m.group()))}</span>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _summary(reports) -> str:
    mean = sum(r.score.points for r in reports) / len(reports)
    rows = []
    for i, r in enumerate(reports):
        counts = {s: sum(f.severity is s for f in r.findings) for s in Severity}
        rows.append(
            f'<tr><td><a href="#note-{i}">{_t(r.path)}</a></td><td class="num">{r.score.points}</td>'
            f'<td class="grade {_GRADES.get(r.score.grade, "poor")}">{_t(r.score.grade)}</td>'
            + "".join(f'<td class="num">{counts[s]}</td>' for s in Severity)
            + "</tr>"
        )
    return (
        '<section class="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        f'<p class="muted">{len(reports)} notes, mean score {mean:.0f}</p>'
        '<table><thead><tr><th scope="col">Note</th><th scope="col" class="num">Score</th>'
        '<th scope="col">Grade</th><th scope="col" class="num">Errors</th>'
        '<th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _report(i: int, report) -> str:
    findings = report.findings
    sc = report.score
    engines = ", ".join(f"{k}: {v}" for k, v in report.engines.items())
    notices = "".join(f'<p class="warning"><span class="sev">notice</span> {_t(n)}</p>' for n in report.notices)
    listing = "".join(_entry(i, k, f, report.text) for k, f in enumerate(findings, 1))
    if not findings:
        listing = '<li class="muted">No findings.</li>'
    return (
        f'<section class="note" id="note-{i}" aria-labelledby="note-{i}-h">'
        f'<div class="head">{_gauge(sc.points, sc.grade)}<div><h2 id="note-{i}-h">{_t(report.path)}</h2>'
        f'<p><span class="grade {_GRADES.get(sc.grade, "poor")}">{_t(sc.grade)}</span> '
        f'<span class="muted">{sc.points}/100, {len(findings)} finding{"" if len(findings) == 1 else "s"}</span></p>'
        f'<p class="engines muted">{_t(engines)}</p></div></div>{notices}'
        f'<div class="body"><div><h3>The note</h3><pre class="text">{_highlight(i, report.text, findings)}</pre></div>'
        f'<div><h3 id="note-{i}-fh">Findings</h3><ol class="findings" aria-labelledby="note-{i}-fh">{listing}</ol></div></div>'
        f"<h3>Rules</h3>{_rules(report)}</section>"
    )


def _gauge(points: int, grade: str) -> str:
    r = 42
    circumference = 2 * math.pi * r
    arc = circumference * max(0, min(100, points)) / 100
    colour = f"var(--{_GRADES.get(grade, 'poor')})"
    return (
        f'<svg class="gauge" width="104" height="104" viewBox="0 0 104 104" role="img" '
        f'aria-label="Score {points} of 100: {_t(grade)}">'
        f'<circle cx="52" cy="52" r="{r}" fill="none" stroke="#e3e3e3" stroke-width="12"/>'
        f'<circle cx="52" cy="52" r="{r}" fill="none" stroke="{colour}" stroke-width="12" '
        f'stroke-dasharray="{arc:.2f} {circumference:.2f}" transform="rotate(-90 52 52)"/>'
        f'<text x="52" y="58" text-anchor="middle" font-size="26" font-weight="700" fill="#1f1f1f">{points}</text>'
        f'<text x="52" y="76" text-anchor="middle" font-size="11" fill="#4d4d4d">/ 100</text></svg>'
    )


def _highlight(i: int, text: str, findings) -> str:
    """The note with each finding's span in <mark>s. Spans that nest become nested
    marks; a span that crosses the end of an open one is split into pieces, all with
    the same data-finding, so each finding's pieces together hold exactly its text.
    After a span ends comes a small numbered link to its entry in the side list; a
    zero-length finding (where a missing sentence belongs) is that link alone."""
    n = len(text)
    spans = []  # (start, end, number, finding)
    for k, f in enumerate(findings, 1):
        start = max(0, min(n, f.span.offset))
        spans.append((start, max(start, min(n, f.span.offset + f.span.length)), k, f))
    bounds = sorted({0, n, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    out: list[str] = []
    stack: list[tuple] = []  # the open marks, outermost first
    for pos, nxt in zip(bounds, [*bounds[1:], None]):
        # close what ends here: a mark still open inside one that ends is closed and reopened
        ending = [s for s in stack if s[1] == pos]
        if ending:
            depth = min(stack.index(s) for s in ending)
            reopen = [s for s in stack[depth:] if s[1] != pos]
            out.append("</mark>" * (len(stack) - depth))
            del stack[depth:]
            out += [_ref(i, s) for s in sorted(ending, key=lambda s: s[2])]
            for s in reopen:
                out.append(_open(s))
                stack.append(s)
        for s in sorted((s for s in spans if s[0] == pos == s[1]), key=lambda s: s[2]):
            out.append(_ref(i, s))
        # open what starts here, longest first so shorter spans nest inside it
        for s in sorted((s for s in spans if s[0] == pos < s[1]), key=lambda s: (-s[1], s[2])):
            out.append(_open(s))
            stack.append(s)
        if nxt is not None:
            out.append(_note_text(text[pos:nxt]))
    return "".join(out)


def _open(span) -> str:
    _, _, k, f = span
    sev = f.severity.value
    hover = f"{sev} {f.rule}: {f.message}" + "".join(f"\n{s.title(200)}" for s in f.suggestions[:3])
    return f'<mark class="{sev}" data-finding="{k}" title="{_t(hover)}">'


def _ref(i: int, span) -> str:
    start, end, k, f = span
    sev = f.severity.value
    where = "add here" if start == end else "end of"
    return (
        f'<a class="ref {sev}{" marker" if start == end else ""}" id="note-{i}-r{k}" href="#note-{i}-f{k}" '
        f'aria-describedby="note-{i}-m{k}"><span class="sr">{where} finding </span>'
        f'{"+" if start == end else ""}{k}<span class="sr">, {sev}, {_t(f.rule)}</span></a>'
    )


def _entry(i: int, k: int, f, text: str) -> str:
    s = f.span
    flagged = text[s.offset : s.offset + s.length]
    if len(flagged) > _EXCERPT:
        flagged = flagged[: _EXCERPT - 1] + "\u2026"
    quote = f'<div class="quote">\u201c{_t(flagged)}\u201d</div>' if flagged else ""
    sugs = "".join(f"<li>{_t(sug.title(200))}</li>" for sug in f.suggestions[:5])
    return (
        f'<li id="note-{i}-f{k}" class="{f.severity.value}"><div><a href="#note-{i}-r{k}">{k}.</a> '
        f'<span class="sev">{f.severity.value}</span> <span class="rule">{_t(f.rule)}</span> '
        f'<span class="muted">line {s.line}, column {s.column}</span></div>{quote}'
        f'<p class="msg" id="note-{i}-m{k}">{_t(f.message)}</p>'
        + (f'<ul class="sugs" aria-label="suggestions">{sugs}</ul>' if sugs else "")
        + "</li>"
    )


def _rules(report) -> str:
    rows = []
    for res in report.results:
        mark, word = _STATUS[res.status]
        lost = report.lost(res.rule)
        rows.append(
            f'<tr><td class="status {word}"><span aria-hidden="true">{mark}</span> {word}</td>'
            f"<td>{_t(report.rule(res.rule).name)} <span class=\"muted\">({_t(res.rule)})</span>"
            + (f'<br><span class="muted">{_t(res.detail)}</span>' if res.detail else "")
            + f'</td><td class="num{" lost" if lost else ""}">{_MINUS + shown_points(lost) if lost else "0"}</td></tr>'
        )
    deductions = "".join(f'<li><span class="lost">{_MINUS}{shown_points(d.points)}</span> {_t(d.rule)}: {_t(d.reason)}</li>'
                         for d in report.score.deductions)  # fmt: skip
    return (
        '<table class="rules"><thead><tr><th scope="col">Status</th><th scope="col">Rule</th>'
        f'<th scope="col" class="num">Points lost</th></tr></thead><tbody>{"".join(rows)}</tbody></table>'
        + (f"<h3>Points lost: {100 - report.score.points}</h3><ul>{deductions}</ul>" if deductions else "")
    )
