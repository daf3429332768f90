"""Never hang, never crash, never corrupt the output (issue 12): inputs that are not
regular files, inputs past the size limit, names the file system refuses, notes of
invisible characters, words and notes past what the grammar engine and spaCy can
take, and native prints from Harper. Everything runs through the real CLI (a
subprocess, bounded by a timeout so a hang fails instead of blocking the suite) or
the real language server."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import HARPER, REPO, STRONG_NOTE, run_cli

TIMEOUT = 60  # seconds; a blocked read or a runaway engine fails the test instead of hanging it


def _one_message(stderr: bytes) -> str:
    err = stderr.decode()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("thanklint: "), err
    assert "Traceback" not in err
    return lines[0]


def _cli(*args, cwd, stdin=None, timeout=TIMEOUT):
    """The real CLI with `stdin` (an open file) as its standard input."""
    env = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": str(cwd / ".no-user-config")}
    env.pop("THANKLINT_LANGUAGETOOL_URL", None)
    return subprocess.run([sys.executable, "-m", "thanklint", *args], stdin=stdin, capture_output=True,
                          cwd=cwd, env=env, timeout=timeout)  # fmt: skip


# -- what is read ------------------------------------------------------------------------


def test_fifo_path_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "note.txt")  # nobody ever writes to it: a blocking open would wait forever
    proc = run_cli("note.txt", *HARPER, cwd=tmp_path, timeout=TIMEOUT)
    assert proc.returncode == 2 and proc.stdout == b""
    assert _one_message(proc.stderr) == "thanklint: note.txt: not a regular file (a named pipe); give a note saved as a file"


def test_fifo_in_a_folder_is_skipped(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text(STRONG_NOTE, encoding="utf-8")
    os.mkfifo(notes / "x.txt")
    proc = run_cli("notes", "--format", "json", *HARPER, cwd=tmp_path, timeout=TIMEOUT)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert [f["path"] for f in json.loads(proc.stdout)["files"]] == [os.path.join("notes", "a.txt")]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_device_path_is_refused_without_reading_it(tmp_path, device):
    proc = run_cli(device, *HARPER, cwd=tmp_path, timeout=TIMEOUT)
    assert proc.returncode == 2 and proc.stdout == b""
    assert _one_message(proc.stderr) == f"thanklint: {device}: not a regular file (a device); give a note saved as a file"


def test_endless_stdin_stops_at_the_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        proc = _cli("-", *HARPER, cwd=tmp_path, stdin=zero)
    assert proc.returncode == 2 and proc.stdout == b""
    msg = _one_message(proc.stderr)
    assert msg.startswith("thanklint: <stdin> is over the 1,000,000-byte limit"), msg
    assert "max_bytes" in msg


def test_file_over_the_limit_is_refused_with_the_limit(tmp_path):
    (tmp_path / "thanklint.toml").write_text("max_bytes = 2000\n", encoding="utf-8")
    (tmp_path / "long.txt").write_text(STRONG_NOTE * 10, encoding="utf-8")
    proc = run_cli("long.txt", *HARPER, cwd=tmp_path, timeout=TIMEOUT)
    assert proc.returncode == 2
    assert "long.txt is over the 2,000-byte limit" in _one_message(proc.stderr)


def test_name_too_long_is_one_message(tmp_path):
    name = "n" * 300 + ".txt"  # past NAME_MAX (255) on every common file system
    proc = run_cli(name, *HARPER, cwd=tmp_path, timeout=TIMEOUT)
    assert proc.returncode == 2
    assert _one_message(proc.stderr) == f"thanklint: {name}: File name too long"


def test_note_of_zero_width_characters_is_empty(tmp_path):
    (tmp_path / "blank.txt").write_text("\u200b\u200c\u200d\u2060\ufeff \n\u200b\t\n\n", encoding="utf-8")
    proc = run_cli("blank.txt", *HARPER, cwd=tmp_path, timeout=TIMEOUT)
    assert proc.returncode == 2 and proc.stdout == b""
    assert _one_message(proc.stderr) == "thanklint: blank.txt is empty"


def test_zero_width_characters_inside_a_note_are_still_checked(tmp_path):
    (tmp_path / "note.txt").write_text("\u200b" + STRONG_NOTE, encoding="utf-8")
    proc = run_cli("note.txt", "--format", "json", *HARPER, cwd=tmp_path, timeout=TIMEOUT)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert json.loads(proc.stdout)["files"][0]["score"] >= 85
