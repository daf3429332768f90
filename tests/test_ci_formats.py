"""The CI formats through the real CLI: SARIF validated against the official
SARIF 2.1.0 JSON schema, and GitHub workflow commands line by line.

The schema is not vendored: CI fetches it (the npm package @microsoft/jest-sarif
ships `sarif-2.1.0-rtm.5.json`) and points THANKLINT_SARIF_SCHEMA at the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import HARPER, run_cli
from test_cli import CLEAN

# Line 3 has an emoji before the placeholder: columns count code points, so the
# placeholder starts at column 13 whatever a UTF-16 consumer would count.
FLAWED = CLEAN.replace("Dear Ms. Alvarez,", "Dear [Name],").replace(
    "I'm excited about the chance to join Northwind.", "I'm excited 🙂 {{company}} is hiring."
)


@pytest.fixture(scope="module")
def two_notes(tmp_path_factory):
    d = tmp_path_factory.mktemp("ci")
    (d / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (d / "my notes").mkdir()
    (d / "my notes" / "flawed.txt").write_text(FLAWED, encoding="utf-8")
    return d


def test_sarif_is_valid_against_the_official_schema(two_notes):
    schema_path = os.environ.get("THANKLINT_SARIF_SCHEMA")
    if not schema_path:
        pytest.skip("THANKLINT_SARIF_SCHEMA is not set (.ci/run fetches the SARIF 2.1.0 schema and sets it)")
    jsonschema = pytest.importorskip("jsonschema")
    proc = run_cli("clean.txt", "my notes/flawed.txt", "--format", "sarif", *HARPER, cwd=two_notes)
    assert proc.returncode == 1, proc.stderr.decode()
    log = json.loads(proc.stdout)
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)  # the schema declares draft-04

    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "thanklint"
    rules = {r["id"]: r for r in driver["rules"]}
    assert {"gratitude", "placeholder", "specific-detail"} <= set(rules)
    assert "template" in rules["placeholder"]["help"]["text"], "the rule's why is the help text"
    assert run["columnKind"] == "unicodeCodePoints"
    assert [a["location"]["uri"] for a in run["artifacts"]] == ["clean.txt", "my%20notes/flawed.txt"]
    placeholders = [r for r in run["results"] if r["ruleId"] == "placeholder"]
    regions = sorted((r["locations"][0]["physicalLocation"]["region"]["startLine"],
                      r["locations"][0]["physicalLocation"]["region"]["startColumn"],
                      r["locations"][0]["physicalLocation"]["region"]["endColumn"]) for r in placeholders)  # fmt: skip
    assert regions == [(1, 6, 12), (5, 15, 26)], regions
    for r in placeholders:
        assert r["level"] == "error" and driver["rules"][r["ruleIndex"]]["id"] == "placeholder"
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 1


def test_github_lines(two_notes):
    proc = run_cli("clean.txt", "my notes/flawed.txt", "--format", "github", *HARPER, cwd=two_notes)
    assert proc.returncode == 1, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert lines, "the flawed note has findings"
    assert all(ln.startswith(("::error ", "::warning ", "::notice ")) for ln in lines), lines
    assert not any("clean.txt" in ln for ln in lines)
    assert ("::error file=my notes/flawed.txt,line=1,col=6,endColumn=12,title=thanklint placeholder::"
            "Fill in the placeholder “[Name]” before you send this.") in lines  # fmt: skip
    assert any(ln.startswith("::error file=my notes/flawed.txt,line=5,col=15,endColumn=26,") for ln in lines), lines


def test_github_escapes_what_would_break_a_command():
    from thanklint.formatters.github_format import _data, _prop

    assert _data("50% done\nnext") == "50%25 done%0Anext"
    assert _prop("a:b,c") == "a%3Ab%2Cc"
