"""docs/rules/*.md are generated from the rule files and must not go stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from thanklint import docgen, packs

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules"
FIX = "run `python -m thanklint.docgen` to regenerate docs/rules/ from rules/"
PAGES = docgen.render_all(packs.load().rules)


def test_every_rule_has_a_page_and_no_page_is_orphaned():
    have = {p.name for p in DOCS.glob("*.md")}
    assert have == set(PAGES), (
        f"docs/rules/ is out of step with rules/: missing {sorted(set(PAGES) - have)}, "
        f"orphaned {sorted(have - set(PAGES))}; {FIX}"
    )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_fresh(name):
    page = DOCS / name
    assert page.exists(), f"docs/rules/{name} is missing; {FIX}"
    assert page.read_text(encoding="utf-8") == PAGES[name], f"docs/rules/{name} is stale; {FIX}"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_has_the_fixed_sections(name):
    text = PAGES[name]
    for heading in ("## What it checks", "## Why it matters", "## Weak", "## Better", "## Settings",
                    "## Severity and weight"):  # fmt: skip
        assert heading in text, f"{name}: section '{heading}' is missing"
