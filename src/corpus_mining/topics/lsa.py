"""Latent semantic analysis embedder: TF-IDF then truncated SVD, offline and deterministic.

The SVD uses ARPACK: it computes the exact leading singular vectors, so the seed only picks
ARPACK's starting vector. Fit and transform run with BLAS limited to one thread, because
multi-threaded BLAS sums in a different order and changes the last bits of the results:
with one thread, the same corpus gives the same bytes on every run and every core count.

References:
    Deerwester, S., Dumais, S. T., Furnas, G. W., Landauer, T. K. & Harshman, R. (1990).
    Indexing by latent semantic analysis. Journal of the American Society for Information
    Science, 41(6), 391-407.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus_mining.errors import StageError

# A token starts with a letter (accented ones included) and goes on with letters, digits
# or underscores, so "économie" and "concept_cluster" are kept, bare numbers are not.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]\w+\b"
# Everything besides the fitted arrays that changes the vectors; part of the id's hash.
_SETTINGS = f"tfidf(sublinear_tf,min_df=1,lowercase,token_pattern={TOKEN_PATTERN})|svd(arpack)"


class LsaEmbedder:
    """TF-IDF + truncated SVD fitted on a corpus; embeds any text into that space.

    Args:
        corpus: Texts to fit the vocabulary, IDF weights and SVD on.
        dimensions: Number of dimensions wanted; clipped to ``min(n_words, n_texts) - 1``.
        seed: Random state of ARPACK's starting vector.

    Raises:
        ValueError: ``dimensions`` is below 1.
        StageError: The corpus has fewer than 2 texts or 2 distinct words.
    """

    def __init__(self, corpus: Sequence[str], *, dimensions: int, seed: int) -> None:
        if dimensions < 1:
            raise ValueError(f"dimensions must be at least 1, got {dimensions}")
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer
        from threadpoolctl import threadpool_limits

        self._vectorizer: Any = TfidfVectorizer(
            sublinear_tf=True, min_df=1, token_pattern=TOKEN_PATTERN
        )
        try:
            matrix = self._vectorizer.fit_transform(list(corpus))
        except ValueError:  # empty vocabulary
            matrix = None
        n_texts, n_words = (0, 0) if matrix is None else matrix.shape
        self.dimensions = min(dimensions, n_words - 1, n_texts - 1)
        self.requested_dimensions = dimensions
        if self.dimensions < 1:
            raise StageError(
                f"topics: LSA needs at least 2 texts and 2 distinct words to fit, "
                f"got {n_texts} texts and {n_words} words"
            )
        self._svd: Any = TruncatedSVD(self.dimensions, algorithm="arpack", random_state=seed)
        with threadpool_limits(limits=1):
            self._svd.fit(matrix)
        self._id = self._make_id(corpus, seed)

    @property
    def id(self) -> str:
        """``lsa-d<k>-<hash>``, or ``lsa-d<k>of<asked>-<hash>`` when the corpus clipped k."""
        return self._id

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Project ``texts`` into the fitted space.

        Args:
            texts: Any texts; words outside the fitted vocabulary are ignored.

        Returns:
            Float32 array ``(len(texts), dimensions)``, rows L2-normalised; a text with no
            known word gets a zero row.
        """
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            vectors = self._svd.transform(self._vectorizer.transform(list(texts)))
        return _normalise_rows(np.asarray(vectors, dtype=np.float64))

    def _make_id(self, corpus: Sequence[str], seed: int) -> str:
        """Hash of what determines the fit: settings, seed and the corpus itself.

        Not of the fitted arrays: when k exceeds the corpus rank, ARPACK's extra
        components are arbitrary and may differ between calls, though the inputs did not.
        """
        digest = hashlib.sha256(f"{_SETTINGS}|seed={seed}".encode())
        for text in corpus:
            digest.update(hashlib.sha256(text.encode()).digest())
        size = f"d{self.dimensions}"
        if self.dimensions != self.requested_dimensions:
            size += f"of{self.requested_dimensions}"
        return f"lsa-{size}-{digest.hexdigest()[:16]}"


def _normalise_rows(vectors: npt.NDArray[np.float64]) -> npt.NDArray[np.float32]:
    """Divide each row by its L2 norm, leaving zero rows at zero; cast to float32."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    return np.ascontiguousarray(unit, dtype=np.float32)
