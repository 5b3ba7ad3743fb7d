from corpus_mining.nlp.references import citation_spans, is_reference_entry, reference_flags


def test_bibliography_entries_in_common_styles():
    assert is_reference_entry(
        "Porter, M. E. (1998). Clusters and the new economics of competition. HBR."
    )
    assert is_reference_entry(
        "Durand P., Lefort B., 2014, Le développement territorial, Paris, Economica."
    )
    assert is_reference_entry(
        "- Torre, A., & Rallet, A. (2005). Proximity and localization. Regional Studies."
    )


def test_bylines_and_prose_are_not_entries():
    assert not is_reference_entry("Claire Duvernois, Jean-Marc Lefébure, 2014")
    assert not is_reference_entry(
        "En 2014, la loi relative à l'économie sociale et solidaire a défini les PTCE."
    )


def test_reference_list_after_a_heading():
    passages = [
        "Les clusters se transforment en réseaux territoriaux depuis dix ans.",
        "Bibliographie",
        "Porter M., 1998, Clusters and the New Economics of Competition, Harvard Business Review.",
        "Institut national, 2014, Stratégies régionales d'innovation, rapport au ministère.",
        "Contact : écrivez-nous.",
    ]
    assert reference_flags(passages) == [False, False, True, True, False]


def test_author_year_citations_in_text():
    text = "L'ancrage local (Marchal, 1996) et la confiance (Berthier, 2003 ; Lunel et al., 2012) selon Vasseur (2008)."
    found = [text[a:b] for a, b in citation_spans(text)]
    assert found == ["(Marchal, 1996)", "(Berthier, 2003 ; Lunel et al., 2012)", "Vasseur (2008)"]
