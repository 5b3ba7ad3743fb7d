"""Per-document partial counts of the evolution stage, kept between runs.

A term's trend test reads its occurrences in every document: a sum of per-document
partials, each a pure function of one document's text and the term. The partials are
cached under ``paths.cache/evolution`` by a digest of the text they were counted in (the
document's content as this stage reads it), so after one document is added only its
own partials, and those of terms no document was counted for yet, are computed; the
totals are then summed as on a cold run, and are identical to it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from corpus_mining.cache import DocumentCache, code_digest, digest
from corpus_mining.textfold import fold


def term_pattern(term: str) -> re.Pattern[str]:
    """Whole-word, case- and accent-blind occurrences of ``term`` in folded text."""
    return re.compile(rf"(?<!\w){re.escape(fold(term))}(?!\w)")


class TermCounts:
    """Occurrences of terms in folded texts, cached per text under ``root/evolution``.

    Args:
        root: The cache folder (``paths.cache``); None keeps nothing between runs.
    """

    def __init__(self, root: Path | None) -> None:
        fingerprint = digest("term-counts", code_digest("textfold", "evolution/partials"))
        self.cache = None if root is None else DocumentCache(root, "evolution", fingerprint)

    def counts(self, text: str, terms: Sequence[str]) -> dict[str, int]:
        """How many times each of ``terms`` occurs in the folded ``text``."""
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()
        known: dict[str, int] = (self.cache.get(key) if self.cache else None) or {}
        missing = [term for term in terms if term not in known]
        if missing:
            known = {**known, **{t: len(term_pattern(t).findall(text)) for t in missing}}
            if self.cache is not None:
                self.cache.put(key, known)
        return {term: known[term] for term in terms}
