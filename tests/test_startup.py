"""What a cold run loads, and in what order (issue 10, item 4): a run loads only the
spaCy components its rules read, leaves out what no rule reads, opens Harper before
spaCy's load so the two overlap, and imports no LanguageTool client when it checks
with Harper. Asserted on what is loaded, not on timings (the machine is shared)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import HARPER, STRONG_NOTE


# One cold CLI run, seen from inside: when Harper's construction and spaCy's load start and
# end (and in which thread), and which modules the run imported.
_PROBE = """
import json, sys, threading
from thanklint import cli, nlp
from thanklint.grammar import harper
events = []
def record(owner, attr, name):
    f = getattr(owner, attr)
    def wrapped(*a, **k):
        events.append((name + " start", threading.current_thread().name))
        try:
            return f(*a, **k)
        finally:
            events.append((name + " end", threading.current_thread().name))
    setattr(owner, attr, wrapped)
record(harper.HarperEngine, "__init__", "harper")
record(nlp, "load", "spacy")
code = cli.main(sys.argv[1:])
print(json.dumps({"events": events, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


@pytest.fixture(scope="module")
def cold_run(tmp_path_factory):
    """(the JSON report, the recorded events, the imported modules) of one cold run."""
    tmp = tmp_path_factory.mktemp("cold")
    (tmp / "note.txt").write_text(STRONG_NOTE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _PROBE, "--isolated", "--no-cache", *HARPER, "--format", "json",
                           "note.txt"], cwd=tmp, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    seen = json.loads(proc.stderr.strip().splitlines()[-1])
    return json.loads(proc.stdout), [tuple(e) for e in seen["events"]], set(seen["modules"])


def test_a_harper_run_imports_no_languagetool_client(cold_run):
    report, _, modules = cold_run
    assert report["files"][0]["engine"]["grammar"].startswith("harper"), report
    assert "harper" in modules and "spacy" in modules
    assert not {m for m in modules if m.startswith(("language_tool_python", "thanklint.grammar.languagetool"))}
    assert "thanklint.formatters.text_format" not in modules  # json needs no terminal renderer


def test_harper_opens_in_its_thread_while_spacy_loads(cold_run):
    """Harper's construction starts in the engine's thread before spaCy's load is over, so
    its dictionary build (harper-py releases the GIL while building) overlaps the load."""
    _, events, _ = cold_run
    names = [e[0] for e in events]
    harper_start = names.index("harper start")
    assert events[harper_start][1] != "MainThread", events
    assert names.index("spacy start") < names.index("spacy end")
    assert harper_start < names.index("spacy end"), events


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
