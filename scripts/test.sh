#!/usr/bin/env bash
# The README's test command. Installs everything the tests need on a fresh machine (Python 3.11,
# package registries only: PyPI and Debian), then runs lint, type checks and the whole test suite,
# browser tests included. Extra arguments go to pytest (e.g. `bash scripts/test.sh -m "not browser"`).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's Chromium for the browser tests (a browser download such as `playwright install` is not
# possible offline; Playwright drives this executable instead).
if ! command -v chromium >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# PostgreSQL with PostGIS for the PostGIS store's tests (each run starts its own server in a temp folder).
if ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15-postgis-3 >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
# The gazetteer index is built once from installed packages (GeoNames, airportsdata, Natural Earth).
.venv/bin/sortie gazetteer build >/dev/null

.venv/bin/ruff check geodata dashboard tests benchmarks scripts
# mypy follows no import hook (the editable install maps `sortie.geodata` to geodata/ with one): it reads
# the package through a tree of links to the two folders instead (pyproject.toml: mypy_path).
mkdir -p build/typecheck/sortie
ln -sfn ../../../geodata build/typecheck/sortie/geodata
ln -sfn ../../../dashboard build/typecheck/sortie/dashboard
.venv/bin/mypy
.venv/bin/pytest "$@"
