"""Golden reports: the terminal text (width 100, no colour) and the JSON contract
for a few realistic notes, the content model's hash shown as "(model)".
`pytest --update-golden` rewrites tests/golden/expected/; review the diff by hand
(see tests/golden/README.md)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from thanklint.api import read_text
from thanklint.formatters import render

GOLDEN = Path(__file__).parent / "golden"
NOTES = sorted((GOLDEN / "notes").glob("*.txt"))
VERSION = "0.0.0-test"


def _report(linter, path: Path):
    ctx = None
    side = path.with_suffix(".toml")
    if side.exists():
        from thanklint.context import from_mapping

        ctx = from_mapping(tomllib.loads(side.read_text(encoding="utf-8")), str(side))
    text = read_text(path.read_bytes(), name=path.name, max_bytes=linter.config.max_bytes)[0]
    report = linter.check([linter.parse(text, path=path.name)], ctx)[0]
    # the content model's hash changes with every retraining; the reports' layout and findings do not
    content = re.sub(r"\([0-9a-f]{8}\)", "(model)", report.engines.get("content", ""))
    return replace(report, engines={**report.engines, "content": content})


def _outputs(report) -> dict[str, str]:
    data = json.loads(render("json", [report]))
    data["version"] = VERSION
    return {
        "text": render("text", [report], width=100, color=False),
        "json": json.dumps(data, ensure_ascii=False, indent=2) + "\n",
    }


def test_there_are_golden_notes():
    assert len(NOTES) >= 4


@pytest.mark.parametrize("note", NOTES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_golden(linter, update_golden, note, fmt):
    got = _outputs(_report(linter, note))[fmt]
    expected = GOLDEN / "expected" / f"{note.stem}.{fmt}"
    if update_golden:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(got, encoding="utf-8")
        return
    assert expected.exists(), f"no golden file {expected.name}: run pytest --update-golden and review it"
    want = expected.read_text(encoding="utf-8")
    assert got == want, (
        f"the {fmt} report for {note.name} changed. If the change is intended, run "
        f"`python -m pytest tests/test_golden.py --update-golden` and review the diff of {expected.name}."
    )
