# The two commands of the README: `make repro` (pipeline) and `make test` (tests).
# Both create the pinned environment first (scripts/setup_env.sh, idempotent).
VENV ?= .venv
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: env repro test lint

env:
	@VENV=$(VENV) bash scripts/setup_env.sh

repro: env
	dvc repro
	dvc metrics show

# Tests in parallel (pytest-xdist): each module on one worker, its fixtures built once.
TEST_WORKERS ?= 2
test: env
	python -m pytest -n $(TEST_WORKERS) --dist loadgroup --durations=25

lint: env
	ruff check src tests benchmarks scripts
	ruff format --check src tests benchmarks scripts
	mypy
