"""Template mode: a note template with variables ({{company}}, [Role], …) is
rendered with values (--var, else the config's samples, else a readable
stand-in) and linted as a note; every finding is then mapped back to the
template's own line and column.

Rendering keeps a piecewise map from the rendered text to the template: stretches
copied verbatim map offset for offset, and a substituted value maps to its
placeholder's span as a whole (a finding inside "Northwind" points at
"{{company}}"). A variable the config does not declare is left in place, so the
`placeholder` rule still catches it, and its message says what went wrong."""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, replace

from thanklint.model import Finding, Span, Status, Suggestion
from thanklint.note import normalise_newlines

# Without a sample, a variable named like a context key gets a plausible value so
# the greeting, sign-off and consistency rules see a real name; any other variable
# reads as its own name ("team_name" → "Team Name").
STAND_INS = {"company": "Contoso", "interviewer": "Alex Morgan", "role": "analyst", "sender": "Sam Lee"}
CONTEXT_KEYS = ("company", "interviewer", "role", "sender")


@dataclass(frozen=True)
class Slot:
    start: int
    end: int
    name: str  # normalised ("company_name")
    text: str  # as written ("{{ Company Name }}")


@dataclass(frozen=True)
class Piece:
    """rendered[r_start:r_end] came from template[t_start:t_end]; `whole`: a substituted value."""

    r_start: int
    r_end: int
    t_start: int
    t_end: int
    whole: bool


@dataclass(frozen=True)
class Rendered:
    template: str
    text: str
    pieces: tuple[Piece, ...]
    unknown: tuple[Slot, ...]  # placeholders with an undeclared name, left as written
    values: dict  # name -> the value used

    def to_template(self, offset: int, *, end: bool = False) -> int:
        """A rendered offset → the template offset. Inside a value, the start of its
        placeholder (the end, for the end of a span)."""
        starts = [p.r_start for p in self.pieces]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        if end and offset > 0:  # an end offset belongs to the piece holding the char before it
            i = max(0, bisect.bisect_right(starts, offset - 1) - 1)
        p = self.pieces[i]
        if p.whole:
            return p.t_end if end else p.t_start
        return min(p.t_start + (offset - p.r_start), p.t_end)

    def to_rendered(self, offset: int) -> int:
        """A template offset outside any substituted placeholder → the rendered offset."""
        for p in self.pieces:
            if p.t_start <= offset < p.t_end or (offset == p.t_end and not p.whole):
                return p.r_start + (offset - p.t_start) if not p.whole else p.r_start
        return len(self.text)


def slots(text: str, syntaxes: tuple[str, ...]) -> list[Slot]:
    from thanklint.config import _name
    from thanklint.errors import ConfigError
    from thanklint.kinds import _regex  # user patterns: with a time budget

    found: list[Slot] = []
    for pat in syntaxes:
        try:
            found_here = _regex.matches(pat, text)
        except _regex.TooSlow:
            raise ConfigError(f"template.syntaxes: {pat!r} ran over {_regex.BUDGET:g} s on a note; "
                              "rewrite it without nested repetition") from None
        for m in found_here:
            if any(s.start < m.end() and m.start() < s.end for s in found):
                continue
            found.append(Slot(m.start(), m.end(), _name(m.group(1)), m.group(0)))
    return sorted(found, key=lambda s: s.start)


def stand_in(name: str) -> str:
    return STAND_INS.get(name) or name.replace("_", " ").title()


def render(template: str, settings, overrides: dict | None = None) -> Rendered:
    """`settings`: the config's Template; `overrides`: --var values (win over samples)."""
    values = {**settings.samples, **(overrides or {})}
    declared = set(settings.variables) | set(overrides or {})
    out: list[str] = []
    pieces: list[Piece] = []
    unknown: list[Slot] = []
    used: dict = {}
    pos = r = 0
    for slot in slots(template, settings.syntaxes):
        if slot.name not in declared:
            unknown.append(slot)
            continue
        if slot.start > pos:
            out.append(template[pos : slot.start])
            pieces.append(Piece(r, r + slot.start - pos, pos, slot.start, False))
            r += slot.start - pos
        value = values.get(slot.name) or stand_in(slot.name)
        used[slot.name] = value
        out.append(value)
        pieces.append(Piece(r, r + len(value), slot.start, slot.end, True))
        r += len(value)
        pos = slot.end
    out.append(template[pos:])
    pieces.append(Piece(r, r + len(template) - pos, pos, len(template), False))
    return Rendered(template, "".join(out), tuple(pieces), tuple(unknown), used)


def context_values(rendered: Rendered) -> dict:
    """Rendered values for variables named like context keys: the note is then
    judged as if sent to that company and interviewer."""
    return {k: rendered.values[k] for k in CONTEXT_KEYS if k in rendered.values}


def map_report(report, rendered: Rendered, declared: tuple[str, ...]):
    """The Report of the rendered note → the same Report in template positions,
    with `report.text` the template's. An undeclared variable's placeholder finding
    says it is undeclared (and suggests the nearest declared name)."""
    text = normalise_newlines(rendered.template)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def span(s: Span) -> Span:
        a = rendered.to_template(s.offset)
        b = max(a, rendered.to_template(s.offset + s.length, end=True)) if s.length else a
        la, lb = bisect.bisect_right(starts, a) - 1, bisect.bisect_right(starts, b) - 1
        return Span(la + 1, a - starts[la] + 1, lb + 1, b - starts[lb] + 1, a, b - a)

    unknown = {(u.start, u.end): u for u in rendered.unknown}

    def finding(f: Finding) -> Finding:
        sp = span(f.span)
        sugg = tuple(replace(s, span=span(s.span)) for s in f.suggestions)
        slot = unknown.get((sp.offset, sp.offset + sp.length))
        if f.rule == "placeholder" and slot is not None:
            near = difflib.get_close_matches(slot.name, declared, n=1)
            hint = f"; did you mean “{near[0]}”?" if near else ""
            msg = _undeclared(slot, declared) + hint
            if near:
                fixed = slot.text.replace(slot.text.strip("{}[]<> "), near[0], 1) if slot.name != near[0] else slot.text
                sugg = (Suggestion("replace", fixed, sp),) + sugg
            return replace(f, message=msg, span=sp, suggestions=sugg)
        return replace(f, span=sp, suggestions=sugg)

    results = tuple(replace(res, findings=tuple(finding(f) for f in res.findings)) for res in report.results)
    return replace(report, text=text, results=results)


def missing_unknown(report, rendered: Rendered, note) -> list[Slot]:
    """Undeclared variables the pack's placeholder patterns did not catch (a syntax
    only the template config knows): the caller reports them itself — unless the
    note's control lines switched the rule off or ignore that line."""
    res = next((r for r in report.results if r.rule == "placeholder"), None)
    if res is None or res.status is Status.SKIP:
        return []
    caught = {(f.span.offset, f.span.offset + f.span.length) for f in report.findings if f.rule == "placeholder"}
    ignored = note.ignored_lines()
    return [u for u in rendered.unknown
            if (u.start, u.end) not in caught and note.position(rendered.to_rendered(u.start))[0] not in ignored]  # fmt: skip


def add_unknown(report, slots_: list[Slot], rule, declared: tuple[str, ...], rescore):
    """Add placeholder findings for `slots_` (in template positions) and rescore."""
    if not slots_:
        return report
    text = report.text
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    new = []
    for u in slots_:
        la, lb = bisect.bisect_right(starts, u.start) - 1, bisect.bisect_right(starts, u.end) - 1
        sp = Span(la + 1, u.start - starts[la] + 1, lb + 1, u.end - starts[lb] + 1, u.start, u.end - u.start)
        msg = _undeclared(u, declared)
        new.append(Finding("placeholder", rule.spec.severity, msg, sp))
    results = []
    for res in report.results:
        if res.rule == "placeholder":
            res = replace(res, status=Status.FAIL, findings=res.findings + tuple(new))
        results.append(res)
    return replace(report, results=tuple(results), score=rescore(results))


def _undeclared(slot, declared) -> str:
    """The message for a variable the template uses but nothing declares: the two ways to declare it."""
    known = ", ".join(declared) or "none"
    return (f"“{slot.text}” is not a declared template variable (declared: {known}); declare it with "
            f"--var {slot.name}=VALUE or under [template] variables in thanklint.toml")
