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
        ("ingest", "kinds", {"report": []}, "ingest.kinds: Value error, the text classifier"),
        ("ingest", "kinds", {"Thèse": []}, "ingest.kinds.Thèse.[key]"),
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


def test_a_synonym_names_one_kind_only():
    raw = _shipped()
    raw["ingest"]["kinds"]["dissertation"] = ["Résumé"]
    with pytest.raises(ParamsError, match="'Résumé' names both abstract and dissertation"):
        parse_params(raw)


def test_shipped_optional_inputs_live_in_the_folder_dvc_tracks():
    # dvc.yaml depends on paths.inputs, not on the optional files, which may be absent.
    paths = load_params(ROOT / "params.yaml").paths
    for optional in (paths.metadata, paths.lexicon, paths.actors, paths.topic_labels):
        assert optional.parent == paths.inputs
    dvc = (ROOT / "dvc.yaml").read_text(encoding="utf-8")
    for key in ("metadata", "lexicon", "actors", "topic_labels"):
        assert f"${{paths.{key}}}" not in dvc
