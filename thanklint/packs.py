"""Find rule packs (bundled, config paths), load their YAML safely and bind each
rule to its kind. Every error names the file, the rule and the field."""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from pathlib import Path

from thanklint.errors import RuleFileError
from thanklint.files import Unreadable, read_bytes
from thanklint.kinds import registry
from thanklint.spec import PackSpec, Rule, RuleSpec, build_params, pack_spec, rule_spec

DEFAULT_PACK = "thankyou"
MAX_RULE_BYTES = 1_000_000  # a rule file is a page of YAML; the cap keeps a runaway file from stalling the load


@dataclass(frozen=True)
class RuleSet:
    pack: PackSpec  # the default pack: grades, costs, layout
    rules: tuple[Rule, ...]

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def rules_root() -> Path:
    """The bundled packs: inside the installed package, else the checkout's rules/."""
    inside = importlib.resources.files("thanklint") / "rules"
    if inside.is_dir():
        return Path(str(inside))
    return Path(__file__).resolve().parent.parent / "rules"


def _yaml(path: Path):
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(read_bytes(path, MAX_RULE_BYTES).decode("utf-8"), Loader=loader)
    except FileNotFoundError:
        raise RuleFileError(str(path), None, None, "no such file") from None
    except Unreadable as e:
        raise RuleFileError(str(path), None, None, str(e)) from None
    except UnicodeDecodeError:
        raise RuleFileError(str(path), None, None, "is not UTF-8 text") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise RuleFileError(str(path), None, None, f"is not valid YAML{where}: {getattr(e, 'problem', e)}") from None


def bind(spec: RuleSpec, params: dict | None = None) -> Rule:
    kinds = registry()
    k = kinds.get(spec.kind)
    if k is None:
        raise RuleFileError(spec.path, spec.id, "kind", f"unknown kind '{spec.kind}' (known: {', '.join(sorted(kinds))})")
    return Rule(spec, build_params(k.params, spec.params if params is None else params, spec.path, spec.id), k)


def load_pack(folder: Path) -> tuple[PackSpec | None, list[Rule]]:
    if not folder.is_dir():
        raise RuleFileError(str(folder), None, None, "is not a folder of rule files")
    pack = None
    meta = folder / "pack.yaml"
    if meta.exists():
        pack = pack_spec(_yaml(meta), str(meta))
    name = pack.name if pack else folder.name
    rules = []
    for path in sorted(folder.glob("*.yaml")):
        if path.name == "pack.yaml":
            continue
        rules.append(bind(rule_spec(_yaml(path), str(path), path.stem, name)))
    if not rules:
        raise RuleFileError(str(folder), None, None, "has no rule files (*.yaml)")
    ids = {r.id for r in rules}
    for key in pack.caps_grade if pack else ():  # a typo would silently cap nothing
        if key.split("/")[0] not in ids:
            raise RuleFileError(str(meta), None, f"caps_grade.{key}", f"no rule '{key.split('/')[0]}' in this pack")
    return pack, rules


def load(extra: tuple[str | Path, ...] = ()) -> RuleSet:
    pack, rules = load_pack(rules_root() / DEFAULT_PACK)
    assert pack is not None, "the bundled pack has a pack.yaml"
    seen = {r.id: r.spec.path for r in rules}
    for folder in extra:
        _, more = load_pack(Path(folder))
        for r in more:
            if r.id in seen:
                raise RuleFileError(r.spec.path, r.id, "id", f"already defined in {seen[r.id]}")
            seen[r.id] = r.spec.path
        rules.extend(more)
    rank = {rid: i for i, rid in enumerate(pack.order)}
    rules.sort(key=lambda r: (rank.get(r.id, len(rank)), r.id))
    return RuleSet(pack, tuple(rules))
