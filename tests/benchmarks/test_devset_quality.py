"""The devset scorer: surface-form matching and failure classes, on tiny data written here."""

from __future__ import annotations

import json

import pytest

from helpers import load_benchmark

dq = load_benchmark("devset_quality")
PLACES = {"bretagne", "basque country"}


def is_place(text: str) -> bool:
    return dq.surface_key(text) in PLACES


def page(pid: str, lang: str, split: str, orgs: list[str], people: list[str]) -> dict:
    return {
        "id": pid, "url": f"https://example.org/{pid}", "query": "q", "lang": lang,
        "kind": "news", "year": None, "year_stated": False, "date_evidence": None,
        "theme": "other", "split": split,
        "organisations": [{"text": t, "canonical": t} for t in orgs],
        "people": [{"text": t, "canonical": t} for t in people],
    }  # fmt: skip


def test_surface_key_folds_case_accents_apostrophes_and_spaces():
    assert dq.surface_key("Ministère  de l’Économie") == dq.surface_key("MINISTERE de l'economie")
    assert dq.surface_key("Le Labo") != dq.surface_key("Labo")  # articles are part of the form


def test_score_page_counts_distinct_forms():
    score = dq.score_page(["DGE", "dge", "Agence X", "Bretagne"], ["DGE", "Agence X", "CGET"])
    assert (score.tp, score.fp, score.fn) == (2, 1, 1)
    assert score.precision == pytest.approx(2 / 3) and score.recall == pytest.approx(2 / 3)
    assert dq.Score().f1 is None and dq.Score(0, 2, 0).f1 == 0.0


@pytest.mark.parametrize(
    ("gold", "found", "expected"),
    [
        ("Pôle Sud", {"pole sud": {"LOC"}}, "wrong label"),
        ("Agence française pour les investissements internationaux", {"agence francaise": {"ORG"}}, "cut short"),
        ("Cabinet Office", {"the cabinet office team": {"ORG"}}, "swallowed"),
        ("DGE", {"dgcis": {"ORG"}, "direction generale": {"ORG"}}, "never proposed"),
        ("ITC-ILO", {"itc": {"ORG"}}, "cut short"),
    ],
)  # fmt: skip
def test_miss_classes(gold, found, expected):
    assert dq.miss_class(gold, "ORG", found) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Basque Country", "place"),
        ("Carole MARTIN", "person"),
        ("MARTIN", "person"),
        ("appel à manifestation d'intérêt", "programme/law"),
        ("AMI", "programme/law"),
        ("Social Economy Action Plan", "programme/law"),
        ("loi Hamon", "programme/law"),
        ("A. LES PÔLES DE", "heading"),
        ("REVIEW OF CLUSTERS", "heading"),
        ("Zorglub Industries", "other"),
        ("DGE", "other"),
    ],
)
def test_false_organisation_classes(text, expected):
    assert dq.false_org_class(text, ["Carole Martin"], is_place) == expected


def test_tally_pages_scores_and_classes_every_error(tmp_path):
    (tmp_path / "pages_fr.jsonl").write_text(
        json.dumps(
            page(
                "fr-001-x",
                "fr",
                "tune",
                ["DGE", "Agence française pour les investissements internationaux"],
                ["Jeanne Roux"],
            )
        )
        + "\n",
        encoding="utf-8",
    )
    (pages,) = [dq.load_devset(tmp_path)]
    pred = dq.Predictions("system")
    for label, text in [("ORG", "DGE"), ("ORG", "Agence française"), ("ORG", "Bretagne"),
                        ("PER", "Jeanne Roux"), ("ORG", "AMI")]:  # fmt: skip
        pred.add("fr-001-x", label, text)
    tally = dq.tally_pages(pages, pred, is_place)
    assert (tally.scores["ORG"].tp, tally.scores["ORG"].fp, tally.scores["ORG"].fn) == (1, 3, 1)
    assert tally.scores["PER"].f1 == 1.0
    assert tally.misses["ORG"] == {"cut short": 1}
    assert tally.false_orgs == {"place": 1, "programme/law": 1, "other": 1}


def test_report_has_both_splits_per_language_and_no_held_errors(tmp_path):
    pages = [
        page("fr-001-x", "fr", "tune", ["Réseau Alpha"], []),
        page("en-001-y", "en", "held", ["Beta Network"], ["Ann Lee"]),
    ]
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(p) + "\n" for p in pages))
    loaded = dq.load_devset(tmp_path)
    pred = dq.Predictions("system")
    pred.add("fr-001-x", "ORG", "Réseau Alpha")
    pred.add("en-001-y", "ORG", "Secret Held Error")
    text = dq.report(loaded, [pred], is_place, show_errors=True)
    for row in ("tune fr (1)", "tune all (1)", "held en (1)", "held all (1)", "all pages (2)"):
        assert row in text
    assert "Secret Held Error" not in text  # held-split errors are counted, never listed


def test_a_malformed_line_names_its_file_and_line(tmp_path):
    (tmp_path / "pages_en.jsonl").write_text('{"id": "en-001"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"pages_en\.jsonl:1:"):
        dq.load_devset(tmp_path)
