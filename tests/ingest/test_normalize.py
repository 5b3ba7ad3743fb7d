from corpus_mining.ingest.normalize import normalize_inline, normalize_text


def test_curly_apostrophes_become_straight_so_elisions_tokenise():
    assert normalize_text("l’ESS et qu’il C’est") == "l'ESS et qu'il C'est"


def test_typographic_quotes_straightened_guillemets_kept():
    assert normalize_text("“hub” « réseau »") == '"hub" « réseau »'


def test_ligatures_soft_hyphens_and_zero_width_removed():
    assert normalize_text("ﬁnancement coopé\u00adration\u200b éco") == "financement coopération éco"


def test_nfc_composes_accents():
    decomposed = "e\u0301conomie"
    assert normalize_text(decomposed) == "économie"


def test_french_non_breaking_spaces_become_spaces():
    assert normalize_text("Pourquoi\u202f? Réponse\u00a0: oui") == "Pourquoi ? Réponse : oui"


def test_whitespace_tidied_paragraph_breaks_kept():
    text = "  un   deux \r\n\r\n\r\n\ttrois  \nquatre "
    assert normalize_text(text) == "un deux\n\ntrois\nquatre"


def test_control_characters_and_nul_removed():
    assert normalize_text("a\x00b\x07c\x1bd") == "abcd"


def test_inline_collapses_lines():
    assert normalize_inline(" Titre\n sur deux   lignes ") == "Titre sur deux lignes"
