"""The terminal report, drawn with rich: the score with a bar and the grade, a line
per rule, each finding with line:column, the note's line with the span underlined,
and the suggestion. Without a terminal (or with NO_COLOR) it is plain text; the
underline is drawn with carets, so it reads the same without colour."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from thanklint.model import Finding, Severity, Status

_SEV_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_GRADE_STYLE = {0: "bold green", 1: "bold yellow", 2: "bold red"}
_MARK = {Status.PASS: ("✓", "green"), Status.FAIL: ("✗", "red"), Status.SKIP: ("–", "dim")}
BAR = 20


def render(reports, *, width: int | None = None, color: bool | None = None, **_options) -> str:
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
    for i, report in enumerate(reports):
        if i:
            console.print()
        _report(console, report)
    if len(reports) > 1:
        console.print()
        _summary(console, reports)
    # Padding fills lines to the width; trailing blanks only get in the way of copy and diff.
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))


def _report(console: Console, report) -> None:
    sc = report.score
    grades = [g for g in ("Ready to send", "Almost there", "Needs work")]
    style = _GRADE_STYLE.get(grades.index(sc.grade) if sc.grade in grades else 2, "bold")
    filled = round(BAR * sc.points / 100)
    head = Text()
    head.append(report.path, style="bold")
    head.append(f"  {sc.points}/100  ")
    head.append("█" * filled, style=style)
    head.append("░" * (BAR - filled), style="dim")
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
        line.append(mark, style=mstyle)
        line.append(f" {res.rule:<16}")
        line.append(f"{('−' + _pts(lost)) if lost else '':>5}  ", style="red" if lost else "")
        line.append(info.name)
        if res.detail:
            line.append(f"  ({res.detail})", style="dim")
        console.print(line, overflow="ellipsis", no_wrap=True)
    for notice in report.notices:
        console.print(Text(f"  notice: {notice}", style="yellow"))
    lines = report.text.split("\n")
    for f in report.findings:
        console.print()
        _finding(console, f, lines)
    if report.score.deductions:
        console.print()
        console.print(Text(f"  Points lost: {100 - sc.points}", style="bold"))
        table = Table.grid(padding=(0, 1))
        table.add_column(justify="right", style="red")
        table.add_column()
        for d in report.score.deductions:
            table.add_row(f"−{_pts(d.points)}", Text(f"{d.rule}: {d.reason}"))
        console.print(Padding(table, (0, 0, 0, 3)))


def _finding(console: Console, f: Finding, lines: list[str]) -> None:
    s = f.span
    head = Text("  ")
    head.append(f"{s.line}:{s.column}", style="bold")
    head.append(" ")
    head.append(f.severity.value, style=_SEV_STYLE[f.severity])
    head.append(f" {f.rule}", style="bold")
    console.print(head)
    console.print(Padding(Text(f.message), (0, 0, 0, 4)))
    src = lines[s.line - 1] if 0 < s.line <= len(lines) else ""
    gutter = f"{s.line:>5} │ "
    console.print(Text(gutter, style="dim") + Text(src.rstrip().expandtabs(4)), overflow="ellipsis", no_wrap=True)
    end_col = s.end_column if s.end_line == s.line else len(src.rstrip()) + 1
    start = cell_len(src[: s.column - 1].expandtabs(4))
    width = max(1, cell_len(src[s.column - 1 : end_col - 1].expandtabs(4)))
    under = Text(" " * len(gutter[:-2]), style="dim") + Text("│ ", style="dim")
    under.append(" " * start + "^" * width, style=_SEV_STYLE[f.severity])
    console.print(under, overflow="ellipsis", no_wrap=True)
    for sug in f.suggestions[:3]:
        console.print(Padding(Text("suggestion: ", style="dim") + Text(sug.title(200), style="green"), (0, 0, 0, 8)))


def _summary(console: Console, reports) -> None:
    mean = sum(r.score.points for r in reports) / len(reports)
    worst = sorted(reports, key=lambda r: r.score.points)[:3]
    console.print(Text(f"{len(reports)} notes, mean score {mean:.0f}", style="bold"))
    for r in worst:
        console.print(Text(f"  {r.score.points:>3}  {r.path}"))
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
