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


@pytest.mark.parametrize(
    ("text", "acronym", "expansion"),
    [
        # the press writes some acronyms as names, in brackets after their long form
        (
            "Le rapport de la chambre régionale des ports et solidarités (Crps) est paru.",
            "Crps",
            "chambre régionale des ports et solidarités",
        ),
        (
            "the Harbour Area Logistics Office (Halo) opened.",
            "Halo",
            "Harbour Area Logistics Office",
        ),
    ],
)
def test_an_acronym_written_as_a_name_is_defined_by_its_initials(text, acronym, expansion):
    assert [(d.acronym, d.expansion) for d in find_definitions(text)] == [(acronym, expansion)]


@pytest.mark.parametrize(
    "text",
    [
        # a word in brackets whose letters are not all initials of the words before it
        "Le réseau des villes de France (Paris) est actif.",
        "Le Mouvement des entreprises portuaires (Mepo) a parlé.",
        # too short to tell from a word
        "the Harbour Area Logistics (Hal) opened.",
    ],
)
def test_a_word_in_brackets_is_no_acronym_without_all_its_initials(text):
    assert find_definitions(text) == []


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
        "Lexique — CCO: coopérative de circuits courts; "
        "LFN: local food network; "
        "WGRT: the working group on regional transport and rural mobility"
    )
    definitions = find_definitions(text)
    assert [d.acronym for d in definitions] == ["CCO", "LFN", "WGRT"]
    assert definitions[2].expansion.endswith(
        "working group on regional transport and rural mobility"
    )
    for definition in definitions:
        assert text[definition.start :].startswith(definition.acronym + ":")


def test_dash_apposition_and_glued_name():
    text = (
        "Marc Olivier, président de AGIR POUR LES EMPLOIS-APE, siège au CORAL - "
        "le comité régional des acteurs locaux - depuis trois ans."
    )
    assert _pairs(text) == [
        ("APE", "AGIR POUR LES EMPLOIS", HYPHENATED),
        ("CORAL", "comité régional des acteurs locaux", DASH),
    ]


def test_web_copy_glossary_popups_with_missing_parenthesis():
    text = (
        "les services portés par la « Mobilité partagée » (MP\n"
        "MP\n"
        "Le terme de mobilité partagée couvre le covoiturage et l'autopartage.\n"
        ") comme les centrales de mobilité\n"
        "Mobilité\n"
        "Ensemble des moyens de déplacement offerts aux habitants d'un territoire\n"
        "rurale (CMR\n"
        "CMR\n"
        "Centrales de mobilité rurale.\n"
        "), les garages solidaires."
    )
    mp, cmr = find_definitions(text)
    assert (mp.acronym, mp.expansion, mp.pattern) == ("MP", "Mobilité partagée", EXPANSION_FIRST)
    assert text[mp.start : mp.end] == "Mobilité partagée » (MP"
    assert (cmr.acronym, cmr.expansion, cmr.pattern) == (
        "CMR",
        "Centrales de mobilité rurale",
        POPUP,
    )
    assert text[cmr.start : cmr.end].startswith("(CMR\n")


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
        "Le projet est suivi à la demande du Comité de l'ESS et de plusieurs villes.",
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
