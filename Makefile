# Inside Out: `make demo` runs the demo department; `make test` runs every check.
.PHONY: demo test check lint format bench setup setup-test

demo: setup  ## Set up, build the demo department on SQLite and serve it at http://127.0.0.1:8000
	.venv/bin/insideout demo

test: setup-test check  ## Set up and run the whole test suite (lint, unit, API, browser)

check:  ## Run the checks without setting up again
	.venv/bin/ruff check src tests bench scripts
	.venv/bin/insideout makemigrations --check --dry-run
	.venv/bin/pytest

lint:
	.venv/bin/ruff check src tests bench scripts

format:
	.venv/bin/ruff format src tests bench scripts

bench: setup  ## Print the benchmarks' figures
	.venv/bin/python bench/import_orgs.py

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test
