#!/usr/bin/env bash
# Runs every check of the project: type-check, lint, prettier, unit and
# integration tests with coverage (SQLite and PostgreSQL, real Prometheus and
# Alertmanager), per-package coverage thresholds, and the browser tests
# (headless Debian Chromium driven by playwright-core against the built app).
# Installs Node 22 (project-local, only if needed), dependencies and the Debian
# packages it needs first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
source "$GK_ROOT/scripts/services.sh"
cd "$GK_ROOT"

t0=$SECONDS
step() { echo; echo "=== [gatekeeper] $* (t+$((SECONDS - t0))s)"; }

step "install dependencies"
gk_install
step "machine services (PostgreSQL, chromium, prometheus, alertmanager)"
gk_apt_install
gk_postgres
echo "PostgreSQL store tests: ${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-disabled}"

step "type-check (tsc)"
gk_yarn tsc

step "lint"
gk_yarn backstage-cli repo lint

step "prettier"
gk_yarn prettier --check . --loglevel warn

step "unit + integration tests with coverage (thresholds per package)"
CI=true gk_yarn backstage-cli repo test --coverage --maxWorkers=2
node scripts/check-coverage.mjs

step "browser tests (build app, start backend serving it, headless chromium)"
bash "$GK_ROOT/e2e/run.sh"

step "all checks passed in $((SECONDS - t0))s"
