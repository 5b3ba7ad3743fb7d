"""Exact and near-duplicate detection over normalised text.

Exact duplicates share the hash of their normalised text. Near-duplicates (a report
reposted as a web page, a lightly edited version) are found with MinHash over word
shingles and an LSH index, then confirmed on the MinHash estimate of Jaccard similarity.

References:
    Broder, A. Z. (1997). On the resemblance and containment of documents.
    Compression and Complexity of Sequences.

"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DuplicateLink:
    """``doc_id`` repeats ``original`` with an estimated Jaccard ``similarity``."""

    doc_id: str
    original: str
    similarity: float


def content_hash(text: str) -> str:
    """Hash of the text with case and spacing ignored."""
    canonical = " ".join(_WORD.findall(text.lower()))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def minhash(text: str, *, shingle_words: int, permutations: int) -> MinHash:
    """MinHash signature of the text's word shingles (seeded, so reproducible)."""
    words = _WORD.findall(text.lower())
    signature = MinHash(num_perm=permutations, seed=1)
    width = min(shingle_words, max(1, len(words)))
    for i in range(max(1, len(words) - width + 1)):
        signature.update(" ".join(words[i : i + width]).encode("utf-8"))
    return signature


def find_duplicates(
    docs: list[tuple[str, str, MinHash]], *, threshold: float, permutations: int
) -> list[DuplicateLink]:
    """Link each document to the first earlier document it duplicates.

    Args:
        docs: ``(doc_id, content_hash, signature)`` in a deterministic order; the first
            of a group is kept as the original.
        threshold: minimum estimated Jaccard similarity for a near-duplicate.
        permutations: the signatures' number of permutations.

    """
    links: list[DuplicateLink] = []
    seen_hash: dict[str, str] = {}
    # A threshold of 1 asks for exact duplicates only (LSH needs a threshold below 1).
    index = MinHashLSH(threshold=threshold, num_perm=permutations) if threshold < 1.0 else None
    kept: dict[str, MinHash] = {}
    order = {doc_id: i for i, (doc_id, _, _) in enumerate(docs)}
    for doc_id, digest, signature in docs:
        if digest in seen_hash:
            links.append(DuplicateLink(doc_id, seen_hash[digest], 1.0))
            continue
        seen_hash[digest] = doc_id
        if index is None:
            continue
        candidates = sorted(index.query(signature), key=order.__getitem__)
        scored = [(kept[c].jaccard(signature), c) for c in candidates]
        matches = [(score, c) for score, c in scored if score >= threshold]
        if matches:
            score, original = max(matches, key=lambda m: (m[0], -order[m[1]]))
            links.append(DuplicateLink(doc_id, original, round(score, 4)))
            continue
        index.insert(doc_id, signature)
        kept[doc_id] = signature
    return links
