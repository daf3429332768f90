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
from thanklint.model import Finding, Severity, Status

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
    grades = [g for g in ("Ready to send", "Almost there", "Needs work")]
    style = _GRADE_STYLE.get(grades.index(sc.grade) if sc.grade in grades else 2, "bold")
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
    console.print(Text(f"  {engines}", style="dim"))
    console.print()
    for res in report.results:
        mark, mstyle = _MARK[res.status]
        info = report.rule(res.rule)
        lost = report.lost(res.rule)
        line = Text("  ")
        line.append(show(mark), style=mstyle)
        line.append(f" {res.rule:<16}")
        line.append(f"{(show('−') + _pts(lost)) if lost else '':>5}  ", style="red" if lost else "")
        line.append(show(info.name))
        if res.detail:
            line.append(f"  ({show(res.detail)})", style="dim")
        console.print(line, overflow="ellipsis", no_wrap=True)
    for notice in report.notices:
        console.print(Text(f"  notice: {show(notice)}", style="yellow"))
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
            table.add_row(Text(f"{show('−')}{_pts(d.points)}"), Text(f"{d.rule}: {show(d.reason)}"))
        console.print(Padding(table, (0, 0, 0, 3)))


def _finding(console: Console, f: Finding, lines: list[str], show) -> None:
    s = f.span
    head = Text("  ")
    head.append(f"{s.line}:{s.column}", style="bold")
    head.append(" ")
    head.append(f.severity.value, style=_SEV_STYLE[f.severity])
    head.append(f" {f.rule}", style="bold")
    console.print(head)
    console.print(Padding(Text("\n".join(map(show, f.message.split("\n")))), (0, 0, 0, 4)))
    src = lines[s.line - 1] if 0 < s.line <= len(lines) else ""
    gutter = f"{s.line:>5} {show('│')} "
    console.print(Text(gutter, style="dim") + Text(show(src.rstrip().expandtabs(4))), overflow="ellipsis", no_wrap=True)
    end_col = s.end_column if s.end_line == s.line else len(src.rstrip()) + 1
    # measured on prefixes of the line as shown, so tabs and escapes shift line and carets alike
    start = cell_len(show(src[: s.column - 1].expandtabs(4)))
    width = max(1, cell_len(show(src[: end_col - 1].expandtabs(4))) - start)
    under = Text(" " * len(gutter[:-2]), style="dim") + Text(gutter[-2:], style="dim")
    under.append(" " * start + "^" * width, style=_SEV_STYLE[f.severity])
    console.print(under, overflow="ellipsis", no_wrap=True)
    for sug in f.suggestions[:3]:
        console.print(Padding(Text("suggestion: ", style="dim") + Text(show(sug.title(200)), style="green"),
                              (0, 0, 0, 8)))  # fmt: skip


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


def _pts(x: float) -> str:
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"
