import pytest

from corpus_mining.evolution.periods import assign_periods

YEARS = {"a": 2005, "b": 2006, "c": 2009, "d": 2013, "e": 2021, "f": 2024, "u": None}


def test_one_period_per_year_and_undated_left_out():
    periods = assign_periods(YEARS, mode="year")
    assert periods.order == ["2005", "2006", "2009", "2013", "2021", "2024"]
    assert periods.undated == ["u"] and "u" not in periods.of_doc


def test_fixed_bins_aligned_on_the_first_year():
    periods = assign_periods(YEARS, mode="fixed", bin_years=5)
    assert periods.order == ["2005-2009", "2010-2013", "2020-2024"]
    assert periods.of_doc["c"] == "2005-2009" and periods.of_doc["f"] == "2020-2024"


def test_equal_count_bins_never_split_a_year():
    years = {f"d{i}": 2005 + i // 3 for i in range(30)}
    periods = assign_periods(years, mode="quantile", n_bins=3)
    assert len(periods.order) == 3
    sizes = [sum(1 for p in periods.of_doc.values() if p == label) for label in periods.order]
    assert sizes == [12, 9, 9] or max(sizes) - min(sizes) <= 3
    for year in set(years.values()):
        assert len({periods.of_doc[d] for d, y in years.items() if y == year}) == 1


def test_no_dated_document():
    assert assign_periods({"a": None}).order == []


def test_unknown_mode():
    with pytest.raises(ValueError):
        assign_periods(YEARS, mode="decade")


def test_equal_count_bins_are_quantile_bins_of_the_years():
    years = {f"d{i}": year for i, year in enumerate([2001] * 5 + [2002, 2003, 2004, 2005, 2006])}
    periods = assign_periods(years, mode="quantile", n_bins=4)
    # 2001 holds half the documents: its bin cannot be split, the edges that fall in it merge
    assert periods.order[0] == "2001" and len(periods.order) <= 4
    assert set(periods.of_doc.values()) == set(periods.order)
    one_year = assign_periods({"a": 2010, "b": 2010}, mode="quantile", n_bins=4)
    assert one_year.order == ["2010"]
