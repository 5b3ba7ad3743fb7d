from pathlib import Path

import pytest
import yaml

from corpus_mining.config import load_params, parse_params
from corpus_mining.errors import ParamsError

ROOT = Path(__file__).resolve().parents[1]


def _shipped() -> dict:
    return yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))


def test_shipped_params_are_valid():
    params = load_params(ROOT / "params.yaml")
    assert params.paths.corpus == Path("corpus/documents")
    assert params.ingest.languages == ["fr", "en"]


@pytest.mark.parametrize(
    ("section", "key", "value", "message"),
    [
        ("ingest", "max_passage_chars", "long", "ingest.max_passage_chars"),
        ("ingest", "max_skip_ratio", 1.5, "ingest.max_skip_ratio"),
        ("ingest", "workers", 0, "ingest.workers"),
        ("ingest", "languages", ["french"], "ingest.languages.0"),
        ("ingest", "max_pasage_chars", 100, "ingest.max_pasage_chars: unknown key"),
        ("paths", "corpus", None, "paths.corpus"),
    ],
)
def test_bad_value_fails_with_the_key_name(section, key, value, message):
    raw = _shipped()
    raw[section][key] = value
    with pytest.raises(ParamsError) as error:
        parse_params(raw)
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_params_file_says_what_to_do(tmp_path):
    with pytest.raises(ParamsError, match="not found"):
        load_params(tmp_path / "params.yaml")
