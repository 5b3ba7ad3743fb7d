"""Fixtures of the report's unit tests: the tiny tables of ``tiny_tables.py``."""

from __future__ import annotations

import pytest
from tiny_tables import make_inputs

from corpus_mining.report import ReportInputs


@pytest.fixture
def inputs() -> ReportInputs:
    return make_inputs()


@pytest.fixture
def inputs_factory():
    return make_inputs
