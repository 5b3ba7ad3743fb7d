import pytest

from corpus_mining.nlp.acronyms import (
    ACRONYM_FIRST,
    DASH,
    EXPANSION_FIRST,
    GLOSSARY,
    HYPHENATED,
    POPUP,
    AcronymDefinition,
    find_definitions,
    find_mentions,
)


def _pairs(text):
    return [(d.acronym, d.expansion, d.pattern) for d in find_definitions(text)]


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        (
            "Les pôles territoriaux de coopération économique (PTCE) associent des acteurs.",
            "PTCE",
            "pôles territoriaux de coopération économique",
        ),
        (
            "Le développement de l'économie sociale et solidaire (ESS) en région.",
            "ESS",
            "économie sociale et solidaire",
        ),
        (
            "Funding for the social and solidarity economy (SSE) has grown.",
            "SSE",
            "social and solidarity economy",
        ),
        (
            "Clusters help small and medium-sized enterprises (SMEs) to innovate.",
            "SME",
            "small and medium-sized enterprises",
        ),
        (
            "Partners include Research and Technology Organisations (RTOs).",
            "RTO",
            "Research and Technology Organisations",
        ),
        (
            "La Chambre régionale de l'économie sociale et solidaire (CRESS) coordonne.",
            "CRESS",
            "Chambre régionale de l'économie sociale et solidaire",
        ),
        (
            "Le tiers-lieu est porté par une société coopérative d'intérêt collectif (SCIC).",
            "SCIC",
            "société coopérative d'intérêt collectif",
        ),
        (
            "Coordination des associations d'aide aux chômeurs par l'emploi (COORACE).",
            "COORACE",
            "Coordination des associations d'aide aux chômeurs par l'emploi",
        ),
        (
            "The Directorate-General for Growth (DG GROW) funds cluster partnerships.",
            "DG GROW",
            "Directorate-General for Growth",
        ),
    ],
)
def test_expansion_before_parenthesised_acronym(text, acronym, expansion):
    [definition] = find_definitions(text)
    assert (definition.acronym, definition.expansion) == (acronym, expansion)
    assert definition.pattern == EXPANSION_FIRST
    assert text[definition.start : definition.end].startswith(expansion)
    assert text[definition.start : definition.end].endswith(")")


def test_acronym_before_parenthesised_expansion():
    text = "Les PTCE (pôles territoriaux de coopération économique) se multiplient."
    [definition] = find_definitions(text)
    assert definition == AcronymDefinition(
        "PTCE",
        "pôles territoriaux de coopération économique",
        4,
        text.index(")") + 1,
        ACRONYM_FIRST,
    )


def test_glossary_lines_in_both_languages():
    text = (
        "Glossaire\n"
        "PTCE : Pôles territoriaux de coopération économique.\n"
        "SSE: social and solidarity economy\n"
        "ESF+: European Social Fund Plus\n"
    )
    assert _pairs(text) == [
        ("PTCE", "Pôles territoriaux de coopération économique", GLOSSARY),
        ("SSE", "social and solidarity economy", GLOSSARY),
        ("ESF+", "European Social Fund Plus", GLOSSARY),
    ]


def test_several_glossary_entries_on_one_line():
    text = (
        "Glossary — PTCE: pôle territorial de coopération économique; "
        "SSE: social and solidarity economy; "
        "GECES: the Commission's expert group on social economy and social enterprises"
    )
    definitions = find_definitions(text)
    assert [d.acronym for d in definitions] == ["PTCE", "SSE", "GECES"]
    assert definitions[2].expansion.endswith(
        "expert group on social economy and social enterprises"
    )
    for definition in definitions:
        assert text[definition.start :].startswith(definition.acronym + ":")


def test_dash_apposition_and_glued_name():
    text = (
        "Denis Stokkink, Président de POUR LA SOLIDARITÉ-PLS, est rapporteur du GECES - "
        "le groupe d'experts de l'économie sociale auprès de la commission européenne - "
        "sur les clusters."
    )
    assert _pairs(text) == [
        ("PLS", "POUR LA SOLIDARITÉ", HYPHENATED),
        (
            "GECES",
            "groupe d'experts de l'économie sociale auprès de la commission européenne",
            DASH,
        ),
    ]


def test_web_copy_glossary_popups_with_missing_parenthesis():
    text = (
        "les dynamiques davantage marquées « Economie sociale et solidaire » (ESS\n"
        "ESS\n"
        "Le terme d'Économie sociale et solidaire regroupe un ensemble de structures.\n"
        ") comme les pôles territoriaux de coopération\n"
        "Coopération\n"
        "Acteurs qui partagent des ressources pour atteindre un objectif commun tout en "
        "maintenant leur identité\n"
        "économique (PTCE\n"
        "PTCE\n"
        "Pôles territoriaux de coopération économique.\n"
        "), les tiers-lieux."
    )
    ess, ptce = find_definitions(text)
    assert (ess.acronym, ess.expansion, ess.pattern) == (
        "ESS",
        "Economie sociale et solidaire",
        EXPANSION_FIRST,
    )
    assert text[ess.start : ess.end] == "Economie sociale et solidaire » (ESS"
    assert (ptce.acronym, ptce.expansion, ptce.pattern) == (
        "PTCE",
        "Pôles territoriaux de coopération économique",
        POPUP,
    )
    assert text[ptce.start : ptce.end].startswith("(PTCE\n")


def test_each_acronym_is_returned_once_with_its_first_definition():
    text = (
        "L'économie sociale et solidaire (ESS) recrute.\n"
        "ESS : économie sociale et solidaire\n"
        "Les acteurs de l'économie sociale et solidaire (ESS) coopèrent."
    )
    definitions = find_definitions(text)
    assert len(definitions) == 1
    assert definitions[0].start == text.index("économie")


@pytest.mark.parametrize(
    "text",
    [
        "Le pôle a été labellisé en 2005 (2014).",
        "Les résultats sont détaillés plus loin (voir p. 12).",
        "Cluster density rises with firm size (see Figure 2).",
        "Clusters are geographic concentrations (Porter, 1998).",
        "Les clusters sont des concentrations (OCDE, 2010).",
        "Deux étapes sont décrites au chapitre (II).",
        "Les entreprises de l'économie sociale (ESS) se développent.",
        "ESS (en 2014, selon les chiffres) et SSE (see Figure 2).",
        "Le pôle est animé à l'initiative du Labo de l'ESS et de plusieurs réseaux.",
        "UE : 27 États membres",
        "",
    ],
)
def test_ordinary_parentheses_and_near_misses_are_not_definitions(text):
    assert find_definitions(text) == []


def test_definitions_point_into_the_text():
    text = (
        "Funding for the social and solidarity economy (SSE) "
        "and SMEs (small and medium-sized enterprises)."
    )
    for definition in find_definitions(text):
        span = text[definition.start : definition.end]
        assert definition.acronym in span or definition.acronym + "s" in span
        assert definition.expansion in text


def test_mentions_are_whole_word_case_sensitive_and_plural_aware():
    text = "Les PTCEs et le PTCE; SMEs, SME-led, smes, PTCEx, ESF+ et la DG GROW, la DG."
    mentions = find_mentions(text, ["PTCE", "SME", "DG", "DG GROW", "ESF"])
    assert [(a, text[s:e]) for a, s, e in mentions] == [
        ("PTCE", "PTCEs"),
        ("PTCE", "PTCE"),
        ("SME", "SMEs"),
        ("SME", "SME"),
        ("DG GROW", "DG GROW"),
        ("DG", "DG"),
    ]
    assert mentions == sorted(mentions, key=lambda m: (m[1], m[2]))


def test_mentions_of_nothing_is_empty():
    assert find_mentions("", ["ESS"]) == []
    assert find_mentions("L'ESS recrute.", []) == []
