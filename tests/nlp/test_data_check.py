"""Validation of the shipped registries and place lists, and of broken files written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_mining.nlp.data_check import check_data
from corpus_mining.nlp.datafiles import DataFileError
from corpus_mining.nlp.places import check_places
from corpus_mining.nlp.registries import REGISTRY_DIR, check_registries, load_registries

HEADER = "key,canonical,type,label,aliases_fr,aliases_en,acronyms,valid_from,valid_to,source\n"
PLACE_HEADER = "key,kind,name_fr,name_en,aliases,country,valid_from,valid_to,source\n"
GOOD = "alpha,Réseau Alpha,sse_network,ORG,réseau Alpha,Alpha Network,RAL,2001,,alpha.example (about)\n"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _messages(folder: Path) -> list[str]:
    return [str(problem) for problem in check_registries(folder)[1]]


def test_shipped_files_are_valid():
    assert [str(p) for p in check_data()] == []


def test_shipped_registries_cover_every_registry_of_the_issue():
    names = {path.stem for path in REGISTRY_DIR.glob("*.csv")}
    assert {"poles_competitivite", "cress", "sse_networks", "french_state"} <= names
    assert {"eu_institutions", "international", "cluster_networks"} <= names
    keys = {entry.key for _, entry in load_registries().entries}
    assert {"dge", "dgcis", "datar", "diact", "cget", "anct", "jrc", "itc_ilo", "eccp"} <= keys


def test_a_good_file_has_no_problem(tmp_path):
    _write(tmp_path, "networks.csv", HEADER + GOOD)
    registries, problems = check_registries(tmp_path)
    assert problems == []
    assert registries.entries[0][1].names() == ["Réseau Alpha", "Alpha Network", "RAL"]


def test_missing_source_names_file_line_and_fix(tmp_path):
    _write(tmp_path, "networks.csv", HEADER + GOOD + "beta,Réseau Beta,sse_network,ORG,,,,,,\n")
    (message,) = _messages(tmp_path)
    assert message.startswith("networks.csv:3: source:")
    assert "fix:" in message


def test_duplicate_key_across_files_points_to_the_first(tmp_path):
    _write(tmp_path, "a.csv", HEADER + GOOD)
    _write(tmp_path, "b.csv", HEADER + "alpha,Réseau Gamma,sse_network,ORG,,,,,,gamma.example\n")
    (message,) = _messages(tmp_path)
    assert message.startswith("b.csv:2: key: duplicate key 'alpha'")
    assert "a.csv:2" in message


def test_an_unknown_type_or_label_or_reversed_years_are_refused(tmp_path):
    rows = [
        GOOD.replace("sse_network", "think_tank"),
        "b,Beta,other,ORG,,,,2010,2005,b.example\n",
        "c,Gamma,other,ORGANISATION,,,,,,c.example\n",
    ]
    _write(tmp_path, "x.csv", HEADER + "".join(rows))
    messages = _messages(tmp_path)
    assert [m.split(":")[1] for m in messages] == ["2", "3", "4"]
    assert "type" in messages[0] and "valid_from is after valid_to" in messages[1]


def test_a_wrong_header_or_an_unquoted_comma_is_reported(tmp_path):
    _write(tmp_path, "h.csv", HEADER.replace("source", "citation") + GOOD)
    _write(
        tmp_path,
        "q.csv",
        HEADER + "d,Ministère de l'Économie, des Finances,public_body,ORG,,,,,,x\n",
    )
    messages = _messages(tmp_path)
    assert messages[0].startswith("h.csv:1:") and "citation" in messages[0]
    assert messages[1].startswith("q.csv:2:") and "quote" in messages[1]


def test_a_name_of_two_entries_must_be_documented(tmp_path):
    other = "beta,Réseau Beta,sse_network,ORG,,,RAL,,,beta.example\n"
    _write(tmp_path, "n.csv", HEADER + GOOD + other)
    (message,) = _messages(tmp_path)
    assert message.startswith("n.csv:3:") and "'RAL' names entries alpha|beta" in message
    _write(tmp_path, "shared_aliases.csv", "alias,keys,reason\nRAL,alpha|beta,both use it\n")
    registries, problems = check_registries(tmp_path)
    assert problems == [] and registries.shared == {"ral"}


def test_documenting_a_name_nobody_shares_is_an_error(tmp_path):
    _write(tmp_path, "n.csv", HEADER + GOOD)
    _write(tmp_path, "shared_aliases.csv", "alias,keys,reason\nRAL,alpha|beta,stale\n")
    (message,) = _messages(tmp_path)
    assert message.startswith("shared_aliases.csv:2: alias:") and "remove the line" in message


def test_load_registries_raises_one_error_listing_the_problems(tmp_path):
    _write(tmp_path, "n.csv", HEADER + GOOD + GOOD)
    with pytest.raises(DataFileError, match=r"n\.csv:3: key: duplicate key"):
        load_registries(tmp_path)


def test_place_lists_are_validated_too(tmp_path):
    rows = "fr,country,France,,,FR,,,CLDR\nfr,country,Francia,,,FR,,,CLDR\nx,planet,Mars,,,,,,\n"
    _write(tmp_path, "p.csv", PLACE_HEADER + rows)
    messages = [str(p) for p in check_places(tmp_path)[1]]
    assert any(m.startswith("p.csv:4: kind:") for m in messages)
    assert any(m.startswith("p.csv:4: source:") for m in messages)
    assert sum("duplicate key 'fr'" in m for m in messages) == 2


def test_an_empty_data_folder_is_a_problem(tmp_path):
    (tmp_path / "g").mkdir()
    problems = check_data(tmp_path / "g", tmp_path / "g")
    assert [p.problem for p in problems] == ["no CSV file", "no CSV file"]
