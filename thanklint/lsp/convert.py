"""Library values → LSP values: Finding → Diagnostic, spans → ranges in the client's
position encoding, suggestions → code actions, rule docs → hover text, the score →
a code lens title. Pure functions over lsprotocol types.

Spans count code points (1-based line and column); LSP counts UTF-16 code units by
default, or UTF-8 bytes / code points when the client and server agree on that at
initialize. A note with an emoji before a finding shifts every UTF-16 column after it
by one, which is why every range goes through `position()`.
"""

from __future__ import annotations

from lsprotocol import types as t

from thanklint.model import Finding, Severity, Span, shown_points

SOURCE = "thanklint"
ADD_WORD = "thanklint.addWord"
EXPLAIN_SCORE = "thanklint.explainScore"

SEVERITY = {
    Severity.ERROR: t.DiagnosticSeverity.Error,
    Severity.WARNING: t.DiagnosticSeverity.Warning,
    Severity.INFO: t.DiagnosticSeverity.Information,
}


# -- positions -------------------------------------------------------------------------
def units(s: str, encoding: str) -> int:
    """The length of `s` in the client's code units."""
    if encoding == t.PositionEncodingKind.Utf8:
        return len(s.encode("utf-8", "surrogatepass"))
    if encoding == t.PositionEncodingKind.Utf32:
        return len(s)
    return len(s.encode("utf-16-le", "surrogatepass")) // 2


class Lines:
    """A checked text split into lines (`\\n`; CR was normalised to a space or `\\n` in
    place, so code-point columns are those of the client's lines)."""

    def __init__(self, text: str, encoding: str = t.PositionEncodingKind.Utf16) -> None:
        self.lines = text.replace("\r\n", " \n").replace("\r", "\n").split("\n")
        self.encoding = encoding

    def position(self, line: int, column: int) -> t.Position:
        """1-based code-point line/column → LSP position."""
        i = min(max(line - 1, 0), len(self.lines) - 1)
        text = self.lines[i]
        col = min(max(column - 1, 0), len(text))
        return t.Position(line=i, character=units(text[:col], self.encoding))

    def range(self, span: Span) -> t.Range:
        return t.Range(self.position(span.line, span.column), self.position(span.end_line, span.end_column))

    def offset(self, pos: t.Position) -> int:
        """LSP position → code-point offset in the text."""
        i = min(max(pos.line, 0), len(self.lines) - 1)
        start = sum(len(ln) + 1 for ln in self.lines[:i])
        text, n, col = self.lines[i], 0, 0
        while col < len(text) and n < pos.character:
            n += units(text[col], self.encoding)
            col += 1
        return start + col

    def line_of(self, offset: int) -> int:
        """0-based line of a code-point offset."""
        pos = 0
        for i, ln in enumerate(self.lines):
            if offset <= pos + len(ln):
                return i
            pos += len(ln) + 1
        return len(self.lines) - 1


def overlaps(a: t.Range, b: t.Range) -> bool:
    key = lambda p: (p.line, p.character)  # noqa: E731
    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


# -- diagnostics -----------------------------------------------------------------------
def suggestion_text(f: Finding) -> str:
    if not f.suggestions:
        return ""
    s = f.suggestions[0]
    if s.kind == "insert":
        return f"Suggestion: add “{s.text.strip()}”"
    return f"Suggestion: replace with “{s.text}”" if s.text else "Suggestion: remove it"


def diagnostic(f: Finding, lines: Lines) -> t.Diagnostic:
    sug = suggestion_text(f)
    return t.Diagnostic(
        range=lines.range(f.span),
        message=f.message + (f"\n{sug}" if sug else ""),
        severity=SEVERITY[f.severity],
        code=f.rule,
        source=SOURCE,
        data={"rule": f.rule, "offset": f.span.offset, "length": f.span.length},
    )


def score_title(report) -> str:
    sc = report.score
    n = sum(1 for f in report.findings if f.severity is not Severity.INFO)
    todo = f"{n} to fix" if n else "nothing to fix"
    return f"Score {sc.points}/100 · {sc.grade} · {todo}"


def _top(lines: Lines) -> t.Range:
    return t.Range(t.Position(0, 0), t.Position(0, 0))


def score_diagnostic(report, lines: Lines) -> t.Diagnostic:
    """The score as an information diagnostic on the first line, over its line break
    only, so it covers no text: a zero-width range will not do, as eglot widens one to
    the whole line ("Hi Dana,"). A note of one line gets the zero-width range at 0:0."""
    where = _top(lines)
    if len(lines.lines) > 1:
        where = t.Range(t.Position(0, units(lines.lines[0], lines.encoding)), t.Position(1, 0))
    return t.Diagnostic(range=where, message=score_title(report), severity=t.DiagnosticSeverity.Information,
                        code="score", source=SOURCE)  # fmt: skip


def score_lens(report, lines: Lines, uri: str) -> t.CodeLens:
    command = t.Command(title=score_title(report), command=EXPLAIN_SCORE, arguments=[uri])
    return t.CodeLens(range=_top(lines), command=command)


def score_explanation(report) -> str:
    sc = report.score
    head = f"{sc.points}/100 · {sc.grade}"
    lost = [f"−{shown_points(d.points)} {d.rule}: {d.reason}" for d in sc.deductions]
    return head + ("\n" + "\n".join(lost) if lost else " · no points lost")


def problem_diagnostic(message: str, kind: str) -> t.Diagnostic:
    """A note that could not be checked (binary, huge, broken config): said on line 1."""
    sev = t.DiagnosticSeverity.Error if kind in ("config", "internal") else t.DiagnosticSeverity.Warning
    return t.Diagnostic(range=t.Range(t.Position(0, 0), t.Position(0, 0)), message=f"thanklint: {message}",
                        severity=sev, code=kind or "problem", source=SOURCE)  # fmt: skip


def notice_diagnostic(notice: str, lines: Lines) -> t.Diagnostic:
    """A problem with a control line ("line 3: unknown rule 'x' ...")."""
    line = 1
    if notice.startswith("line "):
        head = notice[5:].split(":", 1)[0]
        line = int(head) if head.isdigit() else 1
    i = min(line - 1, len(lines.lines) - 1)
    end = t.Position(i, units(lines.lines[i], lines.encoding))
    return t.Diagnostic(range=t.Range(t.Position(i, 0), end), message=notice,
                        severity=t.DiagnosticSeverity.Information, code="control-line", source=SOURCE)  # fmt: skip


# -- code actions ----------------------------------------------------------------------
def _edit(uri: str, version: int | None, edits: list[t.TextEdit], versioned: bool) -> t.WorkspaceEdit:
    if versioned:
        doc = t.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return t.WorkspaceEdit(document_changes=[t.TextDocumentEdit(text_document=doc, edits=edits)])
    return t.WorkspaceEdit(changes={uri: edits})


def fix_actions(f: Finding, diag: t.Diagnostic, lines: Lines, uri: str, version: int | None,
                versioned: bool) -> list[t.CodeAction]:  # fmt: skip
    """One action per suggestion: a replacement, or a sentence to insert."""
    out = []
    for i, s in enumerate(f.suggestions[:5]):
        edit = t.TextEdit(range=lines.range(s.span), new_text=s.text)
        out.append(t.CodeAction(title=s.title(60), kind=t.CodeActionKind.QuickFix, diagnostics=[diag],
                                is_preferred=(i == 0 and s.safe), edit=_edit(uri, version, [edit], versioned)))  # fmt: skip
    return out


def add_word_action(word: str, diag: t.Diagnostic, uri: str) -> t.CodeAction:
    title = f"Add “{word}” to the vocabulary"
    command = t.Command(title=title, command=ADD_WORD, arguments=[word, uri])
    return t.CodeAction(title=title, kind=t.CodeActionKind.QuickFix, diagnostics=[diag], command=command)


def control_line(rule: str, markdown: bool) -> str:
    return f"<!-- thanklint-disable {rule} -->" if markdown else f"thanklint: disable={rule}"


def disable_action(rule: str, note, lines: Lines, diag: t.Diagnostic, uri: str, version: int | None,
                   versioned: bool, markdown: bool) -> t.CodeAction:  # fmt: skip
    """Insert a control line at the top of the note (after front matter and e-mail
    headers), which switches `rule` off for this note."""
    start = note.content_start
    if start >= len(note.text) and note.text and not note.text.endswith("\n"):
        at, text = lines.position(len(lines.lines), len(lines.lines[-1]) + 1), "\n" + control_line(rule, markdown)
    else:
        i = lines.line_of(start)
        at, text = t.Position(i, 0), control_line(rule, markdown) + "\n"
    edit = t.TextEdit(range=t.Range(at, at), new_text=text)
    return t.CodeAction(title=f"Disable “{rule}” for this note", kind=t.CodeActionKind.QuickFix, diagnostics=[diag],
                        edit=_edit(uri, version, [edit], versioned))  # fmt: skip


# -- hover -----------------------------------------------------------------------------
def hover_markdown(f: Finding, rule) -> str:
    from thanklint import docgen

    parts = [f"**{f.rule}** · {f.severity.value}" + (f" — {rule.spec.name}" if rule else ""), f.message]
    sug = suggestion_text(f)
    if sug:
        parts.append(sug)
    if rule is not None:
        parts.append(f"**Why it matters.** {docgen.why(rule).strip()}")
        if rule.spec.good:
            parts.append("**Better:**\n\n```text\n" + rule.spec.good[0].text.rstrip("\n") + "\n```")
    return "\n\n".join(parts)
