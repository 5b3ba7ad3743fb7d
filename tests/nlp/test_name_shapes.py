"""Company forms, sentence articles, field separators, plural acronyms, capital titles.

Every sentence is ours; each rule has a French and an English case, positive and negative.
"""

import pytest
from spacy.tokens import Span

from corpus_mining.nlp.annotate import annotate, place_not_org
from corpus_mining.nlp.entity_rules import Candidate
from corpus_mining.nlp.name_shapes import cut_at_separator, is_plural_acronym, not_a_body
from corpus_mining.nlp.org_lexicon import org_lexicon


def _mentions(nlp, text, **context):
    mentions, _ = annotate(nlp(text), [], not_actor_acronym=lambda t: False, **context)
    return {m.text: (m.label, m.rule) for m in mentions}


def _orgs(nlp, text):
    return {name for name, (label, _) in _mentions(nlp, text).items() if label == "ORG"}


# --- company forms ------------------------------------------------------------------------


def test_a_company_form_closes_the_name_before_it(nlp_fr, nlp_en):
    found = _mentions(nlp_fr, "Le marché a été confié à Orvalis Conseil SARL après un appel.")
    assert found["Orvalis Conseil SARL"] == ("ORG", "legal_form")
    found = _mentions(nlp_en, "The audit was done by Brightmoor Analytics GmbH in late spring.")
    assert found["Brightmoor Analytics GmbH"] == ("ORG", "legal_form")


def test_a_company_form_alone_is_no_organisation(nlp_fr, nlp_en):
    assert "SA" not in _orgs(nlp_fr, "Le statut de SA a été choisi par les associés en mars.")
    assert "AG" not in _orgs(nlp_en, "They talked about the AG form of companies for an hour.")
    # a sentence-initial possessive is not a company form
    assert "Sa" not in _orgs(nlp_fr, "Sa mission est claire. Elle aide les petites communes.")


def test_a_company_name_leaves_the_name_before_it_whole(nlp_en):
    orgs = _orgs(
        nlp_en,
        "Funding came from the national research council and Teller Holm Partners Ltd last year.",
    )
    assert "Teller Holm Partners Ltd" in orgs
    assert not any("council and" in name for name in orgs)


# --- articles capitalised by the sentence -------------------------------------------------


def test_a_sentence_initial_article_is_not_part_of_the_name(nlp_en):
    found = _mentions(
        nlp_en, "The Northfield Regional Innovation Agency opened a second office in the valley."
    )
    assert "Northfield Regional Innovation Agency" in found
    assert not any(name.startswith("The ") for name in found)


def test_an_article_inside_a_sentence_stays_and_french_articles_stay(nlp_fr, nlp_en):
    found = _mentions(nlp_en, "She wrote for The Harbour Courier before moving to the city.")
    assert not any(name == "Harbour Courier" for name in found)
    found = _mentions(nlp_fr, "La Fabrique des Savoirs a ouvert ses portes au public en mai.")
    assert not any(name == "Fabrique des Savoirs" for name in found)


def test_an_english_article_after_a_bracket_opens_a_clause(nlp_fr, nlp_en):
    found = _mentions(nlp_en, "The fund (The Northfield Development Corporation) paid.")
    assert "Northfield Development Corporation" in found
    assert "The Northfield Development Corporation" not in found
    # French names take their article, in brackets too
    assert "La Ruche numérique" in _mentions(nlp_fr, "Le tiers-lieu (La Ruche numérique) a ouvert.")


def test_a_capitalised_article_before_a_name_inside_a_sentence_joins_it(nlp_fr):
    found = _mentions(nlp_fr, "Le journal L’Indépendant (France) a publié une enquête.")
    assert found["L’Indépendant"] == ("MISC", "ner+name_article")
    found = _mentions(
        nlp_fr, "Installée près de Valence, La Ruche numérique accueille des artisans."
    )
    assert "La Ruche numérique" in found
    # a lower-case article is not part of the name; a heading in capitals is left to its rules
    found = _mentions(nlp_fr, "Le programme est porté par la Ruche numérique depuis mai.")
    assert not any(name.lower().startswith("la ") for name in found)
    found = _mentions(nlp_fr, "Un pôle régional\nL'INNOVATION SOCIALE EN RÉGION\nLe bilan")
    assert not any(name.startswith("L'") for name in found)


# --- field separators ---------------------------------------------------------------------


def test_a_separator_ends_a_name(nlp_fr, nlp_en):
    doc = nlp_fr("Réseau Alvéole | Actualités du mois")
    cut = cut_at_separator(doc, Candidate(0, 3, "ORG", "model", "", "ner"))
    assert cut is not None and doc[cut.start : cut.end].text == "Réseau Alvéole"
    doc = nlp_en("Editor: Mary Brook | Reviewer")
    cut = cut_at_separator(doc, Candidate(2, 6, "PER", "model", "", "ner"))
    assert cut is not None and doc[cut.start : cut.end].text == "Mary Brook"


@pytest.mark.parametrize(
    ("lang", "text", "span", "name"),
    [
        ("en", "Tom Hale - Facilitator, Harbour Coworking", (0, 4), "Tom Hale"),
        ("fr", "Léa Morel – Directrice du tiers-lieu", (0, 4), "Léa Morel"),
    ],
)
def test_a_spaced_dash_ends_a_persons_name(nlp_fr, nlp_en, lang, text, span, name):
    doc = (nlp_en if lang == "en" else nlp_fr)(text)
    cut = cut_at_separator(doc, Candidate(*span, "PER", "model", "", "ner"))
    assert cut is not None and doc[cut.start : cut.end].text == name
    assert cut.rule == "ner+field_separator"


def test_a_glued_hyphen_or_an_organisation_keeps_its_dash(nlp_fr, nlp_en):
    doc = nlp_fr("Anne-Sophie Morel a parlé.")
    person = Candidate(0, 4, "PER", "model", "", "ner")
    assert doc[0:4].text == "Anne-Sophie Morel" and cut_at_separator(doc, person) == person
    doc = nlp_en("Alpha - Beta Alliance met.")
    org = Candidate(0, 4, "ORG", "model", "", "ner")
    assert cut_at_separator(doc, org) == org


def test_an_organisation_across_a_separator_is_a_metadata_line(nlp_fr, nlp_en):
    doc = nlp_en("Publisher | Harbour Press")
    assert cut_at_separator(doc, Candidate(0, 4, "ORG", "model", "", "ner")) is None
    doc = nlp_fr("Langue | Français")
    assert cut_at_separator(doc, Candidate(0, 3, "ORG", "model", "", "ner")) is None


# --- plural acronyms ----------------------------------------------------------------------


def test_plural_acronyms_name_categories(nlp_fr, nlp_en):
    assert is_plural_acronym("NGOs") and is_plural_acronym("PMEs")
    assert not is_plural_acronym("CRESS") and not is_plural_acronym("Ms")
    orgs = _orgs(nlp_fr, "Les PMEs et les TPEs du territoire rejoignent le réseau ABCDE.")
    assert "PMEs" not in orgs and "TPEs" not in orgs and "ABCDE" in orgs
    orgs = _orgs(nlp_en, "Several NGOs and the WXYZ network met the local mayors on Monday.")
    assert "NGOs" not in orgs and "WXYZ" in orgs


# --- places are not people ----------------------------------------------------------------


def test_a_listed_place_is_not_a_person(nlp_fr, nlp_en):
    doc = nlp_fr("Toulouse accueille le salon.")
    assert place_not_org(doc, Candidate(0, 1, "PER", "model"), _is_place).label == "LOC"
    doc = nlp_en("Madrid hosted the fair.")
    assert place_not_org(doc, Candidate(0, 1, "PER", "model"), _is_place).label == "LOC"
    doc = nlp_en("Mary Brook hosted the fair.")
    assert place_not_org(doc, Candidate(0, 2, "PER", "model"), _is_place).label == "PER"


def _is_place(text):
    return text in {"Toulouse", "Madrid"}


# --- capital lines ------------------------------------------------------------------------


def _capital_names(nlp, text):
    doc = nlp(text)
    doc.ents = []  # the model's own reading aside: what the capital-run rule makes of it
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    return {m.text for m in mentions if m.label == "ORG"}


def test_capitals_make_a_name_only_under_an_organisation_head(nlp_fr, nlp_en):
    text = "Le texte est signé par la FÉDÉRATION DES AMIS DU VÉLO et par trois communes."
    assert "FÉDÉRATION DES AMIS DU VÉLO" in _capital_names(nlp_fr, text)
    text = "Le chapitre intitulé UN JARDIN POUR LES VOISINS décrit trois communes voisines."
    assert _capital_names(nlp_fr, text) == set()
    text = "The report was written by the NORTHERN NETWORK OF CITY FARMS with two universities."
    assert "NORTHERN NETWORK OF CITY FARMS" in _capital_names(nlp_en, text)
    text = "The chapter called A GARDEN FOR THE NEIGHBOURS describes three nearby towns."
    assert _capital_names(nlp_en, text) == set()


def test_a_misc_name_becomes_an_organisation_by_its_head_noun_only(nlp_fr, nlp_en):
    text = "Le texte est signé par le RÉSEAU DES JARDINS PARTAGÉS et par trois communes voisines."
    assert _mentions(nlp_fr, text)["RÉSEAU DES JARDINS PARTAGÉS"][1] == "ner+misc_with_org_head"
    # a topic word ("solidaire", "cluster") is no head: the title stays what it was
    text = "Nous avons lu le guide Nuts and Bolts of Cluster Management pendant les vacances."
    assert not any("Bolts" in name for name in _orgs(nlp_fr, text))
    doc = nlp_en("We read the booklet Nuts and Bolts of Cluster Management during the holidays.")
    doc.ents = [Span(doc, 4, 10, label="WORK_OF_ART")]
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    assert [(m.text, m.label) for m in mentions] == [
        ("Nuts and Bolts of Cluster Management", "MISC")
    ]
    doc = nlp_en("We wrote to the Harbour Foundation for Young Readers during the holidays.")
    doc.ents = [Span(doc, 4, 10, label="WORK_OF_ART")]
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    assert [m.label for m in mentions] == ["ORG"]


def test_capitals_glued_to_their_own_acronym_name_a_body(nlp_fr, nlp_en):
    text = "Le rapport est signé par AGIR POUR LE CLIMAT-APLC et par trois communes."
    assert "AGIR POUR LE CLIMAT-APLC" in _capital_names(nlp_fr, text)
    text = "Le rapport est signé par AGIR POUR LE CLIMAT-XYZ et par trois communes."
    assert "AGIR POUR LE CLIMAT-XYZ" not in _capital_names(nlp_fr, text)
    text = "The report is signed by ACT FOR THE CLIMATE-AFTC and three towns."
    assert "ACT FOR THE CLIMATE-AFTC" in _capital_names(nlp_en, text)


def test_a_misc_name_glued_to_its_own_acronym_is_an_organisation(nlp_fr, nlp_en):
    doc = nlp_fr("Le président de AGIR POUR LE CLIMAT-APLC a signé le texte hier.")
    doc.ents = [Span(doc, 3, 9, label="MISC")]
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    assert [(m.text, m.label) for m in mentions] == [("AGIR POUR LE CLIMAT-APLC", "ORG")]
    doc = nlp_en("The head of ACT FOR THE CLIMATE-XYZ signed the text yesterday.")
    doc.ents = [Span(doc, 3, 9, label="MISC")]
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    assert [m.label for m in mentions] == ["MISC"]


# --- programmes, events and actions -------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "span", "labels"),
    [
        # a name introduced by a programme noun is a programme
        ("fr", "La région a lancé la stratégie ORVA pour aider les petites entreprises.", (5, 6), {"ORVA": "MISC"}),
        ("fr", "TRAMOR, un dispositif de la région, aide les petites entreprises.", (0, 1), {"TRAMOR": "MISC"}),
        ("en", "The region funds the ORVA programme for small firms this year.", (4, 5), {"ORVA": "MISC"}),
        # a name introduced by an organisation noun stays one
        ("fr", "La région a rejoint le réseau ORVA pour aider les petites entreprises.", (6, 7), {"ORVA": "ORG"}),
        ("en", "The region joined the ORVA network for small firms this year.", (4, 5), {"ORVA": "ORG"}),
        # an English name opening on a gerund is an action
        ("en", "The study Promoting Green Harbours was read by many port managers.", (2, 5), {"Promoting Green Harbours": "MISC"}),
        ("en", "The study by Green Harbours Network was read by many port managers.", (3, 6), {"Green Harbours Network": "ORG"}),
        # French associations are often named by a verb: they stay organisations
        ("fr", "L'association Agir pour le Climat a reçu une aide de la commune.", (2, 6), {"Agir pour le Climat": "ORG"}),
    ],
)  # fmt: skip
def test_the_noun_before_a_name_or_its_first_word_decides_programme_action_or_body(
    labels_of_model_org, lang, text, span, labels
):
    assert labels_of_model_org(lang, text, span) == labels


# --- slashes between spaces, plural common phrases, programme nouns after a name -----------


def test_a_slash_between_spaces_separates_two_names(nlp_fr, nlp_en):
    doc = nlp_fr("Une convention Région / CRESS a été signée.")
    assert cut_at_separator(doc, Candidate(2, 5, "ORG", "model", "", "ner")) is None
    doc = nlp_en("The VDX/ZRT Alliance met.")
    kept = cut_at_separator(doc, Candidate(1, len(doc) - 2, "ORG", "model", "", "ner"))
    assert kept is not None and "VDX/ZRT" in doc[kept.start : kept.end].text


def test_a_capitalised_plural_common_phrase_is_no_name_in_french(nlp_fr, nlp_en):
    doc = nlp_fr("Les projets Technologies de la mer et du littoral avancent.")
    start = doc.text.index("Technologies")
    span = doc.char_span(start, doc.text.index(" avancent"))
    cand = Candidate(span.start, span.end, "ORG", "model", "", "ner")
    assert not_a_body(doc, cand, org_lexicon("fr")).label == "MISC"
    # a plural organisation head, or capitals after the plural, make a name
    doc = nlp_fr("Les Chambres de métiers et les Compagnons Bâtisseurs signent.")
    for name in ("Chambres de métiers", "Compagnons Bâtisseurs"):
        start = doc.text.index(name)
        span = doc.char_span(start, start + len(name))
        cand = Candidate(span.start, span.end, "ORG", "model", "", "ner")
        assert not_a_body(doc, cand, org_lexicon("fr")).label == "ORG", name
    # English names put their head last: the rule is French
    doc = nlp_en("Harbour Traders cooperative opened.")
    cand = Candidate(0, 3, "ORG", "model", "", "ner")
    assert not_a_body(doc, cand, org_lexicon("en")).label == "ORG"


def test_an_acronym_before_a_programme_noun_names_the_programme(nlp_fr, nlp_en):
    assert (
        _mentions(nlp_en, "Funds came under the KESTA initiatives of the region.").get(
            "KESTA", ("MISC",)
        )[0]
        != "ORG"
    )
    assert (
        _mentions(nlp_en, "Funds came from the KESTA Initiative in May.").get("KESTA", ("MISC",))[0]
        != "ORG"
    )
    assert (
        _mentions(nlp_fr, "Le financement vient des KESTA programmes régionaux.").get(
            "KESTA", ("MISC",)
        )[0]
        != "ORG"
    )


def test_a_body_s_name_before_a_capitalised_programme_noun_stays(nlp_fr, nlp_en):
    doc = nlp_en("The Alder Foundation Award went to a school.")
    cand = Candidate(1, 3, "ORG", "model", "", "ner")
    assert not_a_body(doc, cand, org_lexicon("en")).label == "ORG"
    doc = nlp_fr("Le réseau KESTA Bretagne a changé de président.")
    cand = Candidate(2, 3, "ORG", "acronym", "", "acronym_shape")
    assert not_a_body(doc, cand, org_lexicon("fr")).label == "ORG"


# --- dangling function words ----------------------------------------------------------------


def test_a_name_never_ends_on_a_function_word_in_any_case(nlp_fr, nlp_en):
    from corpus_mining.nlp.name_shapes import without_dangling_word

    doc = nlp_fr("Voir LES PÔLES DE la région.")
    cut = without_dangling_word(doc, Candidate(1, 4, "ORG", "model", "", "ner"), org_lexicon("fr"))
    assert doc[cut.start : cut.end].text == "LES PÔLES"
    doc = nlp_en("The Harbour Group And partners met.")
    cut = without_dangling_word(doc, Candidate(1, 4, "ORG", "model", "", "ner"), org_lexicon("en"))
    assert doc[cut.start : cut.end].text == "Harbour Group"


def test_a_function_word_glued_by_a_hyphen_is_part_of_the_name(nlp_fr, nlp_en):
    from corpus_mining.nlp.name_shapes import without_dangling_word

    # a romanised given name whose last syllable is also an English word ("Jae-in")
    doc = nlp_en("President Moon Jae-in met them.")
    cand = Candidate(1, 5, "PER", "model", "", "ner")
    assert without_dangling_word(doc, cand, org_lexicon("en")) == cand
    doc = nlp_fr("Le président Moon Jae-in a parlé.")
    cand = Candidate(2, 6, "PER", "model", "", "ner")
    assert without_dangling_word(doc, cand, org_lexicon("fr")) == cand
    # a spaced dash is no glue: the word after it still dangles
    doc = nlp_en("The Harbour Group - And partners met.")
    cut = without_dangling_word(doc, Candidate(1, 5, "ORG", "model", "", "ner"), org_lexicon("en"))
    assert "And" not in doc[cut.start : cut.end].text


@pytest.mark.parametrize(
    ("lang", "text", "span", "kept"),
    [
        # the model ran the name on into its clause: the name ends before the verb
        (
            "fr",
            "La Maison des ports régie par la loi de 1901 ouvre.",
            "Maison des ports régie",
            "Maison des ports",
        ),
        (
            "en",
            "The Harbour Agency funded by the ministry opened.",
            "Harbour Agency funded",
            "Harbour Agency",
        ),
        # verbs written with a capital are a name's words
        ("fr", "Voir Agir pour les Ports à Brest.", "Agir pour les Ports", "Agir pour les Ports"),
        (
            "fr",
            "Voir Entreprendre pour Apprendre ici.",
            "Entreprendre pour Apprendre",
            "Entreprendre pour Apprendre",
        ),
    ],
)
def test_an_organisation_s_name_ends_before_a_lower_case_verb(
    nlp_fr, nlp_en, lang, text, span, kept
):
    from corpus_mining.nlp.name_shapes import before_verb

    doc = (nlp_en if lang == "en" else nlp_fr)(text)
    start = text.index(span)
    chars = doc.char_span(start, start + len(span))
    cand = before_verb(doc, Candidate(chars.start, chars.end, "ORG", "model", "", "ner"))
    assert doc[cand.start : cand.end].text == kept


def test_a_name_ending_on_a_content_word_is_left_whole(nlp_fr, nlp_en):
    from corpus_mining.nlp.name_shapes import without_dangling_word

    doc = nlp_fr("La Maison de la Culture ouvre.")
    cand = Candidate(1, 5, "ORG", "model", "", "ner")
    assert without_dangling_word(doc, cand, org_lexicon("fr")) == cand
    doc = nlp_en("The Bank of the North opened.")
    cand = Candidate(1, 5, "ORG", "model", "", "ner")
    assert without_dangling_word(doc, cand, org_lexicon("en")) == cand


def _with_orgs(nlp, text, names):
    """``annotate`` on ``text`` whose only model entities are ORG spans of ``names``."""
    doc = nlp(text)
    words = [t.text for t in doc]
    doc.ents = [Span(doc, words.index(n), words.index(n) + 1, label="ORG") for n in names]
    mentions, _ = annotate(doc, [], not_actor_acronym=lambda t: False)
    return {m.text: m.rule for m in mentions if m.label == "ORG"}


def test_capitals_glued_by_a_hyphen_or_a_slash_are_one_name(nlp_fr, nlp_en):
    found = _with_orgs(nlp_en, "The study was run by QZV/KRT for the ministry.", ["QZV", "KRT"])
    assert found == {"QZV/KRT": "ner+acronym_join"}
    found = _with_orgs(nlp_fr, "L'étude a été confiée à QZV / KRT en mai.", ["QZV", "KRT"])
    assert set(found) == {"QZV", "KRT"}  # spaced: two names
    # a body the gazetteer knows stays itself
    found = _mentions(nlp_fr, "Le projet associe l'ADEME/ANR depuis mai.")
    assert found["ADEME"] == ("ORG", "gazetteer") and "ADEME/ANR" not in found
