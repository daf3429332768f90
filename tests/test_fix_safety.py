"""`--fix` applies only certain replacements, through the real CLI.

"see you on wensday" never becomes "weekday" (Harper's only guess), "usefull" never "use full"
(a split word), and a certain fix ("the the" -> "the") is still applied — with Harper alone and
with both engines (LanguageTool: THANKLINT_LANGUAGETOOL_URL, else a local install, else skip).
"""

from __future__ import annotations

import json
import os

import pytest
from conftest import HARPER, run_cli

from thanklint.grammar import languagetool as ltmod

NOTE = (
    "Hi Dana,\n\nThank you for the the tour of the lab yesterday. The robot demo was usefull, "
    "and I will see you on wensday for the second round.\n\nBest,\nSam\n"
)


def _both_args() -> list[str] | None:
    url = os.environ.get("THANKLINT_LANGUAGETOOL_URL")
    if url:
        return ["--grammar-engine", "both", "--languagetool-url", url]
    if ltmod.find_install() is not None:
        return ["--grammar-engine", "both"]
    return None


ENGINES = [
    pytest.param(list(HARPER), id="harper"),
    pytest.param(_both_args(), id="both", marks=[
        pytest.mark.languagetool,
        pytest.mark.skipif(_both_args() is None, reason="no LanguageTool server (THANKLINT_LANGUAGETOOL_URL) or install"),
    ]),
]


@pytest.mark.parametrize("engine", ENGINES)
def test_fix_applies_the_certain_fix_only(tmp_path, engine):
    path = tmp_path / "note.txt"
    path.write_text(NOTE, encoding="utf-8")
    proc = run_cli(*engine, "--fix", "note.txt", cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    got = path.read_text(encoding="utf-8")
    assert "weekday" not in got and "wensday" in got, got
    assert "use full" not in got and "usefull" in got, got
    assert got == NOTE.replace("the the", "the"), got
    assert b"fixed 1 problem in note.txt" in proc.stderr, proc.stderr.decode()


@pytest.mark.parametrize("engine", ENGINES)
def test_uncertain_replacements_stay_suggestions(tmp_path, engine):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    proc = run_cli(*engine, "--format", "json", "note.txt", cwd=tmp_path, timeout=300)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    f = json.loads(proc.stdout)["files"][0]
    words = {NOTE[x["offset"] : x["offset"] + x["length"]]: x for x in f["findings"]}
    assert "wensday" in words and "usefull" in words, sorted(words)
    for w in ("wensday", "usefull"):
        assert words[w]["suggestions"], words[w]  # offered to the writer, not applied
    if engine != list(HARPER):
        assert f["engine"]["grammar"].startswith("languagetool ") and " + harper " in f["engine"]["grammar"], f["engine"]
