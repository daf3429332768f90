"""Bad input, bad config, broken rule files: exit 2, one clear line on stderr, no
traceback. Run in-process through `thanklint.cli.main` (the same code the console
script runs); one case also runs as a subprocess to see the real stderr."""

from __future__ import annotations

import textwrap
import traceback

import pytest

from conftest import HARPER, run_cli

NOTE = "Hi Dana,\n\nThank you for the tour of the cold-storage wing today.\n\nBest,\nSam\n"


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """cli(*argv) -> (exit code, stdout, stderr), run in tmp_path with no user config."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("THANKLINT_LANGUAGETOOL_URL", raising=False)
    from thanklint.cli import main

    def run(*argv: str):
        capsys.readouterr()
        try:
            code = main([*argv, *HARPER])
        except SystemExit as e:  # argparse's own exits
            code = e.code
        except Exception:  # noqa: BLE001 — a traceback is exactly what must not happen
            pytest.fail(f"thanklint {' '.join(argv)} raised instead of exiting 2:\n{traceback.format_exc()}")
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _one_message(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one message on stderr, got:\n{err}"
    assert lines[0].startswith("thanklint: "), lines[0]
    assert "Traceback" not in err
    return lines[0]


def _write(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_empty_file(cli, tmp_path):
    _write(tmp_path, "note.txt", b"")
    code, out, err = cli("note.txt")
    assert code == 2 and out == ""
    assert _one_message(err) == "thanklint: note.txt is empty"


def test_whitespace_only_file(cli, tmp_path):
    _write(tmp_path, "note.txt", b"  \n\n\t \r\n")
    code, _, err = cli("note.txt")
    assert code == 2 and "note.txt is empty" in _one_message(err)


def test_binary_file(cli, tmp_path):
    _write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, _, err = cli("photo.txt")
    msg = _one_message(err)
    assert code == 2 and "photo.txt" in msg and "binary" in msg and "byte offset 8" in msg


def test_file_over_one_megabyte(cli, tmp_path):
    _write(tmp_path, "huge.txt", NOTE.encode() * (1_000_000 // len(NOTE) + 1))
    code, _, err = cli("huge.txt")
    msg = _one_message(err)
    assert code == 2 and "huge.txt" in msg and "1,000,000-byte limit" in msg and "max_bytes" in msg


def test_max_bytes_in_config_raises_the_limit(cli, tmp_path):
    big = NOTE.encode() + b"\n" + (b"P.S. The warehouse tour was wonderful. " * 30_000)
    assert 1_000_000 < len(big) < 2_000_000
    _write(tmp_path, "huge.txt", big)
    (tmp_path / "thanklint.toml").write_text("max_bytes = 2_000_000\n", encoding="utf-8")
    code, out, err = cli("huge.txt", "--format", "json")
    assert "byte limit" not in err, f"max_bytes = 2_000_000 did not raise the limit: {err}"
    if code == 2:  # too long for another reason: still one clear message
        _one_message(err)
    else:
        assert code in (0, 1) and '"path": "huge.txt"' in out, err


def test_max_bytes_in_config_lowers_the_limit(cli, tmp_path):
    _write(tmp_path, "note.txt", NOTE.encode())
    (tmp_path / "thanklint.toml").write_text("max_bytes = 20\n", encoding="utf-8")
    code, _, err = cli("note.txt")
    msg = _one_message(err)
    assert code == 2 and f"{len(NOTE.encode())} bytes" in msg and "20-byte limit" in msg


def test_undecodable_bytes_name_the_offset_and_the_encoding_flag(cli, tmp_path):
    raw = "Hi Zoë,\n\nThank you for the tour.\n\nBest,\nSam".encode("cp1252")
    _write(tmp_path, "note.txt", raw)
    offset = raw.index("ë".encode("cp1252"))
    code, _, err = cli("note.txt")
    msg = _one_message(err)
    assert code == 2 and "note.txt" in msg and f"byte offset {offset}" in msg and "--encoding" in msg


def test_encoding_flag_reads_cp1252(cli, tmp_path):
    _write(tmp_path, "note.txt", NOTE.replace("Dana", "Zoë").encode("cp1252"))
    code, out, err = cli("note.txt", "--encoding", "cp1252", "--format", "json")
    assert code in (0, 1) and err == "", err
    assert '"path": "note.txt"' in out and "Hi Zoë," not in err


def test_unknown_encoding(cli, tmp_path):
    _write(tmp_path, "note.txt", NOTE.encode())
    code, _, err = cli("note.txt", "--encoding", "klingon")
    assert code == 2 and "unknown encoding 'klingon'" in _one_message(err)


def test_missing_path(cli):
    code, _, err = cli("nowhere.txt")
    assert code == 2 and _one_message(err) == "thanklint: nowhere.txt: no such file or folder"


def test_folder_with_no_notes(cli, tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "photo.png").write_bytes(b"\x89PNG")
    code, _, err = cli("drafts")
    msg = _one_message(err)
    assert code == 2 and "drafts" in msg and "no notes" in msg


def test_glob_matching_nothing(cli):
    code, _, err = cli("drafts/*.txt")
    assert code == 2 and "no file matches" in _one_message(err)


RULE = """\
    id: weather
    name: Mentions the weather
    severity: warning
    weight: 5
    kind: {kind}
    params:
      {params}
    message: Say something about the weather.
    why: Small talk matters.
    examples:
      good: ["Hi Dana,\\n\\nThe weather was lovely.\\n\\nBest,\\nSam"]
      bad: ["Hi Dana,\\n\\nThank you.\\n\\nBest,\\nSam"]
    """


@pytest.mark.parametrize(
    "case, kind, params, field",
    [
        ("unknown-kind", "telepathy", "cues: [weather]", "kind"),
        ("bad-regex", "pattern", "groups: [{name: w, message: m, regex: ['[A-Z{5,}']}]", "params"),
    ],
    ids=["unknown-kind", "bad-regex"],
)
def test_broken_rule_file_via_config_packs(cli, tmp_path, case, kind, params, field):
    _write(tmp_path, "note.txt", NOTE.encode())
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "weather.yaml").write_text(textwrap.dedent(RULE.format(kind=kind, params=params)), encoding="utf-8")
    (tmp_path / "thanklint.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    code, _, err = cli("note.txt")
    msg = _one_message(err)
    assert code == 2, f"{case}: exit {code}"
    assert "weather.yaml" in msg and "rule 'weather'" in msg and f"field '{field}" in msg, f"{case}: {msg}"


def test_unknown_rule_id_in_config(cli, tmp_path):
    _write(tmp_path, "note.txt", NOTE.encode())
    (tmp_path / "thanklint.toml").write_text("[rules.gratitudes]\nenabled = false\n", encoding="utf-8")
    code, _, err = cli("note.txt")
    msg = _one_message(err)
    assert code == 2 and "unknown rule id 'gratitudes'" in msg and "gratitude" in msg


def test_bad_toml(cli, tmp_path):
    _write(tmp_path, "note.txt", NOTE.encode())
    (tmp_path / "thanklint.toml").write_text("max_bytes = [\n", encoding="utf-8")
    code, _, err = cli("note.txt")
    msg = _one_message(err)
    assert code == 2 and "thanklint.toml" in msg and "not valid TOML" in msg


def test_unknown_config_key(cli, tmp_path):
    _write(tmp_path, "note.txt", NOTE.encode())
    (tmp_path / "thanklint.toml").write_text("colour = 'blue'\n", encoding="utf-8")
    code, _, err = cli("note.txt")
    assert code == 2 and "unknown key 'colour'" in _one_message(err)


def test_unknown_flag(cli, tmp_path):
    code, out, err = cli("--shout")
    msg = _one_message(err)
    assert code == 2 and out == "" and "--shout" in msg


def test_unknown_context_key_in_front_matter(cli, tmp_path):
    _write(tmp_path, "note.txt", ("---\ncompnay: Northwind\n---\n" + NOTE).encode())
    code, _, err = cli("note.txt")
    msg = _one_message(err)
    assert code == 2 and "compnay" in msg and "note.txt" in msg


def test_one_bad_note_does_not_hide_the_good_ones(cli, tmp_path):
    _write(tmp_path, "good.txt", NOTE.encode())
    _write(tmp_path, "empty.txt", b"")
    code, out, err = cli("good.txt", "empty.txt", "--format", "json")
    assert code == 2 and "empty.txt is empty" in _one_message(err)
    assert '"path": "good.txt"' in out


def test_bad_input_through_the_real_cli_has_no_traceback(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"GIF89a\x00\x01")
    proc = run_cli("photo.txt", *HARPER, cwd=tmp_path)
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert err.strip() == "thanklint: photo.txt: looks like a binary file (NUL byte at byte offset 6), not a note"


def test_a_broken_spacy_install_is_a_message_not_a_traceback(tmp_path):
    # A real uninstall would break the suite's own environment; a sitecustomize that makes
    # `import spacy` fail is the same ImportError a half-removed spaCy gives the CLI.
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['spacy'] = None\n")
    (tmp_path / "note.txt").write_text(NOTE)
    proc = run_cli("note.txt", "--no-cache", *HARPER, cwd=tmp_path, env={"PYTHONPATH": str(blocker)})
    err = proc.stderr.decode()
    assert proc.returncode == 2, err
    assert "Traceback" not in err
    assert err.startswith("thanklint: spaCy cannot be imported") and "reinstall thanklint" in err
