"""What a rule file and a pack file may contain, validated. Errors name the file,
the rule and the field."""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from dataclasses import dataclass, field
from typing import Any

from thanklint.errors import RuleFileError
from thanklint.model import Severity
from thanklint.note import Layout


@dataclass(frozen=True)
class Example:
    text: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class RuleSpec:
    id: str
    name: str
    severity: Severity
    weight: float
    kind: str
    params: dict
    message: str
    why: str
    good: tuple[Example, ...]
    bad: tuple[Example, ...]
    suggestion: str = ""
    cost: dict = field(default_factory=dict)  # severity -> share of the weight one finding costs
    path: str = ""
    pack: str = ""


@dataclass(frozen=True)
class PackSpec:
    name: str
    version: str
    description: str
    grades: tuple[tuple[str, float], ...]  # (grade, minimum score), best first
    costs: dict  # severity -> points a finding costs (capped at the rule's weight)
    caps_grade: dict  # "rule" or "rule/tag" -> the best grade a note with that problem can get (score.py)
    layout: Layout
    order: tuple[str, ...] = ()
    path: str = ""


_RULE_FIELDS = {
    "id": str, "name": str, "severity": str, "weight": (int, float), "kind": str, "params": dict,
    "message": str, "suggestion": str, "why": str, "examples": dict, "cost": dict,
}  # fmt: skip
_RULE_REQUIRED = ("id", "name", "severity", "weight", "kind", "message", "why", "examples")
MAX_WEIGHT = 100.0  # weights are relative (the score scales them to 100); this keeps them sane


def _number(value: Any, low: float, high: float) -> bool:
    """A finite number from `low` to `high` (YAML's .nan and .inf are floats too)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and low <= value <= high


def weight_problem(value: Any) -> str | None:
    """Why `value` cannot be a rule's weight, or None. Config overrides use it too."""
    return None if _number(value, 0, MAX_WEIGHT) else f"must be a number from 0 to {MAX_WEIGHT:g}"


def _check_type(path: str, rule: str | None, key: str, value: Any, want) -> None:
    if not isinstance(value, want) or isinstance(value, bool) and want is not bool:
        names = " or ".join(t.__name__ for t in (want if isinstance(want, tuple) else (want,)))
        raise RuleFileError(path, rule, key, f"expected {names}, got {type(value).__name__}")


def rule_spec(data: Any, path: str, stem: str, pack: str) -> RuleSpec:
    if not isinstance(data, dict):
        raise RuleFileError(path, None, None, "a rule file must be a mapping of fields")
    rid = data.get("id") if isinstance(data.get("id"), str) else None
    for key in data:
        if key not in _RULE_FIELDS:
            raise RuleFileError(path, rid, str(key), f"unknown field (known: {', '.join(_RULE_FIELDS)})")
    for key in _RULE_REQUIRED:
        if key not in data:
            raise RuleFileError(path, rid, key, "missing")
    for key, value in data.items():
        _check_type(path, rid, key, value, _RULE_FIELDS[key])
    if rid != stem:
        raise RuleFileError(path, rid, "id", f"must equal the file name '{stem}'")
    try:
        severity = Severity(data["severity"])
    except ValueError:
        raise RuleFileError(path, rid, "severity", "must be error, warning or info") from None
    if problem := weight_problem(data["weight"]):
        raise RuleFileError(path, rid, "weight", problem)
    examples = data["examples"]
    for key in examples:
        if key not in ("good", "bad"):
            raise RuleFileError(path, rid, f"examples.{key}", "unknown field (known: good, bad)")
    good = _examples(examples.get("good"), path, rid, "examples.good")
    bad = _examples(examples.get("bad"), path, rid, "examples.bad")
    for key in ("name", "message", "why"):
        if not data[key].strip():
            raise RuleFileError(path, rid, key, "must not be empty")
    cost = _costs(data.get("cost", {}), path, rid, "cost")
    return RuleSpec(
        id=rid, name=data["name"], severity=severity, weight=float(data["weight"]), kind=data["kind"],
        params=data.get("params") or {}, message=data["message"].strip(), why=" ".join(data["why"].split()),
        good=good, bad=bad, suggestion=data.get("suggestion", "").strip(), cost=cost, path=path, pack=pack,
    )  # fmt: skip


def _examples(items: Any, path: str, rule: str, key: str) -> tuple[Example, ...]:
    if not isinstance(items, list) or not items:
        raise RuleFileError(path, rule, key, "needs at least one example")
    out = []
    for i, item in enumerate(items, 1):
        if isinstance(item, str):
            out.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "context"}:
            out.append(Example(item["text"], dict(item.get("context") or {})))
        else:
            raise RuleFileError(path, rule, f"{key}[{i}]", "an example is a text, or a mapping with text and context")
    return tuple(out)


_PACK_FIELDS = {"name": str, "version": str, "description": str, "grades": dict, "costs": dict,
                "caps_grade": dict, "layout": dict, "order": list}  # fmt: skip
_LAYOUT_FIELDS = {"salutations": "salutations", "valedictions": "valedictions",
                  "placeholders": "placeholder_patterns", "header_keys": "header_keys", "titles": "titles",
                  "addressees": "addressees"}  # fmt: skip


def pack_spec(data: Any, path: str) -> PackSpec:
    if not isinstance(data, dict):
        raise RuleFileError(path, None, None, "pack.yaml must be a mapping of fields")
    for key in data:
        if key not in _PACK_FIELDS:
            raise RuleFileError(path, None, str(key), f"unknown field (known: {', '.join(_PACK_FIELDS)})")
    for key in ("name", "grades"):
        if key not in data:
            raise RuleFileError(path, None, key, "missing")
    for key, value in data.items():
        _check_type(path, None, key, value, _PACK_FIELDS[key])
    grades = []
    for grade, minimum in data["grades"].items():
        _check_type(path, None, f"grades.{grade}", minimum, (int, float))
        if not _number(minimum, 0, 100):
            raise RuleFileError(path, None, f"grades.{grade}", "must be a score from 0 to 100")
        grades.append((str(grade), float(minimum)))
    grades.sort(key=lambda g: -g[1])
    names = [g for g, _ in grades]
    for key, grade in data.get("caps_grade", {}).items():
        if not isinstance(key, str) or not key.strip("/") or key.count("/") > 1:
            raise RuleFileError(path, None, f"caps_grade.{key}",
                                "a key is a rule id, or a rule id and a finding tag: consistency/wrong-company")  # fmt: skip
        if grade not in names:
            raise RuleFileError(path, None, f"caps_grade.{key}", f"'{grade}' is not a grade (known: {', '.join(names)})")
    layout_data = data.get("layout", {})
    layout_kwargs = {}
    for key, value in layout_data.items():
        if key not in _LAYOUT_FIELDS:
            raise RuleFileError(path, None, f"layout.{key}", f"unknown field (known: {', '.join(_LAYOUT_FIELDS)})")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise RuleFileError(path, None, f"layout.{key}", "expected a list of texts")
        layout_kwargs[_LAYOUT_FIELDS[key]] = tuple(v.lower() if key != "placeholders" else v for v in value)
    for i, pat in enumerate(layout_kwargs.get("placeholder_patterns", ())):
        _compile(pat, path, None, f"layout.placeholders[{i + 1}]")
    costs = _costs(data.get("costs", {}), path, None, "costs")
    return PackSpec(
        name=data["name"], version=str(data.get("version", "0")), description=data.get("description", ""),
        grades=tuple(grades), costs=costs, caps_grade=dict(data.get("caps_grade", {})),
        layout=Layout(**layout_kwargs), order=tuple(str(x) for x in data.get("order", [])), path=path,
    )  # fmt: skip


def _costs(data: dict, path: str, rule: str | None, key: str) -> dict:
    out = {}
    for sev, value in data.items():
        if sev not in ("error", "warning", "info"):
            raise RuleFileError(path, rule, f"{key}.{sev}", "must be error, warning or info")
        if not _number(value, 0, 1):
            raise RuleFileError(path, rule, f"{key}.{sev}", "expected a share of the weight from 0 to 1")
        out[sev] = float(value)
    return out


def _compile(pattern: str, path: str, rule: str | None, key: str):
    import re

    try:
        return re.compile(pattern)
    except re.error as e:
        raise RuleFileError(path, rule, key, f"bad regular expression: {e}") from None


# -- kind parameters ----------------------------------------------------------------


def build_params(cls: type, raw: dict, path: str, rule: str, prefix: str = "params"):
    """Validate a rule's `params` against its kind's frozen dataclass."""
    if not isinstance(raw, dict):
        raise RuleFileError(path, rule, prefix, "expected a mapping")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    hints = typing.get_type_hints(cls)
    for key in raw:
        if key not in fields:
            raise RuleFileError(path, rule, f"{prefix}.{key}", f"unknown parameter (known: {', '.join(fields)})")
    values = {}
    for key, value in raw.items():
        values[key] = _coerce(hints[key], value, path, rule, f"{prefix}.{key}")
    missing = [k for k, f in fields.items() if k not in values and f.default is dataclasses.MISSING
               and f.default_factory is dataclasses.MISSING]  # fmt: skip
    if missing:
        raise RuleFileError(path, rule, f"{prefix}.{missing[0]}", "missing")
    try:
        return cls(**values)
    except (ValueError, TypeError) as e:
        raise RuleFileError(path, rule, prefix, str(e)) from None


def _coerce(hint, value, path, rule, key):
    origin = typing.get_origin(hint)
    if origin is tuple:
        (inner, *_rest) = typing.get_args(hint)
        if not isinstance(value, list):
            raise RuleFileError(path, rule, key, "expected a list")
        return tuple(_coerce(inner, v, path, rule, f"{key}[{i + 1}]") for i, v in enumerate(value))
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if value is None:
            return None
        return _coerce(args[0], value, path, rule, key)
    if hint is float:
        if _number(value, -math.inf, math.inf):
            return float(value)
        raise RuleFileError(path, rule, key, "expected a finite number")
    if hint in (int, str, bool):
        if isinstance(value, hint) and (hint is bool or not isinstance(value, bool)):
            return value
        raise RuleFileError(path, rule, key, f"expected {hint.__name__}")
    if hint is dict:
        if isinstance(value, dict):
            return value
        raise RuleFileError(path, rule, key, "expected a mapping")
    if dataclasses.is_dataclass(hint):
        return build_params(hint, value, path, rule, key) if isinstance(value, dict) else _bad(path, rule, key)
    return value


def _bad(path, rule, key):
    raise RuleFileError(path, rule, key, "expected a mapping")


@dataclass(frozen=True)
class Rule:
    """A rule file bound to its kind: `params` is the kind's validated params value."""

    spec: RuleSpec
    params: Any
    kind: Any  # thanklint.kinds.Kind

    @property
    def id(self) -> str:
        return self.spec.id
