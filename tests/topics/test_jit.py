"""numba's on-disk cache for UMAP's jitted functions, in a folder we choose."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus_mining.topics.jit import cache_umap_jit, compiled_code_folder


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


def test_compiled_code_is_kept_per_user_or_where_numba_is_told(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("NUMBA_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled_code_folder() == tmp_path / "xdg" / "corpus-mining" / "numba"
    monkeypatch.setenv("NUMBA_CACHE_DIR", str(tmp_path / "numba"))
    assert compiled_code_folder() == tmp_path / "numba"
