"""The real command line, as a subprocess (`python -m thanklint`): exit codes, the
JSON contract, paths/folders/globs/stdin, context flags, and that the quick
commands do not load spaCy. Each spaCy-loading subprocess costs ~2 s: keep them few."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import HARPER, REPO, STRONG_NOTE, run_cli

CLEAN = STRONG_NOTE + "\n"
# No thanks at all: gratitude is an error-severity rule.
NO_THANKS = CLEAN.replace(
    "Thank you for taking the time to meet with me on Tuesday about the data analyst role. I especially enjoyed "
    "hearing how your team",
    "We met on Tuesday about the data analyst role. You described how your team",
)
# Only warnings: no closing line and no sign-off phrase.
WARNINGS_ONLY = CLEAN.replace("I look forward to hearing about the next steps.\n\n", "").replace("Best regards,\n", "")


def _json(proc) -> dict:
    assert proc.stdout, f"no output; stderr: {proc.stderr.decode()}"
    return json.loads(proc.stdout)


def test_clean_note_exits_0_with_a_text_report(tmp_path):
    (tmp_path / "note.txt").write_text(CLEAN, encoding="utf-8")
    proc = run_cli("note.txt", *HARPER, cwd=tmp_path)
    out = proc.stdout.decode()
    assert proc.returncode == 0, out + proc.stderr.decode()
    assert proc.stderr == b""
    first = out.splitlines()[0]
    assert first.startswith("note.txt") and "/100" in first and "Ready to send" in first
    assert "✓ gratitude" in out and "\x1b[" not in out, "no colour when stdout is not a terminal"


def test_json_contract_several_paths_and_exit_1_on_an_error_finding(tmp_path):
    (tmp_path / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "no-thanks.txt").write_text(NO_THANKS, encoding="utf-8")
    proc = run_cli("clean.txt", "no-thanks.txt", "--format", "json", *HARPER, cwd=tmp_path)
    assert proc.returncode == 1, "a note with an error finding (no thanks) must exit 1"
    data = _json(proc)
    assert set(data) >= {"version", "files"}
    from thanklint import __version__

    assert data["version"] == __version__
    assert [f["path"] for f in data["files"]] == ["clean.txt", "no-thanks.txt"], "files in the order given"
    for f in data["files"]:
        assert set(f) >= {"path", "score", "grade", "engine", "rules", "findings"}
        assert isinstance(f["score"], int) and 0 <= f["score"] <= 100
        assert f["grade"] in ("Ready to send", "Almost there", "Needs work")
        assert set(f["engine"]) >= {"grammar", "nlp"} and f["engine"]["grammar"].startswith("harper")
        for r in f["rules"]:
            assert set(r) >= {"id", "status", "weight", "lost"}
            assert r["status"] in ("pass", "fail", "skip")
            assert r["lost"] == 0 or r["status"] == "fail"
        for finding in f["findings"]:
            assert set(finding) >= {"rule", "severity", "message", "line", "column", "end_line", "end_column",
                                    "offset", "length", "suggestions"}  # fmt: skip
            assert finding["severity"] in ("error", "warning", "info")
            assert finding["line"] >= 1 and finding["column"] >= 1
    clean, bad = data["files"]
    assert clean["findings"] == [] and clean["grade"] == "Ready to send"
    (gratitude,) = [x for x in bad["findings"] if x["rule"] == "gratitude"]
    assert gratitude["severity"] == "error"
    assert (gratitude["line"], gratitude["column"]) == (3, 1), "missing thanks is reported at the first paragraph"
    text = NO_THANKS
    assert text[gratitude["offset"] : gratitude["offset"] + gratitude["length"]].startswith("We met on Tuesday")
    (sugg,) = gratitude["suggestions"]
    assert sugg["kind"] == "insert" and sugg["text"].startswith("Thank you")
    rules = {r["id"]: r for r in bad["rules"]}
    assert rules["gratitude"]["status"] == "fail" and rules["gratitude"]["lost"] > 0
    assert bad["score"] == round(100 - sum(r["lost"] for r in bad["rules"]))


@pytest.mark.parametrize("threshold, code", [(101, 1), (50, 0)])
def test_fail_under(tmp_path, threshold, code):
    (tmp_path / "note.txt").write_text(WARNINGS_ONLY, encoding="utf-8")
    proc = run_cli("note.txt", "--fail-under", str(threshold), "--format", "json", *HARPER, cwd=tmp_path)
    data = _json(proc)
    assert all(f["severity"] != "error" for f in data["files"][0]["findings"]), "the note should only have warnings"
    assert data["files"][0]["score"] < 100
    assert proc.returncode == code, f"score {data['files'][0]['score']} with --fail-under {threshold}"


def test_folder_glob_and_stdin(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "drafts" / "b.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "drafts" / "photo.png").write_bytes(b"\x89PNG\x00")
    (tmp_path / "sent").mkdir()
    (tmp_path / "sent" / "c.txt").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "sent" / "d.txt").write_text(CLEAN, encoding="utf-8")
    proc = run_cli("drafts", "sent/*.txt", "-", "--format", "json", *HARPER, cwd=tmp_path, input=CLEAN.encode())
    assert proc.returncode == 0, proc.stderr.decode()
    paths = [f["path"] for f in _json(proc)["files"]]
    assert paths == ["drafts/a.txt", "drafts/b.md", "sent/c.txt", "sent/d.txt", "<stdin>"]


def test_context_flags_change_consistency(tmp_path):
    note = CLEAN
    (tmp_path / "note.txt").write_text(note, encoding="utf-8")
    right = run_cli("note.txt", "--company", "Northwind", "--interviewer", "Dana Alvarez", "--format", "json",
                    *HARPER, cwd=tmp_path)  # fmt: skip
    wrong = run_cli("note.txt", "--company", "Fabrikam", "--interviewer", "Li Wei", "--format", "json",
                    *HARPER, cwd=tmp_path)  # fmt: skip
    status = lambda p: {r["id"]: r["status"] for r in _json(p)["files"][0]["rules"]}["consistency"]  # noqa: E731
    assert status(right) == "pass" and right.returncode == 0
    assert status(wrong) == "fail" and wrong.returncode == 1
    found = {(f["line"], f["column"], f["message"]) for f in _json(wrong)["files"][0]["findings"] if f["rule"] == "consistency"}
    lines = note.split("\n")
    assert any(line == 1 and lines[0][col - 1 :].startswith("Alvarez") for line, col, _ in found), found
    assert any("Northwind" in msg and "Fabrikam" in msg for _, _, msg in found), found


QUICK = """
import sys
from thanklint.cli import main
for argv in (["--version"], ["--help"], ["rules"]):
    try:
        main(argv)
    except SystemExit:
        pass
print("LOADED" if any(m == "spacy" or m.startswith("spacy.") for m in sys.modules) else "NOT LOADED")
"""


def test_version_help_and_rules_do_not_import_spacy():
    proc = subprocess.run([sys.executable, "-c", QUICK], capture_output=True, cwd=REPO, timeout=60)
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "thanklint " in out and "usage:" in out and "gratitude" in out
    assert out.strip().splitlines()[-1] == "NOT LOADED", "spaCy was imported by --version, --help or rules"


def test_version_through_python_m():
    proc = run_cli("--version")
    from thanklint import __version__

    assert proc.returncode == 0 and proc.stdout.decode().strip() == f"thanklint {__version__}"


def test_rules_gratitude_explains_the_rule():
    proc = run_cli("rules", "gratitude")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    from thanklint import packs

    rule = packs.load().get("gratitude")
    flat = " ".join(out.split())  # drawn for a terminal: paragraphs wrapped, Markdown rendered
    assert " ".join(rule.spec.why.split()) in flat, "the rule's why"
    for example in (rule.spec.bad[0].text, rule.spec.good[0].text):
        assert " ".join(example.split()) in flat, "a weak and a better example"
    lines = [ln.strip() for ln in out.split("\n")]
    for heading in ("What it checks", "Why it matters", "Weak", "Better", "Settings"):
        assert heading in lines


def test_rules_with_an_unknown_id():
    proc = run_cli("rules", "gratitud")
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("thanklint: no rule 'gratitud'")
