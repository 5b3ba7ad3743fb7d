import codecs
import csv
import io

import pytest

from corpus_mining.config import DEFAULT_KINDS
from corpus_mining.errors import CorpusMiningError
from corpus_mining.ingest.metadata import load_metadata_csv, normalize_kind, normalize_lang

HEADER = ["file", "title", "date", "lang", "kind"]
ROW = ["a.txt", "Les pôles d'Auvergne", "14/06/2007", "FR", "Rapport"]


def _write(tmp_path, rows, *, delimiter=",", encoding="utf-8", bom=b""):
    path = tmp_path / "metadata.csv"
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(
        rows
    )  # quotes cells holding it, as Excel does
    text = buffer.getvalue()
    path.write_bytes(bom + text.encode(encoding))
    return path


def _load(path):
    return load_metadata_csv(path, kinds=DEFAULT_KINDS)


@pytest.mark.parametrize(
    ("delimiter", "encoding", "bom"),
    [
        (",", "utf-8", b""),
        (";", "utf-8", b""),
        ("\t", "utf-8", b""),
        (";", "cp1252", b""),
        (",", "utf-8", codecs.BOM_UTF8),
        ("\t", "utf-16", b""),
    ],
)
def test_spreadsheet_exports_read_alike(tmp_path, delimiter, encoding, bom):
    table = _load(_write(tmp_path, [HEADER, ROW], delimiter=delimiter, encoding=encoding, bom=bom))
    assert table.rows == {
        "a.txt": {
            "title": "Les pôles d'Auvergne",
            "date": "2007-06-14",
            "lang": "fr",
            "kind": "report",
        }
    }
    assert table.rejected == []
    assert table.delimiter == delimiter


def test_semicolon_file_with_commas_inside_values(tmp_path):
    rows = [
        [*HEADER, "authors"],
        ["b.txt", "Grappes, clusters et pôles", "2010", "fr", "", "Dupont, J.; Martin, P."],
    ]
    table = _load(_write(tmp_path, rows, delimiter=";"))
    assert table.rows["b.txt"]["title"] == "Grappes, clusters et pôles"
    assert table.rows["b.txt"]["authors"] == "Dupont, J.; Martin, P."


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("2014-03-02", "2014-03-02"),
        ("14/06/2007", "2007-06-14"),
        ("9.12.2021", "2021-12-09"),
        ("3 mars 2016", "2016-03-03"),
        ("1er janvier 2020", "2020-01-01"),
        ("March 3, 2016", "2016-03-03"),
        ("décembre 2011", "2011-12"),
        ("Sept. 2019", "2019-09"),
        ("1998", "1998"),
        ("2014-03-02T10:00:00", "2014-03-02"),
    ],
)
def test_dates_as_people_write_them(tmp_path, written, read):
    table = _load(_write(tmp_path, [["file", "date"], ["a.txt", written]], delimiter=";"))
    assert table.rows["a.txt"] == {"date": read}


@pytest.mark.parametrize(
    ("written", "code"),
    [("fr", "fr"), ("FR", "fr"), ("français", "fr"), ("Francais", "fr"), ("French", "fr"),
     ("EN", "en"), ("anglais", "en"), ("English", "en"), ("en-GB", "en")],
)  # fmt: skip
def test_languages_as_codes_or_names_in_any_case(written, code):
    assert normalize_lang(written) == code


@pytest.mark.parametrize(
    ("written", "kind"),
    [("Report", "report"), ("RAPPORT", "report"), ("Entretien", "interview"),
     ("résumé", "abstract"), ("Resume", "abstract"), ("communiqué de presse", "news"),
     ("Press_Release", "news"), ("Page institutionnelle", "institutional"),
     ("glossaire", "other"), ("INTERVIEW", "interview")],
)  # fmt: skip
def test_kinds_in_any_case_with_synonyms(written, kind):
    assert normalize_kind(written, DEFAULT_KINDS) == kind


def test_users_extend_the_kind_vocabulary(tmp_path):
    kinds = {**DEFAULT_KINDS, "dissertation": ["mémoire", "master thesis"]}
    assert normalize_kind("Mémoire", kinds) == "dissertation"
    assert normalize_kind("Master_Thesis", kinds) == "dissertation"
    assert normalize_kind("Mémoire", DEFAULT_KINDS) is None


def test_unreadable_values_are_rejected_with_line_column_and_reason(tmp_path):
    rows = [
        HEADER,
        ["a.txt", "Titre", "bientôt", "klingon", "poème"],
        ["b.txt", "", "n.d.", "en", "report"],
        ["a.txt", "Encore", "2001", "", ""],
    ]
    table = _load(_write(tmp_path, rows, delimiter=";"))
    assert table.rows == {"a.txt": {"title": "Titre"}, "b.txt": {"lang": "en", "kind": "report"}}
    found = {(r.line, r.file, r.column, r.value) for r in table.rejected}
    assert found == {
        (2, "a.txt", "date", "bientôt"),
        (2, "a.txt", "lang", "klingon"),
        (2, "a.txt", "kind", "poème"),
        (3, "b.txt", "date", "n.d."),
        (4, "a.txt", "file", "a.txt"),
    }
    problems = {r.column: r.problem for r in table.rejected}
    assert "language" in problems["lang"] and "report" in problems["kind"]
    assert "line 2" in problems["file"]


def test_french_column_names_and_windows_paths(tmp_path):
    rows = [
        ["Fichier", "Titre", "Année", "Langue", "Type"],
        ["sous\\a.txt", "T", "2009", "anglais", "entretien"],
    ]
    table = _load(_write(tmp_path, rows, delimiter=";", encoding="cp1252"))
    assert table.rows == {
        "sous/a.txt": {"title": "T", "date": "2009", "lang": "en", "kind": "interview"}
    }


def test_missing_file_gives_an_empty_table(tmp_path):
    assert _load(tmp_path / "absent.csv").rows == {}


def test_no_file_column_is_a_clear_error_naming_the_delimiter(tmp_path):
    path = _write(tmp_path, [["title", "date"], ["A", "2014"]], delimiter=";")
    with pytest.raises(CorpusMiningError, match=r"no 'file' column.*delimiter ';'.*title, date"):
        _load(path)
