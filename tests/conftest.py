"""Shared fixtures for the core suite.

One Linter (and so one spaCy pipeline) for the whole session; `lint_text` lints a
text with an optional context mapping and returns the Report. `--update-golden`
rewrites tests/golden/expected/ (review the diff before committing it).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"

# The suite's runs (in-process and the CLI subprocesses, which inherit this) start their own
# LanguageTool and stop it when they end, as before the shared server (idle_timeout 0): a
# shared server would outlive the suite. tests/test_shared_server.py sets its own.
os.environ.setdefault("THANKLINT_LANGUAGETOOL_IDLE_TIMEOUT", "0")


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/expected/* from the current output (review the diff!)",
    )


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def linter():
    """The default rule set with built-in defaults only (no user or project config)."""
    from thanklint.api import Linter
    from thanklint.config import Config, Grammar

    # Harper is embedded (no Java, no network), so grammar and spelling run in the fast suite.
    with Linter.create(Config(grammar=Grammar(engine="harper"))) as linter:
        yield linter


def _context(ctx):
    from thanklint.context import Context, from_mapping

    if ctx is None or isinstance(ctx, Context):
        return ctx
    return from_mapping(dict(ctx), "test context") if ctx else None


@pytest.fixture(scope="session")
def lint_text(linter):
    """lint_text(text, context=None, path="<text>") -> Report (the session Linter)."""

    def lint(text: str, context=None, path: str = "<text>"):
        return linter.check([linter.parse(text, path=path)], _context(context))[0]

    return lint


@pytest.fixture(scope="session")
def lint_many(linter):
    """lint_many([(text, context), ...]) -> [Report], one nlp.pipe batch per
    distinct context (notes with the same context share a batch)."""

    def lint(items, path_prefix: str = "note"):
        out: list = [None] * len(items)
        groups: dict = {}
        for i, (text, ctx) in enumerate(items):
            key = repr(sorted((ctx or {}).items())) if not hasattr(ctx, "company") else repr(ctx)
            groups.setdefault(key, []).append((i, text, ctx))
        for members in groups.values():
            notes = [linter.parse(text, path=f"{path_prefix}-{i}") for i, text, _ in members]
            reports = linter.check(notes, _context(members[0][2]))
            for (i, _, _), rep in zip(members, reports):
                out[i] = rep
        return out

    return lint


def result(report, rule_id: str):
    """The RuleResult of `rule_id` in `report`."""
    return next(r for r in report.results if r.rule == rule_id)


def excerpt(report, finding) -> str:
    return report.text[finding.span.offset : finding.span.offset + finding.span.length]


def describe(report, rule_id: str | None = None) -> str:
    """A readable dump of a report's findings for failure messages."""
    lines = []
    for res in report.results:
        if rule_id and res.rule != rule_id:
            continue
        lines.append(f"  {res.rule}: {res.status.value} {res.detail}".rstrip())
        for f in res.findings:
            s = f.span
            lines.append(f"    {s.line}:{s.column}-{s.end_line}:{s.end_column} {excerpt(report, f)!r} {f.message}")
    return "\n".join(lines)


# A note with everything a good note has (context: CTX in test_score.py).
STRONG_NOTE = (
    "Dear Ms. Alvarez,\n\n"
    "Thank you for taking the time to meet with me on Tuesday about the data analyst role. I especially enjoyed "
    "hearing how your team rebuilt the weekly sales dashboard so that store managers see stock-outs before noon.\n\n"
    "I'm excited about the chance to join Northwind. At Contoso I automated our inventory reporting in SQL and "
    "Python, and that experience would help me contribute to the dashboard work from the start.\n\n"
    "I look forward to hearing about the next steps.\n\n"
    "Best regards,\nSam Okafor"
)

# A shell's background job inherits SIGINT ignored, and Python keeps it ignored in every child:
# there Ctrl-C reaches no run, and a test that sends it measures nothing
ctrl_c_reaches = pytest.mark.skipif(
    signal.getsignal(signal.SIGINT) is signal.SIG_IGN,
    reason="SIGINT is ignored in this process (started as a background job): Ctrl-C cannot reach a run")

HARPER = ("--grammar-engine", "harper")  # the embedded engine: no Java, no network


def run_cli(*args: str, input: bytes | None = None, cwd=None, env=None, timeout: int = 120):
    """The real CLI as a subprocess: `python -m thanklint ARGS`."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    full_env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    # a user config in the tester's home must not change the results
    full_env["XDG_CONFIG_HOME"] = str(Path(cwd or REPO) / ".no-user-config")
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "thanklint", *args],
        input=input if input is not None else b"",
        capture_output=True,
        cwd=cwd or REPO,
        env=full_env,
        timeout=timeout,
    )
