"""One floating-point code path per process tree: the pins, their conditions, their effect."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_mining import portable_numerics as pn

V3_FLAGS = "fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt avx avx2 bmi1 bmi2 f16c fma movbe"


def _cpuinfo(tmp_path: Path, flags: str) -> Path:
    path = tmp_path / "cpuinfo"
    path.write_text(f"processor\t: 0\nvendor_id\t: Test\nflags\t\t: {flags}\n\n", encoding="utf-8")
    return path


@pytest.fixture
def fresh_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No decision inherited, no pin set, numpy not loaded, an x86-64 machine."""
    for name in (pn.MARKER, *pn.PINS):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delitem(sys.modules, "numpy")
    monkeypatch.setattr(pn.platform, "machine", lambda: "x86_64")
    return monkeypatch


def test_an_avx2_machine_gets_every_pin_before_numpy(fresh_env, tmp_path):
    assert pn.install(_cpuinfo(tmp_path, V3_FLAGS)) == pn.PORTABLE
    assert {name: os.environ[name] for name in pn.PINS} == pn.PINS
    assert os.environ[pn.MARKER] == pn.PORTABLE


def test_a_machine_without_fma_or_an_arm_one_is_left_native(fresh_env, tmp_path):
    assert pn.install(_cpuinfo(tmp_path, V3_FLAGS.replace(" fma", ""))) == pn.NATIVE
    assert not any(name in os.environ for name in pn.PINS)
    fresh_env.delenv(pn.MARKER)
    fresh_env.setattr(pn.platform, "machine", lambda: "aarch64")
    assert pn.install(_cpuinfo(tmp_path, V3_FLAGS)) == pn.NATIVE
    assert not pn.has_x86_64_v3(tmp_path / "no-such-file")


def test_numpy_already_loaded_leaves_the_process_and_its_children_native(fresh_env, tmp_path):
    fresh_env.setitem(sys.modules, "numpy", object())
    assert pn.install(_cpuinfo(tmp_path, V3_FLAGS)) == pn.NATIVE
    assert not any(name in os.environ for name in pn.PINS)


def test_a_parent_decision_and_a_user_value_win(fresh_env, tmp_path):
    fresh_env.setenv("OPENBLAS_CORETYPE", "Sandybridge")
    assert pn.install(_cpuinfo(tmp_path, V3_FLAGS)) == pn.PORTABLE
    assert os.environ["OPENBLAS_CORETYPE"] == "Sandybridge"
    assert os.environ["NUMBA_CPU_NAME"] == "haswell"
    fresh_env.setenv(pn.MARKER, pn.NATIVE)  # inherited, or the user's opt-out
    fresh_env.delenv("NUMBA_CPU_NAME")
    assert pn.install(_cpuinfo(tmp_path, V3_FLAGS)) == pn.NATIVE
    assert "NUMBA_CPU_NAME" not in os.environ
    fresh_env.setenv(pn.MARKER, pn.PORTABLE)  # inherited: the pins are (re)set
    assert pn.install(_cpuinfo(tmp_path, V3_FLAGS)) == pn.PORTABLE
    assert os.environ["NUMBA_CPU_NAME"] == "haswell"


PROBE = """
import json, os, corpus_mining, numpy, scipy.linalg, threadpoolctl
from numpy._core._multiarray_umath import __cpu_features__ as features
print(json.dumps({
    "marker": os.environ[corpus_mining.portable_numerics.MARKER],
    "avx512_loops": features["X86_V4"],
    "openblas": sorted({i["architecture"] for i in threadpoolctl.threadpool_info()
                        if i["internal_api"] == "openblas"}),
}))
"""


@pytest.mark.skipif(not pn.has_x86_64_v3(), reason="the pins apply to x86-64 CPUs with AVX2")
def test_a_fresh_process_runs_numpy_and_both_openblas_at_the_portable_level():
    env = {k: v for k, v in os.environ.items() if k not in {pn.MARKER, *pn.PINS}}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
    ).stdout
    probe = json.loads(out)
    assert probe == {"marker": pn.PORTABLE, "avx512_loops": False, "openblas": ["Haswell"]}


@pytest.mark.skipif(not pn.has_x86_64_v3(), reason="the pins apply to x86-64 CPUs with AVX2")
def test_the_test_processes_run_the_users_code_path():
    """Under xdist too: worker processes inherit the decision of the process that started them."""
    assert os.environ.get(pn.MARKER) == pn.PORTABLE
    assert os.environ.get("OPENBLAS_CORETYPE") == "Haswell"


def test_cached_floats_are_keyed_alike_on_pinned_machines_apart_on_native_ones(monkeypatch):
    monkeypatch.setattr(pn.platform, "machine", lambda: "x86_64")
    try:
        monkeypatch.setenv(pn.MARKER, pn.PORTABLE)
        pn.code_path.cache_clear()
        assert pn.code_path() == "x86-64-v3"
        monkeypatch.setenv(pn.MARKER, pn.NATIVE)
        pn.code_path.cache_clear()
        native = pn.code_path()
        assert native.startswith("native-x86_64-") and len(native) == len("native-x86_64-") + 8
    finally:
        monkeypatch.undo()
        pn.code_path.cache_clear()


def test_the_exports_give_a_worker_this_code_path(monkeypatch):
    monkeypatch.setenv(pn.MARKER, pn.PORTABLE)
    for name, value in pn.PINS.items():
        monkeypatch.setenv(name, value)
    lines = pn.exports().splitlines()
    assert lines[0] == f"export {pn.MARKER}=x86-64-v3"
    assert "export NPY_DISABLE_CPU_FEATURES='X86_V4 AVX512_ICL AVX512_SPR'" in lines
    assert len(lines) == 1 + len(pn.PINS)
    monkeypatch.setenv(pn.MARKER, pn.NATIVE)
    assert pn.exports() == f"export {pn.MARKER}=native"


def test_the_numerics_command_prints_exports_a_shell_can_eval():
    shell = 'eval "$(corpus-mining numerics)" && echo "$CORPUS_MINING_NUMERICS"'
    env = {k: v for k, v in os.environ.items() if k not in {pn.MARKER, *pn.PINS}}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    out = subprocess.run(["bash", "-c", shell], env=env, capture_output=True, text=True, check=True)
    expected = pn.PORTABLE if pn.has_x86_64_v3() else pn.NATIVE
    assert out.stdout.strip() == expected
