"""Apply config to the rule set, then run the enabled rules over one analysis."""

from __future__ import annotations

from dataclasses import fields, replace

from thanklint.context import Context
from thanklint.errors import ConfigError, RuleFileError
from thanklint.model import RuleResult, Severity, Status
from thanklint.packs import RuleSet, bind
from thanklint.spec import Rule, weight_problem


def configure(ruleset: RuleSet, overrides: dict, vocabulary: tuple[str, ...] = (),
              sources: dict | None = None) -> tuple[Rule, ...]:  # fmt: skip
    """The enabled rules with the config's severity, weight and params applied; the
    user's vocabulary goes to every rule whose kind takes one."""
    known = {r.id for r in ruleset.rules}
    sources = sources or {}
    for rid in overrides:
        if rid not in known:
            where = sources.get(rid, "config")
            raise ConfigError(f"{where}: unknown rule id '{rid}' in [rules] (known: {', '.join(sorted(known))})")
    out = []
    for rule in ruleset.rules:
        o = dict(overrides.get(rule.id, {}))
        if vocabulary and "vocabulary" in {f.name for f in fields(rule.params)}:
            o["vocabulary"] = list(rule.params.vocabulary) + list(o.get("vocabulary", [])) + list(vocabulary)
        if o.pop("enabled", True) is False:
            continue
        spec = rule.spec
        if "severity" in o:
            try:
                spec = replace(spec, severity=Severity(o.pop("severity")))
            except ValueError:
                raise ConfigError(f"{sources.get(rule.id, 'config')}: rules.{rule.id}.severity must be error, warning or info") from None
        if "weight" in o:
            w = o.pop("weight")
            if problem := weight_problem(w):
                raise ConfigError(f"{sources.get(rule.id, 'config')}: rules.{rule.id}.weight {problem}")
            spec = replace(spec, weight=float(w))
        if o:
            try:
                rule = bind(spec, {**spec.params, **o})
            except RuleFileError as e:
                key = (e.field or "").replace("params.", "")
                raise ConfigError(f"{sources.get(rule.id, 'config')}: rules.{rule.id}.{key}: {e.reason}") from None
        elif spec is not rule.spec:
            rule = replace(rule, spec=spec)
        out.append(rule)
    return tuple(out)


def needs(rules: tuple[Rule, ...]) -> frozenset[str]:
    out: set[str] = set()
    for r in rules:
        out |= r.kind.needs
    return frozenset(out)


def run(analysis, ctx: Context, rules: tuple[Rule, ...], known: frozenset[str] = frozenset()) -> tuple[list[RuleResult], list[str]]:
    """Run the rules; honour the note's control lines. Returns the results and notices
    (problems with the control lines themselves)."""
    note = analysis.note
    off = note.disabled_rules()
    ignored = note.ignored_lines()
    known = known or frozenset(r.id for r in rules)
    notices = [f"line {d.line}: unknown rule '{r}' in a thanklint control line"
               for d in note.directives for r in d.rules if r not in known]  # fmt: skip
    results = []
    for rule in rules:
        if rule.id in off:
            results.append(RuleResult(rule.id, Status.SKIP, (), f"disabled in the note (line {off[rule.id]})"))
            continue
        result = rule.kind.check(analysis, ctx, rule)
        if ignored and result.findings:
            kept = tuple(f for f in result.findings if f.span.line not in ignored)
            if len(kept) < len(result.findings):
                result = replace(result, findings=kept, absent=result.absent and bool(kept))
        if result.status is Status.FAIL and not result.findings:
            result = replace(result, status=Status.PASS)
        results.append(result)
    return results, notices
