"""Meta-tests over the rule files themselves (proselint's test_check_structures):
every rule file under rules/ is valid, and a broken rule file is reported with the
file, the rule and the field named."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from thanklint import packs
from thanklint.api import Linter
from thanklint.config import apply, Config
from thanklint.errors import ConfigError, RuleFileError
from thanklint.kinds import registry

REPO = Path(__file__).resolve().parents[1]
# rules/<pack>/data/ holds the pack's corpus and measured figures, not rules
RULE_FILES = sorted(p for p in (REPO / "rules").rglob("*.yaml") if p.name != "pack.yaml" and p.parent.name != "data")


def test_there_are_rule_files():
    assert len(RULE_FILES) >= 10, f"expected the thankyou pack's rule files under {REPO / 'rules'}"


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_rule_file_is_valid(path: Path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.relative_to(REPO)
    assert isinstance(raw, dict), f"{where}: not a mapping"
    assert raw.get("id") == path.stem, f"{where}: id {raw.get('id')!r} must equal the file stem {path.stem!r}"
    assert raw.get("kind") in registry(), f"{where}: kind {raw.get('kind')!r} is not a registered kind"
    for key in ("name", "message", "why"):
        assert isinstance(raw.get(key), str) and raw[key].strip(), f"{where}: '{key}' is empty or missing"
    examples = raw.get("examples") or {}
    assert len(examples.get("good") or []) >= 1, f"{where}: needs at least one good example"
    assert len(examples.get("bad") or []) >= 1, f"{where}: needs at least one bad example"
    assert raw.get("severity") in ("error", "warning", "info"), f"{where}: bad severity {raw.get('severity')!r}"
    assert isinstance(raw.get("weight"), (int, float)) and raw["weight"] >= 0, f"{where}: bad weight"


def test_every_rule_file_loads_into_the_default_rule_set():
    ruleset = packs.load()
    loaded = {r.id: Path(r.spec.path).resolve() for r in ruleset.rules}
    bundled = {p.stem for p in RULE_FILES if p.parent.name == packs.DEFAULT_PACK}
    assert bundled <= set(loaded), f"rule files not loaded: {sorted(bundled - set(loaded))}"


def test_pack_order_names_real_rules():
    ruleset = packs.load()
    ids = {r.id for r in ruleset.rules}
    # grammar and spelling are engine rules that may be added later; every other id must exist
    unknown = [rid for rid in ruleset.pack.order if rid not in ids and rid not in ("grammar", "spelling")]
    assert not unknown, f"pack.yaml order names unknown rules: {unknown}"


def test_pack_grades_are_ordered_best_first():
    pack = packs.load().pack
    minimums = [m for _, m in pack.grades]
    assert minimums == sorted(minimums, reverse=True)
    assert [g for g, _ in pack.grades][0] == "Ready to send"


# -- broken rule files ---------------------------------------------------------------

GOOD_RULE = """\
id: {id}
name: Mentions the weather
severity: warning
weight: 5
kind: signal
params:
  cues: [weather, rain]
message: Say something about the weather.
why: Small talk matters.
examples:
  good: ["Hi Dana,\\n\\nThe weather was lovely.\\n\\nBest,\\nSam"]
  bad: ["Hi Dana,\\n\\nThank you.\\n\\nBest,\\nSam"]
"""


def _pack(tmp_path: Path, stem: str, body: str) -> Path:
    folder = tmp_path / "house"
    folder.mkdir(exist_ok=True)
    (folder / f"{stem}.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return folder


def test_a_valid_extra_pack_loads_and_runs(tmp_path, linter):
    folder = _pack(tmp_path, "weather", GOOD_RULE.format(id="weather"))
    ruleset = packs.load((folder,))
    assert ruleset.get("weather") is not None
    assert ruleset.get("gratitude") is not None, "the bundled pack must still load beside an extra pack"


BROKEN = {
    # case: (stem, text, field the error must name, words the reason must contain)
    "unknown-key": ("weather", GOOD_RULE.format(id="weather") + "colour: blue\n", "colour", "unknown field"),
    "bad-severity": ("weather", GOOD_RULE.format(id="weather").replace("severity: warning", "severity: fatal"),
                     "severity", "error, warning or info"),
    "unknown-kind": ("weather", GOOD_RULE.format(id="weather").replace("kind: signal", "kind: telepathy"),
                     "kind", "unknown kind 'telepathy'"),
    "unknown-param": ("weather", GOOD_RULE.format(id="weather").replace("  cues:", "  sparkle: 3\n  cues:"),
                      "params.sparkle", "unknown parameter"),
    "id-not-stem": ("weather", GOOD_RULE.format(id="climate"), "id", "weather"),
    "missing-bad-examples": ("weather", GOOD_RULE.format(id="weather").replace(
        '  bad: ["Hi Dana,\\n\\nThank you.\\n\\nBest,\\nSam"]\n', ""), "examples.bad", "at least one"),
    "empty-good-examples": ("weather", GOOD_RULE.format(id="weather").replace(
        '  good: ["Hi Dana,\\n\\nThe weather was lovely.\\n\\nBest,\\nSam"]', "  good: []"), "examples.good",
        "at least one"),
    "missing-examples": ("weather", GOOD_RULE.format(id="weather").split("examples:")[0], "examples", "missing"),
    "bad-cue-syntax": ("weather", GOOD_RULE.format(id="weather").replace("cues: [weather, rain]", "cues: ['weather ~x']"),
                       "params", "~"),
    "bad-weight-type": ("weather", GOOD_RULE.format(id="weather").replace("weight: 5", "weight: lots"),
                        "weight", "expected"),
    # numbers must be finite and in range (YAML's .nan and .inf are floats)
    "weight-nan": ("weather", GOOD_RULE.format(id="weather").replace("weight: 5", "weight: .nan"), "weight", "0 to 100"),
    "weight-inf": ("weather", GOOD_RULE.format(id="weather").replace("weight: 5", "weight: .inf"), "weight", "0 to 100"),
    "cost-nan": ("weather", GOOD_RULE.format(id="weather") + "cost:\n  warning: .nan\n", "cost.warning", "0 to 1"),
    "float-param-nan": ("weather", GOOD_RULE.format(id="weather").replace("  cues:", "  threshold: .nan\n  cues:"),
                        "params.threshold", "finite"),
    "bad-regex-in-group": ("manners", """\
        id: manners
        name: No shouting
        severity: warning
        weight: 5
        kind: pattern
        params:
          groups:
            - name: shouting
              message: Do not shout.
              regex: ['[A-Z{5,}']
        message: Keep it calm.
        why: Calm notes read better.
        examples:
          good: ["Hi Dana,\\n\\nThank you.\\n\\nBest,\\nSam"]
          bad: ["Hi Dana,\\n\\nTHANK YOU.\\n\\nBest,\\nSam"]
        """, "params", ""),
    "bad-backreference": ("manners", """\
        id: manners
        name: No echoes
        severity: warning
        weight: 5
        kind: pattern
        params:
          groups:
            - name: echo
              message: Do not repeat.
              regex: ['(a)\\2']
        message: Say it once.
        why: Once reads better.
        examples:
          good: ["Hi Dana,\\n\\nThank you.\\n\\nBest,\\nSam"]
          bad: ["Hi Dana,\\n\\nThank you you.\\n\\nBest,\\nSam"]
        """, "params.groups[1]", "bad regular expression"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_rule_file_names_file_rule_and_field(tmp_path, case):
    stem, text, field, reason = BROKEN[case]
    folder = _pack(tmp_path, stem, text)
    with pytest.raises(RuleFileError) as info:
        packs.load((folder,))
    e = info.value
    message = str(e)
    assert Path(e.path).name == f"{stem}.yaml", f"{case}: error does not name the file: {message}"
    assert f"{stem}.yaml" in message, f"{case}: message does not name the file: {message}"
    assert e.rule in (stem, "climate"), f"{case}: error does not name the rule: {message}"
    assert f"rule '{e.rule}'" in message, f"{case}: message does not name the rule: {message}"
    assert e.field is not None and e.field.startswith(field), f"{case}: expected field {field!r}, got {e.field!r}: {message}"
    assert f"field '{e.field}'" in message, f"{case}: message does not name the field: {message}"
    assert reason in message, f"{case}: expected {reason!r} in: {message}"


def test_bad_yaml_names_the_file_and_line(tmp_path):
    folder = _pack(tmp_path, "weather", "id: weather\nname: [unclosed\nseverity: warning\n")
    with pytest.raises(RuleFileError) as info:
        packs.load((folder,))
    message = str(info.value)
    assert "weather.yaml" in message and "not valid YAML" in message, message
    assert "line" in message, f"a YAML error should say where: {message}"


def test_a_rule_id_that_repeats_a_bundled_rule_is_an_error(tmp_path):
    folder = _pack(tmp_path, "gratitude", GOOD_RULE.format(id="gratitude"))
    with pytest.raises(RuleFileError) as info:
        packs.load((folder,))
    assert "already defined" in str(info.value) and "gratitude" in str(info.value)


def test_an_empty_pack_folder_is_an_error(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(RuleFileError, match="no rule files"):
        packs.load((tmp_path / "empty",))


def test_broken_rule_file_through_config_packs(tmp_path):
    """A user's thanklint.toml `packs = [...]` pointing at a broken pack."""
    _pack(tmp_path, "weather", GOOD_RULE.format(id="weather").replace("kind: signal", "kind: telepathy"))
    toml = tmp_path / "thanklint.toml"
    toml.write_text('packs = ["house"]\n', encoding="utf-8")
    cfg = apply(Config(), {"packs": ["house"]}, str(toml))
    assert cfg.packs == (str((tmp_path / "house").resolve()),), "packs are resolved against the config's folder"
    with pytest.raises(RuleFileError) as info:
        Linter.create(cfg)
    assert "weather.yaml" in str(info.value) and "'kind'" in str(info.value) and "telepathy" in str(info.value)


def test_config_param_override_with_a_bad_value_is_a_config_error():
    with pytest.raises(ConfigError) as info:
        Linter.create(Config(rules={"length": {"min_words": "many"}}))
    assert "length" in str(info.value) and "min_words" in str(info.value), str(info.value)
