"""How a document's common words read next to each kind's pages, on texts written here."""

import math

import numpy as np
import pytest

from corpus_mining.ingest.kind_features import kind_features
from corpus_mining.ingest.kind_words import (
    MAX_WORDS,
    PREFIX,
    fit_word_model,
    load_words,
    raw_words,
    vocabulary,
    words_like,
    words_like_features,
    words_tsv,
)

KINDS = ("news", "institutional")
# Written for these tests: short news items and presentation pages, French and English.
NEWS = [
    "Le maire a annoncé samedi l'ouverture du tiers-lieu, a-t-il déclaré hier.",
    "Le ministre a annoncé mardi les lauréats de l'appel, a déclaré son cabinet hier.",
    "La région a annoncé lundi un nouveau fonds, a déclaré la présidente hier soir.",
    "The council announced on Tuesday that the hub will open, officials said.",
    "The minister announced on Monday a new grant for the cluster, officials said.",
    "The region announced on Friday ten new winners, officials said after the vote.",
]
INSTITUTIONAL = [
    "Notre réseau accompagne ses adhérents et anime les projets de nos membres.",
    "Nos missions : accompagner les adhérents, animer le réseau, représenter nos membres.",
    "Rejoindre le réseau : nos adhérents partagent outils et formations entre membres.",
    "Our network supports its members and helps their projects; join our network.",
    "Our missions: support members, run the network, help new projects grow.",
    "Become a member: our members share tools and training across the network.",
]
LABELS = ["news"] * len(NEWS) + ["institutional"] * len(INSTITUTIONAL)


@pytest.fixture(scope="module")
def small_model():
    return fit_word_model(NEWS + INSTITUTIONAL, LABELS, KINDS)


def test_the_vocabulary_keeps_common_words_and_leaves_out_names():
    texts = [
        "Alphaville hosts the hub. The members meet.",
        "The members of Alphaville meet in the hub.",
        "Alphaville: the hub and its members.",
        "A word seen twice: rare rare.",
    ]
    words = vocabulary(texts)
    assert "members" in words and "hub" in words  # in lower case, in three texts
    assert "alphaville" not in words  # in three texts, but only ever capitalised: a name
    assert "rare" not in words  # in one text only
    assert words == sorted(words)


def test_words_are_folded_and_numbers_left_out():
    assert raw_words("Année 2021 : les élus, l'État et 3e vague") == [
        "Année",
        "les",
        "élus",
        "État",
        "et",
        "vague",
    ]
    texts = ["les élus", "Les Élus", "les elus"]
    model = fit_word_model(texts, ["news", "news", "institutional"], KINDS)
    assert "elus" in model.index and "élus" not in model.index


def test_a_word_model_needs_texts_of_every_kind():
    with pytest.raises(ValueError, match="needs texts"):
        fit_word_model(NEWS, ["news"] * len(NEWS), KINDS)


def test_the_features_match_scikit_learn_tfidf_and_logistic_regression(small_model):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    texts = NEWS + INSTITUTIONAL
    vectorizer = TfidfVectorizer(
        vocabulary=sorted(small_model.index),
        token_pattern=r"(?u)\b[^\W\d_]{2,}\b",
        strip_accents="unicode",
        sublinear_tf=True,
    )
    matrix = vectorizer.fit_transform(texts)
    assert np.allclose(vectorizer.idf_, small_model.idf)
    model = LogisticRegression(C=10.0, max_iter=5000, random_state=0)
    model.fit(matrix, LABELS)
    probe = ["Le réseau a annoncé hier ses nouveaux adhérents."]
    log_prob = model.predict_log_proba(vectorizer.transform(probe))[0]
    expected = {k: log_prob[list(model.classes_).index(k)] for k in KINDS}
    centre = sum(expected.values()) / len(expected)
    ours = words_like(probe, small_model)[0]
    for kind in KINDS:
        assert ours[f"{PREFIX}{kind}"] == pytest.approx(expected[kind] - centre, abs=1e-4)


def test_a_text_reads_like_the_kind_whose_words_it_shares(small_model):
    news, institutional = words_like(
        [
            "Le préfet a annoncé hier la liste, a déclaré la mairie.",
            "Our members and our network: join us.",
        ],
        small_model,
    )
    assert news[f"{PREFIX}news"] > news[f"{PREFIX}institutional"]
    assert institutional[f"{PREFIX}institutional"] > institutional[f"{PREFIX}news"]


def test_a_text_without_known_words_reads_like_no_kind_in_particular(small_model):
    (features,) = words_like(["Zzz qqq 2021."], small_model)
    values = list(features.values())
    assert sum(values) == pytest.approx(0.0, abs=1e-6)
    # only the intercepts speak: a small spread, the same for any unknown text
    assert words_like(["Xyz www."], small_model)[0] == features


def test_the_written_model_reads_back_the_same(small_model, tmp_path):
    path = tmp_path / "words.tsv"
    path.write_text(words_tsv(small_model), encoding="utf-8")
    again = load_words.__wrapped__(path)
    assert again.kinds == small_model.kinds and again.index == small_model.index
    probe = NEWS[:2] + INSTITUTIONAL[:2]
    for ours, theirs in zip(words_like(probe, small_model), words_like(probe, again), strict=True):
        assert ours == pytest.approx(theirs, abs=1e-4)


def test_the_shipped_model_is_common_words_and_reads_an_opening_as_its_kind():
    model = load_words()
    assert 0 < len(model.index) <= MAX_WORDS
    assert all(word.islower() and word.isalpha() for word in model.index)
    news = words_like_features(
        ["Council backs new hub", "The council said on Tuesday it will fund the hub, the "
         "leader told reporters after the vote."]
    )  # fmt: skip
    assert max(news, key=lambda name: news[name]) == f"{PREFIX}news"
    assert sum(news.values()) == pytest.approx(0.0, abs=1e-5)
    assert not math.isnan(sum(news.values()))


def test_the_words_are_features_of_the_kind_classifier_but_no_evidence_alone():
    from corpus_mining.ingest.kinds import infer_kind

    paragraphs = ["The council said on Tuesday it will fund the hub, the leader told reporters."]
    features = kind_features(paragraphs, 20, date_source="none")
    assert {f"{PREFIX}{kind}" for kind in load_words().kinds} <= set(features)
    # a text with no cue, turn, byline, layout or date is of no kind, however it reads
    guess = infer_kind(["A short line about the weather and a walk."], 10)
    assert guess.source == "text:no_evidence"
