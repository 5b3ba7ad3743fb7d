import shutil

import numpy as np
import pytest

from corpus_mining.portable_numerics import code_path
from corpus_mining.topics import cache as cache_module
from corpus_mining.topics.cache import EmbeddingCache, folder_name, text_key
from corpus_mining.topics.lsa import LsaEmbedder


class CountingEmbedder:
    """A fake embedder that records what it was asked to compute."""

    def __init__(self, dim=4):
        self.dim = dim
        self.calls = []

    def __call__(self, texts):
        self.calls.append(list(texts))
        rows = [np.frombuffer(text_key(t).encode()[: self.dim], dtype=np.uint8) for t in texts]
        return np.array(rows, dtype=np.float64).reshape(len(texts), self.dim) / 255.0

    @property
    def computed(self):
        return [text for call in self.calls for text in call]


TEXTS = ["pôle de compétitivité", "social economy", "tiers-lieu", "cluster policy"]


def test_second_call_computes_nothing_and_order_is_preserved(tmp_path):
    compute = CountingEmbedder()
    cache = EmbeddingCache(tmp_path, "fake-v1")
    first = cache.get_or_compute(TEXTS, compute)
    assert compute.calls == [TEXTS]
    assert first.dtype == np.float32 and first.shape == (4, 4)
    second = cache.get_or_compute(list(reversed(TEXTS)), compute)
    assert len(compute.calls) == 1
    assert second.tobytes() == first[::-1].tobytes()
    assert (cache.stats.hits, cache.stats.misses) == (4, 4)


def test_duplicates_are_computed_once_and_returned_in_place(tmp_path):
    compute = CountingEmbedder()
    cache = EmbeddingCache(tmp_path, "fake-v1")
    texts = ["b", "a", "b", "c", "a"]
    vectors = cache.get_or_compute(texts, compute)
    assert compute.calls == [["b", "a", "c"]]
    assert vectors.shape == (5, 4)
    assert vectors[0].tobytes() == vectors[2].tobytes()
    assert vectors[1].tobytes() == vectors[4].tobytes()
    assert cache.stats.misses == 3


def test_chunks_are_computed_and_stored_one_shard_each(tmp_path):
    compute = CountingEmbedder()
    cache = EmbeddingCache(tmp_path, "fake-v1")
    vectors = cache.get_or_compute([*TEXTS, "b"], compute, chunk=2)
    assert compute.calls == [TEXTS[:2], TEXTS[2:], ["b"]]
    assert len(list(cache.folder.glob("*.npz"))) == 3
    whole = EmbeddingCache(tmp_path / "other", "fake-v1").get_or_compute([*TEXTS, "b"], compute)
    assert vectors.tobytes() == whole.tobytes()
    reopened = EmbeddingCache(tmp_path, "fake-v1")
    assert reopened.get_or_compute(TEXTS, compute, chunk=2).tobytes() == vectors[:4].tobytes()
    assert len(compute.calls) == 4


def test_only_new_texts_are_computed(tmp_path):
    compute = CountingEmbedder()
    cache = EmbeddingCache(tmp_path, "fake-v1")
    cache.get_or_compute(TEXTS[:2], compute)
    vectors = cache.get_or_compute(TEXTS, compute)
    assert compute.calls == [TEXTS[:2], TEXTS[2:]]
    assert vectors.tobytes() == np.asarray(compute(TEXTS), dtype=np.float32).tobytes()


def test_vectors_survive_reinstantiation_from_disk_with_identical_bytes(tmp_path):
    compute = CountingEmbedder()
    first = EmbeddingCache(tmp_path, "fake-v1").get_or_compute(TEXTS, compute)
    compute.calls.clear()
    reopened = EmbeddingCache(tmp_path, "fake-v1")
    again = reopened.get_or_compute(TEXTS, compute)
    assert compute.calls == []
    assert again.tobytes() == first.tobytes()
    assert (reopened.stats.hits, reopened.stats.misses) == (4, 0)


def test_different_embedder_ids_do_not_share_vectors(tmp_path):
    compute = CountingEmbedder()
    EmbeddingCache(tmp_path, "model-a").get_or_compute(TEXTS, compute)
    EmbeddingCache(tmp_path, "model-b").get_or_compute(TEXTS, compute)
    assert compute.calls == [TEXTS, TEXTS]
    assert {p.name for p in tmp_path.iterdir()} == {"model-a", "model-b"}


def test_shards_written_by_another_instance_are_picked_up(tmp_path):
    compute = CountingEmbedder()
    reader = EmbeddingCache(tmp_path, "fake-v1")
    reader.get_or_compute(TEXTS[:1], compute)
    EmbeddingCache(tmp_path, "fake-v1").get_or_compute(TEXTS, compute)
    compute.calls.clear()
    reader.get_or_compute(TEXTS, compute)
    assert compute.calls == []


def test_deleting_the_folder_only_costs_recomputation(tmp_path):
    compute = CountingEmbedder()
    first = EmbeddingCache(tmp_path, "fake-v1").get_or_compute(TEXTS, compute)
    shutil.rmtree(tmp_path)
    again = EmbeddingCache(tmp_path, "fake-v1").get_or_compute(TEXTS, compute)
    assert len(compute.calls) == 2
    assert again.tobytes() == first.tobytes()


def test_corrupt_or_partial_files_are_ignored(tmp_path):
    compute = CountingEmbedder()
    cache = EmbeddingCache(tmp_path, "fake-v1")
    cache.get_or_compute(TEXTS[:2], compute)
    (cache.folder / "garbage.npz").write_bytes(b"not a zip")
    (cache.folder / "leftover.tmp").write_bytes(b"half a shard")
    compute.calls.clear()
    vectors = EmbeddingCache(tmp_path, "fake-v1").get_or_compute(TEXTS, compute)
    assert compute.calls == [TEXTS[2:]]
    assert vectors.shape == (4, 4)


def test_shards_are_compacted_when_they_pile_up(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_SHARDS", 3)
    compute = CountingEmbedder()
    cache = EmbeddingCache(tmp_path, "fake-v1")
    texts = [f"text {i}" for i in range(6)]
    for text in texts:
        cache.get_or_compute([text], compute)
    assert len(list(cache.folder.glob("*.npz"))) <= 3
    compute.calls.clear()
    reopened = EmbeddingCache(tmp_path, "fake-v1")
    vectors = reopened.get_or_compute(texts, compute)
    assert compute.calls == []
    assert vectors.tobytes() == np.asarray(compute(texts), dtype=np.float32).tobytes()


def test_empty_input_and_bad_compute_results(tmp_path):
    compute = CountingEmbedder(dim=3)
    cache = EmbeddingCache(tmp_path, "fake-v1")
    assert cache.get_or_compute([], compute).shape == (0, 3)
    with pytest.raises(ValueError, match="shape"):
        cache.get_or_compute(["a", "b"], lambda texts: np.zeros((1, 3)))
    cache.get_or_compute(["a"], compute)
    with pytest.raises(ValueError, match="3-d"):
        cache.get_or_compute(["z"], lambda texts: np.zeros((1, 5)))


def test_each_floating_point_code_path_has_its_own_folder(tmp_path, monkeypatch):
    compute = CountingEmbedder()
    EmbeddingCache(tmp_path, "fake-v1").get_or_compute(TEXTS, compute)
    monkeypatch.setattr(cache_module, "code_path", lambda: "native-x86_64-0123abcd")
    other = EmbeddingCache(tmp_path, "fake-v1")
    assert other.folder.parent == tmp_path / "fake-v1"
    other.get_or_compute(TEXTS, compute)
    assert len(compute.calls) == 2  # nothing read from the other code path's vectors
    assert sorted(p.name for p in (tmp_path / "fake-v1").iterdir()) == sorted(
        ["native-x86_64-0123abcd", code_path()]
    )


def test_folder_names_are_safe_and_distinct():
    assert folder_name("lsa-d100-0123abcd") == "lsa-d100-0123abcd"
    odd = [folder_name(name) for name in ("../up", "a/b", "a:b", "..", "x" * 200)]
    assert len(set(odd)) == len(odd)
    assert all("/" not in name and not name.startswith(".") and len(name) < 100 for name in odd)


def test_cache_returns_the_same_bytes_as_the_embedder(tmp_path):
    corpus = [
        "Le concept_hub réunit des pôles.",
        "The concept_hub joins clusters.",
        "Une tarte aux pommes.",
    ]
    embedder = LsaEmbedder(corpus, dimensions=2, seed=0)
    cache = EmbeddingCache(tmp_path, embedder.id)
    cache.get_or_compute(corpus[:1], embedder.embed)
    assert (
        cache.get_or_compute(corpus, embedder.embed).tobytes() == embedder.embed(corpus).tobytes()
    )
