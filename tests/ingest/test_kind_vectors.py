"""How a document's opening reads next to each kind's real pages, on texts written here."""

import numpy as np
import pytest

from corpus_mining.ingest.kind_vectors import (
    OPENING_CHARS,
    PREFIX,
    centroids_json,
    centroids_of,
    opening_vectors,
    reads_like,
    reads_like_features,
    shipped_centroids,
)
from corpus_mining.ingest.kinds import infer_kind, load_model

OPENINGS = {
    "news": [
        [
            "Un nouveau tiers-lieu inauguré à Nevers",
            "Le maire a inauguré samedi le tiers-lieu installé dans l'ancienne gare, en "
            "présence des élus et d'une centaine d'habitants. Le lieu accueillera un fablab "
            "et un espace de coworking, a-t-il annoncé.",
        ],
        [
            "Council backs new rural hub",
            "The county council on Tuesday approved funding for a rural innovation hub in the "
            "former market hall, the leader of the council told reporters after the vote.",
        ],
    ],
    "report": [
        ["Sommaire", "1. Introduction", "2. Méthodologie de l'évaluation", "3. Résultats",
         "4. Recommandations", "Annexe A. Liste des personnes rencontrées"],
        ["Table of contents", "Executive summary", "1. Introduction", "2. Methodology",
         "3. Findings", "4. Recommendations", "Annex"],
    ],
    "abstract": [
        [
            "Abstract",
            "This paper examines how cluster policies shape cooperation between firms. Drawing "
            "on forty interviews, we argue that proximity matters less than governance.",
            "Keywords: clusters; governance; proximity",
        ],
    ],
}  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "paragraphs"),
    [(kind, p) for kind, texts in OPENINGS.items() for p in texts],
)
def test_an_opening_reads_most_like_its_own_kind(kind, paragraphs):
    features = reads_like_features(paragraphs)
    assert max(features, key=lambda name: features[name]) == f"{PREFIX}{kind}"


def test_the_features_are_centred_and_the_same_on_every_call():
    paragraphs = OPENINGS["news"][0]
    first, second = reads_like_features(paragraphs), reads_like_features(list(paragraphs))
    assert first == second
    assert abs(sum(first.values())) < 1e-5
    assert set(first) == {f"{PREFIX}{kind}" for kind in load_model().kinds}


def test_only_the_opening_is_read():
    opening = "Le réseau des tiers-lieux publie son bilan. " * 60
    assert len(opening) > OPENING_CHARS
    tails = [opening + " Annexe.", opening + " A long appendix on something else entirely."]
    vectors = opening_vectors(tails)
    assert np.array_equal(vectors[0], vectors[1])


def test_the_shipped_centroids_match_the_model_and_are_unit_vectors():
    kinds, centroids = shipped_centroids()
    assert kinds == load_model().kinds
    assert centroids.shape == (len(kinds), 512)
    assert np.allclose(np.linalg.norm(centroids, axis=1), 1.0, atol=1e-5)


def test_centroids_round_trip_and_a_kind_without_pages_has_none(tmp_path):
    vectors = np.eye(3, 4, dtype=np.float32)
    centroids = centroids_of(vectors, ["news", "news", "report"], ["news", "report", "other"])
    assert np.allclose(centroids[0], np.array([1, 1, 0, 0]) / np.sqrt(2))
    assert not centroids[2].any()  # "other": no page
    path = tmp_path / "centroids.json"
    path.write_text(centroids_json(["news", "report", "other"], centroids), encoding="utf-8")
    kinds, read = shipped_centroids.__wrapped__(path)
    assert kinds == ("news", "report", "other")
    assert np.allclose(read, centroids, atol=1e-6)
    assert reads_like(vectors[:1], read, kinds)[0][f"{PREFIX}news"] > 0


def test_a_vector_alone_is_no_evidence():
    # Every text reads like something; with no cue, turn, byline or date it is unknown.
    guess = infer_kind(["Quelques mots sans plus."], 4, default="other")
    assert (guess.kind, guess.source) == ("other", "text:no_evidence")
    assert any(guess.scores.values())
