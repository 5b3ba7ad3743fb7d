"""Span repair, label corrections and non-actors, through ``annotate`` on real models.

Every sentence is ours; each rule has a French and an English case, positive and negative.
"""

from functools import partial

import pytest
from spacy.tokens import Span

from corpus_mining.nlp.actor_rules import Acronyms, correct_label, repair_spans
from corpus_mining.nlp.annotate import annotate
from corpus_mining.nlp.entity_rules import Candidate, relabel
from corpus_mining.nlp.org_lexicon import org_lexicon


def _mentions(nlp, text, **context):
    mentions, _ = annotate(nlp(text), [], not_actor_acronym=lambda t: False, **context)
    return {m.text: (m.label, m.rule) for m in mentions}


def _labels(nlp, text, **context):
    return {text: label for text, (label, _) in _mentions(nlp, text, **context).items()}


# --- 1. span repair ----------------------------------------------------------------------


def test_french_names_run_on_across_connectors_and_commas(nlp_fr):
    found = _mentions(
        nlp_fr, "Le ministère de la Culture, de la Jeunesse et des Sports a signé la convention."
    )
    assert found["ministère de la Culture, de la Jeunesse et des Sports"] == (
        "ORG",
        "ner+span_repair",
    )


def test_english_names_join_across_connectors_and_hyphens(nlp_en):
    found = _mentions(nlp_en, "She joined the Helsinki School of Business last year.")
    assert found["Helsinki School of Business"] == ("ORG", "ner+span_repair")
    assert _labels(nlp_en, "The OSCE-ODIHR mission observed the vote.")["OSCE-ODIHR"] == "ORG"


def _split_by_the_model(nlp, text, *parts, is_place=lambda text: False):
    """``annotate``'s mentions when the model tagged ``parts`` (label, words) as entities."""
    doc = nlp(text)
    spans = []
    for label, words in parts:
        start = text.index(words)
        spans.append(doc.char_span(start, start + len(words), label=label))
    doc.ents = spans
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False, is_place=is_place)
    return {m.text: (m.label, m.rule) for m in mentions}


@pytest.mark.parametrize(
    ("lang", "text", "first", "second", "joined"),
    [
        (
            "en",
            "She chairs the Wessex Movement for the Rural Economy since May.",
            "Wessex Movement for",
            "the Rural Economy",
            "Wessex Movement for the Rural Economy",
        ),
        (
            "fr",
            "Elle préside la Fédération des Coopératives Forestières depuis mai.",
            "Fédération des",
            "Coopératives Forestières",
            "Fédération des Coopératives Forestières",
        ),
    ],
)
def test_a_name_the_model_ended_on_a_connector_joins_the_next(
    nlp_fr, nlp_en, lang, text, first, second, joined
):
    nlp = nlp_en if lang == "en" else nlp_fr
    found = _split_by_the_model(nlp, text, ("ORG", first), ("ORG", second))
    assert found == {joined: ("ORG", "ner+span_repair")}


@pytest.mark.parametrize(
    ("lang", "text", "first", "second", "label"),
    [
        # no organisation head before the connector: two names
        (
            "en",
            "Plans for the Nordic Fund were dropped in May.",
            "Plans for",
            "the Nordic Fund",
            "ORG",
        ),
        (
            "fr",
            "Le Plan pour la Fondation Alpha est paru.",
            "Plan pour",
            "la Fondation Alpha",
            "ORG",
        ),
        # a person after the connector stays a person
        ("en", "The Trust for Mary Jones paid the fees.", "Trust for", "Mary Jones", "PER"),
    ],
)
def test_no_join_without_a_head_or_before_a_person(
    nlp_fr, nlp_en, lang, text, first, second, label
):
    nlp = nlp_en if lang == "en" else nlp_fr
    found = _split_by_the_model(nlp, text, ("ORG", first), (label, second))
    name = second.removeprefix("the ").removeprefix("la ")
    assert found[name][0] == label
    assert not any(first.split()[0] in mention and name in mention for mention in found)


def test_repair_stops_at_another_name_and_at_verbs(nlp_fr, nlp_en):
    found = _labels(nlp_fr, "L'Institut Pasteur et la Fondation Lemaire financent le projet.")
    assert "Institut Pasteur" in found and not any(" et " in name for name in found)
    found = _labels(nlp_en, "The Ministry of Labour met with several local unions last week.")
    assert any(name.endswith("Ministry of Labour") for name in found)
    assert not any("met" in name for name in found)


def test_a_lower_case_head_and_the_name_after_it(nlp_fr):
    found = _mentions(nlp_fr, "Le réseau Colibri accompagne la fondation Marguerite Yvon.")
    assert found["fondation Marguerite Yvon"] == ("ORG", "ner+common_head_name")
    assert "Marguerite Yvon" not in found
    # an acronym is a name by itself
    assert "ABCD" in _labels(nlp_fr, "Le réseau ABCD accompagne les communes.")


# --- 4. label correction -----------------------------------------------------------------


def test_an_organisation_head_or_acronym_beats_a_place(nlp_fr):
    found = _mentions(nlp_fr, "La CCI Bourgogne et la CMA Bretagne organisent un salon.")
    assert found["CCI Bourgogne"] == ("ORG", "ner+org_acronym_name")
    assert found["CMA Bretagne"][0] == "ORG"
    assert _labels(nlp_fr, "Il vit à Rennes depuis dix ans.") == {"Rennes": "LOC"}


def test_a_programme_head_is_not_an_organisation(nlp_en):
    found = _mentions(nlp_en, "The Clean Transport Programme began in 2019 in Leeds.")
    assert all(label != "ORG" for label, _ in found.values())


def test_events_are_not_organisations(nlp_en, nlp_fr):
    found = _labels(nlp_en, "Delegates met at the Northern Ports Summit in 2018, said the report.")
    assert "ORG" not in found.values()
    found = _labels(nlp_fr, "Elle a parlé au Congrès national des ateliers partagés en 2018.")
    assert "ORG" not in found.values()


def test_a_defined_organisation_acronym_is_an_organisation(nlp_fr):
    acronyms = Acronyms(org=lambda t: t == "ZORM", defined=lambda t: t == "ZORM")
    found = _labels(nlp_fr, "Selon la ZORM, les ports recrutent.", acronyms=acronyms)
    assert found.get("ZORM") == "ORG"


# --- 5. non-actors -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "La ministre du Logement a visité le chantier à Nantes.",
        "Le Ministre de l'Agriculture a visité la ferme à Rodez.",
    ],
)
def test_a_ministers_portfolio_is_not_an_organisation(nlp_fr, text):
    assert all(label != "ORG" for label in _labels(nlp_fr, text).values())


def test_the_organisation_inside_a_job_title_is_kept(nlp_en, nlp_fr):
    found = _labels(nlp_en, "John Reid, Director-General of DG MOVE, opened the event.")
    assert found.get("DG MOVE") == "ORG" and found.get("John Reid") == "PER"
    found = _labels(nlp_fr, "Le directeur général de l'Agence des mobilités rurales a parlé.")
    assert found.get("Agence des mobilités rurales") == "ORG"


def test_laws_named_after_people_are_not_people(nlp_fr, nlp_en):
    found = _labels(nlp_fr, "La loi Bertrand a modifié le statut des coopératives.")
    assert "PER" not in found.values()
    found = _labels(nlp_en, "The Hollis law was repealed in 2004.")
    assert "PER" not in found.values()
    # the same surname outside a law's name is a person
    assert _labels(nlp_fr, "Marie Bertrand a modifié le statut.").get("Marie Bertrand") == "PER"


def test_surnames_in_capitals_next_to_a_given_name_are_people(nlp_fr, nlp_en):
    found = _labels(nlp_fr, "Le chantier a été visité par Jeanne LEMOINE et DURAND Paul.")
    assert found.get("Jeanne LEMOINE") == "PER" and found.get("DURAND Paul") == "PER"
    found = _labels(nlp_en, "Anna KOWALSKI and BRENNAN Thomas chaired the panel.")
    assert found.get("Anna KOWALSKI") == "PER" and found.get("BRENNAN Thomas") == "PER"
    # a defined acronym next to a capitalised word stays an acronym
    acronyms = Acronyms(org=lambda t: t == "ZORM", defined=lambda t: t == "ZORM")
    found = _labels(nlp_fr, "La ZORM Bretagne recrute.", acronyms=acronyms)
    assert "PER" not in found.values()


@pytest.mark.parametrize(
    ("lang", "text", "parts", "name"),
    [
        # a hyphenated given name stays whole, tagged by the model or not
        ("en", "A paper by Anne-Sophie KOWALSKI, KORVA, Lyon.", (), "Anne-Sophie KOWALSKI"),
        (
            "fr",
            "Un article de Marie-Anne DUVAL, KORVA, Lyon.",
            (("PER", "Marie-Anne"),),
            "Marie-Anne DUVAL",
        ),
        # words without a hyphen are not part of it
        ("fr", "Un article de Pierre Paul DUVAL, KORVA, Lyon.", (("PER", "Paul"),), "Paul DUVAL"),
    ],
)
def test_a_capitalised_surname_takes_the_whole_hyphenated_given_name(
    nlp_fr, nlp_en, lang, text, parts, name
):
    surname = name.split()[-1]
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, *parts, ("ORG", surname))
    assert found.get(name, ("", ""))[0] == "PER"


@pytest.mark.parametrize(
    ("lang", "text", "cut", "name"),
    [
        # the model ended the name on its connector: it goes on from there
        (
            "en",
            "Harbour Network for Coastal Fisheries: a report by KORVA.",
            "Harbour Network for",
            "Harbour Network for Coastal Fisheries",
        ),
        (
            "fr",
            "Réseau pour la Pêche Artisanale : la KORVA grandit.",
            "Réseau pour",
            "Réseau pour la Pêche Artisanale",
        ),
        # nothing to go on to: the connector is cut off
        ("en", "Harbour Network for: a report by KORVA.", "Harbour Network for", "Harbour Network"),
    ],
)
def test_a_name_the_model_ended_on_its_connector_goes_on(nlp_fr, nlp_en, lang, text, cut, name):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("ORG", cut))
    assert found.get(name, ("", ""))[0] == "ORG"


def test_le_and_la_surnames_stay_people(nlp_fr):
    text = "Selon Le Bihan et La Rocca, la réforme a échoué."
    assert _labels(nlp_fr, text).get("Le Bihan") == "PER"
    doc = nlp_fr(text)
    for start in (1, 4):  # a person's span "Le X" / an article before a one-word person
        for cand in (
            Candidate(start, start + 2, "PER", "model"),
            Candidate(start + 1, start + 2, "PER", "model"),
        ):
            assert relabel(doc, cand, lambda t: False).label == "PER"


def test_heading_lines_in_capitals_are_not_names(nlp_fr, nlp_en):
    assert _labels(nlp_fr, "RAPPORT ANNUEL DES TERRITOIRES MARINS") == {}
    assert _labels(nlp_en, "ANNUAL REVIEW") == {}
    acronyms = Acronyms(defined=lambda t: t == "ZORM")
    assert _labels(nlp_fr, "ZORM", acronyms=acronyms) == {"ZORM": "ORG"}


def test_a_surname_in_capitals_split_from_its_given_name_is_joined(nlp_fr):
    found = _mentions(nlp_fr, "  • Compte rendu par GARNIER Sylvie ")
    assert found.get("GARNIER Sylvie", ("", ""))[0] == "PER"
    assert "GARNIER" not in found


def test_an_acronym_written_before_its_expansion_is_split(nlp_fr):
    text = (
        "Le CIAT Comité interministériel d'aménagement du territoire a retenu six dossiers en mai."
    )
    found = _labels(nlp_fr, text)
    assert found.get("CIAT") == "ORG"
    assert found.get("Comité interministériel d'aménagement du territoire") == "ORG"


def test_english_enumerated_directorate_general(nlp_en):
    text = "Funding comes from the Directorate-General for Internal Market, Industry, Entrepreneurship and SMEs this year."
    found = _labels(nlp_en, text)
    name = "Directorate-General for Internal Market, Industry, Entrepreneurship and SMEs"
    assert found.get(name) == "ORG"


def test_capitals_the_model_calls_misc_are_read_as_an_acronym(nlp_fr):
    doc = nlp_fr("Le dossier a été retenu par la ZEPHA en janvier.")
    cand = Candidate(7, 8, "MISC", "model", "", "ner")
    fixed = correct_label(doc, cand, org_lexicon("fr"), Acronyms())
    assert fixed is not None and (fixed.label, fixed.rule) == ("ORG", "ner+acronym_misc_as_org")
    cand = Candidate(7, 8, "MISC", "gazetteer", "X", "gazetteer")
    assert correct_label(doc, cand, org_lexicon("fr"), Acronyms()).label == "MISC"


def test_lower_case_complements_continue_a_name_once(nlp_fr, nlp_en):
    # an administrative head takes any lower-case complement
    text = "Le dossier a été transmis au ministère du travail et de l'emploi la semaine passée."
    assert "ministère du travail et de l'emploi" in _labels(nlp_fr, text)
    # a name that is whole does not run on into the sentence
    text = "La Commission européenne en vue de la réforme a publié un avis sur les aides."
    assert not any(name.endswith("en vue") for name in _labels(nlp_fr, text))
    text = "The European Commission in view of the reform published an opinion on state aid."
    assert not any("in view" in name for name in _labels(nlp_en, text))


def test_a_known_name_and_the_head_final_name_after_it_are_one(nlp_en, nlp_fr):
    doc = nlp_en("The report of the European Commission Harbour Group on Small Ports came out.")
    doc.ents = [
        Span(doc, 4, 6, label="ORG", span_id="european_commission"),
        Span(doc, 6, 11, label="ORG"),
    ]
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    assert [(m.text, m.source) for m in mentions if m.label == "ORG"] == [
        ("European Commission Harbour Group on Small Ports", "rule")
    ]
    # French names put their head first: a known name is not joined to the next one
    doc = nlp_fr("Le rapport de la Commission européenne Groupe Alpha est paru hier.")
    doc.ents = [
        Span(doc, 4, 6, label="ORG", span_id="european_commission"),
        Span(doc, 6, 8, label="ORG"),
    ]
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    assert [m.text for m in mentions] == ["Commission européenne", "Groupe Alpha"]


@pytest.mark.parametrize(
    ("lang", "text", "span", "labels"),
    [
        ("en", "Funding goes to the Regional Innovation Hubs of the member states next year.", (4, 7), {"Regional Innovation Hubs": "MISC"}),
        ("en", "Funding goes to the Regional Innovation Hub of the member states next year.", (4, 7), {"Regional Innovation Hub": "ORG"}),
        ("fr", "Les Clusters régionaux ont reçu des aides de la région cette année.", (1, 3), {"Clusters régionaux": "MISC"}),
        # a plural head with its complement names a network of bodies
        ("fr", "Les Chambres régionales des métiers ont reçu des aides cette année.", (1, 5), {"Chambres régionales des métiers": "ORG"}),
    ],
)  # fmt: skip
def test_a_plural_organisation_head_names_a_category(labels_of_model_org, lang, text, span, labels):
    assert labels_of_model_org(lang, text, span) == labels


def test_et_de_continues_a_name_only_after_a_connector_of_its_own(nlp_fr, nlp_en):
    found = _labels(nlp_fr, "La politique de l'Union européenne et des États membres change.")
    assert not any("États" in name and "Union" in name for name in found)
    found = _labels(nlp_fr, "Le ministère de la Mer et de la Pêche a signé l'accord.")
    assert any(name.endswith("de la Mer et de la Pêche") for name in found)
    found = _labels(nlp_en, "The Ministry of Transport and of Ports signed the deal.")
    assert any(name.endswith("Ministry of Transport and of Ports") for name in found)


def test_a_last_qualifier_after_et_and_an_adjective_stays_in_the_name(nlp_fr, nlp_en):
    found = _labels(
        nlp_fr, "Les Chambres Régionales de l’Économie Sociale et Solidaire (CRESS) signent."
    )
    assert "Chambres Régionales de l’Économie Sociale et Solidaire" in found
    # a name of its own after "et" stays apart
    found = _labels(nlp_fr, "L'Institut Pasteur et la Fondation Lemaire financent le projet.")
    assert not any(" et " in name for name in found)
    found = _labels(nlp_en, "The Ministry of Labour and Anna Berg met the unions last week.")
    assert found.get("Anna Berg") == "PER" and "Ministry of Labour" in found


def test_documents_and_forums_are_not_organisations(nlp_fr, nlp_en):
    lexicon = org_lexicon("en")
    doc = nlp_en("The Green Harbour Report was published in May.")
    cand = Candidate(1, 4, "ORG", "model", "", "ner")
    assert correct_label(doc, cand, lexicon, Acronyms()).label == "MISC"
    doc = nlp_en("The Nordic Cluster Forum met in Oslo.")
    cand = Candidate(1, 4, "ORG", "model", "", "ner")
    assert correct_label(doc, cand, lexicon, Acronyms()).label == "MISC"
    doc = nlp_en("The Green Harbour Agency was founded in May.")
    cand = Candidate(1, 4, "ORG", "model", "", "ner")
    assert correct_label(doc, cand, lexicon, Acronyms()).label == "ORG"
    doc = nlp_fr("La Charte Régionale des Tiers-Lieux est signée.")
    cand = Candidate(1, 5, "ORG", "model", "", "ner")
    assert correct_label(doc, cand, org_lexicon("fr"), Acronyms()).label == "MISC"


def test_an_english_plural_category_in_french_text(nlp_fr):
    doc = nlp_fr("Les Smart Energy Hubs se multiplient en Europe.")
    cand = Candidate(1, 4, "ORG", "model", "", "ner")
    assert correct_label(doc, cand, org_lexicon("fr"), Acronyms()).label == "MISC"
    doc = nlp_fr("Le Smart Energy Hub de Lyon recrute.")
    cand = Candidate(1, 4, "ORG", "model", "", "ner")
    assert correct_label(doc, cand, org_lexicon("fr"), Acronyms()).label == "ORG"


def test_a_model_name_over_commas_is_a_list_of_names(nlp_fr, nlp_en):
    from corpus_mining.nlp.org_spans import split_at_commas

    def parts(nlp, text, name):
        doc = nlp(text)
        start = text.index(name)
        span = doc.char_span(start, start + len(name))
        cand = Candidate(span.start, span.end, "ORG", "model", "", "ner")
        return [
            doc[p.start : p.end].text for p in split_at_commas(doc, cand, org_lexicon(doc.lang_))
        ]

    text = "Authors: Lena Holt, Institute for Urban Studies, Tallinn Business School."
    assert parts(nlp_en, text, "Institute for Urban Studies, Tallinn Business School") == [
        "Institute for Urban Studies",
        "Tallinn Business School",
    ]
    text = "Auteurs : Laboratoire des Territoires, Lyon, Université Rhône Sud."
    assert parts(nlp_fr, text, "Laboratoire des Territoires, Lyon, Université Rhône Sud") == [
        "Laboratoire des Territoires",
        "Université Rhône Sud",
    ]


def test_an_enumerated_ministry_stays_one_name(nlp_fr, nlp_en):
    from corpus_mining.nlp.org_spans import split_at_commas

    text = "He met the Ministry of Economy, Finance and Industry staff."
    doc = nlp_en(text)
    cand = Candidate(3, 9, "ORG", "model", "", "ner")
    assert split_at_commas(doc, cand, org_lexicon("en")) == [cand]
    doc = nlp_fr("Le ministère de l'Économie, de l'Industrie et du Numérique signe.")
    cand = Candidate(1, 12, "ORG", "model", "", "ner")
    assert split_at_commas(doc, cand, org_lexicon("fr")) == [cand]


def test_a_hyphenated_enumerating_head_keeps_its_commas(nlp_en):
    from corpus_mining.nlp.org_spans import split_at_commas

    doc = nlp_en("They met the Directorate-General for Trade, Energy and Transport staff.")
    cand = Candidate(3, 12, "ORG", "model", "", "ner")
    assert doc[cand.start : cand.end].text == "Directorate-General for Trade, Energy and Transport"
    assert split_at_commas(doc, cand, org_lexicon("en")) == [cand]


@pytest.mark.parametrize(
    ("nlp_name", "text", "names"),
    [
        # dense with names, but a verb in lower case: a sentence, and its names are kept
        (
            "nlp_en",
            "Funding comes from the Directorate-General for Regional Policy, Cities and Urban Affairs.",
            {"Directorate-General for Regional Policy, Cities and Urban Affairs"},
        ),
        (
            "nlp_fr",
            "La Fédération Nationale des Coopératives Agricoles rejoint le Réseau Européen des Villes Solidaires.",
            {
                "Fédération Nationale des Coopératives Agricoles",
                "Réseau Européen des Villes Solidaires",
            },
        ),
        # a title-case headline capitalises its verbs: its capitals mark the style, not names
        ("nlp_en", "Northern Regional Council Launches New Cluster Support Platform", set()),
        # ... but a body's name in it, its head first and no verb in it, is still a name
        (
            "nlp_fr",
            "Le Réseau Européen Des Villes Solidaires Accueille La Fédération Nationale Des Coopératives",
            {"La Fédération Nationale Des Coopératives"},
        ),
        # a heading line that is a body's name alone
        (
            "nlp_en",
            "Department of Harbours, Fisheries and Coastal Employment",
            {"Department of Harbours, Fisheries and Coastal Employment"},
        ),
        (
            "nlp_fr",
            "Direction Régionale Des Ports Et Des Pêches Maritimes",
            {"Direction Régionale Des Ports Et Des Pêches Maritimes"},
        ),
    ],
)
def test_a_title_case_line_is_a_headline_unless_a_verb_is_in_lower_case(
    request, nlp_name, text, names
):
    found = _labels(request.getfixturevalue(nlp_name), text)
    assert {name for name, label in found.items() if label == "ORG"} == names


@pytest.mark.parametrize(
    ("lang", "text", "span", "kept"),
    [
        # written in lower case elsewhere in the document: a common noun, not a name
        (
            "en",
            "See our Activities page. The network runs activities for its members.",
            (2, 3),
            False,
        ),
        (
            "fr",
            "Voir la page Adhérents du site. Le réseau compte des adhérents ruraux.",
            (3, 4),
            False,
        ),
        ("fr", "Voir la page Union, puis l'union des réseaux locaux.", (3, 4), False),
        # never written in lower case: a name
        ("en", "See our Prognos page. The network runs activities for its members.", (2, 3), True),
        (
            "fr",
            "Voir la page Ecotrans du site. Le réseau relie des territoires ruraux.",
            (3, 4),
            True,
        ),
        # a lower-case word inside another one does not count ("union" in "réunion")
        ("fr", "Voir la page Union, puis la réunion du réseau.", (3, 4), True),
    ],
)
def test_a_capitalised_word_the_document_writes_in_lower_case_is_not_a_name(
    nlp_fr, nlp_en, lang, text, span, kept
):
    from corpus_mining.nlp.extractor import _lowercase_words, _written_lowercase

    doc = {"fr": nlp_fr, "en": nlp_en}[lang](text)
    doc.ents = [Span(doc, *span, label="ORG")]
    common = partial(_written_lowercase, text=text, words=_lowercase_words(text))
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False, is_common_phrase=common)
    assert (doc[span[0] : span[1]].text in {m.text for m in mentions}) is kept


# --- English names around their head: possessives, words before the head, titles ---------


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The study is run by Carrow Business School's Institute for Urban Strategy.",
            {"Carrow Business School", "Institute for Urban Strategy"},
        ),
        # the apostrophe lost in a copy: "Yale s"
        (
            "He is a fellow at Yale s Jackson Institute of Global Affairs and lecturer.",
            {"Yale", "Jackson Institute of Global Affairs"},
        ),
    ],
)
def test_a_possessive_separates_the_owner_from_the_name_it_owns(nlp_en, text, names):
    found = _mentions(nlp_en, text)
    assert {name for name, (label, _) in found.items() if label == "ORG"} == names
    owner = min(names, key=lambda name: text.index(name))
    assert "possessive" in found[owner][1]


def test_a_french_name_has_no_possessive_to_split(nlp_fr):
    found = _mentions(nlp_fr, "Elle enseigne à l'Institut Pasteur de Lille depuis 2015.")
    assert set(found) == {"Institut Pasteur de Lille"}
    assert "possessive" not in found["Institut Pasteur de Lille"][1]


def test_an_english_name_opening_on_its_head_takes_the_words_before_it(nlp_en):
    found = _mentions(nlp_en, "Jane Doe, Whitman School of Management, Syracuse University.")
    assert found["Whitman School of Management"] == ("ORG", "university+name_before_head")
    assert found["Jane Doe"][0] == "PER"


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        # a year, an article or a sentence's start is not part of the name
        ("en", "In 2010 the School of Economics opened.", "School of Economics"),
        # French names put their head first: the place before stays a place
        ("fr", "La Grenoble École de Management ouvre.", "École de Management"),
    ],
)
def test_nothing_but_capitalised_words_joins_a_name_before_its_head(
    nlp_fr, nlp_en, lang, text, name
):
    found = _mentions(nlp_en if lang == "en" else nlp_fr, text)
    assert found[name][0] == "ORG"
    assert "name_before_head" not in found[name][1]


@pytest.mark.parametrize(
    ("lang", "text", "kept"),
    [
        (
            "en",
            "He is University Professor at the University of Toronto.",
            {"University of Toronto"},
        ),
        ("en", "Contact the International Project Coordinator of the network.", set()),
        ("fr", "Le Professeur Martin dirige le laboratoire.", set()),
    ],
)
def test_a_job_title_is_not_an_organisation_wherever_its_head_stands(
    nlp_fr, nlp_en, lang, text, kept
):
    found = _mentions(nlp_en if lang == "en" else nlp_fr, text)
    assert {name for name, (label, _) in found.items() if label == "ORG"} == kept


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "The Innovation Agency and the Research Council met.", "Research Council"),
        (
            "fr",
            "Le Conseil régional de Bretagne finance le projet.",
            "Conseil régional de Bretagne",
        ),
    ],
)
def test_an_organisation_head_is_not_a_title(nlp_fr, nlp_en, lang, text, name):
    assert _mentions(nlp_en if lang == "en" else nlp_fr, text)[name][0] == "ORG"


def test_a_plural_head_in_ies_names_a_category(nlp_en):
    found = _mentions(
        nlp_en, "The plan involves government departments and Regional Development Agencies."
    )
    assert found["Regional Development Agencies"] == ("MISC", "ner+plural_category")
    assert _mentions(nlp_en, "The Innovation Agency opened.")["Innovation Agency"][0] == "ORG"


@pytest.mark.parametrize(
    ("plural", "one"),
    [("agencies", "agency"), ("réseaux", "réseau"), ("hubs", "hub"), ("agence", ""), ("ies", "ie")],
)
def test_singular_of_a_plural_noun(plural, one):
    from corpus_mining.nlp.org_lexicon import singular

    assert singular(plural) == one


# --- two names joined by a conjunction ---------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "span", "names"),
    [
        (
            "en",
            "Students from Alpha National University and Beta Technical University joined in May.",
            "Alpha National University and Beta Technical University",
            {"Alpha National University", "Beta Technical University"},
        ),
        (
            "fr",
            "Ont signé l'Agence Alpha et la Fondation Beta une convention en mai.",
            "Agence Alpha et la Fondation Beta",
            {"Agence Alpha", "Fondation Beta"},
        ),
        # a part without a head of its own stays inside the name
        (
            "en",
            "The tax is collected by HM Revenue and Customs in the region.",
            "HM Revenue and Customs",
            {"HM Revenue and Customs"},
        ),
        (
            "fr",
            "Le ministère de l'Économie et des Finances publie la note.",
            "ministère de l'Économie et des Finances",
            {"ministère de l'Économie et des Finances"},
        ),
    ],
)
def test_two_names_each_with_its_head_are_split_at_the_conjunction(
    nlp_fr, nlp_en, lang, text, span, names
):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("ORG", span))
    assert {name for name, (label, _) in found.items() if label == "ORG"} == names


def test_a_name_is_not_extended_over_another_head_after_and(nlp_en):
    text = "Students from Alpha National University and Beta Technical University joined in May."
    found = _split_by_the_model(nlp_en, text, ("ORG", "Alpha National University"))
    assert set(found) == {"Alpha National University"}
    text = "We wrote to the Ministry of Economy and Finance last year."
    found = _split_by_the_model(nlp_en, text, ("ORG", "Ministry of Economy"))
    assert set(found) == {"Ministry of Economy and Finance"}


# --- street addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "span", "label"),
    [
        (
            "en",
            "The office is at 721 University Avenue, in the city centre.",
            "University Avenue",
            "LOC",
        ),
        ("fr", "Le siège est au 12 rue du Port, à côté de la gare.", "rue du Port", "LOC"),
        # no house number: a street's word inside a name
        (
            "en",
            "An article in the Harbour Street Journal praised the hub.",
            "Harbour Street Journal",
            "ORG",
        ),
        (
            "fr",
            "La Fondation Rue du Commerce aide les commerçants.",
            "Fondation Rue du Commerce",
            "ORG",
        ),
    ],
)
def test_a_kind_of_street_after_a_house_number_is_an_address(
    nlp_fr, nlp_en, lang, text, span, label
):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("ORG", span))
    assert found[span][0] == label


# --- English title-case phrases of common words -------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "span", "label"),
    [
        # every word a common word, none a head: a topic written in title case
        ("en", "The report covers Venture Capital in the region.", "Venture Capital", "MISC"),
        (
            "en",
            "Most firms now invest in Artificial Intelligence tools.",
            "Artificial Intelligence",
            "MISC",
        ),
        # a head, a publication's head or a word no dictionary holds makes a name
        (
            "en",
            "The budget of the Small Business Service was cut.",
            "Small Business Service",
            "ORG",
        ),
        (
            "en",
            "An article in the Harbour Street Journal praised the hub.",
            "Harbour Street Journal",
            "ORG",
        ),
        ("en", "The report was funded by Klovar Capital last year.", "Klovar Capital", "ORG"),
        # French does not write common words in title case: capitals there mark a name
        ("fr", "Le réseau des Petites Cantines ouvre un nouveau lieu.", "Petites Cantines", "ORG"),
    ],
)
def test_english_title_case_common_words_name_a_topic(nlp_fr, nlp_en, lang, text, span, label):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("ORG", span))
    assert found[span][0] == label


@pytest.mark.parametrize(
    ("lang", "text", "span", "label"),
    [
        # a noun of an action or a quality alone is a heading's word, in any case
        ("en", "See the Communication of last year on clusters.", "Communication", "MISC"),
        ("fr", "Le thème INNOVATION revient dans le rapport.", "INNOVATION", "MISC"),
        # a head noun alone, or a name without such an ending, stays an organisation
        ("en", "The Commission adopted the plan last year.", "Commission", "ORG"),
        ("fr", "Selon Orange, le réseau couvre la région.", "Orange", "ORG"),
        ("en", "The grant came from Klovarity last year.", "Klovarity", "ORG"),
    ],
)
def test_an_abstract_noun_alone_is_not_an_organisation(nlp_fr, nlp_en, lang, text, span, label):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("ORG", span))
    assert found[span][0] == label


@pytest.mark.parametrize(
    ("lang", "text", "span", "label"),
    [
        # "as", "per", "towards", "vers", "comme": a title's or a phrase's words
        (
            "en",
            "We cite Klovar Ports as Engines of Growth here.",
            "Klovar Ports as Engines of Growth",
            "MISC",
        ),
        (
            "en",
            "We cite Klovar Finance Towards Growth here.",
            "Klovar Finance Towards Growth",
            "MISC",
        ),
        (
            "fr",
            "Lire Vers une Coopération Portuaire dans la revue.",
            "Vers une Coopération Portuaire",
            "MISC",
        ),
        # the connectors of names do not count
        (
            "en",
            "The Harbour Institute for Port Studies opened.",
            "Harbour Institute for Port Studies",
            "ORG",
        ),
        (
            "fr",
            "Le Collectif pour une Pêche Durable a parlé.",
            "Collectif pour une Pêche Durable",
            "ORG",
        ),
    ],
)
def test_a_span_holding_a_phrase_word_is_not_a_name(nlp_fr, nlp_en, lang, text, span, label):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("ORG", span))
    assert found[span][0] == label


def test_a_listed_place_is_a_name_though_the_lemmatizer_knows_it(nlp_en):
    places = {"Ireland", "Finland"}.__contains__
    text = "The grant came from Enterprise Ireland and Venture Capital firms."
    parts = (("ORG", "Enterprise Ireland"), ("ORG", "Venture Capital"))
    found = _split_by_the_model(nlp_en, text, *parts, is_place=places)
    assert {name: label for name, (label, _) in found.items()} == {
        "Enterprise Ireland": "ORG",
        "Venture Capital": "MISC",
    }
    # without the place list, both words are the lemmatizer's
    found = _split_by_the_model(nlp_en, text, ("ORG", "Enterprise Ireland"))
    assert found["Enterprise Ireland"][0] == "MISC"


@pytest.mark.parametrize(
    ("text", "first", "second", "source", "expected"),
    [
        # an English body named for its country: the place right after its name
        ("The members of Harbour Enterprise UK met.", ("ORG", 3, 5), ("LOC", 5, 6), "model", 1),
        # a known body and a place: its office there, not a new name
        (
            "The European Commission France office met.",
            ("ORG", 1, 3),
            ("LOC", 3, 4),
            "gazetteer",
            2,
        ),
        # a person and a place stay apart
        ("We met Jane Rowe Paris yesterday.", ("PER", 2, 4), ("LOC", 4, 5), "model", 2),
    ],
)
def test_an_english_body_named_for_its_country_is_one_name(
    nlp_en, text, first, second, source, expected
):
    doc = nlp_en(text)
    label, start, end = first
    cands = [
        Candidate(start, end, label, source, "", "ner"),
        Candidate(second[1], second[2], second[0], "model", "", "ner"),
    ]
    repaired = repair_spans(doc, cands, org_lexicon("en"))
    assert len(repaired) == expected
    if expected == 1:
        assert (doc[repaired[0].start : repaired[0].end].text, repaired[0].label) == (
            "Harbour Enterprise UK",
            "ORG",
        )


@pytest.mark.parametrize(
    ("lang", "text", "parts", "expected"),
    [
        # "Government" heads an English name: a regional government is a body
        (
            "en",
            "The Basque Government funds it.",
            (("NORP", "Basque Government"),),
            {"Basque Government": "ORG"},
        ),
        # "in" joins no English name to the place after it
        (
            "en",
            "Researchers at Harbour University in Lagos agreed.",
            (("ORG", "Harbour University"), ("GPE", "Lagos")),
            {"Harbour University": "ORG", "Lagos": "LOC"},
        ),
    ],
)
def test_english_heads_and_connectors(nlp_fr, nlp_en, lang, text, parts, expected):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, *parts)
    assert {name: label for name, (label, _) in found.items()} == expected


# --- romanised given names ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "According to Lee Jae-myung, the hub will grow.", "Lee Jae-myung"),
        ("en", "Minister Huang Der-ray opened the science park.", "Huang Der-ray"),
        # a surname that is also an organisation head stays a surname
        ("en", "The park was founded by Park Seo-yun in 1973.", "Park Seo-yun"),
        ("fr", "Selon Lee Jae-myung, le pôle va grandir.", "Lee Jae-myung"),
    ],
)
def test_a_hyphenated_romanised_given_name_is_part_of_the_person(nlp_fr, nlp_en, lang, text, name):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("PER", name))
    assert found[name][0] == "PER"


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        # a lower-case word after a spaced hyphen is not a given name's half
        ("en", "Dr Jane Rowe - report author, said so.", "Jane Rowe - report"),
        ("fr", "Léa Morel - directrice, a parlé.", "Léa Morel - directrice"),
    ],
)
def test_a_lower_case_word_after_a_spaced_hyphen_is_not_a_name(nlp_fr, nlp_en, lang, text, span):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("PER", span))
    assert span not in found


def test_a_body_named_after_a_person_opens_on_its_head(nlp_en):
    text = "He teaches at the John Cook School of Business in St. Louis."
    found = _split_by_the_model(nlp_en, text, ("PER", "John Cook"), ("ORG", "School of Business"))
    assert found["John Cook School of Business"] == ("ORG", "ner+span_repair")


@pytest.mark.parametrize(
    ("lang", "text", "person", "body"),
    [
        # the body's head comes last: the person is not part of its name
        ("en", "Then Jane Rowe Harbour Agency staff left.", "Jane Rowe", "Harbour Agency"),
        # French names put their head first: a person before it is not joined
        ("fr", "Selon Marie Dubois Fondation Alpha a signé.", "Marie Dubois", "Fondation Alpha"),
    ],
)
def test_a_person_before_a_body_stays_a_person(nlp_fr, nlp_en, lang, text, person, body):
    nlp = nlp_en if lang == "en" else nlp_fr
    found = _split_by_the_model(nlp, text, ("PER", person), ("ORG", body))
    assert found[person][0] == "PER"


# --- brand-shaped words are not people's names --------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("en", "She joined Cluster4Smart in May.", "Cluster4Smart"),
        ("en", "We met the team of OpenCoffee Patras last week.", "OpenCoffee Patras"),
        ("fr", "Elle a rejoint MakerLab Nantes en mai.", "MakerLab Nantes"),
    ],
)
def test_a_digit_or_an_inner_capital_makes_a_brand_not_a_person(nlp_fr, nlp_en, lang, text, span):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("PER", span))
    assert found[span] == ("ORG", "ner+brand_shape")


@pytest.mark.parametrize(
    ("lang", "text", "span"),
    [
        ("en", "He met Ronald McDonald in Lyon.", "Ronald McDonald"),
        ("en", "The report by Anne DeYoung came out.", "Anne DeYoung"),
        ("fr", "Il a rencontré Jean-François LEMAIRE à Lyon.", "Jean-François LEMAIRE"),
        ("fr", "Selon Anne-Sophie Le Goff, le pôle grandit.", "Anne-Sophie Le Goff"),
    ],
)
def test_prefixed_hyphenated_and_capital_surnames_stay_people(nlp_fr, nlp_en, lang, text, span):
    found = _split_by_the_model(nlp_en if lang == "en" else nlp_fr, text, ("PER", span))
    assert found[span][0] == "PER"


@pytest.mark.parametrize(
    ("lang", "text", "people", "bodies"),
    [
        (
            "fr",
            "Jean Dufour1, Léa Morel2\n1 Université de Lille, France\n2 Institut Delta, Paris",
            ["Jean Dufour", "Léa Morel"],
            ["Université de Lille"],
        ),
        (
            "en",
            "Ann Okafor1, Tom Reyes2,3\n1 Northgate University, School of Design, UK",
            ["Ann Okafor", "Tom Reyes"],
            ["Northgate University", "School of Design"],
        ),
    ],
)
def test_authors_with_affiliation_numbers_are_people_and_their_bodies_apart(
    nlp_fr, nlp_en, lang, text, people, bodies
):
    labels = _labels(nlp_en if lang == "en" else nlp_fr, text)
    assert all(labels.get(name) == "PER" for name in people)
    assert all(labels.get(name) == "ORG" for name in bodies)
    assert not [t for t, label in labels.items() if label in {"ORG", "PER"} and t[-1].isdigit()]


def test_a_name_joined_without_a_comma_stays_one(nlp_en):
    # the adjacent-span join still works where no comma or number parts the two spans
    labels = _labels(nlp_en, "She joined the Helsinki School of Business last year.")
    assert labels["Helsinki School of Business"] == "ORG"


@pytest.mark.parametrize(
    ("lang", "text", "thought", "body"),
    [
        (
            "fr",
            "Les travaux de l'école de Vienne ont inspiré ceux de l'Université de Lyon.",
            "école de Vienne",
            "Université de Lyon",
        ),
        (
            "en",
            "The school of Vienna shaped the teaching of the School of Business of Dublin.",
            "school of Vienna",
            "School of Business of Dublin",
        ),
    ],
)
def test_a_school_of_thought_named_for_its_city_is_no_body(
    nlp_fr, nlp_en, lang, text, thought, body
):
    places = {"Vienne", "Vienna", "Lyon", "Dublin"}.__contains__
    found = _mentions(nlp_en if lang == "en" else nlp_fr, text, is_place=places)
    assert found[thought] == ("MISC", "university+school_of_thought")
    assert found[body][0] == "ORG"


@pytest.mark.parametrize(
    ("lang", "text", "first", "second", "found"),
    [
        # a common noun after "and"/"et" that heads no name: the last of the portfolios
        (
            "en",
            "The Wessex Ministry of Coastal Affairs and Heritage funds clusters.",
            "Wessex Ministry of Coastal Affairs",
            "Heritage",
            {"Wessex Ministry of Coastal Affairs and Heritage": "ORG"},
        ),
        (
            "fr",
            "L'Institut Régional des Métiers et Techniques ouvre en mai.",
            "Institut Régional des Métiers",
            "Techniques",
            {"Institut Régional des Métiers et Techniques": "ORG"},
        ),
        # a name of its own: a word no lemmatizer knows, or a head
        (
            "en",
            "The Wessex Ministry of Labour and Oxfam signed the charter.",
            "Wessex Ministry of Labour",
            "Oxfam",
            {"Wessex Ministry of Labour": "ORG", "Oxfam": "ORG"},
        ),
        (
            "fr",
            "L'Institut Régional des Métiers et Kerlab ont signé la charte.",
            "Institut Régional des Métiers",
            "Kerlab",
            {"Institut Régional des Métiers": "ORG", "Kerlab": "ORG"},
        ),
        (
            "en",
            "The Wessex Ministry of Culture and Council signed the charter.",
            "Wessex Ministry of Culture",
            "Council",
            {"Wessex Ministry of Culture": "ORG"},
        ),
    ],
)
def test_a_common_noun_after_and_ends_a_portfolio_a_name_stays_apart(
    nlp_fr, nlp_en, lang, text, first, second, found
):
    nlp = nlp_en if lang == "en" else nlp_fr
    mentions = _split_by_the_model(nlp, text, ("ORG", first), ("ORG", second))
    labels = {name: label for name, (label, _) in mentions.items()}
    assert {name: labels.get(name) for name in found} == found
    joined = [name for name in labels if name.startswith(first) and name.endswith(second)]
    assert bool(joined) == (len(found) == 1 and first not in found)


def _known_names(nlp, text, *known, is_place=lambda text: False):
    """``annotate``'s mentions when a gazetteer matched the names ``known``, nothing else."""
    doc = nlp(text)
    spans = []
    for words in known:
        span = doc.char_span(text.index(words), text.index(words) + len(words))
        spans.append(Span(doc, span.start, span.end, label="ORG", span_id=words.lower()))
    doc.ents = spans
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False, is_place=is_place)
    return {m.text: (m.label, m.source, m.rule) for m in mentions}


def test_a_known_name_and_the_heads_after_it_name_a_body_of_their_own(nlp_en):
    text = "The Alpha Valley Cluster Association met the Wessex Enterprise Network in May."
    found = _known_names(nlp_en, text, "Alpha Valley", "Wessex Enterprise")
    assert found["Alpha Valley Cluster Association"] == (
        "ORG",
        "rule",
        "gazetteer+known_name_head",
    )
    assert found["Wessex Enterprise Network"][2] == "gazetteer+known_name_head"


@pytest.mark.parametrize(
    ("lang", "text", "known"),
    [
        # a head glued to a hyphen starts another name; a word that heads nothing ends it
        ("en", "The Alpha Commission Directorate-General for Growth wrote.", "Alpha Commission"),
        ("en", "See the Alpha Valley Portal for the calls.", "Alpha Valley"),
        # where heads come first, a head after a known name opens another name
        ("fr", "Alpha Valley Association des Amis du Rail a signé.", "Alpha Valley"),
    ],
)
def test_a_known_name_stays_as_known_without_a_head_of_its_own_after_it(
    nlp_fr, nlp_en, lang, text, known
):
    found = _known_names(nlp_en if lang == "en" else nlp_fr, text, known)
    assert found[known] == ("ORG", "gazetteer", "gazetteer")


PLACES = {"Hauts-de-France", "Bretagne", "Paris", "Lyon"}.__contains__


def test_a_known_body_and_the_place_right_after_it_name_its_branch(nlp_fr):
    text = "Alpha Finance Hauts-de-France et Beta Conseil Bretagne financent le projet."
    found = _known_names(nlp_fr, text, "Alpha Finance", "Beta Conseil", is_place=PLACES)
    assert found["Alpha Finance Hauts-de-France"] == (
        "ORG",
        "rule",
        "gazetteer+known_name_territory",
    )
    assert found["Beta Conseil Bretagne"][0] == "ORG"


@pytest.mark.parametrize(
    ("lang", "text", "known"),
    [
        # a place cut from a longer name, or one after a mark, is no branch
        ("fr", "Le Centre Alpha Paris-Saclay ouvre ses portes.", "Centre Alpha"),
        ("fr", "Elle rejoint Alpha Finance. Lyon suivra.", "Alpha Finance"),
        # where heads come last, a place after a known name is not its branch
        ("en", "The Alpha Finance Paris meeting was long.", "Alpha Finance"),
    ],
)
def test_a_known_body_keeps_its_name_before_a_place_that_is_not_its_branch(
    nlp_fr, nlp_en, lang, text, known
):
    found = _known_names(nlp_en if lang == "en" else nlp_fr, text, known, is_place=PLACES)
    assert found[known] == ("ORG", "gazetteer", "gazetteer")


@pytest.mark.parametrize(
    ("lang", "text", "kinds"),
    [
        ("fr", "Le Conseil régional a voté le budget ; l'Agence régionale suit le pôle.",
         {"Conseil régional", "Agence régionale"}),
        ("en", "The Regional Council and the County Council met the KORVA network.",
         {"Regional Council", "County Council"}),
    ],
)  # fmt: skip
def test_a_head_and_a_tier_of_local_government_alone_name_no_body(
    nlp_fr, nlp_en, lang, text, kinds
):
    labels = _labels(nlp_fr if lang == "fr" else nlp_en, text)
    assert not kinds & {name for name, label in labels.items() if label == "ORG"}, labels


@pytest.mark.parametrize(
    ("lang", "text", "names"),
    [
        ("fr", "Le Conseil régional de Bretagne et le Conseil départemental du Finistère "
               "financent le projet.",
         {"Conseil régional de Bretagne", "Conseil départemental du Finistère"}),
        ("en", "Kent County Council and Leeds City Council fund the hub.",
         {"Kent County Council", "Leeds City Council"}),
    ],
)  # fmt: skip
def test_a_tier_of_local_government_with_its_territory_is_a_body(nlp_fr, nlp_en, lang, text, names):
    labels = _labels(nlp_fr if lang == "fr" else nlp_en, text)
    assert all(labels.get(name) == "ORG" for name in names), labels
