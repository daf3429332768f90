"""Plain immutable values that flow from the rules to the formatters."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Status(str, enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    SKIP = "skip"


@dataclass(frozen=True)
class Span:
    """A stretch of the note. Lines and columns are 1-based and count code points;
    `end_column` is exclusive. Offsets count code points from the start of the text."""

    line: int
    column: int
    end_line: int
    end_column: int
    offset: int
    length: int


@dataclass(frozen=True)
class Suggestion:
    """Either a replacement of `span` by `text` (`kind="replace"`), or a sentence to
    insert at `span.offset` (`kind="insert"`, zero length)."""

    kind: str
    text: str
    span: Span
    safe: bool = False  # only safe replacements are applied by --fix

    def title(self, limit: int = 80) -> str:
        """What applying it does, in a few words: "Add: “…”", "Replace with “…”"."""
        text = " ".join(self.text.split())
        text = text if len(text) <= limit else text[: limit - 1] + "…"
        if self.kind == "insert":
            return f"Add: “{text}”"
        return f"Replace with “{text}”" if text else "Remove it"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    span: Span
    suggestions: tuple[Suggestion, ...] = ()
    tag: str = ""  # what kind of problem, where a rule finds several ("wrong-company"); pack caps_grade keys on it
    place: str = ""  # for a missing element: where its sentence belongs (a kinds._common.WHERE value)


@dataclass(frozen=True)
class RuleResult:
    rule: str
    status: Status
    findings: tuple[Finding, ...] = ()
    detail: str = ""  # a short note for the report ("mentioned: relocation"), or why it skipped
    absent: bool = False  # the element the rule wants is missing: the rule loses its whole weight


@dataclass(frozen=True)
class Deduction:
    rule: str
    points: float
    reason: str


@dataclass(frozen=True)
class Score:
    points: int
    grade: str
    deductions: tuple[Deduction, ...] = field(default_factory=tuple)


def shown_points(x: float) -> str:
    """Points as every report shows them: whole, or to one decimal (7.1, not 7.14286)."""
    return f"{x:.0f}" if abs(x - round(x)) < 0.05 else f"{x:.1f}"
