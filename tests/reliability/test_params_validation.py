"""Every params key is validated up front: a wrong type, an out-of-range value or an
unknown key fails with one line naming the dotted key, before any compute."""

from __future__ import annotations

import copy
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import annotated_types as at
import pytest
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from corpus_mining.config import Params, parse_params
from corpus_mining.errors import ParamsError

from helpers import ROOT

SHIPPED: dict[str, Any] = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
SECTIONS: dict[str, type[BaseModel]] = {
    name: typing.cast(type[BaseModel], field.annotation)
    for name, field in Params.model_fields.items()
    if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel)
}


def _is_text(annotation: Any) -> bool:
    return annotation in (str, Path) or str in typing.get_args(annotation)


def _wrong_types(field: FieldInfo) -> list[Any]:
    """Values of the wrong type for ``field``: a mapping (or list) and a scalar."""
    origin = typing.get_origin(field.annotation)
    container = [1, 2] if origin is dict else {"nested": True}
    scalar = [1, 2] if _is_text(field.annotation) else "not-a-number"
    return [container, scalar]


def _out_of_range(field: FieldInfo) -> list[Any]:
    """Values just outside each numeric bound (and empty collections under min_length)."""
    step = 1 if field.annotation is int else 0.5
    values: list[Any] = []
    for bound in field.metadata:
        if isinstance(bound, at.Ge) and isinstance(bound.ge, int | float):
            values.append(bound.ge - step)
        elif isinstance(bound, at.Gt) and isinstance(bound.gt, int | float):
            values.append(bound.gt)
        elif isinstance(bound, at.Le) and isinstance(bound.le, int | float):
            values.append(bound.le + step)
        elif isinstance(bound, at.Lt) and isinstance(bound.lt, int | float):
            values.append(bound.lt)
        elif isinstance(bound, at.MinLen) and bound.min_length > 0:
            values.append({} if typing.get_origin(field.annotation) is dict else [])
    return values


def _cases() -> list[Any]:
    cases = []
    for section, model in SECTIONS.items():
        for name, field in model.model_fields.items():
            for kind, values in (("type", _wrong_types(field)), ("range", _out_of_range(field))):
                cases += [
                    pytest.param(section, name, value, id=f"{section}.{name}-{kind}-{value!r}")
                    for value in values
                ]
    return cases


def _fails_naming(raw: dict[str, Any], key: str) -> str:
    with pytest.raises(ParamsError) as caught:
        parse_params(raw)
    message = str(caught.value)
    assert "\n" not in message and message.strip() == message
    assert f" {key}:" in message or f" {key}." in message, message
    return message


def test_every_field_of_every_section_is_covered():
    covered = {(c.values[0], c.values[1]) for c in _cases()}
    every = {(s, f) for s, model in SECTIONS.items() for f in model.model_fields}
    assert covered == every
    # the numeric knobs all have bounds, so each has an out-of-range case
    numeric = {
        (s, f)
        for s, model in SECTIONS.items()
        for f, info in model.model_fields.items()
        if info.annotation in (int, float)
    }
    ranged = {(c.values[0], c.values[1]) for c in _cases() if "-range-" in str(c.id)}
    assert numeric <= ranged


def test_shipped_params_are_valid():
    parse_params(SHIPPED)


@pytest.mark.parametrize(("section", "name", "value"), _cases())
def test_bad_value_fails_with_one_line_naming_the_key(section, name, value):
    raw = copy.deepcopy(SHIPPED)
    raw.setdefault(section, {})[name] = value
    _fails_naming(raw, f"{section}.{name}")


@pytest.mark.parametrize("section", list(SECTIONS))
def test_unknown_key_in_each_section_fails_naming_it(section):
    raw = copy.deepcopy(SHIPPED)
    raw.setdefault(section, {})["n_neighbours_typo"] = 3
    message = _fails_naming(raw, f"{section}.n_neighbours_typo")
    assert "unknown key" in message


@pytest.mark.parametrize("section", list(SECTIONS))
def test_section_of_the_wrong_type_fails_naming_it(section):
    raw = copy.deepcopy(SHIPPED)
    raw[section] = ["not", "a", "mapping"]
    with pytest.raises(ParamsError, match=rf"params\.yaml: {section}: "):
        parse_params(raw)


def test_every_top_level_key_is_a_section_or_the_engine():
    assert set(Params.model_fields) == {*SECTIONS, "engine"}


@pytest.mark.parametrize("value", ["spark", 2, None])
def test_unknown_engine_fails_naming_it(value):
    raw = {**copy.deepcopy(SHIPPED), "engine": value}
    assert "local" in _fails_naming(raw, "engine")


def test_unknown_section_fails_naming_it():
    raw = {**copy.deepcopy(SHIPPED), "topcis": {"seed": 1}}
    assert "unknown key" in _fails_naming(raw, "topcis")


@pytest.mark.parametrize(
    ("key", "value"), [("ingest.max_skip_ratio", 1.5), ("topics.reducer", "tsne")]
)
def test_cli_stops_with_one_line_before_any_work(tmp_path, key, value):
    section, name = key.split(".")
    raw = copy.deepcopy(SHIPPED)
    raw[section][name] = value
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "corpus_mining", section, "--params", "params.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"{key}:" in lines[0], result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["params.yaml"]  # nothing written
