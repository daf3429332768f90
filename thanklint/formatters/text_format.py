"""The terminal report, drawn with rich: the score with a bar and the grade, a line
per rule, each finding with line:column, the note's line with the span underlined,
and the suggestion. Without a terminal (or with NO_COLOR) it is plain text; the
underline is drawn with carets, so it reads the same without colour. Whatever came
from the note, a rule pack or the file system is shown through `visible`: control
characters escaped, and, for an output `encoding` that lacks a character, that
character in ASCII or escaped — before widths are measured, so carets stay aligned."""

from __future__ import annotations

import io
from functools import partial

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from thanklint.formatters._escape import visible
from thanklint.model import Finding, Severity, Status, shown_points

_SEV_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_GRADE_STYLE = {0: "bold green", 1: "bold yellow", 2: "bold red"}
_MARK = {Status.PASS: ("✓", "green"), Status.FAIL: ("✗", "red"), Status.SKIP: ("–", "dim")}
BAR = 20


def render(reports, *, width: int | None = None, color: bool | None = None, encoding: str | None = None,
           **_options) -> str:  # fmt: skip
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width or 100,
        force_terminal=bool(color),
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    show = partial(visible, encoding=encoding)
    for i, report in enumerate(reports):
        if i:
            console.print()
        _report(console, report, show)
    if len(reports) > 1:
        console.print()
        _summary(console, reports, show)
    # Padding fills lines to the width; trailing blanks only get in the way of copy and diff.
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def _report(console: Console, report, show) -> None:
    sc = report.score
    style = _grade_style(sc.grade)
    filled = round(BAR * sc.points / 100)
    head = Text()
    head.append(show(report.path), style="bold")
    head.append(f"  {sc.points}/100  ")
    head.append(show("█") * filled, style=style)
    head.append(show("░") * (BAR - filled), style="dim")
    head.append("  ")
    head.append(sc.grade, style=style)
    console.print(head)
    engines = ", ".join(f"{k}: {v}" for k, v in report.engines.items())
    console.print(Padding(Text(engines, style="dim"), (0, 0, 0, 2)))
    console.print()
    rows = Table.grid(padding=(0, 1))
    rows.add_column(no_wrap=True)  # mark
    rows.add_column(no_wrap=True, min_width=16)  # rule id
    rows.add_column(no_wrap=True, justify="right", min_width=5)  # points lost
    rows.add_column(ratio=1)  # name and detail: wrapped, never cut
    for res in report.results:
        mark, mstyle = _MARK[res.status]
        lost = report.lost(res.rule)
        about = Text(show(report.rule(res.rule).name))
        if res.detail:
            about.append(f"  ({show(res.detail)})", style="dim")
        rows.add_row(Text(show(mark), style=mstyle), Text(res.rule),
                     Text(show("−") + shown_points(lost) if lost else "", style="red"), about)  # fmt: skip
    console.print(Padding(rows, (0, 0, 0, 2)))
    for notice in report.notices:
        console.print(Padding(Text(f"notice: {show(notice)}", style="yellow"), (0, 0, 0, 2)))
    lines = report.text.split("\n")
    for f in report.findings:
        console.print()
        _finding(console, f, lines, show)
    if report.score.deductions:
        console.print()
        console.print(Text(f"  Points lost: {100 - sc.points}", style="bold"))
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", style="red")
        table.add_column()
        for d in report.score.deductions:
            table.add_row(Text(f"{show('−')}{shown_points(d.points)}"), Text(f"{d.rule}: {show(d.reason)}"))
        console.print(Padding(table, (0, 0, 0, 3)))
    console.print()
    console.print(_footer(report, show), no_wrap=True, overflow="ellipsis")


def _finding(console: Console, f: Finding, lines: list[str], show) -> None:
    s = f.span
    head = Text("  ")
    head.append(f"{s.line}:{s.column}", style="bold")
    head.append(" ")
    head.append(f.severity.value, style=_SEV_STYLE[f.severity])
    head.append(f" {f.rule}", style="bold")
    console.print(head)
    console.print(Padding(Text("\n".join(map(show, f.message.split("\n")))), (0, 0, 0, 4)))
    if f.place:  # a sentence to add: say where, rather than underline the text it goes beside
        where = _PLACE.get(f.place, "add it here").format(line=s.line)
        console.print(Padding(Text(where, style=_SEV_STYLE[f.severity]), (0, 0, 0, 4)))
    else:
        _source(console, f, lines, show)
    for sug in f.suggestions[:3]:
        console.print(Padding(Text("suggestion: ", style="dim") + Text(show(sug.title(200)), style="green"),
                              (0, 0, 0, 8)))  # fmt: skip


# Where a missing element's sentence goes (Finding.place), said in words.
_PLACE = {
    "first-paragraph": "where: at the start of the first paragraph (line {line})",
    "last-paragraph": "where: at the end of the last paragraph (line {line})",
    "before-signoff": "where: after the last body paragraph (line {line}), before the sign-off",
    "top": "where: at the top, before line {line}",
}


def _source(console: Console, f: Finding, lines: list[str], show) -> None:
    """The finding's line with its span underlined; a line too long for the terminal
    is shown as a window around the span, elided with "…" at either end."""
    s = f.span
    src = (lines[s.line - 1] if 0 < s.line <= len(lines) else "").rstrip()
    end_col = s.end_column if s.end_line == s.line else len(src) + 1
    # one shown piece per character (tabs expanded first, so columns match the shown line):
    # escapes stay whole and a window never cuts inside one
    expanded = src.expandtabs(4)
    pieces = [show(c) for c in expanded]
    start = len(src[: s.column - 1].expandtabs(4))
    end = max(start + 1, len(src[: end_col - 1].expandtabs(4)))
    gutter = f"{s.line:>5} {show('│')} "
    lo, hi = _window([cell_len(p) for p in pieces], start, end, console.width - cell_len(gutter), cell_len(show("…")))
    left = show("…") if lo > 0 else ""
    right = show("…") if hi < len(pieces) else ""
    shown = left + "".join(pieces[lo:hi]) + right
    before = cell_len(left + "".join(pieces[lo:start]))
    carets = max(1, cell_len("".join(pieces[start:min(end, hi)])))
    console.print(Text(gutter, style="dim") + Text(shown), overflow="crop", no_wrap=True)
    under = Text(" " * (len(gutter) - 2) + gutter[-2:], style="dim")
    under.append(" " * before + "^" * carets, style=_SEV_STYLE[f.severity])
    console.print(under, overflow="crop", no_wrap=True)


def _window(widths: list[int], start: int, end: int, room: int, ell: int) -> tuple[int, int]:
    """The pieces [lo, hi) to show in `room` cells so that pieces start..end (the span)
    are in view: the whole line if it fits, else its start if the span fits there,
    else the span with context on both sides; a span wider than the room shows its start."""
    room = max(room, 2 * ell + 1)
    total = sum(widths)
    if total <= room:
        return 0, len(widths)

    def fill(lo: int, hi: int, budget: int) -> int:  # widest hi ≥ hi such that lo..hi fits budget
        used = sum(widths[lo:hi])
        while hi < len(widths) and used + widths[hi] <= budget:
            used += widths[hi]
            hi += 1
        return hi

    if sum(widths[:end]) <= room - ell:  # the span is near the start: cut only the right end
        return 0, fill(0, 0, room - ell)
    inner = room - 2 * ell
    end = max(start + 1, min(end, fill(start, start, inner)))  # a span wider than the room: its start
    left = (inner - sum(widths[start:end])) * 2 // 3  # two thirds of the spare cells go before the span
    lo = start
    while lo > 0 and widths[lo - 1] <= left:
        lo -= 1
        left -= widths[lo]
    hi = fill(lo, end, inner)
    if hi == len(widths):  # the line's end is in view: no right "…", use its room for more before
        lo_budget = room - ell - sum(widths[lo:hi])
        while lo > 0 and widths[lo - 1] <= lo_budget:
            lo -= 1
            lo_budget -= widths[lo]
    return lo, hi


def _summary(console: Console, reports, show) -> None:
    mean = sum(r.score.points for r in reports) / len(reports)
    worst = sorted(reports, key=lambda r: r.score.points)[:3]
    console.print(Text(f"{len(reports)} notes, mean score {mean:.0f}", style="bold"))
    for r in worst:
        console.print(Text(f"  {r.score.points:>3}  {show(r.path)}"))
    failed: dict[str, int] = {}
    for r in reports:
        for res in r.results:
            if res.status is Status.FAIL:
                failed[res.rule] = failed.get(res.rule, 0) + 1
    if failed:  # which rules a folder of templates most often misses
        counts = ", ".join(f"{rule} {n}" for rule, n in sorted(failed.items(), key=lambda kv: (-kv[1], kv[0])))
        console.print(Text(f"Rules failed: {counts}"))
    ready = sum(r.score.grade == "Ready to send" for r in reports)
    last = Text(f"mean {mean:.0f}/100", style="bold") + Text(" · ") + _counts([f for r in reports for f in r.findings])
    console.print(last + Text(f" · {len(reports)} notes, {ready} ready to send"), no_wrap=True, overflow="ellipsis")


def _footer(report, show) -> Text:
    """The report's last line, in view when the top has scrolled away: score, grade and
    counts first (they fit in 60 columns), then the note's name, cut if it must be."""
    sc = report.score
    line = Text(f"{sc.points}/100 {sc.grade}", style=_grade_style(sc.grade))
    return line + Text(" · ") + _counts(report.findings) + Text(f" · {show(report.path)}")


def _counts(findings) -> Text:
    n = {sev: sum(f.severity is sev for f in findings) for sev in Severity}
    out = Text()
    for i, (sev, word) in enumerate(((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info"))):
        out.append(", " if i else "")
        out.append(f"{n[sev]} {word}{'s' if n[sev] != 1 and sev is not Severity.INFO else ''}",
                   style=_SEV_STYLE[sev] if n[sev] else "")  # fmt: skip
    return out


def _grade_style(grade: str) -> str:
    grades = ("Ready to send", "Almost there", "Needs work")
    return _GRADE_STYLE[grades.index(grade) if grade in grades else 2]
