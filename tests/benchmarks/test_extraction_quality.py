"""The extraction benchmark's scoring, on tiny gold and predictions written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import load_benchmark

eq = load_benchmark("extraction_quality")


def org(text: str, canonical: str = "", *, in_reference: bool = False, nested: bool = False):
    return {
        "text": text,
        "canonical": canonical or text,
        "in_reference": in_reference,
        "nested": nested,
        "type": "other",
    }


def pred(*names: str) -> list:
    return [eq.PredEntity(name, frozenset({eq.normalise(name)})) for name in names]


# --- normalisation


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  L’Union   Européenne ", "union europeenne"),
        ("l'ESS", "ess"),
        ("Le Bon Marché", "bon marche"),
        ("les Échos", "echos"),
        ("The Basque Country", "basque country"),
        ("Lesage", "lesage"),
        ("La", "la"),
        ("STRASSE", "strasse"),
        ("", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert eq.normalise(raw) == expected


def test_only_one_leading_article_is_dropped() -> None:
    assert eq.normalise("la Les Forges") == "les forges"


def test_straighten_keeps_case_and_accents() -> None:
    assert eq.straighten("l’économie d‘Été") == "l'économie d'Été"


# --- gold


def test_load_gold_drops_guidelines(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"_guidelines": "read me", "a.txt": {}}), encoding="utf-8")
    assert eq.load_gold(path) == {"a.txt": {}}


def test_gold_entities_group_variants_and_flag_nested() -> None:
    gold = {
        "a.txt": {
            "organisations": [
                org("Union européenne", "Union européenne"),
                org("UE", "Union européenne", in_reference=True),
                org("Lyon", nested=True),
                org("Cahiers", in_reference=True),
            ]
        },
        "b.txt": {},
    }
    items = eq.gold_entities(gold, "ORG", in_reference=False)
    assert items["b.txt"] == []
    by_name = {item.canonical: item for item in items["a.txt"]}
    assert set(by_name) == {"Union européenne", "Lyon"}  # Cahiers is only in references
    assert by_name["Union européenne"].keys == {"union europeenne", "ue"}
    assert by_name["Union européenne"].counted
    assert not by_name["Lyon"].counted

    references = {
        i.canonical: i.counted for i in eq.gold_entities(gold, "ORG", in_reference=True)["a.txt"]
    }
    assert references == {"Union européenne": True, "Cahiers": True, "Lyon": False}

    lenient = eq.gold_entities(gold, "ORG", in_reference=False, other_table_ignored=True)
    assert {i.canonical: i.counted for i in lenient["a.txt"]}["Cahiers"] is False


def test_people_without_nested_key_count() -> None:
    gold = {"a.txt": {"people": [{"text": "Ostrom", "canonical": "Ostrom", "in_reference": False}]}}
    [item] = eq.gold_entities(gold, "PER", in_reference=False)["a.txt"]
    assert item.counted


def test_gold_acronyms_keep_defined_and_relevant_only() -> None:
    def acronym(name: str, defined: bool, relevant: bool, expansion: str | None = "x") -> dict:
        return {
            "acronym": name,
            "expansion": expansion,
            "defined_in_text": defined,
            "domain_relevant": relevant,
        }

    gold = {
        "a.txt": {
            "acronyms": [
                acronym("ESS", True, True, "économie sociale et solidaire"),
                acronym("PME", False, True),
                acronym("PDF", True, False),
                acronym("ISTHME", True, True, None),
            ]
        }
    }
    assert eq.gold_acronyms(gold) == {"a.txt": {"ESS": "économie sociale et solidaire"}}


def test_gold_concepts_map_new_ids_to_broader() -> None:
    concepts = [
        {"concept": "CLUSTER", "surface_forms": ["cluster", "grappes"], "new_id": False},
        {"concept": "FABLAB", "surface_forms": ["fablab"], "new_id": True, "broader": "THIRD"},
        {"concept": "JOB_CREATION", "surface_forms": ["création d’emplois"], "new_id": True},
    ]
    gold = {"a.txt": {"concepts": concepts}}
    assert eq.gold_concepts(gold) == {("a.txt", "CLUSTER")}
    assert eq.gold_concepts(gold, with_new=True) == {
        ("a.txt", "CLUSTER"),
        ("a.txt", "THIRD"),
        ("a.txt", "JOB_CREATION"),
    }
    assert eq.gold_surface_forms(gold) == {("a.txt", "cluster"), ("a.txt", "grappes")}
    assert ("a.txt", "création d'emplois") in eq.gold_surface_forms(gold, with_new=True)


# --- predictions


def test_predicted_entities_group_by_entity_and_filter_table() -> None:
    mentions = [
        eq.Mention("a", "ORG", "UE", "e1", "Union européenne", False),
        eq.Mention("a", "ORG", "l’Union européenne", "e1", "Union européenne", False),
        eq.Mention("a", "ORG", "Cirtes", "e2", "CIRTES", True),
        eq.Mention("a", "PER", "Ostrom", "e3", "Ostrom", False),
        eq.Mention("b", "ORG", "Pour la Solidarité"),  # no entity id, no reference flag
    ]
    body = eq.predicted_entities(mentions, "ORG", in_reference=False)
    assert body["a"] == [eq.PredEntity("Union européenne", frozenset({"ue", "union europeenne"}))]
    assert body["b"] == [eq.PredEntity("Pour la Solidarité", frozenset({"pour la solidarite"}))]
    references = eq.predicted_entities(mentions, "ORG", in_reference=True)
    assert [e.name for e in references["a"]] == ["CIRTES"]
    assert [e.name for e in references["b"]] == ["Pour la Solidarité"]
    assert eq.predicted_entities([], "ORG", in_reference=False) == {}


# --- entity scoring


def _gold(*items: tuple[str, bool]) -> list:
    return [
        eq.GoldEntity(name, frozenset({eq.normalise(name)}), counted) for name, counted in items
    ]


def test_score_document_counts_and_names_errors() -> None:
    gold = _gold(("Le Rameau", True), ("GECES", True), ("Lyon", False))
    score = eq.score_document(pred("rameau", "Lyon", "Nova Child"), gold)
    assert score.counts == eq.Counts(tp_pred=1, fp=1, tp_gold=1, fn=1)
    assert score.false_positives == ("Nova Child",)
    assert score.false_negatives == ("GECES",)


def test_nested_match_is_neither_true_nor_false_positive() -> None:
    score = eq.score_document(pred("Lyon"), _gold(("Université Lyon 3", True), ("Lyon", False)))
    assert score.counts == eq.Counts(tp_pred=0, fp=0, tp_gold=0, fn=1)


def test_match_by_any_mention_text_of_the_entity() -> None:
    entity = eq.PredEntity("EU", frozenset({"eu", "ue"}))
    gold = [eq.GoldEntity("Union européenne", frozenset({"union europeenne", "ue"}))]
    assert eq.score_document([entity], gold).counts == eq.Counts(1, 0, 1, 0)


def test_two_predictions_of_one_gold_item_are_both_true_positives() -> None:
    gold = [eq.GoldEntity("Union européenne", frozenset({"union europeenne", "ue"}))]
    counts = eq.score_document(pred("UE", "Union européenne"), gold).counts
    assert counts == eq.Counts(tp_pred=2, fp=0, tp_gold=1, fn=0)


def test_micro_average_over_documents() -> None:
    total, per_doc = eq.score_entities(
        {"a": pred("A", "B", "X"), "b": pred("C"), "c": pred("Y")},
        {"a": _gold(("A", True), ("B", True)), "b": _gold(("C", True), ("D", True))},
    )
    assert set(per_doc) == {"a", "b", "c"}
    assert total == eq.Counts(tp_pred=3, fp=2, tp_gold=3, fn=1)
    assert total.precision == pytest.approx(3 / 5)
    assert total.recall == pytest.approx(3 / 4)
    assert total.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)


def test_empty_inputs() -> None:
    total, per_doc = eq.score_entities({}, {})
    assert per_doc == {}
    assert (total.precision, total.recall, total.f1) == (None, None, None)

    no_pred, _ = eq.score_entities({}, {"a": _gold(("A", True))})
    assert (no_pred.precision, no_pred.recall, no_pred.f1) == (None, 0.0, 0.0)

    no_gold, _ = eq.score_entities({"a": pred("A")}, {})
    assert (no_gold.precision, no_gold.recall, no_gold.f1) == (0.0, None, 0.0)


def test_counts_add() -> None:
    assert eq.Counts(1, 2, 3, 4) + eq.Counts(1, 1, 1, 1) == eq.Counts(2, 3, 4, 5)


# --- acronyms and concepts


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (["Économie sociale et solidaire"], True),
        (["l'économie sociale et solidaire"], True),
        (["pôles territoriaux de coopération économique (PTCE)"], False),
        (["sociale et solidaire"], True),  # contained in the gold expansion
        (["de l'économie sociale et solidaire en France"], True),  # contains it
        (["", "entreprise"], False),
        ([], False),
    ],
)
def test_acronym_found(found: list[str], expected: bool) -> None:
    assert eq.acronym_found(found, "économie sociale et solidaire") is expected


def test_score_acronyms() -> None:
    gold = {"a": {"ESS": "économie sociale et solidaire", "PTCE": "pôle territorial"}, "b": {}}
    result = eq.score_acronyms({"a": {"ESS": ["Economie Sociale et Solidaire"]}}, gold)
    assert (result.found, result.total, result.value) == (1, 2, 0.5)
    assert result.missed == ("a: PTCE (pôle territorial)",)
    assert eq.score_acronyms({}, {}).value is None


def test_score_pairs() -> None:
    result = eq.score_pairs({("a", "X"), ("a", "Z")}, {("a", "X"), ("b", "X")})
    assert (result.found, result.total, result.missed) == (1, 2, ("b: X",))


# --- params and command line


def test_pipeline_params_redirects_outputs_only(tmp_path: Path) -> None:
    raw = {
        "paths": {
            "corpus": "corpus/documents",
            "metadata": "corpus/metadata.csv",
            "documents": "outputs/documents.parquet",
            "extract_metrics": "outputs/metrics/extract.json",
            "lexicon": "corpus/lexicon.yaml",
            "actors": "corpus/actors.yaml",
        },
        "extract": {"batch_size": 8},
    }
    params = eq.pipeline_params(
        raw, corpus=tmp_path / "c", metadata=tmp_path / "m.csv", out=tmp_path, gazetteer=False
    )
    paths = params["paths"]
    assert paths["corpus"] == str(tmp_path / "c")
    assert paths["metadata"] == str(tmp_path / "m.csv")
    assert paths["documents"] == str(tmp_path / "outputs" / "documents.parquet")
    assert paths["extract_metrics"] == str(tmp_path / "outputs" / "metrics" / "extract.json")
    assert paths["lexicon"] == str(eq.ROOT / "corpus" / "lexicon.yaml")
    assert paths["actors"] == str(eq.ROOT / "corpus" / "actors.yaml")
    assert params["extract"] == {"batch_size": 8, "use_gazetteer": False}
    assert raw["paths"]["documents"] == "outputs/documents.parquet"  # not modified
    assert "use_gazetteer" not in raw["extract"]


def test_pipeline_params_without_extract_section(tmp_path: Path) -> None:
    params = eq.pipeline_params(
        {"paths": {}}, corpus=tmp_path, metadata=tmp_path, out=tmp_path, gazetteer=True
    )
    assert params["extract"] == {"use_gazetteer": True}


def test_main_without_seeds_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert eq.main(["--seeds", str(tmp_path / "nowhere")]) == 2
    assert "seeds not found" in capsys.readouterr().err


def test_pipeline_params_never_reads_an_existing_cache(tmp_path: Path) -> None:
    """A scorer's run computes every document: an earlier run's cache is not an input."""
    earlier = tmp_path / "project" / ".cache"
    earlier.mkdir(parents=True)
    params = eq.pipeline_params(
        {"paths": {"cache": str(earlier), "lexicon": "corpus/lexicon.yaml"}},
        corpus=tmp_path / "c", metadata=tmp_path / "m.csv", out=tmp_path / "run", gazetteer=True,
    )  # fmt: skip
    assert Path(params["paths"]["cache"]).is_relative_to(tmp_path / "run")
    assert params["paths"]["lexicon"] == str(eq.ROOT / "corpus" / "lexicon.yaml")
