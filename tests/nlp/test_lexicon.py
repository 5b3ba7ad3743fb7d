import dataclasses
import textwrap
from pathlib import Path

import pytest

from corpus_mining.errors import ParamsError
from corpus_mining.nlp.lexicon import Concept, Lexicon, load_lexicon, parse_lexicon

SHIPPED = Path(__file__).resolve().parents[2] / "corpus" / "lexicon.yaml"
REQUIRED = {
    "CLUSTER",
    "COMPETITIVENESS_POLE",
    "PTCE",
    "SSE",
    "HUB",
    "NETWORK",
    "ECOSYSTEM",
    "THIRD_PLACE",
    "SOCIAL_INNOVATION",
    "TERRITORIAL_INNOVATION",
    "COOPERATION",
    "MUTUALISATION",
    "GOVERNANCE",
    "TERRITORY",
    "TRANSITION",
}


def small() -> dict[str, object]:
    return {
        "concepts": {
            "CLUSTER": {
                "label": {"fr": "cluster", "en": "cluster"},
                "family": "form",
                "terms": {"fr": ["cluster", "grappe"], "en": ["cluster"]},
            },
            "NETWORK": {
                "label": {"en": "network"},
                "family": "form",
                "terms": {"en": ["network"]},
            },
        },
        "families": {"form": ["CLUSTER", "NETWORK"]},
    }


def error_of(raw: object) -> str:
    with pytest.raises(ParamsError) as caught:
        parse_lexicon(raw, Path("my_lexicon.yaml"))
    return str(caught.value)


def test_shipped_lexicon_loads_with_required_concepts():
    lexicon = load_lexicon(SHIPPED)
    assert set(lexicon.concepts) >= REQUIRED
    assert set(lexicon.languages) == {"en", "fr"}


def test_shipped_concepts_are_bilingual_and_in_exactly_one_family():
    lexicon = load_lexicon(SHIPPED)
    members = [cid for family in lexicon.families.values() for cid in family]
    assert sorted(members) == sorted(lexicon.concepts)
    for concept in lexicon.concepts.values():
        assert concept.terms_for("fr") and concept.terms_for("en"), concept.id
        assert concept.id in lexicon.families[concept.family]
        assert set(concept.label) == {"fr", "en"}


def test_acronyms_are_terms_in_capitals():
    lexicon = load_lexicon(SHIPPED)
    assert "ESS" in lexicon.concepts["SSE"].terms_for("fr")
    assert "SSE" in lexicon.concepts["SSE"].terms_for("en")
    assert "PTCE" in lexicon.concepts["PTCE"].terms_for("fr")


def test_parse_builds_frozen_objects_in_file_order():
    lexicon = parse_lexicon(small())
    assert isinstance(lexicon, Lexicon)
    assert list(lexicon.concepts) == ["CLUSTER", "NETWORK"]
    assert lexicon.terms("fr") == [("cluster", "CLUSTER"), ("grappe", "CLUSTER")]
    assert lexicon.terms("de") == []
    concept = lexicon.concepts["CLUSTER"]
    assert isinstance(concept, Concept)
    assert concept.terms_for("en") == ("cluster",)
    assert concept.terms_for("de") == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        concept.family = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        lexicon.concepts["X"] = concept  # type: ignore[index]


def test_terms_are_stripped():
    raw = small()
    raw["concepts"]["CLUSTER"]["terms"]["fr"] = ["  cluster "]  # type: ignore[index]
    assert parse_lexicon(raw).concepts["CLUSTER"].terms_for("fr") == ("cluster",)


def test_unknown_family_member_names_the_family():
    raw = small()
    raw["families"]["form"].append("HUBB")  # type: ignore[index]
    message = error_of(raw)
    assert "my_lexicon.yaml" in message
    assert "families.form" in message
    assert "HUBB" in message


def test_concept_missing_from_its_family_names_the_key():
    raw = small()
    raw["families"]["form"].remove("NETWORK")  # type: ignore[index]
    message = error_of(raw)
    assert "concepts.NETWORK.family" in message


def test_concept_with_unknown_family_names_the_key():
    raw = small()
    raw["concepts"]["NETWORK"]["family"] = "shape"  # type: ignore[index]
    assert "concepts.NETWORK.family" in error_of(raw)


def test_concept_in_two_families_is_refused():
    raw = small()
    raw["families"]["other"] = ["CLUSTER"]  # type: ignore[index]
    assert "families.other" in error_of(raw)


@pytest.mark.parametrize(
    ("terms", "key"),
    [
        ({"fr": []}, "concepts.CLUSTER.terms.fr"),
        ({}, "concepts.CLUSTER.terms"),
        ({"fr": ["  "]}, "concepts.CLUSTER.terms.fr.0"),
        ({"fr": ["grappe", "grappe"]}, "concepts.CLUSTER.terms.fr"),
        ({"french": ["grappe"]}, "concepts.CLUSTER.terms.french"),
    ],
)
def test_bad_terms_name_the_key(terms, key):
    raw = small()
    raw["concepts"]["CLUSTER"]["terms"] = terms  # type: ignore[index]
    message = error_of(raw)
    assert key in message
    assert message.startswith("my_lexicon.yaml: ")


def test_misspelt_key_is_refused():
    raw = small()
    raw["concepts"]["CLUSTER"]["term"] = raw["concepts"]["CLUSTER"].pop("terms")  # type: ignore[index]
    message = error_of(raw)
    assert "concepts.CLUSTER.term" in message


def test_lowercase_concept_id_is_refused():
    raw = small()
    raw["concepts"]["cluster"] = raw["concepts"].pop("CLUSTER")  # type: ignore[union-attr]
    assert "concepts.cluster" in error_of(raw)


def test_duplicate_concept_id_in_file_is_refused(tmp_path: Path):
    path = tmp_path / "lexicon.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            concepts:
              CLUSTER:
                label: {en: cluster}
                family: form
                terms: {en: [cluster]}
              CLUSTER:
                label: {en: grappe}
                family: form
                terms: {en: [grappe]}
            families:
              form: [CLUSTER]
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(ParamsError, match=r"lexicon\.yaml: CLUSTER: duplicate key \(line 6\)"):
        load_lexicon(path)


def test_invalid_yaml_and_missing_file(tmp_path: Path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("concepts: [unclosed", encoding="utf-8")
    with pytest.raises(ParamsError, match="not valid YAML"):
        load_lexicon(path)
    with pytest.raises(ParamsError, match="not found"):
        load_lexicon(tmp_path / "absent.yaml")
    empty = load_lexicon(tmp_path / "absent.yaml", missing_ok=True)  # lexicon.yaml is optional
    assert dict(empty.concepts) == {} and dict(empty.families) == {}


def test_empty_file_is_refused(tmp_path: Path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"lexicon\.yaml"):
        load_lexicon(path)
