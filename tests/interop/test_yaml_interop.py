"""Tollgate's YAML reader and writer against PyYAML, through the `YAMLBench` executable (built
next to `tollgate` by `swift build`): `YAMLBench to-yaml FILE` writes a JSON file as YAML with
`YAMLWriter`, `YAMLBench to-json FILE` reads YAML with `YAMLReader` and prints compact JSON.

Checks that what we write loads in PyYAML (a YAML 1.1 reader) as the same JSON, that what
PyYAML dumps (block and flow style, wrapped lines, escapes) loads in ours as the same JSON, and
that an OpenAPI-like document reads the same in both.
"""
import json
import os
import random
import subprocess
import sys

import pytest
import yaml

from conftest import tollgate_bin

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def yaml_bench():
    path = os.path.join(os.path.dirname(tollgate_bin()), "YAMLBench")
    assert os.path.exists(path), f"{path} is missing: run `swift build` (it builds the YAMLBench target)"
    return path


def run(mode, text, tmp_path):
    source = tmp_path / "input"
    source.write_text(text, encoding="utf-8")
    return subprocess.run([yaml_bench(), mode, str(source)], capture_output=True, text=True, timeout=60)


ALPHABET = list("aZ09 :#-?'\"\\,[]{}&*!|>%@`.~\t\n") + ["é", "日本", "😀", "\x01", "\x7f", "\x85", "\u2028", "\ufeff"]
WORDS = ["yes", "No", "on", "OFF", "y", "n", "null", "~", "true", "False", "1", "0x1F", "1_000", "1:20", "1.5",
         ".inf", ".NaN", "2001-12-14", "2001-12-14 21:59:43.10 -5", "=", "<<", "", "-", " lead", "trail ", "a: b", "a #b"]
# Strings YAML 1.2's core schema reads as numbers but YAML 1.1 does not, so PyYAML writes them
# plain: the one place where the two schemas disagree on PyYAML's output (see the last test).
SCHEMA_1_2_NUMBERS = ["1e3", "0o7", "-2E-1"]


def random_string(rng):
    if rng.random() < 0.35:
        return rng.choice(WORDS)
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 12)))


def random_value(rng, depth=0):
    kind = rng.randrange(0, 4 if depth > 3 else 6)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.choice([0, -7, 42, 2**40, 0.5, -2.25, 1e-05, 1.5e300])
    if kind in (2, 3):
        return random_string(rng)
    if kind == 4:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {random_string(rng): random_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))}


def test_what_we_write_loads_in_pyyaml_as_the_same_json(tmp_path):
    rng = random.Random(2026)
    values = [random_value(rng) for _ in range(150)]
    values.append({w: w for w in WORDS + SCHEMA_1_2_NUMBERS})
    for value in values:
        result = run("to-yaml", json.dumps(value), tmp_path)
        assert result.returncode == 0, result.stderr
        loaded = yaml.safe_load(result.stdout)
        assert loaded == value, f"PyYAML read {loaded!r} from:\n{result.stdout}"


@pytest.mark.parametrize("style", [
    dict(default_flow_style=False),
    dict(default_flow_style=True),
    dict(default_flow_style=False, allow_unicode=True, width=20),
    dict(default_flow_style=None, explicit_start=True, explicit_end=True, indent=4),
    dict(default_flow_style=False, default_style='"'),
    dict(default_flow_style=False, default_style="'"),
])
def test_what_pyyaml_dumps_loads_in_ours_as_the_same_json(tmp_path, style):
    rng = random.Random(12)
    for _ in range(60):
        # (A quoted default style tags numbers, booleans and null: `!!int "1"`, `!!null "null"`.)
        value = {"doc": random_value(rng)}
        if style.get("allow_unicode"):
            value = without_yaml_1_1_breaks(value)
        text = yaml.safe_dump(value, **style)
        result = run("to-json", text, tmp_path)
        assert result.returncode == 0, f"{result.stderr} for:\n{text}"
        ours = json.loads(result.stdout)
        theirs = yaml.safe_load(text)
        assert ours == stringify_keys(theirs), f"we read {ours!r} from:\n{text}"


def without_yaml_1_1_breaks(value):
    """U+0085, U+2028 and U+2029 are line breaks in YAML 1.1 but content in 1.2: with
    allow_unicode PyYAML writes them raw and folds around them, so the readers differ there."""
    if isinstance(value, dict):
        return {without_yaml_1_1_breaks(k): without_yaml_1_1_breaks(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_yaml_1_1_breaks(v) for v in value]
    if isinstance(value, str):
        return value.replace("\x85", "_").replace("\u2028", "_").replace("\u2029", "_")
    return value


def stringify_keys(value):
    """PyYAML reads `200:` as an int key; JSON (and our reader) use its text."""
    if isinstance(value, dict):
        return {k if isinstance(k, str) else yaml_text(k): stringify_keys(v) for k, v in value.items()}
    if isinstance(value, list):
        return [stringify_keys(v) for v in value]
    return value


def yaml_text(scalar):
    return {True: "true", False: "false"}.get(scalar, str(scalar)) if isinstance(scalar, bool) else str(scalar)


def test_an_openapi_document_reads_the_same_in_both(tmp_path):
    path = tmp_path / "openapi.yaml"
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "yaml-openapi.py"), str(path), "0.2"], check=True,
                   capture_output=True)
    text = path.read_text()
    result = run("to-json", text, tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == stringify_keys(yaml.load(text, Loader=yaml.CSafeLoader))


def test_a_bad_document_fails_with_line_and_column(tmp_path):
    result = run("to-json", "a: 1\nb: [x,\n", tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "3:1: expected a node (a scalar, a collection or an alias)"


def test_plain_strings_that_only_yaml_1_2_reads_as_numbers(tmp_path):
    """PyYAML (YAML 1.1) writes `1e3` and `0o7` plain; the 1.2 core schema reads them as numbers."""
    text = yaml.safe_dump({w: w for w in SCHEMA_1_2_NUMBERS})
    result = run("to-json", text, tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"1e3": 1000, "0o7": 7, "-2E-1": -0.2}
