"""What the checker knows about the interview, merged from config, front matter,
e-mail headers and flags (later wins)."""

from __future__ import annotations

import datetime as _dt
import re
import string
from dataclasses import dataclass, fields, replace

from thanklint.errors import ConfigError

KEYS = ("company", "interviewer", "role", "sender", "interview_date", "topics")


@dataclass(frozen=True)
class Context:
    company: str | None = None
    interviewer: tuple[str, ...] = ()
    role: str | None = None
    sender: str | None = None
    interview_date: str | None = None
    topics: tuple[str, ...] = ()

    def names(self) -> list[str]:
        """Every name the context knows, for the spelling filter and suggestions."""
        out = [n for n in (self.company, self.sender) if n]
        out.extend(self.interviewer)
        return out

    def words(self) -> frozenset[str]:
        """The lower-case words of every name, the role and the topics: what the user typed
        about the interview is spelt as they mean it ("Optometrist", "Nguyễn")."""
        return frozenset(w.lower() for t in (*self.names(), *self.topics, self.role or "")
                         for w in re.findall(r"[\w'’-]+", t))  # fmt: skip

    def fill(self, template: str) -> str:
        """A rule's suggestion with the context's names put in. The company, team and
        role read naturally without context ("your team"); a name to greet, a
        signature or a topic cannot be guessed, so a template that needs one the
        context lacks gives "" (no suggestion) — never a "[placeholder]" to paste."""
        values = {
            "company": self.company or "your company",
            "team": f"the {self.company} team" if self.company else "your team",
            "role": f"the {self.role} role" if self.role else "the role",
            "interviewer": self.interviewer[0].split()[0] if self.interviewer else None,
            "sender": self.sender,
            "topic": self.topics[0] if self.topics else None,
        }
        try:
            needed = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
        except ValueError:
            return template
        if any(values.get(name) is None for name in needed):
            return ""
        return template.format_map(values)

    def merged(self, other: "Context") -> "Context":
        """`other`'s values win where it has them."""
        changes = {f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)}
        return replace(self, **changes)


def from_mapping(data: dict, where: str) -> Context:
    """Validate a mapping (front matter, a config table) into a Context."""
    unknown = [k for k in data if k not in KEYS and k != "interviewers"]
    if unknown:
        raise ConfigError(f"{where}: unknown context key '{unknown[0]}' (known: {', '.join(KEYS)})")
    values: dict = {}
    for key, value in data.items():
        key = "interviewer" if key == "interviewers" else key
        if key in ("interviewer", "topics"):
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
                raise ConfigError(f"{where}: '{key}' must be a text or a list of texts")
            values[key] = tuple(v.strip() for v in items if v.strip())
        elif key == "interview_date":
            if isinstance(value, (_dt.date, _dt.datetime)):
                value = value.isoformat()
            if not isinstance(value, str):
                raise ConfigError(f"{where}: 'interview_date' must be a date like 2026-11-28")
            values[key] = value
        else:
            if not isinstance(value, str):
                raise ConfigError(f"{where}: '{key}' must be a text")
            values[key] = value.strip() or None
    return Context(**values)


def from_headers(headers: dict) -> Context:
    """E-mail headers: the To name is the interviewer. The Date is when the note was
    written, not the interview, so it is not taken as the interview date."""
    to = headers.get("to", "")
    name = to.split("<")[0].strip().strip('"') if to else ""
    return Context(interviewer=(name,) if name and "@" not in name else ())
