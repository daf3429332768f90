"""The user's mistakes, as a short hierarchy. The CLI turns each into one line on
stderr and exit code 2; nothing here is a bug."""

from __future__ import annotations


class ThanklintError(Exception):
    """A problem the user can fix: bad input, bad config, a broken rule file."""


class InputError(ThanklintError):
    pass


class ConfigError(ThanklintError):
    pass


class RuleFileError(ThanklintError):
    def __init__(self, path: str, rule: str | None, field: str | None, reason: str):
        self.path, self.rule, self.field, self.reason = path, rule, field, reason
        where = path
        if rule:
            where += f": rule '{rule}'"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {reason}")
