"""What a cold run loads, and in what order (issue 10, item 4): a run loads only the
spaCy components its rules read, leaves out what no rule reads, opens Harper before
spaCy's load so the two overlap, and imports no LanguageTool client when it checks
with Harper. Asserted on what is loaded, not on timings (the machine is shared)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import HARPER, REPO, STRONG_NOTE, run_cli


def _imported(stderr: str) -> set[str]:
    """The modules a run imported, from PYTHONPROFILEIMPORTTIME's lines on stderr."""
    return {m.group(1) for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", stderr, re.M)}


def test_a_harper_run_imports_no_languagetool_client(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(STRONG_NOTE, encoding="utf-8")
    proc = run_cli("--isolated", "--no-cache", *HARPER, "--format", "json", str(note), cwd=tmp_path,
                   env={"PYTHONPROFILEIMPORTTIME": "1"})  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr.decode()[-2000:]
    report = json.loads(proc.stdout)  # the import timings went to stderr; stdout is the report alone
    assert report, proc.stdout
    imported = _imported(proc.stderr.decode())
    assert "harper" in imported and "spacy" in imported  # the parse of stderr works
    assert not {m for m in imported if m.startswith(("language_tool_python", "thanklint.grammar.languagetool"))}
    assert "thanklint.formatters.text_format" not in imported  # json needs no terminal renderer


def test_spacy_is_loaded_with_only_the_components_the_rules_read():
    from thanklint import nlp
    from thanklint.api import Linter
    from thanklint.config import Config, Grammar

    default = Linter.create(Config(grammar=Grammar(engine="off")))
    assert nlp.load(default.needs).component_names == ["tok2vec", "tagger", "parser", "attribute_ruler",
                                                       "lemmatizer", "ner"]  # fmt: skip
    # "senter" is disabled in the model (the parser splits sentences): excluded, not loaded
    assert "senter" not in nlp.load(default.needs).component_names
    # rules that read no named entities: no NER model is loaded
    no_ner = nlp.load(frozenset({"lemmatizer", "parser"}))
    assert "ner" not in no_ner.component_names
    assert [s.text for s in no_ner("Thank you. I enjoyed it.").sents] == ["Thank you.", "I enjoyed it."]


def test_harper_opens_before_spacy_loads(tmp_path):
    """The grammar engine's thread is started before spaCy's load begins, so Harper's
    dictionary build (it releases the GIL) runs while spaCy loads."""
    note = tmp_path / "note.txt"
    note.write_text(STRONG_NOTE, encoding="utf-8")
    script = """
import sys, threading
from thanklint import cli, nlp
from thanklint.grammar import harper
events = []
def record(owner, attr, name):
    f = getattr(owner, attr)
    def wrapped(*a, **k):
        events.append(name + " start " + threading.current_thread().name)
        try:
            return f(*a, **k)
        finally:
            events.append(name + " end")
    setattr(owner, attr, wrapped)
record(harper.HarperEngine, "__init__", "harper")
record(nlp, "load", "spacy")
code = cli.main(sys.argv[1:])
print("\\n".join(events), file=sys.stderr)
"""
    proc = subprocess.run([sys.executable, "-c", script, "--isolated", "--no-cache", *HARPER, "--format", "json",
                           str(note)], cwd=tmp_path, capture_output=True, text=True, timeout=120)  # fmt: skip
    events = proc.stderr.strip().splitlines()
    assert json.loads(proc.stdout), proc.stderr[-2000:]
    harper_start = next(i for i, e in enumerate(events) if e.startswith("harper start"))
    spacy_start = next(i for i, e in enumerate(events) if e.startswith("spacy start"))
    assert "MainThread" not in events[harper_start]  # in the engine's own thread
    assert harper_start < spacy_start or events.index("spacy end") > harper_start, events
