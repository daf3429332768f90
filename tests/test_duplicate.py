"""`duplicate`: two notes to one company that are nearly the same text, within one
run (the real CLI). A cross-note check, so it has no per-note examples in rules/;
these cases are its examples."""

from __future__ import annotations

import json

from conftest import HARPER, run_cli
from test_cli import CLEAN

FRONT = "---\ncompany: Northwind\n---\n"
OTHER = CLEAN.replace("Dear Ms. Alvarez", "Dear Mr. Chen")  # the same note to a second panelist
DIFFERENT = CLEAN.replace(
    "I especially enjoyed hearing how your team rebuilt the weekly sales dashboard so that store managers see "
    "stock-outs before noon.",
    "Your question about forecasting holiday demand for the northern stores has stayed with me, and I sketched "
    "how I would approach it with two years of weekly sales and the promotion calendar.",
)


def _dups(proc) -> dict:
    assert proc.stdout, proc.stderr.decode()
    return {f["path"]: [x for x in f["findings"] if x["rule"] == "duplicate"] for f in json.loads(proc.stdout)["files"]}


def test_the_same_note_to_two_panelists_warns_both(tmp_path):
    (tmp_path / "a.txt").write_text(FRONT + CLEAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(FRONT + OTHER, encoding="utf-8")
    (tmp_path / "c.txt").write_text(FRONT + DIFFERENT, encoding="utf-8")
    (tmp_path / "elsewhere.txt").write_text(FRONT.replace("Northwind", "Contoso") + CLEAN.replace("Northwind", "Contoso"),
                                            encoding="utf-8")  # fmt: skip
    env = {"THANKLINT_CACHE_DIR": str(tmp_path / "cache")}
    args = ("a.txt", "b.txt", "c.txt", "elsewhere.txt", "--format", "json", *HARPER)
    cold = run_cli(*args, cwd=tmp_path, env=env)
    dups = _dups(cold)
    assert cold.returncode == 0, "a duplicate is a warning"
    assert [d["line"] for d in dups["a.txt"]] == [4], "reported where the letter starts"
    assert "b.txt" in dups["a.txt"][0]["message"] and "a.txt" in dups["b.txt"][0]["message"]
    assert dups["c.txt"] == [] and dups["elsewhere.txt"] == [], "a personal note, and another company"
    warm = run_cli(*args, cwd=tmp_path, env=env)
    assert json.loads(warm.stdout) == json.loads(cold.stdout), "the same warnings from the cache"


def test_threshold_is_configurable(tmp_path):
    (tmp_path / "thanklint.toml").write_text("duplicate = false\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(FRONT + CLEAN, encoding="utf-8")
    (tmp_path / "b.txt").write_text(FRONT + OTHER, encoding="utf-8")
    dups = _dups(run_cli("a.txt", "b.txt", "--format", "json", "--no-cache", *HARPER, cwd=tmp_path))
    assert dups == {"a.txt": [], "b.txt": []}
    (tmp_path / "thanklint.toml").write_text("duplicate = 1.5\n", encoding="utf-8")
    proc = run_cli("a.txt", "--no-cache", *HARPER, cwd=tmp_path)
    assert proc.returncode == 2 and "'duplicate' must be a similarity" in proc.stderr.decode()
