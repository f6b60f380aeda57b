#!/usr/bin/env bash
# Pin every Python dependency, with hashes, from pyproject.toml: one lock per set of extras that
# scripts/setup.sh installs. Run it (`make lock`) after changing pyproject.toml's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

uv=.venv/bin/uv
[ -x "$uv" ] || { echo "uv is missing: run scripts/setup.sh --test first (uv is a test extra)" >&2; exit 1; }

# The machines Inside Out runs on: Linux x86-64, Python 3.11. /opt/wheels, where a machine has
# it, holds wheels pip also finds there (PyTorch's CPU build, smaller than PyPI's).
options=(--generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28
         --index-strategy unsafe-best-match --quiet)
[ -d /opt/wheels ] && options+=(--find-links /opt/wheels)

for variant in base themes test test-themes; do
  extras=()
  case $variant in
    themes) extras=(--extra themes) ;;
    test) extras=(--extra test) ;;
    test-themes) extras=(--extra test --extra themes) ;;
  esac
  echo "Locking requirements/lock-$variant.txt"
  "$uv" pip compile pyproject.toml "${extras[@]}" "${options[@]}" \
    --custom-compile-command "make lock" -o "requirements/lock-$variant.txt"
done
