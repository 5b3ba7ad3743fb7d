"""Which vocabulary each actor's passages carry: "who says hub, who says cluster".

An actor's part of the corpus is the set of passages that mention it (mentions inside
references left out); concept mentions in those passages (outside references too) are
compared with the whole corpus of the scope, all documents or one period, by Lafon's
hypergeometric specificity. Parts of different actors may overlap: each is tested against
the whole scope on its own, not against the others.

References:
    Lafon, P. (1980). Sur la variabilité de la fréquence des formes dans un corpus.
    Mots, 1, 127-165.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from corpus_mining.evolution.bootstrap import ratio_intervals
from corpus_mining.evolution.multiple_testing import add_q_values
from corpus_mining.statistics import lafon_tests

ALL = "all"


@dataclass(frozen=True)
class ActorParts:
    """Passages as rows of a concept-count matrix, and each actor's passages.

    Attributes:
        passages: ``passage_id``, ``doc_id``, ``period`` (None when undated) and ``size``
            (tokens: the passage's words, at least its concept mentions), one row per passage.
        concepts: Concept ids, the columns of ``counts``.
        counts: Concept mentions per passage (passages x concepts).
        actors: ``entity_id`` and ``canonical`` of the actors kept, in id order.
        incidence: Actors x passages, 1 where the actor is mentioned in the passage.
    """

    passages: pd.DataFrame
    concepts: list[str]
    counts: sparse.csr_matrix
    actors: pd.DataFrame
    incidence: sparse.csr_matrix


def actor_parts(
    passages: pd.DataFrame,
    concept_mentions: pd.DataFrame,
    mentions: pd.DataFrame,
    entities: pd.DataFrame,
    *,
    min_mentions: int,
) -> ActorParts:
    """Build the matrices of :class:`ActorParts`.

    Args:
        passages: ``passage_id``, ``doc_id``, ``period`` and ``n_words`` of the passages
            studied (e.g. every passage of a distinct document).
        concept_mentions: ``passage_id`` and ``concept_id``, outside references.
        mentions: ``passage_id`` and ``entity_id`` of actor mentions, outside references.
        entities: ``entity_id`` and ``canonical``.
        min_mentions: Actors with fewer mentions in ``passages`` are left out.
    """
    rows = passages.sort_values("passage_id").reset_index(drop=True)
    index = pd.Series(np.arange(len(rows)), index=rows["passage_id"])
    found = concept_mentions[concept_mentions["passage_id"].isin(index.index)]
    concepts = sorted(found["concept_id"].unique())
    counts = _matrix(index[found["passage_id"]], found["concept_id"], concepts, len(rows))
    size = np.maximum(rows["n_words"].to_numpy(dtype=np.int64), counts.sum(axis=1).A1)
    said = mentions[mentions["passage_id"].isin(index.index)]
    per_actor = said.groupby("entity_id").size()
    kept = entities[entities["entity_id"].isin(per_actor[per_actor >= min_mentions].index)]
    actors = kept[["entity_id", "canonical"]].sort_values("entity_id").reset_index(drop=True)
    said = said[said["entity_id"].isin(actors["entity_id"])]
    incidence = _matrix(
        index[said["passage_id"]], said["entity_id"], list(actors["entity_id"]), len(rows)
    ).T.tocsr()
    incidence.data[:] = 1  # several mentions in a passage: the passage counts once
    return ActorParts(rows.assign(size=size), concepts, counts, actors, incidence)


def _matrix(
    row_of: pd.Series, keys: pd.Series, columns: list[str], n_rows: int
) -> sparse.csr_matrix:
    column = pd.Series(np.arange(len(columns)), index=columns)
    data = np.ones(len(row_of), dtype=np.int64)
    shape = (n_rows, len(columns))
    matrix = sparse.coo_matrix(
        (data, (row_of.to_numpy(), column[keys].to_numpy())), shape=shape
    ).tocsr()
    matrix.sum_duplicates()
    return matrix


def scopes(parts: ActorParts, periods: Sequence[str]) -> Iterator[tuple[str, np.ndarray]]:
    """``("all", every passage)``, then each period and its passages (boolean masks)."""
    yield ALL, np.ones(len(parts.passages), dtype=bool)
    period = parts.passages["period"]
    for label in periods:
        yield label, (period == label).to_numpy()


def vocabulary_rows(
    parts: ActorParts,
    families: Mapping[str, str],
    periods: Sequence[str],
    *,
    alpha: float,
) -> list[dict[str, Any]]:
    """Lafon specificity of each concept in each actor's passages, per scope, with q-values.

    A row per (actor, concept, scope) where the actor has passages in the scope and the
    concept occurs in the scope; ``p_value`` is two-sided, ``q_value`` Benjamini–Hochberg
    over the whole table.

    Args:
        parts: The matrices of :func:`actor_parts`.
        families: Lexicon family of each concept id.
        periods: Period labels in time order.
        alpha: False discovery rate of the q-values.

    References:
        Lafon (1980); Benjamini & Hochberg (1995).
    """
    frames = [_scope_frame(parts, label, mask) for label, mask in scopes(parts, periods)]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if table.empty:
        return []
    score, p_value = lafon_tests(table["k"], table["K"], table["n"], table["N"])
    table = table.assign(
        specificity=np.round(score, 6),
        p_value=[float(f"{p:.6g}") for p in p_value],
        expected=np.round(table["n"] * table["K"] / table["N"], 6),
        family=table["concept"].map(families).fillna(""),
    )
    order = {label: i for i, label in enumerate([ALL, *periods])}
    table = table.assign(o=table["period"].map(order))
    table = table.sort_values(["entity_id", "concept", "o"]).drop(columns="o")
    table = table.rename(columns={"k": "count"})
    columns = ["entity_id", "canonical", "concept", "family", "period", "n_passages"]
    columns += ["count", "expected", "specificity", "p_value"]
    rows = [{str(k): v for k, v in row.items()} for row in table[columns].to_dict("records")]
    return add_q_values(rows, alpha=alpha)


def _scope_frame(parts: ActorParts, label: str, mask: np.ndarray) -> pd.DataFrame:
    """The 2x2 tables (k, K, n, N) of every actor and concept present in one scope."""
    counts = parts.counts[mask]
    incidence = parts.incidence[:, mask]
    size = parts.passages["size"].to_numpy()[mask]
    corpus = counts.sum(axis=0).A1
    k = (incidence @ counts).toarray()
    n = incidence @ size
    n_passages = incidence.sum(axis=1).A1
    actor, concept = np.nonzero((n_passages[:, None] > 0) & (corpus[None, :] > 0))
    return pd.DataFrame(
        {
            "entity_id": parts.actors["entity_id"].to_numpy()[actor],
            "canonical": parts.actors["canonical"].to_numpy()[actor],
            "concept": np.asarray(parts.concepts, dtype=object)[concept],
            "period": label,
            "n_passages": n_passages[actor],
            "k": k[actor, concept],
            "K": corpus[concept],
            "n": n[actor],
            "N": int(size.sum()),
        }
    )


def family_share_rows(
    parts: ActorParts,
    families: Mapping[str, Sequence[str]],
    periods: Sequence[str],
    *,
    n_boot: int,
    seed: int,
) -> list[dict[str, Any]]:
    """Each family member's share of the family's mentions in an actor's passages, per scope.

    Intervals come from a bootstrap over the actor's documents (the passages of one
    document are resampled together). Rows only where the actor's passages of the scope
    mention the family at all; members absent from the whole corpus are left out.

    Args:
        parts: The matrices of :func:`actor_parts`.
        families: Member concept ids of each lexicon family, in lexicon order.
        periods: Period labels in time order.
        n_boot: Bootstrap replicates.
        seed: Bootstrap seed.
    """
    column = {c: i for i, c in enumerate(parts.concepts)}
    members = {
        family: [column[m] for m in listed if m in column]
        for family, listed in sorted(families.items())
    }
    doc_codes = pd.factorize(parts.passages["doc_id"], sort=True)[0]
    incidence = parts.incidence.tocsr()
    counts = parts.counts.toarray().astype(np.float64)
    jobs: list[tuple[dict[str, Any], np.ndarray, list[tuple[str, int]]]] = []
    for label, mask in scopes(parts, periods):
        for a, actor in enumerate(parts.actors.itertuples(index=False)):
            mine = incidence.indices[incidence.indptr[a] : incidence.indptr[a + 1]]
            chosen = np.sort(mine[mask[mine]])
            if chosen.size == 0:
                continue
            per_doc = _per_document(counts[chosen], doc_codes[chosen])
            cells = [(f, i) for f, kept in members.items() if per_doc[:, kept].any() for i in kept]
            if cells:
                head = {"entity_id": actor.entity_id, "canonical": actor.canonical, "period": label}
                jobs.append((head, per_doc, cells))
    rows = _share_rows(jobs, members, parts.concepts, n_boot=n_boot, seed=seed)
    order = {label: i for i, label in enumerate([ALL, *periods])}
    return sorted(rows, key=lambda r: (r["entity_id"], r["family"], order[r["period"]]))


def _per_document(counts: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Sum the rows of ``counts`` (passages) by document: documents x concepts."""
    _, codes = np.unique(docs, return_inverse=True)
    summed = np.zeros((int(codes.max()) + 1, counts.shape[1]))
    np.add.at(summed, codes, counts)
    return summed


def _share_rows(
    jobs: Sequence[tuple[dict[str, Any], np.ndarray, list[tuple[str, int]]]],
    members: Mapping[str, list[int]],
    concepts: Sequence[str],
    *,
    n_boot: int,
    seed: int,
) -> list[dict[str, Any]]:
    """Rows of every (actor, scope) job, bootstrapped together by number of documents.

    A job's replicates depend only on its number of documents (the seed is shared), so
    jobs with as many documents are one call over all their cells: same intervals, one
    sort of the replicates instead of one per job.
    """
    rows: list[dict[str, Any]] = []
    for n_docs in sorted({per_doc.shape[0] for _, per_doc, _ in jobs}):
        group = [job for job in jobs if job[1].shape[0] == n_docs]
        tops, bottoms = [], []
        for _, per_doc, cells in group:
            totals = {f: per_doc[:, kept].sum(axis=1) for f, kept in members.items()}
            tops.append(per_doc[:, [i for _, i in cells]])
            bottoms.append(np.column_stack([totals[f] for f, _ in cells]))
        top, bottom = np.hstack(tops), np.hstack(bottoms)
        shares = ratio_intervals(top, bottom, n_boot=n_boot, seed=seed)
        value, low, high = (_rounded(a) for a in (shares.value, shares.low, shares.high))
        occurrences, family_total = top.sum(axis=0), bottom.sum(axis=0)
        j = 0
        for head, _, cells in group:
            for family, i in cells:
                rows.append(
                    {**head, "family": family, "concept": concepts[i], "n_docs": n_docs,
                     "occurrences": int(occurrences[j]),
                     "family_occurrences": int(family_total[j]),
                     "share": value[j], "ci_low": low[j], "ci_high": high[j]}
                )  # fmt: skip
                j += 1
    return rows


def _rounded(values: np.ndarray) -> list[float | None]:
    return [None if not np.isfinite(v) else round(float(v), 6) for v in values]
