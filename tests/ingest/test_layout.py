from corpus_mining.ingest.layout import dehyphenate, unwrap_lines


def test_hard_wrapped_lines_join_into_one_paragraph():
    lines = [
        "Les pôles de compétitivité réunissent des",
        "entreprises et des laboratoires.",
        "",
        "Suite.",
    ]
    assert unwrap_lines(lines) == [
        "Les pôles de compétitivité réunissent des entreprises et des laboratoires.",
        "Suite.",
    ]


def test_line_end_hyphenation_removed_for_split_words():
    assert unwrap_lines(["la coopé-", "ration territoriale"]) == ["la coopération territoriale"]


def test_hyphen_kept_when_compound_is_used_elsewhere():
    lines = ["Les tiers-lieux ruraux et les tiers-", "lieux urbains"]
    assert unwrap_lines(lines) == ["Les tiers-lieux ruraux et les tiers-lieux urbains"]


def test_glossary_popup_lines_stay_separate():
    # As copied from a web page: the term, its definition, then the sentence resumes.
    lines = [
        "dynamiques marquées « ESS",
        "ESS",
        "Le terme regroupe des structures.",
        ") comme les PTCE",
    ]
    assert unwrap_lines(lines) == lines


def test_pdf_width_joins_full_lines_and_breaks_short_ones():
    width = 40
    lines = [
        "Une phrase qui remplit toute la ligne et",
        "Continue ici. Fin courte.",
        "Nouveau paragraphe.",
    ]
    assert unwrap_lines(lines, wrap_width=width) == [
        "Une phrase qui remplit toute la ligne et Continue ici. Fin courte.",
        "Nouveau paragraphe.",
    ]


def test_dehyphenate_without_hyphen_is_a_space_join():
    assert dehyphenate("fin", "suite", set()) == "fin suite"
