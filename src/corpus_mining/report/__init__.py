"""The HTML report for the reporting team: one self-contained page and its data as CSV.

:func:`build_report` turns the pipeline's tables (:class:`ReportInputs`) into a
:class:`Report`; the ``report`` stage reads the tables and writes ``index.html`` and
``data/*.csv``. Charts are plotly figures with fixed ids; plotly.js is embedded once.
"""

from __future__ import annotations

from corpus_mining.report.inputs import ReportInputs
from corpus_mining.report.page import Report, build_report

__all__ = ["Report", "ReportInputs", "build_report"]
