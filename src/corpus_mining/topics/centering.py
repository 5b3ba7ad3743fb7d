"""Language-mean centring of embeddings (``topics.center_languages``).

Multilingual sentence encoders put a language-specific offset into every vector: passages
of one language sit around their language's mean, so a clusterer sorts by language before
theme. Subtracting each language's mean vector from its passages' vectors (then
re-normalising) removes that offset while keeping what varies within a language.

A language with fewer than ``MIN_CENTRED_UNITS`` units is left uncentred: its mean would be
its few passages' own content (one passage minus its own mean is a zero vector), so
centring would erase what they say rather than their language.

References:
    Libovický, J., Rosa, R., Fraser, A. (2020). On the language neutrality of pre-trained
    multilingual representations. Findings of EMNLP 2020, 1663-1674.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]

# Below this many units a language's mean is mostly its passages' content (module docstring).
MIN_CENTRED_UNITS = 30
# Rows summed or centred at a time: sums in one fixed order, memory of one chunk.
_CHUNK = 8192


def language_means(
    embeddings: F32, langs: Sequence[str], *, min_units: int = MIN_CENTRED_UNITS
) -> dict[str, F32]:
    """The mean vector of each language with at least ``min_units`` units, by language.

    Rows are summed in float64, in index order and fixed chunks, so the means do not depend
    on anything but the rows and their order.

    Args:
        embeddings: One row per unit.
        langs: Each unit's language.
        min_units: Languages with fewer units get no mean (they stay uncentred).
    """
    codes, inverse = np.unique(np.asarray(langs, dtype=object).astype(str), return_inverse=True)
    if not len(embeddings):
        return {}
    sums = np.zeros((len(codes), embeddings.shape[1]), dtype=np.float64)
    for start in range(0, len(embeddings), _CHUNK):
        rows = np.asarray(embeddings[start : start + _CHUNK], dtype=np.float64)
        part = inverse[start : start + _CHUNK]
        for code in np.unique(part):
            sums[code] += rows[part == code].sum(axis=0)
    counts = np.bincount(inverse, minlength=len(codes))
    return {
        str(code): (sums[i] / counts[i]).astype(np.float32)
        for i, code in enumerate(codes)
        if counts[i] >= min_units
    }


def center(
    embeddings: F32, langs: Sequence[str], means: Mapping[str, F32], *, inplace: bool = False
) -> F32:
    """``embeddings`` with each row minus its language's mean, L2-normalised.

    Rows of a language without a mean are left unchanged; a row that becomes zero stays
    zero.

    Args:
        embeddings: One row per unit (L2-normalised).
        langs: Each unit's language.
        means: Mean vector by language (``language_means``, or those kept with a fit).
        inplace: Overwrite ``embeddings`` (a float32 array) instead of a copy: at 200,000
            passages of 512 dimensions a copy is 400 MB more at the stage's peak.
    """
    out = embeddings if inplace else np.array(embeddings, dtype=np.float32, copy=True)
    if not means or not len(out):
        return out
    names = sorted(means)
    table = np.vstack([np.zeros((1, out.shape[1]), dtype=np.float32)] + [means[n] for n in names])
    index = {name: i + 1 for i, name in enumerate(names)}
    rows_mean = np.fromiter((index.get(lang, 0) for lang in langs), dtype=np.int64, count=len(out))
    for start in range(0, len(out), _CHUNK):
        chunk = out[start : start + _CHUNK]
        chunk -= table[rows_mean[start : start + _CHUNK]]
        norms = np.linalg.norm(chunk, axis=1, keepdims=True)
        np.divide(chunk, norms, out=chunk, where=norms > 0)
    return out


def center_neutral(vectors: F32, means: Mapping[str, F32]) -> F32:
    """``vectors`` of no one language minus the average of the language means, normalised.

    For texts such as seed topics, made of terms of every language.
    """
    if not means:
        return np.asarray(vectors, dtype=np.float32)
    offset = np.mean(np.vstack([means[n] for n in sorted(means)]), axis=0, dtype=np.float64)
    out = np.asarray(vectors, dtype=np.float32) - offset.astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


def centred(
    embeddings: F32, langs: Sequence[str], *, enabled: bool, inplace: bool = False
) -> tuple[F32, dict[str, F32] | None]:
    """The vectors centred on their corpus's language means (when ``enabled``), and the means.

    ``inplace`` overwrites ``embeddings`` (see ``center``).

    Returns:
        ``embeddings`` unchanged and None when not ``enabled``.
    """
    if not enabled:
        return embeddings, None
    means = language_means(embeddings, langs)
    return center(embeddings, langs, means, inplace=inplace), means


def preparation_record(
    langs: Sequence[str], means: Mapping[str, F32] | None, *, min_units: int = MIN_CENTRED_UNITS
) -> dict[str, Any]:
    """How the vectors were prepared, for the metrics: centred languages and unit counts."""
    if means is None:
        return {"center_languages": False}
    counts: dict[str, int] = {}
    for lang in langs:
        counts[lang] = counts.get(lang, 0) + 1
    return {
        "center_languages": True,
        "method": "each language's mean vector subtracted, rows re-normalised",
        "min_units": min_units,
        "centred": {lang: counts.get(lang, 0) for lang in sorted(means)},
        "uncentred": {lang: n for lang, n in sorted(counts.items()) if lang not in means},
    }
