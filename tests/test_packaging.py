"""Slow: the rules ship inside the wheel, and the installed CLI finds them when run
from another folder. The wheel goes into a fresh venv that gets thanklint only from
the wheel (--no-deps --no-index). Its dependencies (spaCy, the model, …) come from
the test environment through a .pth line — no network — placed after the venv's own
site-packages, and .pth files are not processed in such a folder, so the test
environment's editable thanklint stays out; the test checks that."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

NOTE = (
    "Hi Dana,\n\nThank you for taking the time to meet with me on Tuesday. I enjoyed hearing how your team "
    "rebuilt the weekly sales dashboard.\n\nI look forward to hearing about the next steps.\n\nBest,\nSam\n"
)


def _run(*cmd, cwd=None, timeout=600, ok=(0,)):
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, cwd=cwd, timeout=timeout)
    assert proc.returncode in ok, f"{' '.join(map(str, cmd))} failed:\n{proc.stdout.decode()}\n{proc.stderr.decode()}"
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pkg")
    wheels = tmp / "wheels"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", wheels, REPO)
    (wheel,) = wheels.glob("thanklint-*.whl")
    venv = tmp / "venv"
    _run(sys.executable, "-m", "venv", venv)
    py = venv / "bin" / "python"
    site = Path(_run(py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.decode().strip())
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    _run(py, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", "--no-index", wheel)
    return venv, wheel


def test_the_wheel_contains_the_rules(installed):
    import zipfile

    _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    bundled = sorted(n for n in names if n.startswith("thanklint/rules/thankyou/"))
    for p in (REPO / "rules" / "thankyou").glob("*.yaml"):
        assert f"thanklint/rules/thankyou/{p.name}" in bundled, f"{p.name} is not in the wheel"
    # the word lists the spelling and consistency checks read at run time, and the licence texts theirs ask for
    notices = ("scowl-COPYRIGHT.txt", "medical-words-COPYRIGHT.txt", "languagetool-words-LGPL-2.1.txt",
               "place-names-COPYRIGHT.txt")
    for name in ("scowl-words.txt.gz", "medical-words.txt.gz", "languagetool-words.txt.gz", "hindi-words.txt",
                 "place-names.txt.gz", *notices):
        assert f"thanklint/rules/thankyou/data/{name}" in bundled, f"data/{name} is not in the wheel"
    for name in notices:
        assert any(n.endswith(f".dist-info/licenses/rules/thankyou/data/{name}") for n in names), name


def test_installed_cli_runs_from_another_folder(installed, tmp_path):
    venv, _ = installed
    py = venv / "bin" / "python"
    where = _run(py, "-c", "import thanklint, thanklint.packs as p; print(thanklint.__file__); print(p.rules_root())",
                 cwd=tmp_path).stdout.decode().split("\n")  # fmt: skip
    pkg_file, rules_root = Path(where[0]), Path(where[1])
    assert venv in pkg_file.parents, f"the venv imports thanklint from {pkg_file}, not from the wheel"
    assert venv in rules_root.parents, f"the installed thanklint reads its rules from {rules_root}"
    assert (pkg_file.parent / "rules" / "thankyou" / "gratitude.yaml").is_file()

    (tmp_path / "note.txt").write_text(NOTE, encoding="utf-8")
    proc = _run(venv / "bin" / "thanklint", "note.txt", "--format", "json", "--grammar-engine", "harper", cwd=tmp_path, ok=(0, 1))
    data = json.loads(proc.stdout)
    (f,) = data["files"]
    ids = {r["id"] for r in f["rules"]}
    assert {"gratitude", "closing", "placeholder"} <= ids and 0 <= f["score"] <= 100
    rules = _run(venv / "bin" / "thanklint", "rules", cwd=tmp_path).stdout.decode()
    assert "gratitude" in rules
