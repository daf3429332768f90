"""Rule documentation, generated from the rule files: docs/rules/<id>.md,
`thanklint rules ID`, and the language server's hover all come from here.

    python -m thanklint.docgen          # rewrite docs/rules/ from rules/
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from thanklint.spec import Rule

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def _example(text: str) -> str:
    return "```text\n" + text.rstrip("\n") + "\n```\n"


def _params(rule: Rule) -> str:
    import yaml

    if not rule.spec.params:
        return "This rule has no settings.\n"
    class Plain(yaml.SafeDumper):  # a list the pack shares by a YAML anchor is written out in full, each time
        def ignore_aliases(self, data):
            return True

    body = yaml.dump(rule.spec.params, Dumper=Plain, allow_unicode=True, sort_keys=False, width=100)
    return (
        f"Change any of these under `[rules.{rule.id}]` in `thanklint.toml`; "
        f"`rules.{rule.id} = false` turns the rule off.\n\n```yaml\n{body}```\n"
    )


def why(rule: Rule) -> str:
    return rule.spec.why


def render_rule(rule: Rule) -> str:
    s = rule.spec
    good, bad = s.good[0], s.bad[0]
    ctx = lambda ex: f"\nWith context: `{ex.context}`\n" if ex.context else ""  # noqa: E731
    return (
        f"# {s.id}: {s.name}\n\n"
        f"## What it checks\n\n{s.name}. {s.message}\n\n"
        f"## Why it matters\n\n{why(rule)}\n\n"
        f"## Weak\n\n{_example(bad.text)}{ctx(bad)}\n"
        f"## Better\n\n{_example(good.text)}{ctx(good)}\n"
        f"## Settings\n\n{_params(rule)}\n"
        f"## Severity and weight\n\nSeverity `{s.severity.value}`, weight {s.weight:g} "
        f"(kind `{s.kind}`, pack `{s.pack}`).\n"
    )


def rule_list(rules, pack) -> str:
    """The rules with the points each is worth, and how weights, costs and the pack's
    grade caps turn findings into a score (docs/scoring.md says it at length)."""
    width = max(len(r.id) for r in rules)
    total = sum(r.spec.weight for r in rules) or 1
    head = f"{'id':<{width}}  {'severity':<8}  weight  points  name"
    lines = [head] + [
        f"{r.id:<{width}}  {r.spec.severity.value:<8}  {r.spec.weight:>6g}  {100 * r.spec.weight / total:>6.1f}  {r.spec.name}"
        for r in rules
    ]
    costs = ", ".join(f"{sev} {share:.0%}" for sev, share in pack.costs.items())
    grades = ", ".join(f"{g} ≥ {m:g}" for g, m in pack.grades if m > 0) + f", else {pack.grades[-1][0]}"
    points = (
        f"Points: a rule's weight as a share of 100 — weight × 100 / {total:g}, the weights of these rules added "
        "up (a rule that is skipped, such as grammar with no engine, leaves its share to the others). A rule "
        f"whose element is missing loses all its points; otherwise each finding costs a share of them ({costs}; "
        "a rule file may set its own), never more than the rule's points."
    )
    ids = {r.id for r in rules}
    caps = [f"  {key:<{width + 20}}  {grade}" for key, grade in pack.caps_grade.items() if key.split("/")[0] in ids]
    return "\n".join([
        *lines, "", textwrap.fill(points, 100), "",
        textwrap.fill(f"Grades: {grades}. Whatever its score, a note with one of these problems (a rule's warning "
                      "or error, or a finding of that tag) gets at best the grade beside it:", 100),
        *caps, "", "Run 'thanklint rules ID' for what a rule checks and why; docs/scoring.md explains the score.", "",
    ])  # fmt: skip


def render_all(rules) -> dict[str, str]:
    return {f"{r.id}.md": render_rule(r) for r in rules}


def main() -> int:
    from thanklint import packs

    DOCS.mkdir(parents=True, exist_ok=True)
    pages = render_all(packs.load().rules)
    for old in DOCS.glob("*.md"):
        if old.name not in pages:
            old.unlink()
    for name, text in pages.items():
        (DOCS / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {DOCS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
