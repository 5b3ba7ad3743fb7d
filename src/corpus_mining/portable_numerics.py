"""One floating-point code path on every x86-64 machine, so topics do not depend on the CPU.

numpy, OpenBLAS and numba each pick, when they load, the widest vector instructions the
CPU offers. Sums and products are then rounded in another order, and results differ in
their last bits from one machine to the next. Most figures absorb that; a topic model does
not: k-means restarts and UMAP's neighbour graph amplify it. On the sample corpus
(2026-12-01, an AMD EPYC with AVX-512, same inputs, params and seeds) the topics stage
found 9 topics with numpy's AVX-512 loops and 11 with its AVX2 loops; OpenBLAS's kernel
and numba's target CPU each changed the topic assignments too.

``install()`` pins the three to the x86-64-v3 level (AVX2 and FMA: Intel since Haswell,
2013; AMD since Excavator, 2015) when the CPU has it, before numpy is first imported:

- ``NPY_DISABLE_CPU_FEATURES``: numpy's dispatch targets above it (its 2.x names) off;
- ``OPENBLAS_CORETYPE=Haswell``: the AVX2 kernels of OpenBLAS (numpy's and scipy's);
- ``NUMBA_CPU_NAME=haswell``: numba (UMAP) compiles for that CPU whatever the host.

A value the user set wins. Float results kept between runs (cached embeddings, the
use-static table) are stored under ``code_path()``, so a cache filled on one code path is
never read on another. The decision is recorded in ``CORPUS_MINING_NUMERICS``, which
child processes (dask workers, ``dvc repro``'s stages started from a shell that ran one)
inherit and follow, so one process tree runs one code path. A process that imported numpy
before ``corpus_mining`` is left as it is (the variables only act when a library loads),
and so are its children. On other CPUs (ARM, Apple silicon, x86-64 without AVX2) nothing
is pinned: results are identical from run to run on one machine, and may differ across
machines.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shlex
import sys
from functools import cache
from pathlib import Path

MARKER = "CORPUS_MINING_NUMERICS"
PORTABLE = "x86-64-v3"
NATIVE = "native"

# Set before numpy, OpenBLAS or numba load. numpy 2.x dispatch targets above x86-64-v3:
# naming one the CPU lacks is silent, naming one numpy does not know warns.
PINS: dict[str, str] = {
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
    "OPENBLAS_CORETYPE": "Haswell",
    "NUMBA_CPU_NAME": "haswell",
}

# /proc/cpuinfo flags of x86-64-v3 (besides the v2 ones every such CPU has).
_V3_FLAGS = frozenset({"avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "movbe"})


def install(cpuinfo: Path = Path("/proc/cpuinfo")) -> str:
    """Pin the floating-point code path for this process and its children; return the choice.

    ``CORPUS_MINING_NUMERICS=native`` in the environment turns the pins off.
    """
    decided = os.environ.get(MARKER)
    if decided is None:  # no parent decided: pin unless numpy already loaded natively
        decided = PORTABLE if "numpy" not in sys.modules else NATIVE
    if decided == PORTABLE and not has_x86_64_v3(cpuinfo):
        decided = NATIVE
    if decided == PORTABLE:
        for name, value in PINS.items():
            os.environ.setdefault(name, value)
    os.environ[MARKER] = decided
    return decided


def exports() -> str:
    """Shell lines that give a process started elsewhere this process's code path.

    For dask workers that a batch system starts (``dask worker`` imports numpy before
    any task can pin it): ``eval "$(corpus-mining numerics)"`` in their job script.
    """
    names = [MARKER, *(PINS if os.environ.get(MARKER) == PORTABLE else ())]
    return "\n".join(f"export {name}={shlex.quote(os.environ[name])}" for name in names)


@cache
def code_path() -> str:
    """This process's floating-point code path, to key float results kept between runs.

    ``x86-64-v3`` on every pinned machine. Else ``native-<machine>-<hash of the CPU
    flags>``: a cache shared by different machines (a cluster's home folder) never mixes
    their results.
    """
    if os.environ.get(MARKER) == PORTABLE:
        return PORTABLE
    flags = " ".join(sorted(_cpu_flags(Path("/proc/cpuinfo"))))
    digest = hashlib.sha256(flags.encode()).hexdigest()[:8]
    return f"{NATIVE}-{platform.machine().lower() or 'unknown'}-{digest}"


def has_x86_64_v3(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether this is an x86-64 CPU with AVX2 and FMA (read from Linux's ``cpuinfo``)."""
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        return False
    return _cpu_flags(cpuinfo) >= _V3_FLAGS


def _cpu_flags(cpuinfo: Path) -> frozenset[str]:
    """The first CPU's flags; none when there is no Linux ``cpuinfo`` to read."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        if line.startswith(("flags", "Features")):  # x86, then ARM's name for them
            return frozenset(line.partition(":")[2].split())
    return frozenset()
