"""The corpus's train/test split by site stays put when notes from new sites are added,
so the held-out figures (bench/content.py, bench/grades.py) stay comparable."""

from __future__ import annotations

import json
import shutil

from thanklint import classifier
from thanklint.train import DATA, load_corpus, split_sites


def test_the_shipped_split_is_the_shipped_models_held_out_sites():
    _, _, test_sites = load_corpus()
    assert test_sites == set(classifier.load().meta["thanklint"]["test_sites"])


def test_notes_from_new_sites_train_and_move_no_site(tmp_path):
    for name in ("notes.jsonl", "sentences.jsonl", "test-sites.txt"):
        shutil.copy(DATA / name, tmp_path / name)
    _, _, before = load_corpus(tmp_path)
    new = [f"careers{k}.example.org" for k in range(5)]
    with (tmp_path / "notes.jsonl").open("a", encoding="utf-8") as f:
        for k, site in enumerate(new):
            f.write(json.dumps({"id": f"new-{k}", "source": f"https://{site}/thank-you", "site": site,
                                "presented_as": "good", "text": "Dear Ms. Ito,\nThank you.\nBest,\nSam"}) + "\n")  # fmt: skip
    notes, _, after = load_corpus(tmp_path)
    assert after == before and not after & set(new)
    # a fresh draw would have moved the split: it holds out a share of all the sites
    assert len(split_sites(notes)) > len(before)


def test_a_corpus_without_a_list_draws_its_split_by_site(tmp_path):
    shutil.copy(DATA / "notes.jsonl", tmp_path / "notes.jsonl")
    shutil.copy(DATA / "sentences.jsonl", tmp_path / "sentences.jsonl")
    notes, _, test_sites = load_corpus(tmp_path)
    assert test_sites == split_sites(notes) and test_sites
