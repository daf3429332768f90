"""The terminal report for the person reading it (issue 11): the flagged text and its
carets in view at any width, hints wrapped rather than cut, a last line with score,
grade and counts, "add a sentence" findings that say where instead of underlining;
and the small things around it: `rules ID` folded, `config --show` with a check's
flags, the template message, --diff's exit code, the language server's shutdown and
score. Real spaCy, Harper, CLI subprocesses and language server throughout."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from conftest import HARPER, run_cli
from lsprotocol import types as t
from rich.cells import cell_len
from test_golden import GOLDEN, _report
from test_lsp import make_workspace, open_note, published, start

from thanklint.formatters import render
from thanklint.lsp import convert

FAR_RIGHT = GOLDEN / "notes" / "far-right.txt"
WIDTHS = (60, 100, 160)


# -- golden text at three widths (width 100 is also test_golden's) ---------------------------
@pytest.mark.parametrize("width", [60, 160])
def test_golden_widths(linter, update_golden, width):
    got = render("text", [_report(linter, FAR_RIGHT)], width=width, color=False)
    expected = GOLDEN / "expected" / f"far-right.w{width}.text"
    if update_golden:
        expected.write_text(got, encoding="utf-8")
        return
    assert got == expected.read_text(encoding="utf-8"), (
        f"the width-{width} report changed: run pytest tests/test_terminal_report.py --update-golden "
        f"and review the diff of {expected.name}")


def _source_and_carets(text: str):
    """(source line, caret line) pairs of a text report, cut after their gutters."""
    lines = text.split("\n")
    out = []
    for a, b in zip(lines, lines[1:]):
        if "│ " in a and b.strip().startswith("│") and "^" in b:
            cut = a.index("│ ") + 2
            out.append((a[cut:], b[cut:]))
    return out


@pytest.mark.parametrize("width", [*WIDTHS, 73])
def test_the_flagged_text_is_under_its_carets_at_any_width(linter, width):
    report = _report(linter, FAR_RIGHT)
    text = render("text", [report], width=width, color=False)
    assert all(cell_len(line) <= width for line in text.split("\n")), "a line runs past the terminal"
    shown = _source_and_carets(text)
    flagged = [report.text[f.span.offset : f.span.offset + f.span.length] for f in report.findings if not f.place]
    assert {"!!", "🙂"} <= set(flagged)
    assert len(shown) == len(flagged)
    for (src, carets), want in zip(shown, flagged):
        start = len(carets) - len(carets.lstrip(" "))
        # the carets' cells, read back off the source line (🙂 is two cells wide)
        cells, col, under = 0, 0, ""
        for ch in src:
            if start <= cells < start + len(carets.strip()):
                under += ch
            cells += cell_len(ch)
            col += 1
        assert under == want, (width, src, carets)


def test_rule_hints_wrap_instead_of_being_cut(linter):
    report = _report(linter, FAR_RIGHT)
    text = render("text", [report], width=60, color=False)
    detail = next(r.detail for r in report.results if r.rule == "qualifications")
    assert len(detail) > 40
    flat = " ".join(text.replace("\n", " ").split())
    assert " ".join(detail.split()) in flat, "the hint was cut"


def test_last_line_has_score_grade_and_counts(tmp_path):
    note = tmp_path / "note.txt"
    note.write_bytes(FAR_RIGHT.read_bytes())
    proc = run_cli(*HARPER, "--no-cache", "note.txt", cwd=tmp_path)
    lines = proc.stdout.decode().rstrip("\n").split("\n")
    assert proc.returncode == 0, proc.stderr.decode()
    head = lines[0].split()
    score, grade = head[1], " ".join(head[3:])  # "note.txt  78/100  ████░░  Almost there"
    assert lines[-1] == f"{score} {grade} · 0 errors, 4 warnings, 0 info · note.txt", lines[-1]


def test_several_notes_end_with_their_totals(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_bytes(FAR_RIGHT.read_bytes())
    proc = run_cli(*HARPER, "--no-cache", "a.txt", "b.txt", cwd=tmp_path)
    lines = proc.stdout.decode().rstrip("\n").split("\n")

    def counts(line: str) -> list[int]:  # "… · 0 errors, 5 warnings, 0 info · …" -> [0, 5, 0]
        return [int(part.split()[0]) for part in line.split(" · ")[1].split(", ")]

    footers = [ln for ln in lines if ln.endswith((" · a.txt", " · b.txt"))]
    assert len(footers) == 2, lines
    last = lines[-1]
    assert last.startswith("mean ") and last.endswith(" · 2 notes, 0 ready to send"), last
    assert counts(last) == [a + b for a, b in zip(*map(counts, footers))], (footers, last)


def test_a_sentence_to_add_says_where_and_underlines_nothing(linter):
    report = _report(linter, FAR_RIGHT)
    text = render("text", [report], width=100, color=False)
    block = text.split("  10:1 warning closing\n", 1)[1].split("\n\n", 1)[0].split("\n")
    assert block[1] == "    where: after the last body paragraph (line 10), before the sign-off", block
    assert block[2].strip().startswith("suggestion: Add: “I look forward")
    assert not any("│" in ln or "^" in ln for ln in block), "an unrelated line was underlined"


# -- thanklint rules ID ---------------------------------------------------------------------
def test_rules_id_folds_long_word_lists():
    proc = run_cli("rules", "specific-detail", "--isolated")
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()
    assert "```" not in out and "## " not in out, "raw Markdown"
    lines = out.split("\n")
    i = lines.index(next(ln for ln in lines if ln.strip() == "generic:"))
    words = lines[i + 1 : i + 13]
    assert [w.strip()[:2] for w in words] == ["- "] * 12 and words[0].strip() == "- role"
    more = lines[i + 13].strip()
    assert more.startswith("# … and ") and more.endswith(" more") and int(more.split()[3]) > 100, more
    assert len(lines) < 300, len(lines)  # its lists cut at 12 items (~270 lines with examples); unfolded (over 600 items) it runs past 650 lines


def test_rules_lists_weight_and_points():
    out = run_cli("rules", "--isolated").stdout.decode()
    assert out.split("\n")[0].split() == ["id", "severity", "weight", "points", "name"]
    assert "Points: a rule's weight as a share of 100" in out


# -- config --show with a check's flags -----------------------------------------------------
def test_config_show_takes_the_context_and_grammar_flags(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("Hi Dana,\n\nThanks.\n\nSam\n", encoding="utf-8")
    proc = run_cli("config", "--show", "--isolated", "--company", "Fabrikam", "--interviewer", "Dana Alvarez",
                   "--role", "analyst", "--topic", "dashboards", "--sender", "Sam", "--interview-date", "2026-11-27",
                   "--grammar-engine", "harper", "--language", "en-GB", "note.txt", cwd=tmp_path)  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    rows = {ln.split(" = ")[0]: ln for ln in proc.stdout.decode().split("\n") if " = " in ln}
    for key, value in [("context.company", '"Fabrikam"'), ("context.interviewer", '["Dana Alvarez"]'),
                       ("context.role", '"analyst"'), ("context.topics", '["dashboards"]'),
                       ("context.sender", '"Sam"'), ("context.interview_date", '"2026-11-27"'),
                       ("grammar.engine", '"harper"'), ("language", '"en-GB"')]:  # fmt: skip
        row = rows[key]
        assert row.split(" = ", 1)[1].split("#")[0].strip() == value and row.endswith("# command line"), row
    assert rows["grammar.timeout"].endswith("# default")


def test_config_show_gives_the_idle_timeout_a_run_will_use(tmp_path):
    def row(env_value: str) -> str:
        proc = run_cli("config", "--show", "--isolated", cwd=tmp_path,
                       env={"THANKLINT_LANGUAGETOOL_IDLE_TIMEOUT": env_value})  # fmt: skip
        assert proc.returncode == 0, proc.stderr.decode()
        return next(ln for ln in proc.stdout.decode().split("\n") if ln.startswith("grammar.idle_timeout ="))

    unset, from_env = row(""), row("60")
    assert unset.split("=", 1)[1].split("#")[0].strip() == "900.0" and unset.endswith("# default"), unset
    assert from_env.split("=", 1)[1].split("#")[0].strip() == "60", from_env
    assert from_env.endswith("# env THANKLINT_LANGUAGETOOL_IDLE_TIMEOUT"), from_env


def test_config_show_refuses_an_unknown_flag_in_one_line(tmp_path):
    proc = run_cli("config", "--show", "--bogus", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode().strip().splitlines() == ["thanklint: unrecognized arguments: --bogus (see thanklint --help)"]


# -- templates ------------------------------------------------------------------------------
def test_an_undeclared_variable_says_how_to_declare_one(tmp_path):
    (tmp_path / "t.txt").write_text("Hi {{interviewer}},\n\nThank you for the tour of {{company}}.\n\nBest,\nSam\n",
                                    encoding="utf-8")  # fmt: skip
    proc = run_cli(*HARPER, "--no-cache", "--format", "json", "--template", "--var", "company=Fabrikam", "t.txt",
                   cwd=tmp_path)  # fmt: skip
    import json

    found = [f for f in json.loads(proc.stdout)["files"][0]["findings"] if f["rule"] == "placeholder"]
    assert [f["message"] for f in found] == [
        "“{{interviewer}}” is not a declared template variable (declared: company); declare it with "
        "--var interviewer=VALUE or under [template] variables in thanklint.toml"]


# -- --diff exits like a check --------------------------------------------------------------
@pytest.mark.parametrize("body, code", [
    ("Thanks so much for the tour!!! ", 0),  # a fix to show, warnings only: the check exits 0
    ("Thanks so much for the tour!!! I really need this job. ", 1),  # an error finding: 1
])  # fmt: skip
def test_diff_exits_as_the_check_would(tmp_path, body, code):
    text = FAR_RIGHT.read_text(encoding="utf-8").replace("Thank you for meeting", body + "Thank you for meeting")
    (tmp_path / "note.txt").write_text(text, encoding="utf-8")
    check = run_cli(*HARPER, "--no-cache", "note.txt", cwd=tmp_path)
    diff = run_cli(*HARPER, "--diff", "note.txt", cwd=tmp_path)
    assert b"+Thanks so much for the tour! " in diff.stdout, diff.stdout.decode()
    assert (check.returncode, diff.returncode) == (code, code), diff.stderr.decode()
    assert (tmp_path / "note.txt").read_text(encoding="utf-8") == text


# -- the language server --------------------------------------------------------------------
def test_explanation_rounds_points(lint_text):
    report = lint_text(FAR_RIGHT.read_text(encoding="utf-8"))
    lines = convert.score_explanation(report).split("\n")[1:]
    assert lines and all(ln.startswith("−") for ln in lines)
    for ln in lines:
        pts = ln[1:].split()[0]
        assert len(pts.partition(".")[2]) <= 1, ln  # "−7.1 interest: …", never "−7.14286"


async_test = pytest.mark.asyncio(loop_scope="function")


def _languagetool_home() -> str | None:
    home = os.environ.get("THANKLINT_LANGUAGETOOL_HOME")
    return home if home and (Path(home) / "languagetool-server.jar").exists() else None


@async_test
@pytest.mark.languagetool
@pytest.mark.skipif(not _languagetool_home(), reason="no local LanguageTool install (THANKLINT_LANGUAGETOOL_HOME)")
async def test_shutdown_answers_within_a_second_while_languagetool_starts(tmp_path):
    root = tmp_path / "lt"
    root.mkdir()
    # languagetool by name: the lint thread waits for the JVM, which takes seconds to start
    (root / "thanklint.toml").write_text('[grammar]\nengine = "languagetool"\n', encoding="utf-8")
    env = {**os.environ, "XDG_CONFIG_HOME": str(root / ".no-user-config")}
    env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    c = await start(root, env=env)
    try:
        open_note(c, root / "note.txt", FAR_RIGHT.read_text(encoding="utf-8"))
        await asyncio.sleep(1.0)
        assert not c.published, "LanguageTool answered already: the engine was not busy"
        began = time.perf_counter()
        await asyncio.wait_for(c.shutdown_async(None), 5)  # a server that blocks fails here, bounded
        took = time.perf_counter() - began
        c.exit(None)
        await asyncio.wait_for(c._server.wait(), 15)
    finally:
        if c._server.returncode is None:  # never leave a server (and its JVM) behind a failed test
            c._server.kill()
        await asyncio.wait_for(c.stop(), 15)
    assert took < 1.0, f"shutdown took {took:.2f} s"
    assert c._server.returncode == 0


@async_test
async def test_score_diagnostic_covers_only_the_first_line_break(tmp_path):
    root = make_workspace(tmp_path / "score")
    c = await start(root, code_lens=False)
    try:
        text = FAR_RIGHT.read_text(encoding="utf-8")
        uri = open_note(c, root / "note.txt", text)
        ds = await published(c, uri)
        score = [d for d in ds if d.code == "score"]
        first = text.split("\n")[0]
        assert [d.range for d in score] == [t.Range(t.Position(0, len(first)), t.Position(1, 0))]
    finally:
        await c.shutdown_session()
        await c.stop()
