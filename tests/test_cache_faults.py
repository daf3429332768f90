"""The results cache (.thanklint_cache/) never crashes, hangs or serves a stale
result (issue 12): a broken entry — wrong types, NaN, nesting too deep for the
JSON parser, a FIFO — is a miss that the run analyses again and writes anew, and
the grammar engine `auto` would pick now is part of the key."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from conftest import HARPER, STRONG_NOTE, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")


def _entries(cache: Path) -> dict[str, Path]:
    """note path -> its cache entry (each entry names the note it was made for)."""
    out = {}
    for f in cache.rglob("*.json"):
        out[json.loads(f.read_text(encoding="utf-8"))["report"]["path"]] = f
    return out


def _from_cache(proc) -> int:
    err = proc.stderr.decode()
    m = re.search(r"(\d+) from the cache", err)
    assert m, err
    return int(m.group(1))


def _rewrite(f: Path, change) -> None:
    data = json.loads(f.read_text(encoding="utf-8"))
    change(data)
    f.write_text(json.dumps(data), encoding="utf-8")


def _wrong_types(data):
    data["report"]["score"]["points"] = "abc"


def _rule_infos_missing(data):
    data["report"]["rules"] = []  # every result then names a rule the report does not describe


def _bad_meta(data):
    data["meta"] = [123, None, -5]


def _nested(f: Path):
    f.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


def _nan(f: Path):
    text = f.read_text(encoding="utf-8")
    f.write_text(re.sub(r'"points": \d+', '"points": NaN', text, count=1), encoding="utf-8")


def _fifo(f: Path):
    f.unlink()
    os.mkfifo(f)


# note stem -> how its entry is broken
BREAK = {
    "types": lambda f: _rewrite(f, _wrong_types),
    "infos": lambda f: _rewrite(f, _rule_infos_missing),
    "meta": lambda f: _rewrite(f, _bad_meta),
    "nested": _nested,
    "nan": _nan,
    "fifo": _fifo,
}


def test_broken_cache_entries_are_analysed_again_and_rewritten(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    companies = ["Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Adatum"]
    for stem, company in zip(BREAK, companies):  # different companies: no `duplicate` warnings between them
        (notes / f"{stem}.txt").write_text(STRONG_NOTE.replace("Northwind", company), encoding="utf-8")
    cache = tmp_path / "cache"
    env = {"THANKLINT_CACHE_DIR": str(cache)}

    def run():
        proc = run_cli(*HARPER, "-v", "--format", "json", "notes", cwd=tmp_path, env=env, timeout=180)
        assert "Traceback" not in proc.stderr.decode(), proc.stderr.decode()
        return proc

    first = run()
    assert first.returncode in (0, 1), first.stderr.decode()
    entries = _entries(cache)
    assert len(entries) == len(BREAK), entries
    for path, f in entries.items():
        BREAK[Path(path).stem](f)

    second = run()
    assert _from_cache(second) == 0, "a broken entry must not be served"
    assert (second.returncode, second.stdout) == (first.returncode, first.stdout)

    third = run()  # every entry was written anew, as a regular file that reads back
    assert _from_cache(third) == len(BREAK)
    assert (third.returncode, third.stdout) == (first.returncode, first.stdout)
    assert all(f.is_file() for f in _entries(cache).values())


# -- the same, in process, for shapes the CLI test does not reach ------------------------------


@pytest.fixture(scope="module")
def fresh(linter):
    """A real report (the session Linter: spaCy and Harper) with a finding and a suggestion."""
    note = linter.parse("Hi Dana,\n\nThank you for the talk!!! It was great.\n\nBest,\nSam", path="n.txt")
    return linter.check([note])[0]


BAD_REPORTS = {
    "no-text": lambda r: r.pop("text"),
    "text-not-a-text": lambda r: r.update(text=["a"]),
    "status-unknown": lambda r: r["results"][0].update(status="maybe"),
    "severity-unknown": lambda r: _first_finding(r).update(severity="fatal"),
    "span-past-the-end": lambda r: _first_finding(r)["span"].update(offset=10**9),
    "span-line-past-the-end": lambda r: _first_finding(r)["span"].update(line=999, end_line=999),
    "span-negative": lambda r: _first_finding(r)["span"].update(length=-3),
    "span-bool": lambda r: _first_finding(r)["span"].update(line=True),
    "suggestion-kind": lambda r: _first_suggestion(r).update(kind="explode"),
    "findings-not-a-list": lambda r: r["results"][0].update(findings={"a": 1}),
    "weight-infinite": lambda r: r["rules"][0].update(weight=1e999),
    "points-out-of-range": lambda r: r["score"].update(points=250),
    "engines-not-texts": lambda r: r.update(engines={"grammar": 3}),
    "notices-not-texts": lambda r: r.update(notices=[None]),
    "deduction-without-points": lambda r: r["score"]["deductions"].append({"rule": "tone", "reason": "x"}),
}


def _first_finding(r):
    return next(f for res in r["results"] for f in res["findings"])


def _first_suggestion(r):
    return next(s for res in r["results"] for f in res["findings"] for s in f["suggestions"])


@pytest.mark.parametrize("case", sorted(BAD_REPORTS))
def test_an_entry_of_the_wrong_shape_is_a_miss(tmp_path, fresh, case):
    from thanklint.cache import Cache

    cache = Cache(tmp_path / "c")
    k = "ab" + "0" * 62
    cache.put(k, fresh, [None, "letter", 0])
    assert cache.get(k) is not None, "a sound entry reads back"
    entry = next((tmp_path / "c").rglob("*.json"))
    data = json.loads(entry.read_text(encoding="utf-8"))
    BAD_REPORTS[case](data["report"])
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.get(k) is None
    cache.put(k, fresh, [None, "letter", 0])  # the run writes it anew
    got = cache.get(k)
    assert got is not None and got[0] == fresh


def test_a_sound_entry_reads_back_as_the_same_report(tmp_path, fresh):
    from thanklint.cache import Cache

    cache = Cache(tmp_path / "c")
    cache.put("cd" + "1" * 62, fresh, ["Northwind", "letter", 3])
    report, meta = cache.get("cd" + "1" * 62)
    assert report == fresh and meta == ["Northwind", "letter", 3]


def test_a_report_whose_grammar_was_skipped_is_not_kept(tmp_path, fresh):
    """An engine that was down this time may answer next time: that result is not reused."""
    from dataclasses import replace

    from thanklint.cache import Cache

    cache = Cache(tmp_path / "c")
    cache.put("ef" + "2" * 62, replace(fresh, engines={**fresh.engines, "grammar": "skipped (server down)"}))
    assert cache.get("ef" + "2" * 62) is None


# -- the engine `auto` would pick is in the key ------------------------------------------------


def _fake_install(folder: Path) -> Path:
    """A folder find_install() accepts (it looks for the server jar); nothing here can run."""
    folder.mkdir()
    (folder / "languagetool-server.jar").write_bytes(b"")
    return folder


def test_the_key_follows_what_auto_would_pick(tmp_path, monkeypatch):
    from thanklint import cache
    from thanklint.config import Config, Grammar

    monkeypatch.delenv("THANKLINT_LANGUAGETOOL_URL", raising=False)
    none = tmp_path / "none"
    none.mkdir()
    install = _fake_install(tmp_path / "lt")
    auto, harper = Config(grammar=Grammar(engine="auto")), Config(grammar=Grammar(engine="harper"))

    monkeypatch.setenv("THANKLINT_LANGUAGETOOL_HOME", str(none))
    without = (cache.key(b"note", auto), cache.key(b"note", harper))
    monkeypatch.setenv("THANKLINT_LANGUAGETOOL_HOME", str(install))
    with_lt = (cache.key(b"note", auto), cache.key(b"note", harper))
    monkeypatch.setenv("THANKLINT_LANGUAGETOOL_URL", "http://127.0.0.1:9/v2")
    with_url = cache.key(b"note", auto)

    assert without[0] != with_lt[0], "auto: installing LanguageTool must change the key"
    assert with_url not in (without[0], with_lt[0]), "auto: a server URL must change the key"
    assert without[1] == with_lt[1], "harper: a LanguageTool install changes nothing"


def test_a_harper_result_is_not_served_once_languagetool_is_installed(tmp_path):
    """Through the CLI: the same note, cached under `auto` while no LanguageTool is
    installed, is analysed again once one is (a folder find_install() accepts; the run
    then falls back to Harper since the jar is empty, so no JVM is needed)."""
    (tmp_path / "note.txt").write_text(STRONG_NOTE, encoding="utf-8")
    none = tmp_path / "none"
    none.mkdir()
    install = _fake_install(tmp_path / "lt")
    base = {"THANKLINT_CACHE_DIR": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data"),
            "LTP_PATH": str(tmp_path / "ltp")}  # fmt: skip

    def run(home: Path):
        proc = run_cli("--grammar-engine", "auto", "-v", "note.txt", cwd=tmp_path,
                       env={**base, "THANKLINT_LANGUAGETOOL_HOME": str(home)}, timeout=180)  # fmt: skip
        assert proc.returncode in (0, 1), proc.stderr.decode()
        return _from_cache(proc)

    assert run(none) == 0
    assert run(install) == 0, "a result checked without LanguageTool was served after it was installed"
    assert run(none) == 1, "the first entry is still there: only the key differed"
