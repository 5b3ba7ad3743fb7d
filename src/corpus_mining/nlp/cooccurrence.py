"""Actor-actor and actor-concept co-occurrence within passages, with association scores.

References:
    Church, K. W., & Hanks, P. (1990). Word association norms, mutual information, and
    lexicography. Computational Linguistics, 16(1).
    Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
    Computational Linguistics, 19(1).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from corpus_mining.statistics import log_likelihood

Node = tuple[str, str]  # (kind, id): ("entity", "E...") or ("concept", "CLUSTER")


def cooccurrence_rows(
    units: Iterable[tuple[str, str, set[Node]]],
    names: dict[Node, str],
    *,
    min_count: int = 2,
) -> list[dict[str, Any]]:
    """Score pairs of nodes that share passages.

    Args:
        units: ``(passage_id, doc_id, nodes)`` for each passage.
        names: display name of each node.
        min_count: pairs seen in fewer passages are left out.

    Returns:
        Rows (G² signed: negative when a pair meets less often than chance) with both
        directions of an actor-actor pair collapsed (source < target) and
        actor-concept pairs with the actor as source, sorted by -g2 then ids.
    """
    single: Counter[Node] = Counter()
    pairs: Counter[tuple[Node, Node]] = Counter()
    pair_docs: dict[tuple[Node, Node], set[str]] = {}
    example: dict[tuple[Node, Node], str] = {}
    total = 0
    for passage_id, doc_id, nodes in units:
        total += 1
        single.update(nodes)
        for a, b in combinations(sorted(nodes), 2):
            if a[0] == "concept" and b[0] == "concept":
                continue
            pair = (b, a) if a[0] == "concept" else (a, b)
            pairs[pair] += 1
            pair_docs.setdefault(pair, set()).add(doc_id)
            example.setdefault(pair, passage_id)
    rows = []
    for (a, b), n_ab in pairs.items():
        if n_ab < min_count:
            continue
        rows.append(
            {
                "source_id": a[1],
                "source_kind": a[0],
                "source_name": names.get(a, a[1]),
                "target_id": b[1],
                "target_kind": b[0],
                "target_name": names.get(b, b[1]),
                "n_passages": n_ab,
                "n_docs": len(pair_docs[(a, b)]),
                "pmi": round(math.log2(n_ab * total / (single[a] * single[b])), 6),
                "g2": round(log_likelihood(n_ab, single[b], single[a], total), 6),
                "example_passage_id": example[(a, b)],
            }
        )
    return sorted(rows, key=lambda r: (-r["g2"], r["source_id"], r["target_id"]))
