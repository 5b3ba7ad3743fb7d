"""Trend tests per term: the lexicon's surface forms and the top C-value terms.

Concepts pool their surface forms ("cluster", "clusters", "grappe d'entreprises"); this
table tests each form on its own, and the multiword terms that C-value found beyond the
lexicon, with the same document-level quasi-Poisson test as the concepts and one
Benjamini–Hochberg correction over the whole table.

References:
    Frantzi, K., Ananiadou, S. & Mima, H. (2000). Automatic recognition of multi-word
    terms: the C-value/NC-value method. International Journal on Digital Libraries,
    3(2), 115-130.
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate. JRSS B,
    57(1), 289-300.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from corpus_mining.evolution.multiple_testing import add_q_values
from corpus_mining.evolution.partials import TermCounts
from corpus_mining.evolution.stats import trend_tests
from corpus_mining.textfold import fold

LEXICON = "lexicon"
CVALUE = "cvalue"
ALL_LANGS = "all"


def lexicon_form_counts(counts: pd.DataFrame, *, min_occurrences: int) -> pd.DataFrame:
    """Per-document counts of each lexicon surface form seen ``min_occurrences`` times.

    Args:
        counts: ``doc_id``, ``concept_id``, ``term`` (folded surface; ``*`` is the concept
            total and is left out) and ``n``, over the dated documents.
        min_occurrences: Forms seen fewer times in all are left out.

    Returns:
        ``source``, ``concept``, ``term``, ``lang`` (``all``), ``doc_id``, ``n``.
    """
    forms = counts[counts["term"] != "*"].rename(columns={"concept_id": "concept"})
    totals = forms.groupby(["concept", "term"])["n"].transform("sum")
    forms = forms[totals >= min_occurrences]
    return forms.assign(source=LEXICON, lang=ALL_LANGS)[
        ["source", "concept", "term", "lang", "doc_id", "n"]
    ]


def top_cvalue_terms(terms: pd.DataFrame, *, top: int) -> pd.DataFrame:
    """The ``top`` terms of each language by C-value (ties: frequency, then term).

    Args:
        terms: ``terms.parquet``: ``term``, ``lang``, ``cvalue``, ``frequency``, ``concept_id``.
        top: Terms kept per language.
    """
    ranked = terms.sort_values(
        ["lang", "cvalue", "frequency", "term"], ascending=[True, False, False, True]
    )
    kept = ranked.groupby("lang", sort=True).head(top)
    return kept[["term", "lang", "concept_id"]].reset_index(drop=True)


def cvalue_term_counts(
    terms: pd.DataFrame, passages: pd.DataFrame, *, counter: TermCounts | None = None
) -> pd.DataFrame:
    """Per-document counts of each term in the passages of its language.

    A term is matched as its most frequent surface form (``terms.term``), whole words,
    ignoring case and accents; each occurrence counts, nested in a longer term or not (as
    C-value counts them).

    Args:
        terms: ``term``, ``lang`` and ``concept_id`` (see :func:`top_cvalue_terms`).
        passages: ``doc_id``, ``lang`` and ``text`` of the passages of dated documents.
        counter: Where each document's counts are kept between runs (none by default).

    Returns:
        ``source``, ``concept``, ``term``, ``lang``, ``doc_id``, ``n`` (non-zero counts).
    """
    columns = ["source", "concept", "term", "lang", "doc_id", "n"]
    counter = counter or TermCounts(None)
    folded = passages.assign(text=passages["text"].map(fold))
    texts = folded.groupby(["lang", "doc_id"], sort=True)["text"].agg("\n".join)
    rows = []
    for lang, chosen in terms.groupby("lang", sort=False):
        if lang not in texts.index.get_level_values("lang"):
            continue
        forms = [str(term) for term in chosen["term"]]
        per_doc = {
            doc: counter.counts(text, forms) for doc, text in texts.xs(lang, level="lang").items()
        }
        for row in chosen.itertuples(index=False):
            concept = row.concept_id if isinstance(row.concept_id, str) else ""
            rows += [
                (CVALUE, concept, str(row.term), lang, doc, found[str(row.term)])
                for doc, found in per_doc.items()
                if found[str(row.term)] > 0
            ]
    return pd.DataFrame(rows, columns=columns)


def term_tests(docs: pd.DataFrame, counts: pd.DataFrame, *, alpha: float) -> list[dict[str, Any]]:
    """A trend test per term (slope per year), with a q-value over the whole table.

    Args:
        docs: Dated documents: ``doc_id``, ``year``, ``n_words``, ``lang``. A term of one
            language is tested over the documents of that language.
        counts: Output of :func:`lexicon_form_counts` and :func:`cvalue_term_counts`.
        alpha: Test level and false discovery rate; ``direction`` is flat unless q < alpha.

    Returns:
        Rows sorted by source, concept, term and language.
    """
    keys = ["source", "concept", "term", "lang"]
    rows = []
    if counts.empty:
        return []
    # one row per term, sorted by keys; one column per document
    wide = counts.pivot_table(index=keys, columns="doc_id", values="n", aggfunc="sum", fill_value=0)
    for lang in sorted(set(wide.index.get_level_values("lang"))):
        scope = docs if lang == ALL_LANGS else docs[docs["lang"] == lang]
        terms = wide[wide.index.get_level_values("lang") == lang]
        matrix = terms.reindex(columns=scope["doc_id"], fill_value=0).to_numpy(dtype=float).T
        trends = trend_tests(
            scope["year"].to_numpy(dtype=float),
            matrix,
            scope["n_words"].to_numpy(dtype=float),
            alpha=alpha,
        )
        for key, n, trend in zip(terms.index, matrix.T, trends, strict=True):
            source, concept, term, lang = (str(k) for k in key)
            rows.append(
                {"source": source, "concept": concept, "term": term, "lang": lang,
                 "slope": _round(trend.slope), "ci_low": _round(trend.ci_low),
                 "ci_high": _round(trend.ci_high), "p_value": float(f"{trend.p_value:.6g}"),
                 "direction": trend.direction, "method": trend.method, "n_docs": trend.n_docs,
                 "occurrences": int(n.sum())}
            )  # fmt: skip
    rows.sort(key=lambda r: tuple(r[k] for k in keys))
    return add_q_values(rows, alpha=alpha, verdict="direction")


def _round(value: float) -> float | None:
    return None if not np.isfinite(value) else round(float(value), 6)
