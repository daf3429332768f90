"""CI-style checking of a folder of templates through the real CLI: nested configs
found upwards, include/exclude, template rendering with positions mapped back to
the template, control lines in template mode, bad config, config --show, the
cache (a hit skips the analysis) and -j."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import HARPER, run_cli

ROOT_CONFIG = """\
vocabulary = ["Northwind"]
exclude = ["drafts"]

[template]
enabled = true
variables = ["company", "interviewer", "role", "topic", "sender"]

[template.samples]
company = "Northwind Traders"
interviewer = "Dana Alvarez"
role = "data analyst"
topic = "the move of your ticket queue to a follow-the-sun rota"
sender = "Sam Okafor"
"""
# The nearest config wins: this folder declares no `topic`.
SUB_CONFIG = ROOT_CONFIG.replace('"topic", ', "").replace('topic = "the move of your ticket queue to a follow-the-sun rota"\n', "")

TEMPLATE = """\
Dear {{interviewer}},

Thank you for taking the time to meet with me about the {{role}} position at {{company}}. I especially
enjoyed hearing about {{topic}}, and how the team measured its effect on response times.

I'm excited about the chance to join {{compnay}}. In my current job I automated our weekly reporting
in SQL and Python, and that experience would help me contribute from the start.

I look forward to hearing about the next steps.

Best regards,
{{sender}}
"""
GOOD = TEMPLATE.replace("{{compnay}}", "{{company}}")


def _files(proc) -> dict:
    assert proc.stdout, proc.stderr.decode()
    return {f["path"]: f for f in json.loads(proc.stdout)["files"]}


def _at(f: dict, rule: str) -> list[tuple]:
    return [(x["line"], x["column"], x["end_line"], x["end_column"]) for x in f["findings"] if x["rule"] == rule]


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("templates")
    (root / "thanklint.toml").write_text(ROOT_CONFIG, encoding="utf-8")
    (root / "first.md").write_text(TEMPLATE, encoding="utf-8")
    (root / "readme.rst").write_text("not a note", encoding="utf-8")  # not an included suffix
    (root / "drafts").mkdir()
    (root / "drafts" / "old.txt").write_text("Hi [Name], thx\n", encoding="utf-8")  # excluded
    (root / "sub").mkdir()
    (root / "sub" / "thanklint.toml").write_text(SUB_CONFIG, encoding="utf-8")
    (root / "sub" / "second.txt").write_text(GOOD, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def tree_run(tree):
    return run_cli(".", "--format", "json", "--no-cache", *HARPER, cwd=tree)


def test_folder_walk_honours_include_exclude_and_the_nearest_config(tree_run):
    assert tree_run.returncode == 1, tree_run.stderr.decode()
    files = _files(tree_run)
    assert sorted(files) == ["first.md", "sub/second.txt"], "drafts/ is excluded, *.rst is not a note"


def test_undeclared_variable_is_a_placeholder_error_at_its_own_position(tree_run):
    first = _files(tree_run)["first.md"]
    line = TEMPLATE.splitlines()[5]
    col = line.index("{{compnay}}") + 1
    assert _at(first, "placeholder") == [(6, col, 6, col + len("{{compnay}}"))]
    (f,) = [x for x in first["findings"] if x["rule"] == "placeholder"]
    assert f["severity"] == "error" and "not a declared template variable" in f["message"]
    assert "did you mean “company”" in f["message"]
    assert f["offset"] == TEMPLATE.index("{{compnay}}"), "offsets are the template's, not the rendered text's"


def test_a_sample_value_counts_as_the_specific_detail(tree_run):
    files = _files(tree_run)
    first = files["first.md"]
    detail = next(r for r in first["rules"] if r["id"] == "specific-detail")
    assert detail["status"] == "pass", first
    # sub/ declares no topic: its {{topic}} is an undeclared variable there
    second = files["sub/second.txt"]
    line = GOOD.splitlines()[3]
    col = line.index("{{topic}}") + 1
    assert _at(second, "placeholder") == [(4, col, 4, col + len("{{topic}}"))], second["findings"]


def test_a_finding_inside_a_value_maps_to_its_placeholder(tmp_path):
    (tmp_path / "thanklint.toml").write_text(ROOT_CONFIG, encoding="utf-8")
    (tmp_path / "t.md").write_text(GOOD, encoding="utf-8")
    proc = run_cli("t.md", "--var", "topic=the dashbaord rebuild", "--format", "json", "--no-cache", *HARPER,
                   cwd=tmp_path)  # fmt: skip
    f = _files(proc)["t.md"]
    line = GOOD.splitlines()[3]
    col = line.index("{{topic}}") + 1
    assert (4, col, 4, col + len("{{topic}}")) in _at(f, "spelling"), f["findings"]
    assert proc.returncode == 0, "a spelling warning is not an error"


def test_template_flag_and_control_lines(tmp_path):
    # no config at all: --template with --var declares the variables
    text = ("thanklint: disable=length\nHi {{interviewer}},\n\nThank you for your time today.\n\n"
            "thanklint: ignore-next-line\nI enjoyed meeting [Team].\n\nBest,\n{{sender}}\n")  # fmt: skip
    (tmp_path / "short.txt").write_text(text, encoding="utf-8")
    proc = run_cli("short.txt", "--template", "--var", "interviewer=Dana Alvarez", "--var", "sender=Sam",
                   "--format", "json", "--no-cache", "--isolated", *HARPER, cwd=tmp_path)  # fmt: skip
    f = _files(proc)["short.txt"]
    length = next(r for r in f["rules"] if r["id"] == "length")
    assert length["status"] == "skip" and "line 1" in length["detail"]
    assert _at(f, "placeholder") == [], "ignore-next-line drops the undeclared [Team] on the next line"
    greeting = next(r for r in f["rules"] if r["id"] == "greeting")
    assert greeting["status"] == "pass", "{{interviewer}} rendered as a name"
    # without --template the same file has unfilled placeholders
    plain = _files(run_cli("short.txt", "--format", "json", "--no-cache", "--isolated", *HARPER, cwd=tmp_path))
    assert _at(plain["short.txt"], "placeholder"), plain


@pytest.mark.parametrize("toml, named", [
    ("[template]\nvariabels = []\n", "unknown key 'template.variabels'"),
    ("[template]\nsyntaxes = ['{{(']\n", "'template.syntaxes'"),
    ("cache = 'yes'\n", "'cache' must be true or false"),
    ("include = '*.txt'\n", "'include' must be a list of file globs"),
    ("[template]\nvariables = ['a']\n[template.samples]\nb = 'x'\n", "'template.samples.b' is not in template.variables"),
])  # fmt: skip
def test_bad_config_exits_2_naming_file_and_key(tmp_path, toml, named):
    (tmp_path / "thanklint.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "n.txt").write_text(GOOD, encoding="utf-8")
    proc = run_cli("n.txt", *HARPER, cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and proc.stdout == b"", err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "thanklint.toml" in err and named in err, err


def test_bad_var_is_a_usage_error(tmp_path):
    (tmp_path / "n.txt").write_text(GOOD, encoding="utf-8")
    proc = run_cli("n.txt", "--template", "--var", "company", *HARPER, cwd=tmp_path)
    assert proc.returncode == 2 and "name=value" in proc.stderr.decode()


def test_config_show_names_where_each_value_came_from(tree):
    proc = run_cli("config", "--show", "sub/second.txt", cwd=tree)
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    rows = {ln.split(" = ")[0]: ln for ln in out.splitlines() if " = " in ln}
    sub = str((tree / "sub" / "thanklint.toml").resolve())
    assert rows["template.samples.company"].endswith(f"# {sub}"), "the nearest config wins"
    assert "template.samples.topic" not in rows
    assert rows["grammar.engine"].endswith("# default") and '"auto"' in rows["grammar.engine"]
    assert rows["rules.gratitude.severity"].endswith("# default")


SPY = """
import sys
from thanklint.cli import main
code = main(sys.argv[1:])
loaded = any(m == "spacy" or m.startswith("spacy.") for m in sys.modules)
print("SPACY LOADED" if loaded else "SPACY NOT LOADED", file=sys.stderr)
raise SystemExit(code)
"""


def _spy(args, cwd, env):
    import os

    full = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": str(cwd / ".no-user-config"), **env}
    full.pop("THANKLINT_LANGUAGETOOL_URL", None)
    return subprocess.run([sys.executable, "-c", SPY, *args], capture_output=True, cwd=cwd, env=full, timeout=120)


def test_a_cache_hit_skips_the_analysis(tmp_path):
    (tmp_path / "thanklint.toml").write_text(ROOT_CONFIG, encoding="utf-8")
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text(TEMPLATE, encoding="utf-8")
    env = {"THANKLINT_CACHE_DIR": str(tmp_path / "cache")}
    args = [".", "-v", "--format", "json", *HARPER]
    cold = _spy(args, tmp_path, env)
    assert cold.returncode == 1, cold.stderr.decode()
    assert "0 from the cache, 2 analysed" in cold.stderr.decode()
    assert "SPACY LOADED" in cold.stderr.decode()
    warm = _spy(args, tmp_path, env)
    err = warm.stderr.decode()
    assert "2 from the cache, 0 analysed" in err and "SPACY NOT LOADED" in err, err
    assert warm.returncode == 1 and json.loads(warm.stdout) == json.loads(cold.stdout), "a hit gives the same report"
    # a changed template, a changed config or --no-cache is analysed again
    (tmp_path / "b.md").write_text(GOOD + "\n", encoding="utf-8")
    assert "1 from the cache, 1 analysed" in _spy(args, tmp_path, env).stderr.decode()
    (tmp_path / "thanklint.toml").write_text(ROOT_CONFIG.replace("Dana Alvarez", "Dana Diaz"), encoding="utf-8")
    assert "0 from the cache, 2 analysed" in _spy(args, tmp_path, env).stderr.decode()
    assert "0 from the cache, 2 analysed" in _spy([*args, "--no-cache"], tmp_path, env).stderr.decode()


def test_jobs_give_the_same_reports(tree, tree_run):
    proc = run_cli(".", "--format", "json", "--no-cache", "-j", "2", *HARPER, cwd=tree)
    assert proc.returncode == tree_run.returncode
    assert json.loads(proc.stdout) == json.loads(tree_run.stdout)


def test_text_summary_counts_rule_failures(tree):
    proc = run_cli(".", "--no-cache", *HARPER, cwd=tree)
    out = proc.stdout.decode()
    assert "2 notes, mean score" in out and "Rules failed: placeholder 2" in out, out
    assert proc.stderr == b"", "no progress bar when stderr is not a terminal"


def test_progress_bar_only_on_a_terminal():
    import io

    from thanklint.runner import progress_bar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert progress_bar(io.StringIO()) is None
    tty = Tty()
    show = progress_bar(tty)
    show(5, 20)
    assert "5/20" in tty.getvalue()
