"""What a note holds never acts on the user's terminal, and output never crashes
on an encoding: escape sequences, other control characters and bidi overrides are
shown escaped in the terminal-ish formats (text, line, github); JSON and SARIF are
ASCII; an output encoding without "é" or emoji (PYTHONIOENCODING=ascii) gets
ASCII or escapes, with the report's carets still under the right characters."""

from __future__ import annotations

import json
import re

import pytest

from conftest import HARPER, run_cli

# Recolour, retitle (OSC … BEL), clear the screen, a C1 CSI, backspace, and a
# right-to-left override that would show the rest of the line reversed — and how
# the report shows each.
HOSTILE = {"\x1b[31m": "\\x1b[31m", "\x1b]0;pwned\x07": "\\x1b]0;pwned\\x07", "\x1b[2J": "\\x1b[2J",
           "\x9b31m": "\\x9b31m", "\x08": "\\x08", "\u202e": "\\u202e"}  # fmt: skip
NOTE = (
    "Dear Ms. Alvarez,\n\n"
    "Thank you \x1b[31mfor the\x1b]0;pwned\x07 tour\x1b[2J of the \u202eplant\x9b31m.\x08\n\n"
    "\tI met the \x1b]0;x\x07\u202e\x7f [Company] team.\n\n"
    "I look forward to hearing about the next steps.\n\n"
    "Best regards,\nSam Okafor\n"
)
# Bytes a terminal acts on: C0 controls other than tab and newline, DEL, ESC's C1 twins.
_ACTIVE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _check(tmp_path, text: str, *args: str, name: str = "note.txt", env=None):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    proc = run_cli("--no-cache", "--isolated", *HARPER, *args, str(path), env=env, timeout=60)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    assert proc.returncode == 1, proc.stderr.decode()  # the placeholder is an error finding
    return proc


def _underlined(out: str, line_no: int) -> list[str]:
    """For each report excerpt of line `line_no`: the characters its carets stand
    under, counted in terminal cells (an emoji takes two)."""
    from rich.cells import cell_len

    lines = out.split("\n")
    found = []
    for i, ln in enumerate(lines[:-1]):
        if re.match(rf"\s+{line_no} \S ", ln) and "^" in lines[i + 1]:
            cells = [part for ch in ln for part in [ch] + [""] * (cell_len(ch) - 1)]
            start, width = lines[i + 1].index("^"), lines[i + 1].count("^")
            found.append("".join(cells[start : start + width]))
    return found


def _active(out: str) -> str | None:
    m = _ACTIVE.search(out)
    return m and f"{m.group()!r} reached the terminal at {out[max(0, m.start() - 30) : m.end()]!r}"


HOSTILE_NAME = "note\x1b[2J.txt"  # a file name can carry escapes too


def test_text_report_shows_escapes(tmp_path):
    out = _check(tmp_path, NOTE, "--color", "never", name=HOSTILE_NAME).stdout.decode("utf-8")
    assert not _active(out), _active(out)
    for seq, shown in HOSTILE.items():
        assert shown in out, f"{seq!r} should be shown as {shown!r}"
    assert "note\\x1b[2J.txt" in out
    # the placeholder comes after a tab and escapes on its line: the carets are still under it
    assert "[Company]" in _underlined(out, 5)


def test_line_format_shows_escapes(tmp_path):
    out = _check(tmp_path, NOTE, "--format", "line", "--color", "never", name=HOSTILE_NAME).stdout.decode("utf-8")
    assert not _active(out), _active(out)
    lines = out.splitlines()
    assert lines and all(ln.startswith(f"{tmp_path}/note\\x1b[2J.txt:") for ln in lines), out
    assert any(":5:" in ln and "placeholder" in ln and "[Company]" in ln for ln in lines), out


def test_github_format_shows_escapes(lint_text):
    from thanklint.formatters import render

    report = lint_text(NOTE.replace("team.", "team.\n[31m\x1b"), path="note\x1b]0;x\x07.txt")
    out = render("github", [report])
    assert not _active(out), _active(out)
    assert out.count("file=note\\x1b]0;x\\x07.txt,") == len(report.findings) > 0


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_are_ascii_and_keep_the_text(lint_text, fmt):
    from thanklint.formatters import render

    out = render(fmt, [lint_text(NOTE.replace("Alvarez", "Zoë Álvarez 🙂"))])
    assert out.isascii()
    data = json.loads(out)
    if fmt == "json":  # the text a rule quotes comes back exactly, controls included
        rules = {r["id"]: r["detail"] for r in data["files"][0]["rules"]}
        assert "Zoë Álvarez 🙂" in rules["greeting"]
        assert "\\u001b" in out and any("\x1b[31m" in detail for detail in rules.values())
    else:
        assert data["runs"][0]["results"]


UNICODE_NOTE = (
    "Dear Zoë,\n\n"
    "Thank you for the tour of the café 🙂 — and of the [Company] kitchen.\n\n"
    "I look forward to hearing about the next steps.\n\n"
    "Best regards,\nSam Okafor\n"
)


@pytest.mark.parametrize("fmt", ["text", "json", "line", "sarif", "github"])
def test_an_ascii_terminal_gets_ascii(tmp_path, fmt):
    proc = _check(tmp_path, UNICODE_NOTE, "--format", fmt, env={"PYTHONIOENCODING": "ascii"})
    assert proc.stdout.isascii()
    out = proc.stdout.decode("ascii")
    if fmt in ("json", "sarif"):
        data = json.loads(out)
        if fmt == "json":
            assert "Dear Zoë," in next(r["detail"] for r in data["files"][0]["rules"] if r["id"] == "greeting")
    elif fmt == "text":
        assert "caf\\xe9 \\U0001f642 - and" in out  # é and the emoji escaped, the dash in ASCII
        # the emoji (tone) and the placeholder, each underlined where it is shown (other rules may add more)
        assert {"\\U0001f642", "[Company]"} <= set(_underlined(out, 3))
        assert "Needs work" in out or "Almost there" in out
    else:
        assert "[Company]" in out


def test_the_c_locale_does_not_crash(tmp_path):
    proc = _check(tmp_path, UNICODE_NOTE, env={"LC_ALL": "C", "LANG": "C"})
    assert {"🙂", "[Company]"} <= set(_underlined(proc.stdout.decode("utf-8"), 3))


def test_an_error_message_shows_the_file_name_escaped(tmp_path):
    (tmp_path / HOSTILE_NAME).write_bytes(b"")
    proc = run_cli("--no-cache", "--isolated", str(tmp_path / HOSTILE_NAME), timeout=60)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert err == f"thanklint: {tmp_path}/note\\x1b[2J.txt is empty\n"
