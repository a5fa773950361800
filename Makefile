# Two commands on a fresh machine: `make demo` and `make test` (each runs `setup` first).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TOOLS := .tools

export PIPENV_VENV_IN_PROJECT := 1
export PIPENV_NOSPIN := 1
export PIPENV_YES := 1
export PIPENV_IGNORE_VIRTUALENVS := 1
export PIPENV_VERBOSITY := -1
export CHECKPOINT_DISABLE := 1
export CDKTF_DISABLE_PLUGIN_CACHE_ENV := 1
export TF_CLI_CONFIG_FILE := $(CURDIR)/$(TOOLS)/terraform.rc
PYTHON_SCRIPTS := $(shell $(PYTHON) -c "import sysconfig; print(sysconfig.get_path('scripts'))")
export PATH := $(CURDIR)/node_modules/.bin:$(PYTHON_SCRIPTS):$(PATH)
export JSII_NODE := $(CURDIR)/node_modules/.bin/node
export JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION := 1

.PHONY: help setup setup-cdktn synth demo test test-fast bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

setup: $(VENV)/.synced node_modules/.synced $(TOOLS)/terraform.rc ## Install everything (idempotent; quick when done)

$(VENV)/.synced: Pipfile Pipfile.lock
	@$(PYTHON) -m pipenv --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet --disable-pip-version-check pipenv
	$(PYTHON) -m pipenv sync --dev
	@touch $@

node_modules/.synced: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(TOOLS)/terraform.rc: importer/terraform/cliconfig.py
	@$(PYTHON) -m importer.terraform.cliconfig --write $@ $(if $(TF_PROVIDER_MIRROR),--mirror "$(TF_PROVIDER_MIRROR)") || \
	  echo "warning: no local provider mirror found; Terraform tests will be skipped (set TF_PROVIDER_MIRROR)"

# CDK Terrain (the continuation of archived CDKTF) in a second environment beside the default one:
# .venv-cdktn/ (requirements-cdktn.txt: pinned, hashed, installed without bytecode compilation, which
# cut the install from ~100 s to a few) and .tools/cdktn/ (cdktn-cli/package*.json). .venv/ and
# node_modules/ are not touched; README "Moving to CDK Terrain".
CDKTN_VENV := .venv-cdktn
setup-cdktn: $(CDKTN_VENV)/.synced $(TOOLS)/cdktn/.synced ## Also install the CDK Terrain environment (.venv-cdktn/, .tools/cdktn/)

$(CDKTN_VENV)/.synced: requirements-cdktn.txt
	rm -rf $(CDKTN_VENV) && $(PYTHON) -m venv $(CDKTN_VENV)
	$(CDKTN_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-compile --no-deps \
	  --only-binary=:all: --require-hashes -r requirements-cdktn.txt
	@touch $@

$(TOOLS)/cdktn/.synced: cdktn-cli/package.json cdktn-cli/package-lock.json node_modules/.synced
	@mkdir -p $(TOOLS)/cdktn && cp cdktn-cli/package.json cdktn-cli/package-lock.json $(TOOLS)/cdktn/
	cd $(TOOLS)/cdktn && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

synth: setup ## Synthesize all stacks with the cdktf CLI into cdktf.out/
	cdktf synth

demo: setup ## Run the whole job on the embedded emulator and show the result
	@bash scripts/demo.sh

# Two workers (pytest-xdist), one test module per worker: each worker starts its own emulator (the
# session fixture), so no two Terraform runs share one; Terraform waits on the emulator and the provider
# as much as on the CPU, so two workers fit this 2-core machine.
TEST_WORKERS ?= 2
test: setup setup-cdktn ## Run the full test suite (unit, synth, real Terraform, cdktf CLI) on $(TEST_WORKERS) workers
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope

# The development loop: no Terraform, no cdktf CLI, nothing marked slow; two workers (pytest-xdist),
# one test module per worker. scripts/forbidden-tools/ comes first on PATH, so a test that runs
# terraform or cdktf without its marker fails here instead of making this target slow or untruthful.
FAST_MARKERS := not terraform and not cdktf_cli and not slow
test-fast: setup ## Every test but those marked terraform, cdktf_cli or slow (under 2 min)
	PATH="$(CURDIR)/scripts/forbidden-tools:$$PATH" $(PY) -m pytest -m "$(FAST_MARKERS)" -n 2 --dist loadscope

bench: setup ## Print the benchmark figures
	$(PY) -m benchmarks

clean: ## Remove generated output (keeps installed tools)
	rm -rf cdktf.out imports .pytest_cache
