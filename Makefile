# Inside Out: `make demo` runs the demo department; `make test` runs every check.
.PHONY: demo test check lint format bench setup setup-test lock

demo: setup  ## Set up, build the demo department on SQLite and serve it at http://127.0.0.1:8000
	.venv/bin/insideout demo

test: setup-test check  ## Set up and run the whole test suite (lint, unit, API, browser)

check:  ## Run the checks without setting up again: lint, format, the house, types, migrations, tests
	.venv/bin/ruff check src tests bench scripts
	.venv/bin/ruff format --check src tests bench scripts
	.venv/bin/lint-imports
	.venv/bin/mypy
	.venv/bin/insideout makemigrations --check --dry-run
	.venv/bin/pytest

lint:
	.venv/bin/ruff check src tests bench scripts

format:
	.venv/bin/ruff format src tests bench scripts

# Every script in bench/ but the helpers they share; each prints its figures and ceilings.
BENCHMARKS = $(filter-out bench/harness.py bench/bare_django.py,$(sort $(wildcard bench/*.py)))

bench: setup  ## Run every benchmark in bench/ and print its figures (on DATABASE_URL's kind)
	@for benchmark in $(BENCHMARKS); do \
		echo "== $$benchmark"; .venv/bin/python $$benchmark || exit 1; \
	done

lock:  ## After editing pyproject.toml's dependencies: pin them all, with hashes, in requirements/
	scripts/lock.sh

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test
