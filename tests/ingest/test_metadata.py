import pytest

from corpus_mining.errors import CorpusMiningError
from corpus_mining.ingest.metadata import date_from_text, infer_kind, load_metadata_csv, parse_date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Lyon, décembre 2011", "2011-12"),
        ("Brussels, March 2009", "2009-03"),
        ("Publié le 3 mars 2016", "2016-03-03"),
        ("Published on 1er janvier 2020", "2020-01-01"),
        ("Updated September 14, 2021", "2021-09-14"),
        ("mise à jour 2019-05-14", "2019-05-14"),
    ],
)
def test_dates_written_in_french_and_english(text, date):
    assert date_from_text([text, "Corps du texte sans date."]) == date


def test_body_dates_ignored_latest_citation_year_used():
    body = ["Titre", "x " * 300 + "En décembre 2009, la loi a changé. " + "y " * 300]
    refs = ["Porter, M. E. (1998). Clusters.", "Torre, A. (2020). Proximités.", "Autre, B., 2015."]
    assert date_from_text(body + refs) == "2020"


def test_no_date_anywhere():
    assert date_from_text(["Un texte sans aucune date."]) is None


def test_parse_date_metadata_values():
    assert parse_date("2014") == "2014"
    assert parse_date("2014-03-02T10:00:00") == "2014-03-02"
    assert parse_date("mars 2014") == "2014-03"
    assert parse_date("n.d.") is None


def test_kind_rules_record_which_rule_decided():
    questions = ["Pourquoi ce choix ?", "Réponse.", "Et ensuite ?", "Réponse.", "Enfin ?", "Oui."]
    assert infer_kind(questions, 600).source == "text:question_paragraphs"
    assert infer_kind(["Résumé court."], 200).value == "abstract"
    assert infer_kind(["Long rapport."], 2000).value == "report"


def test_metadata_csv_keys_by_relative_path_and_ignores_unknown_columns(tmp_path):
    path = tmp_path / "metadata.csv"
    path.write_text(
        "file,title,date,note\nsub/a.txt,Titre A,2014,whatever\nb.txt,,,\n", encoding="utf-8"
    )
    assert load_metadata_csv(path) == {
        "sub/a.txt": {"title": "Titre A", "date": "2014"},
        "b.txt": {},
    }


def test_metadata_csv_without_file_column_is_a_clear_error(tmp_path):
    path = tmp_path / "metadata.csv"
    path.write_text("title,date\nA,2014\n", encoding="utf-8")
    with pytest.raises(CorpusMiningError, match="'file' column"):
        load_metadata_csv(path)
