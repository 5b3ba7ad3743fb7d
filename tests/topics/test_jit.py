"""numba's on-disk cache for UMAP's jitted functions, in a folder we choose."""

from __future__ import annotations

import numpy as np
import pytest

from corpus_mining.topics.jit import cache_umap_jit


def test_umap_functions_compile_into_the_given_folder_once_enabled(tmp_path_factory):
    # The folder outlives the test: later UMAP fits of this process keep writing there.
    folder = tmp_path_factory.mktemp("numba")
    pytest.importorskip("umap")
    from umap.distances import euclidean

    if cache_umap_jit(folder) == 0:
        pytest.skip("UMAP's cache was turned on earlier in this process (another folder)")
    assert cache_umap_jit(folder) == 0  # once per process
    assert euclidean(np.zeros(3), np.array([3.0, 4.0, 0.0])) == 5.0
    assert list(folder.rglob("*.nbi")) and list(folder.rglob("*.nbc"))  # index and code
